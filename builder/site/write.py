"""Stage 4: write the rendered files beside the old site, then swap.

The files go into a scratch folder beside the site (a large build's processes
each write the pages they rendered, builder/commands/build.py), which replaces
the site only when everything is written. A build that fails never touches the
site folder: the old site stays in place and the scratch folder is removed.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import AssessError

MARKER = ".nojekyll"  # every build writes it; a folder without it is not ours


def write_site(files: dict[str, bytes], site_dir: Path, clean: bool = False, protect: tuple[Path, ...] = (),
               option: str = "-d/--site-dir") -> None:
    """`option` is the command's option that named `site_dir`, for the messages."""
    with staged_site(site_dir, clean, protect, option) as scratch:
        write_files(files, scratch)


@contextmanager
def staged_site(site_dir: Path, clean: bool = False, protect: tuple[Path, ...] = (),
                option: str = "-d/--site-dir") -> Iterator[Path]:
    """A scratch folder beside `site_dir` to write the new site into. When the
    block ends without an error it becomes the site (with the old site's files
    the build did not write, unless `clean`); after an error it is removed and
    the old site stays as it was."""
    site_dir = Path(site_dir).resolve()
    check_target(site_dir, protect, option)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        yield scratch
        if site_dir.is_dir() and not clean:
            keep_foreign_files(site_dir, scratch)
        swap(scratch, site_dir)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def write_files(files: dict[str, bytes], folder: Path) -> None:
    for rel in sorted(files):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])


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


def keep_foreign_files(old: Path, new: Path) -> None:
    """Without --clean, files the build did not write (a CNAME, say) survive."""
    for path in old.rglob("*"):
        target = new / path.relative_to(old)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


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
