// The team page: find codes in the text field and loaded files, show the team
// results (or the report inlined by `assess report -o`). Pasted text and file
// contents reach the page as text nodes only.
import { codeLength } from "../rules/codes.js";
import { $, download, fill, readData, showChosen } from "../ui/page.js";
import { AXES } from "../rules/scoring.js";
import { aggregate, findCodes, readCodes, teamCsv } from "../rules/team.js";

const data = readData("team-data");
const { model, labels, text } = data;
const k = data.min_group_size;
const { lang } = document.documentElement;
const { format: f } = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const { format: pct } = new Intl.NumberFormat(lang, { style: "percent" });
let team;

/** An element; strings and numbers become text nodes, never HTML. */
function el(tag, children) {
  const node = document.createElement(tag);
  node.append(...[].concat(children));
  return node;
}

/** A table (scrolling sideways if need be): each row's first cell heads it; a lone second cell spans the rest. */
function table(caption, head, rows) {
  const box = el("div", el("table", [el("caption", caption), el("thead", el("tr", head.map((h) => el("th", h)))),
    el("tbody", rows.map(([first, ...rest]) => el("tr", [el("th", first), ...rest.map((c) => el("td", c))])))]));
  box.className = "table-scroll";
  box.querySelectorAll("thead th").forEach((th) => { th.scope = "col"; });
  box.querySelectorAll("tbody th").forEach((th) => {
    th.scope = "row";
    if (!th.nextSibling.nextSibling) th.nextSibling.colSpan = head.length - 1;
  });
  return box;
}

const name = (id) => (id === null ? text.segment_none : labels.segments[data.segments.indexOf(id)]);
const parts = (g) => [...g.dimensions.map((d, i) => [labels.dimensions[i], d]), [text.overall, g.overall]];
/** A statistic's cells: `show(c)`, or why it is not shown. */
const cells = (c, show) => (c.hidden ? [fill(text[`cell_${c.hidden}`], { min: k })]
  : c.n ? show(c) : [text.no_answers]);
const where = (item) => fill(text[item.source ? "file_line" : "line"], { file: item.source, line: item.line });

function render(collection) {
  const { valid, invalid, duplicates } = team.codes;
  $("team-summary").textContent = [fill(text.counted, { n: valid }),
    invalid && fill(text.refused_count, { n: invalid }),
    duplicates && fill(text.duplicates_count, { n: duplicates })].filter(Boolean).join("; ");
  if (collection) {
    const items = [...collection.invalid.map((item) => [item, text[`code_${item.reason}`]]),
      ...collection.duplicates.map((item) => [item, fill(text.duplicate, { where: where(item.first) })])];
    $("refused-list").replaceChildren(...items.slice(0, 200).map(([item, why]) => el("li", [`${where(item)}: `,
      el("code", item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text), ` – ${why}`])));
    if (items.length > 200) $("refused-list").append(el("li", `… (${items.length - 200})`));
    $("refused").hidden = !items.length;
  }
  $("team-hidden").textContent = fill(text.all_hidden, { min: k });
  $("team-hidden").hidden = !team.all.hidden;
  $("team-results").hidden = !team.all.n;
  if (!team.all.n) return;

  const groups = [[text.all, team.all], ...team.segments.filter((s) => s.n).map((s) => [name(s.id), s])];
  const heads = groups.map(([label, g]) => `${label} (n = ${g.n})`);
  $("team-scores").replaceChildren(...AXES.map((axis) => table(text[`${axis}_obsession`],
    ["dimension", "n", "mean", "median", "quartiles", "range"].map((key) => text[key]),
    parts(team.all).map(([label, part]) => [label, ...cells(part[axis], (c) =>
      [c.n, f(c.mean), f(c.median), `${f(c.q1)} – ${f(c.q3)}`, `${f(c.min)} – ${f(c.max)}`])]))));
  $("team-quadrants").replaceChildren(table(text.codes, ["", ...heads],
    [...labels.quadrants, text.quadrant_none].map((label, i) => [label, ...groups.map(([, g]) => {
      const count = Object.values(g.quadrants)[i];
      return `${count} (${pct(count / g.n)})`;
    })])));
  $("team-segments")?.replaceChildren(
    el("ul", team.segments.filter((s) => s.hidden).map((s) =>
      el("li", fill(text[`hidden_${s.hidden}`], { group: name(s.id), min: k })))),
    ...(groups.length > 1 ? AXES : []).map((axis) => table(text[`${axis}_obsession`],
      [text.dimension, ...heads.slice(1), text.gap], parts(team.gaps).map(([label, gaps], p) => {
        const gap = gaps[axis];
        return [label, ...groups.slice(1).flatMap(([, s]) => cells(parts(s)[p][1][axis], (c) => [f(c.mean)])),
          gap ? fill(text.gap_value, { gap: f(gap.gap), high: name(gap.high), low: name(gap.low) }) : "–"];
      }))));
  $("team-questions").replaceChildren(...model.dimensions.flatMap((d, di) => [el("h3", labels.dimensions[di]),
    ...model.questions.flatMap((q, i) => {
      const entry = team.questions[i];
      const title = labels.questions[i];
      if (q.dimension !== d.id) return [];
      if (entry.hidden) return [el("p", [el("strong", title), ": ", fill(text.question_hidden, { min: k })])];
      return [table(title, [text.answer, text.codes, text.share], [
        ...(q.options ? labels.options?.[i] ?? q.options.map((o) => o.id) : labels.scale).map((label, v) =>
          [label, entry.counts[v], entry.answered ? pct(entry.counts[v] / entry.answered) : "–"]),
        [text.skipped, entry.skipped, ""]])];
    })]));
}

/** A loaded file as text (UTF-8; a byte order mark is dropped, as report.py does). */
const readFile = async (file) => ({ name: file.name, text: await file.text(), csv: /\.[ct]sv$/i.test(file.name) });

if ($("team-report")) {
  team = readData("team-report");
  render();
} else {
  const input = $("codes");
  let files = [];
  let timer;
  const evaluate = () => {
    const found = [{ name: "", text: input.value }, ...files].flatMap((source) => findCodes(source.text,
      codeLength(model), source.csv).map(([line, code]) => ({ source: source.name, line, text: code })));
    if (found.length) {
      const collection = readCodes(model, data.tag, data.segments.length, found);
      team = aggregate(model, data.segments, k, collection);
      render(collection);
    } else {
      $("team-summary").textContent = input.value.trim() || files.length ? text.no_codes : "";
      for (const id of ["refused", "team-hidden", "team-results"]) $(id).hidden = true;
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  });
  showChosen($("codes-file"));
  $("codes-file").addEventListener("change", async (event) => {
    files = await Promise.all([...event.target.files].map(readFile));
    evaluate();
  });
  evaluate();
}

$("download-team-json").addEventListener("click", () =>
  download(`${model.bank.id}-team.json`, `${JSON.stringify(team, null, 2)}\n`, "application/json"));
$("download-team-csv").addEventListener("click", () => download(`${model.bank.id}-team.csv`, teamCsv(team), "text/csv"));
