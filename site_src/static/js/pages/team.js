// The team page: find codes in the text field and loaded files, show the team
// report (or the one inlined by `assess report -o`): a summary in words, charts
// with their data tables, next steps, the change since an earlier collection.
// Pasted text, file contents and bank text reach the page as text nodes only.
import { codeLength } from "../rules/codes.js";
import { adviceKeys, compareTeams, highlights, participation } from "../rules/highlights.js";
import { AXES } from "../rules/scoring.js";
import { aggregate, findCodes, readCodes, teamCsv } from "../rules/team.js";
import { $, download, fill, readData, showChosen } from "../ui/page.js";
import { boxPlot, details, divergingBar, el, figure, heatmap, quadrantGrid, shareBar, table } from "../ui/teamcharts.js";

const data = readData("team-data");
const { model, labels, text } = data;
const k = data.min_group_size;
const { lang } = document.documentElement;
const { format: f } = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const { format: pct } = new Intl.NumberFormat(lang, { style: "percent" });
const signed = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format;
const QUADRANTS = ["customer", "competitor", "both", "inward"];
let team;
let earlier = null; // an earlier team JSON, parsed, with its file name

const name = (id) => (id === null ? text.segment_none : labels.segments[data.segments.indexOf(id)]);
const dimensionName = (id) => labels.dimensions[model.dimensions.findIndex((d) => d.id === id)];
const axisName = (axis) => text[`${axis}_obsession`];
const parts = (g) => [...g.dimensions.map((d, i) => [labels.dimensions[i], d]), [text.overall, g.overall]];
/** A statistic's cells: `show(c)`, or why it is not shown. */
const cells = (c, show) => (c.hidden ? [fill(text[`cell_${c.hidden}`], { min: k })]
  : c.n ? show(c) : [text.no_answers]);
const where = (item) => fill(text[item.source ? "file_line" : "line"], { file: item.source, line: item.line });
const share = (count, n) => (n ? `${count} (${pct(count / n)})` : String(count));
const numbers = (content) => details(text.show_numbers, content);
/** A section's heading, to tell apart tables that share a caption. */
const heading = (id) => $(id).textContent;
const note = (words) => el("p", words, { class: "hint" });

/** The summary in words: one sentence per fact (rules/highlights.js), in the page's language. */
function sentences(facts) {
  const said = [fill(text.sentence_n, { n: team.all.n })];
  if (!facts) return said;
  const { overall, spread, gap } = facts;
  said.push(overall.quadrant ? fill(text.sentence_position, { quadrant: labels.quadrants[QUADRANTS.indexOf(overall.quadrant)],
    customer: f(overall.customer), competitor: f(overall.competitor) }) : text.sentence_unplaced);
  if (spread) {
    said.push(fill(text.sentence_spread, { dimension: dimensionName(spread.dimension), axis: axisName(spread.axis),
      width: f(spread.width) }));
  }
  if (gap) {
    said.push(fill(text.sentence_gap, { dimension: dimensionName(gap.dimension), axis: axisName(gap.axis),
      high: name(gap.high), low: name(gap.low), gap: f(gap.gap) }));
  }
  return said;
}

/** The response rate and, when the result is thin, how far to trust it. */
function showTrust() {
  const invited = Number.parseInt($("invited").value, 10);
  const { rate, trust } = participation(team.codes.valid, invited > 0 ? invited : null, k);
  $("team-rate").textContent = rate === null ? ""
    : fill(text.rate, { n: team.codes.valid, invited, rate: pct(rate) });
  $("team-trust").textContent = trust ? fill(text[`trust_${trust}`], { n: team.codes.valid, min: k,
    rate: rate === null ? "" : pct(rate) }) : "";
  $("team-trust").hidden = !trust;
}

function quadrantCharts() {
  const titles = Object.fromEntries(QUADRANTS.map((q, i) => [q, labels.quadrants[i]]));
  const groups = [[text.all, team.all], ...team.segments.filter((s) => s.n).map((s) => [name(s.id), s])];
  const columns = [...labels.quadrants, text.quadrant_none];
  return [
    figure(text.overall, quadrantGrid(team.all.quadrants, titles, share, AXES.map(axisName)), "quadrant-overall"),
    el("div", team.all.dimensions.map((d, i) => figure(labels.dimensions[i], quadrantGrid(d.quadrants, null,
      (c, n) => (n ? pct(c / n) : "–")))), { class: "small-multiples" }),
    team.all.quadrants.none ? note(fill(text.not_placed, { n: team.all.quadrants.none })) : "",
    // quadrants as rows: their names are long, the dimensions' short
    numbers([table(text.quadrants_by_dimension, [text.quadrant, text.overall, ...labels.dimensions],
      [...QUADRANTS, "none"].map((q, i) => [columns[i], share(team.all.quadrants[q], team.all.n),
        ...team.all.dimensions.map((d) => share(d.quadrants[q], team.all.n))])),
    ...(groups.length > 1 ? [table(text.quadrants_by_group, [text.quadrant, ...groups.map(([g, s]) => `${g} (n = ${s.n})`)],
      [...QUADRANTS, "none"].map((q, i) => [columns[i], ...groups.map(([, s]) => share(s.quadrants[q], s.n))]))] : [])]),
  ];
}

function scoreCharts() {
  const hiddenWords = (part) => AXES.flatMap((axis) => (part[axis].n ? []
    : [`${axisName(axis)}: ${cells(part[axis], () => [])[0]}`]));
  const rows = parts(team.all).map(([label, part]) => el("div", [
    el("span", [el("strong", label), ...hiddenWords(part).map((words) => el("span", ` – ${words}`, { class: "muted" }))],
      { class: "box-label" }),
    boxPlot(part, model.threshold)], { class: "box-row" }));
  const scale = el("div", [0, 25, 50, 75, 100].map((x) => el("span", String(x))), { class: "box-scale", "aria-hidden": "true" });
  return [
    figure(text.box_caption, [el("ul", AXES.map((axis) => el("li", axisName(axis), { class: axis })), { class: "legend" }),
      ...rows, scale, note(text.box_legend)], "box-plots"),
    numbers([...AXES.map((axis) => table(axisName(axis),
      ["dimension", "n", "mean", "median", "quartiles", "range"].map((key) => text[key]),
      parts(team.all).map(([label, part]) => [label, ...cells(part[axis], (c) =>
        [c.n, f(c.mean), f(c.median), `${f(c.q1)} – ${f(c.q3)}`, `${f(c.min)} – ${f(c.max)}`])]),
      heading("scores-heading"))),
    note(text.quartiles_note)]),
  ];
}

/** The bank's texts for the team's place in each dimension (rendered into the page, unhidden here). */
function nextSteps(facts) {
  for (const node of document.querySelectorAll("#team-next [data-quadrant], #team-next [data-advice], #team-next article")) {
    node.hidden = true;
  }
  if (!facts) return;
  const quadrant = document.querySelector(`#team-next [data-quadrant="${facts.overall.quadrant}"]`);
  if (quadrant) quadrant.hidden = false;
  for (const d of facts.dimensions) {
    const article = $(`team-rec-${d.id}`);
    const shown = adviceKeys(d).map((key) => article?.querySelector(`[data-advice="${key}"]`)).filter(Boolean);
    if (!shown.length) continue;
    for (const node of shown) node.hidden = false;
    article.hidden = false;
    article.querySelector("span").textContent = labels.levels[model.levels.findIndex((lv) => lv.id === d.level)];
  }
}

function gapCharts() {
  const groups = team.segments.filter((s) => s.n || s.hidden);
  const shown = groups.filter((s) => s.n);
  const difference = (s, p, axis) => {
    const [mine, whole] = [parts(s)[p][1][axis], parts(team.all)[p][1][axis]];
    return mine.n && whole.n ? mine.mean - whole.mean : null;
  };
  const heads = shown.map((s) => `${name(s.id)} (n = ${s.n})`);
  return [
    el("ul", groups.filter((s) => s.hidden).map((s) =>
      el("li", fill(text[`hidden_${s.hidden}`], { group: name(s.id), min: k })))),
    ...(shown.length ? AXES.map((axis) => figure(fill(text.heatmap_caption, { axis: axisName(axis) }),
      heatmap(groups.map((s) => name(s.id)), parts(team.all).map(([label]) => label),
        groups.map((s) => (s.n ? parts(team.all).map((_, p) => difference(s, p, axis)) : parts(team.all).map(() => null))),
        (value) => (value === null ? "–" : signed(Math.round(value)))), "heatmap-figure")) : []),
    shown.length ? note(fill(text.heatmap_note, { min: k })) : "",
    ...(shown.length > 1 ? [numbers(AXES.map((axis) => table(axisName(axis),
      [text.dimension, ...heads, text.gap], parts(team.gaps).map(([label, gaps], p) => {
        const gap = gaps[axis];
        return [label, ...shown.flatMap((s) => cells(parts(s)[p][1][axis], (c) => [f(c.mean)])),
          gap ? fill(text.gap_value, { gap: f(gap.gap), high: name(gap.high), low: name(gap.low) }) : "–"];
      }), heading("segments-heading"))))] : []),
  ];
}

function questionCharts() {
  const scale = labels.scale;
  const bands = [`${scale[0]}, ${scale[1]}`, scale[2], `${scale[3]}, ${scale[4]}`];
  return [
    el("ul", ["low", "middle", "high"].map((band, i) => el("li", bands[i], { class: band })), { class: "legend" }),
    ...model.dimensions.flatMap((d, di) => {
      const questions = model.questions.flatMap((q, i) => (q.dimension === d.id ? [[q, i]] : []));
      const rows = questions.map(([q, i]) => {
        const entry = team.questions[i];
        const title = el("p", labels.questions[i], { class: "question-text" });
        if (entry.hidden || !entry.answered) {
          return el("div", [title, note(entry.hidden ? fill(text.question_hidden, { min: k }) : text.no_answers)]);
        }
        const of = (count) => count / entry.answered;
        if (q.type === "likert") {
          const c = entry.counts;
          const shares = [c[0] + c[1], c[2], c[3] + c[4]].map(of);
          return el("div", [title, divergingBar(shares),
            el("p", shares.map(pct).join(" · "), { class: "hint", "aria-hidden": "true" })], { class: "question" });
        }
        return el("div", [title, ...labels.options[i].map((option, v) => el("div", [
          el("span", option, { class: "option-text" }), shareBar(of(entry.counts[v])),
          el("span", pct(of(entry.counts[v])), { class: "option-share" })], { class: "option-row" }))],
        { class: "question" });
      });
      return [el("h3", labels.dimensions[di]), ...rows, numbers(questions.map(([q, i]) => {
        const entry = team.questions[i];
        const title = labels.questions[i];
        if (entry.hidden) return el("p", [el("strong", title), ": ", fill(text.question_hidden, { min: k })]);
        return table(title, [text.answer, text.codes, text.share], [
          ...(q.options ? labels.options[i] : scale).map((label, v) =>
            [label, entry.counts[v], entry.answered ? pct(entry.counts[v] / entry.answered) : "–"]),
          [text.skipped, entry.skipped, "–"]]);
      }))];
    }),
  ];
}

/** The change since the earlier team JSON loaded, per dimension and axis. */
function showChange() {
  const status = $("compare-status");
  $("team-change").replaceChildren();
  $("team-compare").classList.remove("compared"); // printed only with a comparison
  if (!earlier) return;
  const compared = compareTeams(team, earlier.json);
  if (!compared.ok) {
    status.textContent = text[`compare_${compared.reason}`];
    return;
  }
  $("team-compare").classList.add("compared");
  status.textContent = fill(text.compare_done, { file: earlier.name });
  const cell = (change) => (change ? [f(change.before), f(change.now), signed(change.change)] : ["–", "–", "–"]);
  $("team-change").append(...AXES.map((axis) => table(axisName(axis),
    [text.dimension, text.before, text.now, text.change],
    parts(compared).map(([label, part]) => [label, ...cell(part[axis])]), heading("compare-heading"))));
}

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
  $("participation").hidden = !valid;
  showTrust();
  $("team-results").hidden = !team.all.n;
  if (!team.all.n) return;

  const facts = highlights(model, team);
  $("team-highlights").replaceChildren(...sentences(facts).map((sentence) => el("p", sentence)));
  $("team-quadrants").replaceChildren(...quadrantCharts());
  $("team-scores").replaceChildren(...scoreCharts());
  nextSteps(facts);
  $("team-segments")?.replaceChildren(...gapCharts());
  $("team-questions").replaceChildren(...questionCharts());
  showChange();
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
      for (const id of ["refused", "team-hidden", "participation", "team-results"]) $(id).hidden = true;
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

$("invited").addEventListener("input", () => team && showTrust());
showChosen($("earlier-file"));
$("earlier-file").addEventListener("change", async (event) => {
  const [file] = event.target.files;
  if (!file) return;
  let json;
  try {
    json = JSON.parse(await file.text());
  } catch {
    json = null; // not JSON: compareTeams says it is no team JSON
  }
  earlier = { name: file.name, json };
  if (team) showChange();
});
// printed, the report shows every data table: collapsed ones open for the print and close after
let opened = [];
addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("#team-results details:not([open])")];
  for (const node of opened) node.open = true;
});
addEventListener("afterprint", () => {
  for (const node of opened) node.open = false;
});
$("print").addEventListener("click", () => print());
$("download-team-json").addEventListener("click", () =>
  download(`${model.bank.id}-team.json`, `${JSON.stringify(team, null, 2)}\n`, "application/json"));
$("download-team-csv").addEventListener("click", () => download(`${model.bank.id}-team.csv`, teamCsv(team), "text/csv"));
