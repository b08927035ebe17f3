"""Stage 4: write the rendered files beside the old site, then swap.

A build that fails before this point never touches the site folder; one that
fails while writing leaves the old site in place and removes its scratch folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import AssessError

MARKER = ".nojekyll"  # every build writes it; a folder without it is not ours


def write_site(files: dict[str, bytes], site_dir: Path, clean: bool = False, protect: tuple[Path, ...] = (),
               option: str = "-d/--site-dir") -> None:
    """`option` is the command's option that named `site_dir`, for the messages."""
    site_dir = Path(site_dir).resolve()
    check_target(site_dir, protect, option)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        if site_dir.is_dir() and not clean:
            keep_foreign_files(site_dir, scratch, files)
        for rel in sorted(files):
            target = scratch / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel])
        swap(scratch, site_dir)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def check_target(site_dir: Path, protect: tuple[Path, ...], option: str) -> None:
    for path in (Path.cwd(), *protect):
        path = path.resolve()
        if site_dir == path or site_dir in path.parents:
            raise AssessError(f"refusing to write into {site_dir}: it contains {path}; choose another {option}")
    if site_dir.exists() and not site_dir.is_dir():
        raise AssessError(f"{site_dir} exists and is not a folder; choose another {option}")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / MARKER).exists():
        raise AssessError(f"{site_dir} is not empty and was not built by assess (no {MARKER}); "
                          f"remove it or choose another {option}")


def keep_foreign_files(old: Path, new: Path, files: dict[str, bytes]) -> None:
    """Without --clean, files the build does not produce (a CNAME, say) survive."""
    for path in old.rglob("*"):
        rel = path.relative_to(old).as_posix()
        if path.is_file() and rel not in files:
            (new / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, new / rel)


def swap(new: Path, site_dir: Path) -> None:
    new.chmod(0o755)  # mkdtemp makes 0700 folders; a site is meant to be read
    if not site_dir.exists():
        os.replace(new, site_dir)
        return
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    os.replace(site_dir, old)
    try:
        os.replace(new, site_dir)
    except OSError:
        os.replace(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
