// The results page's result code: shown, copied, and optionally sent to the
// organisation's own survey form (the site config's collect URL, with {code}).

/** @param {string} code the result code of the shown answers */
export function showResultCode(code) {
  const field = document.getElementById("result-code");
  const button = document.getElementById("copy-code");
  const status = document.getElementById("copy-status");
  field.value = code;
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    field.select();
    let copied;
    try {
      await navigator.clipboard.writeText(code);
      copied = true;
    } catch {
      copied = document.execCommand("copy"); // e.g. served over plain http
    }
    status.textContent = copied ? button.dataset.copied : button.dataset.failed;
  });
  const collect = document.getElementById("collect-code");
  if (collect) collect.href = collect.dataset.url.split("{code}").join(encodeURIComponent(code));
}
