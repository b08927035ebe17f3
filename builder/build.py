"""`build()` reads as the list of stages: load, load site, render, write."""
from __future__ import annotations

import os
from pathlib import Path

from .load import LoadResult, load
from .render import RenderOptions, build_date, render
from .resources import bundled
from .site import load_site
from .write import write_site


def build(bank_dir: Path, site_dir: Path, base_url: str = "/", strict: bool = False, clean: bool = False,
          live_reload: bool = False) -> LoadResult:
    date = build_date(os.environ)
    loaded = load(bank_dir, strict=strict)
    site = load_site(bundled("site_src"), loaded.bank.languages)
    files = render(loaded, site, RenderOptions(base_url=base_url, live_reload=live_reload, build_date=date))
    write_site(files, site_dir, clean=clean, protect=(Path(bank_dir), site.source))
    return loaded
