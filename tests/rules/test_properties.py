"""Properties of the scorer on random banks and random answers."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support.banks import choice, likert, make_bank

from builder.bank.model import AXES
from builder.rules.scoring import check_answers, score

fast = settings(max_examples=200, deadline=None)

#: The overall score is a weighted mean; rounding may put it a hair above 100.
EPS = 1e-9

weights = st.floats(min_value=0.01, max_value=100, allow_nan=False)
points = st.one_of(st.integers(0, 5), st.floats(min_value=0, max_value=10, allow_nan=False))


@st.composite
def banks(draw):
    dims = {f"d{i}": draw(weights) for i in range(draw(st.integers(1, 4)))}
    questions = []
    for i in range(draw(st.integers(0, 12))):
        dimension = draw(st.sampled_from(sorted(dims)))
        if draw(st.booleans()):
            pole, weight, reverse = draw(st.sampled_from(AXES)), draw(weights), draw(st.booleans())
            questions.append(likert(f"q{i}", pole, dimension, weight, reverse))
        else:
            options = [(f"o{j}", draw(points), draw(points)) for j in range(draw(st.integers(2, 4)))]
            questions.append(choice(f"q{i}", options, dimension, draw(weights)))
    mins = draw(st.lists(st.floats(min_value=0, max_value=100, exclude_min=True), max_size=4, unique=True))
    levels = [(f"l{i}", m) for i, m in enumerate([0, *sorted(mins)])]
    threshold = draw(st.floats(min_value=0, max_value=100, exclude_min=True))
    return make_bank(questions, dimensions=dims, levels=levels, threshold=threshold)


def answer_for(question) -> st.SearchStrategy:
    if question["type"] == "likert":
        return st.integers(1, 5)
    return st.sampled_from([o["id"] for o in question["options"]])


@st.composite
def models_and_answers(draw):
    model = draw(banks()).scoring_model
    answers = {}
    for q in model["questions"]:
        state = draw(st.sampled_from(["answer", "null", "absent"]))
        if state != "absent":
            answers[q["id"]] = draw(answer_for(q)) if state == "answer" else None
    return model, answers


def all_scores(result: dict) -> list[dict]:
    return [*result["dimensions"], result["overall"]]


@fast
@given(models_and_answers())
def test_generated_answers_are_valid(case):
    model, answers = case
    assert check_answers(model, answers) == []


@fast
@given(models_and_answers())
def test_scores_are_within_0_and_100_or_null(case):
    model, answers = case
    for entry in all_scores(score(model, answers)):
        for axis in AXES:
            assert entry[axis] is None or 0 <= entry[axis] <= 100 + EPS, (axis, entry)


@fast
@given(models_and_answers(), st.randoms(use_true_random=False))
def test_order_of_answers_is_irrelevant(case, random):
    model, answers = case
    items = list(answers.items())
    random.shuffle(items)
    assert score(model, dict(items)) == score(model, answers)


@fast
@given(banks())
def test_skipping_everything_gives_nulls(bank):
    model = bank.scoring_model
    skipped = score(model, {})
    assert score(model, {q.id: None for q in bank.questions}) == skipped
    for entry in all_scores(skipped):
        assert entry["answered"] == 0
        assert [entry[k] for k in ("customer", "competitor", "index", "quadrant", "level")] == [None] * 5
    assert skipped["overall"]["total"] == len(bank.questions)


@fast
@given(models_and_answers())
def test_counts(case):
    model, answers = case
    result = score(model, answers)
    for entry in result["dimensions"]:
        mine = [q["id"] for q in model["questions"] if q["dimension"] == entry["id"]]
        assert entry["total"] == len(mine)
        assert entry["answered"] == sum(answers.get(qid) is not None for qid in mine)
    assert result["overall"]["answered"] == sum(v is not None for v in answers.values())


@fast
@given(models_and_answers())
def test_index_quadrant_and_level_follow_the_scores(case):
    model, answers = case
    threshold, levels = model["threshold"], model["levels"]
    for entry in all_scores(score(model, answers)):
        customer, competitor = entry["customer"], entry["competitor"]
        if customer is None or competitor is None:
            assert entry["index"] is None and entry["quadrant"] is None
        else:
            assert entry["index"] == customer - competitor
            high = (customer >= threshold, competitor >= threshold)
            expected = {(True, False): "customer", (True, True): "both",
                        (False, True): "competitor", (False, False): "inward"}[high]
            assert entry["quadrant"] == expected
        if customer is None:
            assert entry["level"] is None
        else:
            reached = [lv for lv in levels if lv["min"] <= customer]
            assert entry["level"] == reached[-1]["id"]
            assert all(lv["min"] > customer for lv in levels[len(reached):])


@fast
@given(models_and_answers())
def test_dimension_scores_only_come_from_answered_questions(case):
    model, answers = case
    for entry in score(model, answers)["dimensions"]:
        if entry["answered"] == 0:
            assert entry["customer"] is None and entry["competitor"] is None
