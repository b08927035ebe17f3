"""Bank Markdown: CommonMark, sanitized by the allow-list of builder/site/markup.py
(#18); plain sentences skip the parser (build speed, #8) and must come out as
the parser would render them; Markdown without raw HTML or links skips the
sanitizer and must come out as the sanitizer would leave it."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.site.markup import (
    NEEDS_SANITIZER,
    OPTIONS,
    SANITIZER,
    is_plain,
    kept_as_is,
    pyromark,
    render_markdown,
    render_with_parser,
)

#: letters, digits, spaces, line breaks and the punctuation of ordinary prose, "&" included
PIECES = [*"aAzZ09 \n.,;:?'\"()/%&-+=$@äß–", "  \n", "word"]
prose = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def as_read(markup) -> str:
    """What a reader sees: the paragraph's text, entities decoded, whitespace collapsed."""
    text = str(markup)
    assert text.startswith("<p>") and text.endswith("</p>"), text
    return re.sub(r"\s+", " ", html.unescape(text[3:-4])).strip()


@settings(max_examples=300, deadline=None)
@given(prose.filter(lambda text: text.strip() and is_plain(text)))
def test_plain_text_skips_the_parser_with_the_same_result(text):
    assert as_read(render_markdown(text)) == as_read(render_with_parser(text))


def test_hard_line_breaks_are_markdown():
    assert str(render_markdown("first line  \nsecond")) == "<p>first line<br>\nsecond</p>"


def test_ampersands_are_plain_text_but_entities_are_markdown():
    assert is_plain("Bain & Company, R&D")
    assert str(render_markdown("Bain & Company, R&D")) == "<p>Bain &amp; Company, R&amp;D</p>"
    assert not is_plain("&copy; 2026") and not is_plain("&#169;")
    assert str(render_markdown("&copy; &#169; 2026")) == "<p>© © 2026</p>"


@pytest.mark.parametrize("text", [
    "1.", "9)", "2026. Jahr", "-", "+ item", "  - item", "\tindented", "a\n   ===", "a\n---  ", "one\n\ntwo",
    "    code", "line\\\nbreak",
])
def test_what_the_fast_path_leaves_to_the_parser(text):
    """Lists (empty ones too), indented code, setext headings, paragraphs and hard breaks are CommonMark syntax."""
    assert not is_plain(text)
    assert render_markdown(text) == render_with_parser(text)


def test_emphasis_strong_and_code():
    assert str(render_markdown("Ask *customers* **first**, `then` _tools_ __last__")) == (
        "<p>Ask <em>customers</em> <strong>first</strong>, <code>then</code> <em>tools</em> <strong>last</strong></p>")
    assert str(render_markdown("snake_case and 5 * 3")) == "<p>snake_case and 5 * 3</p>"


def test_lists_after_a_paragraph_and_nested():
    assert str(render_markdown("Steps:\n- *listen*\n- decide\n\n1. one\n2. two")) == (
        "<p>Steps:</p>\n<ul>\n<li><em>listen</em></li>\n<li>decide</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>")
    assert str(render_markdown("- a\n  - b")) == "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>"


def test_links_keep_web_and_mail_addresses_and_open_nothing():
    assert str(render_markdown('[guide](https://example.org/a?b=1&c=2 "The guide") <http://example.org> '
                               "[mail](mailto:team@example.org)")) == (
        '<p><a href="https://example.org/a?b=1&amp;c=2" title="The guide" rel="noopener noreferrer">guide</a> '
        '<a href="http://example.org" rel="noopener noreferrer">http://example.org</a> '
        '<a href="mailto:team@example.org" rel="noopener noreferrer">mail</a></p>')


def test_javascript_and_other_schemes_lose_their_link():
    html = str(render_markdown("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) "
                               "[d](data:text/html,x) [e](vbscript:x) <javascript:alert(1)>"))
    assert html == ('<p><a rel="noopener noreferrer">a</a> <a rel="noopener noreferrer">b</a> '
                    '<a rel="noopener noreferrer">c</a> <a rel="noopener noreferrer">d</a> '
                    '<a rel="noopener noreferrer">e</a> <a rel="noopener noreferrer">javascript:alert(1)</a></p>')


def test_raw_html_is_stripped_and_scripts_lose_their_content():
    html = render_markdown('a <b onclick="steal()">bold</b> <script>steal()</script> <span style="x">c</span>')
    assert str(html) == "<p>a bold  c</p>"
    assert str(render_markdown("<div onmouseover=steal()>\n*not Markdown in an HTML block*\n</div>")) == (
        "*not Markdown in an HTML block*")
    assert str(render_markdown('<img src=x onerror="steal()">\n\n![alt](https://example.org/i.png)')) == "<p></p>"
    assert str(render_markdown('<iframe src="https://example.org"></iframe>\n\n**after**')) == (
        "<p><strong>after</strong></p>")


def test_tags_outside_the_allow_list_keep_their_text():
    assert str(render_markdown("# Title\n\n### Part\n\n> quoted\n\n---")) == (
        "Title\n<h3>Part</h3>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>")


#: Markdown syntax of every kind, in pieces, with what YAML lets a text hold
#: that HTML parsers may treat specially (no-break space, NEL, line and
#: paragraph separators, the replacement character) and entities
SYNTAX = [*"aZ9 \n\t*_`#>-+.)!\\&;:\"'=~|", "\xa0", "\x85", "\u2028", "\ufffd", "ä", "  \n", "\n\n", "    ",
          "1. ", "3) ", "- ", "> ", "### ", "# ", "```", "~~~", "***", "---", "===", "&amp;", "&lt;", "&gt;",
          "&quot;", "&nbsp;", "&#60;", "&#x3c;", "&copy;", "&#0;", "[", "](", "<", "<b>", "<br>", "\r", "\ufeff",
          "<https://x.org>", "[a](javascript:x)", "![i](x.png)", "[a]: /u"]
markdown = st.lists(st.sampled_from(SYNTAX), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(markdown)
def test_markdown_left_as_it_is_is_what_the_sanitizer_makes_of_it(text):
    html = pyromark.html(text, options=OPTIONS)
    kept = kept_as_is(html)
    if NEEDS_SANITIZER.search(text) is None:  # what render_with_parser leaves to kept_as_is
        assert kept is None or kept == SANITIZER.clean(html)
    assert render_with_parser(text) == SANITIZER.clean(html).strip("\n")


@pytest.mark.parametrize("text", ["**strong** and *em*, `code`", "- a\n- b", "1. x\n2. y", "> quote", "### Part",
                                  "line  \nbreak", "a\n\n---\n\nb", "x\xa0y", "a &amp; b &lt; c"])
def test_markdown_without_raw_html_or_links_skips_the_sanitizer(text, monkeypatch):
    assert kept_as_is(pyromark.html(text, options=OPTIONS)) is not None
    expected = render_with_parser(text)
    monkeypatch.setattr("builder.site.markup.SANITIZER", None)  # fails if called
    assert render_with_parser(text) == expected


@pytest.mark.parametrize("text", ["    code", "# Title", "3. three", "a <b>bold</b>", "[a](https://x.org)",
                                  "![i](x.png)", "<https://x.org>", "a\r\nb"])
def test_what_the_sanitizer_still_sees(text):
    """Code blocks, headings it drops or renames, list starts, raw HTML, links, images and CR."""
    html = pyromark.html(text, options=OPTIONS)
    assert NEEDS_SANITIZER.search(text) or kept_as_is(html) is None
