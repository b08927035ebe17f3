"""Bank Markdown: plain sentences skip the Markdown parser (build speed, #8)
and must come out as the parser would render them."""
from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.site.markup import SYNTAX, render_markdown, render_with_parser

#: letters, digits, spaces, line breaks and the punctuation of ordinary prose, "&" included
PIECES = [*"aAzZ09 \n.,;:?'\"()/%&-+=$@äß–", "  \n", "word"]
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def as_read(markup) -> str:
    """What a reader sees: the paragraph's text, entities decoded, whitespace collapsed."""
    text = str(markup)
    assert text.startswith("<p>") and text.endswith("</p>"), text
    return re.sub(r"\s+", " ", html.unescape(text[3:-4])).strip()


@settings(max_examples=300, deadline=None)
@given(prose.filter(lambda text: text.strip() and not SYNTAX.search(text)))
def test_plain_text_skips_the_parser_with_the_same_result(text):
    assert as_read(render_markdown(text)) == as_read(render_with_parser(text))


def test_hard_line_breaks_are_markdown():
    assert str(render_markdown("first line  \nsecond")) == "<p>first line<br>\nsecond</p>"


def test_ampersands_are_plain_text_but_entities_are_markdown():
    assert not SYNTAX.search("Bain & Company, R&D")
    assert str(render_markdown("Bain & Company, R&D")) == "<p>Bain &amp; Company, R&amp;D</p>"
    assert SYNTAX.search("&copy; 2026") and SYNTAX.search("&#169;")
    assert str(render_markdown("&copy; &#169; 2026")) == "<p>© © 2026</p>"
