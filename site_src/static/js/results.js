// The results page: score the tab's answers and fill in the server-rendered page.
import { download } from "./page.js";
import { showResultCode } from "./result-code.js";
import { score, validAnswers } from "./scoring.js";
import { fill, loadState, readData } from "./state.js";

const data = readData("results-data");
const { model } = data;
const answers = validAnswers(model, loadState(model.bank).answers);
const result = score(model, answers);
// Scores are shown rounded down, so a shown 60 never sits below a level that starts at 60.
const shown = (value) => String(Math.floor(value));

function showScores(row, scores) {
  for (const axis of ["customer", "competitor"]) {
    const cell = row.querySelector(`[data-cell="${axis}"]`);
    if (scores[axis] === null) {
      cell.textContent = data.text.not_scored;
    } else {
      const meter = document.createElement("meter");
      Object.assign(meter, { min: 0, max: 100, value: scores[axis] });
      meter.setAttribute("aria-hidden", "true");
      cell.replaceChildren(shown(scores[axis]), " ", meter);
    }
  }
  row.querySelector('[data-cell="level"]').textContent =
    scores.level === null ? data.text.not_scored : data.levels[scores.level];
}

if (result.overall.answered === 0) {
  document.getElementById("no-answers").hidden = false;
} else {
  const { overall } = result;
  const skipped = overall.total - overall.answered;
  document.getElementById("answered-note").textContent = skipped
    ? fill(data.text.results_skipped, { skipped, total: overall.total })
    : fill(data.text.results_all_answered, { total: overall.total });
  const verdict = document.querySelector(`[data-quadrant="${overall.quadrant}"]`);
  if (verdict) verdict.hidden = false;
  showScores(document.querySelector('tfoot [data-dimension=""]'), overall);
  for (const dim of result.dimensions) {
    showScores(document.querySelector(`tbody [data-dimension="${dim.id}"]`), dim);
    const article = document.querySelector(`.recommendations [data-dimension="${dim.id}"]`);
    const advice = dim.level && article.querySelector(`[data-level="${dim.level}"]`);
    article.hidden = !advice;
    if (advice) {
      advice.hidden = false;
      article.querySelector('[data-cell="level"]').textContent = data.levels[dim.level];
    }
  }
  document.getElementById("download-json").addEventListener("click", () => {
    download(`${model.bank.id}-result.json`, JSON.stringify(result, null, 2) + "\n", "application/json");
  });
  showResultCode(data, answers);
  document.getElementById("results").hidden = false;
}
