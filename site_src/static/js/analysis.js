/**
 * What the results page derives from answers beyond the scores: improvement
 * gains, answer-quality signals and the CSV export. Pure functions, no DOM.
 * Definitions: docs/results.md.
 * @module analysis
 */
import { points } from "./scoring.js";

/**
 * For every answered question that missed customer points: how many points the
 * overall customer score would rise if this one answer were the best one.
 * Biggest gain first; ties keep bank order.
 * @param {import("./scoring.js").Model} model
 * @param {import("./scoring.js").Answers} answers valid answers
 * @returns {{id: string, gain: number}[]}
 */
export function gains(model, answers) {
  const possible = {};
  const missed = [];
  for (const q of model.questions) {
    const value = answers[q.id];
    const customer = value === undefined || value === null ? null : points(q, value).customer;
    if (!customer) continue;
    possible[q.dimension] = (possible[q.dimension] || 0) + customer[1];
    if (customer[0] < customer[1]) missed.push([q, customer[1] - customer[0]]);
  }
  const weight = {};
  let weights = 0;
  for (const d of model.dimensions) {
    weight[d.id] = d.weight;
    if (possible[d.id]) weights += d.weight;
  }
  return missed
    .map(([q, lost]) => ({ id: q.id, gain: (((100 * lost) / possible[q.dimension]) * weight[q.dimension]) / weights }))
    .sort((a, b) => b.gain - a.gain);
}

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
