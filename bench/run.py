"""The performance benchmark (issues #8, #18): page weight, the side-by-side
with SurveyJS, build times on plain and Markdown-heavy banks, Markdown
renderers side by side, edit-to-reload with `assess serve`, and browser work,
written as Markdown to bench/results.md.

    python bench/run.py              # about 5 minutes
    python bench/run.py --runs 3 --sizes 10,100,1000   # quicker
    python bench/run.py --runs 11 --build-runs 5       # steadier medians
    python bench/run.py --readme     # also put the tables into README.md

Needs `pip install -e '.[test]'` (Playwright) and a Chromium
($CHROMIUM_PATH or /usr/bin/chromium); SurveyJS and the CommonMark spec are
installed with npm into bench/node_modules, the Markdown renderers compared
with pip into bench/python-packages, on first use. Timings are medians of the runs.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `bench`, `builder` and `tests.support` importable
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench import browser, npm, reload, renderers, surveyjs, team  # noqa: E402
from builder.bank.load import load  # noqa: E402
from builder.commands.build import build  # noqa: E402
from builder.resources import bundled  # noqa: E402
from tests.support.genbank import generate_bank  # noqa: E402
from tests.support.pageweight import (  # noqa: E402
    PAGE_BUDGET,
    PARTICIPANT_BUDGET,
    PARTICIPANT_JS_BUDGET,
    budget_of,
    over_budget,
    page_weight,
    site_weights,
)
from tests.support.server import Server  # noqa: E402

DEFAULT_BANK = ROOT / "questions"
RESULTS = ROOT / "bench" / "results.md"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
SCORING_QUESTIONS = 1_000
THROTTLING = (f"{browser.NETWORK['latency']} ms RTT, {browser.NETWORK['downloadThroughput'] * 8 / 1e6:g} Mbps down, "
              f"{browser.NETWORK['uploadThroughput'] * 8 / 1e3:g} kbps up, {browser.CPU_SLOWDOWN}x CPU slowdown")
TARGETS = {"default_build": 1.0, "large_build": 3.0, "markdown_ratio": 0.3, "reload_ms": 300, "score_ms": 2.0,
           "fcp_ms": 1000, "team_s": 1.0, "report_s": 5.0}
#: the Markdown-heavy bank the renderers are compared on
RENDERER_BANK_SIZE = 1_000


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)

    def table(self, title: str, note: str, header: list[str], rows: list[list[str]]) -> None:
        lines = [f"### {title}", "", note, "", "| " + " | ".join(header) + " |",
                 "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        self.sections.append("\n".join(lines))
        print(self.sections[-1] + "\n", flush=True)

    def markdown(self, preamble: str) -> str:
        return preamble + "\n\n" + "\n\n".join(self.sections) + "\n"


def check(ok: bool) -> str:
    return "✅" if ok else "❌ missed"


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(ours: float, theirs: float) -> str:
    return f"{theirs / ours:.1f}x" if ours else "–"


def assess_command() -> list[str]:
    script = Path(sys.executable).with_name("assess")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "builder"]


def median_time(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes so far."""
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- Page weight ------------------------------------------------------------

def page_weight_table(report: Report, site: Path) -> None:
    rows = []
    for w in site_weights(site):
        by_kind = {kind: sum(r.gzipped for r in w.resources if r.kind == kind) for kind in ("html", "css", "js")}
        other = w.total - sum(by_kind.values())
        ok = not over_budget([w])
        rows.append([f"`{w.page}`", f"{by_kind['html']:,}", f"{by_kind['css']:,}", f"{by_kind['js']:,}",
                     f"{other:,}", f"**{w.total:,}**", f"{budget_of(w.page).total:,}", check(ok)])
    report.table(
        "Page weight", f"Default bank; bytes gzipped (level 9, each file on its own) of every page with all it "
        f"loads. Budgets: the participant's path (start, quiz, results) {PARTICIPANT_BUDGET:,} per page, of which "
        f"{PARTICIPANT_JS_BUDGET:,} JavaScript (the first TCP round trip); every other page {PAGE_BUDGET:,} "
        f"(enforced by tests/site/test_budgets.py).",
        ["page", "HTML + inlined data", "CSS", "JS", "other (favicon)", "total", "budget", ""], rows)


# --- Build ------------------------------------------------------------------

def build_seconds(assess: list[str], bank: Path, work: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `assess build` in a new process."""
    # As installed packages are: with cached bytecode, even where the environment turns it off
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

    def once() -> tuple[float, float]:
        site = Path(tempfile.mkdtemp(dir=work)) / "site"
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run([*assess, "build", "--bank", str(bank), "-d", str(site)], check=True, capture_output=True,
                       env=env)
        return time.perf_counter() - start, children_cpu() - cpu

    once()  # warm-up: bytecode and the file cache, as for every build but the very first
    walls, cpus = zip(*(once() for _ in range(runs)), strict=True)
    return statistics.median(walls), statistics.median(cpus)


def pure_yaml_seconds(bank: Path, runs: int) -> float:
    """PyYAML's pure-Python SafeLoader (what yaml.safe_load uses) reading the bank's files."""
    def once():
        for path in sorted(bank.glob("*.yml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    return median_time(once, runs)


def build_rows(assess: list[str], work: Path, sizes: list[int], runs: int, markdown: bool) -> list[list[str]]:
    """One row per generated bank size; the largest Markdown-heavy one carries the targets of #18."""
    rows, previous = [], None
    for size in sizes:
        bank = generate_bank(size, work / f"bank-{'markdown-' if markdown else ''}{size}", markdown=markdown)
        wall, cpu = build_seconds(assess, bank, work, runs)
        # pure-Python YAML takes ~20 s on 10,000 questions: once is enough there
        parsed = pure_yaml_seconds(bank, 1 if size >= 10_000 else runs)
        marginal = ""
        if previous and previous[0] >= 100:  # below that, process start drowns the difference
            marginal = seconds((wall - previous[1]) / (size - previous[0]) * 1000)
        target, ok = "", ""
        if size >= 10_000 and markdown:
            limit = TARGETS["markdown_ratio"]
            target = f"< {TARGETS['large_build']:g} s, ≤ {limit:g}x"
            ok = check(wall < TARGETS["large_build"] and wall / parsed <= limit)
        elif size >= 10_000:
            target, ok = f"< {TARGETS['large_build']:g} s", check(wall < TARGETS["large_build"])
        label = f"{size:,}, Markdown in every text" if markdown else f"{size:,}"
        rows.append([label, seconds(wall), seconds(cpu), marginal, seconds(parsed), f"{wall / parsed:.2f}", target, ok])
        previous = (size, wall)
    return rows


def build_table(report: Report, assess: list[str], work: Path, sizes: list[int], markdown_sizes: list[int],
                runs: int) -> None:
    wall, cpu = build_seconds(assess, DEFAULT_BANK, work, runs)
    rows = [["default bank (32)", seconds(wall), seconds(cpu), "", "", "", f"< {TARGETS['default_build']:g} s",
             check(wall < TARGETS["default_build"])]]
    rows += build_rows(assess, work, sizes, runs, markdown=False)
    rows += build_rows(assess, work, markdown_sizes, runs, markdown=True)
    report.table(
        "Build", f"`assess build` as a subprocess (process start included), median of {runs}, on generated "
        "bilingual banks (tests/support/genbank.py): plain ones, where one help text in ten uses Markdown, and "
        "Markdown-heavy ones, where every question text, help text and hint holds emphasis and strong, and "
        "about one in ten a list and a link (#18). CPU = user + system time of the process and the processes it "
        "forks, less sensitive than wall time to other load on the machine; \"per 1,000 more\" is the added "
        "wall time per 1,000 questions since the row above of the same kind (constant = linear cost). Ratio: "
        "wall time / PyYAML's pure-Python `yaml.safe_load` (SafeLoader) only reading the same files.",
        ["questions", "assess build", "CPU", "per 1,000 more", "pure-Python safe_load", "ratio", "target", ""],
        rows)


# --- Markdown renderers and the dev server -------------------------------------

def renderers_table(report: Report, work: Path) -> None:
    why_not = renderers.install() or npm_spec()
    if why_not:
        report.table("Markdown renderers", why_not, ["renderer"], [])
        return
    bank = generate_bank(RENDERER_BANK_SIZE, work / "renderer-bank", markdown=True)
    results = renderers.measure(bank)
    fastest = min(r["seconds"] for r in results.values())
    rows = [[f"**{name} {r['version']}**" if name == renderers.CHOSEN else f"{name} {r['version']}",
             r["kind"], f"{r['seconds']:.3f} s", f"{r['seconds'] / r['texts'] * 1e6:,.0f} µs",
             f"{r['seconds'] / fastest:.1f}x", f"{r['passed']} of {r['examples']}"]
            for name, r in results.items()]
    texts = next(iter(results.values()))["texts"]
    report.table(
        "Markdown renderers", f"Every Markdown text of the {RENDERER_BANK_SIZE:,}-question Markdown-heavy bank "
        f"({texts:,} help texts and hints, de and en) rendered and sanitized with assess's nh3 allow-list, as a "
        "build does: CPU time, median of 3, in one process (bench/renderers.py); and the examples of the CommonMark "
        "0.31.2 spec each renders as the spec says (HTML compared after normalizing whitespace and attribute "
        "order). Python-Markdown is what assess used before #18; the one in bold what it uses now.",
        ["renderer", "written in", "render + sanitize", "per text", "vs fastest", "CommonMark examples"], rows)


def npm_spec() -> str | None:
    return npm.install([renderers.SPEC])


def reload_table(report: Report, assess: list[str], work: Path, runs: int) -> None:
    result = reload.measure(assess, DEFAULT_BANK, work, runs)
    target = TARGETS["reload_ms"]
    rows = [["from saving a question file to the rebuilt page served (median)", ms(result["median"] * 1000),
             f"< {target:,} ms", check(result["median"] * 1000 < target)],
            ["the same, worst run", ms(result["worst"] * 1000), "", ""]]
    if result["idle_cpu"] is not None:
        rows.append(["CPU of `assess serve` while nothing changes (one core = 100 %)",
                     f"{result['idle_cpu'] * 100:.1f} %", "", ""])
    report.table(
        "Edit to reload", f"`assess serve` on a copy of the default bank, as a subprocess; {runs} times one "
        "question's text in 10-attitude.yml is changed and saved (written beside, renamed into place) and "
        "en/quiz.html requested every 5 ms until it shows the change (bench/reload.py).",
        ["measure", "result", "target", ""], rows)


# --- Browser ----------------------------------------------------------------

def answer_everything(page, quiz_url: str) -> None:
    """Answer every question (first option) through the page, so results have something to show."""
    page.goto(quiz_url)
    page.wait_for_load_state("load")
    page.evaluate("""() => { for (const set of document.querySelectorAll("fieldset")) {
        set.querySelector('input[type="radio"]').click(); } }""")


def median_of(loads, attribute: str) -> float:
    return statistics.median(getattr(load, attribute) for load in loads)


def browser_tables(report: Report, root: Path, assess: list[str], runs: int, with_surveyjs: bool) -> None:
    from playwright.sync_api import sync_playwright

    bank, _ = load(DEFAULT_BANK)
    why_not = surveyjs.install() if with_surveyjs else "skipped (--no-surveyjs)"
    if why_not is None:
        surveyjs.write_page(bank, bundled("site_src"), root / "surveyjs")
    scoring_bank = generate_bank(SCORING_QUESTIONS, root / "scoring-bank")
    build(scoring_bank, root / "scoring")
    batches = max(50, runs * 20)

    with Server(root) as server, sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        ours, theirs, results = [], [], []
        quiz_url = server.url("assess/en/quiz.html")
        for _ in range(runs):  # interleaved, so both see the same machine load
            ours.append(browser.throttled_load(chromium, quiz_url))
            if why_not is None:
                theirs.append(browser.throttled_load(chromium, server.url("surveyjs/index.html")))
            results.append(browser.throttled_load(chromium, server.url("assess/en/results.html"),
                                                  prepare=lambda page: answer_everything(page, quiz_url),
                                                  wait_for_radio=False))
        scoring = [browser.scoring_time(chromium, server.url("scoring/en/results.html"),
                                        server.url("scoring/static/js/rules/scoring.js"), batches, cpu_slowdown=rate)
                   for rate in (1, browser.CPU_SLOWDOWN)]
        version = chromium.version
        team_rows = team_measurements(chromium, root, server, assess, runs)
        chromium.close()

    side_by_side(report, root, ours, theirs, why_not, runs, version)
    fcp_quiz, fcp_results = median_of(ours, "fcp"), median_of(results, "fcp")
    shift_quiz, shift_results = max(x.shift for x in ours), max(x.shift for x in results)
    rows = [
        [f"`score()`, {SCORING_QUESTIONS:,} questions, after one answer changes", f"{scoring[0]['median']:.2f} ms",
         f"< {TARGETS['score_ms']:g} ms", check(scoring[0]["median"] < TARGETS["score_ms"])],
        ["the same at 4x CPU slowdown", f"{scoring[1]['median']:.2f} ms", "", ""],
        ["first contentful paint, quiz (throttled)", ms(fcp_quiz), f"< {TARGETS['fcp_ms']:,} ms",
         check(fcp_quiz < TARGETS["fcp_ms"])],
        ["first contentful paint, results, all answered (throttled)", ms(fcp_results),
         f"< {TARGETS['fcp_ms']:,} ms", check(fcp_results < TARGETS["fcp_ms"])],
        ["layout shift, quiz (worst run)", f"{shift_quiz:.3f}", "0", check(shift_quiz == 0)],
        ["layout shift, results (worst run)", f"{shift_results:.3f}", "0", check(shift_results == 0)],
        *team_rows,
    ]
    report.table("Browser work", f"Chromium {version}; page loads throttled ({THROTTLING}), medians of {runs}; "
                 f"scoring: the median of {batches} batches of 20 calls.", ["measure", "result", "target", ""], rows)


def side_by_side(report: Report, root: Path, ours, theirs, why_not, runs: int, version: str) -> None:
    quiz = page_weight(root / "assess", "en/quiz.html")
    if why_not is not None:
        report.table("Side by side with SurveyJS", why_not, ["", "assess"], [["gzip -9", f"{quiz.total:,}"]])
        return
    survey = page_weight(root / "surveyjs", "index.html")
    rows = [["transferred, gzip -9 (bytes)", f"{quiz.total:,}", f"{survey.total:,}", ratio(quiz.total, survey.total)]]
    for label, attribute, unit in (("on the wire, as Chromium counts it (bytes)", "wire", None),
                                   ("first contentful paint", "fcp", "ms"),
                                   ("first interaction: first radio clickable", "ready", "ms")):
        a, b = median_of(ours, attribute), median_of(theirs, attribute)
        rows.append([label, ms(a) if unit else f"{a:,.0f}", ms(b) if unit else f"{b:,.0f}", ratio(a, b)])
    rows.append(["layout shift (worst run)", f"{max(x.shift for x in ours):.3f}",
                 f"{max(x.shift for x in theirs):.3f}", ""])
    report.table(
        "Side by side with SurveyJS",
        f"The default bank's 32 questions in English: our `en/quiz.html` vs the same questions as a SurveyJS "
        f"{surveyjs.version()} survey (survey-core + survey-js-ui, default theme without web fonts, "
        f"bench/surveyjs.py), both served locally with gzip. Chromium {version}, "
        f"{browser.VIEWPORT['width']}x{browser.VIEWPORT['height']}, "
        f"throttled via CDP ({THROTTLING}), cold cache; medians of {runs} runs. Ratio: SurveyJS / ours.",
        ["", "assess", "SurveyJS", "ratio"], rows)


def team_measurements(chromium, root: Path, server: Server, assess: list[str], runs: int) -> list[list[str]]:
    """The two rows of team results (#5); each says "n/a (why)" where the checkout lacks the feature."""
    page_missing, report_missing = team.missing(root / "assess", assess)
    codes = [] if page_missing and report_missing else team.result_codes(DEFAULT_BANK, team.REPORT_CODES)
    rows = []
    for label, why_not, target, measure in (
        (f"team page aggregating {team.TEAM_CODES:,} codes", page_missing, TARGETS["team_s"],
         lambda: team.team_page_seconds(chromium, server.url("assess/en/team.html"), codes[:team.TEAM_CODES])),
        (f"`assess report --json` on {team.REPORT_CODES:,} codes", report_missing, TARGETS["report_s"],
         lambda: team.report_seconds(assess, DEFAULT_BANK, codes)),
    ):
        if why_not:
            rows.append([label, why_not, f"< {target:g} s", ""])
        else:
            value = statistics.median(measure() for _ in range(max(1, runs // 2)))
            rows.append([label, seconds(value), f"< {target:g} s", check(value < target)])
    return rows


# --- Main -------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    libyaml = "with" if getattr(yaml, "__with_libyaml__", False) else "without"
    return (f"{cpu}, {os.cpu_count()} cores (load average {load_average} at the start); "
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} {libyaml} libyaml")


def update_readme(tables: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    README.write_text(text[:start] + "\n" + tables + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="page loads per measurement (default 5)")
    parser.add_argument("--build-runs", type=int, default=3, help="builds per bank size (default 3)")
    parser.add_argument("--sizes", default="10,100,1000,10000", help="generated bank sizes (default %(default)s)")
    parser.add_argument("--markdown-sizes", default="1000,10000",
                        help="Markdown-heavy bank sizes (default %(default)s)")
    parser.add_argument("--reload-runs", type=int, default=9, help="edits timed with assess serve (default 9)")
    parser.add_argument("--no-renderers", action="store_true", help="skip the Markdown renderers side by side")
    parser.add_argument("--no-browser", action="store_true", help="skip everything that needs Chromium")
    parser.add_argument("--no-surveyjs", action="store_true", help="skip the SurveyJS side of the comparison")
    parser.add_argument("--out", type=Path, default=RESULTS, help="Markdown file to write (default bench/results.md)")
    parser.add_argument("--readme", action="store_true", help="also replace the benchmark tables in README.md")
    args = parser.parse_args(argv)
    sizes, markdown_sizes = ([int(size.replace("_", "")) for size in text.split(",") if size]
                             for text in (args.sizes, args.markdown_sizes))

    started = time.perf_counter()
    preamble = (f"Measured {datetime.date.today().isoformat()} by `python bench/run.py` on {machine()}.")
    report = Report()
    assess = assess_command()
    work = Path(tempfile.mkdtemp(prefix="assess-bench-"))
    try:
        build(DEFAULT_BANK, work / "serve" / "assess")
        page_weight_table(report, work / "serve" / "assess")
        build_table(report, assess, work, sizes, markdown_sizes, args.build_runs)
        if not args.no_renderers:
            renderers_table(report, work)
        reload_table(report, assess, work, args.reload_runs)
        if not args.no_browser:
            browser_tables(report, work / "serve", assess, args.runs, not args.no_surveyjs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report.markdown(preamble)
    args.out.write_text(text, encoding="utf-8")
    if args.readme:
        update_readme(text)
    print(f"Wrote {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
