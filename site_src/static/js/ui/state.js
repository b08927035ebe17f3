/**
 * Tab storage. Answers (and the chosen segment) live in sessionStorage, which
 * belongs to this tab alone and is cleared when it closes; the key carries the
 * site's path and the bank, as several assessments may share one origin (e.g. a
 * GitHub Pages account). Only the opt-in "Remember on this device" of the
 * keep page copies the answers to localStorage under the same key (the results
 * page keeps that copy current); a tab without answers starts from there.
 * @module state
 */

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
 * Whether this device remembers answers of this bank version; null where storage is refused.
 * @param {{id: string, fingerprint: string}} bank
 * @returns {boolean|null}
 */
export function remembered(bank) {
  try {
    return localStorage.getItem(storageKey(bank)) !== null;
  } catch {
    return null;
  }
}

/**
 * Remember the answers on this device (`on`), or no longer.
 * @param {{id: string, fingerprint: string}} bank @param {object} answers @param {boolean} on
 */
export function remember(bank, answers, on) {
  try {
    if (on) localStorage.setItem(storageKey(bank), JSON.stringify({ answers, step: 0 }));
    else localStorage.removeItem(storageKey(bank));
  } catch {
    /* storage disabled: nothing to keep */
  }
}

// The group chosen in the quiz (bank.yml segments:) lives beside the answers, per tab.
const segmentKey = (bank) => `${storageKey(bank)}:segment`;

/**
 * The chosen segment option id, "" for "prefer not to say", null if not asked yet.
 * @param {{id: string, fingerprint: string}} bank
 * @returns {string|null}
 */
export function loadSegment(bank) {
  try {
    return sessionStorage.getItem(segmentKey(bank));
  } catch {
    return null;
  }
}

/** @param {{id: string, fingerprint: string}} bank @param {string} id */
export function saveSegment(bank, id) {
  try {
    sessionStorage.setItem(segmentKey(bank), id);
  } catch {
    /* as in saveState */
  }
}
