"""Shared fixtures: fixture banks, built sites, a static file server, and a
Chromium that works on machines without Playwright's own browser download."""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
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
#: bank text written to attack the site; built and served beside BANKS
HOSTILE_BANK = FIXTURES / "banks" / "hostile"
SERVED_BANKS = BANKS | {"hostile": HOSTILE_BANK}

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


@functools.cache
def built_sites() -> Path:
    """SERVED_BANKS built once per test run into <root>/<bank name>/, each for being
    served under /<bank name>/. Cached at module level, not as a fixture, because
    browser tests parametrize over the pages found in it while pytest collects them."""
    root = Path(tempfile.mkdtemp(prefix="assess-sites-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for name, path in SERVED_BANKS.items():
        build(path, root / name, base_url=f"/{name}/")
    return root


def site_pages(bank_name: str) -> list[str]:
    """Every HTML page of a built bank, as paths below its site folder."""
    site = built_sites() / bank_name
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="session")
def served_sites():
    """Every served bank, built once, served together: /<bank name>/<lang>/..."""
    server = StaticServer(built_sites())
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
