"""Team results (issue #5): the team page aggregating 10,000 result codes and
`assess report` on 100,000. Where the build has no team page or the CLI no
`report` command (an older checkout), `missing()` says so and the rows read n/a.
"""
from __future__ import annotations

import random
import subprocess
import tempfile
import time
from pathlib import Path

TEAM_CODES = 10_000
REPORT_CODES = 100_000

#: times the team page from choosing a file of codes to its last table built
TEAM_PAGE_SCRIPT = """() => {
  window.__team = null;
  let start = null;
  document.getElementById("codes-file").addEventListener("change", () => { start = performance.now(); },
                                                          { capture: true });
  new MutationObserver(() => {
    if (start !== null && window.__team === null) window.__team = performance.now() - start;
  }).observe(document.getElementById("team-questions"), { childList: true });
}"""


def missing(site: Path, assess: list[str]) -> tuple[str | None, str | None]:
    """Why the team page row and the report row cannot be measured (None: they can)."""
    page = None if any(Path(site).glob("*/team.html")) else "n/a (no team page yet)"
    command = subprocess.run([*assess, "report", "--help"], capture_output=True).returncode == 0
    return page, None if command else "n/a (no `assess report` yet)"


def result_codes(bank_dir: Path, n: int, seed: int = 8) -> list[str]:
    """`n` result codes of random answers (about one in ten skipped), as participants would send them."""
    from builder.bank.load import load
    from builder.rules.codes import encode

    bank, _ = load(bank_dir)
    model, tag = bank.scoring_model, bank.tag
    rng = random.Random(seed)
    choices = [[None, 1, 2, 3, 4, 5] if q["type"] == "likert" else [None, *(o["id"] for o in q["options"])]
               for q in model["questions"]]
    codes = []
    for _ in range(n):
        answers = {q["id"]: None if rng.random() < 0.1 else rng.choice(options[1:])
                   for q, options in zip(model["questions"], choices, strict=True)}
        codes.append(encode(model, tag, answers))
    return codes


def team_page_seconds(browser, team_url: str, codes: list[str]) -> float:
    """Seconds from loading a file of codes on the team page to its results built (in-page clock)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(team_url)
        page.evaluate(TEAM_PAGE_SCRIPT)
        page.locator("#codes-file").set_input_files(
            {"name": "codes.txt", "mimeType": "text/plain", "buffer": "\n".join(codes).encode()})
        page.wait_for_function("window.__team !== null", timeout=60_000)
        if str(len(codes)) not in page.locator("#team-summary").text_content():
            raise AssertionError(f"the team page did not count {len(codes)} codes")
        return page.evaluate("window.__team") / 1000
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
