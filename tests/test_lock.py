"""The lock (constraints.txt): the suite runs with exactly the versions it
pins, and it pins everything assess needs at run time."""
from __future__ import annotations

import os

import pytest
from support.lock import NOT_LOCKED, PROJECT, canonical, closure, installed, pins
from support.paths import ROOT

from builder.commands.new import new_project, runtime_constraints

LOCK = ROOT / "constraints.txt"


def locked() -> dict[str, str]:
    return pins(LOCK.read_text(encoding="utf-8"))


@pytest.mark.skipif(os.environ.get("ASSESS_LATEST") == "1", reason="bash tests/run.sh --latest: the newest releases")
def test_the_tests_run_with_the_locked_versions():
    wanted = locked()
    found = {name: dist.version for name, dist in installed().items() if name not in NOT_LOCKED}
    wrong = {name: (version, wanted.get(name)) for name, version in found.items() if wanted.get(name) != version}
    assert not wrong, ("installed (version, locked version) differ from constraints.txt; "
                       f"set up with bash tests/run.sh: {wrong}")


def test_the_lock_pins_every_runtime_dependency():
    runtime = closure(PROJECT, installed()) - NOT_LOCKED
    section = runtime_constraints(LOCK.read_text(encoding="utf-8")).decode()
    assert set(pins(section)) == runtime
    assert {"click", "jinja2", "nh3", "pyromark", "pyyaml"} <= runtime


def test_a_new_project_installs_with_the_runtime_part_of_the_lock(tmp_path):
    new_project(tmp_path / "p")
    written = pins((tmp_path / "p" / "constraints.txt").read_text(encoding="utf-8"))
    everything = locked()
    assert written and all(everything[name] == version for name, version in written.items())
    assert canonical("pytest") not in written, "only what assess needs at run time"
