// "Where you can gain most": the improvement hints of the shown answers (the
// tab's, or a link's), biggest change of the index first (gains.js), each with
// what to do (strengthen, let go of, rethink) and the scores it moves. Bank text
// is server-rendered; this only unhides, reorders and adds words from the UI strings.
import { gains } from "../rules/gains.js";
import { resultPage } from "../ui/current.js";
import { leverWords } from "../ui/levers.js";
import { $, fill, lang } from "../ui/page.js";

const { model, text, answers, result } = await resultPage();

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const top = $("more-hints").start - 1;
  const ranked = gains(model, answers).filter(({ id }) => document.querySelector(`[data-hint="${id}"]`));
  ranked.forEach((lever, i) => {
    const hint = document.querySelector(`[data-hint="${lever.id}"]`);
    const { verb, effect } = leverWords(lever, model, answers, text);
    hint.querySelector(".verb").textContent = verb;
    hint.querySelector(".effect").textContent = effect;
    $(i < top ? "hints" : "more-hints").append(hint);
    hint.hidden = false;
  });
  $("more-hints-box").hidden = ranked.length <= top;
  $("report-date").textContent = fill(text.report_date, { date: new Date().toLocaleDateString(lang, { dateStyle: "long" }) });
  $("print").addEventListener("click", () => print());
  $("no-hints").hidden = ranked.length > 0;
  $("results").hidden = !ranked.length;
}
