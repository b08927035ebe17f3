// The team page: find codes in the text field and loaded files, show the team
// results (or the report inlined by `assess report -o`). Pasted text and file
// contents reach the page as text nodes only.
import { codeLength } from "./codes.js";
import { download, fill, readData } from "./page.js";
import { AXES } from "./scoring.js";
import { aggregate, findCodes, readCodes, teamCsv } from "./team-stats.js";

const data = readData("team-data");
const { model, labels, text } = data;
const k = data.min_group_size;
const $ = (id) => document.getElementById(id);
const { lang } = document.documentElement;
const { format: f } = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const { format: pct } = new Intl.NumberFormat(lang, { style: "percent" });
let team;

/** An element; strings and numbers become text nodes, never HTML. */
function el(tag, children, className = "") {
  const node = document.createElement(tag);
  node.append(...[].concat(children));
  node.className = className;
  return node;
}

/** A table that scrolls sideways if need be. Each row's first cell heads it; a lone second cell spans the rest. */
function table(caption, head, rows) {
  const th = (content, scope) => Object.assign(el("th", content), { scope });
  return el("div", el("table", [el("caption", caption), el("thead", el("tr", head.map((h) => th(h, "col")))),
    el("tbody", rows.map(([first, ...rest]) => el("tr", [th(first, "row"), ...rest.map((c) =>
      Object.assign(el("td", c), { colSpan: rest.length > 1 ? 1 : head.length - 1 }))])))]), "table-scroll");
}

const groupName = (id) => (id === null ? text.team_segment_none : labels.segments[data.segments.indexOf(id)]);
const withN = (name, g) => `${name} (n = ${g.n})`;
const parts = (g) => [...g.dimensions.map((d, i) => [labels.dimensions[i], d]), [text.overall, g.overall]];
/** A statistic's cells: `show(c)`, or why it is not shown. */
const cells = (c, show) => (c.hidden ? [fill(text[`team_cell_${c.hidden}`], { min: k })]
  : c.n ? show(c) : [text.team_no_answers]);

function render(collection) {
  const { valid, invalid, duplicates } = team.codes;
  $("team-summary").textContent = [fill(text.team_counted, { n: valid }),
    invalid && fill(text.team_refused_count, { n: invalid }),
    duplicates && fill(text.team_duplicates_count, { n: duplicates })].filter(Boolean).join("; ");
  if (collection) {
    const where = (item) => fill(text[item.source ? "team_file_line" : "team_line"], { file: item.source, line: item.line });
    const items = [...collection.invalid.map((item) => [item, text[`code_${item.reason}`]]),
      ...collection.duplicates.map((item) => [item, fill(text.team_duplicate, { where: where(item.first) })])];
    $("refused-list").replaceChildren(...items.slice(0, 200).map(([item, why]) => el("li", [`${where(item)}: `,
      el("code", item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text), ` – ${why}`])));
    if (items.length > 200) $("refused-list").append(el("li", `… (${items.length - 200})`));
    $("refused").hidden = !items.length;
  }
  $("team-hidden").textContent = fill(text.team_all_hidden, { min: k });
  $("team-hidden").hidden = !team.all.hidden;
  $("team-results").hidden = !team.all.n;
  if (!team.all.n) return;

  const shown = team.segments.filter((s) => s.n);
  const head = ["dimension", "team_n", "team_mean", "team_median", "team_quartiles", "team_range"].map((key) => text[key]);
  $("team-scores").replaceChildren(...AXES.map((axis) => table(
    fill(text.team_scores_caption, { axis: text[`${axis}_obsession`] }), head,
    parts(team.all).map(([name, part]) => [name, ...cells(part[axis], (c) =>
      [c.n, f(c.mean), f(c.median), `${f(c.q1)} – ${f(c.q3)}`, `${f(c.min)} – ${f(c.max)}`])]))));

  const groups = [[text.team_all, team.all], ...shown.map((s) => [groupName(s.id), s])];
  $("team-quadrants").replaceChildren(table(text.team_codes, ["", ...groups.map(([name, g]) => withN(name, g))],
    ["customer", "competitor", "both", "inward", "none"].map((key, i) =>
      [[...labels.quadrants, text.team_quadrant_none][i], ...groups.map(([, g]) => `${g.quadrants[key]} (${pct(g.quadrants[key] / g.n)})`)])));

  $("team-segments")?.replaceChildren(
    el("ul", team.segments.filter((s) => s.hidden).map((s) =>
      el("li", fill(text[`team_hidden_${s.hidden}`], { group: groupName(s.id), min: k })))),
    ...(shown.length ? AXES : []).map((axis) => table(text[`${axis}_obsession`],
      [text.dimension, ...shown.map((s) => withN(groupName(s.id), s)), text.team_gap],
      parts(team.gaps).map(([name, gaps], p) => {
        const gap = gaps[axis];
        return [name, ...shown.flatMap((s) => cells(parts(s)[p][1][axis], (c) => [f(c.mean)])), gap
          ? fill(text.team_gap_value, { gap: f(gap.gap), high: groupName(gap.high), low: groupName(gap.low) }) : "–"];
      }))));

  $("team-questions").replaceChildren(...model.dimensions.flatMap((d, di) => [el("h3", labels.dimensions[di]),
    ...model.questions.flatMap((q, i) => {
      const entry = team.questions[i];
      const title = labels.questions[i];
      if (q.dimension !== d.id) return [];
      if (entry.hidden) return [el("p", [el("strong", title), ": ", fill(text.team_question_hidden, { min: k })])];
      const row = (label, n) => [label, n, entry.answered ? pct(n / entry.answered) : "–"];
      return [table(title, [text.team_answer, text.team_codes, text.team_share], [
        ...(q.type === "likert" ? labels.scale : labels.options[i]).map((label, v) => row(label, entry.counts[v])),
        [text.team_skipped, entry.skipped, ""]])];
    })]));
}

/** A loaded file as text: UTF-8, or UTF-16 after a byte order mark (as Excel writes it). */
async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bom = bytes[0] + bytes[1] * 256;
  const encoding = bom === 0xfeff ? "utf-16le" : bom === 0xfffe ? "utf-16be" : "utf-8";
  return { name: file.name, text: new TextDecoder(encoding).decode(bytes), csv: /\.[ct]sv$/i.test(file.name) };
}

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
      $("team-summary").textContent = input.value.trim() || files.length ? text.team_no_codes : "";
      for (const id of ["refused", "team-hidden", "team-results"]) $(id).hidden = true;
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  });
  $("codes-file").addEventListener("change", async (event) => {
    files = await Promise.all([...event.target.files].map(readFile));
    evaluate();
  });
  evaluate();
}

$("download-team-json").addEventListener("click", () =>
  download(`${model.bank.id}-team.json`, `${JSON.stringify(team, null, 2)}\n`, "application/json"));
$("download-team-csv").addEventListener("click", () =>
  download(`${model.bank.id}-team.csv`, teamCsv(team), "text/csv"));
