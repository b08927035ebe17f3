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

/**
 * Labels moved apart vertically until none overlaps another: each label is a box
 * `{y, left, right}` (y its baseline, left and right its extent, in user units);
 * labels whose extents meet keep at least `gap` between their baselines. Taken
 * top to bottom, a label that would overlap one placed before moves down below it;
 * then all move up together if the lowest ran past `bottom`. Returns the new baselines, in
 * the labels' order.
 * @param {{y: number, left: number, right: number}[]} labels
 * @param {number} gap
 * @param {number} [bottom]
 * @returns {number[]}
 */
export function separate(labels, gap, bottom = Infinity) {
  const order = labels.map((_, i) => i).sort((a, b) => labels[a].y - labels[b].y || a - b);
  const ys = labels.map((label) => label.y);
  const placed = [];
  for (const i of order) {
    const { left, right } = labels[i];
    // (a hair's tolerance: y + gap - y may come out a rounding error below gap)
    const clash = (j) => labels[j].left < right && left < labels[j].right && Math.abs(ys[i] - ys[j]) < gap - 1e-9;
    // each move is downwards, below the label it met, by at least that tolerance: this ends
    for (let j = placed.find(clash); j !== undefined; j = placed.find(clash)) ys[i] = ys[j] + gap;
    placed.push(i);
  }
  const over = Math.max(...ys) - bottom;
  return ys.map((y) => round(over > 0 ? y - over : y));
}

/**
 * Where each label goes: the first of its candidate boxes that stays inside
 * `bounds` and meets neither an obstacle nor a label placed before it (labels in
 * order), else its first candidate. Boxes are `{left, right, top, bottom}`.
 * @param {{left: number, right: number, top: number, bottom: number}[][]} candidates per label, best first
 * @param {{left: number, right: number, top: number, bottom: number}[]} obstacles
 * @param {{left: number, right: number, top: number, bottom: number}} bounds
 * @returns {number[]} the chosen candidate of each label
 */
export function place(candidates, obstacles, bounds) {
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const inside = (box) => box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top
    && box.bottom <= bounds.bottom;
  const taken = [...obstacles];
  return candidates.map((options) => {
    const free = options.findIndex((box) => inside(box) && !taken.some((other) => meets(box, other)));
    const chosen = Math.max(free, 0);
    taken.push(options[chosen]);
    return chosen;
  });
}
