"""Bank self-tests: score each example's answers and compare with `expect`."""
from __future__ import annotations

from ..bank.model import Bank
from ..errors import Problem
from .scoring import check_answers, score

#: Expected numbers match when they agree to two decimals, so a bank author
#: can write 66.67 for 66.666...
TOLERANCE = 0.005 + 1e-9


def run_examples(bank: Bank) -> list[Problem]:
    """A problem for every expectation of the bank's `examples:` that scoring does not meet."""
    model = bank.scoring_model
    problems: list[Problem] = []
    dims = {d.id for d in bank.dimensions}
    levels = {lv.id for lv in bank.levels}
    for example in bank.examples:
        problems += check_example(example, model, dims, levels)
    return problems


def check_example(example, model: dict, dims: set[str], levels: set[str]) -> list[Problem]:
    found: list[Problem] = []

    def report(line: int, message: str) -> None:
        found.append(Problem(example.path, line, f"example {example.name!r}: {message}"))

    for qid, message in check_answers(model, example.answers):
        report(example.answers.lines.get(qid, example.line), message)
    expect = example.expect
    wanted = [("overall", expect["overall"])] if expect["overall"] else []
    for dim, scores in expect["dimensions"].items():
        if dim in dims:
            wanted.append((dim, scores))
        else:
            report(expect["dimensions"].lines[dim], f"unknown dimension {dim!r}")
    for _, scores in wanted:
        if scores.get("level") not in (None, *levels):
            report(scores["line"], f"unknown level {scores['level']!r}")
    if found:
        return found

    result = score(model, example.answers)
    by_dimension = {d["id"]: d for d in result["dimensions"]}
    for where, scores in wanted:
        actual = result["overall"] if where == "overall" else by_dimension[where]
        label = "overall" if where == "overall" else f"dimension {where!r}"
        for key, expected in scores.items():
            if key != "line" and not matches(actual[key], expected):
                report(scores["line"], f"{label} {key} is {show(actual[key])}, expected {show(expected)}")
    return found


def matches(actual, expected) -> bool:
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(actual - expected) <= TOLERANCE
    return actual == expected


def show(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value - round(value, 2)) > 1e-9 else f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)
