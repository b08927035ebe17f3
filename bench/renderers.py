"""Markdown renderers side by side (#18), to choose the one assess uses.

For each candidate: the CPU time to render every Markdown text of the
10,000-question Markdown-heavy bank (help and hints, de and en) and sanitize
it with assess's own nh3 allow-list, as a build does; and the share of the
CommonMark spec's examples (commonmark-spec from npm) it renders as the spec
says. The candidates, pinned in CANDIDATES, are installed with pip into
bench/python-packages (git-ignored) on first use, never into the environment
the tests check against the lock; they are measured in a separate process
that puts that folder first on its path.

    python bench/renderers.py BANK_DIR     # the measurements as JSON
"""
from __future__ import annotations

import html
import json
import os
import re
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PACKAGES = BENCH / "python-packages"
SPEC = BENCH / "node_modules" / "commonmark-spec" / "spec.txt"

# Each function returns the candidate's function from Markdown to HTML, with
# raw HTML passed on (as the spec wants it; nh3 removes it afterwards). They
# import the candidate when called, in the measuring process.

def python_markdown():
    import markdown

    converter = markdown.Markdown(extensions=["sane_lists"])
    return lambda text: converter.reset().convert(text)


def markdown_it_py():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render


def mistune():
    import mistune

    return mistune.create_markdown(escape=False)


def mistletoe():
    import mistletoe

    return mistletoe.markdown


def marko():
    import marko

    return marko.Markdown().convert


def cmarkgfm():
    from cmarkgfm import cmark

    return lambda text: cmark.markdown_to_html(text, cmark.Options.CMARK_OPT_UNSAFE)


def markdown_it_pyrs():
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").render


def pyromark():
    import pyromark

    return pyromark.html


#: name -> (pinned requirement, what it is written in, its function); Python-Markdown is what assess used before #18
CANDIDATES = {
    "Python-Markdown": ("markdown==3.11.3", "pure Python", python_markdown),
    "markdown-it-py": ("markdown-it-py==4.3.0", "pure Python", markdown_it_py),
    "mistune": ("mistune==3.4.0", "pure Python", mistune),
    "mistletoe": ("mistletoe==1.6.0", "pure Python", mistletoe),
    "marko": ("marko==2.2.4", "pure Python", marko),
    "cmarkgfm": ("cmarkgfm==2025.10.22", "C (cmark-gfm)", cmarkgfm),
    "markdown-it-pyrs": ("markdown-it-pyrs==0.4.0", "Rust (markdown-it.rs)", markdown_it_pyrs),
    "pyromark": ("pyromark==0.10.3", "Rust (pulldown-cmark)", pyromark),
}
#: what builder/site/markup.py uses
CHOSEN = "pyromark"
RUNS = 3


def install() -> str | None:
    """pip-install the candidates into bench/python-packages if needed; returns why not, or None."""
    wanted = [requirement for requirement, _, _ in CANDIDATES.values()]
    marker = PACKAGES / "installed.txt"
    if marker.is_file() and marker.read_text(encoding="utf-8").split() == wanted:
        return None
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "--upgrade", "--target", str(PACKAGES), *wanted], capture_output=True, text=True,
                            env={**os.environ, "PIP_CONSTRAINT": ""})
    if result.returncode != 0:
        return f"pip failed: {result.stderr.strip().splitlines()[-1:]}"
    marker.write_text("\n".join(wanted) + "\n", encoding="utf-8")
    return None


def measure(bank_dir: Path) -> dict[str, dict]:
    """The measurements of every candidate, from a separate process (see the module's docstring)."""
    result = subprocess.run([sys.executable, __file__, str(bank_dir)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


# --- In the measuring process --------------------------------------------------

def markdown_texts(bank_dir: Path) -> list[str]:
    from builder.bank.load import load

    bank, _ = load(bank_dir)
    return [text for q in bank.questions for field in (q.help, q.improve) if field for text in field.values()]


def spec_examples() -> list[tuple[str, str]]:
    """(Markdown, HTML) of each example in the CommonMark spec; → stands for a tab there."""
    text = SPEC.read_text(encoding="utf-8").split("<!-- END TESTS -->")[0]
    fence = "`" * 32
    pattern = re.compile(rf"^{fence} example\n(.*?)^\.\n(.*?)^{fence}$", re.M | re.S)
    return [(m[1].replace("→", "\t"), m[2].replace("→", "\t")) for m in pattern.finditer(text)]


BLOCK_TAGS = {"address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt", "fieldset",
              "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
              "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
              "ul", "br"}


class Normalized(HTMLParser):
    """HTML in one form, as the spec's own test runner compares it: attributes
    sorted, entities decoded, whitespace collapsed and dropped around block tags
    (except in <pre>), `<br />` as `<br>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_pre = 0

    def tag(self, tag: str, attrs, closing: bool = False) -> None:
        if tag in BLOCK_TAGS and self.parts and not self.in_pre:
            self.parts[-1] = self.parts[-1].rstrip()
        attributes = "".join(f' {name}="{html.escape(value or "")}"' for name, value in sorted(attrs))
        self.parts.append(f"<{'/' if closing else ''}{tag}{attributes}>")
        self.in_pre += (tag == "pre") * (-1 if closing else 1)

    def handle_starttag(self, tag, attrs):
        self.tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.tag(tag, attrs)

    def handle_endtag(self, tag):
        self.tag(tag, [], closing=True)

    def handle_data(self, data):
        if not self.in_pre:
            data = re.sub(r"\s+", " ", data)
            if self.parts and self.parts[-1].startswith("<") and self.parts[-1].strip("</>").split()[0] in BLOCK_TAGS:
                data = data.lstrip()
        self.parts.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        self.parts.append(f"<!--{data}-->")

    @classmethod
    def of(cls, text: str) -> str:
        parser = cls()
        parser.feed(text)
        parser.close()
        return "".join(parser.parts).strip()


def conformance(render, examples: list[tuple[str, str]]) -> int:
    passed = 0
    for markdown, expected in examples:
        try:
            passed += Normalized.of(render(markdown)) == Normalized.of(expected)
        except Exception:  # a renderer that fails on an example does not pass it
            pass
    return passed


def main(bank_dir: Path) -> None:
    sys.path.insert(0, str(PACKAGES))
    from builder.site.markup import SANITIZER

    texts, examples = markdown_texts(bank_dir), spec_examples() if SPEC.is_file() else []
    results = {}
    for name, (requirement, kind, factory) in CANDIDATES.items():
        render = factory()
        times = []
        for _ in range(RUNS):
            start = time.process_time()
            for text in texts:
                SANITIZER.clean(render(text))
            times.append(time.process_time() - start)
        results[name] = {"version": requirement.split("==")[1], "kind": kind, "texts": len(texts),
                         "seconds": statistics.median(times), "passed": conformance(render, examples),
                         "examples": len(examples)}
    print(json.dumps(results))


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH.parent))
    main(Path(sys.argv[1]))
