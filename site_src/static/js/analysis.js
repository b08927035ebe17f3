/**
 * What the results page derives from answers beyond the scores: answer-quality
 * signals and the CSV export. Pure functions, no DOM. Definitions: docs/results.md.
 * (The improvement hints' gains are in gains.js, for the hints page.)
 * @module analysis
 */

/** Fewest answered statements for a straight-lining notice. */
export const STRAIGHT_MIN = 5;

/**
 * Straight-lining: the same answer to at least STRAIGHT_MIN likert statements
 * that point in different directions (both poles, or plain and reverse-worded).
 * @param {import("./scoring.js").Model} model
 * @param {import("./scoring.js").Answers} answers valid answers
 * @returns {number} the repeated answer (1 to 5), or 0
 */
export function straightLining(model, answers) {
  const answered = model.questions.filter((q) => q.type === "likert" && answers[q.id]);
  const values = new Set(answered.map((q) => answers[q.id]));
  const kinds = new Set(answered.map((q) => q.pole + q.reverse));
  return answered.length >= STRAIGHT_MIN && values.size === 1 && kinds.size > 1 ? [...values][0] : 0;
}

/** More than 30 % of the questions skipped. @param {{answered: number, total: number}} overall */
export const manySkipped = (overall) => (overall.total - overall.answered) * 10 > overall.total * 3;

export const CSV_COLUMNS = ["dimension", "title", "customer", "competitor", "index", "quadrant", "level",
  "answered", "total"];

const cell = (value) => (value === null ? ""
  : typeof value === "string" && /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : String(value));

/**
 * The result as CSV: one row per dimension, then one for "overall"; the same
 * numbers as the result JSON, unrounded.
 * @param {{dimensions: object[], overall: object}} result
 * @param {string[]} titles dimension titles, then the word for overall
 */
export function toCsv(result, titles) {
  const rows = [...result.dimensions, { id: "overall", ...result.overall }].map((scores, i) =>
    [scores.id, titles[i], ...CSV_COLUMNS.slice(2).map((column) => scores[column])]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
