"""The site config (assessment.yml) and themes: what reaches the built pages,
and the exact messages for every mistake."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jsonschema
import pytest
import yaml
from support.cli import run
from support.html import parse_page, tree
from support.paths import BANKS, FIXTURES, ROOT, SMALL_BANK

from builder.commands.build import build, load_project, watched_paths
from builder.commands.schema import bank_schema
from builder.errors import AssessError, BankError
from builder.site import theme
from builder.site.brand import contrast

SITES = FIXTURES / "sites"
BRANDED = SITES / "branded"
PAGES = ["index.html", "404.html", "en/index.html", "en/quiz.html", "en/results.html", "en/method.html"]



def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("branded") / "site"
    build(SMALL_BANK, site, config_file=BRANDED / "assessment.yml")
    return site


def project_copy(tmp_path: Path, config: str, bank: Path = SMALL_BANK) -> Path:
    """A project folder: a copy of `bank` as questions/ and `config` as assessment.yml."""
    shutil.copytree(bank, tmp_path / "questions")
    (tmp_path / "assessment.yml").write_text(config, encoding="utf-8")
    return tmp_path


# --- What reaches the pages -----------------------------------------------------------------------

def test_brand_colours_and_font_arrive_as_a_stylesheet(branded_site):
    css = (branded_site / "static" / "css" / "brand.css").read_text(encoding="utf-8")
    assert "@media (prefers-color-scheme: light) { :root { --primary: #0b5394; --accent: #b45f06; } }" in css
    assert "@media (prefers-color-scheme: dark) { :root { --primary: #9fc5e8; --accent: #f6b26b; } }" in css
    assert ':root { --font: "Fira Sans", system-ui, sans-serif; }' in css
    for page in PAGES:
        sheets = re.findall(r'<link rel="stylesheet" href="([^"?]+)', html(branded_site, page))
        names = [Path(s).name for s in sheets]
        assert names[:2] == ["site.css", "brand.css"], (page, names)  # brand after site: it overrides
        assert 'style="' not in html(branded_site, page), "the CSP forbids inline styles"


def test_logo_is_copied_and_named_by_the_site_title(branded_site):
    assert (branded_site / "static" / "brand" / "logo.svg").read_bytes() == (BRANDED / "logo.svg").read_bytes()
    for page in ["index.html", "en/quiz.html"]:
        assert re.search(r'<a class="brand" href="index.html"><img src="[./]*static/brand/logo\.svg\?v=\w+" '
                         r'alt="Example Shop"></a>', html(branded_site, page)), page
    assert '<img src="/shop/static/brand/logo.svg?v=' in html(branded_site, "404.html"), "404 links from base_url"


def test_footer_links_and_text_on_every_page(branded_site):
    for page in PAGES:
        text = html(branded_site, page)
        footer = text[text.index('<footer class="site-footer">'):]
        assert '<li><a href="https://example.com/imprint">Imprint</a></li>' in footer, page
        assert '<li><a href="https://example.com/privacy">Privacy policy</a></li>' in footer, page
        assert '<nav aria-label="Legal">' in footer, page
        assert ('<div class="footer-text"><p>© Example Shop · <a href="https://example.com/contact" '
                'rel="noopener noreferrer">Contact</a></p></div>') in footer, page


def test_theme_overrides_blocks_static_files_and_ui_strings(branded_site):
    assert (branded_site / "static" / "css" / "theme.css").read_text() == ".theme-note { font-style: italic; }\n"
    for page in PAGES:
        text = html(branded_site, page)
        assert '<p class="theme-note">Run by the Example Shop team.</p>' in text, page
        title = "How does the shop treat its customers?"  # the small bank's title
        assert f'<div class="theme-bank">{title} / {title} / <p>{title}</p></div>' in text, "|tr, tr() and md()"
        assert re.search(r'<link rel="stylesheet" href="[\w./]*static/css/theme\.css\?v=\w+"></head>', text), page
        built_in = ('<a href="en/privacy.html" hreflang="en" lang="en">Privacy</a>' if page == "index.html" else
                    '<a href="/shop/en/privacy.html" hreflang="en" lang="en">Privacy</a>' if page == "404.html" else
                    '<p>Your answers stay in your browser.</p>')
        assert built_in in text, f"{page}: {{{{ super() }}}} keeps the built-in footer text"
        assert '<p class="collect-url">https://forms.example.com/assess?code={code}</p>' in text, "config.collect_url"
    assert '<a class="button primary start" href="quiz.html">Begin the shop check</a>' in html(branded_site,
                                                                                              "en/index.html")
    assert "Questionnaire" in html(branded_site, "en/quiz.html"), "strings the theme leaves alone stay"


def test_base_url_comes_from_the_config_and_the_flag_wins(branded_site, tmp_path):
    assert 'href="/shop/en/index.html"' in html(branded_site, "404.html")
    site = tmp_path / "site"
    result = run("build", "--bank", SMALL_BANK, "--config", BRANDED / "assessment.yml", "-d", site,
                 "--base-url", "/elsewhere/")
    assert result.exit_code == 0, result.output
    assert 'href="/elsewhere/en/index.html"' in html(site, "404.html")


def test_without_a_config_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no assessment.yml here
    assert run("build", "--bank", SMALL_BANK, "-d", "site").exit_code == 0
    site = tmp_path / "site"
    assert not (site / "static" / "css" / "brand.css").exists() and not (site / "static" / "brand").exists()
    start, quiz = html(site, "en/index.html"), html(site, "en/quiz.html")
    assert '<a class="brand" href="index.html">How does the shop treat its customers?</a>' in quiz
    assert 'class="brand"' in start and "How does the shop treat its customers?</a>" not in start, \
        "the start page's heading is the title: the header does not repeat it"
    assert "brand.css" not in start and 'aria-label="Legal"' not in start
    assert "<header" not in html(site, "index.html"), "the root page shows a header only for a branded site"


def test_assessment_yml_in_the_working_folder_is_found(tmp_path, monkeypatch):
    project = project_copy(tmp_path, "title: Found it\n")
    monkeypatch.chdir(project)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert '<a class="brand" href="index.html">Found it</a>' in html(project / "site", "en/index.html")
    assert run("validate").stdout.endswith("; 2 examples pass; config assessment.yml\n")


def test_per_language_values(tmp_path):
    project = project_copy(tmp_path, (
        "title: {de: Beispiel GmbH, en: Example Ltd}\n"
        "imprint_url: {de: https://example.com/impressum, en: https://example.com/imprint}\n"
        "privacy_url: https://example.com/privacy\n"
    ), bank=BANKS["default"])
    build(project / "questions", project / "site", config_file=project / "assessment.yml")
    de, en = html(project / "site", "de/index.html"), html(project / "site", "en/index.html")
    assert '<a class="brand" href="index.html">Beispiel GmbH</a>' in de
    assert '<li><a href="https://example.com/impressum">Impressum</a></li>' in de
    assert '<li><a href="https://example.com/privacy">Datenschutzerklärung</a></li>' in de
    assert '<a class="brand" href="index.html">Example Ltd</a>' in en
    assert '<li><a href="https://example.com/imprint">Imprint</a></li>' in en
    assert '<header class="site-header">' in html(project / "site", "index.html"), "a titled site brands its root"


def test_a_config_of_only_comments_means_defaults(tmp_path):
    project = project_copy(tmp_path, "# nothing set yet\n# title: Later\n")
    assert run("validate", "--bank", project / "questions", "--config", project / "assessment.yml").exit_code == 0


@pytest.mark.parametrize("footer, shown", [
    ("**bold** [x](javascript:alert(1)) <script>alert(1)</script>",
     '<strong>bold</strong> <a rel="noopener noreferrer">x</a>'),
    # CommonMark: a line that opens with <script> is raw HTML, its Markdown left as text
    ("<script>alert(1)</script> [x](javascript:alert(1)) **bold**", "[x](javascript:alert(1)) **bold**</div>"),
])
def test_footer_markdown_is_sanitized(tmp_path, footer, shown):
    project = project_copy(tmp_path, f'footer: "{footer}"\n')
    build(project / "questions", project / "site", config_file=project / "assessment.yml")
    page = html(project / "site", "en/index.html")
    assert "<script>alert" not in page
    assert shown in page
    parsed = parse_page(project / "site" / "en" / "index.html")
    assert parsed.handlers() == [] and not [url for _, url in parsed.urls() if "javascript:" in url.lower()]


# --- Mistakes -------------------------------------------------------------------------------------

def test_every_config_mistake_is_reported_with_its_line(monkeypatch):
    monkeypatch.chdir(SITES)
    result = run("validate", "--bank", SMALL_BANK, "--config", "broken-config/assessment.yml")
    assert result.exit_code == 1
    where = "broken-config/assessment.yml"
    assert result.stderr == "".join(f"{where}:{line}\n" for line in [
        "2: language 'fr' is not in the bank's languages (en)",
        "3: 'https://example.com/shop/' is not a valid base URL: use the URL path the site is served under, "
        "e.g. /my-repo/",
        "5: logo 'missing.svg' not found: broken-config/missing.svg is not a file",
        '6: expected a colour such as "#1d4ed8", found nothing; put the colour in quotes: '
        "a bare # starts a YAML comment",
        "7: '#12345' is not a valid colour: use #rgb or #rrggbb, e.g. \"#1d4ed8\"",
        "8: 'Fira Sans; } body { color: red' is not a valid font stack: list font names separated by commas, "
        'e.g. "Source Sans 3", system-ui, sans-serif',
        "9: unknown key 'colour'",
        "10: theme folder 'themes' not found: broken-config/themes is not a folder",
        "11: collect URL must contain {code}, where the result code goes",
        "12: 'ftp://example.com/imprint' is not a valid imprint URL: use a full address starting with https://",
        "13: 'example.com/privacy' is not a valid privacy policy URL: use a full address starting with https://",
        "14: footer text must not be empty",
        "15: unknown key 'titel' (did you mean 'title'?)",
    ]) + "Error: 13 problems found\n"
    assert "Traceback" not in result.output


def test_build_reports_config_and_bank_problems_together(tmp_path, monkeypatch):
    project = project_copy(tmp_path, "brand:\n  primary: red\n")
    (project / "questions" / "questions.yml").write_text("questions: [", encoding="utf-8")
    monkeypatch.chdir(project)
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        "assessment.yml:2: 'red' is not a valid colour: use #rgb or #rrggbb, e.g. \"#1d4ed8\"\n"
        "questions/questions.yml:1: YAML syntax error: the list opened with '[' on line 1 is not closed with ']' "
        "(or a ',' is missing); put text that starts with [ in quotes\n"
        "Error: 2 problems found\n"
    )
    assert not (project / "site").exists()


def test_missing_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in ("validate", "build"):
        result = run(command, "--bank", SMALL_BANK, "--config", "nowhere.yml")
        assert (result.exit_code, result.stderr) == (1, "Error: config file not found: nowhere.yml\n")


def test_missing_translation_in_the_config(tmp_path, monkeypatch):
    project = project_copy(tmp_path, "footer: {de: Nur Deutsch}\n", bank=BANKS["default"])
    monkeypatch.chdir(project)
    result = run("validate")
    assert (result.exit_code, result.stderr) == (1, "assessment.yml:1: missing translation for 'en'\n"
                                                    "Error: 1 problem found\n")


@pytest.mark.parametrize("colours, message", [
    ('primary: "#ffcc00"', "2: #ffcc00 on the background #ffffff has a contrast of 1.5:1; "
                           "links and buttons need at least 4.5:1"),
    ('accent: "#eee"', "2: #eee on the background #ffffff has a contrast of 1.2:1; focus outlines need at least 3:1"),
    ('dark: {primary: "#1d4ed8"}', "2: #1d4ed8 on the background #0d1117 has a contrast of 2.8:1; "
                                   "links and buttons need at least 4.5:1"),
])
def test_hard_to_read_colours_warn_and_fail_when_strict(tmp_path, monkeypatch, colours, message):
    project = project_copy(tmp_path, f"brand:\n  {colours}\n")
    monkeypatch.chdir(project)
    relaxed = run("validate")
    assert relaxed.exit_code == 0, relaxed.output
    assert relaxed.stderr == f"assessment.yml:{message.replace(': ', ': warning: ', 1)}\n"
    strict = run("build", "--strict")
    assert (strict.exit_code, strict.stderr) == (1, f"assessment.yml:{message}\nError: 1 problem found\n")


def test_contrast_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#1d4ed8", "#ffffff") == pytest.approx(6.70, abs=0.01)  # site.css's own primary passes
    assert contrast("#777777", "#777") == 1


def test_large_logo_warns_and_odd_files_are_refused(tmp_path, monkeypatch):
    project = project_copy(tmp_path, "brand: {logo: big.png}\n")
    (project / "big.png").write_bytes(b"\x89PNG" + bytes(20_000))
    (project / "logo.bmp").write_bytes(b"BM")
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.exit_code == 0
    assert result.stderr == ("assessment.yml:1: warning: the logo is 20,004 bytes and every page loads it; "
                             "keep it under 10,000 (an SVG usually is)\n")
    Path("assessment.yml").write_text("brand: {logo: logo.bmp}\n")
    result = run("validate")
    assert result.stderr == ("assessment.yml:1: logo 'logo.bmp' must be one of: svg, png, jpg, jpeg, webp, gif\n"
                             "Error: 1 problem found\n")


# --- Themes ---------------------------------------------------------------------------------------

def theme_project(tmp_path: Path, files: dict[str, str]) -> Path:
    project = project_copy(tmp_path, "theme_dir: theme\n")
    for name, text in files.items():
        (project / "theme" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "theme" / name).write_text(text, encoding="utf-8")
    return project


def test_a_theme_page_template_replaces_the_built_in_one(tmp_path):
    project = theme_project(tmp_path, {
        "method.html": '{% extends "base.html" %}\n{% block content %}<h1>Our own method page</h1>{% endblock %}\n',
    })
    build(project / "questions", project / "site", config_file=project / "assessment.yml")
    method = html(project / "site", "en/method.html")
    assert "<h1>Our own method page</h1>" in method and "How scoring works</a>" in method
    assert "<h1>Our own method page</h1>" not in html(project / "site", "en/quiz.html")


@pytest.mark.parametrize("files, message", [
    ({"base.html": '{% extends "builtin/base.html" %}\n{% block head %}{% if %}{% endblock %}\n'},
     "theme/base.html:2: template syntax error: Expected an expression, got 'end of statement block'"),
    ({"base.html": '{% extends "builtin/base.html" %}\n\n{% block head %}{{ nothing.here }}{% endblock %}\n'},
     "theme/base.html:3: template error while rendering start.html: 'nothing' is undefined"),
    ({"i18n/en.yml": "start_button: Go\nstrat_button: Go\n"},
     "theme/i18n/en.yml:2: unknown UI string 'strat_button'"),
])
def test_theme_mistakes_name_file_and_line(tmp_path, monkeypatch, files, message):
    project = theme_project(tmp_path, files)
    monkeypatch.chdir(project)
    result = run("build")
    assert (result.exit_code, result.stderr) == (1, f"{message}\nError: 1 problem found\n")
    assert not (project / "site").exists()


def test_a_theme_mistake_reads_the_same_when_templates_compile_in_the_background(tmp_path):
    """The command line compiles the templates in a child while the bank loads
    (commands/build.py); a theme template that does not compile is still
    reported by the load, with its file and line."""
    project = theme_project(tmp_path, {"base.html": '{% extends "builtin/base.html" %}\n{% block head %}{% if %}'
                                                    '{% endblock %}\n'})
    result = subprocess.run([sys.executable, "-m", "builder", "build"], cwd=project, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (1, "theme/base.html:2: template syntax error: Expected an "
                                                     "expression, got 'end of statement block'\n"
                                                     "Error: 1 problem found\n")
    assert not (project / "site").exists()


def test_compiled_templates_are_every_page_and_partial_of_builtin_and_theme(tmp_path, monkeypatch):
    project = theme_project(tmp_path, {
        "method.html": '{% extends "base.html" %}{% block content %}ours{% endblock %}',
        "broken.html": "{% if %}",
        "static/page.html": "{% if %}",
    })
    monkeypatch.setattr(theme.COMPILED_TEMPLATES, "code", {})
    code = theme.compiled_templates(ROOT / "site_src", project / "theme")
    templates = theme.template_environment(ROOT / "site_src" / "templates", project / "theme")
    names = sorted(p.name for p in (ROOT / "site_src" / "templates").glob("*.html"))
    assert len(code) == len(names), "the theme's method.html in place of the built-in one, broken.html left out"
    monkeypatch.setattr(theme.COMPILED_TEMPLATES, "code", {})
    theme.use_compiled_templates(code)
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    for name in names:
        assert templates.get_template(name).filename == str(
            (project / "theme" if name == "method.html" else ROOT / "site_src" / "templates") / name)


def test_serve_watches_the_config_and_the_theme(tmp_path):
    config = BRANDED / "assessment.yml"
    watched = watched_paths(SMALL_BANK, config)
    assert set(watched) >= {SMALL_BANK, config, BRANDED / "theme", BRANDED / "logo.svg"}
    assert Path("assessment.yml") in watched_paths(SMALL_BANK, Path("assessment.yml")), "watched before it exists"


def test_builds_never_replace_the_theme(tmp_path):
    project = theme_project(tmp_path, {"static/x.css": ""})
    with pytest.raises(AssessError, match="refusing to write into .*theme: it contains .*theme"):
        build(project / "questions", project / "theme", config_file=project / "assessment.yml")
    assert tree(project / "theme") == {"static/x.css": b""}


def test_load_project_collects_warnings_of_bank_and_config(tmp_path):
    project = project_copy(tmp_path, 'brand: {primary: "#ffcc00"}\n', bank=FIXTURES / "banks" / "warnings")
    bank = load_project(project / "questions", project / "assessment.yml")
    assert len(bank.warnings) == 4 and all(p.warning for p in bank.warnings)
    with pytest.raises(BankError) as failure:
        load_project(project / "questions", project / "assessment.yml", strict=True)
    assert len(failure.value.problems) == 4


# --- Editor support -------------------------------------------------------------------------------

def test_published_config_schema_is_up_to_date_and_valid():
    printed = run("schema", "--file", "config").stdout
    assert (ROOT / "docs" / "assessment.schema.json").read_text(encoding="utf-8") == printed, (
        "regenerate with: python -m builder schema --file config > docs/assessment.schema.json")
    validator = jsonschema.Draft202012Validator(bank_schema("config"))
    validator.check_schema(validator.schema)
    assert validator.is_valid(yaml.safe_load((BRANDED / "assessment.yml").read_text(encoding="utf-8")))

    def messages(errors) -> set[str]:
        return {m for e in errors for m in {e.message} | messages(e.context or [])}

    broken = yaml.safe_load((SITES / "broken-config" / "assessment.yml").read_text(encoding="utf-8"))
    found = messages(validator.iter_errors(broken))
    assert "Additional properties are not allowed ('titel' was unexpected)" in found
    assert "'#12345' does not match '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$'" in found
    assert "'https://forms.example.com/assess' does not match '^https?://\\\\S*\\\\{code\\\\}\\\\S*$'" in found
