"""The team page's weight, and the comment stripping that serves the site's JS and CSS.

Budget (docs/team-results.md): a page with everything it loads <= 14,600 bytes
gzipped (one TCP round trip), its JavaScript <= 10,000 bytes gzipped.
"""
from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BANKS

from builder.build import build
from builder.minify import minify, strip_comments
from builder.resources import bundled

IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*["'](\./[\w.-]+\.js)["']""")
SOURCES = bundled("site_src") / "static"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """(everything, JavaScript) gzipped: the page, its stylesheet, its modules and all they import."""
    html = (site / page).read_text(encoding="utf-8")
    refs = [ref.split("?")[0] for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js)[^"]*)"', html)]
    todo = [(site / page).parent / ref for ref in refs]
    seen: set[Path] = set()
    while todo:
        path = todo.pop().resolve()
        if path in seen:
            continue
        seen.add(path)
        if path.suffix == ".js":
            todo += [path.parent / ref for ref in IMPORT.findall(path.read_text(encoding="utf-8"))]
    js = sum(gzipped(p.read_bytes()) for p in seen if p.suffix == ".js")
    return gzipped((site / page).read_bytes()) + sum(gzipped(p.read_bytes()) for p in seen), js


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("weight") / "site"
    build(BANKS["default"], site)
    return site


@pytest.mark.parametrize("lang", ["de", "en"])
def test_team_page_stays_within_the_budget(default_site, lang):
    total, js = page_weight(default_site, f"{lang}/team.html")
    assert js <= 10_000, f"team page JavaScript: {js} bytes gzipped"
    assert total <= 14_600, f"team page: {total} bytes gzipped with everything it loads"


def test_page_weight_follows_imports(default_site):
    """The measure is not fooled: team.js alone is a fraction of what the page loads."""
    total, js = page_weight(default_site, "en/team.html")
    team_js = gzipped((default_site / "static/js/team.js").read_bytes())
    assert js > 2 * team_js and total > js


def test_whole_line_comments_and_indentation_go():
    source = ("/**\n * Doc.\n * @param {number} a\n */\nexport function f(a) {\n  // why\n"
              "  return a / 2; // half\n  /* inline */ const b = '//not a comment';\n}\n")
    assert strip_comments(source, line_comments=True) == (
        "export function f(a) {\nreturn a / 2; // half\nconst b = '//not a comment';\n}\n")
    assert strip_comments("a {\n  /* note */\n  color: red;\n}\n", line_comments=False) == "a {\ncolor: red;\n}\n"


def test_files_with_multi_line_strings_are_served_as_they_are():
    source = "const t = `line one\n  // still the string\n`;\n"
    assert strip_comments(source, line_comments=True) == source
    assert minify("x.svg", b"<svg>\n  <!-- c -->\n</svg>") == b"<svg>\n  <!-- c -->\n</svg>"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_served_modules_still_parse(tmp_path):
    for source in sorted(SOURCES.glob("js/*.js")):
        served = tmp_path / (source.stem + ".mjs")
        served.write_bytes(minify(source.name, source.read_bytes()))
        result = subprocess.run(["node", "--check", str(served)], capture_output=True, text=True)
        assert result.returncode == 0, f"{source.name}: {result.stderr}"
