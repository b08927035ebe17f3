// Compare with an earlier result: the shown answers (the tab's, or a link's) and
// an earlier result from a JSON file, a link or a result code, both on the charts,
// the changes in the table. Reading the earlier result: earlier.js.
import { fromCode, fromJson } from "../rules/earlier.js";
import { resultPage } from "../ui/current.js";
import { draw } from "../ui/draw.js";
import { $, showChosen } from "../ui/page.js";

const { data, model, text, result } = await resultPage();

function compared(outcome) {
  const status = $("compare-status");
  status.textContent = text[outcome.error || "compare_done"];
  status.className = outcome.error ? "notice" : "";
  if (outcome.error) return;
  draw(data, result, outcome.result);
  for (const id of ["legend-map-before", "legend-before", "legend-now"]) $(id)?.removeAttribute("hidden");
}

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  // drawn once shown: the map's labels are measured
  $("results").hidden = false;
  draw(data, result);
  showChosen($("compare-file"));
  $("compare-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (file) compared(fromJson(await file.text(), model));
  });
  // no <form>: the site has none (form-action 'none'); Enter in the field compares too
  const compareCode = () => compared(fromCode($("compare-code").value, model, data.tag, data.segments.length));
  $("compare-button").addEventListener("click", compareCode);
  $("compare-code").addEventListener("keydown", (event) => { if (event.key === "Enter") compareCode(); });
}
