"""Cross-checks of a bank read whole: what no single key can tell (ids that
must be unique, references between parts, both poles per dimension).

A part of bank.yml that could not be read is INVALID (reported already); each
check runs when the parts it reads are there, so one mistake hides no other."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from .format import BANK_FILE_NAME
from .model import AXES, DEFAULT_SCALES, QUADRANTS, Bank, Dimension, Question
from .schema import INVALID, suggest


def check_settings(bank: Bank, root, problems: list[Problem]) -> dict[str, list[str]]:
    """Cross-checks within bank.yml; returns the complete likert scale (INVALID without languages)."""
    path = str(Path(bank.path) / BANK_FILE_NAME)
    at = lambda line, msg, warning=False: problems.append(Problem(path, line, msg, warning))  # noqa: E731
    has = lambda *parts: all(part is not INVALID for part in parts)  # noqa: E731

    if has(bank.languages) and len(set(bank.languages)) != len(bank.languages):
        at(line_of_key(root, "languages"), "languages are listed twice")
    if has(bank.dimensions):
        unique_ids(bank.dimensions, "dimension", problems)
    if has(bank.levels):
        unique_ids(bank.levels, "level", problems)
        if bank.levels[0].min != 0:
            at(bank.levels[0].line, f"the first level must have min: 0, found {bank.levels[0].min:g}")
        for before, after in zip(bank.levels, bank.levels[1:], strict=False):
            if after.min <= before.min:
                at(after.line, f"level {after.id!r}: min must be above {before.min:g} (levels ascend)")
    if has(bank.segments) and bank.segments is not None:
        unique_ids(bank.segments.options, "segment option", problems)

    scale = INVALID
    if has(bank.languages, bank.scale):
        scale = {}
        for lang in bank.languages:
            if lang in bank.scale:
                scale[lang] = bank.scale[lang]
            elif lang in DEFAULT_SCALES:
                scale[lang] = DEFAULT_SCALES[lang]
            else:
                at(line_of_key(root, "scale") or line_of_key(root, "languages"),
                   f"no built-in scale labels for {lang!r}; add scale: {{{lang}: [five labels]}}")
        for lang in bank.scale:
            if lang not in bank.languages:
                at(bank.scale.lines[lang], f"scale for {lang!r}, which is not in the bank's languages")

    dims = {d.id: d.line for d in bank.dimensions} if has(bank.dimensions) else None
    if has(bank.recommendations):
        check_advice(bank.recommendations, "recommendations", dims,
                     [lv.id for lv in bank.levels] if has(bank.levels) else None, "level", root, at)
    if has(bank.quadrant_recommendations) and bank.quadrant_recommendations:
        # Optional as a whole (a bank written before them keeps building with --strict);
        # once there, every dimension and quadrant is expected. The quadrant keys are
        # checked when read (one of four, with did-you-mean).
        check_advice(bank.quadrant_recommendations, "quadrant_recommendations", dims, list(QUADRANTS), "quadrant",
                     root, at)
    return scale


PLACE = {"level": "at level", "quadrant": "in quadrant"}


def check_advice(advice: dict, key: str, dims: dict[str, int] | None, cases: list[str] | None, case: str, root,
                 at) -> None:
    """`advice` is {dimension: {case: text}}, a case being a level or a quadrant: unknown
    ids are errors, a missing text a warning. `dims` (id -> line) and `cases` are None
    when they could not be read."""
    for dim, by_case in advice.items():
        if dims is not None and dim not in dims:
            at(advice.lines[dim], f"{key} for unknown dimension {dim!r}{suggest(dim, dims)}")
            continue
        for value in by_case:
            if cases is not None and value not in cases:
                at(by_case.lines[value], f"recommendation for unknown {case} {value!r}{suggest(value, cases)}")
    lines = getattr(advice, "lines", {})  # a plain {} when the bank has none
    for dim, dim_line in dims.items() if dims is not None and cases is not None else ():
        for value in cases:
            if value not in advice.get(dim, {}):
                at(lines.get(dim, line_of_key(root, key) or dim_line),
                   f"no {key.replace('_', ' ').removesuffix('s')} for dimension {dim!r} {PLACE[case]} {value!r}", True)


def check_questions(questions: list[Question], dimensions: list[Dimension], problems: list[Problem],
                    check_poles: bool = True) -> None:
    """Ids and references of the questions read; `dimensions` is INVALID when bank.yml's are
    broken, and `check_poles` False when a question could not be read (it may cover a pole)."""
    dims = {d.id for d in dimensions} if dimensions is not INVALID else None
    seen: dict[str, Question] = {}
    unknown_at: set[tuple[str, int]] = set()  # a file's dimension: is reported once, not per question
    for q in questions:
        at = lambda msg, warning=False, q=q: problems.append(Problem(q.path, q.line, msg, warning))  # noqa: E731
        if q.id in seen:
            first = seen[q.id]
            at(f"duplicate question id {q.id!r} (first in {Path(first.path).name}:{first.line})")
        seen.setdefault(q.id, q)
        where = (q.path, q.lines.get("dimension", q.line))
        if dims is not None and q.dimension not in dims and where not in unknown_at:
            unknown_at.add(where)
            problems.append(Problem(*where, f"unknown dimension {q.dimension!r}{suggest(q.dimension, dims)}"))
        if q.type == "choice":
            unique_ids(q.options, "option", problems)
            if len({(o.customer, o.competitor) for o in q.options}) == 1:
                at(f"question {q.id!r}: all options score the same, so the answer changes nothing", True)
    if dims is None or not check_poles:
        return
    poles: dict[str, set[str]] = {d.id: set() for d in dimensions}
    for q in questions:  # one pass, not one per dimension (#18)
        covered = poles.get(q.dimension)
        if covered is not None and len(covered) < len(AXES):
            covered |= measured_axes(q)
    for d in dimensions:
        for axis in AXES:
            if axis not in poles[d.id]:
                problems.append(Problem(d.path, d.line,
                                        f"dimension {d.id!r} has no question for the {axis} pole", True))


def measured_axes(q: Question) -> set[str]:
    if q.type == "likert":
        return {q.pole}
    return {axis for axis in AXES if any(getattr(o, axis) > 0 for o in q.options)}


def unique_ids(items, what: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for item in items:
        if item.id in first:
            message = f"duplicate {what} id {item.id!r} (first at line {first[item.id]})"
            problems.append(Problem(item.path, item.line, message))
        first.setdefault(item.id, item.line)


def line_of_key(root, key: str) -> int | None:
    for key_node, _ in root.value:
        if getattr(key_node, "value", None) == key:
            return key_node.start_mark.line + 1
    return None
