"""The site in a real Chromium: the quiz completed through accessible roles,
the browser's scores against the Python reference scorer."""
from __future__ import annotations

import json
import random
import re

import pytest
from answer_sets import random_answers
from click.testing import CliRunner
from conftest import BANKS
from playwright.sync_api import expect

from builder.build import build
from builder.cli import cli
from builder.scoring import score
from builder.selftest import matches

pytestmark = pytest.mark.browser

UI = {
    "en": {"next": "Next", "back": "Back", "see_results": "See results", "download": "Download JSON",
           "dont_know": "Don't know", "remember": "Remember on this device"},
    "de": {"next": "Weiter", "back": "Zurück", "see_results": "Ergebnis anzeigen", "download": "JSON herunterladen",
           "dont_know": "Weiß nicht", "remember": "Auf diesem Gerät merken"},
}


def answer_in_page(page, bank, lang: str, answers: dict) -> None:
    """Answer by accessible names only: group = question text, radio = label."""
    ui = UI[lang]
    for index, dimension in enumerate(bank.dimensions):
        for q in bank.dimension_questions(dimension.id):
            if q.id not in answers:
                continue
            value = answers[q.id]
            if value is None:
                label = ui["dont_know"]
            elif q.type == "likert":
                label = bank.scale[lang][value - 1]
            else:
                label = next(o.text[lang] for o in q.options if o.id == value)
            group = page.get_by_role("group", name=q.text[lang], exact=True)
            group.get_by_role("radio", name=label, exact=True).check()
        if index < len(bank.dimensions) - 1:
            page.get_by_role("button", name=ui["next"], exact=True).click()


def download_result(page, lang: str) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name=UI[lang]["download"]).click()
    return json.loads(open(info.value.path(), encoding="utf-8").read())


def cli_score(bank_dir, answers: dict) -> dict:
    result = CliRunner().invoke(cli, ["score", "--bank", str(bank_dir), "-"], input=json.dumps(answers))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_same_result(actual: dict, expected: dict) -> None:
    assert actual["bank"] == expected["bank"]
    pairs = list(zip(actual["dimensions"], expected["dimensions"], strict=True))
    pairs.append((actual["overall"], expected["overall"]))
    for got, want in pairs:
        assert got.keys() == want.keys()
        for key, value in want.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-9), key
            else:
                assert got[key] == value, key


@pytest.mark.parametrize("bank_name", BANKS)
def test_completed_quiz_downloads_the_cli_score(page, served_sites, banks, bank_name):
    loaded = banks[bank_name]
    bank = loaded.bank
    rng = random.Random(f"quiz-{bank_name}")
    for round_number in range(10):
        lang = bank.languages[round_number % len(bank.languages)]
        answers = random_answers(loaded.model, rng)
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
    model = banks[bank_name].model
    rng = random.Random(f"parity-{bank_name}")
    answer_sets = [random_answers(model, rng) for _ in range(250)]
    page.goto(served_sites.url(f"{bank_name}/{banks[bank_name].bank.languages[0]}/results.html"))
    browser_results = page.evaluate(
        """async ([model, sets]) => {
            const { score } = await import("../static/js/scoring.js");
            return sets.map((answers) => score(model, answers));
        }""",
        [model, answer_sets],
    )
    for answers, got in zip(answer_sets, browser_results, strict=True):
        assert_same_result(got, score(model, answers))


@pytest.mark.parametrize("bank_name", BANKS)
def test_bank_examples_pass_in_the_browser(page, served_sites, banks, bank_name):
    loaded = banks[bank_name]
    assert loaded.bank.examples, "every repository bank carries self-tests"
    page.goto(served_sites.url(f"{bank_name}/{loaded.bank.languages[0]}/results.html"))
    results = page.evaluate(
        """async ([model, sets]) => {
            const { score } = await import("../static/js/scoring.js");
            return sets.map((answers) => score(model, answers));
        }""",
        [loaded.model, [dict(example.answers) for example in loaded.bank.examples]],
    )
    for example, result in zip(loaded.bank.examples, results, strict=True):
        wanted = [(result["overall"], example.expect["overall"] or {})]
        by_id = {d["id"]: d for d in result["dimensions"]}
        wanted += [(by_id[dim], expected) for dim, expected in example.expect["dimensions"].items()]
        for actual, expected in wanted:
            for key, value in expected.items():
                if key != "line":
                    assert matches(actual[key], value), (example.name, key, actual[key], value)


def test_reload_keeps_answers_and_step(page, served_sites, banks):
    bank = banks["default"].bank
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
    bank = banks["default"].bank
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
    page.goto(server.url("org/assessment/"))
    page.get_by_role("link", name="English").click()
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
