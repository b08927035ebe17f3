// The results page: score the answers (the tab's, or a link's), then fill in and
// unhide the server-rendered page. Text from the bank only ever moves as textContent.
// What the result means and what to do next, the hints, comparing, the
// explanation, and saving or sharing (the result code) are pages of their own
// (next, hints, compare, method, keep) that show the same answers.
import { manySkipped, straightLining } from "../rules/analysis.js";
import { gains } from "../rules/gains.js";
import { resultPage } from "../ui/current.js";
import { leverWords } from "../ui/levers.js";
import { $, fill } from "../ui/page.js";
import { fillScores } from "../ui/scores.js";
import { remember, remembered, saveState } from "../ui/state.js";

const { data, model, text, answers, code, result } = await resultPage();
$("from-link").hidden = !code;

/** "Your three biggest levers": what to change, in words, and the scores it moves. */
function showLevers(levers) {
  $("levers").replaceChildren(...levers.map((lever) => {
    const { verb, effect } = leverWords(lever, model, answers, text);
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("strong"), { textContent: verb }),
      ` ${data.questions[model.questions.findIndex((q) => q.id === lever.id)]} `,
      Object.assign(document.createElement("span"), { className: "muted", textContent: effect }));
    return item;
  }));
  $("levers-box").hidden = !levers.length;
}

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const { overall } = result;
  const skipped = overall.total - overall.answered;
  $("answered-note").textContent = skipped
    ? fill(text.results_skipped, { skipped, total: overall.total })
    : fill(text.results_all_answered, { total: overall.total });
  $("notice-skipped").hidden = !manySkipped(overall);
  $("notice-skipped").textContent = fill(text.notice_skipped, { percent: Math.round((100 * skipped) / overall.total) });
  const repeated = straightLining(model, answers);
  $("notice-straight").hidden = !repeated;
  $("notice-straight").textContent = fill(text.notice_straight, { answer: data.scale[repeated - 1] });
  const verdict = document.querySelector(`.verdict [data-quadrant="${overall.quadrant}"]`);
  if (verdict) verdict.hidden = false;
  // per dimension, the first step for where it stands
  for (const { id, quadrant } of result.dimensions) {
    const advice = document.querySelector(`[data-dimension="${id}"] [data-quadrant="${quadrant}"]`);
    if (advice) advice.hidden = false;
  }
  showLevers(gains(model, answers).slice(0, 3));
  fillScores(data, result);

  $("edit-answers").addEventListener("click", () => {
    saveState(model.bank, { answers, step: 0 });
    location.href = "quiz.html";
  });

  // answers remembered on this device (keep page) stay current; a link's are never stored
  if (!code && remembered(model.bank)) remember(model.bank, answers, true);
  $("results").hidden = false;
}
