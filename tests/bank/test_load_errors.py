"""The loader's messages, exactly as a bank author reads them.

Each folder under tests/fixtures/broken/ is a tiny bank with one kind of
problem; paths in the expected lines are relative to that folder.
"""
from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from support.paths import BROKEN, SMALL_BANK, WARNINGS_BANK

from builder.bank.load import load
from builder.bank.yamlnodes import MAX_FILE_BYTES
from builder.commands.project import load_bank, load_project
from builder.errors import AssessError, BankError, Problem

YAML_QUOTE = 'write "{0}" in quotes if you mean text'

CASES = {
    "duplicate-key": ["questions.yml:10: duplicate key 'pole' (first at line 9)"],
    "unknown-key": ["questions.yml:10: unknown key 'wieght' (did you mean 'weight'?)"],
    # YAML 1.1 surprises: each names what YAML made of the value and how to fix it.
    "language-no": [
        "bank.yml:5: expected language code, found no, which YAML reads as the boolean false; "
        + YAML_QUOTE.format("no"),
        "bank.yml:7: expected language code, found no, which YAML reads as the boolean false; "
        + YAML_QUOTE.format("no"),
    ],
    "version-float": ["bank.yml:3: expected version, found the number 1.10; " + YAML_QUOTE.format("1.10")],
    "octal-id": ["questions.yml:7: expected id, found the number 012; " + YAML_QUOTE.format("012")],
    "octal-number": ["questions.yml:10: write 012 as a plain decimal number (YAML 1.1 reads a leading zero as octal)"],
    "date-as-text": [
        "bank.yml:3: expected version, found 2026-01-01, which YAML reads as a date; " + YAML_QUOTE.format("2026-01-01")
    ],
    "yes-as-text": [
        "questions.yml:10: expected text, found yes, which YAML reads as the boolean true; " + YAML_QUOTE.format("yes")
    ],
    "wrong-types": [
        "bank.yml:10: expected a number, found the text 'heavy'",
        "questions.yml:10: expected true or false, found the text 'maybe'",
    ],
    # Languages (a two-language bank, en and de).
    "missing-language": ["questions.yml:10: missing translation for 'de'"],
    "plain-string": ["questions.yml:10: plain text is allowed only in a one-language bank; give en, de"],
    # References and ids.
    "unknown-dimension": [  # at the question's dimension: line
        "bank.yml:8: warning: dimension 'focus' has no question for the competitor pole",
        "questions.yml:10: unknown dimension 'fokus' (did you mean 'focus'?)",
    ],
    "unknown-file-dimension": [  # once, at the file's dimension: line, not once per question
        "bank.yml:8: warning: dimension 'focus' has no question for the customer pole",
        "bank.yml:8: warning: dimension 'focus' has no question for the competitor pole",
        "questions.yml:1: unknown dimension 'fokus' (did you mean 'focus'?)",
    ],
    # A broken level hides no question's problem; a broken question hides none of the others'
    # (only whether both poles are covered stays open while a question cannot be read).
    "errors-in-every-file": [
        "bank.yml:12: expected a number, found the text 'lots'",
        "questions.yml:10: unknown dimension 'fokus' (did you mean 'focus'?)",
        "questions.yml:12: question 'copy': missing key 'pole'",
    ],
    "unknown-level": [
        "bank.yml:19: warning: no recommendation for dimension 'focus' at level 'high'",
        "bank.yml:21: recommendation for unknown level 'hihg' (did you mean 'high'?)",
    ],
    "duplicate-question-id": ["questions.yml:3: duplicate question id 'listen' (first in more.yml:2)"],
    "duplicate-option-id": ["questions.yml:16: duplicate option id 'copy' (first at line 15)"],
    # Question types.
    "choice-one-option": ["questions.yml:15: expected at least 2 options, found 1"],
    "likert-without-pole": ["questions.yml:7: question 'watch': missing key 'pole'"],
    "options-on-likert": ["questions.yml:10: key 'options' is only allowed with type: choice"],
    "axes-misspelt": ["bank.yml:23: unknown key 'custmer' (did you mean 'customer'?)"],
    # Levels.
    "levels-not-ascending": [
        "bank.yml:13: level 'top': min must be above 50 (levels ascend)",
        "bank.yml:20: warning: no recommendation for dimension 'focus' at level 'top'",
    ],
    "first-level-not-zero": ["bank.yml:11: the first level must have min: 0, found 10"],
    # Files that are not a readable one-document YAML mapping.
    "empty-file": ["questions.yml:1: file is empty"],
    "not-utf8": ["questions.yml:10: file is not UTF-8 (byte 0xfc); save it as UTF-8"],
    "syntax-error": ["questions.yml:10: YAML syntax error: "
                     "the list opened with '[' on line 10 is not closed with ']' (or a ',' is missing); "
                     "put text that starts with [ in quotes"],
    "multiple-documents": [
        "questions.yml:11: YAML syntax error: only one YAML document per file (remove the extra '---')"
    ],
    "merge-key": [
        "questions.yml:8: merge keys (<<) are not supported; write the keys out",
        "questions.yml:8: question 'watch': missing key 'type'",
    ],
    "alias-bomb": ["questions.yml: aliases expand 29 nodes to 1,234,567,909; refusing (alias bomb?)"],
    "recursive-alias": ["questions.yml: an alias refers to a node that contains it (recursive alias)"],
    "missing-bank-file": [".: no bank.yml here: every bank folder needs one"],
    # Self-tests.
    "failing-example": ["bank.yml:26: example 'listens a lot': overall quadrant is 'customer', expected 'both'"],
    "example-unknown-question": [
        "bank.yml:24: example 'listens a lot': unknown question 'wach' (did you mean 'watch'?)"
    ],
}


def lines(problems: list[Problem], folder: Path) -> list[str]:
    """Problems as printed (`path:line: message`), paths relative to `folder`."""
    return [str(replace(p, path=os.path.relpath(p.path, folder))) for p in problems]


def load_problems(folder: Path) -> list[str]:
    """What loading a bank and running its self-tests finds, as printed."""
    with pytest.raises(BankError) as info:
        load_bank(folder)
    return lines(info.value.problems, folder)


@pytest.mark.parametrize("case", CASES)
def test_broken_bank_reports_exact_lines(case):
    assert load_problems(BROKEN / case) == CASES[case]


def test_every_broken_fixture_has_expected_lines():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(CASES) | {"several-files"}, "add the new fixture's expected lines to CASES"


def test_problems_of_all_files_are_reported_together():
    assert load_problems(BROKEN / "several-files") == [
        "10-listen.yml:7: unknown key 'weigth' (did you mean 'weight'?)",
        "20-watch.yml:6: expected true or false, found the number 1",
        "bank.yml:18: min_group_size must be at least 3, found 2",
    ]


def test_error_counts_exclude_warnings():
    with pytest.raises(BankError) as info:
        load(BROKEN / "unknown-level")
    assert info.value.message == "1 problem found"


@pytest.mark.parametrize("case", ["alias-bomb", "recursive-alias"])
def test_alias_tricks_fail_fast(case):
    start = time.perf_counter()
    with pytest.raises(BankError):
        load(BROKEN / case)
    assert time.perf_counter() - start < 1.0


def test_file_over_the_size_limit(bank_copy):
    with open(bank_copy / "huge.yml", "wb") as f:  # sparse: takes no disk space
        f.truncate(MAX_FILE_BYTES + 1)
    assert load_problems(bank_copy) == ["huge.yml: file is 20,971,521 bytes; the limit is 20,971,520"]


def test_missing_folder(tmp_path):
    with pytest.raises(AssessError) as info:
        load(tmp_path / "nowhere")
    assert not isinstance(info.value, BankError)
    assert info.value.message == f"bank folder not found: {tmp_path / 'nowhere'}"


def test_folder_without_question_files(bank_copy):
    (bank_copy / "questions.yml").unlink()
    assert load_problems(bank_copy) == [".: no question files (*.yml) beside bank.yml"]


# --- Warnings: printed, but errors under --strict ---------------------------------------------------

WARNINGS = [
    "bank.yml:11: warning: dimension 'focus' has no question for the competitor pole",
    "bank.yml:22: warning: no recommendation for dimension 'focus' at level 'high'",
    "questions.yml:7: warning: question 'survey': all options score the same, so the answer changes nothing",
]


def test_warnings_do_not_stop_loading():
    _, warnings = load(WARNINGS_BANK)
    assert lines(warnings, WARNINGS_BANK) == WARNINGS
    assert all(p.warning for p in warnings)


def test_warnings_are_errors_when_strict():
    with pytest.raises(BankError) as info:
        load_project(WARNINGS_BANK, strict=True)
    assert lines(info.value.problems, WARNINGS_BANK) == [line.replace("warning: ", "") for line in WARNINGS]
    assert info.value.message == "3 problems found"


def test_valid_bank_has_no_warnings():
    assert load_project(SMALL_BANK, strict=True).warnings == []
