"""Stage 2: load the site sources (templates, static files, UI strings).

Everything is read and checked before any page is rendered, so a missing UI
string is reported like a bank problem, as `path:line: message`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import BankError, Problem
from .schema import INVALID, KEY, MapOf, Reader, Text
from .yamlnodes import load_nodes

REFERENCE_LANGUAGE = "en"  # the UI file every other language is checked against
UI_STRINGS = MapOf(KEY, Text("UI string"))


@dataclass
class Site:
    source: Path
    env: jinja2.Environment
    ui: dict[str, dict[str, str]]  # language -> key -> text
    static: dict[str, bytes]  # path below static/ -> content


def load_site(source: Path, languages: list[str]) -> Site:
    problems: list[Problem] = []
    ui = {lang: read_ui(source / "i18n" / f"{lang}.yml", problems) for lang in {REFERENCE_LANGUAGE, *languages}}
    reference = ui[REFERENCE_LANGUAGE]
    for lang in languages:
        path = source / "i18n" / f"{lang}.yml"
        strings = ui[lang]
        if strings is None or reference is None:
            continue
        for key in reference:
            if key not in strings:
                problems.append(Problem(str(path), None, f"missing UI string {key!r} (see {REFERENCE_LANGUAGE}.yml)"))
        for key in strings:
            if key not in reference:
                problems.append(Problem(str(path), strings.lines[key], f"unknown UI string {key!r}"))
    if problems:
        raise BankError(problems)
    static_root = source / "static"
    static = {p.relative_to(static_root).as_posix(): p.read_bytes()
              for p in sorted(static_root.rglob("*")) if p.is_file()}
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(source / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return Site(source, env, {lang: ui[lang] for lang in languages}, static)


def read_ui(path: Path, problems: list[Problem]):
    if not path.is_file():
        problems.append(Problem(str(path), None, f"no UI strings for language {path.stem!r}: "
                                f"copy {REFERENCE_LANGUAGE}.yml to {path.name} and translate it"))
        return None
    root = load_nodes(path, problems)
    if root is None:
        return None
    reader = Reader(str(path))
    strings = UI_STRINGS.read(root, reader)
    problems += reader.problems
    return None if strings is INVALID else strings
