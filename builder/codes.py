"""Result codes: a participant's answers as a short, checkable string.

Format (docs/result-code.md): version "1", a 5-character bank tag, a segment
character, the answers packed as one mixed-radix number, and a CRC-15 that
catches every single-character change and every swap of adjacent characters.
`site_src/static/js/codes.js` implements the same format.
"""
from __future__ import annotations

import hashlib
import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
VALUE = {ch: i for i, ch in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
VERSION = "1"
TAG_LENGTH = 5
CRC_LENGTH = 3
CRC_POLY = 0x4599  # CRC-15/CAN: detects every burst of up to 15 bits
OVERHEAD = 1 + TAG_LENGTH + 1 + CRC_LENGTH
MAX_SEGMENTS = len(ALPHABET) - 1
SEPARATORS = re.compile(r"[\s-]+")


class CodeError(ValueError):
    """Why a code was refused; `reason` is a stable key for translations."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def bank_tag(bank_id: str, fingerprint: str) -> str:
    digest = int.from_bytes(hashlib.sha256(f"{bank_id}:{fingerprint}".encode()).digest()[:4], "big")
    return to_base32(digest >> (32 - 5 * TAG_LENGTH), TAG_LENGTH)


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


def to_base32(number: int, length: int) -> str:
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def crc15(values: list[int]) -> int:
    crc = 0
    for value in values:
        for shift in range(4, -1, -1):
            top = (crc >> 14) & 1
            crc = (crc << 1) & 0x7FFF
            if top ^ ((value >> shift) & 1):
                crc ^= CRC_POLY
    return crc


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
    """(answers, segment index) of a code, or CodeError saying why not."""
    text = SEPARATORS.sub("", code).upper()
    expected = code_length(model)
    if not text:
        raise CodeError("empty", "empty code")
    if len(text) > 2 * expected:
        raise CodeError("oversized", f"far too long for a result code ({len(text)} characters)")
    bad = next((ch for ch in text if ch not in VALUE), None)
    if bad is not None:
        raise CodeError("characters", f"not a result code: unexpected character {bad!r}")
    text = "".join(ALPHABET[VALUE[ch]] for ch in text)  # O -> 0, I and L -> 1
    if text[0] != VERSION:
        raise CodeError("version", f"unknown code version {text[0]!r}")
    values = [VALUE[ch] for ch in text]
    if len(values) <= CRC_LENGTH or crc15(values[:-CRC_LENGTH]) != from_base32(values[-CRC_LENGTH:]):
        raise CodeError("checksum", "checksum does not match: a typo, or part of the code is missing")
    if "".join(ALPHABET[v] for v in values[1:1 + TAG_LENGTH]) != tag:
        raise CodeError("bank", "made with another bank or bank version")
    if len(values) != expected:
        raise CodeError("length", f"wrong length: {len(values)} characters, expected {expected}")
    segment = values[1 + TAG_LENGTH]
    if segment > segments:
        raise CodeError("segment", f"unknown segment {segment}")
    number = from_base32(values[2 + TAG_LENGTH:-CRC_LENGTH])
    answers = {}
    for q, radix in zip(model["questions"], radices(model), strict=True):
        number, digit = divmod(number, radix)
        if digit == 0:
            continue
        answers[q["id"]] = digit if q["type"] == "likert" else q["options"][digit - 1]["id"]
    if number:
        raise CodeError("range", "answers out of range for this bank")
    return answers, segment


def from_base32(values: list[int]) -> int:
    number = 0
    for value in values:
        number = number * 32 + value
    return number
