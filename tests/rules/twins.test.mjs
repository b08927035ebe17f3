// The pure JavaScript modules of site_src/static/js/rules/ against their Python
// twins in builder/rules/, without a browser: tests/rules/test_twins.py writes the
// cases with what Python computes for them, then runs this file with Node's test
// runner. TWINS_CASES is that JSON file; TWINS_RULES a copy of the JS modules.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const rules = (name) => import(pathToFileURL(`${process.env.TWINS_RULES}/${name}.js`).href);
const { score } = await rules("scoring");
const { encode, decode } = await rules("codes");
const { gains } = await rules("gains");
const { aggregate, findCodes, readCodes } = await rules("team");
const { compareTeams, highlights, participation } = await rules("highlights");
const banks = JSON.parse(readFileSync(process.env.TWINS_CASES, "utf8"));

/** Equal JSON, floats to 1e-9 (the same operations in the same order; the margin is for safety). */
function same(got, want, where = "") {
  if (typeof want === "number" && typeof got === "number" && !Number.isInteger(want)) {
    assert.ok(Math.abs(got - want) <= 1e-9, `${where}: ${got} != ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got) && got.length === want.length, `${where}: ${JSON.stringify(got)}`);
    want.forEach((item, i) => same(got[i], item, `${where}[${i}]`));
  } else if (want && typeof want === "object") {
    assert.deepEqual(Object.keys(got), Object.keys(want), `${where}: keys`);
    for (const key of Object.keys(want)) same(got[key], want[key], `${where}.${key}`);
  } else {
    assert.equal(got, want, where);
  }
}

for (const bank of banks) {
  const { model, tag, segments, min_group_size: k } = bank;

  test(`${bank.name}: score() equals builder/rules/scoring.py`, () => {
    bank.scores.forEach(([answers, want], i) => same(score(model, answers), want, `set ${i}`));
  });

  test(`${bank.name}: gains() equals builder/rules/gains.py`, () => {
    bank.gains.forEach(([answers, want], i) => same(gains(model, answers), want, `set ${i}`));
  });

  test(`${bank.name}: encode() and decode() equal builder/rules/codes.py`, () => {
    for (const [answers, segment, code] of bank.encoded) assert.equal(encode(model, tag, answers, segment), code);
    for (const [text, want] of bank.decoded) assert.deepEqual(decode(model, tag, text, segments.length), want, text);
  });

  test(`${bank.name}: finding, reading and aggregating codes equals builder/rules/team.py`, () => {
    for (const { text, csv, length, found, invalid, duplicates, team } of bank.teams) {
      const candidates = findCodes(text, length, csv).map(([line, code]) => ({ source: "", line, text: code }));
      assert.deepEqual(candidates, found);
      const collection = readCodes(model, tag, segments.length, candidates);
      assert.deepEqual(collection.invalid.map((item) => [item.line, item.reason]), invalid);
      assert.deepEqual(collection.duplicates.map((item) => [item.line, item.first.line]), duplicates);
      same(collection.codes.length ? aggregate(model, segments, k, collection) : null, team, "team");
    }
  });

  test(`${bank.name}: highlights, comparisons and participation equal builder/rules/highlights.py`, () => {
    bank.highlights.forEach(([team, want], i) => same(highlights(model, team), want, `highlights ${i}`));
    bank.compared.forEach(([team, earlier, want], i) => same(compareTeams(team, earlier), want, `compared ${i}`));
    for (const [[n, invited, k], want] of bank.participation) same(participation(n, invited, k), want, `${n} ${invited}`);
  });
}
