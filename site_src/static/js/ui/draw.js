// The charts of the next steps and compare pages, with the scores table as their
// text alternative: fills in the server-rendered SVGs and table. The geometry is
// charts.js's; the table, scores.js.
import { mapPoint, place, radarPoint, radarPolygon, separate } from "../rules/charts.js";
import { AXES } from "../rules/scoring.js";
import { fillScores, titles } from "./scores.js";

const known = (scores) => scores && scores.customer !== null && scores.competitor !== null;

/** An SVG element with these attributes (and text), appended to `parent`. */
function svg(parent, name, attributes, text = "") {
  const node = parent.appendChild(document.createElementNS("http://www.w3.org/2000/svg", name));
  for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, value);
  node.textContent = text;
  return node;
}

/**
 * The map's point labels, as drawn: each beside its point, on the other side, below
 * or above it, whichever first meets no quadrant name, point or label placed before
 * (charts.js `place`); any still overlapping are moved apart (`separate`).
 * While the page is hidden, sizes are estimated.
 */
function unclutter(labels, points) {
  const measured = labels.map((label) => label.getBBox());
  const height = Math.max(6.6, ...measured.map((box) => box.height));
  const ascent = 0.78 * height; // of the baseline, the rest below it
  const boxOf = (x, y, anchor, width) => {
    const left = anchor === "end" ? x - width : anchor === "middle" ? x - width / 2 : x;
    return { x, y, anchor, left: left - 0.5, right: left + width + 0.5, top: y - ascent, bottom: y - ascent + height };
  };
  const candidates = labels.map((label, i) => {
    const [x, y] = points[i];
    const width = measured[i].width || label.textContent.length * 3.3;
    const [near, far] = x > 60 ? [[x - 4, "end"], [x + 4, "start"]] : [[x + 4, "start"], [x - 4, "end"]];
    return [boxOf(near[0], y + 2, near[1], width), boxOf(far[0], y + 2, far[1], width),
      boxOf(x, y + 8, "middle", width), boxOf(x, y - 4, "middle", width)];
  });
  const corners = [...document.querySelectorAll("#map .corner text")].map((name) => {
    const box = name.getBBox();
    return { left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height };
  });
  const dots = points.map(([x, y]) => ({ left: x - 2, right: x + 2, top: y - 2, bottom: y + 2 }));
  const chosen = place(candidates, [...corners, ...dots], { left: -13, right: 109, top: -5, bottom: 101 })
    .map((choice, i) => candidates[i][choice]);
  chosen.forEach(({ x, y, anchor }, i) => {
    labels[i].setAttribute("x", x);
    labels[i].setAttribute("y", y);
    labels[i].setAttribute("text-anchor", anchor);
  });
  separate(chosen, height, 100).forEach((y, i) => labels[i].setAttribute("y", y));
}

/**
 * Both charts and the table, for a result and optionally an earlier one (dashed, changes in brackets).
 * @param {{model: object, levels: Object<string, string>, text: Object<string, string>}} data the page's inlined data
 * @param {{dimensions: object[], overall: object}} result
 * @param {{dimensions: object[], overall: object}|null} [before]
 */
export function draw(data, result, before) {
  const names = titles();
  const rows = [...result.dimensions, result.overall];
  const earlier = before ? [...before.dimensions, before.overall] : [];
  fillScores(data, result, before);
  const map = document.getElementById("map-data");
  map.replaceChildren();
  const labels = [];
  const points = [];
  rows.forEach((scores, i) => {
    if (!known(scores)) return;
    const [x, y] = mapPoint(scores.customer, scores.competitor);
    if (known(earlier[i])) {
      // earlier → now: a faint point and an arrow to where the result is now
      const [x1, y1] = mapPoint(earlier[i].customer, earlier[i].competitor);
      svg(map, "line", { x1, y1, x2: x, y2: y, class: "before", "marker-end": "url(#arrow)" });
      svg(map, "circle", { cx: x1, cy: y1, r: 1.5, class: "before" });
    }
    const overall = i === rows.length - 1;
    svg(map, "circle", { cx: x, cy: y, r: overall ? 3 : 2, class: overall ? "overall" : "point",
      "data-dimension": scores.id || "" });
    labels.push(svg(map, "text", { x, y, class: "label" }, names[i]));
    points.push([x, y]);
  });
  unclutter(labels, points);
  const radar = document.getElementById("radar-data");
  // fewer than three dimensions: no radar
  if (!radar) return;
  const grid = document.getElementById("radar-grid");
  const { threshold, dimensions: { length: n } } = data.model;
  if (!grid.firstChild) {
    for (const value of [25, 50, 75, 100].filter((ring) => ring !== threshold).concat(threshold)) {
      svg(grid, "polygon", { points: radarPolygon(Array(n).fill(value)), class: value === threshold ? "threshold" : "" });
    }
    names.slice(0, n).forEach((name, i) => {
      const [x, y] = radarPoint(i, n, 100);
      // grid and polygons are drawn at 80 % (_charts.html), so that labels of 16 units fit beside them
      const [lx, ly] = radarPoint(i, n, 88);
      svg(grid, "line", { x2: x, y2: y });
      svg(grid.nextElementSibling, "text", { x: lx, y: ly + (ly > 1 ? 16 : ly < -1 ? -2 : 6), class: "label",
        "text-anchor": lx > 1 ? "start" : lx < -1 ? "end" : "middle" }, name);
    });
  }
  radar.replaceChildren();
  for (const [scores, state] of [[before, "before"], [result, "now"]]) {
    for (const axis of scores ? AXES : []) {
      svg(radar, "polygon", { points: radarPolygon(scores.dimensions.map((d) => d[axis])), class: `${axis} ${state}` });
    }
  }
}
