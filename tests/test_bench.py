"""The benchmark's generated banks stay valid banks of the asked size (#8)."""
from __future__ import annotations

import pytest

from bench.genbank import generate_bank
from builder.load import load


@pytest.mark.parametrize("size", [10, 101])
def test_generated_banks_load_cleanly_with_every_question(tmp_path, size):
    loaded = load(generate_bank(size, tmp_path / "bank"))
    assert len(loaded.bank.questions) == size
    assert loaded.warnings == []
    if size > 16:  # every dimension's fourth question is a choice
        assert {q.type for q in loaded.bank.questions} == {"likert", "choice"}
    assert len({q.text["en"] for q in loaded.bank.questions}) == size, "no two texts alike"
