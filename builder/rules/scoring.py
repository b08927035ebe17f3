"""The reference scorer: the normative rules of docs/bank-format.md.

It works on the *scoring model* (`Bank.scoring_model`), the JSON-ready dict
that the site inlines for `scoring.js`, so Python and the browser score the
very same data with the same sequence of floating-point operations.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..bank.model import AXES
from ..bank.schema import suggest


def answer_values(q: dict) -> list:
    """Every answer a question takes, in order: 1 to 5, or its option ids (scoring.js `answerValues`)."""
    return [1, 2, 3, 4, 5] if q["type"] == "likert" else [o["id"] for o in q["options"]]


def points(q: dict, value) -> dict[str, tuple[float, float]]:
    """Weighted points an answer earns and could have earned, on each axis it counts toward
    (scoring.js `points`)."""
    weight = q["weight"]
    if q["type"] == "likert":
        return {q["pole"]: (weight * (5 - value if q["reverse"] else value - 1), weight * 4)}
    chosen = next(o for o in q["options"] if o["id"] == value)
    moved = {}
    for axis in AXES:
        best = max(o[axis] for o in q["options"])
        if best > 0:
            moved[axis] = (weight * chosen[axis], weight * best)
    return moved


def check_answers(model: dict, answers) -> list[tuple[str | None, str]]:
    """Problems with an answers mapping, as (question id or None, message)."""
    if not isinstance(answers, dict):
        return [(None, "answers must be an object mapping question ids to answers")]
    questions = {q["id"]: q for q in model["questions"]}
    problems = []
    for qid, value in answers.items():
        q = questions.get(qid)
        if q is None:
            problems.append((qid, f"unknown question {qid!r}{suggest(str(qid), questions)}"))
        elif value is None:
            continue
        elif q["type"] == "likert":
            if type(value) is not int or not 1 <= value <= 5:
                message = f"answer to {qid!r} must be a whole number from 1 to 5, found {json.dumps(value)}"
                problems.append((qid, message))
        else:
            ids = [o["id"] for o in q["options"]]
            if not isinstance(value, str) or value not in ids:
                problems.append((qid, f"answer to {qid!r} must be one of {', '.join(ids)}; found {json.dumps(value)}"))
    return problems


def per_model(compute):
    """Cache `compute(model)` per scoring model. Models are plain dicts, so by identity;
    the cache keeps each model alive, so an id is never reused while cached."""
    cache: dict[int, tuple] = {}

    @functools.wraps(compute)
    def cached(model: dict):
        hit = cache.get(id(model))
        if hit is None or hit[0] is not model:
            if len(cache) >= 16:
                cache.clear()
            hit = cache[id(model)] = (model, compute(model))
        return hit[1]

    return cached


@dataclass(frozen=True)
class Plan:
    """What scoring reads of a model, worked out once per model (#8: a team report
    scores 100,000 codes): per question a tuple (id, dimension index, slot of its
    pole or None, reverse, weight, option id -> option, (slot, axis, largest points)
    for each axis where those are above 0), and per dimension its weight and size."""

    questions: tuple[tuple, ...]
    weights: tuple[int | float, ...]
    totals: tuple[int, ...]


#: accumulator slots of a dimension: customer points and possible points, the same for competitor, then answered
SLOT = {"customer": 0, "competitor": 2}


@per_model
def plan(model: dict) -> Plan:
    index = {d["id"]: i for i, d in enumerate(model["dimensions"])}
    questions = []
    for q in model["questions"]:
        weight = float(q["weight"])
        if q["type"] == "likert":
            questions.append((q["id"], index[q["dimension"]], SLOT[q["pole"]], q["reverse"], weight, None, ()))
        else:
            best = {axis: max(o[axis] for o in q["options"]) for axis in AXES}
            axes = tuple((SLOT[axis], axis, best[axis]) for axis in AXES if best[axis] > 0)
            questions.append((q["id"], index[q["dimension"]], None, False, weight,
                              {o["id"]: o for o in q["options"]}, axes))
    totals = [0] * len(index)
    for q in model["questions"]:
        totals[index[q["dimension"]]] += 1
    return Plan(tuple(questions), tuple(d["weight"] for d in model["dimensions"]), tuple(totals))


def axis_scores(model: dict, answers: dict) -> tuple[list[tuple], tuple, list[int]]:
    """The numbers of `score`: (customer, competitor) per dimension and overall
    (None where not scored), and the answered questions per dimension.

    Points are summed per dimension and axis in question order, then divided,
    then averaged over dimensions in their order, exactly as docs/bank-format.md
    and scoring.js do, so the floats agree to the last bit."""
    shape = plan(model)
    sums = [[0.0, 0.0, 0.0, 0.0, 0] for _ in shape.totals]
    for qid, dimension, slot, reverse, weight, options, axes in shape.questions:
        value = answers.get(qid)
        if value is None:
            continue
        acc = sums[dimension]
        acc[4] += 1
        if options is None:  # likert
            acc[slot] += weight * (5 - value if reverse else value - 1)
            acc[slot + 1] += weight * 4
        else:
            chosen = options[value]
            for at, axis, best in axes:
                acc[at] += weight * chosen[axis]
                acc[at + 1] += weight * best
    dimensions = [(100 * c / c_max if c_max > 0 else None, 100 * k / k_max if k_max > 0 else None)
                  for c, c_max, k, k_max, _ in sums]
    overall = []
    for axis in (0, 1):
        total, weights = 0.0, 0.0
        for weight, scores in zip(shape.weights, dimensions, strict=True):
            if scores[axis] is not None:
                total += weight * scores[axis]
                weights += weight
        overall.append(total / weights if weights > 0 else None)
    return dimensions, tuple(overall), [acc[4] for acc in sums]


def score(model: dict, answers: dict) -> dict:
    """Score valid answers (see `check_answers`) into the result JSON."""
    per_dimension, overall, answered = axis_scores(model, answers)
    totals = plan(model).totals
    dimensions = [{"id": d["id"]} | classify(model, dict(zip(AXES, scores, strict=True)))
                  | {"answered": n, "total": total}
                  for d, scores, n, total in zip(model["dimensions"], per_dimension, answered, totals, strict=True)]
    overall = classify(model, dict(zip(AXES, overall, strict=True))) | {
        "answered": sum(answered),
        "total": sum(totals),
    }
    return {"bank": dict(model["bank"]), "dimensions": dimensions, "overall": overall}


def classify(model: dict, scores: dict) -> dict:
    customer, competitor = scores["customer"], scores["competitor"]
    both_known = customer is not None and competitor is not None
    return {
        "customer": customer,
        "competitor": competitor,
        "index": customer - competitor if both_known else None,
        "quadrant": quadrant(customer, competitor, model["threshold"]) if both_known else None,
        "level": level(customer, model["levels"]),
    }


def quadrant(customer: float, competitor: float, threshold: float) -> str:
    high_customer, high_competitor = customer >= threshold, competitor >= threshold
    if high_customer and high_competitor:
        return "both"
    if high_customer:
        return "customer"
    if high_competitor:
        return "competitor"
    return "inward"


def level(customer: float | None, levels: list[dict]) -> str | None:
    if customer is None:
        return None
    found = None
    for lv in levels:
        if lv["min"] <= customer:
            found = lv["id"]
    return found
