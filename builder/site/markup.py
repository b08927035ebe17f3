"""Bank Markdown to safe HTML: CommonMark (pulldown-cmark, through pyromark),
then an nh3 allow-list.

Most bank text is plain sentences; those skip the Markdown parser and are
only escaped. The rest is rendered by a compiled CommonMark parser and
sanitized by one reusable nh3 Cleaner: Python-Markdown, and nh3.clean()
building its allow-list anew on every call, were most of the build time of a
Markdown-heavy bank (#18). Each distinct text is rendered once per process
(for `assess serve`, once per session). Where the sanitizer would keep the
parser's output as it is (no raw HTML, no links), it is not run (`kept_as_is`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import nh3
import pyromark
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: what can make a text Markdown anywhere in it: characters that start syntax
#: or HTML, carriage returns, entities, hard line breaks (two spaces before a
#: newline) and blank lines (paragraphs). A bare "&" (as in "R&D") comes out
#: the same either way, so it does not cost a parser run (#8).
INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>#!|~\t\r]|&#?\w+;|  \n|\n\s*\n")
#: what makes a line Markdown at its start: list items (empty ones too), indented
#: code, setext heading underlines and thematic breaks ("---", "- - -", "-- -")
LINE_SYNTAX = re.compile(r"\s*(?:[-+]|\d+[.)])(?:\s|$)|\s{4}|\s*(?:=+|-+|-(?:\s*-)+)\s*$")

#: pure CommonMark: no extension (tables, footnotes, ...) is on
OPTIONS = pyromark.Options(0)
SANITIZER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")
#: What only raw HTML, autolinks, links and images start, and characters the
#: sanitizer's HTML parser reads differently (it turns CR into LF, drops a BOM).
#: Markdown without them is left to `kept_as_is`.
NEEDS_SANITIZER = re.compile(r"[<\[\r\ufeff]")
#: tags the parser writes for such Markdown that the sanitizer keeps: no
#: attributes, and not pre, h1, h2, h5, h6 or <ol start="...">
KEPT_TAG = re.compile(r"</?(?:p|em|strong|code|ul|ol|li|blockquote|h3|h4)>|<(?:br|hr) />")


def is_plain(text: str) -> bool:
    """Nothing in `text` is Markdown syntax: it renders as one escaped paragraph.
    (Two searches rather than one pattern with line anchors: 5x faster on prose.)"""
    return INLINE_SYNTAX.search(text) is None and not any(LINE_SYNTAX.match(line) for line in text.split("\n"))


# Unbounded: `assess serve` renders only the texts that changed since its last
# build, and a bank's distinct texts are few next to what a build holds anyway.
@cache
def render_markdown(text: str) -> Markup:
    if is_plain(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    return render_with_parser(text)


def render_with_parser(text: str) -> Markup:
    html = pyromark.html(text, options=OPTIONS)
    kept = kept_as_is(html) if NEEDS_SANITIZER.search(text) is None else None
    return Markup((kept if kept is not None else SANITIZER.clean(html)).strip("\n"))


def kept_as_is(html: str) -> str | None:
    """What the sanitizer makes of `html` when it would keep every tag as it is,
    without running it (most of the cost of Markdown-heavy banks, #18); else None.

    Safe by construction: the answer holds only KEPT_TAG tags, and every other
    "<" and ">" is escaped text (the parser escapes them, and a source without
    "<" has no raw HTML). The sanitizer would rewrite only the spelling, which
    is done here: `<br>` and `<hr>` without the slash, a no-break space as
    `&nbsp;`. tests/site/test_markup.py checks this against nh3 on generated Markdown."""
    rest = KEPT_TAG.sub("", html)
    if "<" in rest or ">" in rest:
        return None
    return html.replace("<br />", "<br>").replace("<hr />", "<hr>").replace("\xa0", "&nbsp;")


#: a sentence ends at . ! or ? (and closing quotes) before a space and what starts a
#: sentence; one after a one-letter word ("z. B.", "e.g.", an initial) does not count
SENTENCE_END = re.compile(r"(?<=\w\w)[\"'“”»)]*[.!?][\"'“”»)]*(?=\s+[\"'„“«(]?[A-ZÄÖÜ0-9])")


def opening(text: str, at_least: int = 0) -> str:
    """The first sentence of a text's source, and the next ones while shorter than
    `at_least` characters: what the results page shows of a longer bank text
    (docs/bank-format.md: keep the first sentence free of Markdown)."""
    text = " ".join(text.split())
    for end in SENTENCE_END.finditer(text):
        if end.end() >= at_least:
            return text[:end.end()]
    return text


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
