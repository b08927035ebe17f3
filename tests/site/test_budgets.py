"""Page weight budgets (#8, revised in #13): the participant's path (start,
quiz, results), with everything each page loads, fits the first TCP round trip
(14,600 bytes gzipped, of which at most 10 KB JavaScript); every other page
(method, team, the report pages) stays within 28,000. Measured by
tests/support/pageweight.py, the same code the benchmark reports with; one test per
page the build produces, whatever pages there are."""
from __future__ import annotations

import gzip
import random

import pytest
from support.pageweight import (
    PAGE_BUDGET,
    PARTICIPANT_BUDGET,
    PARTICIPANT_JS_BUDGET,
    MeasureError,
    budget_of,
    over_budget,
    page_weight,
    site_weights,
)
from support.sites import site_pages as built_pages

BANK = "default"  # served under /default/ (conftest), which its 404 page links from
BASE_URL = f"/{BANK}/"


@pytest.mark.parametrize("page_name", built_pages(BANK))
def test_page_fits_the_budgets(built_sites, page_name):
    problems = over_budget([page_weight(built_sites / BANK, page_name, BASE_URL)])
    assert not problems, "\n".join(problems)


def test_every_kind_of_page_is_measured():
    assert {"index.html", "404.html", "en/index.html", "en/quiz.html", "de/results.html"} <= set(built_pages(BANK))


def test_a_page_loads_its_stylesheets_and_one_script(built_sites):
    """A page script comes bundled with the modules it imports (builder/site/bundle.py)."""
    site = built_sites / BANK
    paths = [r.path for r in page_weight(site, "en/quiz.html", BASE_URL).resources]
    assert paths == ["en/quiz.html", "static/css/site.css", "static/favicon.svg", "static/css/quiz.css",
                     "static/js/pages/quiz.js", "static/js/pages/segment.js"]  # the bank asks for a group
    results = [r.path for r in page_weight(site, "en/results.html", BASE_URL).resources if r.kind == "js"]
    assert results == ["static/js/pages/results.js"]
    assert "function storageKey(" in (site / "static/js/pages/results.js").read_text(), "ui/state.js, bundled"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def write(root, files: dict[str, str]):
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_weight_counts_each_loaded_file_once_gzipped(tmp_path):
    files = {
        "en/page.html": '<link rel="stylesheet" href="../s/site.css?v=1"><link rel="icon" href="/s/i.svg">'
                        '<a href="other.html">x</a><script type="application/json">{"a": 1}</script>'
                        '<script type="module" src="../s/a.js?v=2"></script><img src="data:image/png;base64,AA">',
        "en/other.html": "never loaded by page.html",
        "s/site.css": '@import "extra.css"; body { background: url("bg.svg") }',
        "s/extra.css": "p { color: red }",
        "s/bg.svg": "<svg/>",
        "s/i.svg": "<svg></svg>",
        "s/a.js": 'import { b } from "./b.js";\nimport {\n  c,\n} from "./c.js";\nexport * from "./b.js";\n'
                  'const later = () => import("./lazy.js");\n/** @param {import("./types.js").T} t */\n',
        "s/b.js": 'import "./c.js";\nexport const b = 1;\n',
        "s/c.js": "export const c = 2;\n",
        "s/lazy.js": "export const lazy = 3;\n",
    }
    write(tmp_path, files)
    weight = page_weight(tmp_path, "en/page.html")
    counted = ["en/page.html", "s/site.css", "s/i.svg", "s/a.js", "s/extra.css", "s/bg.svg", "s/b.js", "s/c.js",
               "s/lazy.js"]
    assert sorted(r.path for r in weight.resources) == sorted(counted)
    assert weight.total == sum(gz(files[path].encode()) for path in counted)
    assert weight.js == sum(gz(files[path].encode()) for path in ("s/a.js", "s/b.js", "s/c.js", "s/lazy.js"))


def test_the_participants_path_has_the_tight_budget():
    for page in ("index.html", "en/index.html", "de/quiz.html", "en/results.html"):
        assert budget_of(page) == (PARTICIPANT_BUDGET, PARTICIPANT_JS_BUDGET), page
    for page in ("404.html", "en/team.html", "de/method.html", "en/next.html", "en/privacy.html"):
        assert budget_of(page) == (PAGE_BUDGET, None), page


def test_over_budget_names_the_page_and_the_bytes_over(tmp_path):
    noise = random.Random("noise").randbytes(12_000)  # incompressible: gzipped a little more
    app, more = '<script src="../app.js"></script>', '<script src="../more.js"></script>'
    write(tmp_path, {"en/quiz.html": app, "en/team.html": app + more, "en/method.html": app})
    (tmp_path / "app.js").write_bytes(noise)
    (tmp_path / "more.js").write_bytes(random.Random("more").randbytes(20_000))
    weights = {w.page: w for w in site_weights(tmp_path)}
    quiz, team = weights["en/quiz.html"], weights["en/team.html"]
    assert over_budget([quiz]) == [
        f"en/quiz.html: loads {quiz.js:,} bytes of JavaScript gzipped, {quiz.js - PARTICIPANT_JS_BUDGET:,} over the "
        f"{PARTICIPANT_JS_BUDGET:,} JS budget ({quiz.breakdown()})"]
    assert over_budget([weights["en/method.html"]]) == [], "other pages: no JavaScript budget of their own"
    assert team.total > PAGE_BUDGET
    assert over_budget([team]) == [f"en/team.html: {team.total:,} bytes gzipped, {team.total - PAGE_BUDGET:,} over the "
                                   f"{PAGE_BUDGET:,} page budget ({team.breakdown()})"]


@pytest.mark.parametrize(("html", "message"), [
    ('<script src="missing.js"></script>', "page.html: loads missing.js, which is not in the site"),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">',
     "page.html: page.html loads https://cdn.example/x.css from another origin"),
    ('<script src="//cdn.example/x.js"></script>', "page.html: page.html loads //cdn.example/x.js from another origin"),
])
def test_missing_or_foreign_resources_are_errors(tmp_path, html, message):
    write(tmp_path, {"page.html": html})
    with pytest.raises(MeasureError) as error:
        page_weight(tmp_path, "page.html")
    assert str(error.value) == message


def test_a_site_under_a_sub_path_is_measured_from_there(tmp_path):
    write(tmp_path, {"404.html": '<link rel="stylesheet" href="/repo/static/site.css">', "static/site.css": "p{}"})
    assert [r.path for r in page_weight(tmp_path, "404.html", "/repo/").resources] == ["404.html", "static/site.css"]
    with pytest.raises(MeasureError, match="outside the site at /other/"):
        page_weight(tmp_path, "404.html", "/other/")
