"""From `assess new` to a completed quiz, and a branded, themed site as a
browser shows it: brand colours, logo, footer links, no CSP violation."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support.browser import UI, answer_in_page, download_result
from support.cli import run
from support.paths import FIXTURES

from builder.bank.load import load
from builder.commands.build import build
from builder.rules.selftest import matches

pytestmark = pytest.mark.browser

BRANDED = FIXTURES / "sites" / "branded"


def csp_violations(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text)
            if "Content Security Policy" in message.text else None)
    return messages


def test_new_project_builds_and_its_quiz_can_be_completed(page, tmp_path, monkeypatch, static_server):
    monkeypatch.chdir(tmp_path)
    assert run("new", "shop-check").exit_code == 0
    monkeypatch.chdir(tmp_path / "shop-check")
    built = run("build", "--strict")
    assert built.exit_code == 0, built.output
    bank, _ = load(tmp_path / "shop-check" / "questions")
    server = static_server(tmp_path / "shop-check" / "site")
    violations = csp_violations(page)

    for example in bank.examples[:2]:  # the bank's own self-tests, answered by hand
        for lang in bank.languages:
            page.goto(server.url(""))
            page.get_by_role("link", name={"en": "English", "de": "Deutsch"}[lang]).click()
            page.get_by_role("link", name={"en": "Start the assessment", "de": "Selbsteinschätzung starten"}[lang]
                             ).click()
            page.evaluate("sessionStorage.clear()")
            page.reload()
            answer_in_page(page, bank, lang, dict(example.answers))
            page.get_by_role("button", name=UI[lang]["see_results"]).click()
            quadrant = example.expect["overall"]["quadrant"]
            expect(page.locator(f'.verdict [data-quadrant="{quadrant}"] .quadrant')).to_be_visible()
            overall = download_result(page, lang)["overall"]
            for key, value in example.expect["overall"].items():
                if key != "line":
                    assert matches(overall[key], value), (example.name, lang, key)
    assert violations == []


def test_brand_and_theme_show_in_the_browser(page, tmp_path, static_server):
    site = tmp_path / "shop"
    build(FIXTURES / "banks" / "small", site, config_file=BRANDED / "assessment.yml", base_url="/")
    server = static_server(site)
    violations = csp_violations(page)
    page.emulate_media(color_scheme="light")
    page.goto(server.url("en/index.html"))

    start = page.get_by_role("link", name="Begin the shop check")  # a UI string reworded by the theme
    expect(start).to_have_css("background-color", "rgb(11, 83, 148)")  # brand primary #0b5394
    expect(page.locator("body")).to_have_css("font-family", '"Fira Sans", system-ui, sans-serif')
    logo = page.get_by_role("link", name="Example Shop").get_by_role("img", name="Example Shop")
    expect(logo).to_be_visible()
    assert page.evaluate("document.querySelector('.brand img').naturalWidth") == 120, "the logo loads"
    footer = page.get_by_role("contentinfo")
    legal = footer.get_by_role("navigation", name="Legal")
    expect(legal.get_by_role("link", name="Imprint")).to_have_attribute("href", "https://example.com/imprint")
    expect(legal.get_by_role("link", name="Privacy policy")).to_have_attribute("href", "https://example.com/privacy")
    expect(footer.get_by_text("Run by the Example Shop team.")).to_have_css("font-style", "italic")  # theme.css

    page.emulate_media(color_scheme="dark")
    expect(start).to_have_css("background-color", "rgb(159, 197, 232)")  # brand dark primary #9fc5e8
    assert violations == [], "brand and theme load without breaking the Content-Security-Policy"
