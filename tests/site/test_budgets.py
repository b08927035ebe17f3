"""Page weight budgets (issue #8): every page of the default bank's site, with
everything it loads, fits the first TCP round trip (14,600 bytes gzipped), and
the JavaScript it loads stays within 10 KB gzipped. Measured by
tests/support/pageweight.py, the same code the benchmark reports with; one test per
page the build produces, whatever pages there are."""
from __future__ import annotations

import gzip

import pytest
from support.pageweight import JS_BUDGET, PAGE_BUDGET, MeasureError, over_budget, page_weight, site_weights
from support.sites import site_pages as built_pages

BANK = "default"  # served under /default/ (conftest), which its 404 page links from
BASE_URL = f"/{BANK}/"


@pytest.mark.parametrize("page_name", built_pages(BANK))
def test_page_fits_the_budgets(built_sites, page_name):
    problems = over_budget([page_weight(built_sites / BANK, page_name, BASE_URL)])
    assert not problems, "\n".join(problems)


def test_every_kind_of_page_is_measured():
    assert {"index.html", "404.html", "en/index.html", "en/quiz.html", "de/results.html"} <= set(built_pages(BANK))


def test_the_quiz_page_is_measured_with_its_modules(built_sites):
    site = built_sites / BANK
    paths = [r.path for r in page_weight(site, "en/quiz.html", BASE_URL).resources]
    assert paths[0] == "en/quiz.html"
    assert {"static/css/site.css", "static/favicon.svg", "static/js/pages/quiz.js",
            "static/js/ui/state.js"} <= set(paths)
    # state.js is reached only through quiz.js's import
    assert "state.js" not in (site / "en/quiz.html").read_text()


def test_the_results_page_is_measured_with_what_it_imports_when_it_runs(built_sites):
    paths = {r.path for r in page_weight(built_sites / BANK, "en/results.html", BASE_URL).resources}
    assert "static/js/rules/codes.js" in paths, "results.js imports it with import() to show the result code"


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


def test_over_budget_names_the_page_and_the_bytes_over(tmp_path):
    write(tmp_path, {"big.html": '<script src="app.js"></script>', "small.html": "<p>hi</p>", "app.js": ""})
    (tmp_path / "app.js").write_bytes(bytes(range(256)) * 50)  # incompressible
    weights = site_weights(tmp_path)
    big = next(w for w in weights if w.page == "big.html")
    problems = over_budget(weights, page_budget=big.total - 10, js_budget=big.js - 3)
    assert len(problems) == 2
    assert problems[0].startswith(f"big.html: {big.total:,} bytes gzipped, 10 over the {big.total - 10:,} page budget")
    assert problems[1].startswith(f"big.html: loads {big.js:,} bytes of JavaScript gzipped, 3 over the ")
    assert over_budget(weights, page_budget=PAGE_BUDGET, js_budget=JS_BUDGET) == []


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
