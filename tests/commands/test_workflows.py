"""The GitHub Pages workflows, the repository's own and the one `assess new`
writes: every command, option, pytest marker, file and action they use exists,
their `assess` commands succeed, and they publish what the build writes."""
from __future__ import annotations

import importlib.metadata
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from support.paths import ROOT

from builder import DISTRIBUTION
from builder.cli import cli
from builder.commands.new import SCAFFOLD, new_project

WORKFLOW = ".github/workflows/pages.yml"
METADATA = importlib.metadata.metadata(DISTRIBUTION)  # of this checkout, installed editable
#: the official actions a Pages workflow needs, at the major versions we know
OFFICIAL_ACTIONS = {"actions/checkout": "v4", "actions/setup-python": "v5", "actions/configure-pages": "v5",
                    "actions/upload-pages-artifact": "v3", "actions/deploy-pages": "v4"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
#: what the Pages expressions stand for when the commands are run here
SAMPLE_VALUES = {"steps.pages.outputs.base_path": "/assess"}


def load_workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def shell_commands(script: str) -> list[list[str]]:
    """Split a `run:` script into commands (lines, &&, ||, ;)."""
    commands = []
    for line in script.replace("\\\n", " ").splitlines():
        current: list[str] = []
        for word in shlex.split(line, comments=True):
            if word in ("&&", "||", ";"):
                commands.append(current)
                current = []
            else:
                current.append(word)
        if current:
            commands.append(current)
    return commands


class Checker:
    """Checks one workflow against the project folder it runs in."""

    def __init__(self, workflow: Path, project: Path):
        self.workflow, self.project = load_workflow(workflow), project
        self.assess_runs: list[list[str]] = []  # run afterwards, in order
        self.site_dirs: list[Path] = []

    def check(self) -> None:
        on = self.workflow["on"]
        assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
        assert self.workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
        jobs = self.workflow["jobs"]
        assert jobs["deploy"]["needs"] == "build"
        assert jobs["deploy"]["environment"]["name"] == "github-pages"
        for job in jobs.values():
            ids = {step["id"] for step in job["steps"] if "id" in step}
            for step in job["steps"]:
                self.check_expressions(step, ids, job)
                if "uses" in step:
                    self.check_action(step)
                else:
                    for command in shell_commands(step["run"]):
                        self.check_command(command)
        uploads = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")]
        assert [Path(s["with"]["path"]) for s in uploads] == self.site_dirs, "publish what assess build wrote"

    def check_expressions(self, step: dict, ids: set[str], job: dict) -> None:
        text = yaml.safe_dump(step) + yaml.safe_dump(job.get("environment", {}))
        for expression in EXPRESSION.findall(text):
            if expression.startswith("steps."):
                assert expression.split(".")[1] in ids, f"{expression}: no step with that id in the job"

    def check_action(self, step: dict) -> None:
        name, _, version = step["uses"].partition("@")
        assert OFFICIAL_ACTIONS.get(name) == version, f"{step['uses']}: not an official action we know"
        if name == "actions/setup-python":
            wanted = tuple(int(n) for n in step["with"]["python-version"].split("."))
            minimum = tuple(int(n) for n in METADATA["Requires-Python"].lstrip(">=").split("."))
            assert wanted >= minimum

    def check_command(self, argv: list[str]) -> None:
        if argv[:4] == ["python", "-m", "pip", "install"]:
            self.check_pip(argv[4:])
        elif argv[:3] == ["python", "-m", "pytest"]:
            self.check_pytest(argv[3:])
        elif argv[0] == "assess":
            self.check_assess(argv[1:])
        else:
            pytest.fail(f"{shlex.join(argv)}: a command this test does not know; teach it")

    def check_pip(self, args: list[str]) -> None:
        options = dict(zip(args[::2], args[1::2], strict=True))
        assert set(options) <= {"-e", "-r", "-c"}, args
        assert "-c" in options, "install at the versions the tests passed with (a constraints file)"
        for option in ("-r", "-c"):
            if option in options:
                assert (self.project / options[option]).is_file(), f"{options[option]} does not exist"
        if "-e" in options:
            path, _, extras = options["-e"].partition("[")
            assert (self.project / path / "pyproject.toml").is_file()
            for extra in extras.rstrip("]").split(","):
                assert extra in METADATA.get_all("Provides-Extra"), f"no extra {extra!r}"

    def check_pytest(self, args: list[str]) -> None:
        """pytest itself checks the options and (with --strict-markers) the markers."""
        done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", *args], cwd=self.project,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr.strip() or done.stdout[-2000:]
        summary = done.stdout.strip().splitlines()[-1]
        selected, _, deselected = map(int, re.match(r"(\d+)/(\d+) tests collected \((\d+) deselected\)",
                                                        summary).groups())
        assert selected > 0, "the tests' fast part selects no test"
        assert deselected > 0, f"-m {args[args.index('-m') + 1]!r} deselects nothing: is the marker right?"
        assert "tests/browser/" not in done.stdout, "the fast part leaves the browser tests out"

    def check_assess(self, args: list[str]) -> None:
        command = cli.commands.get(args[0])
        assert command is not None, f"assess has no command {args[0]!r}"
        values = [EXPRESSION.sub(lambda m: SAMPLE_VALUES[m[1]], arg) for arg in args]
        try:
            context = command.make_context(args[0], values[1:])
        except click.UsageError as error:
            pytest.fail(f"assess {shlex.join(args)}: {error.format_message()}")
        if args[0] == "build":
            self.site_dirs.append(context.params["site_dir"])
        self.assess_runs.append(values)

    def run_assess(self, folder: Path, monkeypatch) -> None:
        monkeypatch.chdir(folder)
        for args in self.assess_runs:
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, (args, result.output)


def test_the_repository_workflow(tmp_path, monkeypatch):
    checker = Checker(ROOT / WORKFLOW, ROOT)
    checker.check()
    assert [args[0] for args in checker.assess_runs] == ["build"]
    checker.run_assess(tmp_path, monkeypatch)  # the default bank, as in the repository, built elsewhere
    assert (tmp_path / "site" / "404.html").read_text(encoding="utf-8").count('href="/assess/en/index.html"') == 1


def test_the_workflow_of_a_new_project(tmp_path, monkeypatch):
    project = tmp_path / "project"
    new_project(project)
    assert (project / WORKFLOW).read_bytes() == (SCAFFOLD / WORKFLOW).read_bytes()
    checker = Checker(project / WORKFLOW, project)
    checker.check()
    assert [args[0] for args in checker.assess_runs] == ["validate", "build"]
    checker.run_assess(project, monkeypatch)
    assert (project / "site" / "en" / "quiz.html").is_file()


@pytest.mark.parametrize("workflow, old, new, complaint", [
    (SCAFFOLD, "assess validate --strict", "assess validate --strcit", "No such option '--strcit'"),
    (SCAFFOLD, "assess validate --strict", "assess check", "assess has no command 'check'"),
    (SCAFFOLD, "-r requirements.txt", "-r requirement.txt", "requirement.txt does not exist"),
    (SCAFFOLD, "steps.pages.outputs", "steps.page.outputs", "steps.page.outputs.base_path: no step with that id"),
    (SCAFFOLD, "path: site", "path: _site", "publish what assess build wrote"),
    (SCAFFOLD, "actions/deploy-pages@v4", "someone/deploy-pages@v4", "not an official action"),
    (ROOT, '"not browser and not slow"', '"not browsr and not slow"', "Unknown marker(s) in '-m' expression: browsr"),
    (ROOT, '-e ".[test]"', '-e ".[tests]"', "no extra 'tests'"),
], ids=["option", "command", "requirements", "step-id", "upload-path", "action", "marker", "extra"])
def test_the_checker_catches_mistakes(tmp_path, workflow, old, new, complaint):
    text = (workflow / WORKFLOW).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "pages.yml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    project = ROOT if workflow == ROOT else tmp_path / "project"
    if workflow == SCAFFOLD:
        new_project(project)
    with pytest.raises((AssertionError, pytest.fail.Exception), match=re.escape(complaint)):
        Checker(broken, project).check()
