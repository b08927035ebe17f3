"""`assess new`: a project that validates strictly and builds as it is, and
editor support: every bank file names a JSON Schema that exists."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.cli import run
from support.paths import ROOT

from builder.bank.load import load
from builder.commands import new as new_module
from builder.commands.schema import bank_schema

MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")
PROJECT_FILES = [
    ".github/workflows/pages.yml", ".gitignore", "README.md", "assessment.yml", "constraints.txt",
    "questions/10-listening.yml",
    "questions/20-deciding.yml", "questions/bank.yml", "requirements.txt", "schemas/assessment.schema.json",
    "schemas/bank.schema.json",
]



@pytest.fixture
def project(tmp_path, monkeypatch):
    """A fresh `assess new` project, as the working folder."""
    monkeypatch.chdir(tmp_path)
    result = run("new", "my-assessment")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "my-assessment")
    return tmp_path / "my-assessment"


def files_below(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_new_writes_a_project_and_says_what_next(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "my-assessment")
    assert result.exit_code == 0, result.output
    assert files_below(tmp_path / "my-assessment") == PROJECT_FILES
    assert result.stdout.startswith("Created my-assessment/ with 11 files:\n  .github/workflows/pages.yml\n")
    assert "  cd my-assessment\n  assess serve" in result.stdout


def test_the_new_project_passes_strict_validation_and_builds(project):
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert re.fullmatch(r"my-assessment 0\.1 \(\w{12}\): 6 questions in 2 dimensions, en, de; 3 examples pass; "
                        r"config assessment\.yml\n", result.stdout)
    built = run("build", "--strict")
    assert built.exit_code == 0, built.output
    start = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a class="brand" href="index.html">My assessment</a>' in start, "assessment.yml's title is used"
    assert (project / "site" / "de" / "quiz.html").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("taken").mkdir()
    Path("taken/notes.txt").write_text("mine")
    result = run("new", "taken")
    assert (result.exit_code, result.stderr) == (1, "Error: taken is not empty; choose a new or empty folder\n")
    assert files_below(Path("taken")) == ["notes.txt"]
    Path("a-file").write_text("")
    assert run("new", "a-file").exit_code == 2, "Click refuses a file where a folder is expected"
    Path("empty").mkdir()
    assert run("new", "empty").exit_code == 0, "an empty folder is fine"


def test_a_flood_of_one_message_is_one_line(project):
    """The two-language scaffold switched to English only: every German text is out of place."""
    bank = project / "questions" / "bank.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("languages: [en, de]", "languages: [en]"),
                    encoding="utf-8")
    result = run("validate")
    assert (result.exit_code, result.stderr) == (1, (
        "questions/10-listening.yml:11: language 'de' is not in the bank's languages (en) (39 times; also at "
        "questions/10-listening.yml:14, questions/10-listening.yml:21 and 36 more)\n"
        "Error: 39 problems found\n"))


@pytest.mark.parametrize("languages", ["en", "de"])
def test_new_scaffolds_a_one_language_project(tmp_path, monkeypatch, languages):
    monkeypatch.chdir(tmp_path)
    assert run("new", "both").exit_code == 0
    result = run("new", "one", "--languages", languages)
    assert result.exit_code == 0, result.output
    assert files_below(tmp_path / "one") == PROJECT_FILES
    monkeypatch.chdir(tmp_path / "one")
    validated = run("validate", "--strict")
    assert validated.exit_code == 0, validated.output
    assert f"6 questions in 2 dimensions, {languages}; 3 examples pass" in validated.stdout
    one, both = load(tmp_path / "one" / "questions")[0], load(tmp_path / "both" / "questions")[0]
    assert one.languages == [languages] and one.fingerprint == both.fingerprint
    only = lambda text: {languages: text[languages]}  # noqa: E731
    assert [only(q.text) for q in both.questions] == [q.text for q in one.questions]
    assert [[only(o.text) for o in q.options] for q in both.questions] == [[o.text for o in q.options]
                                                                           for q in one.questions]
    assert [only(d.title) for d in both.dimensions] == [d.title for d in one.dimensions]
    assert only(both.intro) == one.intro and only(both.quadrants.both.description) == one.quadrants.both.description
    assert {d: {lv: only(text) for lv, text in by_level.items()} for d, by_level in both.recommendations.items()} \
        == one.recommendations
    for path in (tmp_path / "one" / "questions").glob("*.yml"):  # plain text, as a one-language author writes
        text = path.read_text(encoding="utf-8")
        assert "{en:" not in text and "  de:" not in text and "  en:" not in text, path.name
        assert text.startswith("# yaml-language-server: $schema=../schemas/bank.schema.json\n"), "comments stay"


def test_new_puts_the_default_language_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("new", "p", "--languages", "de,en").exit_code == 0
    assert load(tmp_path / "p" / "questions")[0].languages == ["de", "en"]


@pytest.mark.parametrize("languages", ["fr", "en,en", "", "en,fr"])
def test_new_offers_the_languages_of_its_texts(tmp_path, monkeypatch, languages):
    monkeypatch.chdir(tmp_path)
    result = run("new", "p", "--languages", languages)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: --languages {languages}: choose from en, de, separated by commas (the new project's texts are "
        "in these; add other languages to it later, see docs/authoring.md)\n"))
    assert not (tmp_path / "p").exists()


def test_written_schemas_are_those_of_this_assess(project):
    for path, kind in [("schemas/bank.schema.json", "all"), ("schemas/assessment.schema.json", "config")]:
        assert json.loads((project / path).read_text(encoding="utf-8")) == bank_schema(kind)


BANK_FILES = sorted((ROOT / "questions").glob("*.yml"))


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_default_bank_files_reference_the_published_schema(path):
    match = MODELINE.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} should start with a yaml-language-server $schema comment"
    assert (path.parent / match[1]).resolve() == ROOT / "docs" / "bank.schema.json"


def test_project_files_reference_the_schemas_written_beside_them(project):
    expected = {"assessment.yml": "schemas/assessment.schema.json"}
    expected |= {f"questions/{p.name}": "schemas/bank.schema.json" for p in (project / "questions").glob("*.yml")}
    for name, schema in expected.items():
        match = MODELINE.match((project / name).read_text(encoding="utf-8"))
        assert match, name
        assert (project / name).parent.joinpath(match[1]).resolve() == (project / schema).resolve(), name


GIT = {"url": "https://github.com/example/assess.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}


@pytest.mark.parametrize("recorded, requirement, why", [
    (GIT, "assess-obsession @ git+https://github.com/example/assess.git@abc123", None),
    (GIT | {"subdirectory": "tool"}, "assess-obsession @ git+https://github.com/example/assess.git@abc123"
     "#subdirectory=tool", None),
    ({"url": "https://example.com/a.whl", "archive_info": {"hashes": {"sha256": "f00"}}},
     "assess-obsession @ https://example.com/a.whl#sha256=f00", None),
    (None, "assess-obsession==0.1.0", None),  # from an index: pip records no direct URL
    ({"url": "file:///home/me/assess", "dir_info": {"editable": True}}, None,
     "this assess was installed from a local folder (file:///home/me/assess)"),
    ({"url": "file:///home/me/assess", "dir_info": {}}, None,
     "this assess was installed from a local folder (file:///home/me/assess)"),
    ({"url": "file:///home/me/assess", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}, None,
     "this assess was installed from a local folder (file:///home/me/assess)"),
], ids=["git", "subdirectory", "archive", "index", "editable", "folder", "local-git"])
def test_the_requirement_installs_the_assess_that_ran(monkeypatch, recorded, requirement, why):
    class Distribution:
        version = "0.1.0"

        def read_text(self, name):
            assert name == "direct_url.json"
            return json.dumps(recorded) if recorded else None

    monkeypatch.setattr(new_module.importlib.metadata, "distribution",
                        lambda name: Distribution() if name == "assess-obsession" else pytest.fail(name))
    assert new_module.generator_requirement() == (requirement, why)


def test_new_says_when_it_cannot_tell_where_assess_came_from(tmp_path, monkeypatch):
    """This checkout is installed editable: CI cannot install from a local folder."""
    monkeypatch.chdir(tmp_path)
    result = run("new", "p")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: requirements.txt names no assess for the publishing workflow to install: this assess was "
        f"installed from a local folder ({ROOT.as_uri()}). Write one there before publishing, e.g. "
        "assess-obsession @ git+https://github.com/YOUR-ORG/assess@v0.1.0 (or create the project with "
        "--generator SPEC)\n")
    text = (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in text.splitlines()), "comments only: pip installs nothing"
    assert f"# tell: this assess was installed from a local folder ({ROOT.as_uri()}).\n" in text
    assert "#   assess-obsession @ git+https://github.com/YOUR-ORG/assess@v0.1.0\n" in text


def test_new_writes_the_generator_it_is_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = "assess-obsession @ git+https://github.com/acme/assess@v1.2"
    result = run("new", "p", "--generator", spec)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8") == spec + "\n"


@pytest.mark.parametrize("spec", ["assess @ git+https://github.com/acme/assess@v1", "git+https://github.com/acme/assess",
                                  "assess-obsession==1\nevil"])
def test_new_refuses_a_generator_of_another_package(tmp_path, monkeypatch, spec):
    monkeypatch.chdir(tmp_path)
    result = run("new", "p", "--generator", spec)
    assert (result.exit_code, result.stderr) == (1, f"Error: --generator {spec!r}: give a requirement of "
                                                    "assess-obsession, e.g. 'assess-obsession @ "
                                                    "git+https://github.com/YOUR-ORG/assess@v0.1.0'\n")
    assert not (tmp_path / "p").exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    real_write = Path.write_bytes

    def write_until_the_readme(path, data):
        if path.name == "README.md":
            raise OSError(28, "No space left on device", str(path))
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_until_the_readme)
    monkeypatch.chdir(tmp_path)
    result = run("new", "project")
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {Path('project/README.md')}: "
                                                    "No space left on device\n")
    assert list(tmp_path.iterdir()) == []
