"""Write the lock: the exact version of every package installed beside assess.

    python tests/support/lock.py constraints.txt

`bash tests/run.sh --latest` runs this with the interpreter of a fresh virtual
environment that holds the newest releases, after the whole suite passed
there. The file is a pip constraints file in three parts: what `pip install
assess-obsession` needs ("runtime", which `assess new` copies into a project), what
its test extra adds ("tests"), and the rest: the build backend ("build").
It prints what changed against the previous lock.
"""
from __future__ import annotations

import datetime
import importlib.metadata
import platform
import re
import sys
from pathlib import Path

from packaging.requirements import Requirement

from builder import DISTRIBUTION
from builder.commands.new import LOCK_SECTIONS

PROJECT = DISTRIBUTION
#: the virtual environment's own tools, not dependencies of anything
NOT_LOCKED = {PROJECT, "pip", "setuptools", "wheel"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, importlib.metadata.Distribution]:
    return {canonical(d.metadata["Name"]): d for d in importlib.metadata.distributions()}


def closure(root: str, dists: dict[str, importlib.metadata.Distribution], extra: str = "") -> set[str]:
    """`root` (with its `extra`) and everything that requires, without extras, on this platform."""
    seen, todo = set(), [(canonical(root), extra)]
    while todo:
        name, wanted = todo.pop()
        if name in seen or name not in dists:
            continue
        seen.add(name)
        for text in dists[name].requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in {"", wanted}):
                todo.append((canonical(requirement.name), ""))
    return seen


def lock_text() -> str:
    dists = installed()
    runtime = closure(PROJECT, dists) - NOT_LOCKED
    tests = closure(PROJECT, dists, "test") - runtime - NOT_LOCKED
    parts = {"runtime": runtime, "tests": tests, "build": set(dists) - runtime - tests - NOT_LOCKED}
    head = [
        "# The versions the whole test suite last passed with: pip constraints, used by tests/run.sh,",
        "# .github/workflows/pages.yml and (the runtime part) the projects `assess new` writes.",
        "# Rewritten by `bash tests/run.sh --latest` when the suite passes with the newest releases.",
        f"# Python {platform.python_version()} on {sys.platform}, {datetime.date.today().isoformat()}.",
    ]
    lines = list(head)
    for section in LOCK_SECTIONS:
        lines += ["", f"# {section}"]
        lines += [f"{dists[name].metadata['Name']}=={dists[name].version}" for name in sorted(parts[section])]
    return "\n".join(lines) + "\n"


def pins(text: str) -> dict[str, str]:
    return {canonical(name): version for name, version in re.findall(r"^([\w.-]+)==(\S+)$", text, re.M)}


def main(path: str) -> None:
    target = Path(path)
    before = pins(target.read_text(encoding="utf-8")) if target.is_file() else {}
    text = lock_text()
    after = pins(text)
    for name in sorted(before.keys() | after.keys()):
        if before.get(name) != after.get(name):
            print(f"  {name}: {before.get(name, '-')} -> {after.get(name, '-')}")
    if before == after:
        print("  no version changed")
    target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
