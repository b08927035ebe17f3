"""`assess report`: team results from collections of result codes, without a browser.

Reads text or CSV files (or stdin), finds and decodes the codes as the team page
does (builder/rules/team.py), and produces the team JSON, a short text summary, or a
static report page (the team page, pre-filled).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..bank.model import AXES, Bank
from ..errors import AssessError, plural
from ..rules.codes import code_length
from ..rules.team import Collection, Found, aggregate, find_codes, read_codes
from ..site.render import render_report
from ..site.write import write_site
from .build import cyclic_gc_paused, inputs
from .project import Project

STDIN = "-"
STATISTICS = ("mean", "median", "q1", "q3", "min", "max")


@dataclass
class Source:
    name: str  # as given on the command line; "-" is standard input
    data: bytes


def read_source(name: str, stdin) -> Source:
    """A FILE argument's bytes; "-" reads `stdin` (a binary stream)."""
    if name == STDIN:
        return Source(name, stdin.read())
    try:
        return Source(name, Path(name).read_bytes())
    except OSError as exc:
        raise AssessError(f"{name}: cannot read it ({exc.strerror})") from None


def decode_text(data: bytes) -> str:
    """UTF-8, a byte order mark dropped, as the page reads files (codes are ASCII, so other
    ASCII-based encodings such as Windows-1252 read the same)."""
    return data.decode("utf-8-sig", errors="replace")


def collect(bank: Bank, sources: list[Source]) -> Collection:
    length = code_length(bank.scoring_model)
    found = [Found(source.name, line, text)
             for source in sources
             for line, text in find_codes(decode_text(source.data), length, csv=is_csv(source.name))]
    return read_codes(bank.scoring_model, bank.tag, len(bank.segment_ids), found)


def is_csv(name: str) -> bool:
    return name.lower().endswith((".csv", ".tsv"))


def problems(collection: Collection) -> list[str]:
    """Lines for stderr: every refused code and every duplicate, as `file:line: ...`."""
    def where(item: Found) -> str:
        return f"{'<stdin>' if item.source == STDIN else item.source}:{item.line}"

    def shown(text: str) -> str:
        return repr(text if len(text) <= 60 else text[:60] + "…")

    lines = [(item, f"{where(item)}: {error} ({shown(item.text)})") for item, error in collection.invalid]
    lines += [(item, f"{where(item)}: duplicate of {where(first)}, counted once")
              for item, first in collection.duplicates]
    order = {source: index for index, source in enumerate(dict.fromkeys(item.source for item, _ in lines))}
    return [line for item, line in sorted(lines, key=lambda pair: (order[pair[0].source], pair[0].line))]


def team_json(team: dict) -> str:
    """As the team page's "Download team JSON" writes it."""
    return json.dumps(team, indent=2, ensure_ascii=False) + "\n"


def summary(bank: Bank, team: dict) -> str:
    """A short plain-text overview for the terminal."""
    counts = team["codes"]
    lines = [f"{bank.id} {bank.version} ({bank.fingerprint}): {plural(counts['valid'], 'code')} counted, "
             f"{counts['invalid']} invalid, {plural(counts['duplicates'], 'duplicate')}"]
    k = team["min_group_size"]
    if team["all"].get("hidden"):
        return "\n".join(lines + [f"fewer than {k} codes: results hidden to keep everyone anonymous"]) + "\n"
    rows = [("overall", team["all"]["overall"])] + [(d["id"], d) for d in team["all"]["dimensions"]]
    width = 2 + max(len(f"{name} competitor") for name, _ in rows)
    lines.append(f"{'':<{width}}{'n':>7}" + "".join(f"{key:>8}" for key in STATISTICS))
    for name, part in rows:
        for axis in AXES:
            cell, label = part[axis], f"{name} {axis}"
            if "hidden" in cell:
                why = f"fewer than {k}" if cell["hidden"] == "small" else "protects a smaller group"
                lines.append(f"{label:<{width}}hidden ({why})")
            else:
                numbers = "".join(f"{cell[key]:>8.1f}" for key in STATISTICS if key in cell)
                lines.append(f"{label:<{width}}{cell['n']:>7}{numbers}")
    return "\n".join(lines) + "\n"


def report_language(bank: Bank, lang: str | None) -> str:
    """The language of a report page: `lang` if the bank has it, else its first."""
    if lang is not None and lang not in bank.languages:
        raise AssessError(f"--lang {lang}: the bank's languages are {', '.join(bank.languages)}")
    return lang or bank.languages[0]


def write_report(project: Project, team: dict, out: Path, lang: str, bank_dir: Path) -> None:
    """The team page alone, filled in with `team` and styled by the site config, into `out`."""
    files = render_report(project.bank, project.theme, project.config, lang, team)
    write_site(files, out, protect=inputs(bank_dir, project.config), option="-o/--out")


def report(bank: Bank, sources: list[Source], warn: Callable[[str], None]) -> dict:
    """The team JSON; every refused code goes to `warn`. Fails if no code is valid."""
    with cyclic_gc_paused():  # 100,000 codes are millions of objects, as a large build (#8)
        return report_collected(bank, sources, warn)


def report_collected(bank: Bank, sources: list[Source], warn: Callable[[str], None]) -> dict:
    collection = collect(bank, sources)
    for line in problems(collection):
        warn(line)
    if not collection.codes:
        names = ", ".join("<stdin>" if s.name == STDIN else s.name for s in sources)
        raise AssessError(f"no valid result codes for bank {bank.id!r} in {names}")
    return aggregate(bank.scoring_model, bank.segment_ids, bank.min_group_size, collection)
