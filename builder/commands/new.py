"""`assess new DIR`: a project that builds and passes `validate --strict` as it is.

The files come from builder/commands/scaffold/; the JSON Schemas are written fresh from
this version of assess, requirements.txt installs exactly the assess that ran
(`generator_requirement`), and constraints.txt pins its dependencies at the
versions its tests passed with (the runtime part of the lock).
"""
from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import DISTRIBUTION
from ..errors import AssessError
from ..resources import bundled
from .new_languages import in_languages, parse_languages, scaffold_languages
from .schema import bank_schema

SCAFFOLD = Path(__file__).with_name("scaffold")
#: stored without the dot, so that packaging tools treat them as plain files
RENAMES = {"gitignore": ".gitignore"}
BANK_YML = "questions/bank.yml"
SCHEMAS = {"schemas/bank.schema.json": "all", "schemas/assessment.schema.json": "config"}
#: the parts of the lock (constraints.txt, written by tests/support/lock.py), each headed `# <name>`
LOCK_SECTIONS = ("runtime", "tests", "build")

EXAMPLE_REQUIREMENT = f"{DISTRIBUTION} @ git+https://github.com/YOUR-ORG/assess@v0.1.0"
UNKNOWN_SOURCE = f"""\
# Where the publishing workflow installs assess from. `assess new` could not
# tell: {{why}}.
# Write one requirement line: a Git URL of assess (or of your fork), pinned to a
# tag or commit, for example
#   {EXAMPLE_REQUIREMENT}
# The package called "assess" on PyPI is a different project.
"""


@dataclass
class NewProject:
    files: list[Path]  # as written, in order
    #: why requirements.txt names no assess to install (a warning for the terminal), or None
    unknown_generator: str | None = None


def new_project(target: Path, generator: str | None = None, languages: str | None = None) -> NewProject:
    """Create the project in `target` (new or empty). `generator` is the requirement that
    installs assess in the publishing workflow (default: the one running, if it can tell);
    `languages` some of the scaffold's, comma-separated (default: all)."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise AssessError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise AssessError(f"{target} is not empty; choose a new or empty folder")
    if generator is not None:
        check_generator(generator)
        requirement, why = generator.strip(), None
    else:
        requirement, why = generator_requirement()
    available = scaffold_languages((SCAFFOLD / BANK_YML).read_text(encoding="utf-8"))
    chosen = parse_languages(languages, available) if languages is not None else available
    files: dict[str, bytes] = {}
    for path in sorted(SCAFFOLD.rglob("*")):
        if path.is_file():
            rel = path.relative_to(SCAFFOLD).as_posix()
            files[RENAMES.get(rel, rel)] = path.read_bytes()
            if chosen != available and rel.startswith("questions/"):
                files[rel] = in_languages(path.read_text(encoding="utf-8"), available, chosen).encode("utf-8")
    for rel, kind in SCHEMAS.items():
        files[rel] = (json.dumps(bank_schema(kind), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files["requirements.txt"] = (requirement + "\n" if requirement else UNKNOWN_SOURCE.format(why=why)).encode()
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
    if why is None:
        return NewProject(written)
    return NewProject(written, f"requirements.txt names no assess for the publishing workflow to install: {why}. "
                               f"Write one there before publishing, e.g. {EXAMPLE_REQUIREMENT} "
                               "(or create the project with --generator SPEC)")


def generator_requirement() -> tuple[str | None, str | None]:
    """The requirement line that installs exactly this assess, from what pip recorded
    when installing it (PEP 610's direct_url.json: a VCS URL and commit, or an archive
    URL; none when it came from an index). None and the reason when CI could not
    install from where this one came from."""
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None, f"{DISTRIBUTION} is not installed; this assess runs from its source folder"
    recorded = distribution.read_text("direct_url.json")
    if not recorded:
        return f"{DISTRIBUTION}=={distribution.version}", None
    info = json.loads(recorded)
    url, vcs, archive = info.get("url", ""), info.get("vcs_info"), info.get("archive_info")
    if url.startswith("file:"):
        return None, f"this assess was installed from a local folder ({url})"
    fragment = f"#subdirectory={info['subdirectory']}" if info.get("subdirectory") else ""
    if vcs and vcs.get("vcs") and vcs.get("commit_id"):
        return f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}{fragment}", None
    if archive is not None:
        hashes = archive.get("hashes") or {}
        if "sha256" in hashes:
            fragment = f"#sha256={hashes['sha256']}"
        return f"{DISTRIBUTION} @ {url}{fragment}", None
    return None, f"pip recorded no commit or archive for where this assess came from ({url})"


def check_generator(spec: str) -> None:
    """`--generator`: one requirement line for this distribution (pip checks the rest)."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    if "\n" in spec or name is None or re.sub(r"[-_.]+", "-", name[1]).lower() != DISTRIBUTION:
        raise AssessError(f"--generator {spec!r}: give a requirement of {DISTRIBUTION}, "
                          f"e.g. {EXAMPLE_REQUIREMENT!r}")


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
