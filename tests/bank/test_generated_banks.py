"""The benchmark's generated banks stay valid banks of the asked size (#8)."""
from __future__ import annotations

import pytest
from support.genbank import generate_bank

from builder.bank.load import load


@pytest.mark.parametrize("size", [10, 101])
def test_generated_banks_load_cleanly_with_every_question(tmp_path, size):
    bank, warnings = load(generate_bank(size, tmp_path / "bank"))
    assert len(bank.questions) == size
    assert warnings == []
    if size > 16:  # every dimension's fourth question is a choice
        assert {q.type for q in bank.questions} == {"likert", "choice"}
    assert len({q.text["en"] for q in bank.questions}) == size, "no two texts alike"
