// The results page: score the answers (the tab's, or a link's), then fill in and
// unhide the server-rendered page. Text from the bank only ever moves as textContent.
import { gains, manySkipped, straightLining, toCsv } from "./analysis.js";
import { mapPoint, radarPoint, radarPolygon } from "./charts.js";
import { download } from "./page.js";
import { showResultCode } from "./result-code.js";
import { AXES, points, score, validAnswers } from "./scoring.js";
import { fill, loadSegment, loadState, readData, saveState, storageKey } from "./state.js";

const data = readData("results-data");
const { model, text } = data;
const $ = (id) => document.getElementById(id);
const lang = document.documentElement.lang;
const key = storageKey(model.bank);
// dimension titles, then the word for overall (the scores table's row headers)
const titles = [...document.querySelectorAll(".scores th[scope=row]")].map((th) => th.textContent);
// Scores are shown rounded down, so a shown 60 never sits below a level that starts at 60.
const shown = (value) => Math.floor(value);
const formatPoints = (value) => value.toLocaleString(lang, { maximumFractionDigits: 2 });

// A shared link (results.html#c=<result code>) shows its answers instead of the tab's.
const linkedCode = () => new URLSearchParams(location.hash.slice(1)).get("c");
let answers = loadState(model.bank).answers;
let segment = data.segments.indexOf(loadSegment(model.bank)) + 1; // the group chosen in the quiz; 0 = none
let fromLink = false;
const linked = linkedCode();
if (linked) {
  const decoded = (await import("./codes.js")).decode(model, data.tag, linked, data.segments.length);
  fromLink = decoded.ok;
  if (fromLink) ({ answers, segment } = decoded);
  else $("link-problem").textContent = text[decoded.reason === "bank" ? "other_bank" : "link_invalid"];
  $("link-problem").hidden = fromLink;
  $("from-link").hidden = !fromLink;
}
answers = validAnswers(model, answers);
const result = score(model, answers);
// a link pasted into the address bar of this very page changes only the fragment
addEventListener("hashchange", () => linkedCode() && location.reload());

/** The result code of the shown answers (docs/result-code.md), for the code field and shared links. */
const resultCode = async () => (await import("./codes.js")).encode(model, data.tag, answers, segment);

function showScores(row, scores, before) {
  for (const axis of AXES) {
    const cell = row.querySelector(`[data-cell="${axis}"]`);
    if (scores[axis] === null) {
      cell.textContent = text.not_scored;
      continue;
    }
    const meter = document.createElement("meter");
    Object.assign(meter, { min: 0, max: 100, value: scores[axis] });
    meter.setAttribute("aria-hidden", "true");
    cell.replaceChildren(shown(scores[axis]), " ", meter);
    if (before && before[axis] !== null) {
      const change = shown(scores[axis]) - shown(before[axis]);
      const delta = document.createElement("span");
      delta.className = "delta";
      delta.textContent = ` (${change > 0 ? "+" : change < 0 ? "−" : "±"}${Math.abs(change)})`;
      cell.append(delta);
    }
  }
  row.querySelector('[data-cell="level"]').textContent =
    scores.level === null ? text.not_scored : data.levels[scores.level];
}

function svg(parent, name, attributes, content) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, value);
  if (content) node.textContent = content;
  parent.append(node);
}

const known = (scores) => scores && scores.customer !== null && scores.competitor !== null;

/** Both charts and the table, for the result and optionally an earlier one. */
function draw(before) {
  const rows = [...result.dimensions, result.overall];
  const earlier = before && [...before.dimensions, before.overall];
  const tableRows = document.querySelectorAll(".scores [data-dimension]");
  rows.forEach((scores, i) => showScores(tableRows[i], scores, earlier && earlier[i]));
  const map = $("map-data");
  map.replaceChildren();
  rows.forEach((scores, i) => {
    if (!known(scores)) return;
    const [x, y] = mapPoint(scores.customer, scores.competitor);
    if (earlier && known(earlier[i])) {
      const [x1, y1] = mapPoint(earlier[i].customer, earlier[i].competitor);
      svg(map, "line", { x1, y1, x2: x, y2: y, class: "before" });
      svg(map, "circle", { cx: x1, cy: y1, r: 2, class: "before" });
    }
    const overall = i === rows.length - 1;
    svg(map, "circle", { cx: x, cy: y, r: overall ? 3 : 2, class: overall ? "overall" : "point",
      "data-dimension": scores.id || "" });
    svg(map, "text", { x: x > 60 ? x - 4 : x + 4, y: y + 2, "text-anchor": x > 60 ? "end" : "start" }, titles[i]);
  });
  const radar = $("radar-data");
  if (!radar) return;
  radar.replaceChildren();
  for (const [scores, state] of [[before, "before"], [result, "now"]]) {
    for (const axis of scores ? AXES : []) {
      svg(radar, "polygon", { points: radarPolygon(scores.dimensions.map((d) => d[axis])), class: `${axis} ${state}` });
    }
  }
}

function drawRadarGrid() {
  const grid = $("radar-grid");
  const n = model.dimensions.length;
  if (!grid) return;
  for (const value of [25, 50, 75, 100].filter((ring) => ring !== model.threshold).concat(model.threshold)) {
    svg(grid, "polygon", { points: radarPolygon(Array(n).fill(value)), class: value === model.threshold ? "threshold" : "" });
  }
  for (let i = 0; i < n; i += 1) {
    const [x, y] = radarPoint(i, n, 100);
    const [lx, ly] = radarPoint(i, n, 108);
    svg(grid, "line", { x2: x, y2: y });
    svg(grid, "text", { x: lx, y: ly + (ly > 1 ? 12 : ly < -1 ? -2 : 5),
      "text-anchor": lx > 1 ? "start" : lx < -1 ? "end" : "middle" }, titles[i]);
  }
}

/** How each answer moved each axis, and the sums behind each dimension score. */
function explain() {
  const sums = Object.fromEntries(model.dimensions.map((d) => [d.id, { customer: [0, 0], competitor: [0, 0] }]));
  for (const q of model.questions) {
    const value = answers[q.id];
    const moved = value === undefined ? {} : points(q, value);
    const cells = document.querySelector(`[data-row="${q.id}"]`).cells;
    const sum = sums[q.dimension];
    cells[1].textContent = value === undefined ? text.skipped : q.type === "likert" ? data.scale[value - 1]
      : fill(text.option_of, { k: q.options.findIndex((o) => o.id === value) + 1, n: q.options.length });
    AXES.forEach((axis, i) => {
      const [earned, possible] = moved[axis] || [];
      if (possible) sum[axis] = [sum[axis][0] + earned, sum[axis][1] + possible];
      cells[2 + i].textContent = possible ? `${formatPoints(earned)} / ${formatPoints(possible)}` : "–";
    });
  }
  for (const d of result.dimensions) {
    const cells = document.querySelector(`[data-sum="${d.id}"]`).cells;
    AXES.forEach((axis, i) => {
      const [earned, possible] = sums[d.id][axis];
      cells[1 + i].textContent = possible ? `${formatPoints(earned)} / ${formatPoints(possible)} → ${shown(d[axis])}` : text.not_scored;
    });
  }
}

function showHints() {
  const top = $("more-hints").start - 1;
  const ranked = gains(model, answers).filter(({ id }) => document.querySelector(`[data-hint="${id}"]`));
  ranked.forEach(({ id, gain }, i) => {
    const hint = document.querySelector(`[data-hint="${id}"]`);
    hint.querySelector(".hint-question").textContent = document.querySelector(`[data-row="${id}"]`).cells[0].textContent;
    hint.querySelector("span").textContent =
      fill(text.hint_gain, { gain: gain.toLocaleString(lang, { maximumFractionDigits: 1 }) });
    $(i < top ? "hints" : "more-hints").append(hint);
    hint.hidden = false;
  });
  $("hints-section").hidden = !ranked.length;
  $("more-hints-box").hidden = ranked.length <= top;
}

function remember(on) {
  try {
    if (on) localStorage.setItem(key, JSON.stringify({ answers, step: 0 }));
    else localStorage.removeItem(key);
  } catch {
    /* storage disabled: nothing to keep */
  }
}

function forget() {
  const prefix = storageKey({ id: model.bank.id, fingerprint: "" }); // every version of this bank
  try {
    for (const store of [sessionStorage, localStorage]) {
      for (const name of Object.keys(store)) if (name.startsWith(prefix)) store.removeItem(name);
    }
  } catch {
    /* storage disabled: nothing was kept */
  }
  history.replaceState(null, "", location.pathname + location.search);
  for (const id of ["results", "from-link", "link-problem"]) $(id).hidden = true;
  $("forgotten").hidden = false;
  $("forgotten").focus();
}

function compared(outcome) {
  const status = $("compare-status");
  status.textContent = text[outcome.error || "compare_done"];
  status.className = outcome.error ? "notice" : "";
  if (outcome.error) return;
  draw(outcome.result);
  $("legend-before").hidden = false;
}

if (result.overall.answered === 0) {
  $("no-answers").hidden = false;
} else {
  const { overall } = result;
  const skipped = overall.total - overall.answered;
  $("answered-note").textContent = skipped
    ? fill(text.results_skipped, { skipped, total: overall.total })
    : fill(text.results_all_answered, { total: overall.total });
  $("notice-skipped").hidden = !manySkipped(overall);
  $("notice-skipped").textContent = fill(text.notice_skipped, { percent: Math.round((100 * skipped) / overall.total) });
  const repeated = straightLining(model, answers);
  $("notice-straight").hidden = !repeated;
  $("notice-straight").textContent = fill(text.notice_straight, { answer: data.scale[repeated - 1] });
  const verdict = document.querySelector(`[data-quadrant="${overall.quadrant}"]`);
  if (verdict) verdict.hidden = false;
  for (const dim of result.dimensions) {
    const article = $(`rec-${dim.id}`);
    const advice = dim.level && article.querySelector(`[data-level="${dim.level}"]`);
    article.hidden = !advice;
    if (advice) {
      advice.hidden = false;
      article.querySelector('[data-cell="level"]').textContent = data.levels[dim.level];
    }
  }
  drawRadarGrid();
  draw(null);
  explain();
  showHints();
  $("report-date").textContent = fill(text.report_date, { date: new Date().toLocaleDateString(lang, { dateStyle: "long" }) });

  $("download-json").addEventListener("click", () => {
    download(`${model.bank.id}-result.json`, JSON.stringify(result, null, 2) + "\n", "application/json");
  });
  $("download-csv").addEventListener("click", () => {
    download(`${model.bank.id}-result.csv`, "\ufeff" + toCsv(result, titles), "text/csv");
  });
  $("print").addEventListener("click", () => print());
  $("copy-link").addEventListener("click", async () => {
    const link = `${location.href.split("#")[0]}#c=${await resultCode()}`;
    let copied = true;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      copied = false;
    }
    $("share-link").value = link;
    $("share-status").textContent = copied ? text.link_copied : text.link_copy_manually;
    $("share").hidden = false;
    if (!copied) $("share-link").select();
  });
  $("edit-answers").addEventListener("click", () => {
    saveState(model.bank, { answers, step: 0 });
    location.href = "quiz.html";
  });

  const box = $("remember");
  try {
    box.checked = localStorage.getItem(key) !== null;
  } catch {
    box.disabled = true;
  }
  if (box.checked && !fromLink) remember(true); // keep the remembered answers current
  box.addEventListener("change", () => remember(box.checked));
  $("forget").addEventListener("click", forget);

  $("compare-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (file) compared((await import("./compare.js")).fromJson(await file.text(), model));
  });
  // no <form>: the site has none (form-action 'none'); Enter in the field compares too
  const compareCode = async () =>
    compared((await import("./compare.js")).fromCode($("compare-code").value, model, data.tag, data.segments.length));
  $("compare-button").addEventListener("click", compareCode);
  $("compare-code").addEventListener("keydown", (event) => { if (event.key === "Enter") compareCode(); });
  showResultCode(await resultCode());
  $("results").hidden = false;
}
