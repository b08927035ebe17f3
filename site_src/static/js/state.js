/**
 * Page helpers shared by the site's modules: inlined data, tab storage, text.
 * Answers live in sessionStorage, which belongs to this tab alone and is
 * cleared when it closes; the key carries the site's path and the bank, as
 * several assessments may share one origin (e.g. a GitHub Pages account).
 * Only the opt-in "Remember on this device" of the results page copies them
 * to localStorage under the same key; a tab without answers starts from there.
 * @module state
 */

/**
 * Parse the JSON inlined in `<script type="application/json" id=...>`.
 * @param {string} id
 */
export function readData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

/** @param {{id: string, fingerprint: string}} bank */
export function storageKey(bank) {
  const root = new URL("../", location.href).pathname;
  return `assess:${root}:${bank.id}:${bank.fingerprint}`;
}

/**
 * The tab's saved state, else the remembered one, else an empty one (storage may be unavailable).
 * @param {{id: string, fingerprint: string}} bank
 * @returns {{answers: Object<string, number|string|null>, step: number}}
 */
export function loadState(bank) {
  try {
    const key = storageKey(bank);
    const saved = JSON.parse(sessionStorage.getItem(key) || localStorage.getItem(key) || "{}");
    return { answers: saved.answers || {}, step: saved.step || 0 };
  } catch {
    return { answers: {}, step: 0 };
  }
}

/** @param {{id: string, fingerprint: string}} bank @param {object} state */
export function saveState(bank, state) {
  try {
    sessionStorage.setItem(storageKey(bank), JSON.stringify(state));
  } catch {
    /* private mode or storage disabled: answers then last as long as the page */
  }
}

/**
 * Fill `{name}` placeholders of a UI string.
 * @param {string} template
 * @param {Object<string, string|number>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}
