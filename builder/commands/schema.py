"""The published JSON Schema of bank files, generated from builder/bank/format.py.

The loader and the schema share one set of declarations, so what an editor
flags (via the YAML language server) is what `assess validate` refuses, as far
as a JSON Schema can say it: cross-references (dimension and level ids),
duplicate ids, YAML 1.1 surprises and the bank's own language list are checked
by the loader only.

`docs/bank.schema.json` is this module's output for kind "all"; regenerate it
with `assess schema > docs/bank.schema.json`. Kind "config" describes the site
config instead (`docs/assessment.schema.json`, `assess schema --file config`).
"""
from __future__ import annotations

from ..bank.format import (
    BANK_FILE,
    DIMENSION,
    EXAMPLE,
    EXPECTED_SCORES,
    LEVEL,
    OPTION,
    QUADRANT_TEXT,
    QUESTION,
    QUESTION_FILE,
    TEXT,
)
from ..bank.schema import LANGUAGE, SLUG
from ..site.config import CONFIG_FILE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("all", "bank", "questions", "config")

TITLES = {
    "bank": "assess bank.yml",
    "questions": "assess question file",
    "all": "assess bank file (bank.yml or a question file)",
    "config": "assess site config (assessment.yml)",
}

#: Sub-schemas that occur many times are written once under `$defs`.
SHARED = {
    "slug": (SLUG, "Lower-case letters, digits, '-' and '_', at most 64 characters."),
    "language": (LANGUAGE, "An ISO 639 language code such as de, en or pt-BR."),
    "localized": (TEXT, "Text per language, {de: ..., en: ...}; a plain string only in a one-language bank."),
    "dimension": (DIMENSION, ""),
    "level": (LEVEL, ""),
    "quadrant": (QUADRANT_TEXT, ""),
    "expected": (EXPECTED_SCORES, "Expected scores; numbers match to two decimals."),
    "example": (EXAMPLE, ""),
    "option": (OPTION, ""),
    "question": (QUESTION, ""),
}


def bank_schema(kind: str = "all") -> dict:
    """JSON Schema for `bank.yml` ("bank"), a question file ("questions"), or
    either of them ("all")."""
    if kind not in KINDS:
        raise ValueError(f"unknown schema kind {kind!r}; use one of {', '.join(KINDS)}")
    if kind == "config":
        return {"$schema": DIALECT, "title": TITLES[kind]} | CONFIG_FILE.json_schema()
    if kind == "bank":
        body = BANK_FILE.json_schema()
    elif kind == "questions":
        body = QUESTION_FILE.json_schema()
    else:
        body = {
            "description": "bank.yml holds the settings (it has schema: 1); every other *.yml file holds questions.",
            "anyOf": [{"$ref": "#/$defs/bank"}, {"$ref": "#/$defs/questions"}],
        }
    candidates = {name: _bare(spec.json_schema()) for name, (spec, _) in SHARED.items()}
    if kind == "all":
        candidates = {"bank": BANK_FILE.json_schema(), "questions": QUESTION_FILE.json_schema()} | candidates
    shapes = list(candidates.items())
    defs = {name: _factor(schema, shapes, skip=name) for name, schema in candidates.items()}
    for name, (_, doc) in SHARED.items():
        if doc:
            defs[name] = {"description": doc} | defs[name]
    body = _factor(body, shapes)
    used = _used_defs(body, defs)
    head = {"$schema": DIALECT, "title": TITLES[kind]}
    return head | body | {"$defs": {name: schema for name, schema in defs.items() if name in used}}


def _bare(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "description"}


def _factor(node, shapes: list[tuple[str, dict]], skip: str = ""):
    """Replace every copy of a shared sub-schema by a `$ref` (keeping its
    description). `skip` keeps a definition from referring to itself."""
    if isinstance(node, list):
        return [_factor(child, shapes) for child in node]
    if not isinstance(node, dict):
        return node
    bare = _bare(node)
    for name, shape in shapes:
        if name != skip and bare == shape:
            return {"$ref": f"#/$defs/{name}"} | ({"description": node["description"]} if "description" in node else {})
    return {key: _factor(value, shapes) for key, value in node.items()}


def _used_defs(body: dict, defs: dict) -> set[str]:
    used: set[str] = set()
    todo = [body]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo += node
        elif isinstance(node, dict):
            ref = node.get("$ref", "")
            name = ref.removeprefix("#/$defs/")
            if ref.startswith("#/$defs/") and name not in used:
                used.add(name)
                todo.append(defs[name])
            todo += node.values()
    return used
