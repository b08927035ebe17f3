"""`build()` reads as the list of stages: load, load site, render, write."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from .load import LoadResult, load
from .parallel import map_forked
from .render import RenderOptions, render
from .resources import bundled
from .site import load_site
from .write import write_site

#: questions from which rendering the languages in parallel pays for the processes
PARALLEL_RENDER_FROM = 1_000


def build(bank_dir: Path, site_dir: Path, base_url: str = "/", strict: bool = False, clean: bool = False,
          live_reload: bool = False) -> LoadResult:
    with cyclic_gc_paused():
        loaded = load(bank_dir, strict=strict)
        site = load_site(bundled("site_src"), loaded.bank.languages)
        files = render_languages(loaded, site, RenderOptions(base_url=base_url, live_reload=live_reload))
        write_site(files, site_dir, clean=clean, protect=(Path(bank_dir), site.source))
    return loaded


def render_languages(loaded: LoadResult, site, options: RenderOptions) -> dict[str, bytes]:
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
