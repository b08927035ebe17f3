"""Team results: find result codes in text or CSV, decode them, aggregate them.

The rules and the team JSON are specified in docs/team-results.md.
`site_src/static/js/rules/team.js` implements them step for step (same sums in
the same order, same quantile formula), so the team page's download and
`assess report --json` agree; the tests compare both.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..bank.model import AXES, QUADRANTS, num
from ..parallel import cores, map_forked
from .codes import OVERHEAD, SEPARATORS, CodeError, decode, normalize
from .scoring import answer_values, axis_scores, quadrant

FORMAT = 1
LINE_BREAK = re.compile(r"\r\n|\r|\n")
FIELD_BREAK = re.compile(r'[,;\t|"]')  # CSV (and TSV) cells; codes never contain these
TOKEN = re.compile(r"[0-9A-Za-z]+")
ALPHANUMERIC = re.compile(r"[0-9A-Za-z]+\Z")
DIGIT = re.compile(r"[0-9]")
#: codes from which decoding and scoring them in parallel pays for the processes (builder/parallel.py)
PARALLEL_FROM = 20_000
_DROP_SEPARATORS = str.maketrans("", "", SEPARATORS)


@dataclass(frozen=True)
class Found:
    """A candidate code and where it was found (source: a file name, or "" for pasted text)."""

    source: str
    line: int
    text: str


@dataclass
class Collection:
    codes: list[tuple[dict, int]] = field(default_factory=list)  # (answers, segment) of each counted code
    invalid: list[tuple[Found, CodeError]] = field(default_factory=list)
    duplicates: list[tuple[Found, Found]] = field(default_factory=list)  # (repeat, first occurrence)


def find_codes(text: str, length: int, csv: bool = False) -> list[tuple[int, str]]:
    """(line number, candidate) for every code-like piece of `text`.

    `length` is the bank's code length. In each line, every cell (split at
    , ; tab | and quotes) contributes its letter-and-digit runs that look like
    a code; failing that, the whole cell if it looks like a code once spaces
    and hyphens are dropped. Outside CSV a non-blank line without candidates
    is itself one candidate (and is refused with a reason when decoded).
    """
    least = max(OVERHEAD + 1, length - 3)

    def looks_like(word: str) -> bool:
        return len(word) >= least and DIGIT.search(word) is not None

    found = []
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        candidates = []
        for cell in FIELD_BREAK.split(line):
            tokens = [token for token in TOKEN.findall(cell) if looks_like(token)]
            compact = cell.translate(_DROP_SEPARATORS)
            if tokens:
                candidates += tokens
            elif ALPHANUMERIC.match(compact) and looks_like(compact):
                candidates.append(cell.strip(SEPARATORS))
        if not candidates and not csv and line.strip(SEPARATORS):
            candidates.append(line.strip(SEPARATORS))
        found += [(number, candidate) for candidate in candidates]
    return found


def read_codes(model: dict, tag: str, segment_count: int, found: Iterable[Found]) -> Collection:
    """Decode every candidate; later copies of a code are duplicates and not counted."""
    collection = Collection()
    first: dict[str, Found] = {}
    found = list(found)
    # decoded on every core for many codes (parallel.py, #8)
    decoded_all = map_forked(lambda item: decode_or_refusal(model, tag, item.text, segment_count), found,
                             worthwhile=len(found) >= PARALLEL_FROM)
    for item, decoded in zip(found, decoded_all, strict=True):
        if isinstance(decoded, CodeError):
            collection.invalid.append((item, decoded))
            continue
        answers, segment = decoded
        key = normalize(item.text)
        if key in first:
            collection.duplicates.append((item, first[key]))
            continue
        first[key] = item
        collection.codes.append((answers, segment))
    return collection


def decode_or_refusal(model: dict, tag: str, code: str, segments: int) -> tuple[dict, int] | CodeError:
    try:
        return decode(model, tag, code, segments)
    except CodeError as refused:
        return refused


def aggregate(model: dict, segments: list[str], min_group_size: int, collection: Collection) -> dict:
    """The team JSON (docs/team-results.md). `segments` are the bank's segment option ids."""
    k = min_group_size
    codes = collection.codes
    # per part of the codes, on every core for many codes (#8): the scores' numbers (not the whole
    # result JSON per code) and how often each question got each answer
    parts = map_forked(lambda part: ([axis_scores(model, answers) for answers, _ in part],
                                     Counter(pair for answers, _ in part for pair in answers.items())),
                       split(codes, cores()), worthwhile=len(codes) >= PARALLEL_FROM)
    scored = [numbers for part, _ in parts for numbers in part]
    tally = sum((part_tally for _, part_tally in parts), Counter())
    dimension_ids = [d["id"] for d in model["dimensions"]]
    # one row per code: overall customer, overall competitor, then each dimension's two axes
    rows = [[*overall, *(value for pair in dimensions for value in pair)] for dimensions, overall, _ in scored]
    cells = 2 * (1 + len(dimension_ids))
    # per code, the quadrant overall and in each dimension (None: an axis without answers)
    quadrants_of = [[quadrant(row[c], row[c + 1], model["threshold"])
                     if row[c] is not None and row[c + 1] is not None else None for c in range(0, cells, 2)]
                    for row in rows]

    # segment groups in output order: the options, then "none given"
    order = [*range(1, len(segments) + 1), 0] if segments else []
    members: dict[int, list[int]] = {s: [] for s in order}
    for index, (_, segment) in enumerate(codes):
        if segments:
            members[segment].append(index)
    groups = [list(range(len(codes)))] + [members[s] for s in order]
    columns = [[[v for i in indices if (v := rows[i][c]) is not None] for c in range(cells)] for indices in groups]

    hidden_groups = {0} if 0 < len(codes) < k else set()
    hidden_groups |= {1 + j for j in hide([len(members[s]) for s in order], k)}
    hidden_cells = [{c for c in range(cells) if 0 < len(columns[0][c]) < k}] + [set() for _ in order]
    for c in range(cells):
        for j in hide([len(columns[1 + j][c]) for j in range(len(order))], k, {j - 1 for j in hidden_groups if j}):
            hidden_cells[1 + j].add(c)

    def cell(g: int, c: int) -> dict:
        values = columns[g][c]
        if c in hidden_cells[g]:
            return {"hidden": "small" if len(values) < k else "complement"}
        return stats(values)

    def group(g: int) -> dict:
        indices = groups[g]
        if not indices:
            return {"n": 0}
        if g in hidden_groups:
            return {"hidden": "small" if len(indices) < k else "complement"}
        def quadrants(part: int) -> dict:
            counts = dict.fromkeys([*QUADRANTS, "none"], 0)
            for i in indices:
                counts[quadrants_of[i][part] or "none"] += 1
            return counts

        return {
            "n": len(indices),
            "quadrants": quadrants(0),
            "overall": {axis: cell(g, a) for a, axis in enumerate(AXES)},
            "dimensions": [{"id": d} | {axis: cell(g, 2 + 2 * i + a) for a, axis in enumerate(AXES)}
                           | {"quadrants": quadrants(1 + i)} for i, d in enumerate(dimension_ids)],
        }

    def gap(c: int) -> dict | None:
        means = [(segments[s - 1], columns[1 + j][c]) for j, s in enumerate(order)
                 if s and 1 + j not in hidden_groups and c not in hidden_cells[1 + j] and columns[1 + j][c]]
        if len(means) < 2:
            return None
        means = [(sid, mean(values)) for sid, values in means]
        high = max(means, key=lambda m: m[1])  # the first of equals
        low = min(reversed(means), key=lambda m: m[1])  # the last of equals
        return {"high": high[0], "low": low[0], "gap": num(high[1] - low[1])}

    return {
        "team": FORMAT,
        "bank": {key: model["bank"][key] for key in ("id", "version", "fingerprint")},
        "min_group_size": k,
        "codes": {"valid": len(codes), "invalid": len(collection.invalid), "duplicates": len(collection.duplicates)},
        "all": group(0),
        "segments": [{"id": segments[s - 1] if s else None} | group(1 + j) for j, s in enumerate(order)],
        "questions": question_counts(model, tally, len(codes), k),
        "gaps": {
            "overall": {axis: gap(a) for a, axis in enumerate(AXES)},
            "dimensions": [{"id": d} | {axis: gap(2 + 2 * i + a) for a, axis in enumerate(AXES)}
                           for i, d in enumerate(dimension_ids)],
        },
    }


def split(items: list, parts: int) -> list[list]:
    """`items` in `parts` consecutive slices of (nearly) equal length."""
    size = -(-len(items) // max(1, parts))
    return [items[i:i + size] for i in range(0, len(items), size)] if items else []


def hide(counts: list[int], k: int, hidden: Iterable[int] = ()) -> set[int]:
    """Positions of a partition to hide: every part with 1 to k-1 codes, then the
    smallest others until the hidden parts together hold none or at least k codes,
    so that no small part can be worked out by subtracting the shown ones from the total."""
    hidden = set(hidden) | {i for i, n in enumerate(counts) if 0 < n < k}
    while 0 < sum(counts[i] for i in hidden) < k:
        rest = [i for i, n in enumerate(counts) if n > 0 and i not in hidden]
        if not rest:
            break
        hidden.add(min(rest, key=lambda i: (counts[i], i)))
    return hidden


def question_counts(model: dict, tally: Counter, n: int, k: int) -> list[dict]:
    """Per question its answer counts; `tally` counts (question id, answer) pairs over `n` codes."""
    entries = []
    for q in model["questions"]:
        counts = [tally[q["id"], value] for value in answer_values(q)]
        answered = sum(counts)
        if 0 < answered < k:
            entries.append({"id": q["id"], "hidden": "small"})
        else:
            entries.append({"id": q["id"], "answered": answered, "skipped": n - answered, "counts": counts})
    return entries


def mean(values: list[float]) -> float:
    total = 0.0
    for value in values:  # left to right, as JavaScript adds (sum() may compensate)
        total += value
    return total / len(values)


def quantile(ordered: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (Hyndman & Fan type 7, numpy's default)."""
    h = (len(ordered) - 1) * p
    i = math.floor(h)
    if i + 1 >= len(ordered):
        return ordered[i]
    return ordered[i] + (h - i) * (ordered[i + 1] - ordered[i])


def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    summary = {"n": len(values), "mean": mean(values), "median": quantile(ordered, 0.5),
               "q1": quantile(ordered, 0.25), "q3": quantile(ordered, 0.75), "min": ordered[0], "max": ordered[-1]}
    return {key: num(value) for key, value in summary.items()}
