"""The results page in a real Chromium, with the charts (on the next steps
page) and the keep page: charts against the scores, notices, the verdict, the
JSON download, the result code and shared links (also as the other result
pages receive them), keeping and forgetting, print and small screens. The
other pages it leads to (next steps, hints, compare, method with answers) are in
test_result_pages.py. Expected values come from the Python reference scorer
and from the definitions in docs/results.md."""
from __future__ import annotations

import json
import random
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.answers import random_answers
from support.banks import copy_bank
from support.browser import (
    RESULT_PAGES,
    answered,
    assert_charts_follow,
    best_customer_answer,
    code_of,
    download,
    in_groups,
    page_url,
    results_url,
    shown,
    vertices,
    with_answers,
)
from support.cli import cli_score
from support.paths import SERVED_BANKS, SMALL_BANK

from builder.bank.model import AXES
from builder.commands.build import build
from builder.rules.gains import gains
from builder.rules.scoring import score
from builder.site.markup import opening

pytestmark = pytest.mark.browser

# --- charts -------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_chart_geometry_follows_the_scores(page, served_sites, banks, seed):
    model = banks["default"].scoring_model
    answers = random_answers(model, random.Random(f"charts-{seed}"), skip_rate=0.2)
    if seed == 0:  # a dimension without customer answers: radar vertex at the centre, no map point
        for q in model["questions"]:
            if q["dimension"] == "attitude" and (q["type"] == "choice" or q["pole"] == "customer"):
                answers[q["id"]] = None
    result = score(model, answered(answers))
    with_answers(page, page_url(served_sites, "next"), answers)
    assert_charts_follow(page, model, result)
    assert page.locator("#map line.threshold").first.get_attribute("x1") == str(model["threshold"])
    rows = page.locator(".scores [data-dimension]")
    for i, scores in enumerate([*result["dimensions"], result["overall"]]):
        for axis in AXES:
            want = "not scored" if scores[axis] is None else str(shown(scores[axis]))
            expect(rows.nth(i).locator(f'[data-cell="{axis}"]')).to_have_text(want)


def test_charts_are_described_for_assistive_technology(page, served_sites, banks):
    model = banks["default"].scoring_model
    with_answers(page, page_url(served_sites, "next"), random_answers(model, random.Random("a11y"), 0))
    for name in ("Quadrant map", "Scores per dimension"):
        chart = page.get_by_role("img", name=name)
        expect(chart).to_be_visible()
        assert "table below" in chart.evaluate("svg => svg.querySelector('desc').textContent")
    expect(page.get_by_role("table", name="Scores from 0 to 100 per dimension")).to_be_visible()


def test_radar_needs_three_dimensions(page, served_sites, banks):
    """The small bank has two: a radar would be a line, so only the quadrant map is drawn."""
    with_answers(page, page_url(served_sites, "next", "small"), {"svc-listen": 4, "prd-price": 2})
    expect(page.locator("#radar")).to_have_count(0)
    expect(page.get_by_role("img", name="Quadrant map")).to_be_visible()


def test_a_dimension_without_questions_is_drawn_at_zero(page, tmp_path, static_server):
    """Only a warning for bank authors, so the pages must cope: centre of the radar,
    no map point, "not scored" in the table and in the explanation's sums."""
    bank = copy_bank(SMALL_BANK, tmp_path)
    config = bank / "bank.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    description: What we build and why.\n",
        "    description: What we build and why.\n  - id: empty\n    title: Empty\n"), encoding="utf-8")
    build(bank, tmp_path / "site")
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    server = static_server(tmp_path / "site")
    answers = {"svc-listen": 4, "prd-launch": "both"}
    with_answers(page, server.url("en/next.html"), answers)
    assert vertices(page.locator("#radar polygon.customer.now").get_attribute("points"))[4:] == [0, 0]
    expect(page.locator('#map circle[data-dimension="empty"]')).to_have_count(0)
    expect(page.locator('.scores [data-dimension="empty"] [data-cell="customer"]')).to_have_text("not scored")
    page.goto(server.url("en/method.html"))
    expect(page.locator("#computed")).to_be_visible()
    sums = page.get_by_role("region", name="Empty").get_by_role("row", name="Sum → score")
    expect(sums.get_by_role("cell")).to_have_text(["not scored", "not scored"])
    assert errors == []


# --- notices -------------------------------------------------------------------

def likert_everywhere(model: dict, value: int) -> dict:
    return {q["id"]: value for q in model["questions"] if q["type"] == "likert"}


def test_straight_lining_notice(page, served_sites, banks):
    model = banks["default"].scoring_model
    notice = page.locator("#notice-straight")
    choices = {q["id"]: q["options"][0]["id"] for q in model["questions"] if q["type"] == "choice"}
    with_answers(page, results_url(served_sites), likert_everywhere(model, 4) | choices)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text('the same answer ("Agree") to every statement')

    varied = likert_everywhere(model, 4) | choices | {model["questions"][0]["id"]: 3}
    with_answers(page, results_url(served_sites), varied)
    expect(notice).to_be_hidden()

    likert = [q for q in model["questions"] if q["type"] == "likert"]
    mixed = [q for q in likert if q["reverse"]][:2] + [q for q in likert if not q["reverse"]][:3]
    with_answers(page, results_url(served_sites), {q["id"]: 2 for q in mixed})  # five: enough
    expect(notice).to_be_visible()
    with_answers(page, results_url(served_sites), {q["id"]: 2 for q in mixed[1:]})  # four: too few to tell
    expect(notice).to_be_hidden()
    same_direction = [q for q in likert if q["pole"] == "customer" and not q["reverse"]]
    with_answers(page, results_url(served_sites), {q["id"]: 5 for q in same_direction})  # consistent
    expect(notice).to_be_hidden()


def test_skipped_notice_above_thirty_percent(page, served_sites, banks):
    model = banks["default"].scoring_model
    total = len(model["questions"])  # 32: 9 skipped is 28 %, 10 is 31 %
    everything = {q["id"]: best_customer_answer(q) for q in model["questions"]}
    notice = page.locator("#notice-skipped")
    for skipped, visible in ((9, False), (10, True)):
        answers = {qid: (None if i < skipped else value) for i, (qid, value) in enumerate(everything.items())}
        with_answers(page, results_url(served_sites), answers)
        if visible:
            expect(notice).to_contain_text(f"You skipped {round(100 * skipped / total)} % of the questions")
        else:
            expect(notice).to_be_hidden()
        expect(page.locator("#results")).to_be_visible()  # informative, never blocking


def test_the_quadrant_is_named_and_explained_on_the_next_page(page, served_sites, banks):
    bank = banks["default"]
    answers = random_answers(bank.scoring_model, random.Random("verdict"), 0)
    quadrant = score(bank.scoring_model, answers)["overall"]["quadrant"]
    title = getattr(bank.quadrants, quadrant).title["en"]
    with_answers(page, results_url(served_sites), answers)
    expect(page.locator(".verdict [data-quadrant]:not([hidden]) .quadrant")).to_have_text(title)
    page.get_by_role("link", name="What to do next", exact=True).click()  # the page's primary action
    page.wait_for_url("**/next.html")
    explained = page.locator(".position[data-quadrant]:not([hidden])")
    expect(explained).to_have_count(1)
    expect(explained).to_have_attribute("data-quadrant", quadrant)
    expect(explained).to_contain_text(title)


def standing_in(model: dict, quadrant: str) -> dict:
    """Answers that put every dimension in `quadrant`: each statement agreed with or not,
    each choice the option closest to it, as the quadrant's two high-or-low verdicts ask."""
    high = {"customer": quadrant in ("customer", "both"), "competitor": quadrant in ("competitor", "both")}
    answers = {}
    for q in model["questions"]:
        if q["type"] == "likert":
            agree = high[q["pole"]] != q["reverse"]
            answers[q["id"]] = 5 if agree else 1
        else:
            answers[q["id"]] = max(q["options"], key=lambda o: sum(o[axis] if high[axis] else -o[axis]
                                                                   for axis in AXES))["id"]
    return answers


@pytest.mark.parametrize("quadrant", ["customer", "competitor", "both", "inward"])
def test_the_advice_follows_where_each_dimension_stands(page, served_sites, banks, quadrant):
    """Under the verdict, the quadrant's opening sentences; per dimension, the first
    sentence of the bank's recommendation for its quadrant (as `assess score` places
    it), and on the next steps page the whole of it."""
    bank = banks["default"]
    answers = standing_in(bank.scoring_model, quadrant)
    result = cli_score(SERVED_BANKS["default"], answers)
    assert {d["quadrant"] for d in result["dimensions"]} == {quadrant} == {result["overall"]["quadrant"]}
    with_answers(page, results_url(served_sites), answers)
    verdict = page.locator(".verdict [data-quadrant]:not([hidden])")
    expect(verdict.locator(".quadrant")).to_have_text(getattr(bank.quadrants, quadrant).title["en"])
    expect(verdict.locator(".lead")).to_have_text(opening(getattr(bank.quadrants, quadrant).description["en"], 60))
    for d in result["dimensions"]:
        text = bank.quadrant_recommendations[d["id"]][quadrant]["en"]
        step = page.locator(f'.scores [data-dimension="{d["id"]}"] .advice [data-quadrant]:not([hidden])')
        expect(step).to_have_count(1)
        expect(step).to_have_attribute("data-quadrant", quadrant)
        expect(step).to_have_text(opening(text))
    page.get_by_role("link", name="What to do next", exact=True).click()
    for d in result["dimensions"]:
        advice = page.locator(f'#rec-{d["id"]} .recommendation[data-quadrant="{quadrant}"]')
        expect(advice).to_be_visible()
        expect(advice).to_contain_text(" ".join(bank.quadrant_recommendations[d["id"]][quadrant]["en"].split()))


def test_the_three_biggest_levers_lead_the_results(page, served_sites, banks):
    """The levers of gains.py, top three, each with what to do and the scores it moves."""
    bank = banks["default"]
    model = bank.scoring_model
    answers = random_answers(model, random.Random("levers"), skip_rate=0.1)
    top = gains(model, answered(answers))[:3]
    assert len(top) == 3
    with_answers(page, results_url(served_sites, lang="de"), answers)
    items = page.locator("#levers > li")
    expect(items).to_have_count(3)
    texts = {q.id: q.text["de"] for q in bank.questions}
    questions = {q["id"]: q for q in model["questions"]}
    words = {"raise": "Stärken:", "let_go": "Loslassen:", "rethink": "Überdenken:"}
    for item, lever in zip(items.all(), top, strict=True):
        q = questions[lever["id"]]
        way = "rethink" if q["type"] == "choice" else "raise" if lever["best"] > answers[q["id"]] else "let_go"
        expect(item.locator("strong")).to_have_text(words[way])
        expect(item).to_contain_text(texts[lever["id"]])
        for axis, name in (("customer", "Kundenbesessenheit"), ("competitor", "Wettbewerberbesessenheit")):
            if lever[axis]:
                expect(item.locator(".muted")).to_contain_text(f"{name} {'+' if lever[axis] > 0 else '−'}")
    page.get_by_role("link", name="Alle Hebel mit Hinweisen").click()
    page.wait_for_url("**/hints.html")


# --- exports and links -------------------------------------------------------

def test_json_download_is_the_result(page, served_sites, banks):
    model = banks["default"].scoring_model
    answers = random_answers(model, random.Random("json"), skip_rate=0.2)
    with_answers(page, page_url(served_sites, "keep"), answers)
    assert json.loads(download(page, "Download JSON")) == json.loads(json.dumps(score(model, answered(answers))))


def test_copy_link_round_trip(browser, served_sites, banks):
    model = banks["default"].scoring_model
    answers = random_answers(model, random.Random("link"), skip_rate=0.2)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    with_answers(page, page_url(served_sites, "keep"), answers)
    original = json.loads(download(page, "Download JSON"))
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#share-status")).to_contain_text("Link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == results_url(served_sites) + "#c=" + code_of(banks["default"], answers)
    expect(page.get_by_label("Link to these results")).to_have_value(link)
    expect(page.get_by_label("Result code")).to_have_value(in_groups(code_of(banks["default"], answers)))

    other = browser.new_context()  # another browser profile: only the link carries the answers
    opened = other.new_page()
    opened.goto(link)
    expect(opened.get_by_text("These results were opened from a link.")).to_be_visible()
    opened.get_by_role("link", name="Save or share your result").click()  # the link's code goes along
    opened.wait_for_url("**/keep.html#c=*")
    assert json.loads(download(opened, "Download JSON")) == original
    opened.go_back()
    assert opened.evaluate("sessionStorage.length + localStorage.length") == 0
    opened.get_by_role("button", name="Edit these answers").click()
    opened.wait_for_url("**/quiz.html")
    first = next(q for q in banks["default"].questions if answers.get(q.id) is not None and q.type == "likert")
    group = opened.get_by_role("group", name=first.text["en"], exact=True)
    expect(group.get_by_role("radio", name=banks["default"].scale["en"][answers[first.id] - 1],
                             exact=True)).to_be_checked()
    context.close()
    other.close()


def test_a_link_carries_its_result_to_every_result_page(browser, served_sites, banks):
    """Opened from a link, results.html passes the code on to the other result pages,
    which show that result, never the tab's own answers, and store nothing."""
    bank = banks["default"]
    model = bank.scoring_model
    linked = random_answers(model, random.Random("carried"), skip_rate=0.1)
    own = {q["id"]: best_customer_answer(q) for q in model["questions"]}  # the visitor's own, different answers
    result = score(model, answered(linked))
    code = code_of(banks["default"], linked)
    context = browser.new_context()
    page = context.new_page()
    with_answers(page, results_url(served_sites), own)
    before = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    page.goto(results_url(served_sites) + "#c=" + code)
    expect(page.get_by_text("These results were opened from a link.")).to_be_visible()
    expect(page.get_by_role("link", name="What to do next", exact=True)).to_have_attribute(
        "href", f"next.html#c={code}")

    page.get_by_role("link", name="What to do next", exact=True).click()
    levels = {lv.id: lv.title["en"] for lv in bank.levels}
    for scores in result["dimensions"]:
        if scores["level"]:
            expect(page.locator(f"#rec-{scores['id']} h3")).to_contain_text(levels[scores["level"]])
    page.get_by_role("link", name="Where you can gain most").click()
    page.wait_for_url(f"**/hints.html#c={code}")
    expect(page.locator("#hints > li:not([hidden])").first).to_be_visible()
    page.get_by_role("link", name="Your results").click()
    page.get_by_role("link", name="Compare with an earlier result").click()
    page.wait_for_url(f"**/compare.html#c={code}")
    expect(page.locator('.scores [data-dimension=""] [data-cell="customer"]')).to_have_text(
        str(shown(result["overall"]["customer"])))
    page.get_by_role("link", name="Your results").click()
    page.get_by_role("link", name="How this was computed").click()
    page.wait_for_url(f"**/method.html#c={code}&computed")
    expect(page.locator("#computed")).to_be_visible()
    assert page.evaluate("window.scrollY") > 0, "scrolled to the explanation"
    assert page.evaluate("JSON.stringify(Object.entries(sessionStorage))") == before, "the tab's answers untouched"
    assert page.evaluate("localStorage.length") == 0
    context.close()


def test_broken_or_foreign_links_are_explained(page, served_sites, banks):
    code = code_of(banks["default"], {"att-lead-by-serving": 4})
    broken = code[:-4] + ("0" if code[-4] != "0" else "1") + code[-3:]
    foreign = code_of(banks["small"], {"svc-listen": 4})
    for name in ("results", *RESULT_PAGES):
        for fragment, message in ((broken, "does not contain a complete result"), (foreign, "another assessment")):
            page.goto(page_url(served_sites, name) + "#c=" + fragment)
            expect(page.locator("#link-problem")).to_contain_text(message)
            if name == "results":
                expect(page.get_by_text("These results were opened from a link.")).to_be_hidden()


def test_pages_without_answers_say_so(page, served_sites):
    for name in ("results", "keep", "next", "hints", "compare"):
        page.goto(page_url(served_sites, name))
        expect(page.get_by_text("You have not answered any question yet")).to_be_visible()
        expect(page.locator("#results")).to_be_hidden()
    page.goto(page_url(served_sites, "method"))  # the method page stays as it is
    expect(page.get_by_role("heading", name="How scoring works")).to_be_visible()
    expect(page.locator("#computed")).to_be_hidden()
    expect(page.get_by_role("columnheader", name="Your answer")).to_have_count(0)


# --- keep or forget --------------------------------------------------------------

def test_remember_is_opt_in_and_forget_clears_everything(browser, served_sites, banks):
    bank = banks["default"]
    model = banks["default"].scoring_model
    answers = random_answers(model, random.Random("remember"), skip_rate=0.1)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    with_answers(page, page_url(served_sites, "keep"), answers)
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
    later.goto(page_url(served_sites, "keep"))
    expect(later.get_by_role("checkbox", name="Remember on this device")).to_be_checked()
    assert json.loads(download(later, "Download JSON")) == json.loads(json.dumps(score(model, answered(answers))))
    later.goto(page_url(served_sites, "method"))  # the other result pages start from them too
    expect(later.locator("#computed")).to_be_visible()
    later.goto(served_sites.url("default/en/quiz.html"))  # and so does the quiz
    first = next(q for q in bank.questions if answers.get(q.id) is not None and q.type == "likert")
    expect(later.get_by_role("group", name=first.text["en"], exact=True).get_by_role(
        "radio", name=bank.scale["en"][answers[first.id] - 1], exact=True)).to_be_checked()

    later.goto(page_url(served_sites, "keep"))
    later.get_by_role("button", name="Forget my answers").click()
    expect(later.get_by_text("Your answers have been removed from this browser.")).to_be_focused()
    expect(later.locator("#results")).to_be_hidden()
    assert later.evaluate("localStorage.length + sessionStorage.length") == 0
    later.goto(page_url(served_sites, "next"))
    expect(later.get_by_text("You have not answered any question yet")).to_be_visible()
    page.reload()  # the first tab's own session storage is its own; localStorage is shared and gone
    expect(page.get_by_role("checkbox", name="Remember on this device")).not_to_be_checked()
    page.get_by_role("checkbox", name="Remember on this device").check()
    page.get_by_role("checkbox", name="Remember on this device").uncheck()
    assert page.evaluate("localStorage.length") == 0
    context.close()


# --- print and small screens ---------------------------------------------------------

def test_print_report_leads_to_the_report_and_prints_it(page, served_sites, banks):
    model = banks["default"].scoring_model
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    with_answers(page, results_url(served_sites), random_answers(model, random.Random("print"), 0.1))
    page.get_by_role("link", name="Print report").click()
    page.wait_for_url(re.compile(r"/next\.html"))
    page.wait_for_function("window.printed === 1")
    assert page.url.endswith("/next.html"), "the flag in the fragment is gone once used"
    page.reload()
    expect(page.locator("#results")).to_be_visible()
    assert page.evaluate("window.printed") is None, "a reload does not print again"


def test_printing_the_results_page_leaves_out_the_controls(page, served_sites, banks):
    model = banks["default"].scoring_model
    with_answers(page, results_url(served_sites), random_answers(model, random.Random("print"), 0.1))
    page.emulate_media(media="print")
    for visible in (page.get_by_role("heading", name="Your results", level=1),
                    page.get_by_role("heading", name="Your three biggest levers"),
                    page.get_by_role("table", name="Scores from 0 to 100 per dimension")):
        expect(visible).to_be_visible()
    for hidden in (page.get_by_role("navigation", name="Site"),
                   page.get_by_role("link", name="What to do next", exact=True),
                   page.get_by_role("link", name="Save or share your result")):
        expect(hidden).to_be_hidden()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_horizontal_overflow_at_320_px(browser, served_sites, banks, tmp_path, lang):
    model = banks["default"].scoring_model
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    rng = random.Random("narrow")
    with_answers(page, page_url(served_sites, "keep", lang=lang), random_answers(model, rng, 0.1))
    page.locator("#copy-link").click()  # shows the link field
    expect(page.locator("#share-link")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(score(model, answered(random_answers(model, rng, 0.1)))), encoding="utf-8")
    page.goto(page_url(served_sites, "compare", lang=lang))
    page.locator("#compare-file").set_input_files(earlier)  # brings the changes into the table
    expect(page.locator("#legend-before")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "compare"
    for name, shown_part in RESULT_PAGES.items():
        page.goto(page_url(served_sites, name, lang=lang))
        expect(page.locator(shown_part)).to_be_visible()
        page.locator("details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_at_320_px(browser, served_sites, banks, scheme):
    """The a11y gate (test_a11y.py) checks every page and state at desktop width;
    here the phone layout, where tables become cards."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    with_answers(page, results_url(served_sites, lang="de"),
                 random_answers(banks["default"].scoring_model, random.Random("axe"), 0.2))
    for name in ("results", "keep", "next", "method"):
        page.goto(page_url(served_sites, name, lang="de"))
        expect(page.locator(RESULT_PAGES.get(name, "#results"))).to_be_visible()
        violations = Axe().run(page).response["violations"]
        assert violations == [], (name, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
    context.close()
