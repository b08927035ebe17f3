"""`assess build`: what lands on disk, and what never does."""
from __future__ import annotations

import gc
import json
import re
import shutil
import weakref

import pytest
from support.cli import run
from support.genbank import generate_bank
from support.html import parse_page, tree
from support.paths import BANKS, FIXTURES, HOSTILE_BANK

from builder.commands import build as build_module
from builder.commands.build import build
from builder.errors import AssessError, BankError
from builder.site import render as render_module

BRANDED_SITE = FIXTURES / "sites" / "branded"
RICH_TAG = re.compile(r"<(?:svg|img|details)\b[^>]*>")


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("default") / "site"
    build(BANKS["default"], site)
    return site


def test_one_folder_per_language_and_github_pages_files(default_site):
    pages = {p for p in tree(default_site) if p.endswith(".html")}
    per_language = {"index.html", "quiz.html", "results.html", "keep.html", "next.html", "hints.html", "compare.html",
                    "method.html", "team.html", "privacy.html"}
    assert pages == {"index.html", "404.html"} | {f"{lang}/{p}" for lang in ("de", "en") for p in per_language}
    assert (default_site / ".nojekyll").read_bytes() == b""


@pytest.mark.parametrize("page_name", ["results", "keep", "next", "hints", "compare", "method"])
def test_result_pages_inline_the_scoring_model(default_site, banks, page_name):
    (data,) = parse_page(default_site / "en" / f"{page_name}.html").json_blocks()
    assert data["model"] == json.loads(json.dumps(banks["default"].scoring_model))
    assert set(data["text"]) >= {"link_invalid", "other_bank"}, "a shared link that cannot be shown is explained"
    if "levels" in data:
        assert data["levels"]["obsessed"] == banks["default"].levels[-1].title["en"]


def test_a_bank_without_hints_gets_no_hints_page_and_no_link_to_one(tmp_path):
    build(BANKS["small"], tmp_path / "site")  # no question has an improve: text
    pages = list((tmp_path / "site").rglob("*.html"))
    assert (tmp_path / "site" / "en" / "next.html") in pages and (tmp_path / "site" / "en" / "hints.html") not in pages
    assert [page for page in pages if "hints.html" in page.read_text(encoding="utf-8")] == []


def test_hostile_bank_text_stays_inert(tmp_path):
    site, harmless = tmp_path / "site", tmp_path / "harmless"
    build(HOSTILE_BANK, site)
    # the templates' own <svg> and <details>, with harmless bank text (the default bank has every page, hints too)
    build(BANKS["default"], harmless)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parsed = parse_page(page)
        assert parsed.handlers() == [], page
        assert not [u for _, u in parsed.urls() if u.lower().startswith(("javascript:", "data:"))], page
        assert "<script>" not in html and "<iframe" not in html and "<style>" not in html, page
        template_tags = set(RICH_TAG.findall((harmless / page.relative_to(site)).read_text(encoding="utf-8")))
        assert set(RICH_TAG.findall(html)) <= template_tags, page
    hints = (site / "en" / "hints.html").read_text(encoding="utf-8")
    assert "Try <strong>harder</strong>" in hints, "Markdown still renders after sanitizing"
    # CommonMark: a line opening with <script> is a block of raw HTML, its Markdown not read
    quiz = (site / "en" / "quiz.html").read_text(encoding="utf-8")
    assert '<div class="help" id="help-q1">Help **text**</div>' in quiz


def test_a_template_edited_between_two_builds_of_one_process_renders_anew(tmp_path):
    """Compiled templates are kept for the process (assess serve); an edit still counts."""
    site_config = tmp_path / "config"
    shutil.copytree(BRANDED_SITE, site_config)
    config, base = site_config / "assessment.yml", site_config / "theme" / "base.html"
    build(BANKS["small"], tmp_path / "one", config_file=config)
    base.write_text(base.read_text(encoding="utf-8").replace("Example Shop team", "Example Shop crew"),
                    encoding="utf-8")
    build(BANKS["small"], tmp_path / "two", config_file=config)
    assert "Run by the Example Shop team." in (tmp_path / "one" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Run by the Example Shop crew." in (tmp_path / "two" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_markdown_heavy_bank_renders_its_markdown_and_shows_question_texts_as_written(tmp_path):
    build(generate_bank(40, tmp_path / "bank", markdown=True), tmp_path / "site")
    quiz = (tmp_path / "site" / "en" / "quiz.html").read_text(encoding="utf-8")
    hints = (tmp_path / "site" / "de" / "hints.html").read_text(encoding="utf-8")
    assert ('<div class="help" id="help-q00002"><p>Think of the <em>last three months</em> and of '
            "<strong>concrete cases</strong> from area 2, not of mission statements.</p></div>") in quiz
    assert ("<ul>\n<li>What helped <em>most recently</em>?</li>\n<li>What is <strong>still missing</strong>?</li>\n"
            '</ul>\n<p>More in <a href="https://example.org/guide/0" rel="noopener noreferrer">guide 0</a>.</p>'
            ) in quiz
    assert "<ol>\n<li><strong>Zuhören</strong>: ein Kundengespräch pro Woche.</li>" in hints
    assert "decision 1 is driven **first** by what *actually* helps" in quiz, "a question's text is not Markdown"


def test_a_builds_objects_go_to_the_oldest_generation_and_are_collected_there(tmp_path, monkeypatch):
    """After a build, its objects are in the oldest generation (commands/build.py):
    a collection of the young ones does not scan them, a full one collects the
    cycles the build left (assess serve builds again and again)."""

    class Part:
        pass

    left: list[weakref.ref] = []
    real_render = build_module.render

    def render_leaving_a_cycle(*args, **kwargs):
        part = Part()
        part.itself = part
        left.append(weakref.ref(part))
        return real_render(*args, **kwargs)

    monkeypatch.setattr(build_module, "render", render_leaving_a_cycle)
    build(BANKS["small"], tmp_path / "site")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert any(type(thing) is Part for thing in gc.get_objects(generation=2))
    gc.collect(1)
    assert left[0]() is not None, "the young generations are collected without it"
    gc.collect()
    assert left[0]() is None, "a full collection frees the cycle"


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    site = tmp_path / "site"
    build(BANKS["small"], site)
    before = tree(site)
    broken = tmp_path / "broken"
    shutil.copytree(BANKS["small"], broken)
    (broken / "questions.yml").write_text("questions: [", encoding="utf-8")
    with pytest.raises(BankError):
        build(broken, site)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "site"]


def test_error_while_writing_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(BANKS["small"], site)
    before = tree(site)

    def render_then_fail(*args, **kwargs):
        files = real_render(*args, **kwargs)
        files["en/zzz/../../../zzz"] = None  # a write that fails half-way
        return files

    real_render = render_module.render
    monkeypatch.setattr("builder.commands.build.render", render_then_fail)
    with pytest.raises(TypeError):
        build(BANKS["default"], site)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no scratch folder left behind"


def test_foreign_files_survive_unless_clean(tmp_path):
    site = tmp_path / "site"
    build(BANKS["small"], site)
    (site / "CNAME").write_text("assess.example.org\n")
    build(BANKS["small"], site)
    assert (site / "CNAME").read_text() == "assess.example.org\n"
    build(BANKS["small"], site, clean=True)
    assert not (site / "CNAME").exists()
    assert (site / "en" / "quiz.html").is_file()


def test_refuses_to_replace_folders_it_did_not_build(tmp_path, monkeypatch):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me")
    with pytest.raises(AssessError, match=r"is not empty and was not built by assess"):
        build(BANKS["small"], precious)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AssessError, match="refusing to write into"):
        build(BANKS["small"], tmp_path)
    assert (precious / "todo.txt").read_text() == "keep me"


def test_builds_are_byte_identical(tmp_path):
    build(BANKS["default"], tmp_path / "one")
    build(BANKS["default"], tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_language_without_ui_strings_is_reported(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(BANKS["small"], bank)
    text = (bank / "bank.yml").read_text().replace("languages: [en]", "languages: [xx]")
    (bank / "bank.yml").write_text(text + "scale: {xx: [a, b, c, d, e]}\n")
    with pytest.raises(BankError) as failure:
        build(bank, tmp_path / "site")
    (problem,) = failure.value.problems
    assert problem.path.endswith("site_src/i18n/xx.yml")
    assert problem.message == ("no UI strings for language 'xx': create this file from the English ones "
                               "(assess i18n --template xx prints them) and translate it")


def test_cli_build_names_its_own_option_for_the_folder(tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", "--bank", BANKS["small"], "-d", taken)
    assert (result.exit_code, result.stderr) == (1, f"Error: {taken} is not empty and was not built by assess "
                                                    "(no .nojekyll); remove it or choose another -d/--site-dir\n")


def test_cli_build_counts_read_right(tmp_path):
    result = run("build", "--bank", FIXTURES / "banks" / "one-question", "-d", tmp_path / "site")
    assert result.stdout == f"Built {tmp_path / 'site'}/ for en (1 question)\n"


def test_cli_build(tmp_path):
    result = run("build", "--bank", BANKS["small"], "-d", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Built {tmp_path / 'out'}/ for en (5 questions)\n"
    broken = run("build", "--bank", tmp_path / "missing", "-d", tmp_path / "out")
    assert broken.exit_code == 1
    assert broken.stderr == f"Error: bank folder not found: {tmp_path / 'missing'}\n"


def test_a_one_language_site_opens_on_its_start_page(tmp_path, default_site):
    """Nothing to choose: the root page moves straight on (and links there for browsers that do not);
    a site in several languages offers them."""
    def refresh(page) -> list[str]:
        return [e.attrs["content"] for e in page.elements if e.attrs.get("http-equiv") == "refresh"]

    build(BANKS["small"], tmp_path / "site")
    root = parse_page(tmp_path / "site" / "index.html")
    assert refresh(root) == ["0; url=en/index.html"]
    assert "en/index.html" in [url for _, url in root.urls()]
    assert refresh(parse_page(default_site / "index.html")) == []
