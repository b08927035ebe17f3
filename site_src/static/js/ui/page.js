/**
 * Helpers for any page: elements, inlined data, UI text, downloads.
 * @module page
 */

/** The element with this id. @param {string} id */
export const $ = (id) => document.getElementById(id);

/** The page's language, for formatting numbers and dates. */
export const lang = document.documentElement.lang;

/**
 * Parse the JSON inlined in `<script type="application/json" id=...>`.
 * @param {string} id
 */
export function readData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

/**
 * Fill `{name}` placeholders of a UI string.
 * @param {string} template
 * @param {Object<string, string|number>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

/**
 * Offer text as a file download.
 * @param {string} name
 * @param {string} text
 * @param {string} type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Name the files chosen in a file input styled as a button (templates/_file.html):
 * the native control, which would name them in the browser's language, is invisible.
 * @param {HTMLInputElement} input
 */
export function showChosen(input) {
  const names = document.querySelector(`[data-chosen="${input.id}"]`);
  input.addEventListener("change", () => {
    names.textContent = [...input.files].map((file) => file.name).join(", ") || names.dataset.none;
  });
}
