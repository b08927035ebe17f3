"""The one exception family of the tool: problems that carry a file and a line.

Loading collects every `Problem` it finds and raises a single `BankError`, so a
user fixes a whole file at once instead of one error per run.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        kind = "warning: " if self.warning else ""
        return f"{where}: {kind}{self.message}"


def display_path(path: str) -> str:
    """Show paths relative to the working directory when they lie below it."""
    if not path or path == "-":
        return path or "<input>"
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


class AssessError(click.ClickException):
    """Base class: a user-facing error, printed without a traceback, exit 1."""


class BankError(AssessError):
    """One or more problems found in files the user wrote."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted_problems(problems)
        errors = sum(not p.warning for p in self.problems)
        super().__init__(f"{errors} problem{'s' if errors != 1 else ''} found")

    def show(self, file=None) -> None:
        for problem in self.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Error: {self.message}", err=True)


def decode_utf8(source: str, data: bytes) -> str:
    """A user's file as text (a byte order mark dropped), or a BankError at the bad byte's line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise BankError([Problem(source, line, message)]) from None


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """File order, then line order; stable for problems on the same line."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0))
