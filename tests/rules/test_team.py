"""Team results in Python: finding codes in text and CSV, refusals, duplicates,
statistics, the minimum group size at its boundary, segments, `assess report`."""
from __future__ import annotations

import json
import random
import statistics
from dataclasses import replace

import pytest
from support.answers import random_answers
from support.banks import copy_bank
from support.cli import run
from support.paths import FIXTURES, SMALL_BANK

from builder.bank.load import load
from builder.commands.report import team_json
from builder.errors import BankError
from builder.rules.codes import code_length, encode
from builder.rules.scoring import score
from builder.rules.team import Found, aggregate, find_codes, quantile, read_codes

SEGMENTED = FIXTURES / "banks" / "segmented"  # the small bank plus three segments; min_group_size 3
TOP = {"svc-listen": 5, "svc-rivals": 1, "svc-fix": 1, "prd-launch": "ask", "prd-price": 5}
LOW = {"svc-listen": 1, "prd-price": 1}  # customer 0 everywhere, competitor unanswered


@pytest.fixture(scope="module")
def shop():
    return load(SEGMENTED)[0]



def code(bank, answers: dict, segment: int = 0) -> str:
    return encode(bank.scoring_model, bank.tag, answers, segment)


def team_of(bank, codes: list[str]) -> dict:
    found = [Found("", line, text) for line, text in enumerate(codes, 1)]
    collection = read_codes(bank.scoring_model, bank.tag, len(bank.segment_ids), found)
    return aggregate(bank.scoring_model, bank.segment_ids, bank.min_group_size, collection)


# --- finding codes ----------------------------------------------------------------------------------

def test_codes_are_found_in_pasted_text(shop):
    a, b, c = code(shop, TOP, 1), code(shop, LOW, 2), code(shop, {}, 0)
    spaced = " ".join([b[:4], b[4:8], b[8:]]).lower()
    text = (f"Hi team, here are the codes:\n{a}\n\n   \n{spaced}\nmine: {c}, and {a}\n"
            "<img src=x onerror=alert(1)>\n" + "1" * 30 + "\n")
    assert find_codes(text, code_length(shop.scoring_model)) == [
        (1, "Hi team, here are the codes:"),  # a line without a code is refused, not skipped silently
        (2, a), (5, spaced), (6, c), (6, a), (7, "<img src=x onerror=alert(1)>"), (8, "1" * 30)]


def test_csv_exports_yield_the_codes_in_any_column(shop):
    a, b = code(shop, TOP, 1), code(shop, LOW, 3)
    csv = ('Timestamp,"Result code",Department\r\n'
           f'2026-11-23T10:15:00Z,{a},Sales\r\n'
           f'2026-11-23 10:16:00;"{b[:6]} {b[6:]}";"Back office, north"\r\n'
           '2026-11-23 10:17:00,,Sales\r\n')
    assert find_codes(csv, code_length(shop.scoring_model), csv=True) == [(2, a), (3, f"{b[:6]} {b[6:]}")]


def test_refusals_carry_stable_reasons(shop):
    good = code(shop, TOP, 1)
    typo = good[:7] + ("A" if good[7] != "A" else "B") + good[8:]
    at = next(i for i in range(7, len(good) - 1) if good[i] != good[i + 1])
    swapped = good[:at] + good[at + 1] + good[at] + good[at + 2:]
    foreign = encode(shop.scoring_model, replace(shop, id="another-bank").tag, TOP, 1)
    candidates = [typo, swapped, foreign, good * 3, "<img src=x onerror=alert(1)>", good[:-2], good, good.lower()]
    collection = read_codes(shop.scoring_model, shop.tag, 3, [Found("f", i, t) for i, t in enumerate(candidates, 1)])
    assert [(item.line, error.reason) for item, error in collection.invalid] == [
        (1, "checksum"), (2, "checksum"), (3, "bank"), (4, "oversized"), (5, "characters"), (6, "checksum")]
    assert [(repeat.line, first.line) for repeat, first in collection.duplicates] == [(8, 7)]
    assert collection.codes == [({k: v for k, v in TOP.items()}, 1)]


# --- statistics -------------------------------------------------------------------------------------

def test_quartiles_are_type_7_like_numpy_and_the_statistics_module():
    assert [quantile([1.0, 2.0, 3.0, 4.0], p) for p in (0.25, 0.5, 0.75)] == [1.75, 2.5, 3.25]
    rng = random.Random("quartiles")
    for n in range(1, 40):
        values = sorted(rng.uniform(0, 100) for _ in range(n))
        expected = statistics.quantiles(values, n=4, method="inclusive") if n > 1 else [values[0]] * 3
        assert [quantile(values, p) for p in (0.25, 0.5, 0.75)] == pytest.approx(expected, abs=1e-9)


def test_statistics_follow_the_scores(banks):
    bank = banks["default"]
    rng = random.Random("stats")
    answer_sets = [random_answers(bank.scoring_model, rng, skip_rate=0.1) for _ in range(60)]
    team = team_of(bank, [code(bank, answers, rng.randint(0, 3)) for answers in answer_sets])
    values = [score(bank.scoring_model, answers)["dimensions"][0]["customer"] for answers in answer_sets]
    values = [v for v in values if v is not None]
    cell = team["all"]["dimensions"][0]["customer"]
    assert team["codes"]["valid"] == 60 and cell["n"] == len(values)
    assert cell["mean"] == pytest.approx(statistics.fmean(values), abs=1e-9)
    assert cell["median"] == pytest.approx(statistics.median(values), abs=1e-9)
    assert (cell["min"], cell["max"]) == (min(values), max(values))


# --- minimum group size -----------------------------------------------------------------------------

def test_the_whole_set_is_hidden_below_min_group_size(shop):
    assert shop.min_group_size == 3
    two = team_of(shop, [code(shop, TOP, 1), code(shop, LOW, 1)])
    assert two["codes"]["valid"] == 2 and two["all"] == {"hidden": "small"}
    assert all(q.get("hidden") == "small" or q["answered"] == 0 for q in two["questions"])
    three = team_of(shop, [code(shop, TOP, 1), code(shop, LOW, 1), code(shop, {"svc-rivals": 5, "prd-price": 3}, 1)])
    assert three["all"]["n"] == 3
    assert three["all"]["overall"]["customer"]["n"] == 3
    # within a shown group, a statistic over fewer than 3 values is hidden too (LOW has no competitor score)
    assert three["all"]["overall"]["competitor"] == {"hidden": "small"}


def segment_team(shop, sizes: list[int]) -> dict:
    """Codes with `sizes[s]` codes in segment s (0 = none given), all different."""
    codes = [code(shop, {"svc-listen": 1 + i % 5, "prd-price": 1 + i // 5}, segment)
             for segment, size in enumerate(sizes) for i in range(size)]
    return team_of(shop, codes)


def test_a_segment_is_shown_from_min_group_size_on(shop):
    team = segment_team(shop, [0, 3, 3, 3])
    assert [(s["id"], s.get("n"), s.get("hidden")) for s in team["segments"]] == [
        ("lead", 3, None), ("floor", 3, None), ("office", 3, None), (None, 0, None)]
    team = segment_team(shop, [1, 3, 3, 2])  # office and "none" hidden; together they hold 3
    assert [(s["id"], s.get("n"), s.get("hidden")) for s in team["segments"]] == [
        ("lead", 3, None), ("floor", 3, None), ("office", None, "small"), (None, None, "small")]


def test_a_lone_small_segment_hides_the_next_smallest_with_it(shop):
    """Otherwise the total minus the shown segments would give the small one away."""
    team = segment_team(shop, [0, 4, 2, 3])
    assert [(s["id"], s.get("hidden")) for s in team["segments"]] == [
        ("lead", None), ("floor", "small"), ("office", "complement"), (None, None)]
    assert team["segments"][0]["overall"]["customer"]["n"] == 4


def test_a_question_is_shown_from_min_group_size_answers_on(shop):
    team = team_of(shop, [code(shop, {"svc-listen": 5, "prd-launch": "ask"}, 1),
                          code(shop, {"svc-listen": 4, "prd-launch": "copy"}, 1),
                          code(shop, {"svc-listen": 4}, 1)])
    by_id = {q["id"]: q for q in team["questions"]}
    assert by_id["svc-listen"] == {"id": "svc-listen", "answered": 3, "skipped": 0, "counts": [0, 0, 0, 2, 1]}
    assert by_id["prd-launch"] == {"id": "prd-launch", "hidden": "small"}
    assert by_id["svc-rivals"] == {"id": "svc-rivals", "answered": 0, "skipped": 3, "counts": [0, 0, 0, 0, 0]}


def test_gaps_compare_the_shown_segments(shop):
    codes = [code(shop, TOP, 1), code(shop, {**TOP, "svc-fix": 2}, 1), code(shop, {**TOP, "svc-fix": 3}, 1),
             code(shop, LOW, 2), code(shop, {**LOW, "svc-fix": 5}, 2), code(shop, {**LOW, "svc-fix": 4}, 2)]
    team = team_of(shop, codes)
    lead, floor = (s["overall"]["customer"]["mean"] for s in team["segments"][:2])
    assert lead > floor
    assert team["gaps"]["overall"]["customer"] == {"high": "lead", "low": "floor", "gap": lead - floor}
    assert team["gaps"]["overall"]["competitor"] is None  # floor answered nothing for it


# --- segments ---------------------------------------------------------------------------------------

def test_segments_change_neither_scores_nor_fingerprint(shop):
    assert shop.fingerprint == load(SMALL_BANK)[0].fingerprint
    teams = [team_of(shop, [code(shop, TOP, s), code(shop, LOW, s), code(shop, {}, s)])["all"] for s in range(4)]
    assert all(team == teams[0] for team in teams)


def test_segment_options_are_checked(tmp_path):
    bank = copy_bank(SEGMENTED, tmp_path)
    text = (bank / "bank.yml").read_text(encoding="utf-8")
    options = "".join(f"    - {{id: s{i % 31}, title: S{i}}}\n" for i in range(32))
    (bank / "bank.yml").write_text(text.split("  options:\n")[0] + "  options:\n" + options, encoding="utf-8")
    with pytest.raises(BankError) as failure:
        load(bank)
    line = text.count("\n", 0, text.index("  options:")) + 2
    message = f"{bank}/bank.yml:{line}: expected at most 31 segment options, found 32"
    assert [str(p) for p in failure.value.problems] == [message]
    (bank / "bank.yml").write_text(text.replace("{id: office,", "{id: lead,"), encoding="utf-8")
    with pytest.raises(BankError) as failure:
        load(bank)
    first = text.count("\n", 0, text.index("{id: lead,")) + 1
    message = f"duplicate segment option id 'lead' (first at line {first})"
    assert [p.message for p in failure.value.problems] == [message]


# --- assess report ----------------------------------------------------------------------------------


@pytest.fixture
def collected(shop, tmp_path):
    """Three counted codes (two alike but for the segment), a duplicate and a typo."""
    a, b, c = code(shop, TOP, 1), code(shop, TOP, 2), code(shop, LOW, 3)
    path = tmp_path / "codes.txt"
    path.write_text(f"{a}\n{b}\n{a}\n{c}\n{c[:-1]}X\n", encoding="utf-8")
    return path


def test_report_prints_a_summary_and_names_every_refused_code(collected, monkeypatch):
    monkeypatch.chdir(collected.parent)
    result = run("report", "--bank", SEGMENTED, "codes.txt")
    assert result.exit_code == 0, result.output
    bad = collected.read_text().splitlines()[4]
    assert result.stderr == (
        "codes.txt:3: duplicate of codes.txt:1, counted once\n"
        f"codes.txt:5: checksum does not match: a typo, or part of the code is missing ('{bad}')\n")
    # TOP scores 100 for customer and 0 for competitor everywhere; LOW scores customer 0, competitor unanswered
    assert result.stdout == (
        "segmented-shop 1.0 (e7a5c5fc90c9): 3 codes counted, 1 invalid, 1 duplicate\n"
        "                          n    mean  median      q1      q3     min     max\n"
        "overall customer          3    66.7   100.0    50.0   100.0     0.0   100.0\n"
        "overall competitor  hidden (fewer than 3)\n"
        "service customer          3    66.7   100.0    50.0   100.0     0.0   100.0\n"
        "service competitor  hidden (fewer than 3)\n"
        "product customer          3    66.7   100.0    50.0   100.0     0.0   100.0\n"
        "product competitor  hidden (fewer than 3)\n")


def test_report_json_is_the_team_json(shop, collected):
    result = run("report", "--bank", SEGMENTED, "--json", collected)
    assert result.exit_code == 0, result.output
    team = json.loads(result.stdout)
    assert result.stdout == team_json(team)
    assert team["codes"] == {"valid": 3, "invalid": 1, "duplicates": 1}
    assert team["all"]["overall"]["customer"] == {"n": 3, "mean": 200 / 3, "median": 100, "q1": 50, "q3": 100,
                                                  "min": 0, "max": 100}
    assert [s.get("hidden") for s in team["segments"]] == ["small", "small", "small", None]
    assert team["segments"][3] == {"id": None, "n": 0}


def test_report_reads_stdin_and_csv(shop, tmp_path):
    codes = [code(shop, TOP, 1), code(shop, LOW, 1), code(shop, {}, 2)]
    export = "When,Code\n" + "".join(f"today,{c}\n" for c in codes[:2])
    (tmp_path / "export.csv").write_text(export, encoding="utf-8-sig")  # with a byte order mark, as Excel writes
    result = run("report", "--bank", SEGMENTED, "--json", tmp_path / "export.csv", "-", input=f"{codes[2]}\n")
    assert result.exit_code == 0, result.output
    assert (result.stderr, json.loads(result.stdout)["codes"]) == ("", {"valid": 3, "invalid": 0, "duplicates": 0})


def test_report_fails_without_valid_codes(tmp_path):
    (tmp_path / "empty.txt").write_text("nothing here\n", encoding="utf-8")
    result = run("report", "--bank", SEGMENTED, tmp_path / "empty.txt", tmp_path / "missing.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: {tmp_path / 'missing.txt'}: cannot read it (No such file or directory)\n"
    result = run("report", "--bank", SEGMENTED, tmp_path / "empty.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"{tmp_path / 'empty.txt'}:1: not a result code: unknown version 'N' "
                             "('nothing here')\n"
                             f"Error: no valid result codes for bank 'segmented-shop' in {tmp_path / 'empty.txt'}\n")


def test_report_writes_a_static_page(shop, collected, tmp_path):
    out = tmp_path / "report"
    result = run("report", "--bank", SEGMENTED, "-o", out, collected)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out / 'index.html'} (3 codes)\n"
    page = (out / "index.html").read_text(encoding="utf-8")
    inline = page.split('<script type="application/json" id="team-report">')[1].split("</script>")[0]
    assert json.loads(inline) == json.loads(run("report", "--bank", SEGMENTED, "--json", collected).stdout)
    assert 'id="codes"' not in page and "quiz.html" not in page, "a report is a page on its own"
    assert sorted(p.name for p in out.iterdir()) == [".nojekyll", "index.html", "static"]
    wrong = run("report", "--bank", SEGMENTED, "-o", out, "--lang", "de", collected)
    assert (wrong.exit_code, wrong.stderr) == (1, "Error: --lang de: the bank's languages are en\n")


def test_report_counts_read_right_for_one(shop, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text(code(shop, TOP, 1) + "\n", encoding="utf-8")
    result = run("report", "--bank", SEGMENTED, one)
    assert result.stdout == ("segmented-shop 1.0 (e7a5c5fc90c9): 1 code counted, 0 invalid, 0 duplicates\n"
                             "fewer than 3 codes: results hidden to keep everyone anonymous\n")
    written = run("report", "--bank", SEGMENTED, "-o", tmp_path / "report", one)
    assert written.stdout == f"Wrote {tmp_path / 'report' / 'index.html'} (1 code)\n"


def test_report_names_its_own_option_for_the_folder(shop, collected, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("report", "--bank", SEGMENTED, "-o", taken, collected)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith(f"Error: {taken} is not empty and was not built by assess (no .nojekyll); "
                                  "remove it or choose another -o/--out\n")
    inside = run("report", "--bank", SEGMENTED, "-o", SEGMENTED.parent, collected)
    assert inside.stderr.endswith(f"Error: refusing to write into {SEGMENTED.parent}: it contains {SEGMENTED}; "
                                  "choose another -o/--out\n")
    assert (taken / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_report_output_is_deterministic(shop, collected):
    first = run("report", "--bank", SEGMENTED, "--json", collected).stdout
    assert first and run("report", "--bank", SEGMENTED, "--json", collected).stdout == first
