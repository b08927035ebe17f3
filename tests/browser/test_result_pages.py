"""The pages the results lead to, in a real Chromium: what to do next (the
printable report, with the CSV export), the hints by gain, comparing with an
earlier result, and how the result was computed (the method page with answers).
Expected values come from the Python reference scorer and docs/results.md."""
from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect
from support.answers import random_answers
from support.browser import (
    AXES,
    answered,
    assert_charts_follow,
    code_of,
    download,
    in_groups,
    page_url,
    results_url,
    shown,
    with_answers,
)
from support.paths import FIXTURES

from builder.commands.build import build
from builder.rules.gains import gains
from builder.rules.scoring import score

pytestmark = pytest.mark.browser

CSV_COLUMNS = ["dimension", "title", "customer", "competitor", "index", "quadrant", "level", "answered", "total"]


# --- what to do next: recommendations, CSV, print ----------------------------------

def test_each_dimension_gets_the_recommendations_for_where_it_stands_and_its_level(page, served_sites, banks):
    bank = banks["default"]
    answers = random_answers(bank.scoring_model, random.Random("next"), skip_rate=0.2)
    for q in bank.scoring_model["questions"]:  # one dimension without answers: no level, no recommendation
        if q["dimension"] == "purpose":
            answers[q["id"]] = None
    result = score(bank.scoring_model, answered(answers))
    with_answers(page, page_url(served_sites, "next"), answers)
    levels = {lv.id: lv.title["en"] for lv in bank.levels}
    titles = {d.id: d.title["en"] for d in bank.dimensions}
    for scores in result["dimensions"]:
        article = page.locator(f"#rec-{scores['id']}")
        if scores["level"] is None:
            expect(article).to_be_hidden()
            continue
        expect(article.get_by_role("heading")).to_have_text(
            f"{titles[scores['id']]}: {levels[scores['level']]}")
        advice = article.locator(".recommendation:not([hidden])")
        if scores["quadrant"] is None:  # an axis without answers: no quadrant, the level's advice alone
            expect(advice).to_have_count(1)
            expect(advice).to_have_attribute("data-level", scores["level"])
        else:  # first for where the dimension stands, then for its level
            expect(advice).to_have_count(2)
            expect(advice.first).to_have_attribute("data-quadrant", scores["quadrant"])
            expect(advice.last).to_have_attribute("data-level", scores["level"])
        expect(article.locator("[data-scores]")).to_have_text(
            f"Customer obsession {shown(scores['customer'])}, Competitor obsession "
            + ("not scored" if scores["competitor"] is None else str(shown(scores["competitor"]))))
    overall = result["overall"]
    expect(page.locator('[data-scores=""]')).to_have_text(
        f"Customer obsession {shown(overall['customer'])}, Competitor obsession {shown(overall['competitor'])}")


def test_csv_and_json_agree(page, served_sites, banks):
    bank = banks["default"]
    model = bank.scoring_model
    answers = random_answers(model, random.Random("csv"), skip_rate=0.2)
    for q in model["questions"]:  # one dimension unanswered: empty cells where JSON has null
        if q["dimension"] == "purpose":
            answers[q["id"]] = None
    with_answers(page, page_url(served_sites, "keep"), answers)
    result = json.loads(download(page, "Download JSON"))
    assert result == json.loads(json.dumps(score(model, answered(answers))))
    page.goto(page_url(served_sites, "next"))
    raw = download(page, "Download CSV").decode("utf-8")
    assert raw.startswith("\ufeff") and raw.endswith("\r\n")
    reader = csv.DictReader(io.StringIO(raw[1:], newline=""))
    rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    titles = [d.title["en"] for d in bank.dimensions] + ["Overall"]
    for row, scores, title in zip(rows, [*result["dimensions"], {**result["overall"], "id": "overall"}], titles,
                                  strict=True):
        assert row["dimension"] == scores["id"] and row["title"] == title
        for column in ("customer", "competitor", "index"):
            if scores[column] is None:
                assert row[column] == "", column
            else:
                assert float(row[column]) == scores[column], column  # exactly: both carry the unrounded number
        assert row["quadrant"] == (scores["quadrant"] or "") and row["level"] == (scores["level"] or "")
        assert (int(row["answered"]), int(row["total"])) == (scores["answered"], scores["total"])
    assert rows[-2]["customer"] == "" and rows[-2]["quadrant"] == ""


def test_csv_quotes_text_with_separators(page, served_sites):
    page.goto(page_url(served_sites, "next", "small"))
    text = page.evaluate(
        """async () => {
            const { toCsv } = await import("../static/js/rules/csv.js");
            const scores = { customer: 1.5, competitor: null, index: null, quadrant: null, level: "low",
                             answered: 1, total: 2 };
            return toCsv({ dimensions: [{ id: "a", ...scores }], overall: scores }, ['Say "hi", then\\ngo', "All"]);
        }""")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["a", 'Say "hi", then\ngo', "1.5", "", "", "", "low", "1", "2"]
    assert rows[2][:2] == ["overall", "All"]


def test_print_shows_a_clean_report(page, served_sites, banks):
    bank = banks["default"]
    answers = random_answers(bank.scoring_model, random.Random("print"), 0.1)
    with_answers(page, page_url(served_sites, "next"), answers)
    page.emulate_media(media="print")
    first = bank.dimensions[0].id
    for visible in (page.get_by_role("heading", name="What to do next", level=1),
                    page.get_by_text(f"Report of {date.today():%B} "),
                    page.get_by_role("heading", name="Where your company stands"),
                    page.get_by_role("heading", name="Recommendations for each dimension"),
                    page.get_by_role("img", name="Quadrant map"),
                    page.locator(f"#rec-{first} .recommendation:not([hidden])").first):
        expect(visible).to_be_visible()
    for hidden in (page.get_by_role("navigation", name="Site"), page.get_by_role("button", name="Print report"),
                   page.get_by_role("button", name="Download CSV")):
        expect(hidden).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.get_by_text("Report of")).to_be_hidden()

    with_answers(page, page_url(served_sites, "hints"), answers)  # the hints print as a list of their own
    page.emulate_media(media="print")
    expect(page.get_by_text(f"Report of {date.today():%B} ")).to_be_visible()
    expect(page.locator("#hints > li:not([hidden])").first).to_be_visible()
    expect(page.get_by_text("More hints")).to_be_hidden()


CHART_FACTS = """
() => {
  const box = (el) => el.getBoundingClientRect();
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const labels = [...document.querySelectorAll("#map .label")];
  const clashes = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    if (overlap(box(a), box(b))) clashes.push([a.textContent, b.textContent]);
  }));
  const px = (el) => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a;
  const before = (selector, property) => getComputedStyle(document.querySelector(selector), "::before")[property];
  const paint = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
  return {
    clashes,
    labels: labels.length,
    corners: [...document.querySelectorAll("#map .corner text")].map((t) => t.textContent),
    ticks: [...document.querySelectorAll("#map .tick text")].map((t) => t.textContent),
    radarPx: Math.min(...[...document.querySelectorAll("#radar .labels text")].map(px)),
    mapLabelPx: Math.min(...labels.map(px)),
    legend: {
      point: [before(".legend .point", "backgroundColor"), paint("#map circle.point", "fill")],
      overall: [before(".legend .overall", "backgroundColor"), paint("#map circle.overall", "fill")],
      customer: [before(".legend .customer", "borderTopColor"), paint("#radar polygon.customer", "stroke")],
      competitor: [before(".legend .competitor", "borderTopColor"), paint("#radar polygon.competitor", "stroke")],
    },
  };
}
"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_read_without_the_table(browser, served_sites, banks, width, scheme):
    """Quadrant names in the map's corners, 0, the threshold and 100 on both axes,
    point labels that never overlap (all dimensions answered alike put their points
    close together), radar labels of 12 px or more, legends in the drawn colours."""
    bank = banks["default"]
    model = bank.scoring_model
    alike = {q["id"]: 4 if q["type"] == "likert" else q["options"][0]["id"] for q in model["questions"]}
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    with_answers(page, page_url(served_sites, "next", lang="de"), alike)
    facts = page.evaluate(CHART_FACTS)
    assert facts["labels"] == len(bank.dimensions) + 1
    assert facts["clashes"] == []
    assert facts["corners"] == [" ".join(getattr(bank.quadrants, key).title["de"].split())
                                for key in ("competitor", "both", "inward", "customer")]
    threshold = str(model["threshold"])
    assert facts["ticks"] == ["0", threshold, "100", "0", threshold, "100"]
    assert facts["radarPx"] >= 12 and facts["mapLabelPx"] >= 12, facts
    for name, (legend, drawn) in facts["legend"].items():
        assert legend == drawn, name
    context.close()


# --- hints -----------------------------------------------------------------------------

def shown_hints(page) -> list[str]:
    return page.locator("#hints > li:not([hidden]), #more-hints > li").evaluate_all(
        "items => items.map((li) => li.dataset.hint)")


def best_index_answer(q: dict):
    """The answer with the most for the index: customer statements agreed, competitor ones not."""
    if q["type"] == "likert":
        return 1 if q["reverse"] == (q["pole"] == "customer") else 5
    return max(q["options"], key=lambda o: o["customer"] - o["competitor"])["id"]


WORDS = {"raise": "Strengthen:", "let_go": "Let go of:", "rethink": "Rethink:"}


def effect(lever: dict) -> str:
    """The scores a lever moves, as the page words them (docs/results.md)."""
    def one_decimal(value: float) -> str:  # as Intl.NumberFormat rounds: half away from zero, no ".0"
        return str(Decimal(abs(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)).removesuffix(".0")

    moved = [f"{name} {'+' if lever[axis] > 0 else '−'}{one_decimal(lever[axis])} points"
             for axis, name in (("customer", "Customer obsession"), ("competitor", "Competitor obsession"))
             if lever[axis]]
    return " · ".join(moved)


@pytest.mark.parametrize("seed", range(3))
def test_hints_are_ordered_by_gain_on_both_axes(page, served_sites, banks, seed):
    bank = banks["default"]
    model = bank.scoring_model
    answers = random_answers(model, random.Random(f"hints-{seed}"), skip_rate=0.2)
    if seed == 0:  # the worst answer everywhere: many exact ties, kept in bank order
        answers = {q["id"]: (5 if q["reverse"] == (q["pole"] == "customer") else 1) if q["type"] == "likert"
                   else min(q["options"], key=lambda o: o["customer"] - o["competitor"])["id"]
                   for q in model["questions"]}
    levers = gains(model, answered(answers))
    with_answers(page, page_url(served_sites, "hints"), answers)
    with_hint = {q.id for q in bank.questions if q.improve}
    expected = [lever for lever in levers if lever["id"] in with_hint]
    assert [lever["id"] for lever in expected] == shown_hints(page)
    assert any(lever["competitor"] < 0 for lever in expected), "agreed competitor statements are levers too"
    expect(page.locator("#hints > li:not([hidden])")).to_have_count(min(5, len(expected)))
    questions = {q["id"]: q for q in model["questions"]}
    question_text = {q.id: q.text["en"] for q in bank.questions}
    for lever in expected[:5]:
        hint = page.locator(f'[data-hint="{lever["id"]}"]')
        q = questions[lever["id"]]
        way = "rethink" if q["type"] == "choice" else "raise" if lever["best"] > answers[q["id"]] else "let_go"
        expect(hint.locator(".hint-question")).to_have_text(f"{WORDS[way]} {question_text[lever['id']]}")
        expect(hint.locator(".effect")).to_have_text(effect(lever))
    first = page.locator(f'[data-hint="{expected[0]["id"]}"]')
    dimension = questions[expected[0]["id"]]["dimension"]
    first.get_by_role("link").click()  # to the dimension's recommendation, on the next steps page
    page.wait_for_url(f"**/next.html#rec-{dimension}")
    recommendation = page.locator(f"#rec-{dimension} .recommendation:not([hidden])")
    expect(recommendation.first).to_be_in_viewport()
    if seed == 0:
        tied = [lever["id"] for lever in levers if lever["gain"] == levers[0]["gain"]]
        assert len(tied) > 1 and tied == [q["id"] for q in model["questions"] if q["id"] in tied]


def test_no_hints_when_nothing_is_missed_or_the_bank_has_none(page, served_sites, banks):
    model = banks["default"].scoring_model
    best = {q["id"]: best_index_answer(q) for q in model["questions"]}
    assert gains(model, best) == []
    with_answers(page, page_url(served_sites, "hints"), best, shown="#no-hints")
    expect(page.get_by_text("None of your answers leaves room")).to_be_visible()
    expect(page.locator("#results")).to_be_hidden()
    with_answers(page, results_url(served_sites), best)  # and no levers on the results page
    expect(page.locator("#levers-box")).to_be_hidden()
    # the small bank has no improve: texts, so no hints page and no link to one
    with_answers(page, results_url(served_sites, "small"), {"svc-listen": 1, "prd-price": 1})
    expect(page.get_by_role("link", name="What to do next", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Where you can gain most")).to_have_count(0)
    expect(page.get_by_role("link", name="All levers, with hints")).to_have_count(0)
    expect(page.locator("#levers > li")).to_have_count(2)  # the levers themselves need no hints
    assert page.request.get(page_url(served_sites, "hints", "small")).status == 404


def test_hint_markdown_is_sanitized(page, tmp_path, static_server):
    site = tmp_path / "site"
    build(FIXTURES / "banks" / "hostile", site)
    server = static_server(site)
    with_answers(page, server.url("en/hints.html"), {"q1": 1})
    hint = page.locator('[data-hint="q1"]')
    expect(hint).to_be_visible()
    expect(hint.locator("strong:not(.verb)")).to_have_text("harder")
    assert page.evaluate("window.__pwned") is None


# --- compare --------------------------------------------------------------------------

def expected_cell(now, before) -> str:
    if now is None:
        return "not scored"
    if before is None:
        return str(shown(now))
    change = shown(now) - shown(before)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{shown(now)} ({sign}{abs(change)})"


def assert_compared(page, model: dict, now: dict, before: dict) -> None:
    expect(page.locator("#compare-status")).to_have_text(
        "Compared with the earlier result; changes are shown in brackets.")
    rows = page.locator(".scores [data-dimension]")
    for i, (scores, earlier) in enumerate(zip([*now["dimensions"], now["overall"]],
                                              [*before["dimensions"], before["overall"]], strict=True)):
        for axis in AXES:
            expect(rows.nth(i).locator(f'[data-cell="{axis}"]')).to_have_text(
                expected_cell(scores[axis], earlier[axis]))
    assert_charts_follow(page, model, before, state="before")
    assert_charts_follow(page, model, now)
    both_known = sum(1 for a, b in zip([*now["dimensions"], now["overall"]], [*before["dimensions"], before["overall"]],
                                       strict=True)
                     if None not in (a["customer"], a["competitor"], b["customer"], b["competitor"]))
    expect(page.locator("#map circle.before")).to_have_count(both_known)
    for legend in ("#legend-map-before", "#legend-before", "#legend-now"):
        expect(page.locator(legend)).to_be_visible()
    expect(page.locator("#legend-before")).to_have_text("Earlier result")
    expect(page.locator("#legend-now")).to_have_text("Now")
    arrows = page.locator('#map line.before[marker-end="url(#arrow)"]')
    expect(arrows).to_have_count(both_known)  # from each earlier point to where it is now


def test_compare_with_an_earlier_result(page, served_sites, banks, tmp_path):
    model = banks["default"].scoring_model
    rng = random.Random("compare")
    answers_now, answers_file, answers_code = (random_answers(model, rng, 0.1) for _ in range(3))
    now = score(model, answered(answers_now))
    with_answers(page, results_url(served_sites), answers_now)
    page.get_by_role("link", name="Compare with an earlier result").click()
    expect(page.locator("#results")).to_be_visible()
    assert_charts_follow(page, model, now)
    expect(page.locator("#radar polygon.before")).to_have_count(0)

    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(score(model, answered(answers_file))), encoding="utf-8")
    page.get_by_label("Earlier result (JSON file)").set_input_files(earlier)
    assert_compared(page, model, now, score(model, answered(answers_file)))

    link = results_url(served_sites) + "#c=" + code_of(banks["default"], answers_code)
    page.get_by_label("Or a link or result code").fill(link)
    page.get_by_role("button", name="Compare", exact=True).click()
    assert_compared(page, model, now, score(model, answered(answers_code)))

    # a code as the keep page shows it, in groups of four; Enter compares too
    page.get_by_label("Or a link or result code").fill(in_groups(code_of(banks["default"], answers_file)))
    page.get_by_label("Or a link or result code").press("Enter")
    assert_compared(page, model, now, score(model, answered(answers_file)))


def test_compare_refuses_other_banks_and_garbage(page, served_sites, banks, tmp_path):
    model, small = banks["default"].scoring_model, banks["small"].scoring_model
    with_answers(page, page_url(served_sites, "compare"), random_answers(model, random.Random("refuse"), 0))
    status = page.locator("#compare-status")
    rescored = score(model, {}) | {"bank": {**model["bank"], "fingerprint": "000000000000"}}
    cases = [("rescored.json", json.dumps(rescored), "another assessment"),
             ("small.json", json.dumps(score(small, {"svc-listen": 3})), "another assessment"),
             ("notes.json", "not json at all", "This is not a result of this assessment"),
             ("shape.json", json.dumps({"bank": model["bank"], "dimensions": []}), "not a result")]
    for name, content, message in cases:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        page.get_by_label("Earlier result (JSON file)").set_input_files(path)
        expect(status).to_contain_text(message)
    foreign = code_of(banks["small"], {"svc-listen": 4})
    for text, message in ((foreign, "another assessment"), ("12345", "not a result")):
        page.get_by_label("Or a link or result code").fill(text)
        page.get_by_role("button", name="Compare", exact=True).click()
        expect(status).to_contain_text(message)
    expect(page.locator("#radar polygon.before")).to_have_count(0)


# --- how this was computed --------------------------------------------------------------

def test_how_this_was_computed(page, served_sites, banks):
    """The small bank has weights (2, 1.5) and a choice question scoring both axes."""
    answers = {"svc-listen": 4, "svc-rivals": None, "svc-fix": 2, "prd-launch": "both", "prd-price": 5}
    with_answers(page, results_url(served_sites, "small"), answers)
    page.get_by_role("link", name="How this was computed").click()
    page.wait_for_url("**/method.html#computed")
    expect(page.get_by_role("heading", name="How this was computed")).to_be_in_viewport()
    texts = {q.id: q.text["en"] for q in banks["small"].questions}
    rows = {
        "svc-listen": ["Agree", "6 / 8", "–"],  # weight 2: 2·3 of 2·4
        "svc-rivals": ["skipped", "–", "–"],
        "svc-fix": ["Disagree", "3 / 4", "–"],  # reverse: 5 − 2
        "prd-launch": ["We ask customers and also match the rival.", "1.5 / 3", "1.5 / 3"],  # weight 1.5
        "prd-price": ["Strongly agree", "4 / 4", "–"],
    }
    for qid, cells in rows.items():
        row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=texts[qid], exact=True))
        # the method table's own cells (#, question, counts toward, weight), then the three added ones
        expect(row.get_by_role("cell")).to_have_count(7)
        for i, text in enumerate(cells, start=4):
            expect(row.get_by_role("cell").nth(i)).to_have_text(text)
    result = score(banks["small"].scoring_model, answered(answers))
    service, product = result["dimensions"]

    def sums(dimension: str):
        return page.get_by_role("region", name=dimension).get_by_role("row", name="Sum → score").get_by_role("cell")

    expect(sums("Service")).to_have_text([f"9 / 12 → {shown(service['customer'])}", "not scored"])
    expect(sums("Product")).to_have_text([f"5.5 / 7 → {shown(product['customer'])}",
                                          f"1.5 / 3 → {shown(product['competitor'])}"])
    for header in ("Your answer", "Customer obsession", "Competitor obsession"):
        expect(page.get_by_role("columnheader", name=header)).to_have_count(2)  # one per dimension table
