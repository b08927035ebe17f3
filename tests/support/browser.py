"""Browser helpers: answering the quiz by accessible names, opening result
pages with answers, downloads, and where the charts must put the scores."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.bank.model import AXES, Bank
from builder.rules.codes import encode

#: the UI words the tests click, per language
UI = {
    "en": {"next": "Next", "back": "Back", "see_results": "See results", "download": "Download JSON",
           "dont_know": "Don't know", "remember": "Remember on this device"},
    "de": {"next": "Weiter", "back": "Zurück", "see_results": "Ergebnis anzeigen", "download": "JSON herunterladen",
           "dont_know": "Weiß nicht", "remember": "Auf diesem Gerät merken"},
}
#: the pages that show a result besides results.html, and what each shows once it has answers
RESULT_PAGES = {"keep": "#results", "next": "#results", "hints": "#results", "compare": "#results",
                "method": "#computed"}


def answer_in_page(page, bank: Bank, lang: str, answers: dict) -> None:
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
    """From the results page: on to "Save or share your result", and the JSON downloaded there."""
    page.locator('.actions a[href^="keep.html"]').click()
    page.wait_for_url("**/keep.html*")
    with page.expect_download() as info:
        page.get_by_role("button", name=UI[lang]["download"]).click()
    return json.loads(open(info.value.path(), encoding="utf-8").read())


def download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    return Path(info.value.path()).read_bytes()


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


def page_url(served_sites, name: str = "results", bank_name: str = "default", lang: str = "en") -> str:
    return served_sites.url(f"{bank_name}/{lang}/{name}.html")


def results_url(served_sites, bank_name: str = "default", lang: str = "en") -> str:
    return page_url(served_sites, "results", bank_name, lang)


def with_answers(page, url: str, answers: dict, shown: str = "#results") -> None:
    """Open a result page with these answers in the tab, as the quiz leaves them."""
    page.goto(url)
    page.evaluate(
        """async (answers) => {
            const { storageKey } = await import("../static/js/ui/state.js");
            const { model } = JSON.parse(document.getElementById("results-data").textContent);
            sessionStorage.setItem(storageKey(model.bank), JSON.stringify({ answers, step: 0 }));
        }""",
        answers,
    )
    page.reload()
    expect(page.locator(shown)).to_be_visible()


def answered(answers: dict) -> dict:
    return {qid: value for qid, value in answers.items() if value is not None}


def code_of(bank: Bank, answers: dict) -> str:
    return encode(bank.scoring_model, bank.tag, answered(answers))


def in_groups(code: str) -> str:
    """A result code as the keep page shows it: in groups of four characters."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def shown(value: float) -> int:
    """Scores as the pages show them: rounded down."""
    return math.floor(value)


def vertices(points: str) -> list[float]:
    """x1, y1, x2, y2, ... of an SVG points attribute."""
    return [float(n) for pair in points.split() for n in pair.split(",")]


def radar_vertices(values: list) -> list[float]:
    """docs/results.md: dimension i of n at 360°·i/n clockwise from the top, score 100 at radius 100."""
    n = len(values)
    return [coordinate for i, v in enumerate(values)
            for coordinate in (math.sin(2 * math.pi * i / n) * (v or 0), -math.cos(2 * math.pi * i / n) * (v or 0))]


def best_customer_answer(q: dict):
    if q["type"] == "likert":
        return 1 if q["reverse"] else 5
    return max(q["options"], key=lambda o: o["customer"])["id"]


def assert_charts_follow(page, model: dict, result: dict, state: str = "now") -> None:
    """Radar polygons and map points where docs/results.md puts them for `result`."""
    for axis in AXES:
        got = vertices(page.locator(f"#radar polygon.{axis}.{state}").get_attribute("points"))
        assert got == pytest.approx(radar_vertices([d[axis] for d in result["dimensions"]]), abs=0.051), axis
    if state != "now":
        return
    ring = vertices(page.locator("#radar polygon.threshold").get_attribute("points"))
    assert ring == pytest.approx(radar_vertices([model["threshold"]] * len(model["dimensions"])), abs=0.051)
    for scores in [*result["dimensions"], {**result["overall"], "id": ""}]:
        point = page.locator(f'#map circle[data-dimension="{scores["id"]}"]')
        if scores["customer"] is None or scores["competitor"] is None:
            expect(point).to_have_count(0)
            continue
        assert float(point.get_attribute("cx")) == pytest.approx(scores["customer"], abs=0.051)
        assert float(point.get_attribute("cy")) == pytest.approx(100 - scores["competitor"], abs=0.051)
