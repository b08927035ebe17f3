"""The site in a real Chromium: the quiz completed through accessible roles,
the browser's scores against the Python reference scorer."""
from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import expect
from support.answers import random_answers
from support.browser import UI, answer_in_page, assert_same_result, download_result
from support.cli import cli_score
from support.paths import BANKS

from builder.commands.build import build
from builder.rules.scoring import score
from builder.rules.selftest import matches

pytestmark = pytest.mark.browser
#: quizzes completed per bank (many more answer sets are compared without a browser: tests/rules/test_twins.py)
ROUNDS = 4


@pytest.mark.parametrize("bank_name", BANKS)
def test_completed_quiz_downloads_the_cli_score(page, served_sites, banks, bank_name):
    bank = banks[bank_name]
    rng = random.Random(f"quiz-{bank_name}")
    for round_number in range(ROUNDS):
        lang = bank.languages[round_number % len(bank.languages)]
        answers = random_answers(bank.scoring_model, rng)
        if round_number == 0:
            answers = {}  # nothing answered: the results say so instead of scoring
        page.goto(served_sites.url(f"{bank_name}/{lang}/quiz.html"))
        page.evaluate("sessionStorage.clear()")
        page.reload()
        answer_in_page(page, bank, lang, answers)
        page.get_by_role("button", name=UI[lang]["see_results"]).click()
        page.wait_for_url("**/results.html")
        if not any(v is not None for v in answers.values()):
            assert page.locator("#no-answers").is_visible()
            assert not page.locator("#results").is_visible()
            continue
        assert_same_result(download_result(page, lang), cli_score(BANKS[bank_name], answers))


@pytest.mark.parametrize("bank_name", BANKS)
def test_scoring_js_equals_python_scorer(page, served_sites, banks, bank_name):
    model = banks[bank_name].scoring_model
    rng = random.Random(f"parity-{bank_name}")
    answer_sets = [random_answers(model, rng) for _ in range(250)]
    page.goto(served_sites.url(f"{bank_name}/{banks[bank_name].languages[0]}/results.html"))
    browser_results = page.evaluate(
        """async ([model, sets]) => {
            const { score } = await import("../static/js/rules/scoring.js");
            return sets.map((answers) => score(model, answers));
        }""",
        [model, answer_sets],
    )
    for answers, got in zip(answer_sets, browser_results, strict=True):
        assert_same_result(got, score(model, answers))


@pytest.mark.parametrize("bank_name", BANKS)
def test_bank_examples_pass_in_the_browser(page, served_sites, banks, bank_name):
    bank = banks[bank_name]
    assert bank.examples, "every repository bank carries self-tests"
    page.goto(served_sites.url(f"{bank_name}/{bank.languages[0]}/results.html"))
    results = page.evaluate(
        """async ([model, sets]) => {
            const { score } = await import("../static/js/rules/scoring.js");
            return sets.map((answers) => score(model, answers));
        }""",
        [bank.scoring_model, [dict(example.answers) for example in bank.examples]],
    )
    for example, result in zip(bank.examples, results, strict=True):
        wanted = [(result["overall"], example.expect["overall"] or {})]
        by_id = {d["id"]: d for d in result["dimensions"]}
        wanted += [(by_id[dim], expected) for dim, expected in example.expect["dimensions"].items()]
        for actual, expected in wanted:
            for key, value in expected.items():
                if key != "line":
                    assert matches(actual[key], value), (example.name, key, actual[key], value)


def test_reload_keeps_answers_and_step(page, served_sites, banks):
    bank = banks["default"]
    page.goto(served_sites.url("default/en/quiz.html"))
    first, second = bank.dimension_questions(bank.dimensions[0].id)[:2]
    page.get_by_role("group", name=first.text["en"]).get_by_role("radio", name="Agree", exact=True).check()
    page.get_by_role("group", name=second.text["en"]).get_by_role("radio", name="Don't know").check()
    page.get_by_role("button", name="Next").click()
    page.reload()
    heading = page.get_by_role("heading", level=2, name=bank.dimensions[1].title["en"])
    assert heading.is_visible(), "the step survives a reload"
    page.get_by_role("button", name="Back").click()
    group = page.get_by_role("group", name=first.text["en"])
    assert group.get_by_role("radio", name="Agree", exact=True).is_checked()
    assert page.get_by_role("group", name=second.text["en"]).get_by_role("radio", name="Don't know").is_checked()
    assert page.locator("#progress-text").text_content() == "1 of 32 answered"


def test_answers_stay_in_the_tab(browser, served_sites, banks):
    """sessionStorage: a new tab (a new browsing context) starts empty."""
    bank = banks["default"]
    question = bank.questions[0]
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_sites.url("default/en/quiz.html"))
    page.get_by_role("group", name=question.text["en"]).get_by_role("radio", name="Agree", exact=True).check()
    other = context.new_page()
    other.goto(served_sites.url("default/en/quiz.html"))
    assert not other.get_by_role("group", name=question.text["en"]).get_by_role("radio", name="Agree",
                                                                                 exact=True).is_checked()
    assert page.evaluate("localStorage.length") == 0
    context.close()


def test_site_works_under_a_sub_path(page, tmp_path, static_server):
    served_root = tmp_path / "www"
    site = served_root / "org" / "assessment"
    build(BANKS["small"], site, base_url="/org/assessment/")
    server = static_server(served_root)
    page.goto(server.url("org/assessment/"))  # a one-language site: straight on to its start page
    page.wait_for_url(server.url("org/assessment/en/index.html"))
    page.get_by_role("link", name="Start the assessment").click()
    page.get_by_role("group", name="We change how we serve people after listening to them.").get_by_role(
        "radio", name="Strongly agree").check()
    page.get_by_role("button", name="See results").click()
    assert page.url == server.url("org/assessment/en/results.html")
    expect(page.locator('[data-dimension="service"] [data-cell="customer"]')).to_have_text("100")
    # GitHub Pages serves 404.html at any depth, so its links are absolute, from --base-url
    page.goto(server.url("org/assessment/404.html"))
    expect(page.get_by_role("link", name="How does the shop treat its customers? (English)")).to_have_attribute(
        "href", "/org/assessment/en/index.html")
    expect(page.locator("link[rel=stylesheet]")).to_have_attribute(
        "href", re.compile(r"^/org/assessment/static/css/site\.css\?v="))


def test_an_answer_ticked_before_the_script_arrives_is_kept(page, served_sites, banks):
    """A quick click, or a slow line: the quiz script arrives after the first boxes are
    ticked. It reads them as answers (progress, saved state, results), not only what
    the tab had saved."""
    bank = banks["default"]
    held = []
    page.route("**/js/pages/quiz.js*", lambda route: held.append(route))  # the script waits
    # a module script holds back DOMContentLoaded: wait for the page's first bytes only
    page.goto(served_sites.url("default/en/quiz.html"), wait_until="commit")
    first, second = bank.dimension_questions(bank.dimensions[0].id)[:2]
    page.get_by_role("group", name=first.text["en"], exact=True).get_by_role(
        "radio", name=bank.scale["en"][3], exact=True).check()
    page.get_by_role("group", name=second.text["en"], exact=True).get_by_role(
        "radio", name="Don't know", exact=True).check()
    expect(page.locator("#progress-text")).to_have_text(f"0 of {len(bank.questions)} answered")  # no script yet
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#progress-text")).to_have_text(f"1 of {len(bank.questions)} answered")
    saved = page.evaluate("Object.values(sessionStorage).map((v) => JSON.parse(v))")
    assert [state["answers"] for state in saved if "answers" in state] == [{first.id: 4, second.id: None}]
    page.get_by_role("button", name="See results so far").click()
    page.wait_for_url("**/results.html")
    expect(page.locator("#answered-note")).to_have_text(f"{len(bank.questions) - 1} of {len(bank.questions)} "
                                                        "questions skipped; skipped questions count for nothing.")
