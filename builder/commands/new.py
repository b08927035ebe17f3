"""`assess new DIR`: a project that builds and passes `validate --strict` as it is.

The files come from builder/commands/scaffold/; the JSON Schemas are written fresh from
this version of assess, requirements.txt says where CI installs assess from (a
Git URL when this assess was installed from one), and constraints.txt pins its
dependencies at the versions its tests passed with (the runtime part of the lock).
"""
from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path

from ..errors import AssessError
from ..resources import bundled
from .schema import bank_schema

SCAFFOLD = Path(__file__).with_name("scaffold")
#: stored without the dot, so that packaging tools treat them as plain files
RENAMES = {"gitignore": ".gitignore"}
SCHEMAS = {"schemas/bank.schema.json": "all", "schemas/assessment.schema.json": "config"}
#: the parts of the lock (constraints.txt, written by tests/support/lock.py), each headed `# <name>`
LOCK_SECTIONS = ("runtime", "tests", "build")

UNKNOWN_SOURCE = """\
# Where the publishing workflow installs assess from. The package called
# "assess" on PyPI is a different project: name this one's Git repository
# (or your fork of it), pinned to a tag or commit, for example
#   assess @ git+https://github.com/YOUR-ORG/assess@v0.1.0
"""


def new_project(target: Path) -> list[Path]:
    """Create the project in `target` (new or empty); returns the files written."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise AssessError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise AssessError(f"{target} is not empty; choose a new or empty folder")
    files: dict[str, bytes] = {}
    for path in sorted(SCAFFOLD.rglob("*")):
        if path.is_file():
            rel = path.relative_to(SCAFFOLD).as_posix()
            files[RENAMES.get(rel, rel)] = path.read_bytes()
    for rel, kind in SCHEMAS.items():
        files[rel] = (json.dumps(bank_schema(kind), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    requirement = install_requirement()
    files["requirements.txt"] = (requirement + "\n" if requirement else UNKNOWN_SOURCE).encode("utf-8")
    files["constraints.txt"] = runtime_constraints(bundled("constraints.txt").read_text(encoding="utf-8"))

    created = not target.exists()
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel in sorted(files):
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[rel])
            written.append(path)
    except OSError as exc:  # nothing half-written: the folder is as empty as before
        for child in target.iterdir() if target.is_dir() else ():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        if created and target.is_dir():
            target.rmdir()
        raise AssessError(f"cannot write {exc.filename or target}: {exc.strerror}") from None
    return written


def install_requirement() -> str | None:
    """`assess @ git+URL@commit` if this assess was installed from a remote Git
    repository (PEP 610's direct_url.json says so); None when CI could not
    install from where this one came from."""
    try:
        recorded = importlib.metadata.distribution("assess").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None
    if not recorded:
        return None
    info = json.loads(recorded)
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") != "git" or not vcs.get("commit_id") or info["url"].startswith("file:"):
        return None
    return f"assess @ git+{info['url']}@{vcs['commit_id']}"


def runtime_constraints(lock: str) -> bytes:
    """The lock's runtime part (tests/support/lock.py writes the lock in parts headed `# runtime`, ...)."""
    section, pins = "", []
    for line in lock.splitlines():
        if line.startswith("# ") and line[2:] in LOCK_SECTIONS:
            section = line[2:]
        elif section == "runtime" and line.strip():
            pins.append(line)
    return ("# The versions of assess's dependencies its tests passed with (pip constraints, used by\n"
            "# .github/workflows/pages.yml). Refresh it from a newer assess's constraints.txt when you upgrade.\n"
            + "\n".join(pins) + "\n").encode("utf-8")
