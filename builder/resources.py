"""Where the bundled default bank, site sources and lock live.

In a wheel they are installed inside the package (see pyproject.toml); in a
source checkout or editable install they sit beside the package.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.exists() else PACKAGE.parent / name


def installed(path: Path) -> bool:
    """Whether `path` lies inside the installed package (site-packages): never a
    place to send a user to edit, since an upgrade replaces it."""
    return PACKAGE in Path(path).resolve().parents


def default_bank() -> Path:
    local = Path("questions")
    return local if (local / "bank.yml").is_file() else bundled("questions")
