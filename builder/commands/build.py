"""`build()` reads as the list of stages: load the project (bank, self-tests,
config, theme), render every page and write it into a scratch folder beside
the site, then swap the scratch folder in."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import AssessError
from ..parallel import in_background, map_forked
from ..resources import bundled
from ..site.config import SiteConfig, load_config
from ..site.render import RenderOptions, render
from ..site.theme import compiled_templates, use_compiled_templates
from ..site.write import staged_site, write_files
from .project import Project, load_project

#: questions from which rendering the languages in parallel pays for the processes
PARALLEL_RENDER_FROM = 1_000
#: seconds to wait for the templates compiled in the background once the project
#: is loaded: none, the process that renders compiles what is not done by then
TEMPLATES_WAIT = 0.0


def build(bank_dir: Path, site_dir: Path, base_url: str | None = None, strict: bool = False, clean: bool = False,
          config_file: Path | None = None, live_reload: bytes | None = None) -> Project:
    """`base_url` (the --base-url flag) wins over the config's; `live_reload` is assess serve's script."""
    date = build_date(os.environ)
    with cyclic_gc_paused(), in_background(lambda: templates_compiled(config_file), {}) as compiled:
        project = load_project(bank_dir, config_file, strict)
        use_compiled_templates(compiled(TEMPLATES_WAIT))
        options = RenderOptions(base_url=base_url or project.config.base_url or "/", config=project.config,
                                build_date=date, live_reload=live_reload)
        with staged_site(site_dir, clean=clean, protect=inputs(bank_dir, project.config)) as scratch:
            render_languages(project, options, scratch)
    return project


def render_languages(project: Project, options: RenderOptions, folder: Path) -> None:
    """`render()` into `folder`, the languages of a large bank side by side
    (parallel.py): each process writes the pages it rendered, rather than
    sending them (25 MB per language for 10,000 questions) back to be written."""
    bank, theme = project.bank, project.theme

    def render_language(lang: str) -> None:
        shared = lang == bank.languages[0]  # static files and root pages: written once
        write_files(render(bank, theme, options, [lang], shared=shared), folder)

    map_forked(render_language, bank.languages, worthwhile=len(bank.questions) >= PARALLEL_RENDER_FROM)


def templates_compiled(config_file: Path | None) -> dict[str, bytes]:
    """The theme's templates compiled (site/theme.py), computed beside the
    loading stages: compiling them was 0.25 s of every process that renders,
    and a core is free while the checks and self-tests run (#18). For a small
    bank, or on a busy machine, they are not done in time and each rendering
    process compiles them as before. The config is read here only for its
    theme folder; load_project reads and checks it."""
    config, _ = load_config(config_file, None)
    return compiled_templates(bundled("site_src"), config.theme_dir)


def build_date(environ) -> str | None:
    """The day of SOURCE_DATE_EPOCH (reproducible-builds.org), in UTC; None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise AssessError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, found {value!r}")
    try:
        return datetime.fromtimestamp(int(value), tz=UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise AssessError(f"SOURCE_DATE_EPOCH is out of range: {value}") from None


@contextmanager
def cyclic_gc_paused():
    """A build allocates millions of objects (YAML nodes, questions, page parts)
    that live until it ends. Python's cycle collector, triggered by allocations,
    would rescan them again and again: more than half the time of a
    10,000-question build (bench/). Reference counting still frees everything
    that is not a cycle; collection resumes when the build is done.

    The build's objects then go straight to the oldest generation (what
    freeze() and unfreeze() together do): the first collection after the build
    would otherwise scan every one of them (50 ms for 10,000 questions, #18).
    Only a full collection looks at them, as at any long-lived object, so the
    cycles a build leaves are still collected (`assess serve` builds again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
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
