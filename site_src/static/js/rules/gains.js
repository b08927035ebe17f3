/**
 * Levers (docs/results.md): for every answered question, how much the overall
 * index (customer score − competitor score) would rise if this one answer were
 * the best one for the index, and how much each axis would move. A customer
 * statement is a lever by what it could add; a competitor statement one agreed
 * with is a lever too, by what letting go of it would take away. Pure function,
 * no DOM; builder/rules/gains.py is its twin.
 * @module gains
 */
import { AXES, answerValues, points } from "./scoring.js";

/**
 * Biggest gain first; ties keep bank order. `best` is the answer that gains most
 * (the first of equals); `customer` and `competitor` are the changes of the
 * overall scores it brings.
 * @param {import("./scoring.js").Model} model
 * @param {import("./scoring.js").Answers} answers valid answers
 * @returns {{id: string, best: number|string, gain: number, customer: number, competitor: number}[]}
 */
export function gains(model, answers) {
  // the denominators, per axis and dimension: no answer's value changes them
  const possible = { customer: {}, competitor: {} };
  const answered = model.questions.filter((q) => answers[q.id] !== undefined && answers[q.id] !== null);
  for (const q of answered) {
    for (const [axis, [, most]] of Object.entries(points(q, answers[q.id]))) {
      possible[axis][q.dimension] = (possible[axis][q.dimension] || 0) + most;
    }
  }
  const weight = {};
  const weights = { customer: 0, competitor: 0 };
  for (const d of model.dimensions) {
    weight[d.id] = d.weight;
    for (const axis of AXES) if (possible[axis][d.id]) weights[axis] += d.weight;
  }
  /** How the two overall scores move when `q`'s answer changes from `from` to `to`. */
  const moves = (q, from, to) => {
    const before = points(q, from);
    const after = points(q, to);
    return AXES.map((axis) => (after[axis]
      ? (((100 * (after[axis][0] - before[axis][0])) / possible[axis][q.dimension]) * weight[q.dimension]) / weights[axis]
      : 0));
  };
  const levers = [];
  for (const q of answered) {
    let best = null;
    for (const to of answerValues(q)) {
      const [customer, competitor] = moves(q, answers[q.id], to);
      const gain = customer - competitor;
      if (!best || gain > best.gain) best = { id: q.id, best: to, gain, customer, competitor };
    }
    if (best.gain > 0) levers.push(best);
  }
  return levers.sort((a, b) => b.gain - a.gain);
}

/**
 * What a lever asks of an answer: for a statement, to agree more ("raise") or less
 * ("let_go": a competitor statement, or a reverse-worded one); for a choice, to
 * choose another option ("rethink").
 * @param {{type: string}} q @param {number|string} from the given answer @param {number|string} to the best one
 * @returns {"raise"|"let_go"|"rethink"}
 */
export const direction = (q, from, to) => (q.type !== "likert" ? "rethink" : to > from ? "raise" : "let_go");
