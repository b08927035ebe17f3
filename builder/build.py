"""`build()` reads as the list of stages: load, load site, render, write.

`load_project` runs the loading stages (bank, site config, site sources) and
reports the problems of all of them together; `assess validate` stops there.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig, load_config
from .errors import BankError, Problem, sorted_problems
from .load import LoadResult, bank_languages, load
from .parallel import map_forked
from .render import RenderOptions, build_date, render
from .resources import bundled
from .site import Site, load_site
from .write import write_site


@dataclass
class Project:
    loaded: LoadResult
    config: SiteConfig
    site: Site
    warnings: list[Problem]

    @property
    def bank(self):
        return self.loaded.bank


def load_project(bank_dir: Path, config_file: Path | None = None, strict: bool = False) -> Project:
    problems: list[Problem] = []
    loaded = None
    try:
        loaded = load(bank_dir, strict=strict)
    except BankError as error:
        problems += error.problems
    languages = loaded.bank.languages if loaded else bank_languages(bank_dir)
    config, config_problems = load_config(config_file, languages)
    if strict:
        config_problems = [Problem(p.path, p.line, p.message) for p in config_problems]
    problems += config_problems
    site = None
    # UI strings are checked even when the bank has errors: a new language
    # shows all its gaps, in the bank and in the UI, in one run.
    if languages and not any(not p.warning for p in config_problems):
        try:
            site = load_site(bundled("site_src"), languages, config.theme_dir)
        except BankError as error:
            problems += error.problems
    if any(not p.warning for p in problems):
        raise BankError(problems)
    return Project(loaded, config, site, sorted_problems(loaded.warnings + problems))


def build(bank_dir: Path, site_dir: Path, base_url: str | None = None, strict: bool = False, clean: bool = False,
          live_reload: bool = False, config_file: Path | None = None) -> Project:
    """`base_url` (the --base-url flag) wins over the config's."""
    date = build_date(os.environ)
    with cyclic_gc_paused():
        project = load_project(bank_dir, config_file, strict)
        options = RenderOptions(base_url=base_url or project.config.base_url or "/", live_reload=live_reload,
                                config=project.config, build_date=date)
        files = render_languages(project.loaded, project.site, options)
        write_site(files, site_dir, clean=clean, protect=inputs(bank_dir, project.config))
    return project


#: questions from which rendering the languages in parallel pays for the processes
PARALLEL_RENDER_FROM = 1_000


def render_languages(loaded: LoadResult, site: Site, options: RenderOptions) -> dict[str, bytes]:
    """`render()`, with the languages of a large bank rendered side by side (parallel.py)."""
    parts = map_forked(lambda lang: render(loaded, site, options, [lang]), loaded.bank.languages,
                       worthwhile=len(loaded.bank.questions) >= PARALLEL_RENDER_FROM)
    return {path: data for part in parts for path, data in part.items()}


@contextmanager
def cyclic_gc_paused():
    """A build allocates millions of objects (YAML nodes, questions, page parts)
    that live until it ends. Python's cycle collector, triggered by allocations,
    would rescan them again and again: more than half the time of a
    10,000-question build (bench/). Reference counting still frees everything
    that is not a cycle; collection resumes when the build is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def inputs(bank_dir: Path, config: SiteConfig) -> tuple[Path, ...]:
    """Everything a build reads: never built into, watched by `assess serve`."""
    own = (config.theme_dir, config.brand.logo)
    return (Path(bank_dir), bundled("site_src"), *(path for path in own if path is not None))


def watched_paths(bank_dir: Path, config_file: Path) -> list[Path]:
    """What `assess serve` watches: the inputs, and the config file even before
    it exists. A broken config still names itself; the build reports why."""
    config, _ = load_config(config_file if config_file.is_file() else None, None)
    return [*inputs(bank_dir, config), config_file]
