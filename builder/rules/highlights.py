"""What a team report says first, read off a team JSON (docs/team-results.md,
"The team report"): where the team stands, where opinions differ most, the
largest perception gap, the change since an earlier collection, and how far
to trust the result. `site_src/static/js/rules/highlights.js` is the twin the
team page runs; the tests compare both.

Only what the team JSON shows is used, so whatever `min_group_size` hides
stays hidden here too.
"""
from __future__ import annotations

from ..bank.model import AXES
from .scoring import level, quadrant

#: below this share of the people invited, the page warns that the result may not be representative
LOW_RESPONSE_RATE = 0.3


def mean_of(cell: dict) -> float | None:
    """A statistic's mean; None when it is hidden or has no values."""
    return cell.get("mean")


def position(model: dict, part: dict) -> dict:
    """The team's place in a dimension (or overall): both axes' means, their quadrant, the customer mean's level."""
    customer, competitor = mean_of(part["customer"]), mean_of(part["competitor"])
    known = customer is not None and competitor is not None
    return {"customer": customer, "competitor": competitor,
            "quadrant": quadrant(customer, competitor, model["threshold"]) if known else None,
            "level": level(customer, model["levels"])}


def highlights(model: dict, team: dict) -> dict | None:
    """The facts of the summary sentences and next steps; None when the whole set is hidden or empty.

    spread: the dimension and axis whose middle half of answers (q1 to q3) is widest;
    gap: the dimension and axis with the largest perception gap between groups.
    Ties go to the first in dimension order, customer before competitor.
    """
    everyone = team["all"]
    if "overall" not in everyone:
        return None
    spread = gap = None
    for d, gaps in zip(everyone["dimensions"], team["gaps"]["dimensions"], strict=True):
        for axis in AXES:
            cell = d[axis]
            if "q3" in cell and (spread is None or cell["q3"] - cell["q1"] > spread["width"]):
                spread = {"dimension": d["id"], "axis": axis, "width": cell["q3"] - cell["q1"]}
            found = gaps[axis]
            if found is not None and (gap is None or found["gap"] > gap["gap"]):
                gap = {"dimension": d["id"], "axis": axis} | found
    return {
        "overall": position(model, everyone["overall"]),
        "dimensions": [{"id": d["id"]} | position(model, d) for d in everyone["dimensions"]],
        "spread": spread,
        "gap": gap,
    }


def compare_teams(team: dict, earlier) -> dict:
    """The change of the whole team's means since an `earlier` team JSON (parsed), per dimension
    (matched by id) and overall, per axis: {"before", "now", "change"}, or None where either is not shown.
    {"ok": False, "reason": "format" | "bank"} when `earlier` is no team JSON, or another bank's."""
    if not (isinstance(earlier, dict) and earlier.get("team") == 1 and not isinstance(earlier["team"], bool)
            and isinstance(earlier.get("bank"), dict)
            and isinstance(earlier.get("all"), dict)):
        return {"ok": False, "reason": "format"}
    if earlier["bank"].get("id") != team["bank"]["id"]:
        return {"ok": False, "reason": "bank"}
    before_dimensions: dict[str, dict] = {}
    dimensions = earlier["all"].get("dimensions")
    for d in dimensions if isinstance(dimensions, list) else []:
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            before_dimensions.setdefault(d["id"], d)  # the first of a repeated id

    def change(now_part: dict | None, before_part) -> dict:
        return {axis: changed(now_part, before_part, axis) for axis in AXES}

    now = team["all"]
    return {
        "ok": True,
        "overall": change(now.get("overall"), earlier["all"].get("overall")),
        "dimensions": [{"id": d["id"]} | change(d, before_dimensions.get(d["id"])) for d in now.get("dimensions", [])],
    }


def changed(now_part: dict | None, before_part, axis: str) -> dict | None:
    now = now_part and mean_of(now_part[axis])
    before = before_part.get(axis) if isinstance(before_part, dict) else None
    before = before.get("mean") if isinstance(before, dict) else None
    if not isinstance(before, int | float) or isinstance(before, bool) or now is None:
        return None
    return {"before": before, "now": now, "change": now - before}


def participation(counted: int, invited: int | None, k: int) -> dict:
    """The response rate (counted codes of the people invited, None without a number invited) and
    how far to trust the result: "small" (fewer than k codes), "more_than_invited", "low_rate"
    (below LOW_RESPONSE_RATE), or None."""
    rate = counted / invited if invited else None
    if counted < k:
        trust = "small"
    elif rate is not None and rate > 1:
        trust = "more_than_invited"
    elif rate is not None and rate < LOW_RESPONSE_RATE:
        trust = "low_rate"
    else:
        trust = None
    return {"rate": rate, "trust": trust}
