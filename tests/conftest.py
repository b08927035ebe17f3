"""Shared fixtures: fixture banks, built sites, a static file server, and a
Chromium that works on machines without Playwright's own browser download."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.server import Server as StaticServer  # serves a folder on loopback, with gzip as a real host
from builder.build import build
from builder.load import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_BANK = ROOT / "questions"
SMALL_BANK = FIXTURES / "banks" / "small"
#: every bank in the repository that the site must serve correctly
BANKS = {"default": DEFAULT_BANK, "small": SMALL_BANK}

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def system_chromium() -> str | None:
    """CHROMIUM_PATH, else Debian's /usr/bin/chromium; None means Playwright's own."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = system_chromium()
    if executable is None:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": executable,
            "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]}


@pytest.fixture(scope="session")
def banks():
    """Loaded banks by name (the scoring model and Bank objects)."""
    return {name: load(path) for name, path in BANKS.items()}


@pytest.fixture(scope="session")
def served_sites(tmp_path_factory):
    """Every repository bank built once, served together: /<bank name>/<lang>/..."""
    root = tmp_path_factory.mktemp("served")
    for name, path in BANKS.items():
        build(path, root / name)
    server = StaticServer(root)
    yield server
    server.close()


@pytest.fixture
def static_server():
    servers = []

    def start(root: Path) -> StaticServer:
        servers.append(StaticServer(root))
        return servers[-1]

    yield start
    for server in servers:
        server.close()
