"""Result codes and team results in a real Chromium: rules/codes.js and rules/team.js
against the Python implementations, the team page fed by completed quizzes,
refused codes shown inertly, downloads equal to `assess report`, the results
page's code field, and the report page."""
from __future__ import annotations

import json
import random
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.answers import random_answers
from support.browser import UI, answer_in_page, in_groups
from support.cli import run
from support.codes import HOSTILE, mangle, python_team, team_inputs
from support.paths import BANKS, FIXTURES

from builder.bank.load import load
from builder.commands.build import build
from builder.rules.codes import CodeError, code_length, decode, encode

pytestmark = pytest.mark.browser
SEGMENTED = FIXTURES / "banks" / "segmented"



@pytest.mark.parametrize("bank_name", BANKS)
def test_codes_js_equals_python(page, served_sites, banks, bank_name):
    bank = banks[bank_name]
    model, tag, segments = bank.scoring_model, bank.tag, len(bank.segment_ids)
    rng = random.Random(f"codes-{bank_name}")
    cases = [(random_answers(model, rng), rng.randint(0, segments)) for _ in range(150)]
    codes = [encode(model, tag, answers, segment) for answers, segment in cases]
    strings = codes + [mangle(rng.choice(codes), rng) for _ in range(400)]
    page.goto(served_sites.url(f"{bank_name}/{bank.languages[0]}/team.html"))
    encoded, decoded = page.evaluate(
        """async ([model, tag, segments, cases, strings]) => {
            const { encode, decode } = await import("../static/js/rules/codes.js");
            return [cases.map(([answers, segment]) => encode(model, tag, answers, segment)),
                    strings.map((s) => decode(model, tag, s, segments))];
        }""",
        [model, tag, segments, cases, strings],
    )
    assert encoded == codes
    for text, got in zip(strings, decoded, strict=True):
        try:
            answers, segment = decode(model, tag, text, segments)
        except CodeError as refused:
            assert got == {"ok": False, "reason": refused.reason}, text
        else:
            assert got == {"ok": True, "answers": answers, "segment": segment}, text


def assert_same_json(got, want, where=""):
    if isinstance(want, dict):
        assert isinstance(got, dict) and list(got) == list(want), where
        for key in want:
            assert_same_json(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_same_json(g, w, f"{where}[{i}]")
    elif isinstance(want, float) or isinstance(got, float):
        assert got == pytest.approx(want, abs=1e-9), where
    else:
        assert got == want, where


@pytest.mark.parametrize("bank_name", BANKS)
def test_team_stats_js_equals_python(page, served_sites, banks, bank_name):
    bank = banks[bank_name]
    inputs = team_inputs(bank, random.Random(f"team-{bank_name}"))
    page.goto(served_sites.url(f"{bank_name}/{bank.languages[0]}/team.html"))
    results = page.evaluate(
        """async ([model, tag, segments, k, length, inputs]) => {
            const { aggregate, findCodes, readCodes } = await import("../static/js/rules/team.js");
            return inputs.map(([text, csv]) => {
                const found = findCodes(text, length, csv).map(([line, code]) => ({ source: "", line, text: code }));
                const collection = readCodes(model, tag, segments.length, found);
                return [found, collection.invalid.map((i) => [i.line, i.reason]),
                        collection.duplicates.map((d) => [d.line, d.first.line]),
                        collection.codes.length ? aggregate(model, segments, k, collection) : null];
            });
        }""",
        [bank.scoring_model, bank.tag, bank.segment_ids, bank.min_group_size,
         code_length(bank.scoring_model), inputs],
    )
    for (text, csv), (found, invalid, duplicates, team) in zip(inputs, results, strict=True):
        want_found, collection, want_team = python_team(bank, text, csv)
        assert found == [{"source": "", "line": f.line, "text": f.text} for f in want_found]
        assert invalid == [[item.line, error.reason] for item, error in collection.invalid]
        assert duplicates == [[repeat.line, first.line] for repeat, first in collection.duplicates]
        if collection.codes:
            assert_same_json(team, want_team)


def test_refused_codes_are_listed_inertly(page, served_sites, banks):
    bank = banks["default"]
    model, tag = bank.scoring_model, bank.tag
    good = encode(model, tag, {bank.questions[0].id: 4}, 1)
    other = banks["small"]
    at = next(i for i in range(7, len(good) - 1) if good[i] != good[i + 1])
    lines = [good, good[:-1] + ("0" if good[-1] != "0" else "1"), good[:at] + good[at + 1] + good[at] + good[at + 2:],
             encode(other.scoring_model, other.tag, {}, 0), good * 3, *HOSTILE, good]
    page.goto(served_sites.url("default/en/team.html"))
    page.get_by_label("Result codes").fill("\n".join(lines))
    expect(page.locator("#team-summary")).to_have_text("Codes counted: n = 1; invalid: 7; duplicates: 1")
    items = page.get_by_role("region", name="Left out").get_by_role("listitem")
    expect(items).to_have_count(8)
    texts = items.all_text_contents()
    assert texts[0] == "line 2: " + lines[1] + " – checksum wrong: a typo, or part of the code is missing"
    assert texts[2].endswith("from another questionnaire, or another version of this one")
    assert texts[3] == f"line 5: {(good * 3)[:60]}… – far too long"
    assert [t.split(": ", 1)[1].rsplit(" – ", 1)[0] for t in texts[4:7]] == HOSTILE
    assert texts[7] == "line 9: " + good + " – same as line 1, counted once"
    assert page.locator("#refused-list img, #refused-list script, #refused-list svg").count() == 0
    assert page.evaluate("window.__pwned") is None
    expect(page.locator("#team-hidden")).to_have_text(
        "Fewer than 5 valid codes, so the results stay hidden and nobody can be recognised.")
    expect(page.locator("#team-results")).to_be_hidden()


def take_quiz(page, served_sites, bank, answers: dict, role: str | None, url: str = "default/en/quiz.html") -> str:
    page.goto(served_sites.url(url))
    page.evaluate("sessionStorage.clear()")
    page.reload()
    if role is not None:
        page.get_by_role("group", name="Your role").get_by_role("radio", name=role, exact=True).check()
    answer_in_page(page, bank, "en", answers)
    page.get_by_role("button", name=UI["en"]["see_results"]).click()
    page.get_by_role("link", name="Save or share your result").click()
    field = page.get_by_label("Result code", exact=True)
    expect(field).not_to_have_value("")
    return field.input_value().replace(" ", "")  # shown in groups of four


def test_team_results_from_completed_quizzes(page, served_sites, banks, tmp_path):
    bank = banks["default"]
    model = bank.scoring_model
    rng = random.Random("team-run")
    roles = ["Leadership or management"] * 5 + ["Customer-facing"] * 4
    answer_sets = [random_answers(model, rng, skip_rate=0.6) for _ in range(10)]
    codes = [take_quiz(page, served_sites, bank, a, role) for a, role in zip(answer_sets, roles, strict=False)]
    # the tenth arrives through the team link of the customer-facing group
    codes.append(take_quiz(page, served_sites, bank, answer_sets[-1], None, "default/en/quiz.html?segment=frontline"))
    decoded = [decode(model, bank.tag, c, 3) for c in codes]
    assert [segment for _, segment in decoded] == [1] * 5 + [2] * 5
    assert [answers for answers, _ in decoded] == [{k: v for k, v in a.items() if v is not None} for a in answer_sets]

    page.goto(served_sites.url("default/en/team.html"))
    page.get_by_label("Result codes").fill("\n".join(codes))
    expect(page.locator("#team-summary")).to_have_text("Codes counted: n = 10")
    show_tables(page)
    _, _, team = python_team(bank, "\n".join(codes), False)
    overall_row = page.get_by_role("table", name="Customer obsession").first.get_by_role("row", name="Overall")
    expect(overall_row.get_by_role("cell").first).to_have_text(str(team["all"]["overall"]["customer"]["n"]))
    shown_mean = float(overall_row.get_by_role("cell").nth(1).text_content())
    assert shown_mean == pytest.approx(team["all"]["overall"]["customer"]["mean"], abs=0.05)
    gap_table = page.locator("#team-segments table").first
    expect(gap_table.get_by_role("columnheader")).to_have_text(
        ["Dimension", "Leadership or management (n = 5)", "Customer-facing (n = 5)", "Gap"])

    with page.expect_download() as info:
        page.get_by_role("button", name="Download team JSON").click()
    downloaded = open(info.value.path(), encoding="utf-8").read()
    (tmp_path / "codes.txt").write_text("\n".join(codes) + "\n", encoding="utf-8")
    cli_json = run("report", "--bank", BANKS["default"], "--json", tmp_path / "codes.txt")
    assert cli_json.exit_code == 0, cli_json.output
    assert downloaded == cli_json.stdout
    with page.expect_download() as info:
        page.get_by_role("button", name="Download team CSV").click()
    rows = open(info.value.path(), encoding="utf-8", newline="").read().split("\r\n")
    assert rows[0] == "key,value" and "codes.valid,10" in rows and "all.n,10" in rows
    assert f"all.overall.customer.mean,{json.loads(downloaded)['all']['overall']['customer']['mean']}" in rows
    assert "segments.leadership.n,5" in rows and "segments.back-office.n,0" in rows


def show_tables(page) -> None:
    """Open every collapsed data table ("Show the numbers as a table") by clicking its summary."""
    closed = page.locator("#team-results details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    expect(closed).to_have_count(0)


def test_a_team_link_presets_the_group_and_a_choice_wins(page, served_sites):
    page.goto(served_sites.url("default/en/quiz.html?segment=frontline"))
    page.evaluate("sessionStorage.clear()")
    page.reload()
    group = page.get_by_role("group", name="Your role")
    expect(group.get_by_role("radio", name="Customer-facing", exact=True)).to_be_checked()
    group.get_by_role("radio", name="Leadership or management").check()
    page.reload()
    expect(group.get_by_role("radio", name="Leadership or management")).to_be_checked()
    expect(page.locator("#progress-text")).to_have_text("0 of 32 answered")  # the group is not a question
    page.goto(served_sites.url("default/en/quiz.html?segment=nonsense"))
    expect(group.get_by_role("radio", name="Leadership or management")).to_be_checked()


def test_result_code_copy_and_collect_url(browser, banks, tmp_path, static_server):
    url = "https://forms.example.org/answer?entry.1={code}&from=assess"
    config = tmp_path / "assessment.yml"
    config.write_text(f"collect_url: {url}\n", encoding="utf-8")
    build(BANKS["small"], tmp_path / "site", config_file=config)
    server = static_server(tmp_path / "site")
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url("en/quiz.html"))
    answers = {"svc-listen": 4, "prd-launch": "both"}
    answer_in_page(page, banks["small"], "en", answers)
    page.get_by_role("button", name="See results").click()
    page.get_by_role("link", name="Save or share your result").click()
    field = page.get_by_label("Result code", exact=True)
    small = banks["small"]
    code = encode(small.scoring_model, small.tag, answers)
    expect(field).to_have_value(in_groups(code))
    page.get_by_role("button", name="Copy code").click()
    expect(page.locator("#copy-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == code, "copied without the spaces"
    link = page.get_by_role("link", name="Send the code to the survey")
    expect(link).to_have_attribute("href", url.replace("{code}", quote(code, safe="")))
    expect(link).to_have_attribute("target", "_blank")
    context.close()


def test_without_collect_url_the_code_is_passed_on_by_hand(page, served_sites):
    page.goto(served_sites.url("small/en/quiz.html"))
    page.evaluate("sessionStorage.clear()")
    page.reload()
    page.get_by_role("group", name="We change how we serve people after listening to them.").get_by_role(
        "radio", name="Agree", exact=True).check()
    page.get_by_role("button", name="See results").click()
    page.get_by_role("link", name="Save or share your result").click()
    expect(page.get_by_text("Pass the code on by any channel you trust")).to_be_visible()
    assert page.get_by_role("link", name="Send the code to the survey").count() == 0


def test_report_page_shows_the_team_without_inputs(page, banks, tmp_path, static_server):
    shop, _ = load(SEGMENTED)
    tag = shop.tag
    codes = [encode(shop.scoring_model, tag, {"svc-listen": v, "prd-launch": "ask"}, 1) for v in (2, 3, 4, 5)]
    (tmp_path / "codes.txt").write_text("\n".join(codes), encoding="utf-8")
    result = run("report", "--bank", SEGMENTED, "-o", tmp_path / "out", tmp_path / "codes.txt")
    assert result.exit_code == 0, result.output
    server = static_server(tmp_path / "out")
    page.goto(server.url("index.html"))
    expect(page.locator("#team-summary")).to_have_text("Codes counted: n = 4")
    show_tables(page)
    expect(page.get_by_role("table", name="We change how we serve people after listening to them.")
           .get_by_role("row", name="Agree 1 25%", exact=True)).to_be_visible()
    # a report page names choice options by their texts
    expect(page.get_by_role("table", name="A rival launches a new product line. What happens next?")
           .get_by_role("row", name="We ask our customers whether they need it.")).to_be_visible()
    assert page.get_by_label("Result codes").count() == 0
    assert page.get_by_role("navigation", name="Site").count() == 0
