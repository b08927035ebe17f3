"""Levers on both axes (docs/results.md): what each answer could add to the
index (customer − competitor), on hand-computed cases; checked against the
scorer by changing the answer and scoring again."""
from __future__ import annotations

import random

import pytest
from support.answers import random_answers
from support.banks import choice, likert, make_model
from support.paths import BANKS

from builder.bank.load import load
from builder.rules.gains import gains
from builder.rules.scoring import answer_values, score

#: one dimension: two customer statements (one reverse-worded), two competitor statements, one choice
MODEL = make_model([
    likert("c1"), likert("c2", reverse=True), likert("k1", pole="competitor"),
    likert("k2", pole="competitor", weight=2), choice("ch", [("copy", 0, 2), ("ask", 2, 0), ("both", 1, 1)]),
])


def test_a_customer_statement_can_add_what_it_missed():
    # c1 answered 2: 1 of 4 customer points; the customer denominator is c1's 4 alone
    (lever,) = gains(MODEL, {"c1": 2})
    assert lever == {"id": "c1", "best": 5, "gain": 75.0, "customer": 75.0, "competitor": 0}


def test_an_agreed_competitor_statement_is_a_lever_too():
    # k2 (weight 2) fully agreed: 8 of 8 competitor points; letting go takes the competitor score from 100 to 0
    (lever,) = gains(MODEL, {"k2": 5})
    assert lever == {"id": "k2", "best": 1, "gain": 100.0, "customer": 0, "competitor": -100.0}


def test_a_reverse_worded_customer_statement_gains_by_disagreeing():
    # c2 (reverse) fully agreed: 0 of 4 customer points; "strongly disagree" (1) earns all 4
    (lever,) = gains(MODEL, {"c2": 5})
    assert lever == {"id": "c2", "best": 1, "gain": 100.0, "customer": 100.0, "competitor": 0}


def test_gains_are_ranked_across_both_axes():
    answers = {"c1": 4, "c2": 1, "k1": 4, "k2": 2}
    # customer: c1 3/4, c2 4/4 (reverse, 1 = best): denominator 8; competitor: k1 3/4, k2 2/8: denominator 12
    ranked = gains(MODEL, answers)
    assert [lever["id"] for lever in ranked] == ["k1", "k2", "c1"]
    k1, k2, c1 = ranked
    assert k1["gain"] == pytest.approx(100 * 3 / 12) and k1["competitor"] == pytest.approx(-25)
    assert c1["gain"] == pytest.approx(100 * 1 / 8) and c1["customer"] == pytest.approx(12.5)
    assert k2["gain"] == pytest.approx(100 * 2 / 12)


def test_a_choice_moves_both_axes_at_once():
    # "copy": customer 0 of 2, competitor 2 of 2; "ask" makes customer 100 and competitor 0
    (lever,) = gains(MODEL, {"ch": "copy"})
    assert lever == {"id": "ch", "best": "ask", "gain": 200.0, "customer": 100.0, "competitor": -100.0}
    (lever,) = gains(MODEL, {"ch": "both"})
    assert lever == {"id": "ch", "best": "ask", "gain": 100.0, "customer": 50.0, "competitor": -50.0}
    assert gains(MODEL, {"ch": "ask"}) == [], "nothing to gain from the best answer"


def test_dimension_weights_share_the_gain():
    model = make_model([likert("a1", dimension="a"), likert("b1", dimension="b")], dimensions={"a": 1, "b": 3})
    ranked = {lever["id"]: lever["gain"] for lever in gains(model, {"a1": 1, "b1": 1})}
    assert ranked == {"a1": pytest.approx(100 * 1 / 4), "b1": pytest.approx(100 * 3 / 4)}


def moved(before: dict, after: dict) -> dict[str, float]:
    """How the overall scores changed; an axis without answers (None) stays where it is."""
    change = {axis: (after[axis] or 0) - (before[axis] or 0) for axis in ("customer", "competitor")}
    return change | {"index": change["customer"] - change["competitor"]}


@pytest.mark.parametrize("seed", range(20))
def test_a_gain_is_what_the_index_would_gain(seed):
    """For every lever, change that one answer to the best one, score again: the index rises by the gain."""
    model = load(BANKS["default"])[0].scoring_model
    answers = {q: v for q, v in random_answers(model, random.Random(f"gains-{seed}")).items() if v is not None}
    before = score(model, answers)["overall"]
    questions = {q["id"]: q for q in model["questions"]}
    levers = gains(model, answers)
    assert levers == sorted(levers, key=lambda lever: -lever["gain"])
    for lever in levers:
        q = questions[lever["id"]]
        values = answer_values(q)
        best = moved(before, score(model, answers | {q["id"]: lever["best"]})["overall"])
        most = max(moved(before, score(model, answers | {q["id"]: v})["overall"])["index"] for v in values)
        assert best["index"] == pytest.approx(most, abs=1e-9)
        assert best["index"] == pytest.approx(lever["gain"], abs=1e-9)
        assert best["customer"] == pytest.approx(lever["customer"], abs=1e-9)
        assert best["competitor"] == pytest.approx(lever["competitor"], abs=1e-9)
    for q_id in answers.keys() - {lever["id"] for lever in levers}:
        q = questions[q_id]
        values = answer_values(q)
        assert all(moved(before, score(model, answers | {q_id: v})["overall"])["index"] <= 1e-9 for v in values)
