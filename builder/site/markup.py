"""Bank Markdown to safe HTML: python-markdown, then an nh3 allow-list.

Most bank text is plain sentences; those skip the Markdown parser entirely
(it dominates build time on large banks) and are only escaped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: characters that can start Markdown syntax or HTML, entities, and hard line
#: breaks (two spaces before a newline). A bare "&" (as in "R&D") comes out the
#: same either way, so it does not cost a Markdown run (#8).
SYNTAX = re.compile(r"[\\`*_\[\]<>#!|~]|&#?\w+;| {2,}\n|^\s*([-+]|\d+[.)])\s|^\s{4}|\n\s*\n|^=+$|^-+$", re.M)

_converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    if not SYNTAX.search(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    return render_with_parser(text)


def render_with_parser(text: str) -> Markup:
    html = _converter.reset().convert(text)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer")
    return Markup(clean)


def render_inline(text: str) -> Markup:
    """Markdown for one line: the same rules, without the wrapping paragraph."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


@dataclass(frozen=True)
class Lead:
    first: Markup  # the first block: a paragraph, or whatever the text starts with
    rest: Markup  # everything after it (may be empty)


def lead(html: Markup) -> Lead:
    """Rendered Markdown split after its first paragraph: the start page shows
    that above the start button and the rest further down."""
    text = str(html)
    end = text.find("</p>") + len("</p>") if text.startswith("<p>") else -1
    if end < len("</p>"):
        return Lead(Markup(text), Markup(""))
    return Lead(Markup(text[:end]), Markup(text[end:].lstrip("\n")))
