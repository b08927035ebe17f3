"""Result codes: round trips, and the errors the checksum must catch."""
from __future__ import annotations

import random

import pytest
from support.answers import random_answers

from builder.rules.codes import ALPHABET, OVERHEAD, CodeError, code_length, decode, encode


@pytest.fixture(scope="module")
def default(banks):
    return banks["default"].scoring_model, banks["default"].tag


def test_round_trip_with_skips_and_segments(default):
    model, tag = default
    rng = random.Random("codes")
    for _ in range(300):
        answers = random_answers(model, rng)
        segment = rng.randint(0, 4)
        code = encode(model, tag, answers, segment)
        assert len(code) == code_length(model)
        assert decode(model, tag, code, segments=4) == ({k: v for k, v in answers.items() if v is not None}, segment)


def test_at_most_two_characters_per_question(banks):
    for bank in banks.values():
        questions = len(bank.scoring_model["questions"])
        assert code_length(bank.scoring_model) <= OVERHEAD + 2 * questions


def test_every_single_change_and_adjacent_swap_is_caught(default):
    model, tag = default
    rng = random.Random("typos")
    for _ in range(20):
        code = encode(model, tag, random_answers(model, rng), rng.randint(0, 3))
        for pos, original in enumerate(code):
            for replacement in ALPHABET.replace(original, ""):
                with pytest.raises(CodeError):
                    decode(model, tag, code[:pos] + replacement + code[pos + 1:], segments=3)
            if pos + 1 < len(code) and original != code[pos + 1]:
                with pytest.raises(CodeError):
                    decode(model, tag, code[:pos] + code[pos + 1] + original + code[pos + 2:], segments=3)


def test_lenient_spelling_is_accepted(default):
    model, tag = default
    first = model["questions"][0]["id"]
    code = encode(model, tag, {first: 4})
    spaced = " ".join(code[i:i + 4] for i in range(0, len(code), 4)).lower().replace("0", "o").replace("1", "l")
    assert decode(model, tag, spaced) == ({first: 4}, 0)


@pytest.mark.parametrize(("mangle", "reason", "message"), [
    (lambda c: "", "empty", "empty code"),
    (lambda c: c * 3, "oversized", "far too long for a result code (81 characters)"),
    (lambda c: c[:5] + "U" + c[6:], "characters", "not a result code: unexpected character 'U'"),
    (lambda c: "2" + c[1:], "version", "not a result code: unknown version '2'"),
    (lambda c: c[:-1], "checksum", "checksum does not match: a typo, or part of the code is missing"),
])
def test_refusals_name_the_reason(default, mangle, reason, message):
    model, tag = default
    with pytest.raises(CodeError) as refused:
        decode(model, tag, mangle(encode(model, tag, {})))
    assert (refused.value.reason, str(refused.value)) == (reason, message)


def test_codes_of_another_bank_version_are_refused(default, banks):
    model, tag = default
    other = banks["small"]
    code = encode(other.scoring_model, other.tag, {"svc-listen": 5})
    with pytest.raises(CodeError, match="made with another bank or bank version"):
        decode(model, tag, code)
    with pytest.raises(CodeError, match="unknown segment 2"):
        decode(model, tag, encode(model, tag, {}, segment=2), segments=1)
