"""What the Bank model derives from the questions it holds."""
from __future__ import annotations

import json
from dataclasses import replace

from support.genbank import generate_bank
from support.paths import HOSTILE_BANK

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


def test_scoring_model_json_is_the_model_in_the_canonical_json(tmp_path):
    """The model is encoded once, in two pieces (#18): together they must be
    what encoding the model in one go gives, also for an id and a version
    holding characters that JSON and HTML escape."""
    banks = [load(folder)[0] for folder in (default_bank(), HOSTILE_BANK, generate_bank(101, tmp_path / "bank"))]
    odd = replace(banks[0], id='a"<\u00e9>\\', version="1.0 'beta' & </script>")
    for bank in [*banks, odd]:
        assert bank.scoring_model_json == json.dumps(bank.scoring_model, sort_keys=True,
                                                     separators=(",", ":"), ensure_ascii=True)
        assert json.loads(bank.scoring_model_json)["bank"]["version"] == bank.version
