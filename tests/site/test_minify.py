"""The comment stripping that serves the site's JS and CSS (builder/minify.py).
The page-weight budgets it helps keep are tested for every page in test_budgets.py."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from builder.resources import bundled
from builder.site.minify import minify, strip_comments

SOURCES = bundled("site_src") / "static"


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
