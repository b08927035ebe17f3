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

    @property
    def place(self) -> str:
        where = display_path(self.path)
        return where if self.line is None else f"{where}:{self.line}"

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.place}: {kind}{self.message}"


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
        super().__init__(f"{plural(sum(not p.warning for p in self.problems), 'problem')} found")

    def show(self, file=None) -> None:
        for line in printed(self.problems):
            click.echo(line, err=True)
        click.echo(f"Error: {self.message}", err=True)


def plural(count: int, noun: str) -> str:
    """`1 code`, `2 codes`: every count the command line prints reads right."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def decode_utf8(source: str, data: bytes) -> str:
    """A user's file as text (a byte order mark dropped), or a BankError at the bad byte's line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise BankError([Problem(source, line, message)]) from None


#: a message found at this many places or more is printed once (docs/authoring.md)
GROUP_FROM = 3
#: places a grouped line names, the first included
PLACES_NAMED = 3


def printed(problems: list[Problem]) -> list[str]:
    """The lines for the terminal: one per problem, except that a message found at
    GROUP_FROM or more places is one line, at its first place, with the count and the
    next places: `path:line: message (37 times; also at path:line, path:line and 34 more)`."""
    alike: dict[tuple[str, bool], list[Problem]] = {}
    for problem in problems:
        alike.setdefault((problem.message, problem.warning), []).append(problem)
    lines = []
    for problem in problems:
        same = alike[problem.message, problem.warning]
        if len(same) < GROUP_FROM:
            lines.append(str(problem))
        elif same[0] is problem:
            also = ", ".join(other.place for other in same[1:PLACES_NAMED])
            more = f" and {len(same) - PLACES_NAMED} more" if len(same) > PLACES_NAMED else ""
            lines.append(f"{problem} ({len(same)} times; also at {also}{more})")
    return lines


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """File order, then line order; stable for problems on the same line."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0))
