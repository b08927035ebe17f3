// "How scoring works", with answers: per question the given answer and the
// weighted points it earned of those possible on each axis, per dimension the
// sums and the score they give. Without answers (tab or link) the page stays as it is.
import { currentAnswers, scrollToTarget } from "./current.js";
import { AXES, points, score } from "./scoring.js";
import { fill, readData } from "./state.js";

const data = readData("results-data");
const { model, text } = data;
const { lang } = document.documentElement;
const { answers } = await currentAnswers(data);
const result = score(model, answers);
const formatPoints = (value) => value.toLocaleString(lang, { maximumFractionDigits: 2 });

function cell(row, tag, content, label) {
  const node = row.appendChild(document.createElement(tag));
  node.textContent = content;
  if (label) node.dataset.label = label;
  return node;
}

/** Three more columns in every question table, and a row with the sums. */
function explain() {
  const labels = [text.answer, text.customer_obsession, text.competitor_obsession];
  for (const table of document.querySelectorAll("table[data-dimension]")) {
    table.classList.add("cards");
    const head = table.tHead.rows[0];
    for (const label of labels) cell(head, "th", label).scope = "col";
    const sum = { customer: [0, 0], competitor: [0, 0] };
    for (const row of table.tBodies[0].rows) {
      const q = model.questions.find((question) => question.id === row.dataset.row);
      const value = answers[q.id];
      const moved = value === undefined ? {} : points(q, value);
      cell(row, "td", value === undefined ? text.skipped : q.type === "likert" ? data.scale[value - 1]
        : fill(text.option_of, { k: q.options.findIndex((o) => o.id === value) + 1, n: q.options.length }),
      labels[0]).className = "wide";
      AXES.forEach((axis, i) => {
        const [earned, possible] = moved[axis] || [];
        if (possible) sum[axis] = [sum[axis][0] + earned, sum[axis][1] + possible];
        cell(row, "td", possible ? `${formatPoints(earned)} / ${formatPoints(possible)}` : "–", labels[1 + i]);
      });
    }
    const scores = result.dimensions.find((d) => d.id === table.dataset.dimension);
    const total = table.createTFoot().insertRow();
    total.dataset.sum = scores.id;
    const title = cell(total, "th", text.sum_score);
    Object.assign(title, { scope: "row", colSpan: head.cells.length - 2 });
    AXES.forEach((axis, i) => {
      const [earned, possible] = sum[axis];
      cell(total, "td", possible ? `${formatPoints(earned)} / ${formatPoints(possible)} → ${Math.floor(scores[axis])}`
        : text.not_scored, labels[1 + i]);
    });
  }
}

if (result.overall.answered > 0) {
  explain();
  document.getElementById("computed").hidden = false;
  scrollToTarget();
}
