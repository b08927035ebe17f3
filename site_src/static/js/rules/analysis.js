/**
 * Answer-quality signals for the results page's notices. Pure functions, no DOM.
 * Definitions: docs/results.md. (The hints' gains are in gains.js, the CSV export in csv.js.)
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
