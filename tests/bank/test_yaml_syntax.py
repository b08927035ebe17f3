"""YAML syntax errors read the same whichever parser PyYAML uses (libyaml, of
whatever version, or its own Python parser): the project's words at the same line."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.bank import yamlnodes

MAPPING = "this line does not line up with the mapping that starts on line {}: check its indentation, " \
          "and that it reads 'key: value'"
CASES = {
    "tab at the top level": ("id: x\n\tfoo: 1\n", 2, "tab character (YAML indents with spaces)"),
    "tab as indentation": ("questions:\n\t- id: a\n", 2, "tab character (YAML indents with spaces)"),
    "indented too little": ("a:\n  b: 1\n c: 2\n", 3, MAPPING.format(1)),
    "a list item among keys": ("a: 1\n- b\n", 2, MAPPING.format(1)),
    "'-' without a space": ("a:\n  -b: 1\n  - c\n", 3, MAPPING.format(2)),
    "a key among list items": ("- a\nb: 1\n", 2, "this line does not line up with the list that starts on line 1: "
                               "list items start with '- ' at the same indentation"),
    "unclosed double quote": ('a: "hello\nb: 2\n', 1, "the quote opened here is never closed"),
    "unclosed single quote": ("a: 'hello\nb: 2\n", 1, "the quote opened here is never closed"),
    "text after a quote": ('a: "x" y\n', 1, "more text after the end of a value (after a closing quote?); "
                           "put the whole value in quotes"),
    "unclosed [": ("a: [1, 2\nb: 3\n", 2, "the list opened with '[' on line 1 is not closed with ']' "
                   "(or a ',' is missing); put text that starts with [ in quotes"),
    "[ at the end of the file": ("questions: [", 1, "the list opened with '[' on line 1 is not closed with ']' "
                                 "(or a ',' is missing); put text that starts with [ in quotes"),
    "unclosed {": ("a: {x: 1\nb: 3\n", 2, "the mapping opened with '{' on line 1 is not closed with '}' "
                   "(or a ',' is missing); put text that starts with { in quotes"),
    "two commas": ("a: [1,, 2]\n", 1, "a value is missing here (two commas in a row, or a bracket never closed?)"),
    "': ' in a value": ("a: b: c\n", 1, "':' and a space inside a value; put the whole text in quotes"),
    "two documents": ("a: 1\n---\nb: 2\n", 2, "only one YAML document per file (remove the extra '---')"),
    "undefined alias": ("a: *nope\n", 1, "the alias '*nope' refers to no anchor '&nope' above it; "
                        "put text that starts with * in quotes"),
    "anchor without a name": ("a: &\nb: 1\n", 1, "'&' and '*' start anchors and aliases and need a name; "
                              "put such text in quotes"),
    "@ starts a value": ("a: @x\n", 1, "'@' cannot start a value; put text that starts with it in quotes"),
    "` starts a value": ("a: `x`\n", 1, "'`' cannot start a value; put text that starts with it in quotes"),
    "unknown escape": ('a: "\\q"\n', 1, "unknown escape in double quotes; write a backslash as \\\\ "
                       "or use single quotes"),
    "% starts a line": ("%FOO bar\na: 1\n", 1, "'%' at the start of a line begins a YAML directive; "
                        "put the text in quotes"),
    "a line without ':'": ("a: |\n x\n  y\nb\n", 4, "a line that is not 'key: value' (the ':' is missing)"),
    "a control character": ("a: b\x07\n", 1, "control character U+0007 is not allowed in YAML; remove it"),
}
PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    PARSERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=PARSERS)
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlnodes, "_Loader", request.param)


@pytest.mark.parametrize("case", CASES)
def test_syntax_errors_in_the_projects_words(parser, case):
    text, line, message = CASES[case]
    problems = []
    assert yamlnodes.parse_nodes(text.encode(), "bank.yml", problems) is None
    assert [str(p) for p in problems] == [f"bank.yml:{line}: YAML syntax error: {message}"]


DEEP = {
    "flow lists": ("questions:\n  " + "[" * 100_000 + "\n", 2),
    "block lists on one line": ("questions:\n  " + "- " * 100_000 + "x\n", 2),
    "flow mappings": ("questions:\n  " + "{a: " * 60 + "1" + "}" * 60 + "\n", 2),
    # a mapping on line 1, then one list per line, each indented one more: level 51 starts on line 51
    "block lists, one per line": ("a:\n" + "".join(" " * i + "-\n" for i in range(1, 1200)) + "x\n", 51),
}


@pytest.mark.parametrize("case", DEEP)
def test_too_deep_is_ours_to_refuse_at_the_first_line_too_deep(parser, case):
    """libyaml 0.2.6 stops at nesting depth 1,000 with its own message, possibly while scanning
    ahead; the project's limit (50) and message come first either way."""
    text, line = DEEP[case]
    problems = []
    yamlnodes.parse_nodes(text.encode(), "q.yml", problems)
    assert [str(p) for p in problems] == [
        f"q.yml:{line}: nested more than {yamlnodes.MAX_DEPTH} levels deep; a bank needs about 6"]


def nested(shape: list[int]) -> str:
    """A YAML text nesting, level by level: 0 a block mapping, 1 a block list, 2 a block
    mapping whose first value is a flow list three levels deep (deeper, earlier in the file)."""
    lines, indent = ["top:"], 2
    for kind in shape:
        pad = " " * indent
        lines += {0: [f"{pad}key:"], 1: [f"{pad}-"], 2: [f"{pad}flow: [[[x]]]", f"{pad}key:"]}[kind]
        indent += 2
    lines.append(" " * indent + "value")
    return "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 2), max_size=60) | st.lists(st.integers(0, 2), min_size=46, max_size=52))
@example([0] * 48 + [2, 0])  # a flow list and a block mapping both one level too deep: the flow list is first
def test_depth_counted_on_nodes_agrees_with_the_event_stream(shape):
    """libyaml 0.2.6+ composes first and the depth is counted on its nodes; older ones count
    the events first. Both find the same first line too deep (or none)."""
    text = nested(shape)
    root = yaml.compose(text, Loader=yamlnodes.composer(PARSERS[0].values[0]))
    assert yamlnodes.first_too_deep_node(root) == yamlnodes.first_too_deep(text)


SCALARS = ["plain", "'quoted'", '"double"', "|\n  block\n", ">\n  folded\n", "", "~", "null", "Null", "true",
           "no", "On", "1", "-2", "+3", "0x1F", "0o17", "1.5", ".inf", "-.NaN", "1e3", "2026-11-30",
           "2026-11-30 10:00:00", "<<", "=", "1_000", "12:30", "!!str 1", "!!int '2'", "[]", "{}", "*a"]


@pytest.mark.parametrize("loader", [param.values[0] for param in PARSERS])
def test_quick_resolver_tags_every_value_as_pyyaml_does(loader):
    text = "".join(f"k{i}: {value}\n" for i, value in enumerate(["&a anchored", *SCALARS]))

    def tags(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value)
        pairs = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
        return (node.tag, [tags(child) for child in pairs])

    assert tags(yaml.compose(text, Loader=yamlnodes.composer(loader))) == tags(yaml.compose(text, Loader=loader))
