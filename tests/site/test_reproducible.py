"""Reproducible builds: the same bank gives the same bytes, whatever the
machine's hash seed, time zone, locale, or where bank and site live."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.html import tree
from support.paths import BANKS, ROOT

#: 1700000000 is 2023-11-14 22:13:20 UTC, and already the 15th in Kiritimati (UTC+14)
EPOCH = "1700000000"
ENVIRONMENTS = [
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8",
     "LANGUAGE": "de"},
]


def build_in(workdir: Path, env: dict[str, str]) -> dict[str, bytes]:
    """`python -m builder build` in a fresh process, with a copy of the bank in its own folder."""
    workdir.mkdir()
    bank = workdir / "some bank"
    shutil.copytree(BANKS["default"], bank)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONHASHSEED", "TZ"))}
    environ |= env | {"PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run([sys.executable, "-m", "builder", "build", "--bank", str(bank), "-d", "out"],
                   cwd=workdir, env=environ, check=True, capture_output=True)
    return tree(workdir / "out")


def test_builds_are_byte_identical_across_environments(tmp_path):
    first, second = (build_in(tmp_path / f"machine-{i}", env) for i, env in enumerate(ENVIRONMENTS))
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
    assert b"2023-11-14" in first["en/privacy.html"], "the date of SOURCE_DATE_EPOCH, in UTC"
