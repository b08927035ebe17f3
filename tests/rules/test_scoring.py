"""Hand-computed scores for the normative rules in docs/bank-format.md."""
from __future__ import annotations

from pathlib import Path

import pytest
from support.banks import choice, copy_bank, likert, make_model
from support.paths import SMALL_BANK

from builder.bank.load import load
from builder.rules.scoring import check_answers, score


def dim(result: dict, dimension: str = "d") -> dict:
    return next(d for d in result["dimensions"] if d["id"] == dimension)


# --- Likert ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, expected", [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)])
def test_likert_points_are_answer_minus_one(answer, expected):
    result = score(make_model([likert("q")]), {"q": answer})
    assert dim(result)["customer"] == expected


@pytest.mark.parametrize("answer, expected", [(1, 100.0), (2, 75.0), (4, 25.0), (5, 0.0)])
def test_reverse_likert_points_are_five_minus_answer(answer, expected):
    result = score(make_model([likert("q", reverse=True)]), {"q": answer})
    assert dim(result)["customer"] == expected


def test_likert_counts_on_its_pole_only():
    result = score(make_model([likert("q", pole="competitor")]), {"q": 4})
    assert (dim(result)["customer"], dim(result)["competitor"]) == (None, 75.0)


def test_question_weights():
    # customer: (3*4 + 1*0) / (3*4 + 1*4) = 12/16
    model = make_model([likert("heavy", weight=3), likert("light")])
    assert dim(score(model, {"heavy": 5, "light": 1}))["customer"] == 75.0


def test_skipped_questions_add_nothing():
    model = make_model([likert("a"), likert("b"), likert("c"), likert("k", pole="competitor")])
    result = score(model, {"a": 5, "b": None})  # c and k absent
    assert dim(result) == {"id": "d", "customer": 100.0, "competitor": None, "index": None, "quadrant": None,
                           "level": "high", "answered": 1, "total": 4}


# --- Choice ----------------------------------------------------------------------------------------

LAUNCH = [("copy", 0, 3), ("ask", 2, 0), ("mix", 1, 1), ("ignore", 0, 0)]


@pytest.mark.parametrize("option, customer, competitor", [
    ("ask", 100.0, 0.0),
    ("copy", 0.0, 100.0),
    ("mix", 50.0, 100 / 3),   # 1 of max 2, 1 of max 3
    ("ignore", 0.0, 0.0),
])
def test_choice_scores_against_the_best_option_per_axis(option, customer, competitor):
    result = score(make_model([choice("c", LAUNCH, weight=2)]), {"c": option})
    assert (dim(result)["customer"], dim(result)["competitor"]) == (customer, competitor)


def test_choice_and_likert_share_the_denominator_by_weight():
    # customer: (1*2 + 2*1) / (1*4 + 2*2) = 4/8; competitor: 2*1 / (2*3) = 1/3
    model = make_model([likert("q"), choice("c", LAUNCH, weight=2)])
    result = score(model, {"q": 3, "c": "mix"})
    assert (dim(result)["customer"], dim(result)["competitor"]) == (50.0, 100 / 3)


def test_choice_without_points_on_an_axis_adds_nothing_there():
    model = make_model([choice("c", [("a", 2, 0), ("b", 1, 0)]), likert("k", pole="competitor")])
    result = score(model, {"c": "b", "k": 2})
    # competitor comes from the likert alone: 1/4, not 1/(4 + 0)
    assert (dim(result)["customer"], dim(result)["competitor"]) == (50.0, 25.0)
    only_choice = score(make_model([choice("c", [("a", 2, 0), ("b", 1, 0)])]), {"c": "a"})
    assert dim(only_choice)["competitor"] is None


# --- Dimensions and overall ------------------------------------------------------------------------

def test_dimension_weights_in_the_overall():
    model = make_model(
        [likert("a1", dimension="a"), likert("b1", dimension="b"), likert("b2", pole="competitor", dimension="b")],
        dimensions={"a": 3, "b": 1},
    )
    result = score(model, {"a1": 5, "b1": 1, "b2": 3})
    # customer: (3*100 + 1*0) / 4; competitor: a has none, so only b counts: 1*50 / 1
    assert result["overall"] == {"customer": 75.0, "competitor": 50.0, "index": 25.0, "quadrant": "both",
                                 "level": "high", "answered": 3, "total": 3}
    assert [d["id"] for d in result["dimensions"]] == ["a", "b"]


def test_skipped_dimension_is_left_out_of_the_overall():
    model = make_model([likert("a1", dimension="a"), likert("b1", dimension="b")], dimensions={"a": 1, "b": 5})
    result = score(model, {"a1": 4})
    assert dim(result, "b")["customer"] is None
    assert result["overall"]["customer"] == 75.0


def test_no_answers_means_null_everywhere():
    model = make_model([likert("a1", dimension="a"), choice("b1", LAUNCH, dimension="b")])
    result = score(model, {})
    nulls = {"customer": None, "competitor": None, "index": None, "quadrant": None, "level": None, "answered": 0}
    assert result["overall"] == nulls | {"total": 2}
    assert result["dimensions"] == [{"id": "a"} | nulls | {"total": 1}, {"id": "b"} | nulls | {"total": 1}]


# --- Thresholds and levels -------------------------------------------------------------------------

@pytest.mark.parametrize("customer, competitor, quadrant", [
    (3, 2, "customer"),     # 50 vs 25: exactly at the threshold counts as high
    (3, 3, "both"),         # 50 vs 50
    (2, 3, "competitor"),   # 25 vs 50
    (2, 2, "inward"),       # 25 vs 25
])
def test_quadrant_threshold_is_inclusive(customer, competitor, quadrant):
    model = make_model([likert("c"), likert("k", pole="competitor")], threshold=50)
    result = score(model, {"c": customer, "k": competitor})
    assert dim(result)["quadrant"] == quadrant
    assert result["overall"]["quadrant"] == quadrant


def test_quadrant_with_a_non_default_threshold():
    model = make_model([likert("c"), likert("k", pole="competitor")], threshold=75)
    assert dim(score(model, {"c": 4, "k": 3}))["quadrant"] == "customer"   # 75 >= 75, 50 < 75
    assert dim(score(model, {"c": 3, "k": 4}))["quadrant"] == "competitor"


@pytest.mark.parametrize("answer, level", [(1, "l0"), (2, "l25"), (3, "l25"), (4, "l75"), (5, "l75")])
def test_level_starts_exactly_at_its_min(answer, level):
    model = make_model([likert("q")], levels=[("l0", 0), ("l25", 25), ("l75", 75)])
    result = score(model, {"q": answer})
    assert dim(result)["level"] == result["overall"]["level"] == level


def test_level_uses_the_customer_score_only():
    model = make_model([likert("k", pole="competitor")])
    assert dim(score(model, {"k": 5}))["level"] is None


# --- The small fixture bank, end to end ------------------------------------------------------------

def test_small_bank_mixed_answers():
    model = load(SMALL_BANK)[0].scoring_model
    result = score(model, {"svc-listen": 4, "svc-rivals": 2, "svc-fix": 2, "prd-launch": "both", "prd-price": None})
    # service: customer (2*3 + 1*3) / (2*4 + 1*4) = 9/12, competitor 1/4
    # product: customer 1.5*1 / (1.5*2) = 1/2, competitor 1.5*1 / (1.5*2) = 1/2
    # overall (service weight 2): customer (2*75 + 50) / 3, competitor (2*25 + 50) / 3
    assert result["dimensions"] == [
        {"id": "service", "customer": 75.0, "competitor": 25.0, "index": 50.0, "quadrant": "customer",
         "level": "high", "answered": 3, "total": 3},
        {"id": "product", "customer": 50.0, "competitor": 50.0, "index": 0.0, "quadrant": "inward",
         "level": "mid", "answered": 1, "total": 2},
    ]
    assert result["overall"] == {"customer": 200 / 3, "competitor": 100 / 3, "index": 200 / 3 - 100 / 3,
                                 "quadrant": "customer", "level": "mid", "answered": 4, "total": 5}
    assert result["bank"] == {"id": "small-shop", "version": "1.0", "fingerprint": model["bank"]["fingerprint"]}


# --- Fingerprint -----------------------------------------------------------------------------------

@pytest.fixture
def bank_copy(tmp_path) -> Path:
    """An editable copy of the small bank."""
    return copy_bank(SMALL_BANK, tmp_path)


def fingerprint(folder) -> str:
    return load(folder)[0].fingerprint


def edit(folder, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fingerprint_of_the_small_bank_is_stable():
    # Stored results carry the fingerprint; if the hashing changes on purpose, update this value.
    assert fingerprint(SMALL_BANK) == "e7a5c5fc90c9"


@pytest.mark.parametrize("name, old, new", [
    ("questions.yml", "after listening to them.", "after they tell us what hurts."),
    ("questions.yml", "A complaint that is **fixed**", "A *fixed* complaint"),
    ("questions.yml", "We ask our customers whether", "We ask customers if"),
    ("bank.yml", "title: Service", "title: Customer service"),
    ("bank.yml", "Drop one feature nobody uses.", "Remove one unused feature."),
    ("bank.yml", "title: Rival watcher", "title: Rival-watching"),
    ("bank.yml", 'version: "1.0"', 'version: "1.1"'),
])
def test_fingerprint_ignores_wording(bank_copy, name, old, new):
    edit(bank_copy, name, old, new)
    assert fingerprint(bank_copy) == fingerprint(SMALL_BANK)


LISTEN = """\
  - id: svc-listen
    dimension: service
    type: likert
    pole: customer
    text: We change how we serve people after listening to them.
    weight: 2
"""
RIVALS = """\
  - id: svc-rivals
    dimension: service
    type: likert
    pole: competitor
    text: Our service targets are set by what the shop next door does.
"""
COPY = "      - {id: copy, text: We build a similar line quickly., competitor: 2}\n"
ASK = "      - {id: ask, text: We ask our customers whether they need it., customer: 2}\n"


@pytest.mark.parametrize("name, old, new", [
    ("questions.yml", "    weight: 1.5\n", "    weight: 2\n"),                      # question weight
    ("bank.yml", "    weight: 2\n", "    weight: 3\n"),                              # dimension weight
    ("questions.yml", "customer: 2}", "customer: 3}"),                               # option points
    ("questions.yml", "    pole: competitor\n", "    pole: customer\n"),             # pole
    ("questions.yml", "    reverse: true\n", ""),                                     # reverse
    ("questions.yml", "id: ignore,", "id: skip,"),                                    # option id
    ("bank.yml", "threshold: 60", "threshold: 61"),                                  # threshold
    ("bank.yml", "{id: mid, min: 50,", "{id: mid, min: 55,"),                         # level min
    ("questions.yml", LISTEN + RIVALS, RIVALS + LISTEN),                              # question order
    ("questions.yml", COPY + ASK, ASK + COPY),                                        # option order
])
def test_fingerprint_changes_with_scoring(bank_copy, name, old, new):
    # The self-tests would fail on a re-scored bank; they are the last key of bank.yml.
    bank_yml = bank_copy / "bank.yml"
    text = bank_yml.read_text(encoding="utf-8")
    bank_yml.write_text(text[:text.index("examples:")], encoding="utf-8")
    edit(bank_copy, name, old, new)
    assert fingerprint(bank_copy) != fingerprint(SMALL_BANK)


# --- Invalid answers -------------------------------------------------------------------------------

@pytest.mark.parametrize("answers, problems", [
    ({"svc-lisen": 3}, [("svc-lisen", "unknown question 'svc-lisen' (did you mean 'svc-listen'?)")]),
    ({"nothing-like-it": 3}, [("nothing-like-it", "unknown question 'nothing-like-it'")]),
    ({"svc-listen": 0}, [("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found 0")]),
    ({"svc-listen": 6}, [("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found 6")]),
    ({"svc-listen": 3.0}, [("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found 3.0")]),
    ({"svc-listen": True}, [("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found true")]),
    ({"svc-listen": "3"}, [("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found \"3\"")]),
    ({"prd-launch": "asc"}, [("prd-launch", "answer to 'prd-launch' must be one of copy, ask, both, ignore; "
                                            "found \"asc\"")]),
    ({"prd-launch": 2}, [("prd-launch", "answer to 'prd-launch' must be one of copy, ask, both, ignore; found 2")]),
    ({"svc-listen": 0, "prd-launch": "x", "svc-fix": 2}, [
        ("svc-listen", "answer to 'svc-listen' must be a whole number from 1 to 5, found 0"),
        ("prd-launch", "answer to 'prd-launch' must be one of copy, ask, both, ignore; found \"x\""),
    ]),
    ([3, 4], [(None, "answers must be an object mapping question ids to answers")]),
])
def test_invalid_answers(answers, problems):
    assert check_answers(load(SMALL_BANK)[0].scoring_model, answers) == problems


def test_valid_answers_have_no_problems():
    answers = {"svc-listen": 1, "svc-rivals": 5, "svc-fix": None, "prd-launch": "ignore"}
    assert check_answers(load(SMALL_BANK)[0].scoring_model, answers) == []
