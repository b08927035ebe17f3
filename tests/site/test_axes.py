"""The two axes in the bank's words (`axes:` in bank.yml): on every page and
chart, in the data the scripts show, in the report page; the UI strings'
words where the bank names none."""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from support.cli import run
from support.html import parse_page
from support.paths import BANKS, SEGMENTED_BANK, SMALL_BANK

from builder.bank.load import load
from builder.commands.build import build
from builder.rules.codes import encode

NAMED = "axes:\n  customer: Patient focus\n  competitor: Market watch\n"
BILINGUAL = ("axes:\n  customer: {de: Patientenorientierung, en: Patient focus}\n"
             "  competitor: {de: Marktbeobachtung, en: Market watch}\n")


def with_axes(source: Path, tmp_path: Path, axes: str) -> Path:
    bank = Path(shutil.copytree(source, tmp_path / "bank"))
    with open(bank / "bank.yml", "a", encoding="utf-8") as bank_yml:
        bank_yml.write(axes)
    return bank


def text_of(path: Path) -> str:
    """A page as read: markup gone, entities decoded (the inlined JSON stays, as text)."""
    return html.unescape(path.read_text(encoding="utf-8"))


def inlined(path: Path) -> dict:
    (data,) = parse_page(path).json_blocks()
    return data


def test_named_axes_replace_the_default_words_everywhere(tmp_path):
    site = tmp_path / "site"
    built = run("build", "--bank", with_axes(SMALL_BANK, tmp_path, NAMED), "-d", site)
    assert built.exit_code == 0, built.output
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 11  # the small bank has no hints page
    for page in pages:  # not a word of the defaults is left, in the HTML or in the data for scripts
        assert "customer obsession" not in text_of(page).lower(), page.name
        assert "competitor obsession" not in text_of(page).lower(), page.name
    results = text_of(site / "en" / "results.html")
    report = text_of(site / "en" / "next.html")
    assert ">Patient focus →</text>" in report and ">Market watch →</text>" in report, "the quadrant map's axes"
    assert inlined(site / "en" / "results.html")["text"]["competitor_obsession"] == "Market watch", "the levers"
    assert '<th scope="col">Patient focus</th><th scope="col">Market watch</th>' in results, "the scores table"
    assert "Patient focus runs from 0 on the left to 100 on the right, Market watch from 0" in report
    method = text_of(site / "en" / "method.html")
    assert "Every answer moves one or two scores: Patient focus (how far decisions" in method
    assert "The maturity level follows the score for Patient focus:" in method
    assert '<td data-label="Counts toward">Market watch</td>' in method, "a likert question's pole"
    assert inlined(site / "en" / "method.html")["text"]["customer_obsession"] == "Patient focus", "method.js"
    assert inlined(site / "en" / "next.html")["text"]["report_scores"] == \
        "Patient focus {customer}, Market watch {competitor}", "next.js"
    team = inlined(site / "en" / "team.html")["text"]
    assert (team["customer_obsession"], team["competitor_obsession"]) == ("Patient focus", "Market watch")


def test_one_named_axis_keeps_the_default_of_the_other(tmp_path):
    bank = with_axes(SMALL_BANK, tmp_path, "axes: {competitor: Market watch}\n")
    build(bank, tmp_path / "site")
    results = text_of(tmp_path / "site" / "en" / "results.html")
    assert '<th scope="col">Customer obsession</th><th scope="col">Market watch</th>' in results


def test_axes_in_every_language_of_the_bank(tmp_path):
    bank = with_axes(BANKS["default"], tmp_path, BILINGUAL)
    build(bank, tmp_path / "site")
    hints = {lang: inlined(tmp_path / "site" / lang / "hints.html")["text"]["customer_obsession"]
             for lang in ("de", "en")}
    assert hints == {"de": "Patientenorientierung", "en": "Patient focus"}
    assert "eine Fläche für Patientenorientierung, eine für Marktbeobachtung." in \
        text_of(tmp_path / "site" / "de" / "next.html")
    assert "die meisten Punkte für Patientenorientierung" not in text_of(tmp_path / "site" / "de" / "hints.html")
    assert "Punkte für Patientenorientierung liegen geblieben sind, und Aussagen zur Marktbeobachtung" in \
        text_of(tmp_path / "site" / "de" / "hints.html")


def test_without_axes_the_ui_strings_name_them(tmp_path):
    build(SMALL_BANK, tmp_path / "site")
    method = text_of(tmp_path / "site" / "en" / "method.html")
    assert "Every answer moves one or two scores: Customer obsession (how far decisions" in method
    assert inlined(tmp_path / "site" / "en" / "next.html")["text"]["report_scores"] == \
        "Customer obsession {customer}, Competitor obsession {competitor}"


def test_the_report_page_names_the_axes_in_the_bank_words(tmp_path):
    bank = with_axes(SEGMENTED_BANK, tmp_path, NAMED)
    loaded = load(bank)[0]
    codes = tmp_path / "codes.txt"
    codes.write_text(encode(loaded.scoring_model, loaded.tag, {"svc-listen": 5}) + "\n", encoding="utf-8")
    assert run("report", "--bank", bank, "-o", tmp_path / "report", codes).exit_code == 0
    page = parse_page(tmp_path / "report" / "index.html")
    team = next(block for block in page.json_blocks() if "labels" in block)
    assert team["text"]["customer_obsession"] == "Patient focus"


@pytest.mark.parametrize("axes, message", [
    ("axes: {custmer: Patient focus}\n", "unknown key 'custmer' (did you mean 'customer'?)"),
    ("axes: {customer: {de: Patientenorientierung}}\n", "language 'de' is not in the bank's languages (en)"),
    ("axes: Patient focus\n", "expected a mapping, found the text 'Patient focus'"),
])
def test_axes_mistakes_are_reported_at_their_line(tmp_path, monkeypatch, axes, message):
    bank = with_axes(SMALL_BANK, tmp_path, axes)
    line = (bank / "bank.yml").read_text(encoding="utf-8").count("\n")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--bank", "bank")
    assert (result.exit_code, result.stderr) == (1, f"bank/bank.yml:{line}: {message}\nError: 1 problem found\n")


def test_the_json_schema_knows_the_axes():
    schema = json.loads(run("schema", "--file", "bank").stdout)
    axes = schema["properties"]["axes"]
    assert sorted(axes["properties"]) == ["competitor", "customer"] and axes["required"] == []
