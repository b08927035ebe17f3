"""Crockford's base32, the alphabet of result codes and bank tags (docs/result-code.md)."""
from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U


def to_base32(number: int, length: int) -> str:
    """`number` in exactly `length` characters, most significant first."""
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))
