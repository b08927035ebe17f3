"""Result codes: a participant's answers as a short, checkable string.

Format (docs/result-code.md): version "1", the bank's tag (`Bank.tag`), a segment
character, the answers packed as one mixed-radix number, and a CRC-15 that
catches every single-character change and every swap of adjacent characters.
`site_src/static/js/codes.js` implements the same format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..bank.model import TAG_LENGTH
from ..base32 import ALPHABET, to_base32
from .scoring import answer_values, per_model

VERSION = "1"
CRC_LENGTH = 3
CRC_POLY = 0x4599  # CRC-15/CAN: detects every burst of up to 15 bits
OVERHEAD = 1 + TAG_LENGTH + 1 + CRC_LENGTH
MAX_SEGMENTS = len(ALPHABET) - 1
#: ignored anywhere in a code: white space, no-break spaces, hyphens and dashes
SEPARATORS = " \t\n\r\f\v\u00a0\u202f-\u2010\u2011\u2012\u2013\u2014\u2212"
#: what each accepted character stands for: lower case, and O as 0, I and L as 1
CANONICAL = {ch: ch for ch in ALPHABET} | {ch.lower(): ch for ch in ALPHABET if ch.isalpha()} \
    | {"O": "0", "o": "0", "I": "1", "i": "1", "L": "1", "l": "1"}
VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_NORMALIZE = str.maketrans({**{ch: None for ch in SEPARATORS}, **CANONICAL})
_NOT_ALPHABET = re.compile(f"[^{ALPHABET}]")
#: alphabet characters (as bytes) to their values, and to the digits int(text, 32) reads
_VALUES = bytes.maketrans(ALPHABET.encode(), bytes(range(32)))
_PYTHON_DIGITS = bytes.maketrans(ALPHABET.encode(), b"0123456789abcdefghijklmnopqrstuv")


class CodeError(ValueError):
    """Why a code was refused; `reason` is a stable key for translations."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):  # pickled by forked processes that decode for `assess report` (#8)
        return CodeError, (self.reason, str(self))


def radices(model: dict) -> list[int]:
    """Digits per question: 0 = skipped, then 1..5 (likert) or option index + 1."""
    return [6 if q["type"] == "likert" else len(q["options"]) + 1 for q in model["questions"]]


def payload_length(model: dict) -> int:
    capacity = 1
    for radix in radices(model):
        capacity *= radix
    return -(-(capacity - 1).bit_length() // 5)


def code_length(model: dict) -> int:
    return OVERHEAD + payload_length(model)


def _crc_step(crc: int, value: int) -> int:
    for shift in range(4, -1, -1):
        top = (crc >> 14) & 1
        crc = (crc << 1) & 0x7FFF
        if top ^ ((value >> shift) & 1):
            crc ^= CRC_POLY
    return crc


#: the CRC register after feeding five zero bits into `i << 10`: one table step per character
_CRC_TABLE = [_crc_step(i << 10, 0) for i in range(32)]


def crc15(values) -> int:
    """CRC over 5-bit values (any iterable of ints, e.g. bytes)."""
    crc = 0
    for value in values:
        crc = ((crc << 5) & 0x7FFF) ^ _CRC_TABLE[(crc >> 10) ^ value]
    return crc


def normalize(code: str) -> str:
    """The code as it would have been printed: separators gone, lenient spellings mapped.
    Characters outside the alphabet are kept (so `decode` can name them)."""
    return code.translate(_NORMALIZE)


@dataclass(frozen=True)
class Layout:
    """What decoding needs of a model, worked out once per model."""

    length: int
    radices: tuple[int, ...]
    #: per question: its id and the answer each digit stands for (index 0 = skipped)
    answers: tuple[tuple[str, tuple], ...]


@per_model
def layout(model: dict) -> Layout:
    answers = tuple((q["id"], (None, *answer_values(q))) for q in model["questions"])
    return Layout(code_length(model), tuple(radices(model)), answers)


def encode(model: dict, tag: str, answers: dict, segment: int = 0) -> str:
    """Code for valid answers (see scoring.check_answers); segment 0 = none."""
    if not 0 <= segment <= MAX_SEGMENTS:
        raise ValueError(f"segment index {segment} out of range")
    number = 0
    for q, radix in zip(reversed(model["questions"]), reversed(radices(model)), strict=True):
        value = answers.get(q["id"])
        if value is None:
            digit = 0
        elif q["type"] == "likert":
            digit = value
        else:
            digit = 1 + [o["id"] for o in q["options"]].index(value)
        number = number * radix + digit
    body = VERSION + tag + ALPHABET[segment] + to_base32(number, payload_length(model))
    return body + to_base32(crc15([VALUE[ch] for ch in body]), CRC_LENGTH)


def decode(model: dict, tag: str, code: str, segments: int = 0) -> tuple[dict, int]:
    """(answers, segment index) of a code, or CodeError saying why not.
    `segments` is how many segment options the bank has."""
    shape = layout(model)
    text = code if _NOT_ALPHABET.search(code) is None else normalize(code)
    if not text:
        raise CodeError("empty", "empty code")
    if len(text) > 2 * shape.length:
        raise CodeError("oversized", f"far too long for a result code ({len(text)} characters)")
    bad = _NOT_ALPHABET.search(text)
    if bad is not None:
        raise CodeError("characters", f"not a result code: unexpected character {bad[0]!r}")
    if text[0] != VERSION:
        raise CodeError("version", f"not a result code: unknown version {text[0]!r}")
    raw = text.encode("ascii")
    if len(raw) <= CRC_LENGTH or crc15(raw[:-CRC_LENGTH].translate(_VALUES)) != base32_int(raw[-CRC_LENGTH:]):
        raise CodeError("checksum", "checksum does not match: a typo, or part of the code is missing")
    if text[1:1 + TAG_LENGTH] != tag:
        raise CodeError("bank", "made with another bank or bank version")
    if len(text) != shape.length:
        raise CodeError("length", f"wrong length: {len(text)} characters, expected {shape.length}")
    segment = VALUE[text[1 + TAG_LENGTH]]
    if segment > segments:
        raise CodeError("segment", f"unknown segment {segment}")
    number = base32_int(raw[2 + TAG_LENGTH:-CRC_LENGTH])
    answers = {}
    for (qid, meaning), radix in zip(shape.answers, shape.radices, strict=True):
        number, digit = divmod(number, radix)
        if digit:
            answers[qid] = meaning[digit]
    if number:
        raise CodeError("range", "answers out of range for this bank")
    return answers, segment


def base32_int(raw: bytes) -> int:
    """Value of alphabet characters, most significant first (Python's int() does the work)."""
    return int(raw.translate(_PYTHON_DIGITS), 32)
