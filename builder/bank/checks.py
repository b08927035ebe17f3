"""Cross-checks of a bank read whole: what no single key can tell (ids that
must be unique, references between parts, both poles per dimension)."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from .format import BANK_FILE_NAME
from .model import AXES, DEFAULT_SCALES, Bank, Question
from .schema import suggest


def check_settings(bank: Bank, root, problems: list[Problem]) -> dict[str, list[str]]:
    """Cross-checks within bank.yml; returns the complete likert scale."""
    path = str(Path(bank.path) / BANK_FILE_NAME)
    at = lambda line, msg, warning=False: problems.append(Problem(path, line, msg, warning))  # noqa: E731

    if len(set(bank.languages)) != len(bank.languages):
        at(line_of_key(root, "languages"), "languages are listed twice")
    unique_ids(bank.dimensions, "dimension", problems)
    unique_ids(bank.levels, "level", problems)
    if bank.segments is not None:
        unique_ids(bank.segments.options, "segment option", problems)
    if bank.levels and bank.levels[0].min != 0:
        at(bank.levels[0].line, f"the first level must have min: 0, found {bank.levels[0].min:g}")
    for before, after in zip(bank.levels, bank.levels[1:], strict=False):
        if after.min <= before.min:
            at(after.line, f"level {after.id!r}: min must be above {before.min:g} (levels ascend)")

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

    dims = {d.id for d in bank.dimensions}
    levels = {lv.id for lv in bank.levels}
    recs = bank.recommendations
    for dim, by_level in recs.items():
        if dim not in dims:
            at(recs.lines[dim], f"recommendations for unknown dimension {dim!r}{suggest(dim, dims)}")
            continue
        for lv in by_level:
            if lv not in levels:
                at(by_level.lines[lv], f"recommendation for unknown level {lv!r}{suggest(lv, levels)}")
    rec_lines = getattr(recs, "lines", {})  # a plain {} when the bank has no recommendations
    for d in bank.dimensions:
        for lv in bank.levels:
            if lv.id not in recs.get(d.id, {}):
                at(rec_lines.get(d.id, line_of_key(root, "recommendations") or d.line),
                   f"no recommendation for dimension {d.id!r} at level {lv.id!r}", True)
    return scale


def check_questions(bank: Bank, problems: list[Problem], check_poles: bool = True) -> None:
    dims = {d.id for d in bank.dimensions}
    seen: dict[str, Question] = {}
    for q in bank.questions:
        at = lambda msg, warning=False, q=q: problems.append(Problem(q.path, q.line, msg, warning))  # noqa: E731
        if q.id in seen:
            first = seen[q.id]
            at(f"duplicate question id {q.id!r} (first in {Path(first.path).name}:{first.line})")
        seen.setdefault(q.id, q)
        if q.dimension not in dims:
            at(f"question {q.id!r}: unknown dimension {q.dimension!r}{suggest(q.dimension, dims)}")
        if q.type == "choice":
            unique_ids(q.options, "option", problems)
            if len({(o.customer, o.competitor) for o in q.options}) == 1:
                at(f"question {q.id!r}: all options score the same, so the answer changes nothing", True)
    for d in bank.dimensions if check_poles else ():
        poles = {axis for q in bank.dimension_questions(d.id) for axis in measured_axes(q)}
        for axis in AXES:
            if axis not in poles:
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
