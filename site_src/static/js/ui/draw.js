// The charts and the scores table of the result pages (results, next, compare):
// fills in the server-rendered SVGs and table. The geometry is charts.js's.
import { mapPoint, radarPoint, radarPolygon } from "../rules/charts.js";
import { AXES } from "../rules/scoring.js";

/** Scores are shown rounded down, so a shown 60 never sits below a level that starts at 60. */
export const shown = Math.floor;
/** Dimension titles, then the word for overall: the scores table's row headers. */
export const titles = () => [...document.querySelectorAll(".scores th[scope=row]")].map((th) => th.textContent);
const known = (scores) => scores && scores.customer !== null && scores.competitor !== null;

/** An SVG element with these attributes (and text), appended to `parent`. */
function svg(parent, name, attributes, text = "") {
  const node = parent.appendChild(document.createElementNS("http://www.w3.org/2000/svg", name));
  for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, value);
  node.textContent = text;
}

/** A table row's cells: each axis's shown score, a bar, the change since `before`; the level. */
function showScores(row, scores, before, data) {
  for (const axis of AXES) {
    const cell = row.querySelector(`[data-cell=${axis}]`);
    cell.textContent = scores[axis] === null ? data.text.not_scored : shown(scores[axis]);
    if (scores[axis] === null) continue;
    const meter = cell.appendChild(document.createElement("meter"));
    Object.assign(meter, { min: 0, max: 100, value: scores[axis] });
    meter.setAttribute("aria-hidden", "true");
    if (before && before[axis] !== null) {
      const change = shown(scores[axis]) - shown(before[axis]);
      cell.append(` (${change > 0 ? "+" : change < 0 ? "−" : "±"}${Math.abs(change)})`);
    }
  }
  row.querySelector("[data-cell=level]").textContent = data.levels[scores.level] || data.text.not_scored;
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
  const tableRows = document.querySelectorAll(".scores [data-dimension]");
  const map = document.getElementById("map-data");
  map.replaceChildren();
  rows.forEach((scores, i) => {
    showScores(tableRows[i], scores, earlier[i], data);
    if (!known(scores)) return;
    const [x, y] = mapPoint(scores.customer, scores.competitor);
    if (known(earlier[i])) {
      const [x1, y1] = mapPoint(earlier[i].customer, earlier[i].competitor);
      svg(map, "line", { x1, y1, x2: x, y2: y, class: "before" });
      svg(map, "circle", { cx: x1, cy: y1, r: 2, class: "before" });
    }
    const overall = i === rows.length - 1;
    svg(map, "circle", { cx: x, cy: y, r: overall ? 3 : 2, class: overall ? "overall" : "point",
      "data-dimension": scores.id || "" });
    svg(map, "text", { x: x > 60 ? x - 4 : x + 4, y: y + 2, "text-anchor": x > 60 ? "end" : "start" }, names[i]);
  });
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
      const [lx, ly] = radarPoint(i, n, 108);
      svg(grid, "line", { x2: x, y2: y });
      svg(grid, "text", { x: lx, y: ly + (ly > 1 ? 12 : ly < -1 ? -2 : 5),
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
