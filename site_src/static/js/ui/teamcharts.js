// The team page's building blocks: elements made from text only (never HTML),
// tables in focusable scrolling regions, collapsed data tables, and the inline SVG
// charts (quadrant distribution, box plots, answer bars, heatmap). Every chart
// is drawn from the team JSON alone, so what min_group_size hides is never drawn;
// its data table, collapsed below it, is its text alternative (the SVG is hidden
// from assistive technology).
import { AXES } from "../rules/scoring.js";

/** An element; strings and numbers become text nodes, never HTML. */
export function el(tag, children = [], attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...[].concat(children));
  return node;
}

/** An SVG element with these attributes (and text), appended to `parent`; returns it. */
export function svg(parent, name, attributes = {}, text = "") {
  const node = parent.appendChild(document.createElementNS("http://www.w3.org/2000/svg", name));
  for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, value);
  if (text !== "") node.textContent = text;
  return node;
}

/** An SVG canvas, hidden from assistive technology: the data table next to it says the same. */
export const canvas = (viewBox, className, attributes = {}) =>
  svg(el("div"), "svg", { viewBox, class: className, "aria-hidden": "true", focusable: "false", ...attributes });

/**
 * A table in a region that scrolls sideways when the screen is too narrow: focusable and
 * labelled by the caption (and `where`, when captions repeat across sections), so that a
 * keyboard can scroll it. Each row's first cell heads it; a lone second cell spans the rest.
 */
export function table(caption, head, rows, where = "") {
  const box = el("div", el("table", [el("caption", caption), el("thead", el("tr", head.map((h) => el("th", h)))),
    el("tbody", rows.map(([first, ...rest]) => el("tr", [el("th", first), ...rest.map((c) => el("td", c))])))]),
  { class: "table-scroll", tabindex: "0", role: "region", "aria-label": where ? `${caption} (${where})` : caption });
  box.querySelectorAll("thead th").forEach((th) => { th.scope = "col"; });
  box.querySelectorAll("tbody th").forEach((th) => {
    th.scope = "row";
    if (th.nextSibling && !th.nextSibling.nextSibling) th.nextSibling.colSpan = head.length - 1;
  });
  return box;
}

/** Data tables, collapsed under a summary (opened for printing). */
export const details = (summary, content) => el("details", [el("summary", summary), ...[].concat(content)]);

/** A chart in a figure with its caption; `parts` are SVGs or elements around them. */
export const figure = (caption, parts, className = "") =>
  el("figure", [...[].concat(parts), el("figcaption", caption)], className ? { class: className } : {});

/** A title too long for a quadrant's cell as two lines, broken at the space nearest its middle. */
function twoLines(title) {
  if (title.length <= 20) return [title];
  const spaces = [...title.matchAll(/ /g)].map((m) => m.index);
  if (!spaces.length) return [title];
  const at = spaces.reduce((a, b) => (Math.abs(b - title.length / 2) < Math.abs(a - title.length / 2) ? b : a));
  return [title.slice(0, at), title.slice(at + 1)];
}

// --- the quadrants: the map's layout (competitor high at the top, customer high on the right)
const CELLS = { competitor: [0, 0], both: [1, 0], inward: [0, 1], customer: [1, 1] };

/**
 * People per quadrant as a 2 x 2 grid in the quadrant map's layout, each cell shaded by its share.
 * @param {Object<string, number>} counts the team JSON's quadrants (with `none`)
 * @param {Object<string, string>|null} titles quadrant id -> title, written into the cells (the large chart)
 * @param {(count: number, n: number) => string} share how a count is shown
 */
export function quadrantGrid(counts, titles, share, axisNames) {
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  const placed = n - counts.none;
  const [w, h] = titles ? [100, 60] : [50, 32];
  const box = canvas(titles ? `-12 0 ${2 * w + 12} ${2 * h + 12}` : `0 0 ${2 * w} ${2 * h}`,
    titles ? "quadrant-chart" : "quadrant-chart small");
  for (const [quadrant, [col, row]] of Object.entries(CELLS)) {
    const [x, y] = [col * w, row * h];
    const part = placed ? counts[quadrant] / placed : 0;
    svg(box, "rect", { x: x + 1, y: y + 1, width: w - 2, height: h - 2, class: `cell ${quadrant}`,
      "fill-opacity": (0.08 + 0.5 * part).toFixed(2) });
    if (titles) {
      const lines = twoLines(titles[quadrant]);
      lines.forEach((line, l) => svg(box, "text", { x: x + w / 2, y: y + (lines.length > 1 ? 14 : 20) + 10 * l,
        "text-anchor": "middle", class: "cell-title" }, line));
      svg(box, "text", { x: x + w / 2, y: y + 44, "text-anchor": "middle", class: "cell-value" },
        share(counts[quadrant], placed));
    } else {
      svg(box, "text", { x: x + w / 2, y: y + h / 2 + 5, "text-anchor": "middle", class: "cell-value" },
        share(counts[quadrant], placed));
    }
  }
  if (titles) {
    svg(box, "text", { x: w, y: 2 * h + 10, "text-anchor": "middle", class: "axis-name" }, `${axisNames[0]} →`);
    svg(box, "text", { x: -h, y: -3, transform: "rotate(-90)", "text-anchor": "middle", class: "axis-name" },
      `${axisNames[1]} →`);
  }
  return box;
}

/**
 * One dimension's box plots, a row per axis: whiskers from lowest to highest, the box
 * over the middle half (q1 to q3), a line at the median; the threshold dashed.
 * @param {{customer: object, competitor: object}} part statistics of the team JSON
 */
export function boxPlot(part, threshold) {
  const box = canvas("0 0 100 20", "box-plot", { preserveAspectRatio: "none" });
  for (const x of [25, 50, 75]) svg(box, "line", { x1: x, x2: x, y2: 20, class: "grid" });
  svg(box, "line", { x1: threshold, x2: threshold, y2: 20, class: "threshold" });
  AXES.forEach((axis, i) => {
    const s = part[axis];
    if (!s.n) return; // hidden or empty: said in words beside the chart
    const [top, middle] = [2 + 10 * i, 5 + 10 * i];
    svg(box, "line", { x1: s.min, x2: s.max, y1: middle, y2: middle, class: `whisker ${axis}` });
    svg(box, "rect", { x: s.q1, width: Math.max(s.q3 - s.q1, 0.5), y: top, height: 6, class: `box ${axis}` });
    svg(box, "line", { x1: s.median, x2: s.median, y1: top - 1, y2: top + 7, class: `median ${axis}` });
  });
  return box;
}

/**
 * A diverging bar around the middle: the first two scale points left, the middle one
 * across the centre, the last two right. `shares` are [low, middle, high] fractions.
 */
export function divergingBar(shares) {
  const [low, middle, high] = shares.map((share) => share * 50);
  const box = canvas("0 0 100 6", "answer-bar", { preserveAspectRatio: "none" });
  svg(box, "rect", { x: 50 - middle / 2 - low, width: low, height: 6, class: "low" });
  svg(box, "rect", { x: 50 - middle / 2, width: middle, height: 6, class: "middle" });
  svg(box, "rect", { x: 50 + middle / 2, width: high, height: 6, class: "high" });
  svg(box, "line", { x1: 50, x2: 50, y2: 6, class: "centre" });
  return box;
}

/** A plain bar for one choice option's share (0 to 1). */
export function shareBar(share) {
  const box = canvas("0 0 100 6", "answer-bar", { preserveAspectRatio: "none" });
  svg(box, "rect", { width: 100, height: 6, class: "track" });
  svg(box, "rect", { width: share * 100, height: 6, class: "option" });
  return box;
}

/**
 * Groups x columns: each group's difference from the whole team, blue above and orange
 * below, stronger the larger it is; `null` cells (hidden, or nothing to compare) grey.
 * A group's name stands on its own line above its cells, so that long names need no
 * label column and the cells stay large on a phone.
 * @param {string[]} rows group names @param {string[]} columns column names
 * @param {(number|null)[][]} values @param {(value: number|null) => string} show a cell's text
 */
export function heatmap(rows, columns, values, show) {
  const [w, h, name, head] = [46, 24, 13, 64];
  // room on the right for the last column's slanted name
  const box = canvas(`0 0 ${w * columns.length + 44} ${head + (name + h) * rows.length}`, "heatmap");
  columns.forEach((column, j) => {
    const x = w * j + w / 2;
    svg(box, "text", { x, y: head - 6, transform: `rotate(-35 ${x} ${head - 6})`, class: "column-name" },
      column.length > 16 ? `${column.slice(0, 15)}…` : column);
  });
  rows.forEach((row, i) => {
    const y = head + (name + h) * i;
    svg(box, "text", { x: 1, y: y + name - 3, class: "row-name" }, row);
    columns.forEach((_, j) => {
      const value = values[i][j];
      const strength = value === null ? 0 : Math.min(Math.abs(value) / 20, 1);
      svg(box, "rect", { x: w * j + 1, y: y + name, width: w - 2, height: h - 2,
        class: value === null ? "cell none" : value >= 0 ? "cell above" : "cell below",
        "fill-opacity": value === null ? 1 : (0.06 + 0.4 * strength).toFixed(2) });
      svg(box, "text", { x: w * j + w / 2, y: y + name + h / 2 + 3, "text-anchor": "middle", class: "cell-value" },
        show(value));
    });
  });
  return box;
}
