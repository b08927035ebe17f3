"""Levers (docs/results.md): for every answered question, how much the overall
index (customer − competitor) would rise if this one answer were the best one
for the index, and how much each axis would move. The twin of
site_src/static/js/rules/gains.js, operation for operation."""
from __future__ import annotations

from ..bank.model import AXES
from .scoring import answer_values, points


def gains(model: dict, answers: dict) -> list[dict]:
    """Biggest gain first, ties in bank order; `best` is the answer that gains most (the first
    of equals), `customer` and `competitor` the changes of the overall scores it brings."""
    possible: dict[str, dict[str, float]] = {axis: {} for axis in AXES}
    answered = [q for q in model["questions"] if answers.get(q["id"]) is not None]
    for q in answered:
        for axis, (_, most) in points(q, answers[q["id"]]).items():
            possible[axis][q["dimension"]] = possible[axis].get(q["dimension"], 0) + most
    weight = {d["id"]: d["weight"] for d in model["dimensions"]}
    weights = {axis: 0 for axis in AXES}
    for d in model["dimensions"]:
        for axis in AXES:
            if possible[axis].get(d["id"]):
                weights[axis] += d["weight"]

    def moves(q: dict, before_value, after_value) -> list[float]:
        before, after = points(q, before_value), points(q, after_value)
        return [100 * (after[axis][0] - before[axis][0]) / possible[axis][q["dimension"]] * weight[q["dimension"]]
                / weights[axis] if axis in after else 0 for axis in AXES]

    levers = []
    for q in answered:
        best = None
        for value in answer_values(q):
            customer, competitor = moves(q, answers[q["id"]], value)
            gain = customer - competitor
            if best is None or gain > best["gain"]:
                best = {"id": q["id"], "best": value, "gain": gain, "customer": customer, "competitor": competitor}
        if best["gain"] > 0:
            levers.append(best)
    return sorted(levers, key=lambda lever: -lever["gain"])
