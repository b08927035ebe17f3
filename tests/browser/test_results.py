"""The results page in a real Chromium: charts against the scores, hints by
gain, the explanation, notices, exports, shared links, comparing, keeping and
forgetting, print and small screens. Expected values come from the Python
reference scorer and from the definitions in docs/results.md."""
from __future__ import annotations

import csv
import io
import json
import math
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from answer_sets import random_answers
from axe_playwright_python.sync_playwright import Axe
from bankmaker import SMALL_BANK, copy_bank
from conftest import FIXTURES
from playwright.sync_api import expect

from builder.build import build
from builder.codes import bank_tag, encode
from builder.scoring import score

pytestmark = pytest.mark.browser

AXES = ("customer", "competitor")
CSV_COLUMNS = ["dimension", "title", "customer", "competitor", "index", "quadrant", "level", "answered", "total"]


def results_url(served_sites, bank_name="default", lang="en") -> str:
    return served_sites.url(f"{bank_name}/{lang}/results.html")


def show_results(page, url: str, answers: dict) -> None:
    """Open the results page with these answers in the tab, as the quiz leaves them."""
    page.goto(url)
    page.evaluate(
        """async (answers) => {
            const { storageKey } = await import("../static/js/state.js");
            const { model } = JSON.parse(document.getElementById("results-data").textContent);
            sessionStorage.setItem(storageKey(model.bank), JSON.stringify({ answers, step: 0 }));
        }""",
        answers,
    )
    page.reload()
    expect(page.locator("#results")).to_be_visible()


def download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    return Path(info.value.path()).read_bytes()


def answered(answers: dict) -> dict:
    return {qid: value for qid, value in answers.items() if value is not None}


def shown(value: float) -> int:
    return math.floor(value)


def vertices(points: str) -> list[float]:
    """x1, y1, x2, y2, ... of an SVG points attribute."""
    return [float(n) for pair in points.split() for n in pair.split(",")]


def radar_vertices(values: list) -> list[float]:
    """docs/results.md: dimension i of n at 360°·i/n clockwise from the top, score 100 at radius 100."""
    n = len(values)
    return [coordinate for i, v in enumerate(values)
            for coordinate in (math.sin(2 * math.pi * i / n) * (v or 0), -math.cos(2 * math.pi * i / n) * (v or 0))]


def customer_gains(model: dict, answers: dict) -> list[tuple[str, float]]:
    """The hint order of docs/results.md, computed independently of the page."""
    possible, missed = defaultdict(float), []
    for q in model["questions"]:
        value = answers.get(q["id"])
        if value is None:
            continue
        weight = q["weight"]
        if q["type"] == "likert":
            if q["pole"] != "customer":
                continue
            earned, best = weight * (5 - value if q["reverse"] else value - 1), weight * 4
        else:
            top = max(o["customer"] for o in q["options"])
            if top == 0:
                continue
            earned = weight * next(o["customer"] for o in q["options"] if o["id"] == value)
            best = weight * top
        possible[q["dimension"]] += best
        if earned < best:
            missed.append((q, best - earned))
    weights = sum(d["weight"] for d in model["dimensions"] if possible[d["id"]] > 0)
    dimension_weight = {d["id"]: d["weight"] for d in model["dimensions"]}
    gains = [(q["id"], 100 * lost / possible[q["dimension"]] * dimension_weight[q["dimension"]] / weights)
             for q, lost in missed]
    return sorted(gains, key=lambda item: -item[1])  # stable: ties keep bank order


def best_customer_answer(q: dict):
    if q["type"] == "likert":
        return 1 if q["reverse"] else 5
    return max(q["options"], key=lambda o: o["customer"])["id"]


def shown_hints(page) -> list[str]:
    return page.locator("#hints > li:not([hidden]), #more-hints > li").evaluate_all(
        "items => items.map((li) => li.dataset.hint)")


# --- charts -------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_chart_geometry_follows_the_scores(page, served_sites, banks, seed):
    model = banks["default"].model
    answers = random_answers(model, random.Random(f"charts-{seed}"), skip_rate=0.2)
    if seed == 0:  # a dimension without customer answers: radar vertex at the centre, no map point
        for q in model["questions"]:
            if q["dimension"] == "attitude" and (q["type"] == "choice" or q["pole"] == "customer"):
                answers[q["id"]] = None
    result = score(model, answered(answers))
    show_results(page, results_url(served_sites), answers)

    for axis in AXES:
        got = vertices(page.locator(f"#radar polygon.{axis}.now").get_attribute("points"))
        want = radar_vertices([d[axis] for d in result["dimensions"]])
        assert got == pytest.approx(want, abs=0.051), axis
    ring = vertices(page.locator("#radar polygon.threshold").get_attribute("points"))
    assert ring == pytest.approx(radar_vertices([model["threshold"]] * len(model["dimensions"])), abs=0.051)

    for scores in [*result["dimensions"], {**result["overall"], "id": ""}]:
        point = page.locator(f'#map circle[data-dimension="{scores["id"]}"]')
        if scores["customer"] is None or scores["competitor"] is None:
            expect(point).to_have_count(0)
            continue
        assert float(point.get_attribute("cx")) == pytest.approx(scores["customer"], abs=0.051)
        assert float(point.get_attribute("cy")) == pytest.approx(100 - scores["competitor"], abs=0.051)
    threshold = str(model["threshold"])
    assert page.locator("#map line.threshold").first.get_attribute("x1") == threshold


def test_charts_are_described_for_assistive_technology(page, served_sites, banks):
    model = banks["default"].model
    show_results(page, results_url(served_sites), random_answers(model, random.Random("a11y"), 0))
    for name in ("Quadrant map", "Scores per dimension"):
        chart = page.get_by_role("img", name=name)
        expect(chart).to_be_visible()
        assert "table below" in chart.evaluate("svg => svg.querySelector('desc').textContent")
    expect(page.get_by_role("table", name="Scores from 0 to 100 per dimension")).to_be_visible()


def test_radar_needs_three_dimensions(page, served_sites, banks):
    """The small bank has two: a radar would be a line, so only the quadrant map is drawn."""
    show_results(page, results_url(served_sites, "small"), {"svc-listen": 4, "prd-price": 2})
    expect(page.locator("#radar")).to_have_count(0)
    expect(page.get_by_role("img", name="Quadrant map")).to_be_visible()


def test_a_dimension_without_questions_is_drawn_at_zero(page, tmp_path, static_server):
    """Only a warning for bank authors, so the page must cope: centre of the radar, no map point."""
    bank = copy_bank(SMALL_BANK, tmp_path)
    config = bank / "bank.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    description: What we build and why.\n",
        "    description: What we build and why.\n  - id: empty\n    title: Empty\n"), encoding="utf-8")
    build(bank, tmp_path / "site")
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    show_results(page, static_server(tmp_path / "site").url("en/results.html"), {"svc-listen": 4, "prd-launch": "both"})
    assert vertices(page.locator("#radar polygon.customer.now").get_attribute("points"))[4:] == [0, 0]
    expect(page.locator('#map circle[data-dimension="empty"]')).to_have_count(0)
    expect(page.locator('.scores [data-dimension="empty"] [data-cell="customer"]')).to_have_text("not scored")
    page.get_by_text("How this was computed").click()
    expect(page.locator('[data-sum="empty"] td').first).to_have_text("not scored")
    assert errors == []


# --- hints, explanation, notices --------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_hints_are_ordered_by_gain(page, served_sites, banks, seed):
    loaded = banks["default"]
    model = loaded.model
    answers = random_answers(model, random.Random(f"hints-{seed}"), skip_rate=0.2)
    if seed == 0:  # the worst customer answer everywhere: many exact ties, kept in bank order
        answers = {q["id"]: (5 if q["reverse"] else 1) if q["type"] == "likert"
                   else min(q["options"], key=lambda o: o["customer"])["id"] for q in model["questions"]}
    gains = customer_gains(model, answered(answers))
    assert gains, "the answers leave customer points on the table"
    questions = {q["id"]: q for q in model["questions"]}
    overall = score(model, answered(answers))["overall"]["customer"]
    for qid, gain in gains:  # the gain is what the overall customer score would win
        better = answered(answers) | {qid: best_customer_answer(questions[qid])}
        assert score(model, better)["overall"]["customer"] - overall == pytest.approx(gain, abs=1e-9)

    show_results(page, results_url(served_sites), answers)
    with_hint = {q.id for q in loaded.bank.questions if q.improve}
    expected = [qid for qid, _ in gains if qid in with_hint]
    assert shown_hints(page) == expected
    expect(page.locator("#hints > li:not([hidden])")).to_have_count(min(5, len(expected)))
    first = page.locator(f'[data-hint="{expected[0]}"]')
    expect(first).to_contain_text(f"up to {gains[0][1]:.1f} points more".replace(".0 ", " "))
    question_text = {q.id: q.text["en"] for q in loaded.bank.questions}
    expect(first.locator(".hint-question")).to_have_text(question_text[expected[0]])
    page.evaluate("window.stillHere = true")
    first.get_by_role("link").click()  # to the dimension's recommendation, on the same page
    dimension = questions[expected[0]]["dimension"]
    assert page.evaluate("window.stillHere") and page.url.endswith(f"#rec-{dimension}")
    expect(page.locator(f"#rec-{dimension} .recommendation:not([hidden])")).to_have_count(1)
    if seed == 0:
        tied = [qid for qid, gain in gains if gain == gains[0][1]]
        assert len(tied) > 1 and tied == [q["id"] for q in model["questions"] if q["id"] in tied]


def test_no_hints_when_nothing_is_missed_or_the_bank_has_none(page, served_sites, banks):
    model = banks["default"].model
    best = {q["id"]: best_customer_answer(q) for q in model["questions"]}
    show_results(page, results_url(served_sites), best)
    expect(page.get_by_role("heading", name="Where you can gain most")).to_be_hidden()
    show_results(page, results_url(served_sites, "small"), {"svc-listen": 1, "prd-price": 1})  # no improve:
    expect(page.get_by_role("heading", name="Where you can gain most")).to_be_hidden()


def test_hint_markdown_is_sanitized(page, tmp_path, static_server):
    site = tmp_path / "site"
    build(FIXTURES / "banks" / "hostile", site)
    server = static_server(site)
    show_results(page, server.url("en/results.html"), {"q1": 1})
    hint = page.locator('[data-hint="q1"]')
    expect(hint).to_be_visible()
    expect(hint.locator("strong")).to_have_text("harder")
    assert page.evaluate("window.__pwned") is None


def test_how_this_was_computed(page, served_sites, banks):
    """The small bank has weights (2, 1.5) and a choice question scoring both axes."""
    answers = {"svc-listen": 4, "svc-rivals": None, "svc-fix": 2, "prd-launch": "both", "prd-price": 5}
    show_results(page, results_url(served_sites, "small"), answers)
    page.get_by_text("How this was computed").click()
    rows = {
        "svc-listen": ["Agree", "6 / 8", "–"],  # weight 2: 2·3 of 2·4
        "svc-rivals": ["skipped", "–", "–"],
        "svc-fix": ["Disagree", "3 / 4", "–"],  # reverse: 5 − 2
        "prd-launch": ["option 3 of 4", "1.5 / 3", "1.5 / 3"],  # weight 1.5, best option 2 on each axis
        "prd-price": ["Strongly agree", "4 / 4", "–"],
    }
    for qid, cells in rows.items():
        expect(page.locator(f'[data-row="{qid}"] td').nth(1)).to_have_text(cells[0])
        expect(page.locator(f'[data-row="{qid}"] td').nth(2)).to_have_text(cells[1])
        expect(page.locator(f'[data-row="{qid}"] td').nth(3)).to_have_text(cells[2])
    result = score(banks["small"].model, answered(answers))
    service, product = result["dimensions"]
    expect(page.locator('[data-sum="service"] td').first).to_have_text(f"9 / 12 → {shown(service['customer'])}")
    expect(page.locator('[data-sum="service"] td').nth(1)).to_have_text("not scored")
    expect(page.locator('[data-sum="product"] td').first).to_have_text(f"5.5 / 7 → {shown(product['customer'])}")
    expect(page.locator('[data-sum="product"] td').nth(1)).to_have_text(f"1.5 / 3 → {shown(product['competitor'])}")


def likert_everywhere(model: dict, value: int) -> dict:
    return {q["id"]: value for q in model["questions"] if q["type"] == "likert"}


def test_straight_lining_notice(page, served_sites, banks):
    model = banks["default"].model
    notice = page.locator("#notice-straight")
    choices = {q["id"]: q["options"][0]["id"] for q in model["questions"] if q["type"] == "choice"}
    show_results(page, results_url(served_sites), likert_everywhere(model, 4) | choices)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text('the same answer ("Agree") to every statement')

    varied = likert_everywhere(model, 4) | choices | {model["questions"][0]["id"]: 3}
    show_results(page, results_url(served_sites), varied)
    expect(notice).to_be_hidden()

    likert = [q for q in model["questions"] if q["type"] == "likert"]
    mixed = [q for q in likert if q["reverse"]][:2] + [q for q in likert if not q["reverse"]][:3]
    show_results(page, results_url(served_sites), {q["id"]: 2 for q in mixed})  # five: enough
    expect(notice).to_be_visible()
    show_results(page, results_url(served_sites), {q["id"]: 2 for q in mixed[1:]})  # four: too few to tell
    expect(notice).to_be_hidden()
    same_direction = [q for q in likert if q["pole"] == "customer" and not q["reverse"]]
    show_results(page, results_url(served_sites), {q["id"]: 5 for q in same_direction})  # consistent
    expect(notice).to_be_hidden()


def test_skipped_notice_above_thirty_percent(page, served_sites, banks):
    model = banks["default"].model
    total = len(model["questions"])  # 32: 9 skipped is 28 %, 10 is 31 %
    everything = {q["id"]: best_customer_answer(q) for q in model["questions"]}
    notice = page.locator("#notice-skipped")
    for skipped, visible in ((9, False), (10, True)):
        answers = {qid: (None if i < skipped else value) for i, (qid, value) in enumerate(everything.items())}
        show_results(page, results_url(served_sites), answers)
        if visible:
            expect(notice).to_contain_text(f"You skipped {round(100 * skipped / total)} % of the questions")
        else:
            expect(notice).to_be_hidden()
        expect(page.locator("#results")).to_be_visible()  # informative, never blocking


# --- exports and links -------------------------------------------------------

def test_csv_and_json_agree(page, served_sites, banks):
    loaded = banks["default"]
    model = loaded.model
    answers = random_answers(model, random.Random("csv"), skip_rate=0.2)
    for q in model["questions"]:  # one dimension unanswered: empty cells where JSON has null
        if q["dimension"] == "purpose":
            answers[q["id"]] = None
    show_results(page, results_url(served_sites), answers)
    result = json.loads(download(page, "Download JSON"))
    assert result == json.loads(json.dumps(score(model, answered(answers))))
    raw = download(page, "Download CSV").decode("utf-8")
    assert raw.startswith("\ufeff") and raw.endswith("\r\n")
    reader = csv.DictReader(io.StringIO(raw[1:], newline=""))
    rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    titles = [d.title["en"] for d in loaded.bank.dimensions] + ["Overall"]
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


def test_csv_quotes_text_with_separators(page, served_sites, banks):
    show_results(page, results_url(served_sites, "small"), {"svc-listen": 4})
    text = page.evaluate(
        """async () => {
            const { toCsv } = await import("../static/js/analysis.js");
            const scores = { customer: 1.5, competitor: null, index: null, quadrant: null, level: "low",
                             answered: 1, total: 2 };
            return toCsv({ dimensions: [{ id: "a", ...scores }], overall: scores }, ['Say "hi", then\\ngo', "All"]);
        }""")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["a", 'Say "hi", then\ngo', "1.5", "", "", "", "low", "1", "2"]
    assert rows[2][:2] == ["overall", "All"]


def test_copy_link_round_trip(browser, served_sites, banks):
    model = banks["default"].model
    answers = random_answers(model, random.Random("link"), skip_rate=0.2)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    show_results(page, results_url(served_sites), answers)
    original = json.loads(download(page, "Download JSON"))
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#share-status")).to_contain_text("Link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    code = encode(model, bank_tag(model["bank"]["id"], model["bank"]["fingerprint"]), answered(answers))
    assert link == results_url(served_sites) + "#c=" + code
    expect(page.get_by_label("Link to these results")).to_have_value(link)

    other = browser.new_context()  # another browser profile: only the link carries the answers
    opened = other.new_page()
    opened.goto(link)
    expect(opened.get_by_text("These results were opened from a link.")).to_be_visible()
    assert json.loads(download(opened, "Download JSON")) == original
    assert opened.evaluate("sessionStorage.length + localStorage.length") == 0
    opened.get_by_role("button", name="Edit these answers").click()
    opened.wait_for_url("**/quiz.html")
    first = next(q for q in banks["default"].bank.questions if answers.get(q.id) is not None and q.type == "likert")
    group = opened.get_by_role("group", name=first.text["en"], exact=True)
    expect(group.get_by_role("radio", name=banks["default"].bank.scale["en"][answers[first.id] - 1],
                             exact=True)).to_be_checked()
    context.close()
    other.close()


def test_broken_or_foreign_links_are_explained(page, served_sites, banks):
    model, small = banks["default"].model, banks["small"].model
    code = encode(model, bank_tag(model["bank"]["id"], model["bank"]["fingerprint"]), {"att-lead-by-serving": 4})
    broken = code[:-4] + ("0" if code[-4] != "0" else "1") + code[-3:]
    foreign = encode(small, bank_tag(small["bank"]["id"], small["bank"]["fingerprint"]), {"svc-listen": 4})
    for fragment, message in ((broken, "does not contain a complete result"), (foreign, "another assessment")):
        page.goto(results_url(served_sites) + "#c=" + fragment)
        expect(page.locator("#link-problem")).to_contain_text(message)
        expect(page.get_by_text("These results were opened from a link.")).to_be_hidden()


# --- compare -------------------------------------------------------------------

def expected_cell(now, before) -> str:
    if now is None:
        return "not scored"
    if before is None:
        return str(shown(now))
    change = shown(now) - shown(before)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{shown(now)} ({sign}{abs(change)})"


def assert_compared(page, now: dict, before: dict) -> None:
    expect(page.locator("#compare-status")).to_have_text(
        "Compared with the earlier result; changes are shown in brackets.")
    rows = page.locator(".scores [data-dimension]")
    for i, (scores, earlier) in enumerate(zip([*now["dimensions"], now["overall"]],
                                              [*before["dimensions"], before["overall"]], strict=True)):
        for axis in AXES:
            expect(rows.nth(i).locator(f'[data-cell="{axis}"]')).to_have_text(
                expected_cell(scores[axis], earlier[axis]))
    for axis in AXES:
        got = vertices(page.locator(f"#radar polygon.{axis}.before").get_attribute("points"))
        assert got == pytest.approx(radar_vertices([d[axis] for d in before["dimensions"]]), abs=0.051)
    both_known = sum(1 for a, b in zip([*now["dimensions"], now["overall"]], [*before["dimensions"], before["overall"]],
                                       strict=True)
                     if None not in (a["customer"], a["competitor"], b["customer"], b["competitor"]))
    expect(page.locator("#map circle.before")).to_have_count(both_known)
    expect(page.get_by_text("Earlier result (dashed)")).to_be_visible()


def test_compare_with_an_earlier_result(page, served_sites, banks, tmp_path):
    model = banks["default"].model
    tag = bank_tag(model["bank"]["id"], model["bank"]["fingerprint"])
    rng = random.Random("compare")
    answers_now, answers_file, answers_code = (random_answers(model, rng, 0.1) for _ in range(3))
    now = score(model, answered(answers_now))
    show_results(page, results_url(served_sites), answers_now)

    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(score(model, answered(answers_file))), encoding="utf-8")
    page.get_by_label("Earlier result (JSON file)").set_input_files(earlier)
    assert_compared(page, now, score(model, answered(answers_file)))

    link = results_url(served_sites) + "#c=" + encode(model, tag, answered(answers_code))
    page.get_by_label("Or a link or result code").fill(link)
    page.get_by_role("button", name="Compare", exact=True).click()
    assert_compared(page, now, score(model, answered(answers_code)))


def test_compare_refuses_other_banks_and_garbage(page, served_sites, banks, tmp_path):
    model, small = banks["default"].model, banks["small"].model
    show_results(page, results_url(served_sites), random_answers(model, random.Random("refuse"), 0))
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
    foreign = encode(small, bank_tag(small["bank"]["id"], small["bank"]["fingerprint"]), {"svc-listen": 4})
    for text, message in ((foreign, "another assessment"), ("12345", "not a result")):
        page.get_by_label("Or a link or result code").fill(text)
        page.get_by_role("button", name="Compare", exact=True).click()
        expect(status).to_contain_text(message)
    expect(page.locator("#radar polygon.before")).to_have_count(0)


# --- keep or forget --------------------------------------------------------------

def test_remember_is_opt_in_and_forget_clears_everything(browser, served_sites, banks):
    bank = banks["default"].bank
    model = banks["default"].model
    answers = random_answers(model, random.Random("remember"), skip_rate=0.1)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    show_results(page, results_url(served_sites), answers)
    page.get_by_role("button", name="Copy link").click()
    download(page, "Download JSON")
    assert page.evaluate("localStorage.length") == 0, "nothing is kept on the device without the opt-in"

    remember = page.get_by_role("checkbox", name="Remember on this device")
    expect(remember).not_to_be_checked()
    remember.check()
    stored = page.evaluate("Object.entries(localStorage)")
    assert len(stored) == 1 and stored[0][0].startswith("assess:/default/:customer-obsession:")
    assert json.loads(stored[0][1])["answers"] == answered(answers)

    later = context.new_page()  # a new tab: empty sessionStorage, remembered answers
    later.goto(results_url(served_sites))
    expect(later.get_by_role("checkbox", name="Remember on this device")).to_be_checked()
    assert json.loads(download(later, "Download JSON")) == json.loads(json.dumps(score(model, answered(answers))))
    later.goto(served_sites.url("default/en/quiz.html"))  # the quiz starts from them too
    first = next(q for q in bank.questions if answers.get(q.id) is not None and q.type == "likert")
    expect(later.get_by_role("group", name=first.text["en"], exact=True).get_by_role(
        "radio", name=bank.scale["en"][answers[first.id] - 1], exact=True)).to_be_checked()

    later.goto(results_url(served_sites))
    later.get_by_role("button", name="Forget my answers").click()
    expect(later.get_by_text("Your answers have been removed from this browser.")).to_be_focused()
    expect(later.locator("#results")).to_be_hidden()
    assert later.evaluate("localStorage.length + sessionStorage.length") == 0
    page.reload()  # the first tab's own session storage is its own; localStorage is shared and gone
    expect(page.get_by_role("checkbox", name="Remember on this device")).not_to_be_checked()
    page.get_by_role("checkbox", name="Remember on this device").check()
    page.get_by_role("checkbox", name="Remember on this device").uncheck()
    assert page.evaluate("localStorage.length") == 0
    context.close()


# --- print and small screens ---------------------------------------------------------

def test_print_shows_a_clean_report(page, served_sites, banks):
    model = banks["default"].model
    show_results(page, results_url(served_sites), random_answers(model, random.Random("print"), 0.1))
    page.emulate_media(media="print")
    for visible in (page.get_by_role("heading", name="Your results", level=1),
                    page.get_by_text(f"Report of {date.today():%B} "),
                    page.get_by_role("img", name="Quadrant map"), page.get_by_role("img", name="Scores per dimension"),
                    page.get_by_role("heading", name="What to do next"),
                    page.get_by_role("heading", name="Where you can gain most"),
                    page.locator("#hints > li:not([hidden])").first):
        expect(visible).to_be_visible()
    for hidden in (page.get_by_role("navigation", name="Site"), page.get_by_role("button", name="Copy link"),
                   page.get_by_role("heading", name="Compare with an earlier result"),
                   page.get_by_role("checkbox", name="Remember on this device"),
                   page.get_by_text("How this was computed")):
        expect(hidden).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.get_by_text("Report of")).to_be_hidden()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_horizontal_overflow_at_320_px(browser, served_sites, banks, tmp_path, lang):
    model = banks["default"].model
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    rng = random.Random("narrow")
    show_results(page, results_url(served_sites, lang=lang), random_answers(model, rng, 0.1))
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(score(model, answered(random_answers(model, rng, 0.1)))), encoding="utf-8")
    page.locator("#compare-file").set_input_files(earlier)  # brings the changes into the table
    expect(page.locator("#legend-before")).to_be_visible()
    page.locator("#copy-link").click()  # shows the link field
    expect(page.locator("#share-link")).to_be_visible()
    page.locator("details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser, served_sites, banks, scheme):
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    show_results(page, results_url(served_sites, lang="de"),
                 random_answers(banks["default"].model, random.Random("axe"), 0.2))
    page.locator("details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    context.close()
