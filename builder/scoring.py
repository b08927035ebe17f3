"""The reference scorer: the normative rules of docs/bank-format.md.

It works on the *scoring model*, the JSON-ready dict that the site inlines for
`scoring.js`, so Python and the browser score the very same data with the
same sequence of floating-point operations.
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from .model import AXES, Bank
from .schema import suggest


def num(x: float) -> int | float:
    """One spelling per number (1 and 1.0 alike), for stable JSON and hashes."""
    return int(x) if float(x).is_integer() else float(x)


def scoring_model(bank: Bank) -> dict:
    core = {
        "threshold": num(bank.quadrants.threshold),
        "levels": [{"id": lv.id, "min": num(lv.min)} for lv in bank.levels],
        "dimensions": [{"id": d.id, "weight": num(d.weight)} for d in bank.dimensions],
        "questions": [question_model(q) for q in bank.questions],
    }
    canonical = json.dumps(core, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    fingerprint = hashlib.sha256(canonical.encode()).hexdigest()[:12]
    return {"bank": {"id": bank.id, "version": bank.version, "fingerprint": fingerprint}} | core


def question_model(q) -> dict:
    entry = {"id": q.id, "dimension": q.dimension, "type": q.type, "weight": num(q.weight)}
    if q.type == "likert":
        entry |= {"pole": q.pole, "reverse": q.reverse}
    else:
        entry["options"] = [{"id": o.id, "customer": num(o.customer), "competitor": num(o.competitor)}
                            for o in q.options]
    return entry


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
class PlannedQuestion:
    """What `score` reads of a question, worked out once per model (same numbers, same operations)."""

    id: str
    dimension: str
    weight: float
    pole: str | None = None  # likert
    reverse: bool = False
    options: dict | None = None  # choice: option id -> option
    axes: tuple[tuple[str, float], ...] = ()  # choice: (axis, largest points) where those are above 0


@per_model
def question_plan(model: dict) -> list[PlannedQuestion]:
    plan = []
    for q in model["questions"]:
        common = {"id": q["id"], "dimension": q["dimension"], "weight": float(q["weight"])}
        if q["type"] == "likert":
            plan.append(PlannedQuestion(**common, pole=q["pole"], reverse=q["reverse"]))
        else:
            best = {axis: max(o[axis] for o in q["options"]) for axis in AXES}
            plan.append(PlannedQuestion(**common, options={o["id"]: o for o in q["options"]},
                                        axes=tuple((axis, best[axis]) for axis in AXES if best[axis] > 0)))
    return plan


def score(model: dict, answers: dict) -> dict:
    """Score valid answers (see `check_answers`) into the result JSON."""
    sums = {d["id"]: {"customer": [0.0, 0.0], "competitor": [0.0, 0.0], "answered": 0, "total": 0}
            for d in model["dimensions"]}
    for q in question_plan(model):
        acc = sums[q.dimension]
        acc["total"] += 1
        value = answers.get(q.id)
        if value is None:
            continue
        acc["answered"] += 1
        if q.options is None:  # likert
            points = 5 - value if q.reverse else value - 1
            acc[q.pole][0] += q.weight * points
            acc[q.pole][1] += q.weight * 4
        else:
            chosen = q.options[value]
            for axis, best in q.axes:
                acc[axis][0] += q.weight * chosen[axis]
                acc[axis][1] += q.weight * best

    dimensions = []
    for d in model["dimensions"]:
        acc = sums[d["id"]]
        scores = {axis: (100 * acc[axis][0] / acc[axis][1] if acc[axis][1] > 0 else None) for axis in AXES}
        dimensions.append({"id": d["id"]} | classify(model, scores)
                          | {"answered": acc["answered"], "total": acc["total"]})

    overall = {}
    for axis in AXES:
        total, weights = 0.0, 0.0
        for d, result in zip(model["dimensions"], dimensions, strict=True):
            if result[axis] is not None:
                total += d["weight"] * result[axis]
                weights += d["weight"]
        overall[axis] = total / weights if weights > 0 else None
    overall = classify(model, overall) | {
        "answered": sum(r["answered"] for r in dimensions),
        "total": sum(r["total"] for r in dimensions),
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
