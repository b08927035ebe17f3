"""Team results (issue #5): the team page aggregating 10,000 result codes and
`assess report` on 100,000. Until #5 lands, `missing()` says why the rows
read "n/a"; once it has, `result_codes()` is the one piece left to write:
make `n` codes for a bank with #5's Python encoder (random answers per
question, some skipped), and both rows are measured.
"""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

TEAM_CODES = 10_000
REPORT_CODES = 100_000
#: JS: true once the team page shows its aggregate for the pasted codes.
#: #5's page decides what that looks like; check this when it lands.
TEAM_READY = "() => document.body.innerText.includes('10,000') || document.body.innerText.includes('10000')"


def missing(site: Path, assess: list[str]) -> tuple[str | None, str | None]:
    """Why the team page row and the report row cannot be measured (None: they can)."""
    page = None if any(Path(site).glob("*/team.html")) else "n/a (no team page yet)"
    command = subprocess.run([*assess, "report", "--help"], capture_output=True).returncode == 0
    return page, None if command else "n/a (no `assess report` yet)"


def result_codes(bank_dir: Path, n: int) -> list[str]:
    """`n` result codes of random answers for the bank (issue #5's encoder)."""
    raise NotImplementedError("bench/team.py: result_codes() needs #5's encoder")


def team_page_seconds(browser, team_url: str, codes: list[str]) -> float:
    """Seconds from pasting the codes into the "Result codes" field to the aggregate shown."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(team_url)
        field = page.get_by_label("Result codes")
        start = time.perf_counter()
        field.fill("\n".join(codes))
        page.wait_for_function(TEAM_READY, timeout=60_000)
        return time.perf_counter() - start
    finally:
        context.close()


def report_seconds(assess: list[str], bank_dir: Path, codes: list[str]) -> float:
    """Wall time of `assess report --json` on a file of codes, process start included."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "codes.txt"
        file.write_text("\n".join(codes) + "\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([*assess, "report", "--bank", str(bank_dir), str(file), "--json"], check=True,
                       capture_output=True)
        return time.perf_counter() - start
