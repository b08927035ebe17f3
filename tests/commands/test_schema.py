"""The published JSON Schema: up to date, and in agreement with the loader.

The schema cannot express cross-references, duplicate ids, level order or the
bank's language list; those are the loader's alone (tests/bank/test_load_errors.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from support.cli import run
from support.paths import BROKEN, FIXTURES, ROOT

from builder.commands.schema import bank_schema

PUBLISHED = ROOT / "docs" / "bank.schema.json"
VALID_BANKS = [ROOT / "questions", *sorted(p for p in (FIXTURES / "banks").iterdir() if p.is_dir())]
VALID_FILES = [f for bank in VALID_BANKS for f in sorted(bank.glob("*.y*ml"))]


def validator(kind: str = "all") -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(bank_schema(kind))


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def messages(errors) -> list[str]:
    """Every message of the errors, including those under anyOf/oneOf branches."""
    found = []
    for error in errors:
        found.append(error.message)
        found += messages(error.context or [])
    return found


def test_published_schema_is_up_to_date():
    generated = run("schema").stdout
    assert PUBLISHED.read_text(encoding="utf-8") == generated, (
        "docs/bank.schema.json is out of date; regenerate it with\n"
        "    python -m builder schema > docs/bank.schema.json"
    )


@pytest.mark.parametrize("kind", ["all", "bank", "questions"])
def test_schema_is_a_valid_draft_2020_12_schema(kind):
    schema = bank_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"]
    json.dumps(schema)  # plain JSON, nothing Python-only


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown schema kind 'yaml'"):
        bank_schema("yaml")


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_bank_files_validate(path):
    data = read_yaml(path)
    kind = "bank" if path.name == "bank.yml" else "questions"
    assert messages(validator(kind).iter_errors(data)) == []
    assert validator("all").is_valid(data)


def test_a_question_file_is_not_a_bank_file():
    questions = read_yaml(FIXTURES / "banks" / "small" / "questions.yml")
    assert not validator("bank").is_valid(questions)
    assert not validator("questions").is_valid(read_yaml(FIXTURES / "banks" / "small" / "bank.yml"))


@pytest.mark.parametrize("case, file, expected", [
    ("unknown-key", "questions.yml", "Additional properties are not allowed ('wieght' was unexpected)"),
    ("options-on-likert", "questions.yml", "Additional properties are not allowed ('options' was unexpected)"),
    ("wrong-types", "bank.yml", "'heavy' is not of type 'number'"),
    ("wrong-types", "questions.yml", "'maybe' is not of type 'boolean'"),
    ("version-float", "bank.yml", "1.1 is not of type 'string'"),
    ("yes-as-text", "questions.yml", "True is not of type 'string'"),
    ("likert-without-pole", "questions.yml", "'pole' is a required property"),
    ("choice-one-option", "questions.yml", "is too short"),
    ("unknown-quadrant", "bank.yml", "'competetor' is not one of"),
])
def test_broken_files_fail(case, file, expected):
    data = read_yaml(BROKEN / case / file)
    kind = "bank" if file == "bank.yml" else "questions"
    for v in (validator(kind), validator("all")):
        assert not v.is_valid(data)
        found = messages(v.iter_errors(data))
        assert any(expected in m for m in found), found
