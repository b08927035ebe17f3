/**
 * Chart geometry as pure functions: scores (0 to 100) to SVG user units,
 * rounded to 0.1. The results page draws with them; tests recompute them.
 * @module charts
 */

const round = (x) => Math.round(x * 10) / 10;

/**
 * Radar vertex: centre (0, 0), score 100 at radius 100, dimension i of n at
 * 360°·i/n clockwise from the top.
 * @param {number} i @param {number} n @param {number} value
 * @returns {[number, number]}
 */
export function radarPoint(i, n, value) {
  const angle = (2 * Math.PI * i) / n;
  return [round(Math.sin(angle) * value), round(-Math.cos(angle) * value)];
}

/**
 * `points` of a radar polygon, one vertex per dimension; null (not scored) counts as 0.
 * @param {(number|null)[]} values
 */
export const radarPolygon = (values) =>
  values.map((value, i) => radarPoint(i, values.length, value ?? 0).join(",")).join(" ");

/**
 * Quadrant map position: customer score from left (0) to right (100),
 * competitor score from bottom (y 100) to top (y 0).
 * @param {number} customer @param {number} competitor
 * @returns {[number, number]}
 */
export const mapPoint = (customer, competitor) => [round(customer), round(100 - competitor)];
