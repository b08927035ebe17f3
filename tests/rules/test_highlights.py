"""The team report's facts in Python (builder/rules/highlights.py): the quadrant
counts per dimension in the team JSON, where the team stands, the widest spread,
the largest perception gap, the change since an earlier collection, and the
response rate's verdict. tests/rules/test_twins.py compares the JavaScript twin."""
from __future__ import annotations

import pytest
from support.paths import FIXTURES

from builder.bank.load import load
from builder.rules.codes import encode
from builder.rules.highlights import compare_teams, highlights, participation
from builder.rules.team import Found, aggregate, read_codes

SEGMENTED = FIXTURES / "banks" / "segmented"  # service (weight 2) and product; threshold 60; min_group_size 3
TOP = {"svc-listen": 5, "svc-rivals": 1, "svc-fix": 1, "prd-launch": "ask", "prd-price": 5}


@pytest.fixture(scope="module")
def shop():
    return load(SEGMENTED)[0]


def team_of(bank, answers_and_segments: list[tuple[dict, int]]) -> dict:
    found = [Found("", line, encode(bank.scoring_model, bank.tag, answers, segment))
             for line, (answers, segment) in enumerate(answers_and_segments, 1)]
    collection = read_codes(bank.scoring_model, bank.tag, len(bank.segment_ids), found)
    return aggregate(bank.scoring_model, bank.segment_ids, bank.min_group_size, collection)


def quadrant_of(customer: float, competitor: float) -> str:
    """The segmented bank's quadrants (threshold 60), written out."""
    return {(True, False): "customer", (False, True): "competitor", (True, True): "both",
            (False, False): "inward"}[customer >= 60, competitor >= 60]


def level_of(customer: float) -> str:
    return "high" if customer >= 75 else "mid" if customer >= 50 else "low"


def test_each_dimension_counts_its_quadrants(shop):
    team = team_of(shop, [(TOP, 1), ({"svc-rivals": 5, "svc-listen": 1}, 1), ({"svc-listen": 4}, 2)])
    service, product = team["all"]["dimensions"]
    assert list(service) == ["id", "customer", "competitor", "quadrants"]
    # TOP: customer 100, competitor 0; the rival: customer 0, competitor 100; the third answers no competitor item
    assert service["quadrants"] == {"customer": 1, "competitor": 1, "both": 0, "inward": 0, "none": 1}
    # the product questions: TOP's choice scores both axes (customer 100, competitor 0); nobody else answered them
    assert product["quadrants"] == {"customer": 1, "competitor": 0, "both": 0, "inward": 0, "none": 2}
    assert team["all"]["quadrants"] == {"customer": 1, "competitor": 1, "both": 0, "inward": 0, "none": 1}


def test_highlights_name_position_spread_and_gap(shop):
    lead = [({**TOP, "svc-fix": v}, 1) for v in (1, 2, 3)]  # customer-minded, a little competitor
    floor = [({"svc-listen": v, "svc-rivals": 5, "svc-fix": 5, "prd-launch": "copy", "prd-price": 1}, 2)
             for v in (1, 3, 5)]
    team = team_of(shop, lead + floor)
    facts = highlights(shop.scoring_model, team)
    overall = team["all"]["overall"]
    assert facts["overall"] == {"customer": overall["customer"]["mean"], "competitor": overall["competitor"]["mean"],
                                "quadrant": quadrant_of(overall["customer"]["mean"], overall["competitor"]["mean"]),
                                "level": level_of(overall["customer"]["mean"])}
    widths = {(d["id"], axis): d[axis]["q3"] - d[axis]["q1"] for d in team["all"]["dimensions"]
              for axis in ("customer", "competitor") if "q3" in d[axis]}
    widest = max(widths.values())
    first = next(key for key, width in widths.items() if width == widest)
    assert facts["spread"] == {"dimension": first[0], "axis": first[1], "width": widest}
    gaps = [(d["id"], axis, d[axis]) for d in team["gaps"]["dimensions"] for axis in ("customer", "competitor")
            if d[axis]]
    largest = max(gaps, key=lambda g: g[2]["gap"])
    assert facts["gap"] == {"dimension": largest[0], "axis": largest[1], **largest[2]}
    assert facts["gap"]["high"] in {"lead", "floor"} and facts["gap"]["gap"] > 0
    assert [d["id"] for d in facts["dimensions"]] == ["service", "product"]


def test_nothing_is_highlighted_for_a_hidden_team(shop):
    team = team_of(shop, [(TOP, 1), (TOP | {"svc-fix": 3}, 2)])
    assert team["all"] == {"hidden": "small"}
    assert highlights(shop.scoring_model, team) is None


def test_a_hidden_statistic_gives_no_position_on_its_axis(shop):
    team = team_of(shop, [({"svc-listen": v}, 1) for v in (1, 3, 5)])  # no competitor answers at all
    facts = highlights(shop.scoring_model, team)
    assert facts["overall"] == {"customer": 50, "competitor": None, "quadrant": None, "level": "mid"}
    assert facts["gap"] is None  # one segment only


def test_compare_with_an_earlier_team(shop):
    now = team_of(shop, [(TOP, 1), ({"svc-listen": 3}, 1), ({"svc-listen": 1, "svc-rivals": 5}, 2)])
    before = team_of(shop, [({"svc-listen": v, "svc-rivals": 3}, 0) for v in (1, 2, 3)])
    compared = compare_teams(now, before)
    assert compared["ok"] is True
    service_now, service_before = now["all"]["dimensions"][0]["customer"]["mean"], before["all"]["dimensions"][0][
        "customer"]["mean"]
    assert compared["dimensions"][0]["customer"] == {"before": service_before, "now": service_now,
                                                     "change": service_now - service_before}
    assert compared["dimensions"][1] == {"id": "product", "customer": None, "competitor": None}  # never answered
    assert compare_teams(now, {"team": 1, "bank": {"id": "another"}, "all": {}}) == {"ok": False, "reason": "bank"}
    assert compare_teams(now, {"codes": [1]}) == {"ok": False, "reason": "format"}
    assert compare_teams(now, {"team": True, "bank": {"id": shop.id}, "all": {}}) == {"ok": False, "reason": "format"}


@pytest.mark.parametrize(("counted", "invited", "want"), [
    (4, None, {"rate": None, "trust": None}),
    (2, None, {"rate": None, "trust": "small"}),
    (2, 4, {"rate": 0.5, "trust": "small"}),
    (3, 10, {"rate": 0.3, "trust": None}),  # 30 % exactly is enough
    (3, 11, {"rate": 3 / 11, "trust": "low_rate"}),
    (12, 10, {"rate": 1.2, "trust": "more_than_invited"}),
    (5, 0, {"rate": None, "trust": None}),
])
def test_participation(counted, invited, want):
    assert participation(counted, invited, 3) == want
