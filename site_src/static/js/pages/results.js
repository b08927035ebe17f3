// The results page: score the answers (the tab's, or a link's), then fill in and
// unhide the server-rendered page. Text from the bank only ever moves as textContent.
// What the result means and what to do next, the hints, comparing and the
// explanation are pages of their own (next, hints, compare, method) that show the same answers.
import { manySkipped, straightLining } from "../rules/analysis.js";
import { encode } from "../rules/codes.js";
import { resultPage } from "../ui/current.js";
import { draw } from "../ui/draw.js";
import { $, download, fill } from "../ui/page.js";
import { saveState, storageKey } from "../ui/state.js";

const { data, model, text, answers, segment, code, result } = await resultPage();
const key = storageKey(model.bank);
$("from-link").hidden = !code;

/** Copy a field's text; where the clipboard API is refused (e.g. plain http), the selection. */
async function copy(field) {
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    return document.execCommand("copy");
  }
}

function remember(on) {
  try {
    if (on) localStorage.setItem(key, JSON.stringify({ answers, step: 0 }));
    else localStorage.removeItem(key);
  } catch {
    /* storage disabled: nothing to keep */
  }
}

function forget() {
  // every version of this bank
  const prefix = storageKey({ id: model.bank.id, fingerprint: "" });
  try {
    for (const store of [sessionStorage, localStorage]) {
      for (const name of Object.keys(store)) if (name.startsWith(prefix)) store.removeItem(name);
    }
  } catch {
    /* storage disabled: nothing was kept */
  }
  history.replaceState(null, "", location.pathname + location.search);
  for (const id of ["results", "from-link", "link-problem"]) $(id).hidden = true;
  $("forgotten").hidden = false;
  $("forgotten").focus();
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
  const verdict = document.querySelector(`[data-quadrant="${overall.quadrant}"]`);
  if (verdict) verdict.hidden = false;
  draw(data, result);

  // The result code (docs/result-code.md): shown, copied, and optionally sent to the
  // organisation's own survey form (the site config's collect URL, with {code}).
  const field = $("result-code");
  const button = $("copy-code");
  field.value = encode(model, data.tag, answers, segment);
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    $("copy-status").textContent = button.dataset[(await copy(field)) ? "copied" : "failed"];
  });
  const collect = $("collect-code");
  if (collect) collect.href = collect.dataset.url.split("{code}").join(encodeURIComponent(field.value));
  $("copy-link").addEventListener("click", async () => {
    $("share").hidden = false;
    $("share-link").value = `${location.href.split("#")[0]}#c=${field.value}`;
    $("share-status").textContent = (await copy($("share-link"))) ? text.link_copied : text.link_copy_manually;
  });
  $("download-json").addEventListener("click", () => {
    download(`${model.bank.id}-result.json`, JSON.stringify(result, null, 2) + "\n", "application/json");
  });
  $("edit-answers").addEventListener("click", () => {
    saveState(model.bank, { answers, step: 0 });
    location.href = "quiz.html";
  });

  const box = $("remember");
  try {
    box.checked = localStorage.getItem(key) !== null;
  } catch {
    box.disabled = true;
  }
  // keep the remembered answers current
  if (box.checked && !code) remember(true);
  box.addEventListener("change", () => remember(box.checked));
  $("forget").addEventListener("click", forget);
  $("results").hidden = false;
}
