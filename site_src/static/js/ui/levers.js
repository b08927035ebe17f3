/**
 * Levers in words, for the results and hints pages: the verb (strengthen, let go
 * of, rethink; gains.js `direction`) and the scores the best answer would move.
 * @module levers
 */
import { direction } from "../rules/gains.js";
import { AXES } from "../rules/scoring.js";
import { fill, lang } from "./page.js";

/** A change of a score, signed, with at most one decimal: "+8.3", "−12". */
const signed = (change) =>
  `${change > 0 ? "+" : "−"}${Math.abs(change).toLocaleString(lang, { maximumFractionDigits: 1 })}`;

/**
 * @param {{id: string, best: number|string, customer: number, competitor: number}} lever from gains()
 * @param {import("../rules/scoring.js").Model} model
 * @param {import("../rules/scoring.js").Answers} answers
 * @param {Object<string, string>} text the page's UI strings (lever_*, *_obsession)
 * @returns {{verb: string, effect: string}}
 */
export function leverWords(lever, model, answers, text) {
  const q = model.questions.find((question) => question.id === lever.id);
  const effect = AXES.filter((axis) => lever[axis])
    .map((axis) => fill(text.lever_points, { axis: text[`${axis}_obsession`], change: signed(lever[axis]) }))
    .join(" · ");
  return { verb: text[`lever_${direction(q, answers[q.id], lever.best)}`], effect };
}
