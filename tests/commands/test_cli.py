"""The `assess` command through Click's CliRunner (and once as a real process)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.paths import BROKEN, ROOT, SEGMENTED_BANK, SMALL_BANK, WARNINGS_BANK

from builder import cli as cli_module
from builder.bank.load import load
from builder.commands.schema import bank_schema
from builder.errors import Problem, printed
from builder.rules.codes import decode, encode
from builder.rules.scoring import score

TOP_ANSWERS = {"svc-listen": 5, "svc-rivals": 1, "svc-fix": 1, "prd-launch": "ask", "prd-price": 5}



def assert_clean_failure(result, stderr: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr == stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


# --- validate --------------------------------------------------------------------------------------

def test_validate_ok():
    result = run("validate", "--bank", SMALL_BANK)
    assert result.exit_code == 0, result.output
    assert result.stdout == "small-shop 1.0 (e7a5c5fc90c9): 5 questions in 2 dimensions, en; 2 examples pass\n"
    assert result.stderr == ""


def test_validate_counts_read_right_for_one(bank_copy):
    text = (bank_copy / "bank.yml").read_text(encoding="utf-8")
    (bank_copy / "bank.yml").write_text(text[:text.index("  - name: only the rival item")], encoding="utf-8")
    result = run("validate", "--bank", bank_copy)
    assert result.stdout == "small-shop 1.0 (e7a5c5fc90c9): 5 questions in 2 dimensions, en; 1 example passes\n"


def test_validate_reports_every_problem(monkeypatch):
    monkeypatch.chdir(BROKEN)
    assert_clean_failure(run("validate", "--bank", "several-files"), (
        "several-files/10-listen.yml:7: unknown key 'weigth' (did you mean 'weight'?)\n"
        "several-files/20-watch.yml:6: expected true or false, found the number 1\n"
        "several-files/bank.yml:18: min_group_size must be at least 3, found 2\n"
        "Error: 3 problems found\n"
    ))


def test_validate_reports_what_a_broken_bank_yml_used_to_hide(monkeypatch):
    """A broken level in bank.yml, a misspelt dimension and a question without its pole: all at once."""
    monkeypatch.chdir(BROKEN)
    assert_clean_failure(run("validate", "--bank", "errors-in-every-file"), (
        "errors-in-every-file/bank.yml:12: expected a number, found the text 'lots'\n"
        "errors-in-every-file/questions.yml:10: unknown dimension 'fokus' (did you mean 'focus'?)\n"
        "errors-in-every-file/questions.yml:12: question 'copy': missing key 'pole'\n"
        "Error: 3 problems found\n"
    ))


def test_validate_points_at_a_misspelt_dimension_of_a_file_once(monkeypatch):
    monkeypatch.chdir(BROKEN)
    assert_clean_failure(run("validate", "--bank", "unknown-file-dimension"), (
        "unknown-file-dimension/bank.yml:8: warning: dimension 'focus' has no question for the customer pole\n"
        "unknown-file-dimension/bank.yml:8: warning: dimension 'focus' has no question for the competitor pole\n"
        "unknown-file-dimension/questions.yml:1: unknown dimension 'fokus' (did you mean 'focus'?)\n"
        "Error: 1 problem found\n"
    ))


def test_validate_points_at_the_dimension_line_of_a_question(monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = run("validate", "--bank", "unknown-dimension")
    assert "unknown-dimension/questions.yml:10: unknown dimension 'fokus' (did you mean 'focus'?)\n" in result.stderr


def test_validate_yaml_syntax_error(monkeypatch):
    monkeypatch.chdir(BROKEN)
    assert_clean_failure(run("validate", "--bank", "syntax-error"), (
        "syntax-error/questions.yml:10: YAML syntax error: "
        "the list opened with '[' on line 10 is not closed with ']' (or a ',' is missing); "
        "put text that starts with [ in quotes\n"
        "Error: 1 problem found\n"
    ))


def test_validate_names_a_tab_at_the_top_level(bank_copy, monkeypatch):
    """PyYAML itself says "found character that cannot start any token"."""
    with open(bank_copy / "bank.yml", "a", encoding="utf-8") as bank_file:
        bank_file.write("\tmin_group_size: 5\n")
    lines = (bank_copy / "bank.yml").read_text(encoding="utf-8").count("\n")
    monkeypatch.chdir(bank_copy.parent)
    assert_clean_failure(run("validate", "--bank", "bank"), (
        f"bank/bank.yml:{lines}: YAML syntax error: tab character (YAML indents with spaces)\n"
        "Error: 1 problem found\n"
    ))


def test_a_message_at_three_places_or_more_is_printed_once():
    """docs/authoring.md describes the grouped line; twice is not yet a flood."""
    def problem(line, message, warning=False):
        return Problem("q.yml", line, message, warning)

    assert printed([problem(1, "a"), problem(2, "b"), problem(3, "a"), problem(4, "a", True), problem(5, "a"),
                    problem(6, "b"), problem(7, "a", True), problem(8, "a", True), problem(9, "a")]) == [
        "q.yml:1: a (4 times; also at q.yml:3, q.yml:5 and 1 more)",
        "q.yml:2: b",
        "q.yml:4: warning: a (3 times; also at q.yml:7, q.yml:8)",
        "q.yml:6: b",
    ]


WARNINGS = (
    "warnings/bank.yml:11: {}dimension 'focus' has no question for the competitor pole\n"
    "warnings/bank.yml:22: {}no recommendation for dimension 'focus' at level 'high'\n"
    "warnings/questions.yml:7: {}question 'survey': all options score the same, so the answer changes nothing\n"
)


def test_validate_prints_warnings_and_succeeds(monkeypatch):
    monkeypatch.chdir(WARNINGS_BANK.parent)
    result = run("validate", "--bank", "warnings")
    assert result.exit_code == 0, result.output
    assert result.stderr == WARNINGS.format(*["warning: "] * 3)
    assert result.stdout.endswith("; 0 examples pass; 3 warnings\n")


def test_validate_strict_fails_on_warnings(monkeypatch):
    monkeypatch.chdir(WARNINGS_BANK.parent)
    assert_clean_failure(run("validate", "--strict", "--bank", "warnings"),
                         WARNINGS.format("", "", "") + "Error: 3 problems found\n")


def test_validate_strict_passes_a_clean_bank():
    assert run("validate", "--strict", "--bank", SMALL_BANK).exit_code == 0


def test_missing_bank_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_clean_failure(run("validate", "--bank", "nowhere"), "Error: bank folder not found: nowhere\n")
    assert_clean_failure(run("score", "--bank", "nowhere", "-", input="{}"), "Error: bank folder not found: nowhere\n")


# --- score -----------------------------------------------------------------------------------------

def test_score_a_file(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TOP_ANSWERS), encoding="utf-8")
    result = run("score", "--bank", SMALL_BANK, answers)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == score(load(SMALL_BANK)[0].scoring_model, TOP_ANSWERS)
    assert printed["overall"] == {"customer": 100, "competitor": 0, "index": 100, "quadrant": "customer",
                                  "level": "high", "answered": 5, "total": 5}


def test_score_stdin():
    result = run("score", "--bank", SMALL_BANK, "-", input='{"svc-rivals": 5, "svc-listen": null}')
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert (overall["customer"], overall["competitor"], overall["answered"]) == (None, 100, 1)


def test_score_code_prints_the_result_code_that_report_counts(tmp_path):
    """What the results page shows as the result code, from the command line."""
    bank = load(SMALL_BANK)[0]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TOP_ANSWERS), encoding="utf-8")
    result = run("score", "--bank", SMALL_BANK, "--code", answers)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == encode(bank.scoring_model, bank.tag, TOP_ANSWERS) + "\n"
    assert decode(bank.scoring_model, bank.tag, result.stdout.strip()) == (TOP_ANSWERS, 0)
    report = run("report", "--bank", SMALL_BANK, "-", input=result.stdout)
    assert report.stdout.startswith("small-shop 1.0 (e7a5c5fc90c9): 1 code counted, 0 invalid, 0 duplicates\n")


def test_score_code_with_a_segment():
    bank = load(SEGMENTED_BANK)[0]
    result = run("score", "--bank", SEGMENTED_BANK, "--code", "--segment", "floor", "-", input='{"svc-listen": 5}')
    assert result.stdout == encode(bank.scoring_model, bank.tag, {"svc-listen": 5}, 2) + "\n"
    assert decode(bank.scoring_model, bank.tag, result.stdout.strip(), 3) == ({"svc-listen": 5}, 2)


@pytest.mark.parametrize("bank, args, stderr", [
    (SEGMENTED_BANK, ["--code", "--segment", "flor"], "Error: --segment flor: the bank's segments are lead, floor, "
                                                      "office\n"),
    (SMALL_BANK, ["--code", "--segment", "floor"], "Error: --segment floor: the bank has no segments\n"),
])
def test_score_code_names_the_segments(bank, args, stderr):
    assert_clean_failure(run("score", "--bank", bank, *args, "-", input="{}"), stderr)


def test_score_segment_needs_code():
    result = run("score", "--bank", SEGMENTED_BANK, "--segment", "floor", "-", input="{}")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, "Error: --segment goes with --code: a result has no segment, a result code does")


def test_score_invalid_answers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("answers.json").write_text('{\n  "svc-listen": 7,\n  "prd-launch": "asc",\n  "svc-lisen": 3\n}\n')
    assert_clean_failure(run("score", "--bank", SMALL_BANK, "answers.json"), (
        "answers.json:2: answer to 'svc-listen' must be a whole number from 1 to 5, found 7\n"
        "answers.json:3: answer to 'prd-launch' must be one of copy, ask, both, ignore; found \"asc\"\n"
        "answers.json:4: unknown question 'svc-lisen' (did you mean 'svc-listen'?)\n"
        "Error: 3 problems found\n"
    ))


@pytest.mark.parametrize("text, stderr", [
    ('{"svc-listen": 5,\n}', "<stdin>:2: invalid JSON: Expecting property name enclosed in double quotes\n"),
    ("", "<stdin>:1: invalid JSON: Expecting value\n"),
    ('{"svc-listen": 5,\n "svc-listen": 4}', "<stdin>:2: duplicate question id 'svc-listen'\n"),
    ("[5, 1]", "<stdin>:1: answers must be an object mapping question ids to answers\n"),
])
def test_score_unreadable_answers(text, stderr):
    assert_clean_failure(run("score", "--bank", SMALL_BANK, "-", input=text), stderr + "Error: 1 problem found\n")


def test_score_refuses_a_broken_bank(monkeypatch):
    monkeypatch.chdir(BROKEN)
    assert_clean_failure(run("score", "--bank", "unknown-key", "-", input="{}"), (
        "unknown-key/questions.yml:10: unknown key 'wieght' (did you mean 'weight'?)\n"
        "Error: 1 problem found\n"
    ))


# --- schema, errors, entry point -------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["all", "bank", "questions"])
def test_schema_prints_json(kind):
    result = run("schema", "--file", kind)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == bank_schema(kind)


def test_schema_default_is_all():
    assert json.loads(run("schema").stdout)["title"] == bank_schema("all")["title"]


def test_internal_errors_are_one_line(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "load_project", boom)
    result = run("validate", "--bank", SMALL_BANK)
    assert_clean_failure(result, "Error: internal error: RuntimeError('boom') (run with --debug for a traceback)\n")
    debug = run("--debug", "validate", "--bank", SMALL_BANK)
    assert isinstance(debug.exception, RuntimeError)


def test_python_dash_m_builder_help():
    done = subprocess.run([sys.executable, "-m", "builder", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: assess [OPTIONS] COMMAND [ARGS]...")
    for command in ("validate", "score", "schema"):
        assert f"  {command} " in done.stdout


@pytest.mark.parametrize(("args", "status", "stdout", "stderr"), [
    (["validate", "--bank", SMALL_BANK], 0, "small-shop 1.0 (", ""),
    (["validate", "--bank", BROKEN / "no-such-bank"], 1, "", "Error: bank folder not found: "),
    (["validate", "--bank"], 2, "", "Error: Option '--bank' requires an argument.\n"),
])
def test_the_command_leaves_with_its_status_and_all_its_output(args, status, stdout, stderr, tmp_path):
    """main() skips Python's clean-up at exit (os._exit, #18): the exit status
    and every byte written to stdout and stderr (files here, not terminals) must
    still be what Click made of the command."""
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("w") as stdout_file, err.open("w") as stderr_file:
        done = subprocess.run([sys.executable, "-m", "builder", *map(str, args)], cwd=ROOT, stdout=stdout_file,
                              stderr=stderr_file, timeout=60)
    assert done.returncode == status
    assert out.read_text().startswith(stdout) and err.read_text().startswith(stderr)
    assert (out.read_text() + err.read_text()).endswith("\n")


def test_a_built_site_is_complete_when_the_command_has_left(tmp_path):
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--bank", str(SMALL_BANK), "-d",
                           str(tmp_path / "site")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Built {tmp_path / 'site'}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no scratch folder left"
    assert (tmp_path / "site" / "en" / "quiz.html").read_text(encoding="utf-8").endswith("</html>\n")
