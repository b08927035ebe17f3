// The results page's result code: shown, copied, and optionally sent to the
// organisation's own survey form (collect URL with {code}).
import { encode } from "./codes.js";
import { loadSegment } from "./state.js";

/**
 * @param {{model: object, tag: string, segments: string[]}} data the results page data
 * @param {object} answers valid answers
 */
export function showResultCode(data, answers) {
  const segment = data.segments.indexOf(loadSegment(data.model.bank)) + 1; // 0 = none
  const code = encode(data.model, data.tag, answers, segment);
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
