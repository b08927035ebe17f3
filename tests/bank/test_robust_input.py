"""Robust input: whatever a bank file, an answers file or a result code holds,
the tools answer with a clean error (a path, a line, a message), never with an
uncaught exception or a crash. And a build never leaves a half-written site."""
from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.cli import run
from support.html import tree
from support.paths import BANKS

from builder.bank.load import load
from builder.bank.yamlnodes import MAX_DEPTH
from builder.commands.build import build
from builder.commands.project import load_bank
from builder.errors import AssessError, BankError
from builder.resources import bundled
from builder.rules.answers import read_answers
from builder.rules.codes import ALPHABET, CodeError, decode, encode
from builder.rules.scoring import check_answers, score
from builder.site import write
from builder.site.render import RenderOptions, render
from builder.site.theme import load_theme

fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SMALL_FILES = {name: (BANKS["small"] / name).read_text(encoding="utf-8") for name in ("bank.yml", "questions.yml")}

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.dates(),
                    st.binary(max_size=4))
yaml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()), inner, max_size=4),
    max_leaves=16,
)
#: characters with a meaning in YAML, for splicing into otherwise valid files
YAML_SYNTAX = st.text(alphabet=":-[]{}&*!|>'\"#%@`,?\t\n \\~0123456789abc\u00e9\ufeff\x00", max_size=8)


def load_cleanly(folder: Path):
    """Load, or check the refusal is one a user can act on; never anything else."""
    try:
        return load_bank(folder)[0]
    except BankError as error:
        assert error.problems and any(not p.warning for p in error.problems)
        for problem in error.problems:
            assert problem.path.startswith(str(folder)) and problem.message.strip(), problem
            assert problem.line is None or problem.line >= 1, problem
            assert "Traceback" not in str(problem)
    except AssessError as error:
        assert error.message.strip()
    return None


def check_bank_files(files: dict[str, bytes]) -> None:
    """Loads a bank made of these files; one that loads must also render."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        bank = load_cleanly(folder)
        if bank is not None:
            try:
                theme = load_theme(bundled("site_src"), bank.languages)
            except BankError:
                return  # a language without UI strings: reported like any bank problem
            assert render(bank, theme, RenderOptions())["index.html"]


@fuzz
@given(st.binary(max_size=400), st.binary(max_size=400))
def test_random_bytes(bank_bytes, question_bytes):
    check_bank_files({"bank.yml": bank_bytes, "questions.yml": question_bytes})


@fuzz
@given(yaml_values, yaml_values)
def test_arbitrary_yaml_documents(bank, questions):
    dump = lambda value: yaml.safe_dump(value, allow_unicode=True).encode("utf-8")  # noqa: E731
    check_bank_files({"bank.yml": dump(bank), "questions.yml": dump(questions)})


def paths_in(value, prefix=()):
    """Every path to a node of a parsed document, as key/index tuples."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from paths_in(child, (*prefix, key))


@st.composite
def mutated_small_bank(draw):
    """The small fixture bank with one node replaced, removed or copied: close
    enough to valid that the cross-checks after parsing get exercised."""
    docs = {name: yaml.safe_load(text) for name, text in SMALL_FILES.items()}
    name = draw(st.sampled_from(sorted(docs)))
    path = draw(st.sampled_from(list(paths_in(docs[name]))[1:]))
    parent = docs[name]
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "remove", "copy"]))
    if action == "replace":
        parent[path[-1]] = draw(yaml_values)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
    else:
        parent[draw(st.text(min_size=1, max_size=8))] = copy.deepcopy(parent[path[-1]])
    return {n: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8") for n, doc in docs.items()}


@fuzz
@given(mutated_small_bank())
def test_mutated_banks(files):
    check_bank_files(files)


@fuzz
@given(st.sampled_from(sorted(SMALL_FILES)), st.integers(0, 2000), st.integers(0, 6), YAML_SYNTAX)
def test_spliced_bank_text(name, position, cut, inserted):
    """Valid files with a few characters cut out or YAML syntax spliced in."""
    text = SMALL_FILES[name]
    position %= len(text)
    files = {n: t.encode("utf-8") for n, t in SMALL_FILES.items()}
    files[name] = (text[:position] + inserted + text[position + cut:]).encode("utf-8", "surrogatepass")
    check_bank_files(files)


def test_bank_without_recommendations_loads_with_warnings(tmp_path):
    """Found by test_mutated_banks: the optional key, left out, crashed the loader."""
    shutil.copy(BANKS["small"] / "questions.yml", tmp_path)
    (tmp_path / "bank.yml").write_text(SMALL_FILES["bank.yml"].split("recommendations:")[0]
                                       + "min_group_size: 3\n", encoding="utf-8")
    warnings = [str(w) for w in load(tmp_path)[1]]
    assert warnings[0] == (f"{tmp_path / 'bank.yml'}:9: warning: "
                           "no recommendation for dimension 'service' at level 'low'")
    assert len(warnings) == 6


@pytest.mark.parametrize("nesting", ["[" * 100_000, "- " * 100_000 + "x", "{a: " * 60 + "1" + "}" * 60])
def test_deep_nesting_is_refused_not_crashed(tmp_path, nesting):
    """libyaml's composer recurses in C: without the depth check this kills the interpreter."""
    shutil.copy(BANKS["small"] / "bank.yml", tmp_path)
    (tmp_path / "questions.yml").write_text(f"questions:\n  {nesting}\n", encoding="utf-8")
    with pytest.raises(BankError) as refused:
        load(tmp_path)
    (problem,) = refused.value.problems
    assert str(problem) == f"{tmp_path / 'questions.yml'}:2: nested more than {MAX_DEPTH} levels deep; " \
                           "a bank needs about 6"


# --- answers files (assess score) ---------------------------------------------

@pytest.fixture(scope="module")
def model():
    return load(BANKS["small"])[0].scoring_model


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=10)),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=12)


def read_cleanly(data, model) -> None:
    try:
        answers = read_answers("answers.json", data, model)
    except BankError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == "answers.json" and problem.message.strip(), problem
    else:
        assert check_answers(model, answers) == []
        score(model, answers)


@fuzz
@given(st.binary(max_size=300))
def test_answers_from_random_bytes(model, data):
    read_cleanly(data, model)


@fuzz
@given(json_values)
def test_answers_from_arbitrary_json(model, value):
    read_cleanly(json.dumps(value), model)


@fuzz
@given(st.data())
def test_answers_with_real_ids_and_arbitrary_values(model, data):
    ids = [q["id"] for q in model["questions"]]
    answers = data.draw(st.dictionaries(st.sampled_from(ids) | st.text(max_size=6), json_values, max_size=6))
    read_cleanly(json.dumps(answers), model)


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe{}", "answers.json:1: file is not UTF-8 (byte 0xff); save it as UTF-8"),
    (b"[" * 100_000, "answers.json: invalid JSON: nested far too deeply"),
])
def test_unreadable_answers_are_named(model, data, message):
    with pytest.raises(BankError) as refused:
        read_answers("answers.json", data, model)
    assert [str(p) for p in refused.value.problems] == [message]


def test_cli_score_reports_bytes_cleanly(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_bytes(b'{"svc-listen": 5}\n\xe4')
    result = run("score", "--bank", BANKS["small"], answers)
    assert (result.exit_code, result.stderr) == (1, f"{answers}:2: file is not UTF-8 (byte 0xe4); save it as UTF-8\n"
                                                    "Error: 1 problem found\n")


# --- result codes (#5) ----------------------------------------------------------
# HOOK(#5): the team page and `assess report` will read lists of pasted codes
# and files of them; fuzz their readers here the same way (random text, valid
# codes mangled) once they exist.

REASONS = {"empty", "oversized", "characters", "version", "checksum", "bank", "length", "segment", "range"}


@fuzz
@given(st.data())
def test_code_decoder_refuses_or_decodes_valid_answers(banks, data):
    model, tag = banks["small"].scoring_model, banks["small"].tag
    valid = encode(model, tag, {q["id"]: 3 for q in model["questions"] if q["type"] == "likert"})
    code = data.draw(st.one_of(
        st.text(max_size=40),
        st.text(alphabet=ALPHABET + " -ilo", max_size=30),
        st.builds(lambda at, cut, extra: valid[:at] + extra + valid[at + cut:],  # a valid code, mangled
                  st.integers(0, len(valid)), st.integers(0, 3), st.text(alphabet=ALPHABET, max_size=3)),
    ))
    segments = data.draw(st.integers(0, 3))
    try:
        answers, segment = decode(model, tag, code, segments)
    except CodeError as refused:
        assert refused.reason in REASONS and str(refused)
    else:
        assert check_answers(model, answers) == [] and 0 <= segment <= segments
        assert decode(model, tag, encode(model, tag, answers, segment), segments) == (answers, segment)


# --- never a half-written site ----------------------------------------------------

def test_interrupted_build_leaves_the_previous_site(tmp_path, monkeypatch):
    """Ctrl-C half-way through writing: the old site stays, the scratch folder goes."""
    site = tmp_path / "site"
    build(BANKS["small"], site)
    before = tree(site)
    written = []
    real_write = Path.write_bytes

    def write_then_interrupt(path, data):
        written.append(path)
        if len(written) == 5:
            raise KeyboardInterrupt
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(BANKS["default"], site)
    monkeypatch.undo()
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failed_swap_puts_the_previous_site_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(BANKS["small"], site)
    before = tree(site)
    calls = []
    real_replace = write.os.replace

    def replace_failing_second(source, target):
        calls.append((source, target))
        if len(calls) == 2:  # the new site into place
            raise OSError("disk full")
        return real_replace(source, target)

    monkeypatch.setattr(write.os, "replace", replace_failing_second)
    with pytest.raises(OSError, match="disk full"):
        build(BANKS["default"], site)
    monkeypatch.undo()
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
