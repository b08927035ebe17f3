/**
 * Team results as pure functions (docs/team-results.md), step for step as
 * builder/rules/team.py does them, so the page's download equals `assess report --json`.
 * @module team
 */
import { OVERHEAD, SEPARATOR_CLASS, decode, normalize } from "./codes.js";
import { AXES, answerValues, score } from "./scoring.js";

const SEPARATORS = new RegExp(SEPARATOR_CLASS, "g");
const TRIM = new RegExp(`^${SEPARATOR_CLASS}+|${SEPARATOR_CLASS}+$`, "g");
const range = (n) => [...Array(n).keys()];

/**
 * [line, candidate] for each code-like piece of a text (see find_codes in team.py).
 * @param {string} text @param {number} length the bank's code length @param {boolean} csv
 * @returns {[number, string][]}
 */
export function findCodes(text, length, csv) {
  const least = Math.max(OVERHEAD + 1, length - 3);
  const looksLike = (word) => word.length >= least && /[0-9]/.test(word);
  const found = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const candidates = [];
    for (const cell of line.split(/[,;\t|"]/)) {
      const tokens = (cell.match(/[0-9A-Za-z]+/g) || []).filter(looksLike);
      const compact = cell.replace(SEPARATORS, "");
      if (tokens.length) tokens.forEach((token) => candidates.push(token)); // no spread: lines may be huge
      else if (/^[0-9A-Za-z]+$/.test(compact) && looksLike(compact)) candidates.push(cell.replace(TRIM, ""));
    }
    const whole = line.replace(TRIM, "");
    if (!candidates.length && !csv && whole) candidates.push(whole);
    for (const candidate of candidates) found.push([i + 1, candidate]);
  });
  return found;
}

/**
 * Decode candidates ({source, line, text}); later copies of a code are duplicates.
 * @returns {{codes: [object, number][], invalid: object[], duplicates: object[]}}
 */
export function readCodes(model, tag, segmentCount, found) {
  const collection = { codes: [], invalid: [], duplicates: [] };
  const first = new Map();
  for (const item of found) {
    const decoded = decode(model, tag, item.text, segmentCount);
    const key = normalize(item.text);
    if (!decoded.ok) collection.invalid.push({ ...item, reason: decoded.reason });
    else if (first.has(key)) collection.duplicates.push({ ...item, first: first.get(key) });
    else {
      first.set(key, item);
      collection.codes.push([decoded.answers, decoded.segment]);
    }
  }
  return collection;
}

/**
 * Parts of a partition to hide: those with 1 to k-1 codes, then the smallest others
 * until the hidden ones together hold none or at least k codes.
 * @param {number[]} counts @param {number} k @param {number[]} [already] @returns {number[]}
 */
export function hide(counts, k, already = []) {
  const hidden = counts.flatMap((n, i) => (already.includes(i) || (n > 0 && n < k) ? [i] : []));
  for (;;) {
    const held = hidden.reduce((sum, i) => sum + counts[i], 0);
    const rest = counts.flatMap((n, i) => (n > 0 && !hidden.includes(i) ? [i] : []));
    if (!held || held >= k || !rest.length) return hidden;
    hidden.push(rest.reduce((a, b) => (counts[b] < counts[a] ? b : a)));
  }
}

/** Type 7 quantile (linear interpolation, numpy's default) of sorted values. */
export function quantile(sorted, p) {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

function mean(values) {
  let total = 0;
  for (const value of values) total += value; // left to right, as team.py adds
  return total / values.length;
}

function stats(values) {
  if (!values.length) return { n: 0 };
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, mean: mean(values), median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75),
    min: s[0], max: s[s.length - 1] };
}

/**
 * The team JSON (docs/team-results.md).
 * @param {import("./scoring.js").Model} model
 * @param {string[]} segments the bank's segment option ids
 * @param {number} k the bank's min_group_size
 * @param {{codes: [object, number][], invalid: object[], duplicates: object[]}} collection
 */
export function aggregate(model, segments, k, { codes, invalid, duplicates }) {
  const results = codes.map(([answers]) => score(model, answers));
  // per code: overall customer, overall competitor, then each dimension's two axes
  const rows = results.map((r) => [r.overall, ...r.dimensions].flatMap((d) => AXES.map((axis) => d[axis])));
  const cells = range(2 + 2 * model.dimensions.length);
  // groups: everyone, then per segment option, then "none given"
  const order = segments.length ? [...segments.map((_, i) => i + 1), 0] : [];
  const groups = [range(codes.length), ...order.map((s) => range(codes.length).filter((i) => codes[i][1] === s))];
  const values = groups.map((members) => cells.map((c) => members.map((i) => rows[i][c]).filter((v) => v !== null)));
  const segmentHidden = (counts, already) => hide(counts.slice(1), k, already).map((j) => j + 1);
  const small = (n) => (n && n < k ? [0] : []);
  const hiddenGroups = [...small(codes.length), ...segmentHidden(groups.map((m) => m.length), [])];
  const hiddenCells = cells.map((c) => [...small(values[0][c].length),
    ...segmentHidden(values.map((v) => v[c].length), hiddenGroups.filter((g) => g).map((g) => g - 1))]);

  const why = (n) => ({ hidden: n < k ? "small" : "complement" });
  const perCell = (at) => ({
    overall: { customer: at(0), competitor: at(1) },
    dimensions: model.dimensions.map((d, i) => ({ id: d.id, customer: at(2 + 2 * i), competitor: at(3 + 2 * i) })),
  });
  const group = (g) => {
    if (!groups[g].length) return { n: 0 };
    if (hiddenGroups.includes(g)) return why(groups[g].length);
    const quadrants = (part) => {
      const counts = { customer: 0, competitor: 0, both: 0, inward: 0, none: 0 };
      for (const i of groups[g]) counts[part(results[i]).quadrant || "none"] += 1;
      return counts;
    };
    const shown = perCell((c) => (hiddenCells[c].includes(g) ? why(values[g][c].length) : stats(values[g][c])));
    shown.dimensions.forEach((d, i) => { d.quadrants = quadrants((r) => r.dimensions[i]); });
    return { n: groups[g].length, quadrants: quadrants((r) => r.overall), ...shown };
  };
  const gap = (c) => {
    const means = order.flatMap((s, j) => (s && !hiddenGroups.includes(j + 1) && !hiddenCells[c].includes(j + 1)
      && values[j + 1][c].length ? [[segments[s - 1], mean(values[j + 1][c])]] : []));
    if (means.length < 2) return null;
    let [high, low] = means;
    for (const m of means) {
      if (m[1] > high[1]) high = m; // the first of equals
      if (m[1] <= low[1]) low = m; // the last of equals
    }
    return { high: high[0], low: low[0], gap: high[1] - low[1] };
  };
  const questions = model.questions.map((q) => {
    const counts = answerValues(q).map((v) => codes.filter(([answers]) => answers[q.id] === v).length);
    const answered = counts.reduce((a, b) => a + b, 0);
    return answered && answered < k ? { id: q.id, hidden: "small" }
      : { id: q.id, answered, skipped: codes.length - answered, counts };
  });

  return {
    team: 1,
    bank: { id: model.bank.id, version: model.bank.version, fingerprint: model.bank.fingerprint }, // in this order
    min_group_size: k,
    codes: { valid: codes.length, invalid: invalid.length, duplicates: duplicates.length },
    all: group(0),
    segments: order.map((s, j) => ({ id: s ? segments[s - 1] : null, ...group(j + 1) })),
    questions,
    gaps: perCell(gap),
  };
}

/**
 * The team JSON as CSV, a row per value: the key is its path, with ids for list
 * entries that have one ("(none)" for null) and 1-based positions otherwise.
 * @param {object} team @returns {string}
 */
export function teamCsv(team) {
  const rows = ["key,value"];
  const walk = (value, key, keyed) => {
    if (value === null || typeof value !== "object") {
      const text = String(value ?? "");
      rows.push(`${key},${/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text}`);
      return;
    }
    for (const [name, v] of Object.entries(value)) {
      const hasId = Array.isArray(value) && v !== null && typeof v === "object" && "id" in v;
      const part = !Array.isArray(value) ? name : hasId ? v.id ?? "(none)" : Number(name) + 1;
      if (!(keyed && name === "id")) walk(v, key ? `${key}.${part}` : part, hasId);
    }
  };
  walk(team, "", false);
  return `${rows.join("\r\n")}\r\n`;
}
