"""Shared fixtures: loaded banks, built and served sites, an editable bank
copy, a static file server, and a Chromium that works on machines without
Playwright's own browser download. Helpers are in tests/support/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.chromium import ARGS, system_chromium
from support.paths import BANKS, SERVED_BANKS, SMALL_BANK
from support.server import Server

from builder.bank.load import load
from builder.commands.build import build


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = system_chromium()
    if executable is None:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": executable,
            "args": [*browser_type_launch_args.get("args", []), *ARGS]}


@pytest.fixture(scope="session")
def banks():
    """The repository's banks, loaded, by name."""
    return {name: load(path)[0] for name, path in BANKS.items()}


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory) -> Path:
    """SERVED_BANKS built once per test run into <root>/<bank name>/, each for
    being served under /<bank name>/."""
    root = tmp_path_factory.mktemp("sites")
    for name, path in SERVED_BANKS.items():
        build(path, root / name, base_url=f"/{name}/")
    return root


@pytest.fixture(scope="session")
def served_sites(built_sites):
    """Every served bank, built once, served together: /<bank name>/<lang>/..."""
    server = Server(built_sites)
    yield server
    server.close()


@pytest.fixture
def static_server():
    servers = []

    def start(root: Path) -> Server:
        servers.append(Server(root))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def bank_copy(tmp_path) -> Path:
    """An editable copy of the small fixture bank."""
    return Path(shutil.copytree(SMALL_BANK, tmp_path / "bank"))
