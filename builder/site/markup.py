"""Bank Markdown to safe HTML: CommonMark (pulldown-cmark, through pyromark),
then an nh3 allow-list.

Most bank text is plain sentences; those skip the Markdown parser and are
only escaped. The rest is rendered by a compiled CommonMark parser and
sanitized by one reusable nh3 Cleaner: Python-Markdown, and nh3.clean()
building its allow-list anew on every call, were most of the build time of a
Markdown-heavy bank (#18). Each distinct text is rendered once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache

import nh3
import pyromark
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: characters that can start Markdown syntax or HTML, entities, hard line
#: breaks (two spaces before a newline), list items (also empty ones), tabs
#: (indented code), setext underlines and blank lines (paragraphs). A bare "&"
#: (as in "R&D") comes out the same either way, so it does not cost a parser run (#8).
SYNTAX = re.compile(r"[\\`*_\[\]<>#!|~\t]|&#?\w+;| {2,}\n|^\s*([-+]|\d+[.)])(\s|$)|^\s{4}|\n\s*\n|^\s*(=+|-+)\s*$",
                    re.M)

#: pure CommonMark: no extension (tables, footnotes, ...) is on
OPTIONS = pyromark.Options(0)
SANITIZER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    if not SYNTAX.search(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    return render_with_parser(text)


def render_with_parser(text: str) -> Markup:
    return Markup(SANITIZER.clean(pyromark.html(text, options=OPTIONS)).strip("\n"))


def render_inline(text: str) -> Markup:
    """Markdown for one line: the same rules, without the wrapping paragraph."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
