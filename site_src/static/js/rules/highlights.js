/**
 * What a team report says first, read off a team JSON (docs/team-results.md,
 * "The team report"), step for step as builder/rules/highlights.py does it.
 * Only what the team JSON shows is used: what min_group_size hides stays hidden.
 * @module highlights
 */
import { AXES, level, quadrant } from "./scoring.js";

/** Below this share of the people invited, the page warns that the result may not be representative. */
export const LOW_RESPONSE_RATE = 0.3;

const meanOf = (cell) => cell.mean ?? null;

/** The team's place in a dimension (or overall): both axes' means, their quadrant, the customer mean's level. */
export function position(model, part) {
  const customer = meanOf(part.customer);
  const competitor = meanOf(part.competitor);
  const known = customer !== null && competitor !== null;
  return { customer, competitor, quadrant: known ? quadrant(customer, competitor, model.threshold) : null,
    level: level(customer, model.levels) };
}

/**
 * The facts of the summary sentences and next steps; null when the whole set is hidden or empty.
 * spread: the dimension and axis with the widest middle half of answers (q1 to q3); gap: the largest
 * perception gap between groups. Ties go to the first in dimension order, customer before competitor.
 */
export function highlights(model, team) {
  const everyone = team.all;
  if (!everyone.overall) return null;
  let spread = null;
  let gap = null;
  everyone.dimensions.forEach((d, i) => {
    for (const axis of AXES) {
      const cell = d[axis];
      if ("q3" in cell && (spread === null || cell.q3 - cell.q1 > spread.width)) {
        spread = { dimension: d.id, axis, width: cell.q3 - cell.q1 };
      }
      const found = team.gaps.dimensions[i][axis];
      if (found !== null && (gap === null || found.gap > gap.gap)) gap = { dimension: d.id, axis, ...found };
    }
  });
  return {
    overall: position(model, everyone.overall),
    dimensions: everyone.dimensions.map((d) => ({ id: d.id, ...position(model, d) })),
    spread,
    gap,
  };
}

/**
 * Which of a dimension's texts fit the team's place in it: its quadrant's and its level's
 * (the page holds those the bank has, keyed so; builder/site/pages.py team_advice).
 * @param {{quadrant: string|null, level: string|null}} place
 */
export const adviceKeys = (place) => [`quadrant:${place.quadrant}`, `level:${place.level}`];

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function changed(nowPart, beforePart, axis) {
  const now = nowPart ? meanOf(nowPart[axis]) : null;
  const cell = isObject(beforePart) ? beforePart[axis] : null;
  const before = isObject(cell) ? cell.mean : null;
  if (typeof before !== "number" || now === null) return null;
  return { before, now, change: now - before };
}

/**
 * The change of the whole team's means since an earlier team JSON (parsed), per dimension (matched by id)
 * and overall, per axis: {before, now, change}, or null where either is not shown.
 * @returns {{ok: false, reason: "format"|"bank"} | {ok: true, overall: object, dimensions: object[]}}
 */
export function compareTeams(team, earlier) {
  if (!(isObject(earlier) && earlier.team === 1 && isObject(earlier.bank) && isObject(earlier.all))) {
    return { ok: false, reason: "format" };
  }
  if (earlier.bank.id !== team.bank.id) return { ok: false, reason: "bank" };
  const beforeDimensions = new Map((Array.isArray(earlier.all.dimensions) ? earlier.all.dimensions : [])
    .filter(isObject).reverse().map((d) => [d.id, d])); // the first of a repeated id wins, as in Python
  const change = (nowPart, beforePart) => Object.fromEntries(AXES.map((axis) => [axis, changed(nowPart, beforePart, axis)]));
  const now = team.all;
  return {
    ok: true,
    overall: change(now.overall, earlier.all.overall),
    dimensions: (now.dimensions || []).map((d) => ({ id: d.id, ...change(d, beforeDimensions.get(d.id)) })),
  };
}

/**
 * The response rate (null without a number invited) and how far to trust the result:
 * "small" (fewer than k codes), "more_than_invited", "low_rate" (below LOW_RESPONSE_RATE), or null.
 * @param {number} counted @param {number|null} invited @param {number} k
 */
export function participation(counted, invited, k) {
  const rate = invited ? counted / invited : null;
  let trust = null;
  if (counted < k) trust = "small";
  else if (rate !== null && rate > 1) trust = "more_than_invited";
  else if (rate !== null && rate < LOW_RESPONSE_RATE) trust = "low_rate";
  return { rate, trust };
}
