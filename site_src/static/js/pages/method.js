// "How scoring works", with answers: per question the given answer and the
// weighted points it earned of those possible on each axis, per dimension the
// sums and the score they give. Without answers (tab or link) the page stays as it is.
import { AXES, points } from "../rules/scoring.js";
import { resultPage, scrollToTarget } from "../ui/current.js";
import { lang } from "../ui/page.js";

const { data, model, text, answers, result } = await resultPage();
const format = (value) => value.toLocaleString(lang, { maximumFractionDigits: 2 });
const labels = [text.answer, text.customer_obsession, text.competitor_obsession];

/** A new cell at the end of a row; `label` names it where the table is shown as cards. */
function cell(row, tag, content, label = "") {
  const node = row.appendChild(document.createElement(tag));
  node.textContent = content;
  node.dataset.label = label;
  return node;
}

/** Three more columns in a dimension's question table, and a row with the sums. */
function explain(table, scores) {
  for (const label of labels) cell(table.tHead.rows[0], "th", label).scope = "col";
  const sums = { customer: [0, 0], competitor: [0, 0] };
  // the table's rows, in bank order
  const questions = model.questions.filter((q) => q.dimension === scores.id);
  [...table.tBodies[0].rows].forEach((row, i) => {
    const q = questions[i];
    const value = answers[q.id];
    const moved = value === undefined ? {} : points(q, value);
    // a choice: the chosen option's text, as the question's row lists it
    const chosen = q.type === "likert" ? data.scale[value - 1] : row.querySelector(`[data-option="${value}"] span`)?.textContent;
    cell(row, "td", value === undefined ? text.skipped : chosen, labels[0]);
    AXES.forEach((axis, j) => {
      const [earned, possible] = moved[axis] || [];
      if (possible) sums[axis] = [sums[axis][0] + earned, sums[axis][1] + possible];
      cell(row, "td", possible ? `${format(earned)} / ${format(possible)}` : "–", labels[1 + j]);
    });
  });
  const total = table.createTFoot().insertRow();
  Object.assign(cell(total, "th", text.sum_score), { scope: "row", colSpan: 5 });
  AXES.forEach((axis, j) => {
    const [earned, possible] = sums[axis];
    // the score as the results page shows it: rounded down
    cell(total, "td", possible ? `${format(earned)} / ${format(possible)} → ${Math.floor(scores[axis])}`
      : text.not_scored, labels[1 + j]);
  });
}

if (result.overall.answered > 0) {
  result.dimensions.forEach((scores, i) => explain(document.querySelectorAll("table[data-dimension]")[i], scores));
  document.getElementById("computed").hidden = false;
  scrollToTarget();
}
