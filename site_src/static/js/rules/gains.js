/**
 * Improvement gains (docs/results.md), for the hints page: how much each answer
 * could raise the overall customer score. Pure function, no DOM.
 * @module gains
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
