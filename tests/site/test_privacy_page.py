"""The privacy page: on every site, linked from every page, and true to what
the scripts do. (That they do it is tests/browser/test_privacy.py.)"""
from __future__ import annotations

import re

import pytest
from support.cli import run
from support.html import parse_page
from support.paths import BANKS, ROOT

from builder.commands.build import build
from builder.errors import AssessError

SCRIPTS = ROOT / "site_src" / "static" / "js"


def text_of(path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]))


@pytest.mark.parametrize("bank", BANKS)
def test_every_page_links_the_privacy_page(built_sites, bank):
    site = built_sites / bank
    languages = sorted(p.name for p in site.iterdir() if (p / "privacy.html").is_file())
    assert languages, "a privacy page per language"
    for page in site.rglob("*.html"):
        links = [url for _, url in parse_page(page).urls() if url.endswith("privacy.html")]
        if page.parent == site:  # the language choice and 404.html: every language's page
            assert sorted(link.rsplit("/", 2)[-2] for link in links) == languages, page
        else:
            assert "privacy.html" in links, page
    start_links = [url for _, url in parse_page(site / languages[0] / "index.html").urls() if url == "privacy.html"]
    assert len(start_links) == 2, "the start page's privacy section links it, besides the footer"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["sessionStorage", "localStorage", "IndexedDB", "cookies", "IP address", "hosting provider",
            "download", "Content Security Policy"]),
    ("de", ["sessionStorage", "localStorage", "IndexedDB", "Cookies", "IP-Adresse", "Hosting-Anbieter",
            "herunterladen", "Content Security Policy"]),
])
def test_privacy_page_says_what_is_stored_where(built_sites, lang, words):
    text = text_of(built_sites / "default" / lang / "privacy.html")
    assert [word for word in words if word not in text] == []


def test_privacy_page_describes_every_store_the_scripts_use(built_sites):
    """localStorage only behind the opt-in (keep.js, state.js), and the page says so."""
    scripts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SCRIPTS.rglob("*.js"))}
    assert sorted(name for name, text in scripts.items() if re.search(r"\blocalStorage\b", text)) == [
        "keep.js", "state.js"]
    for lang, remember in [("en", "Remember on this device"), ("de", "Auf diesem Gerät merken")]:
        text = text_of(built_sites / "default" / lang / "privacy.html")
        assert remember in text and "localStorage" in text
    assert re.findall(r"\bindexedDB\b|document\.cookie|\bcaches\b|serviceWorker", "\n".join(scripts.values())) == [], \
        "the privacy page promises none of these"


def test_build_date_comes_from_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    build(BANKS["default"], tmp_path / "dated")
    assert "as built on 2023-11-14." in text_of(tmp_path / "dated" / "en" / "privacy.html")
    assert "wie sie am 2023-11-14 erstellt wurde." in text_of(tmp_path / "dated" / "de" / "privacy.html")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build(BANKS["default"], tmp_path / "undated")
    assert "built on" not in text_of(tmp_path / "undated" / "en" / "privacy.html"), "no date without the variable"


@pytest.mark.parametrize(("value", "message"), [
    ("yesterday", "SOURCE_DATE_EPOCH must be a number of seconds since 1970, found 'yesterday'"),
    ("-5", "SOURCE_DATE_EPOCH must be a number of seconds since 1970, found '-5'"),
    ("9" * 30, f"SOURCE_DATE_EPOCH is out of range: {'9' * 30}"),
])
def test_bad_source_date_epoch_is_reported(tmp_path, monkeypatch, value, message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(AssessError, match=re.escape(message)):
        build(BANKS["small"], tmp_path / "site")
    result = run("build", "--bank", BANKS["small"], "-d", tmp_path / "site")
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")
    assert not (tmp_path / "site").exists()
