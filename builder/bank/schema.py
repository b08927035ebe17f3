"""Declarative schema kinds: read PyYAML nodes into plain values, strictly.

Each kind reads one node, reports problems at the node's line and returns the
value or `INVALID`. The same declarations produce the published JSON Schema,
so the documentation for editors cannot drift from what the loader accepts.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from .yamlnodes import STR, line_of

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID", "__bool__": lambda self: False})()

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
LANG_RE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
DECIMAL_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
DECIMAL_FLOAT_RE = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
TAG = "tag:yaml.org,2002:"


class Reader:
    """Where problems go while reading one file, and what the file may refer to."""

    def __init__(self, path: str, languages: list[str] | None = None):
        self.path = path
        self.languages = languages
        self.problems: list[Problem] = []
        self.field = ""  # the key being read, named in range messages

    def error(self, node: Node | None, message: str) -> Any:
        self.problems.append(Problem(self.path, line_of(node) if node is not None else None, message))
        return INVALID

    def warn(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(node) if node is not None else None, message, warning=True))


def found(node: Node) -> str:
    """Describe what a node holds, naming YAML 1.1's silent conversions."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kind = node.tag.removeprefix(TAG)
    value = node.value
    if kind == "str":
        return f"the text {value!r}"
    if kind == "null":
        return "nothing (null)"
    if kind == "bool":
        meaning = "true" if value.lower() in ("yes", "y", "true", "on") else "false"
        return f"{value}, which YAML reads as the boolean {meaning}"
    if kind in ("int", "float"):
        return f"the number {value}"
    if kind == "timestamp":
        return f"{value}, which YAML reads as a date"
    return f"{value!r} (tagged {node.tag})"


def quote_hint(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag not in (TAG + "null", STR):
        return f'; write "{node.value}" in quotes if you mean text'
    return ""


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Kind:
    description = ""

    def read(self, node: Node, r: Reader) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - interface
        raise NotImplementedError


class Text(Kind):
    def __init__(self, what: str = "text", pattern: re.Pattern | None = None, rule: str = ""):
        self.what, self.pattern, self.rule = what, pattern, rule

    def read(self, node, r):
        if not isinstance(node, ScalarNode) or node.tag != STR:
            return r.error(node, f"expected {self.what}, found {found(node)}{quote_hint(node)}")
        value = node.value
        if not value.strip():
            return r.error(node, f"{self.what} must not be empty")
        if self.pattern and not self.pattern.match(value):
            return r.error(node, f"{value!r} is not a valid {self.what}: {self.rule}")
        return value

    def json_schema(self):
        schema: dict = {"type": "string", "minLength": 1}
        if self.pattern:
            schema["pattern"] = "^" + self.pattern.pattern.removesuffix(r"\Z") + "$"
        return schema


KEY = Text("key")
SLUG = Text("id", SLUG_RE, "use lower-case letters, digits, '-' and '_' (at most 64)")
LANGUAGE = Text("language code", LANG_RE, "use an ISO 639 code such as de, en or pt-BR")


class Int(Kind):
    def __init__(self, minimum: int | None = None, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum

    def read(self, node, r):
        value = read_number(node, r, integer=True)
        return value if value is INVALID else check_range(node, r, value, self.minimum, self.maximum)

    def json_schema(self):
        return with_range({"type": "integer"}, self.minimum, self.maximum)


class Number(Kind):
    def __init__(self, minimum: float | None = None, maximum: float | None = None, above: float | None = None):
        self.minimum, self.maximum, self.above = minimum, maximum, above

    def read(self, node, r):
        value = read_number(node, r, integer=False)
        if value is INVALID:
            return value
        if self.above is not None and not value > self.above:
            return r.error(node, f"{r.field or 'value'} must be greater than {self.above:g}, found {value:g}")
        return check_range(node, r, value, self.minimum, self.maximum)

    def json_schema(self):
        schema = with_range({"type": "number"}, self.minimum, self.maximum)
        if self.above is not None:
            schema["exclusiveMinimum"] = self.above
        return schema


def read_number(node: Node, r: Reader, integer: bool):
    what = "a whole number" if integer else "a number"
    if not isinstance(node, ScalarNode) or node.tag not in (TAG + "int", TAG + "float"):
        return r.error(node, f"expected {what}, found {found(node)}")
    text = node.value
    if DECIMAL_INT_RE.match(text):
        return int(text)
    if node.tag == TAG + "int":
        hint = " (YAML 1.1 reads a leading zero as octal)" if re.match(r"[-+]?0[0-9_]", text) else ""
        return r.error(node, f"write {text} as a plain decimal number{hint}")
    if integer:
        return r.error(node, f"expected {what}, found the number {text}")
    if not DECIMAL_FLOAT_RE.match(text):
        return r.error(node, f"write {text} as a plain decimal number")
    return float(text)


def check_range(node, r, value, minimum, maximum):
    if minimum is not None and value < minimum:
        return r.error(node, f"{r.field or 'value'} must be at least {minimum:g}, found {value:g}")
    if maximum is not None and value > maximum:
        return r.error(node, f"{r.field or 'value'} must be at most {maximum:g}, found {value:g}")
    return value


def with_range(schema: dict, minimum, maximum) -> dict:
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


class Bool(Kind):
    def read(self, node, r):
        if isinstance(node, ScalarNode) and node.tag == TAG + "bool" and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        return r.error(node, f"expected true or false, found {found(node)}")

    def json_schema(self):
        return {"type": "boolean"}


class Const(Kind):
    def __init__(self, value: int):
        self.value = value

    def read(self, node, r):
        value = read_number(node, r, integer=True)
        if value is not INVALID and value != self.value:
            return r.error(node, f"expected {self.value}, found {value}")
        return value

    def json_schema(self):
        return {"const": self.value}


class Enum(Kind):
    def __init__(self, *values: str):
        self.values = values

    def read(self, node, r):
        value = Text("value").read(node, r)
        if value is INVALID:
            return value
        if value not in self.values:
            return r.error(node, f"{value!r} is not one of: {', '.join(self.values)}{suggest(value, self.values)}")
        return value

    def json_schema(self):
        return {"enum": list(self.values)}


class ListOf(Kind):
    """A list of `item`s. With `keep_valid`, a list with broken items reads as its valid
    ones (the broken ones are reported): the cross-checks still see the rest."""

    def __init__(self, item: Kind, min_items: int = 0, max_items: int | None = None, noun: str = "entries",
                 keep_valid: bool = False):
        self.item, self.min_items, self.max_items, self.noun = item, min_items, max_items, noun
        self.keep_valid = keep_valid

    def read(self, node, r):
        if not isinstance(node, SequenceNode):
            return r.error(node, f"expected a list of {self.noun}, found {found(node)}")
        count = len(node.value)
        if count < self.min_items or (self.max_items is not None and count > self.max_items):
            if self.min_items == self.max_items:
                wanted = f"exactly {self.min_items}"
            elif count < self.min_items:
                wanted = f"at least {self.min_items}"
            else:
                wanted = f"at most {self.max_items}"
            return r.error(node, f"expected {wanted} {self.noun}, found {count}")
        values = [self.item.read(child, r) for child in node.value]
        if self.keep_valid:
            return [v for v in values if v is not INVALID]
        return INVALID if any(v is INVALID for v in values) else values

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return schema


def mapping_pairs(node: Node, r: Reader, key_kind: Kind | None = None):
    """Yield (key, key node, value node) of a mapping, refusing duplicates and merges."""
    key_kind = key_kind or KEY
    seen: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if key_node.tag == TAG + "merge":
            r.error(key_node, "merge keys (<<) are not supported; write the keys out")
            continue
        key = key_kind.read(key_node, r)
        if key is INVALID:
            continue
        if key in seen:
            r.error(key_node, f"duplicate key {key!r} (first at line {line_of(seen[key])})")
            continue
        seen[key] = key_node
        yield key, key_node, value_node


class LineDict(dict):
    """A dict that remembers the line of each key, for later cross-checks."""

    lines: dict[str, int]
    line: int


class MapOf(Kind):
    def __init__(self, key: Kind, value: Kind):
        self.key, self.value = key, value

    def read(self, node, r):
        if not isinstance(node, MappingNode):
            return r.error(node, f"expected a mapping, found {found(node)}")
        result, ok = LineDict(), True
        result.lines, result.line = {}, line_of(node)
        for key, key_node, value_node in mapping_pairs(node, r, self.key):
            value = self.value.read(value_node, r)
            ok &= value is not INVALID
            result[key] = value
            result.lines[key] = line_of(key_node)
        return result if ok else INVALID

    def json_schema(self):
        schema = {"type": "object", "additionalProperties": self.value.json_schema()}
        key_schema = self.key.json_schema()
        if "pattern" in key_schema:
            schema["propertyNames"] = {"pattern": key_schema["pattern"]}
        return schema


class Localized(Kind):
    """Text per bank language: `{de: ..., en: ...}`; a plain string only in a
    one-language bank. Values are kept as a dict language -> text."""

    def __init__(self, markdown: bool = False):
        self.markdown = markdown
        self.text = Text("text")

    def read(self, node, r):
        langs = r.languages
        if isinstance(node, ScalarNode):
            if langs is None and node.tag == STR:
                # The bank's languages could not be read (reported there), so
                # whether plain text is allowed is unknown: do not guess.
                value = self.text.read(node, r)
                return value if value is INVALID else {"": value}
            if langs is not None and len(langs) == 1:
                value = self.text.read(node, r)
                return value if value is INVALID else {langs[0]: value}
            if node.tag == STR and langs:
                return r.error(node, f"plain text is allowed only in a one-language bank; give {', '.join(langs)}")
            return r.error(node, f"expected text per language, found {found(node)}{quote_hint(node)}")
        if not isinstance(node, MappingNode):
            return r.error(node, f"expected text per language, found {found(node)}")
        return read_per_language(node, r, self.text)

    def json_schema(self):
        text = {"type": "string", "minLength": 1}
        return {"anyOf": [per_language_schema(text), text]}


def per_language_schema(value: dict) -> dict:
    return {
        "type": "object",
        "propertyNames": LANGUAGE.json_schema() | {"type": "string"},
        "additionalProperties": value,
        "minProperties": 1,
    }


def read_per_language(node: MappingNode, r: Reader, kind: Kind):
    """`{de: ..., en: ...}`: one value per language of the bank, no more, no less."""
    langs = r.languages
    result, ok = {}, True
    for lang, key_node, value_node in mapping_pairs(node, r, LANGUAGE):
        if langs is not None and lang not in langs:
            r.error(key_node, f"language {lang!r} is not in the bank's languages ({', '.join(langs)})")
            ok = False
            continue
        value = kind.read(value_node, r)
        ok &= value is not INVALID
        result[lang] = value
    for lang in langs or ():
        if lang not in result and ok:
            r.error(node, f"missing translation for {lang!r}")
            ok = False
    return result if ok else INVALID


ANY_LANGUAGE = "*"


class PerLanguage(Kind):
    """One value for all languages, or one per bank language: `{de: ..., en: ...}`.
    Read as a dict language -> value; a single value is kept under `ANY_LANGUAGE`."""

    def __init__(self, kind: Kind):
        self.kind = kind

    def read(self, node, r):
        if isinstance(node, MappingNode):
            return read_per_language(node, r, self.kind)
        value = self.kind.read(node, r)
        return value if value is INVALID else {ANY_LANGUAGE: value}

    def json_schema(self):
        single = self.kind.json_schema()
        return {"anyOf": [single, per_language_schema(single)]}


def pick(values: dict | None, lang: str):
    """The value of a `PerLanguage` field for one language (None if unset)."""
    if values is None:
        return None
    return values.get(lang, values.get(ANY_LANGUAGE))


@dataclass
class Field:
    kind: Kind
    required: bool = True
    default: Any = None
    doc: str = ""


class Fields(dict):
    """A record's values by key, INVALID where a value is wrong or missing (reported)."""

    complete: bool  # every value valid and no unknown key
    lines: dict[str, int]  # line of the value of each key of `Record.lines_of` that is given


@dataclass
class Record(Kind):
    """A mapping with known keys, built into `make(**values, path=, line=)`."""

    fields: dict[str, Field]
    make: Callable[..., Any] | None = None
    #: what the mapping is, for messages such as "question: missing key 'type'"
    name: str = ""
    doc: str = ""
    variants: dict[str, dict[str, Field]] = field(default_factory=dict)
    #: key that selects the variant's extra fields, e.g. a question's `type`
    selector: str = ""
    #: keys whose lines the made object keeps (`lines=`), for cross-checks that point at them
    lines_of: tuple[str, ...] = ()

    def read(self, node, r):
        values = self.read_fields(node, r)
        if values is INVALID or not values.complete:
            return INVALID
        if self.make is None:
            return values
        lines = {"lines": values.lines} if self.lines_of else {}
        return self.make(**values, path=r.path, line=line_of(node), **lines)

    def read_fields(self, node, r) -> Fields:
        """Every key's value, or INVALID when the node is no such mapping at all. A
        wrong value does not hide the others: callers may check what depends only on them."""
        if not isinstance(node, MappingNode):
            return r.error(node, f"expected a mapping, found {found(node)}")
        pairs = {key: (key_node, value_node) for key, key_node, value_node in mapping_pairs(node, r)}
        fields = dict(self.fields)
        if self.selector and self.selector in pairs:
            chosen = self.fields[self.selector].kind.read(pairs[self.selector][1], r)
            if chosen is INVALID:
                return INVALID
            fields |= self.variants[chosen]
        elif self.selector:  # the selector is missing: accept any variant's keys quietly
            for extra in self.variants.values():
                fields |= {name: Field(spec.kind, False, spec.default, spec.doc) for name, spec in extra.items()}
        label = self.name
        id_node = pairs.get("id", (None, None))[1]
        if isinstance(id_node, ScalarNode) and id_node.tag == STR:
            label = f"{self.name or 'entry'} {id_node.value!r}"
        values = Fields()
        values.complete, values.lines = True, {}
        for key, (key_node, _) in pairs.items():
            if key not in fields:
                values.complete = False
                elsewhere = [v for v, extra in self.variants.items() if key in extra]
                if elsewhere:
                    r.error(key_node, f"key {key!r} is only allowed with {self.selector}: {elsewhere[0]}")
                else:
                    r.error(key_node, f"unknown key {key!r}{suggest(key, fields)}")
        for name, spec in fields.items():
            if name in pairs:
                outer, r.field = r.field, name
                value = values[name] = spec.kind.read(pairs[name][1], r)
                r.field = outer
                if value is INVALID:
                    values.complete = False
                if name in self.lines_of:
                    values.lines[name] = line_of(pairs[name][1])
            elif spec.required:
                r.error(node, f"{label + ': ' if label else ''}missing key {name!r}")
                values[name] = INVALID
                values.complete = False
            else:
                values[name] = spec.default() if callable(spec.default) else spec.default
        return values

    def json_schema(self):
        def object_schema(fields):
            return {
                "type": "object",
                "properties": {
                    name: spec.kind.json_schema() | ({"description": spec.doc} if spec.doc else {})
                    for name, spec in fields.items()
                },
                "required": [name for name, spec in fields.items() if spec.required],
                "additionalProperties": False,
            }

        if not self.variants:
            schema = object_schema(self.fields)
        else:
            schema = {
                "oneOf": [
                    object_schema(
                        self.fields | {self.selector: Field(Enum(name), doc=self.fields[self.selector].doc)} | extra
                    )
                    for name, extra in self.variants.items()
                ]
            }
        return schema | ({"description": self.doc} if self.doc else {})


class Nullable(Kind):
    """`null` (or `~`) reads as None; anything else as the wrapped kind."""

    def __init__(self, kind: Kind):
        self.kind = kind

    def read(self, node, r):
        if isinstance(node, ScalarNode) and node.tag == TAG + "null":
            return None
        return self.kind.read(node, r)

    def json_schema(self):
        return {"anyOf": [self.kind.json_schema(), {"type": "null"}]}


class Scalar(Kind):
    """A whole number or a text, e.g. an answer: 1..5 or an option id."""

    def read(self, node, r):
        if isinstance(node, ScalarNode) and node.tag == STR:
            return node.value
        if isinstance(node, ScalarNode) and node.tag == TAG + "int":
            return read_number(node, r, integer=True)
        return r.error(node, f"expected a number 1-5 or an option id, found {found(node)}{quote_hint(node)}")

    def json_schema(self):
        return {"type": ["integer", "string"]}
