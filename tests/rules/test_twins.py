"""The JavaScript twins of builder/rules/ (site_src/static/js/rules/) compute
what Python computes, checked in Node without a browser, so that the fast
tests (and the Pages workflow, which runs them) guard parity too. The same
comparisons run in Chromium in tests/browser/."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from support.answers import random_answers
from support.codes import mangle, python_team, team_inputs
from support.paths import BANKS, HOSTILE_BANK, ROOT, SEGMENTED_BANK

from builder.bank.load import load
from builder.bank.model import Bank
from builder.rules.codes import CodeError, code_length, decode, encode
from builder.rules.gains import gains
from builder.rules.highlights import compare_teams, highlights, participation
from builder.rules.scoring import score

RULES = ROOT / "site_src" / "static" / "js" / "rules"
RUNNER = Path(__file__).with_name("twins.test.mjs")
TWIN_BANKS = BANKS | {"segmented": SEGMENTED_BANK, "hostile": HOSTILE_BANK}


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        pytest.fail("Node.js is needed for the JavaScript twins (Debian: apt-get install nodejs; "
                    "tests/run.sh installs it)")
    return found


def cases(name: str, bank: Bank) -> dict:
    """Inputs for every twin, with what Python makes of them."""
    model, tag, segments = bank.scoring_model, bank.tag, len(bank.segment_ids)
    rng = random.Random(f"twins-{name}")
    answer_sets = [random_answers(model, rng) for _ in range(200)]
    encoded = [(answers, rng.randint(0, segments)) for answers in answer_sets[:100]]
    encoded = [(answers, segment, encode(model, tag, answers, segment)) for answers, segment in encoded]
    texts = [code for _, _, code in encoded] + [mangle(code, rng) for _, _, code in encoded]
    teams = []
    for text, csv in team_inputs(bank, rng):
        found, collection, team = python_team(bank, text, csv)
        teams.append({"text": text, "csv": csv, "length": code_length(model),
                      "found": [{"source": "", "line": f.line, "text": f.text} for f in found],
                      "invalid": [[item.line, error.reason] for item, error in collection.invalid],
                      "duplicates": [[repeat.line, first.line] for repeat, first in collection.duplicates],
                      "team": team if collection.codes else None})
    shown = [case["team"] for case in teams if case["team"]]
    earlier = [*shown[-1:], *earlier_oddities(model["bank"]["id"]), {**(shown or [{}])[0], "bank": {"id": "another"}}]
    return {
        "highlights": [(team, highlights(model, team)) for team in shown],
        "compared": [(team, before, compare_teams(team, before)) for team in shown[:5] for before in earlier],
        "participation": [((n, invited, k), participation(n, invited, k)) for n in (0, 2, 5, 9, 30)
                          for invited in (None, 0, 4, 30, 31, 100) for k in (3, 5)],
        "name": name, "model": model, "tag": tag, "segments": bank.segment_ids, "min_group_size": bank.min_group_size,
        "scores": [(answers, score(model, {q: v for q, v in answers.items() if v is not None}))
                   for answers in answer_sets],
        "gains": [(given, gains(model, given)) for given in ({q: v for q, v in answers.items() if v is not None}
                                                             for answers in answer_sets[:50])],
        "encoded": encoded,
        "decoded": [(text, decoded(model, tag, text, segments)) for text in texts],
        "teams": teams,
    }


def earlier_oddities(bank_id: str) -> list:
    """Earlier "team JSON" files that are not one, or only partly."""
    return [None, [], "team", {"team": 2}, {"team": 1, "bank": {"id": "x"}}, {"team": True, "bank": {}, "all": {}},
            {"team": 1, "bank": {"id": bank_id}, "all": {"dimensions": "x", "overall": []}},
            {"team": 1.0, "bank": {"id": bank_id}, "all": {"dimensions": [1, {"id": ["x"]}, {"id": 3}], "overall": {
                "customer": {"mean": True}, "competitor": {"mean": "3"}}}}]


def decoded(model: dict, tag: str, text: str, segments: int) -> dict:
    """What codes.js's decode() returns for a text, by the Python decoder."""
    try:
        answers, segment = decode(model, tag, text, segments)
    except CodeError as refused:
        return {"ok": False, "reason": refused.reason}
    return {"ok": True, "answers": answers, "segment": segment}


def run_twins(tmp_path: Path, banks: dict[str, Path], plant=None) -> subprocess.CompletedProcess:
    """Node's test runner over the cases of these banks; `plant(rules folder)` may change the JS first."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")  # ES modules as .js
    if plant:
        plant(rules)
    data = tmp_path / "cases.json"
    data.write_text(json.dumps([cases(name, load(path)[0]) for name, path in banks.items()]), encoding="utf-8")
    return subprocess.run([node(), "--test", str(RUNNER)], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "TWINS_CASES": str(data), "TWINS_RULES": str(rules)})


def test_javascript_twins_compute_what_python_computes(tmp_path):
    done = run_twins(tmp_path, TWIN_BANKS)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert f"# pass {5 * len(TWIN_BANKS)}" in done.stdout, done.stdout[-2000:]


def test_the_twin_runner_is_not_blind(tmp_path):
    """A planted difference (one operation changed in scoring.js) fails the runner."""
    def plant(rules: Path) -> None:
        scoring = rules / "scoring.js"
        text = scoring.read_text(encoding="utf-8")
        planted = text.replace("(q.reverse ? 5 - value : value - 1)", "(q.reverse ? 5 - value : value)")
        assert planted != text
        scoring.write_text(planted, encoding="utf-8")

    done = run_twins(tmp_path, {"small": BANKS["small"]}, plant)
    assert done.returncode != 0
    assert "not ok 1 - small: score() equals builder/rules/scoring.py" in done.stdout, done.stdout[-2000:]
