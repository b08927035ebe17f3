"""What the Bank model derives from the questions it holds."""
from __future__ import annotations

from support.genbank import generate_bank

from builder.bank.load import load
from builder.resources import default_bank


def test_dimension_questions_are_each_dimensions_questions_in_bank_order(tmp_path):
    for bank, _ in (load(default_bank()), load(generate_bank(101, tmp_path / "bank"))):
        for d in bank.dimensions:
            assert bank.dimension_questions(d.id) == [q for q in bank.questions if q.dimension == d.id]
        assert sum(len(bank.dimension_questions(d.id)) for d in bank.dimensions) == len(bank.questions)
        assert bank.dimension_questions("no-such-dimension") == []


def test_dimension_questions_are_a_new_list_each_time():
    bank, _ = load(default_bank())
    first = bank.dimensions[0].id
    bank.dimension_questions(first).clear()
    assert bank.dimension_questions(first) != []
