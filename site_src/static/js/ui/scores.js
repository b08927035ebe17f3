// The scores table of the result pages: per dimension and overall, each axis's
// score (rounded down) with a bar, and the maturity level; with an earlier result,
// the changes in brackets.
import { AXES } from "../rules/scoring.js";

/** Scores are shown rounded down, so a shown 60 never sits below a level that starts at 60. */
export const shown = Math.floor;
/** Dimension titles, then the word for overall: the scores table's row headers. */
export const titles = () => [...document.querySelectorAll(".scores th[scope=row]")].map((th) => th.textContent);

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
 * The table, for a result and optionally an earlier one.
 * @param {{levels: Object<string, string>, text: Object<string, string>}} data the page's inlined data
 * @param {{dimensions: object[], overall: object}} result
 * @param {{dimensions: object[], overall: object}|null} [before]
 */
export function fillScores(data, result, before) {
  const earlier = before ? [...before.dimensions, before.overall] : [];
  const rows = document.querySelectorAll(".scores [data-dimension]");
  [...result.dimensions, result.overall].forEach((scores, i) => showScores(rows[i], scores, earlier[i], data));
}
