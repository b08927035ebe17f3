// "Save or share your result": the result code (in groups of four; codes are
// read with or without spaces), sent to the organisation's own survey form when
// the site config has a collect URL (with {code}); a link to the result, its
// JSON, remembering the answers on this device, and forgetting them.
import { encode } from "../rules/codes.js";
import { resultPage } from "../ui/current.js";
import { $, download } from "../ui/page.js";
import { remember, remembered, storageKey } from "../ui/state.js";

const { data, model, text, answers, segment, code, result } = await resultPage();

/** Copy `value` (by default the field's text); where the clipboard API is refused (e.g. plain http), the field's selected text. */
async function copy(field, value = field.value) {
  field.select();
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return document.execCommand("copy");
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
  for (const id of ["results", "link-problem"]) $(id).hidden = true;
  $("forgotten").hidden = false;
  $("forgotten").focus();
}

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const field = $("result-code");
  const button = $("copy-code");
  const resultCode = encode(model, data.tag, answers, segment);
  field.value = resultCode.replace(/(.{4})(?=.)/g, "$1 ");
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    // the code without the spaces that group it for reading: what a form expects
    $("copy-status").textContent = button.dataset[(await copy(field, resultCode)) ? "copied" : "failed"];
  });
  const collect = $("collect-code");
  if (collect) collect.href = collect.dataset.url.split("{code}").join(encodeURIComponent(resultCode));
  $("copy-link").addEventListener("click", async () => {
    $("share").hidden = false;
    $("share-link").value = `${new URL("results.html", location.href).href}#c=${resultCode}`;
    $("share-status").textContent = (await copy($("share-link"))) ? text.link_copied : text.link_copy_manually;
  });
  $("download-json").addEventListener("click", () => {
    download(`${model.bank.id}-result.json`, JSON.stringify(result, null, 2) + "\n", "application/json");
  });
  const box = $("remember");
  const kept = remembered(model.bank);
  box.checked = Boolean(kept);
  box.disabled = kept === null;
  // a shared link's answers are never stored
  box.disabled ||= Boolean(code);
  box.addEventListener("change", () => remember(model.bank, answers, box.checked));
  $("forget").addEventListener("click", forget);
  $("results").hidden = false;
}
