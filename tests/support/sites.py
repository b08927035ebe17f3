"""The pages of the served sites, known without building them (for parametrizing tests)."""
from __future__ import annotations

import functools

from builder.bank.load import load
from builder.site.pages import page_files

from .paths import SERVED_BANKS


@functools.cache
def site_pages(bank_name: str) -> list[str]:
    """Every HTML page a build of this served bank writes, below its site folder."""
    bank, _ = load(SERVED_BANKS[bank_name])
    return sorted(page_files(bank))
