/**
 * The answers the result pages show (results, next, hints, compare, method): those of
 * a shared link (`#c=<result code>` in the fragment, never sent to a server),
 * else the tab's (state.js). A link's answers are never stored; the page's
 * onward links (`a[data-carry]`) pass its code on, so that every page shows
 * the same result.
 * @module current
 */
import { decode } from "../rules/codes.js";
import { score, validAnswers } from "../rules/scoring.js";
import { readData } from "./page.js";
import { loadSegment, loadState } from "./state.js";

/** The fragment's parameters: `c` (a result code) and flags such as `print`. */
export const fragment = () => new URLSearchParams(location.hash.slice(1));

/**
 * @param {{model: import("../rules/scoring.js").Model, tag: string, segments: string[], text: Object<string, string>}} data
 *   the page's inlined data
 * @returns {Promise<{answers: import("../rules/scoring.js").Answers, segment: number, code: string|null}>}
 *   segment: 0 = none, else index + 1; code: the link's, when the answers come from one
 */
export async function currentAnswers(data) {
  const { model } = data;
  const linked = fragment().get("c");
  // a link pasted into the address bar of an open page changes only the fragment
  addEventListener("hashchange", () => {
    const code = fragment().get("c");
    if (code && code !== linked) location.reload();
  });
  if (linked) {
    const decoded = decode(model, data.tag, linked, data.segments.length);
    if (decoded.ok) {
      for (const link of document.querySelectorAll("a[data-carry]")) {
        const [page, target] = link.getAttribute("href").split("#");
        link.setAttribute("href", `${page}#c=${linked}${target ? `&${target}` : ""}`);
      }
      return { answers: validAnswers(model, decoded.answers), segment: decoded.segment, code: linked };
    }
    const problem = document.getElementById("link-problem");
    problem.textContent = data.text[decoded.reason === "bank" ? "other_bank" : "link_invalid"];
    problem.hidden = false;
  }
  const segment = data.segments.indexOf(loadSegment(model.bank)) + 1;
  return { answers: validAnswers(model, loadState(model.bank).answers), segment, code: null };
}

/** Once the page is filled in: scroll to the element the fragment names (`#computed`, `#c=…&rec-x`), hidden until then. */
export function scrollToTarget() {
  for (const name of fragment().keys()) document.getElementById(name)?.scrollIntoView();
}

/**
 * What every result page starts from: its inlined data (`#results-data`), the
 * shown answers and their result.
 */
export async function resultPage() {
  const data = readData("results-data");
  const shown = await currentAnswers(data);
  return { data, model: data.model, text: data.text, ...shown, result: score(data.model, shown.answers) };
}
