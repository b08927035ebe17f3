/**
 * Scoring rules of docs/bank-format.md, as pure functions.
 *
 * Mirrors builder/rules/scoring.py operation for operation (same order of sums and
 * divisions), so both produce the same floats. No DOM, no dependencies.
 * @module scoring
 */

/** @typedef {{id: string, customer: number, competitor: number}} Option */
/**
 * @typedef {{id: string, dimension: string, type: "likert"|"choice", weight: number,
 *   pole?: "customer"|"competitor", reverse?: boolean, options?: Option[]}} Question
 */
/**
 * @typedef {{bank: {id: string, version: string, fingerprint: string}, threshold: number,
 *   levels: {id: string, min: number}[], dimensions: {id: string, weight: number}[],
 *   questions: Question[]}} Model
 */
/** @typedef {Object<string, number|string|null>} Answers question id -> 1..5, option id or null */

export const AXES = ["customer", "competitor"];

/**
 * Keep only answers that fit the model (stale or foreign ids are dropped).
 * @param {Model} model
 * @param {Object<string, unknown>} answers
 * @returns {Answers}
 */
export function validAnswers(model, answers) {
  const clean = {};
  for (const q of model.questions) {
    const value = answers ? answers[q.id] : undefined;
    if (q.type === "likert" ? Number.isInteger(value) && value >= 1 && value <= 5
        : typeof value === "string" && q.options.some((o) => o.id === value)) {
      clean[q.id] = value;
    }
  }
  return clean;
}

/**
 * Level id for a customer score: the level with the largest min not above it.
 * @param {number|null} customer
 * @param {{id: string, min: number}[]} levels ascending by min
 * @returns {string|null}
 */
export function level(customer, levels) {
  if (customer === null) return null;
  let found = null;
  for (const lv of levels) if (lv.min <= customer) found = lv.id;
  return found;
}

/**
 * Quadrant for two known scores.
 * @param {number} customer
 * @param {number} competitor
 * @param {number} threshold
 * @returns {"customer"|"competitor"|"both"|"inward"}
 */
export function quadrant(customer, competitor, threshold) {
  const highCustomer = customer >= threshold;
  const highCompetitor = competitor >= threshold;
  if (highCustomer && highCompetitor) return "both";
  if (highCustomer) return "customer";
  if (highCompetitor) return "competitor";
  return "inward";
}

function classify(model, customer, competitor) {
  const known = customer !== null && competitor !== null;
  return {
    customer,
    competitor,
    index: known ? customer - competitor : null,
    quadrant: known ? quadrant(customer, competitor, model.threshold) : null,
    level: level(customer, model.levels),
  };
}

/**
 * Every answer a question takes, in order: 1 to 5, or its option ids.
 * @param {Question} q
 * @returns {(number|string)[]}
 */
export const answerValues = (q) => (q.type === "likert" ? [1, 2, 3, 4, 5] : q.options.map((o) => o.id));

/**
 * Weighted points one answer earns and could have earned, on each axis it counts toward.
 * @param {Question} q
 * @param {number|string} value a valid answer (not skipped)
 * @returns {Object<string, [number, number]>} axis -> [earned, possible]
 */
export function points(q, value) {
  const weight = q.weight;
  if (q.type === "likert") return { [q.pole]: [weight * (q.reverse ? 5 - value : value - 1), weight * 4] };
  const chosen = q.options.find((o) => o.id === value);
  const moved = {};
  for (const axis of AXES) {
    const best = Math.max(...q.options.map((o) => o[axis]));
    if (best > 0) moved[axis] = [weight * chosen[axis], weight * best];
  }
  return moved;
}

/**
 * Score answers (assumed valid, see validAnswers) into the result JSON.
 * @param {Model} model
 * @param {Answers} answers
 * @returns {{bank: object, dimensions: object[], overall: object}}
 */
export function score(model, answers) {
  const sums = {};
  for (const d of model.dimensions) {
    sums[d.id] = { customer: [0, 0], competitor: [0, 0], answered: 0, total: 0 };
  }
  for (const q of model.questions) {
    const acc = sums[q.dimension];
    acc.total += 1;
    const value = answers[q.id];
    if (value === null || value === undefined) continue;
    acc.answered += 1;
    for (const [axis, [earned, possible]] of Object.entries(points(q, value))) {
      acc[axis][0] += earned;
      acc[axis][1] += possible;
    }
  }
  const dimensions = model.dimensions.map((d) => {
    const acc = sums[d.id];
    const [customer, competitor] = AXES.map((axis) =>
      acc[axis][1] > 0 ? (100 * acc[axis][0]) / acc[axis][1] : null);
    return { id: d.id, ...classify(model, customer, competitor), answered: acc.answered, total: acc.total };
  });
  const [customer, competitor] = AXES.map((axis) => {
    let total = 0;
    let weights = 0;
    model.dimensions.forEach((d, i) => {
      if (dimensions[i][axis] !== null) {
        total += d.weight * dimensions[i][axis];
        weights += d.weight;
      }
    });
    return weights > 0 ? total / weights : null;
  });
  const overall = {
    ...classify(model, customer, competitor),
    answered: dimensions.reduce((n, d) => n + d.answered, 0),
    total: dimensions.reduce((n, d) => n + d.total, 0),
  };
  return { bank: { ...model.bank }, dimensions, overall };
}
