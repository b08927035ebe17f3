/**
 * The result as CSV (docs/results.md), for "Download CSV" on the report page. Pure, no DOM.
 * @module csv
 */

export const CSV_COLUMNS = ["dimension", "title", "customer", "competitor", "index", "quadrant", "level",
  "answered", "total"];

const cell = (value) => (value === null ? ""
  : typeof value === "string" && /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : String(value));

/**
 * The result as CSV: one row per dimension, then one for "overall"; the same
 * numbers as the result JSON, unrounded.
 * @param {{dimensions: object[], overall: object}} result
 * @param {string[]} titles dimension titles, then the word for overall
 */
export function toCsv(result, titles) {
  const rows = [...result.dimensions, { id: "overall", ...result.overall }].map((scores, i) =>
    [scores.id, titles[i], ...CSV_COLUMNS.slice(2).map((column) => scores[column])]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
