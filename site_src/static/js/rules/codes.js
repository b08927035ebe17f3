/**
 * Result codes (docs/result-code.md), as pure functions; mirrors builder/rules/codes.py.
 * A code is "1", a 5-character bank tag, a segment character, the answers as
 * one mixed-radix number in Crockford base32, and a CRC-15 check.
 * @module codes
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const VALUE = Object.fromEntries([...ALPHABET].map((ch, i) => [ch, i]));
/** Ignored anywhere in a code: white space, no-break spaces, hyphens and dashes (as in codes.py). */
export const SEPARATOR_CLASS = "[ \\t\\n\\r\\f\\v\\u00a0\\u202f\\u2010-\\u2014\\u2212-]";
const SEPARATORS = new RegExp(SEPARATOR_CLASS, "g");
/** Lower case is accepted, O reads as 0, I and L as 1. */
const CANONICAL = { O: "0", I: "1", L: "1" };
const TAG_LENGTH = 5;
const CRC_LENGTH = 3;
export const OVERHEAD = 1 + TAG_LENGTH + 1 + CRC_LENGTH;

/** @param {import("./scoring.js").Model} model @returns {number[]} digits per question */
const radices = (model) => model.questions.map((q) => (q.type === "likert" ? 6 : q.options.length + 1));

/** Characters of the packed answers for this model. @param {import("./scoring.js").Model} model */
function payloadLength(model) {
  const capacity = radices(model).reduce((product, radix) => product * BigInt(radix), 1n);
  return Math.ceil((capacity - 1n).toString(2).replace(/^0$/, "").length / 5);
}

/** Total length of this model's codes. @param {import("./scoring.js").Model} model */
export const codeLength = (model) => OVERHEAD + payloadLength(model);

function toBase32(number, length) {
  let text = "";
  for (let i = 0; i < length; i += 1) {
    text = ALPHABET[Number(number % 32n)] + text;
    number /= 32n;
  }
  return text;
}

const fromBase32 = (values) => values.reduce((number, value) => number * 32n + BigInt(value), 0n);

function crc15(values) {
  let crc = 0;
  for (const value of values) {
    for (let shift = 4; shift >= 0; shift -= 1) {
      const top = (crc >> 14) & 1;
      crc = (crc << 1) & 0x7fff;
      if (top ^ ((value >> shift) & 1)) crc ^= 0x4599;
    }
  }
  return crc;
}

/**
 * Code for valid answers.
 * @param {import("./scoring.js").Model} model
 * @param {string} tag the bank tag (built into the page)
 * @param {import("./scoring.js").Answers} answers
 * @param {number} [segment] 0 = none, else segment index + 1
 * @returns {string}
 */
export function encode(model, tag, answers, segment = 0) {
  const sizes = radices(model);
  let number = 0n;
  for (let i = model.questions.length - 1; i >= 0; i -= 1) {
    const q = model.questions[i];
    const value = answers[q.id];
    let digit = 0;
    if (value !== null && value !== undefined) {
      digit = q.type === "likert" ? value : 1 + q.options.findIndex((o) => o.id === value);
    }
    number = number * BigInt(sizes[i]) + BigInt(digit);
  }
  const body = "1" + tag + ALPHABET[segment] + toBase32(number, payloadLength(model));
  return body + toBase32(BigInt(crc15([...body].map((ch) => VALUE[ch]))), CRC_LENGTH);
}

/**
 * The code as it would have been printed: separators gone, lenient spellings mapped;
 * other characters are kept.
 * @param {string} code
 */
export function normalize(code) {
  return String(code).replace(SEPARATORS, "").replace(/[a-z]/g, (ch) => ch.toUpperCase())
    .replace(/[OIL]/g, (ch) => CANONICAL[ch]);
}

/**
 * Answers and segment of a code, or the reason it is refused.
 * Reasons: empty, oversized, characters, version, checksum, bank, length, segment, range.
 * @param {import("./scoring.js").Model} model
 * @param {string} tag
 * @param {string} code
 * @param {number} [segments] how many segments the bank has
 * @returns {{ok: true, answers: object, segment: number} | {ok: false, reason: string}}
 */
export function decode(model, tag, code, segments = 0) {
  const text = normalize(code);
  const expected = codeLength(model);
  const fail = (reason) => ({ ok: false, reason });
  if (!text) return fail("empty");
  // code points, as Python counts
  if ([...text].length > 2 * expected) return fail("oversized");
  if (![...text].every((ch) => ch in VALUE)) return fail("characters");
  if (text[0] !== "1") return fail("version");
  const values = [...text].map((ch) => VALUE[ch]);
  const check = Number(fromBase32(values.slice(-CRC_LENGTH)));
  if (values.length <= CRC_LENGTH || crc15(values.slice(0, -CRC_LENGTH)) !== check) return fail("checksum");
  if (values.slice(1, 1 + TAG_LENGTH).map((v) => ALPHABET[v]).join("") !== tag) return fail("bank");
  if (values.length !== expected) return fail("length");
  const segment = values[1 + TAG_LENGTH];
  if (segment > segments) return fail("segment");
  let number = fromBase32(values.slice(2 + TAG_LENGTH, -CRC_LENGTH));
  const answers = {};
  radices(model).forEach((radix, i) => {
    const digit = Number(number % BigInt(radix));
    number /= BigInt(radix);
    const q = model.questions[i];
    if (digit) answers[q.id] = q.type === "likert" ? digit : q.options[digit - 1].id;
  });
  if (number !== 0n) return fail("range");
  return { ok: true, answers, segment };
}
