"""Edit-to-reload (#18): how long after a question file of the default bank
is saved `assess serve` serves the rebuilt page, and what the server costs
while nothing changes.

`assess serve` runs as a subprocess on a copy of the default bank. Each run
rewrites one question's English text in 10-attitude.yml (as an editor saves:
written beside, then renamed into place) and asks for en/quiz.html every
5 ms until the new text is in it: that is the time from saving to the page a
reload would show.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

QUESTION_FILE = "10-attitude.yml"
#: the first question's English text, on one line of that file (measure() says so when a bank edit moved it)
QUESTION = "Our managers regularly talk to customers themselves."
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 30
IDLE_SECONDS = 5


class DevServer:
    def __init__(self, assess: list[str], bank: Path):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([*assess, "serve", "--bank", str(bank), "-a", "127.0.0.1:0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for line in self.process.stdout:
            if match := re.search(r"Serving on (http://\S+)", line):
                self.url = match[1]
                return
        raise RuntimeError("assess serve stopped before serving")

    def page(self, path: str) -> str:
        """The page's text; empty while the site is being swapped."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError:
            return ""

    def cpu_seconds(self) -> float | None:
        """User + system CPU seconds of the server so far (Linux: /proc), else None."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def save(path: Path, text: str) -> None:
    """As editors save: the new content beside the file, then renamed over it."""
    beside = path.with_name(f".{path.name}.new")
    beside.write_text(text, encoding="utf-8")
    os.replace(beside, path)


def measure(assess: list[str], default_bank: Path, work: Path, runs: int) -> dict[str, float | None]:
    """Median and worst seconds from saving to the rebuilt page served, and the
    server's CPU use while idle (share of one core), or None where not measurable."""
    bank = work / "reload-bank"
    shutil.copytree(default_bank, bank)
    file = bank / QUESTION_FILE
    original = file.read_text(encoding="utf-8")
    if QUESTION not in original:
        raise RuntimeError(f"{QUESTION_FILE} no longer holds the question the benchmark edits")
    server = DevServer(assess, bank)
    try:
        cpu, start = server.cpu_seconds(), time.perf_counter()
        time.sleep(IDLE_SECONDS)
        idle = None if cpu is None else (server.cpu_seconds() - cpu) / (time.perf_counter() - start)
        times = []
        for run in range(runs):
            edited = f"{QUESTION} (edit {run})"
            save(file, original.replace(QUESTION, edited))
            saved = time.perf_counter()
            while edited not in server.page("en/quiz.html"):
                if time.perf_counter() - saved > TIMEOUT_SECONDS:
                    raise RuntimeError("assess serve did not serve the edited page")
                time.sleep(POLL_SECONDS)
            times.append(time.perf_counter() - saved)
            time.sleep(0.3)  # the next edit on a settled server
    finally:
        server.stop()
    return {"median": statistics.median(times), "worst": max(times), "idle_cpu": idle}
