"""Publishing a project made with `assess new`, end to end: its workflow's install line
installs this assess from a Git URL into a fresh virtual environment, which then
validates and builds the project, and names itself exactly in a project of its own;
installed, it points a new language's UI strings at the project, not at itself.

The Git repository is a clone of this checkout's last commit (uncommitted changes
are not part of it), served over HTTP as GitHub would serve it, so that pip records
a URL and a commit (PEP 610) just as for `pip install git+https://github.com/...`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.paths import ROOT
from support.server import Server

pytestmark = pytest.mark.slow

#: the install step of the scaffold's workflow (tests/commands/test_workflows.py checks it is there)
INSTALL = ["-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-r", "requirements.txt"]


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def in_venv(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_a_new_project_installs_the_assess_that_made_it_and_builds_with_it(tmp_path, monkeypatch):
    repository = tmp_path / "served" / "assess.git"
    git("clone", "--quiet", "--bare", str(ROOT), str(repository))
    git("update-server-info", cwd=repository)  # Git's "dumb" HTTP: plain files a static server can send
    commit = git("rev-parse", "HEAD", cwd=repository)
    with Server(repository.parent) as server:
        requirement = f"assess-obsession @ git+{server.url('assess.git')}@{commit}"
        monkeypatch.chdir(tmp_path)
        made = run("new", "project", "--generator", requirement)
        assert (made.exit_code, made.stderr) == (0, ""), made.output
        project = tmp_path / "project"
        assert (project / "requirements.txt").read_text(encoding="utf-8") == requirement + "\n"

        venv = tmp_path / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
        installed = in_venv(venv, "python", *INSTALL, cwd=project)
        assert installed.returncode == 0, installed.stderr

    validated = in_venv(venv, "assess", "validate", "--strict", cwd=project)
    assert (validated.returncode, validated.stderr) == (0, ""), validated.stderr
    assert validated.stdout.startswith("my-assessment 0.1 (")
    built = in_venv(venv, "assess", "build", cwd=project)
    assert (built.returncode, built.stdout) == (0, "Built site/ for en, de (6 questions)\n"), built.stderr
    assert (project / "site" / "de" / "quiz.html").is_file()

    # the installed assess knows where it came from: its own new project names it exactly
    again = in_venv(venv, "assess", "new", "again", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, ""), again.stderr
    assert (tmp_path / "again" / "requirements.txt").read_text(encoding="utf-8") == requirement + "\n"

    # a new language: the advice names the project's theme folder, never the installed package
    bank = tmp_path / "again" / "questions" / "bank.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("languages: [en, de]", "languages: [en, de, it]"),
                    encoding="utf-8")
    italian = in_venv(venv, "assess", "validate", cwd=tmp_path / "again")
    assert italian.returncode == 1 and "site-packages" not in italian.stderr
    assert "assessment.yml: no UI strings for language 'it': set theme_dir: theme here and create " \
           "theme/i18n/it.yml from the English ones (assess i18n --template it prints them), then translate it\n" \
           in italian.stderr
