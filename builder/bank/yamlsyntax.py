"""YAML syntax errors in the project's own words.

PyYAML relays the parser's wording: libyaml's ("did not find expected key")
when it is compiled in, its own Python parser's otherwise ("expected <block
end>, but found ..."), and either may change with a release (libyaml 0.2.6
added a nesting limit of its own). What a bank author reads must not depend on
which of them is installed, so every error a bank is likely to contain is
recognised here by what the parser was doing and what it found, and described
in one sentence that says what to change. An error not recognised keeps the
parser's wording, prefixed the same way (tests/bank/test_yaml_syntax.py runs both
parsers over the same broken files and expects the same messages).
"""
from __future__ import annotations

import re

import yaml

PREFIX = "YAML syntax error: "


def describe(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """(line, message) for a parser's error on `text`."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1 if exc.position is not None else None
        return line, PREFIX + f"control character U+{exc.character:04X} is not allowed in YAML; remove it"
    if not isinstance(exc, yaml.MarkedYAMLError):
        return None, PREFIX + str(exc)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    ended = mark is exc.problem_mark and mark is not None and mark.index >= len(text.rstrip())
    if ended:  # the file ended too early: point at what was left open
        line = opened
    context = exc.context or ""
    if ended and "flow node" in context:  # which bracket is left open? (the last one, roughly)
        bracket = max(text.rfind("["), text.rfind("{"))
        if bracket >= 0:
            context = "flow sequence" if text[bracket] == "[" else "flow mapping"
            line = opened = text.count("\n", 0, bracket) + 1
    explained = explain(context, exc.problem or "", text, mark, line, opened)
    return explained if explained else (line, PREFIX + (exc.problem or exc.context or str(exc)))


def explain(context: str, problem: str, text: str, mark, line: int | None, opened: int | None):
    """(line, message) for the errors a bank is likely to hold, else None. `context` says what
    the parser was doing (opened on line `opened`), `problem` what it found at `mark`."""
    found = text[mark.index] if mark is not None and mark.index < len(text) else ""
    if found == "\t" or "tab character" in problem:
        return line, PREFIX + "tab character (YAML indents with spaces)"
    if "cannot start any token" in problem:
        return line, PREFIX + f"{found!r} cannot start a value; put text that starts with it in quotes"
    if "expected a single document" in context:
        return line, PREFIX + "only one YAML document per file (remove the extra '---')"
    if "quoted scalar" in context and "end of stream" in problem:
        return opened, PREFIX + "the quote opened here is never closed"
    if "quoted scalar" in context and "unknown escape" in problem:
        return line, PREFIX + "unknown escape in double quotes; write a backslash as \\\\ or use single quotes"
    if "flow sequence" in context and ("']'" in problem or "node content" in problem):
        return line, PREFIX + (f"the list opened with '[' on line {opened} is not closed with ']' (or a ',' is "
                               "missing); put text that starts with [ in quotes")
    if "flow mapping" in context and ("'}'" in problem or "node content" in problem):
        return line, PREFIX + (f"the mapping opened with '{{' on line {opened} is not closed with '}}' (or a ',' "
                               "is missing); put text that starts with { in quotes")
    if "flow node" in context and "node content" in problem:
        return line, PREFIX + "a value is missing here (two commas in a row, or a bracket never closed?)"
    if "mapping values are not allowed" in problem:
        return line, PREFIX + "':' and a space inside a value; put the whole text in quotes"
    unaligned = "expected key" in problem or "<block end>" in problem
    if "block mapping" in context and unaligned and text[text.rfind("\n", 0, mark.index) + 1:mark.index].strip():
        return line, PREFIX + "more text after the end of a value (after a closing quote?); put the whole value " \
                              "in quotes"
    if "block mapping" in context and unaligned:
        return line, PREFIX + (f"this line does not line up with the mapping that starts on line {opened}: "
                               "check its indentation, and that it reads 'key: value'")
    if "block collection" in context and ("'-' indicator" in problem or unaligned):
        return line, PREFIX + (f"this line does not line up with the list that starts on line {opened}: "
                               "list items start with '- ' at the same indentation")
    if "simple key" in context and "expected ':'" in problem:
        return opened, PREFIX + "a line that is not 'key: value' (the ':' is missing)"
    if "undefined alias" in problem:
        name = ALIAS.match(text, mark.index)[1]
        return line, PREFIX + (f"the alias '*{name}' refers to no anchor '&{name}' above it; "
                               "put text that starts with * in quotes")
    if "anchor" in context or "alias" in context:
        return line, PREFIX + "'&' and '*' start anchors and aliases and need a name; put such text in quotes"
    if "directive" in context or "<document start>" in problem:
        directive = DIRECTIVE.search(text)
        at = text.count("\n", 0, directive.start()) + 1 if directive else line
        return at, PREFIX + "'%' at the start of a line begins a YAML directive; put the text in quotes"
    return None


ALIAS = re.compile(r"\*?([^\s,\[\]{}]*)")
DIRECTIVE = re.compile(r"^%", re.M)
