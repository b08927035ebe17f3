// "What to do next", the printable report: where the company stands, the charts
// and scores, and per dimension the recommendations for where it stands (its
// quadrant) and for its level, for the answers the results page shows (the tab's,
// or a link's); and the scores as CSV. Bank text is
// server-rendered and only unhidden here.
import { toCsv } from "../rules/csv.js";
import { fragment, resultPage, scrollToTarget } from "../ui/current.js";
import { draw } from "../ui/draw.js";
import { $, download, fill, lang } from "../ui/page.js";

const { data, model, text, result } = await resultPage();
// rounded down, as on the results page
const show = (value) => (value === null ? text.not_scored : Math.floor(value));

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const quadrant = document.querySelector(`.position[data-quadrant="${result.overall.quadrant}"]`);
  if (quadrant) quadrant.hidden = false;
  for (const scores of [...result.dimensions, { ...result.overall, id: "" }]) {
    document.querySelector(`[data-scores="${scores.id}"]`).textContent =
      fill(text.report_scores, { customer: show(scores.customer), competitor: show(scores.competitor) });
    const article = $(`rec-${scores.id}`);
    // the advice for where the dimension stands, then for its level
    const advice = [`[data-quadrant="${scores.quadrant}"]`, `[data-level="${scores.level}"]`]
      .map((selector) => article?.querySelector(selector)).filter(Boolean);
    if (!advice.length) continue;
    for (const part of [article, ...advice]) part.hidden = false;
    article.querySelector("span").textContent = data.levels[scores.level] || text.not_scored;
  }
  $("report-date").textContent = fill(text.report_date, { date: new Date().toLocaleDateString(lang, { dateStyle: "long" }) });
  $("print").addEventListener("click", () => print());
  $("download-csv").addEventListener("click", () => {
    download(`${model.bank.id}-result.csv`, "\ufeff" + toCsv(result, data.titles), "text/csv");
  });
  $("results").hidden = false;
  // drawn once shown: the map's labels are measured
  draw(data, result);
  scrollToTarget();
  // "Print report" on the results page leads here
  if (fragment().has("print")) {
    history.replaceState(null, "", location.href.replace(/[#&]print$/, ""));
    print();
  }
}
