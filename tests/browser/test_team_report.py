"""The team report in Chromium (#15): the summary in words, the charts and their data
tables, min_group_size in charts, the response rate, the comparison with an earlier
team JSON, `assess report -o` showing what the site's team page shows, and axe at
phone and laptop widths in both languages and colour schemes with every table open."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect
from support.axe import axe_violations
from support.cli import run
from support.codes import python_team
from support.paths import BANKS
from support.states import team_codes

from builder.commands.report import team_json
from builder.rules.codes import encode
from builder.rules.highlights import highlights
from builder.site.markup import opening

pytestmark = pytest.mark.browser
QUADRANTS = ("customer", "competitor", "both", "inward")
AXIS = {"customer": "Customer obsession", "competitor": "Competitor obsession"}


def one(x: float) -> str:
    """A number as the English page shows it: at most one decimal, halves away from zero (Intl)."""
    text = str(Decimal(x).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return text.removesuffix(".0")


def pct(x: float) -> str:
    return f"{Decimal(x * 100).quantize(Decimal(1), ROUND_HALF_UP)}%"


def open_team(page, url: str, codes: list[str]) -> None:
    page.goto(url)
    page.locator("#codes").fill("\n".join(codes))
    expect(page.locator("#team-results, #team-hidden").filter(visible=True)).to_have_count(1)


def show_tables(page) -> None:
    closed = page.locator("#team-results details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    expect(closed).to_have_count(0)


def test_the_report_opens_with_sentences(page, served_sites, banks):
    bank = banks["default"]
    codes = team_codes(bank, [0, 5, 5, 5])
    _, _, team = python_team(bank, "\n".join(codes), False)
    facts = highlights(bank.scoring_model, team)
    overall, spread, gap = facts["overall"], facts["spread"], facts["gap"]
    titles = {d.id: d.title["en"] for d in bank.dimensions}
    groups = {o.id: o.title["en"] for o in bank.segments.options}
    quadrant = getattr(bank.quadrants, overall["quadrant"]).title["en"]
    open_team(page, served_sites.url("default/en/team.html"), codes)
    expect(page.locator("#team-results h2").first).to_have_text("In brief")
    assert page.locator("#team-highlights p").all_text_contents() == [
        "The results are based on 15 result codes.",
        f"Overall the team stands in the quadrant “{quadrant}”: Customer obsession {one(overall['customer'])}, "
        f"Competitor obsession {one(overall['competitor'])} (means, out of 100).",
        f"Opinions differ most on {titles[spread['dimension']]} ({AXIS[spread['axis']]}): the middle half of "
        f"answers spans {one(spread['width'])} points.",
        f"The largest perception gap between groups is on {titles[gap['dimension']]} ({AXIS[gap['axis']]}): "
        f"{groups[gap['high']]} rate it {one(gap['gap'])} points higher than {groups[gap['low']]}."]
    # next steps: the overall quadrant's description; per dimension the recommendation for where
    # the team stands there (its quadrant), then the first sentence of the one for its level
    expect(page.locator("#team-next [data-quadrant]:not([hidden]) strong")).to_have_text(quadrant)
    levels = {lv.id: lv.title["en"] for lv in bank.levels}
    for d in facts["dimensions"]:
        article = page.locator(f"#team-rec-{d['id']}")
        expect(article.get_by_role("heading")).to_have_text(f"{titles[d['id']]}: {levels[d['level']]}")
        shown = article.locator(".recommendation:not([hidden])")
        expect(shown).to_have_count(2)
        expect(shown.first).to_have_attribute("data-advice", f"quadrant:{d['quadrant']}")
        advice = bank.quadrant_recommendations[d["id"]][d["quadrant"]]["en"]
        expect(shown.first).to_contain_text(" ".join(advice.split()))
        expect(shown.last).to_have_text(opening(bank.recommendations[d["id"]][d["level"]]["en"]))
    page.goto(served_sites.url("default/de/team.html"))
    page.get_by_label("Ergebniscodes").fill("\n".join(codes))
    expect(page.locator("#team-highlights p").first).to_have_text("Die Ergebnisse beruhen auf 15 Ergebniscodes.")
    expect(page.locator("#team-highlights p").nth(1)).to_contain_text("Insgesamt steht das Team im Quadranten „")


def test_charts_and_their_tables_follow_the_team_json(page, served_sites, banks):
    bank = banks["default"]
    codes = team_codes(bank, [0, 6, 6, 0])
    _, _, team = python_team(bank, "\n".join(codes), False)
    everyone = team["all"]
    open_team(page, served_sites.url("default/en/team.html"), codes)
    # the charts come first, their tables collapsed
    expect(page.get_by_role("table")).to_have_count(0)
    assert page.locator("#team-quadrants .small-multiples figure").count() == len(bank.dimensions)
    assert page.locator("#team-scores .box-row").count() == len(bank.dimensions) + 1
    overall_cells = page.locator("#team-quadrants .quadrant-overall .cell-value").all_text_contents()
    placed = everyone["n"] - everyone["quadrants"]["none"]
    assert overall_cells == [f"{everyone['quadrants'][q]} ({pct(everyone['quadrants'][q] / placed)})"
                             for q in ("competitor", "both", "inward", "customer")]
    first = everyone["dimensions"][0]["customer"]
    box = page.locator("#team-scores .box-row").first.locator("rect.box.customer")
    assert float(box.get_attribute("x")) == pytest.approx(first["q1"], abs=1e-9)
    assert float(box.get_attribute("width")) == pytest.approx(first["q3"] - first["q1"], abs=1e-9)

    show_tables(page)
    table = page.get_by_role("table", name="People per quadrant, by dimension")
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Quadrant", "Overall", *(d.title["en"] for d in bank.dimensions)])
    counts = [everyone["quadrants"]["both"]] + [d["quadrants"]["both"] for d in everyone["dimensions"]]
    expect(table.get_by_role("row", name="Obsessed with both").get_by_role("cell")).to_have_text(
        [f"{c} ({pct(c / everyone['n'])})" for c in counts])
    scores = page.get_by_role("table", name="Customer obsession").first
    expect(scores.get_by_role("columnheader")).to_have_text(
        ["Dimension", "n", "Mean", "Median", "Middle half of answers", "Lowest to highest"])
    # answers per question: the options' texts, never their ids
    text = page.locator("#team-results").inner_text()
    for q in bank.questions:
        for option in q.options:
            assert option.text["en"] in text
            assert option.id not in text, option.id
    likert = next(i for i, q in enumerate(bank.questions) if q.type == "likert")
    entry = team["questions"][likert]
    c, answered = entry["counts"], entry["answered"]
    question = page.locator("#team-questions .question").filter(has_text=bank.questions[likert].text["en"]).first
    expect(question.locator(".hint")).to_have_text(
        " · ".join(pct(share / answered) for share in (c[0] + c[1], c[2], c[3] + c[4])))
    # every table scrolls in a focusable region named like it, and no header cell is empty
    regions = page.locator("#team-results .table-scroll")
    for i in range(regions.count()):
        region = regions.nth(i)
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label").startswith(region.locator("caption").text_content())
    assert page.locator("#team-results th:empty").count() == 0


def test_charts_hide_what_min_group_size_hides(page, served_sites, banks):
    bank = banks["default"]
    # leadership is hidden as the complement of the one code without a group
    open_team(page, served_sites.url("default/en/team.html"), team_codes(bank, [1, 5, 5, 5]))
    expect(page.locator("#team-segments li")).to_have_text([
        "Leadership or management: hidden too, or a smaller group could be worked out from the totals.",
        "No group given: hidden (fewer than 5 codes)."])
    heatmap = page.locator("#team-segments svg.heatmap").first
    rows = heatmap.locator(".row-name").all_text_contents()
    assert rows == ["Leadership or management", "Customer-facing", "Not customer-facing", "No group given"]
    values = heatmap.locator(".cell-value").all_text_contents()
    width = len(bank.dimensions) + 1
    assert values[:width] == ["–"] * width and values[-width:] == ["–"] * width
    assert all(v != "–" for v in values[width:-width])
    # a question that only four people answered shows no bar
    model = bank.scoring_model
    target = bank.questions[0]
    answers = [{q["id"]: 3 for q in model["questions"] if q["type"] == "likert" and q["id"] != target.id}
               | ({target.id: 4} if i < 4 else {}) for i in range(6)]
    codes = [encode(model, bank.tag, {**a, bank.questions[1].id: 1 + i % 5}, 0) for i, a in enumerate(answers)]
    open_team(page, served_sites.url("default/en/team.html"), codes)
    question = page.locator("#team-questions > div").filter(has_text=target.text["en"]).first
    expect(question).to_have_text(f"{target.text['en']}hidden, fewer than 5 answers")
    assert question.locator("svg").count() == 0
    # fewer codes than min_group_size: nothing shown but the count and why
    open_team(page, served_sites.url("default/en/team.html"), codes[:4])
    expect(page.locator("#team-results")).to_be_hidden()
    expect(page.locator("#team-trust")).to_have_text(
        "Only 4 codes, fewer than 5: too few to say how the team sees things. "
        "Collect more codes before drawing conclusions.")


def test_the_response_rate_says_how_far_to_trust_the_result(page, served_sites, banks):
    open_team(page, served_sites.url("default/en/team.html"), team_codes(banks["default"], [0, 5, 5, 5]))
    invited = page.get_by_label("People invited (optional)")
    expect(page.locator("#team-trust")).to_be_hidden()
    invited.fill("100")
    expect(page.locator("#team-rate")).to_have_text("15 of 100 people invited took part: a response rate of 15%.")
    expect(page.locator("#team-trust")).to_have_text(
        "Only 15% of the people invited took part. Read the results as the view of those who answered: "
        "the others may see things differently.")
    invited.fill("50")  # 30 % is enough
    expect(page.locator("#team-rate")).to_have_text("15 of 50 people invited took part: a response rate of 30%.")
    expect(page.locator("#team-trust")).to_be_hidden()
    invited.fill("10")
    expect(page.locator("#team-trust")).to_have_text("More codes than people invited: check the number invited.")


def test_compare_with_an_earlier_team_json(page, served_sites, banks):
    bank = banks["default"]
    now_codes, before_codes = team_codes(bank, [0, 5, 5, 5]), team_codes(bank, [12, 0, 0, 0])
    _, _, now = python_team(bank, "\n".join(now_codes), False)
    _, _, before = python_team(bank, "\n".join(before_codes), False)
    open_team(page, served_sites.url("default/en/team.html"), now_codes)
    upload = page.get_by_label("Earlier team JSON")
    upload.set_input_files({"name": "spring.json", "mimeType": "application/json",
                            "buffer": team_json(before).encode("utf-8")})
    expect(page.locator("#compare-status")).to_have_text(
        "Compared with spring.json: the whole team's means then and now.")
    table = page.get_by_role("table", name="Competitor obsession")
    expect(table.get_by_role("columnheader")).to_have_text(["Dimension", "Earlier", "Now", "Change"])
    was, is_ = before["all"]["dimensions"][2]["competitor"]["mean"], now["all"]["dimensions"][2]["competitor"]["mean"]
    change = one(is_ - was)
    expect(table.get_by_role("row", name=bank.dimensions[2].title["en"]).get_by_role("cell")).to_have_text(
        [one(was), one(is_), change if change.startswith("-") or change == "0" else f"+{change}"])
    for payload, message in [(b"not json", "This file is not a team JSON."),
                             (b'{"team": 1, "bank": {"id": "another"}, "all": {"n": 0}}',
                              "This team JSON is from another questionnaire.")]:
        upload.set_input_files({"name": "x.json", "mimeType": "application/json", "buffer": payload})
        expect(page.locator("#compare-status")).to_have_text(message)
        expect(page.locator("#team-change")).to_be_empty()
    # other codes pasted: the report follows them, the next steps included
    page.locator("#codes").fill("\n".join(before_codes))
    expect(page.locator("#team-highlights p").first).to_have_text("The results are based on 12 result codes.")
    expect(page.locator("#team-next [data-quadrant]:not([hidden])")).to_have_count(1)


def test_report_page_shows_what_the_team_page_shows(page, served_sites, banks, tmp_path, static_server):
    codes = team_codes(banks["default"])
    (tmp_path / "codes.txt").write_text("\n".join(codes), encoding="utf-8")
    result = run("report", "--bank", BANKS["default"], "-o", tmp_path / "out", "--lang", "de", tmp_path / "codes.txt")
    assert result.exit_code == 0, result.output
    page.goto(static_server(tmp_path / "out").url("index.html"))
    expect(page.locator("#team-results")).to_be_visible()
    show_tables(page)
    report = page.locator("#team-results").inner_text()
    open_team(page, served_sites.url("default/de/team.html"), codes)
    show_tables(page)
    assert page.locator("#team-results").inner_text() == report
    assert "Wo das Team steht" in report and "Nächste Schritte für das Team" in report


def test_printing_opens_every_table(page, served_sites, banks):
    open_team(page, served_sites.url("default/en/team.html"), team_codes(banks["default"]))
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("#team-results details:not([open])")).to_have_count(0)
    assert page.get_by_role("button", name="Print report").is_hidden()
    assert page.locator(".team-input").is_hidden() and page.get_by_label("People invited (optional)").is_hidden()
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.locator("#team-compare")).to_be_hidden()  # nothing compared: nothing to print there
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(page.locator("#team-results details[open]")).to_have_count(0)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_axe_finds_nothing_with_every_table_and_chart_shown(page, served_sites, banks, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served_sites.url(f"default/{lang}/team.html"))
    page.locator("#codes").fill("\n".join(team_codes(banks["default"])))
    expect(page.locator("#team-results")).to_be_visible()
    page.locator("#invited").fill("100")  # the trust notice too
    page.evaluate("document.querySelectorAll('#team-results details').forEach((d) => { d.open = true; })")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(page) == [], scheme
