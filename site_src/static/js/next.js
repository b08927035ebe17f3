// "What to do next", the printable report: the charts, the scores and the
// recommendation for each dimension's level, for the answers the results page
// shows (the tab's, or a link's). Bank text is server-rendered and only unhidden here.
import { currentAnswers, fragment, scrollToTarget } from "./current.js";
import { draw } from "./draw.js";
import { score } from "./scoring.js";
import { fill, readData } from "./state.js";

const data = readData("results-data");
const { model, text } = data;
const $ = (id) => document.getElementById(id);
const { lang } = document.documentElement;
const { answers } = await currentAnswers(data);
const result = score(model, answers);

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const quadrant = document.querySelector(`[data-quadrant="${result.overall.quadrant}"]`);
  if (quadrant) quadrant.hidden = false;
  for (const dim of result.dimensions) {
    const article = $(`rec-${dim.id}`);
    const advice = dim.level && article.querySelector(`[data-level="${dim.level}"]`);
    article.hidden = !advice;
    if (advice) {
      advice.hidden = false;
      article.querySelector('[data-cell="level"]').textContent = data.levels[dim.level];
    }
  }
  draw(data, result);
  $("report-date").textContent = fill(text.report_date, { date: new Date().toLocaleDateString(lang, { dateStyle: "long" }) });
  $("print").addEventListener("click", () => print());
  $("results").hidden = false;
  scrollToTarget();
  if (fragment().has("print")) { // "Print report" on the results page
    history.replaceState(null, "", location.href.replace(/[#&]print$/, ""));
    print();
  }
}
