"""`assess new --languages`: the scaffold's bank in some of its languages.

The scaffold is written in English and German. For fewer languages its YAML is
edited as text, so that its comments and layout stay: the `languages:` list is
rewritten, and in a one-language bank every `{en: ..., de: ...}` becomes the
plain text of that language (allowed there, and what a one-language author writes).
"""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import AssessError


def scaffold_languages(bank_yml: str) -> list[str]:
    root = yaml.compose(bank_yml)
    return [item.value for key, value in root.value if key.value == "languages" for item in value.value]


def parse_languages(option: str, available: list[str]) -> list[str]:
    """`--languages en` or `--languages de,en`: some of the scaffold's languages, the first the default."""
    chosen = [lang.strip() for lang in option.split(",") if lang.strip()]
    unknown = [lang for lang in chosen if lang not in available]
    if not chosen or unknown or len(set(chosen)) != len(chosen):
        raise AssessError(f"--languages {option}: choose from {', '.join(available)}, separated by commas (the new "
                          "project's texts are in these; add other languages to it later, see docs/authoring.md)")
    return chosen


def in_languages(text: str, available: list[str], chosen: list[str]) -> str:
    """A scaffold YAML file for `chosen` languages (a subset of `available`), as text."""
    root = yaml.compose(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in file order
    for key, value in pairs(root):
        if isinstance(key, ScalarNode) and key.value == "languages" and isinstance(value, SequenceNode):
            edits.append((value.start_mark.index, value.end_mark.index, f"[{', '.join(chosen)}]"))
        elif len(chosen) == 1 and is_per_language(value, available):
            text_node = next(v for k, v in value.value if k.value == chosen[0])
            edits.append((key.end_mark.index, end_of(value, text), ": " + source(text_node, text)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def pairs(node: Node):
    """Every (key, value) of every mapping below `node`, outermost first."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            yield from node.value
            stack.extend(value for _, value in reversed(node.value))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def is_per_language(node: Node, available: list[str]) -> bool:
    return isinstance(node, MappingNode) and sorted(k.value for k, _ in node.value) == sorted(available) \
        and all(isinstance(v, ScalarNode) for _, v in node.value)


def source(node: ScalarNode, text: str) -> str:
    """A scalar as written (quotes, block indicators and all), without the line breaks after it."""
    return text[node.start_mark.index:node.end_mark.index].rstrip()


def end_of(mapping: MappingNode, text: str) -> int:
    """Where a mapping's text ends: after `}` in flow style, else after its last value's text
    (a block mapping's own end lies at the next key, past blank lines and comments)."""
    if mapping.flow_style:
        return mapping.end_mark.index
    last = mapping.value[-1][1]
    return last.start_mark.index + len(source(last, text))
