"""The benchmark's npm packages (bench/package.json, locked in package-lock.json),
installed into bench/node_modules on first use."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BENCH = Path(__file__).resolve().parent
MODULES = BENCH / "node_modules"


def install(needed: list[Path]) -> str | None:
    """Install the packages if any of the `needed` files is missing; returns why not, or None."""
    if all(path.is_file() for path in needed):
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm not found"
    command = [npm, "ci" if (BENCH / "package-lock.json").is_file() else "install", "--no-audit", "--no-fund"]
    result = subprocess.run(command, cwd=BENCH, capture_output=True, text=True)
    if result.returncode != 0 or not all(path.is_file() for path in needed):
        return f"npm failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}"
    return None
