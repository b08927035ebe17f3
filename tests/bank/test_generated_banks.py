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


def test_markdown_heavy_banks_hold_markdown_in_every_text(tmp_path):
    bank, warnings = load(generate_bank(101, tmp_path / "bank", markdown=True))
    assert len(bank.questions) == 101 and warnings == []
    texts = [text for q in bank.questions for field in (q.text, q.help, q.improve) if field for text in field.values()]
    assert all("**" in text and "*" in text.replace("**", "") for text in texts), "emphasis and strong everywhere"
    lists = [text for text in texts if "\n- " in text or "\n1. " in text]
    assert 0 < len(lists) < len(texts) / 5, "some with lists"
    assert all("](https://example.org/" in text for text in lists), "and links"
    assert len({q.help["de"] for q in bank.questions if q.help}) == len([q for q in bank.questions if q.help])
