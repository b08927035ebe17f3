"""`assess report`: team results from collections of result codes, without a browser.

Reads text or CSV files (or stdin), finds and decodes the codes as the team page
does (builder/team.py), and produces the team JSON, a short text summary, or a
static report page (the team page, pre-filled).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .build import Project, cyclic_gc_paused, inputs
from .codes import bank_tag, code_length
from .errors import AssessError
from .load import LoadResult
from .model import AXES
from .render import RenderOptions, Report, render, segment_ids
from .team import Collection, Found, aggregate, find_codes, read_codes
from .write import write_site

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


def collect(loaded: LoadResult, sources: list[Source]) -> Collection:
    model = loaded.model
    length = code_length(model)
    found = [Found(source.name, line, text)
             for source in sources
             for line, text in find_codes(decode_text(source.data), length, csv=is_csv(source.name))]
    tag = bank_tag(loaded.bank.id, loaded.bank.fingerprint)
    return read_codes(model, tag, len(segment_ids(loaded)), found)


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


def summary(loaded: LoadResult, team: dict) -> str:
    """A short plain-text overview for the terminal."""
    counts = team["codes"]
    lines = [f"{loaded.bank.id} {loaded.bank.version} ({loaded.bank.fingerprint}): "
             f"{counts['valid']} codes counted, {counts['invalid']} invalid, {counts['duplicates']} duplicates"]
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


def report_language(loaded: LoadResult, lang: str | None) -> str:
    """The language of a report page: `lang` if the bank has it, else its first."""
    if lang is not None and lang not in loaded.bank.languages:
        raise AssessError(f"--lang {lang}: the bank's languages are {', '.join(loaded.bank.languages)}")
    return lang or loaded.bank.languages[0]


def write_report(project: Project, team: dict, out: Path, lang: str, bank_dir: Path) -> None:
    """The team page alone, filled in with `team` and styled by the site config, into `out`."""
    options = RenderOptions(config=project.config, report=Report(lang, team))
    write_site(render(project.loaded, project.site, options), out, protect=inputs(bank_dir, project.config))


def report(loaded: LoadResult, sources: list[Source], warn: Callable[[str], None]) -> dict:
    """The team JSON; every refused code goes to `warn`. Fails if no code is valid."""
    with cyclic_gc_paused():  # 100,000 codes are millions of objects, as a large build (#8)
        return report_collected(loaded, sources, warn)


def report_collected(loaded: LoadResult, sources: list[Source], warn: Callable[[str], None]) -> dict:
    collection = collect(loaded, sources)
    for line in problems(collection):
        warn(line)
    if not collection.codes:
        names = ", ".join("<stdin>" if s.name == STDIN else s.name for s in sources)
        raise AssessError(f"no valid result codes for bank {loaded.bank.id!r} in {names}")
    bank = loaded.bank
    return aggregate(loaded.model, segment_ids(loaded), bank.min_group_size, collection)
