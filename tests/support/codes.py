"""Result codes as participants and tools produce them: sets of every size
around min_group_size, with duplicates, damaged codes, garbage and CSV exports;
and what the Python side makes of them."""
from __future__ import annotations

import random

from builder.bank.model import Bank
from builder.rules.codes import ALPHABET, code_length, encode
from builder.rules.team import Found, aggregate, find_codes, read_codes

from .answers import random_answers

HOSTILE = ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=2</script>",
           "\"><svg onload=window.__pwned=3>"]


def mangle(code: str, rng: random.Random) -> str:
    """A code as people and tools damage it, or garbage."""
    i = rng.randrange(len(code))
    return rng.choice([
        lambda: code[:i] + rng.choice(ALPHABET) + code[i + 1:],
        lambda: code[:i] + code[i + 1:i + 2] + code[i:i + 1] + code[i + 2:],
        lambda: code[:i],
        lambda: code + code[i:],
        lambda: code * rng.randint(2, 4),
        lambda: " - ".join([code[:i], code[i:]]).lower().replace("0", "o").replace("1", "l"),
        lambda: "".join(rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZUoil \t-\u00a0\u2013é€😀<>\"'") for _ in range(i)),
        lambda: rng.choice(HOSTILE),
        lambda: "2" + code[1:],
        lambda: "",
    ])()


def team_inputs(bank: Bank, rng: random.Random) -> list[tuple[str, bool]]:
    """(text, csv) inputs: code sets of every size around min_group_size, spread over
    segments, with duplicates, damaged codes, garbage lines and CSV exports."""
    model, tag, segments = bank.scoring_model, bank.tag, len(bank.segment_ids)
    k = bank.min_group_size
    inputs = []
    for size in [0, 1, k - 1, k, k + 1, 2 * k - 1, 2 * k, 3 * k + 2, 40]:
        codes = [encode(model, tag, random_answers(model, rng), rng.randint(0, segments)) for _ in range(size)]
        lines = codes + [rng.choice(codes) for _ in range(size // 4)] if codes else []
        lines += [mangle(rng.choice(codes or ["1"]), rng) for _ in range(rng.randint(0, 3))]
        rng.shuffle(lines)
        inputs.append(("\n".join(lines), False))
        inputs.append(("when,code,note\r\n" + "".join(f"2026-11-23,{c},\"a, b\"\r\n" for c in lines), True))
    return inputs


def python_team(bank: Bank, text: str, csv: bool):
    found = [Found("", line, candidate) for line, candidate in find_codes(text, code_length(bank.scoring_model), csv)]
    collection = read_codes(bank.scoring_model, bank.tag, len(bank.segment_ids), found)
    return found, collection, aggregate(bank.scoring_model, bank.segment_ids, bank.min_group_size, collection)
