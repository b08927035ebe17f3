/**
 * An earlier result to compare with, from a downloaded result JSON or a link
 * or result code. Pure; loaded only when someone compares.
 * @module compare
 */
import { decode } from "./codes.js";
import { score } from "./scoring.js";

const isScore = (value) => value === null || Number.isFinite(value);
const hasScores = (scores) => typeof scores === "object" && scores !== null
  && isScore(scores.customer) && isScore(scores.competitor);

/**
 * @param {string} text contents of a result JSON file
 * @param {import("./scoring.js").Model} model
 * @returns {{result: object} | {error: "other_bank"|"result_invalid"}}
 */
export function fromJson(text, model) {
  let result;
  try {
    result = JSON.parse(text);
  } catch {
    return { error: "result_invalid" };
  }
  const bank = result && result.bank;
  if (!bank || typeof bank.fingerprint !== "string") return { error: "result_invalid" };
  if (bank.id !== model.bank.id || bank.fingerprint !== model.bank.fingerprint) return { error: "other_bank" };
  const { dimensions } = result;
  const fits = Array.isArray(dimensions) && dimensions.length === model.dimensions.length
    && dimensions.every((d, i) => hasScores(d) && d.id === model.dimensions[i].id) && hasScores(result.overall);
  return fits ? { result } : { error: "result_invalid" };
}

/**
 * @param {string} text a result code, or a link with `#c=<code>`
 * @param {import("./scoring.js").Model} model
 * @param {string} tag the bank tag
 * @param {number} [segments] how many segments the bank has (codes may name one)
 * @returns {{result: object} | {error: "other_bank"|"result_invalid"}}
 */
export function fromCode(text, model, tag, segments = 0) {
  const link = /#c=([^&\s]*)/.exec(text);
  const decoded = decode(model, tag, link ? link[1] : text, segments);
  if (decoded.ok) return { result: score(model, decoded.answers) };
  return { error: decoded.reason === "bank" ? "other_bank" : "result_invalid" };
}
