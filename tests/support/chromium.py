"""Which Chromium the tests and the benchmark start: one that works on machines
without Playwright's own browser download (Debian's, say)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

#: root in a container, no GPU, and no connections to Google's services (the network is closed)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def system_chromium() -> str | None:
    """CHROMIUM_PATH, else Debian's /usr/bin/chromium (or one on PATH); None means Playwright's own."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None
