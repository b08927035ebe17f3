"""The screenshot tour: every page and state of a built site, at phone and
laptop widths, in every language, light and dark, as full-page PNGs to look at.

    .venv/bin/python tests/tour.py shots/                      # the default bank, everything
    .venv/bin/python tests/tour.py shots/ --widths 360 --langs en --schemes light --pages quiz,results

It builds the bank, serves it, and walks a realistic participant through the
quiz by the page's own controls (customer-minded in some dimensions,
competitor-driven in others, a few questions skipped), then opens every
result page, compares with an earlier result, and fills the team page with the
codes of a dozen colleagues. Files are named <lang>-<scheme>-<width>-<nn>-<state>.png.
docs/design.md says what to look for.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `support`, when run as a script

from playwright.sync_api import sync_playwright  # noqa: E402
from support.chromium import ARGS, system_chromium  # noqa: E402
from support.paths import DEFAULT_BANK  # noqa: E402
from support.server import Server  # noqa: E402

from builder.bank.load import load  # noqa: E402
from builder.bank.model import Bank  # noqa: E402
from builder.commands.build import build  # noqa: E402
from builder.rules.codes import encode  # noqa: E402

STATES = ["root", "start", "quiz-start", "quiz-middle", "quiz-last", "results", "keep", "next", "hints", "compare",
          "method", "team", "team-filled", "privacy", "404"]


def profile_answers(bank: Bank, leaning: dict[str, str], rng: random.Random, skip: float = 0.1) -> dict:
    """Answers of someone whose company leans, per dimension, towards "customer",
    "competitor", "both" or "inward": high agreement with statements of those poles."""
    answers = {}
    for q in bank.questions:
        if rng.random() < skip:
            continue
        lean = leaning.get(q.dimension, "both")
        high = {"customer": {"customer"}, "competitor": {"competitor"}, "both": {"customer", "competitor"},
                "inward": set()}[lean]
        if q.type == "likert":
            agree = q.pole in high
            value = rng.choice([4, 5]) if agree else rng.choice([1, 2, 3])
            answers[q.id] = 6 - value if q.reverse else value
        else:
            answers[q.id] = max(q.options, key=lambda o, high=high: (fit(o, high), rng.random())).id
    return answers


def fit(option, high: set[str]) -> float:
    """How well a choice option suits someone who rates the axes in `high` high and the others low."""
    return sum(getattr(option, axis) * (1 if axis in high else -1) for axis in ("customer", "competitor"))


def colleagues(bank: Bank, n: int = 12) -> list[str]:
    """Result codes of a team that mostly agrees, with a few who see it differently."""
    rng = random.Random("tour-team")
    dims = [d.id for d in bank.dimensions]
    codes = []
    for i in range(n):
        leaning = {d: rng.choice(["customer", "customer", "both", "competitor", "inward"]) for d in dims}
        if i % 3 == 0:
            leaning[dims[1 % len(dims)]] = "competitor"
        segment = rng.randint(0, len(bank.segment_ids)) if bank.segment_ids else 0
        codes.append(encode(bank.scoring_model, bank.tag, profile_answers(bank, leaning, rng, 0.15), segment))
    return codes


class Tour:
    def __init__(self, out: Path, server: Server, bank: Bank, pages: set[str]):
        self.out, self.server, self.bank, self.pages = out, server, bank, pages
        self.taken: list[Path] = []

    def shoot(self, page, prefix: str, state: str) -> None:
        if state not in self.pages:
            return
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(150)  # scripts fill in the page after load
        path = self.out / f"{prefix}-{STATES.index(state):02d}-{state}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)

    def walk(self, browser, lang: str, scheme: str, width: int) -> None:
        context = browser.new_context(viewport={"width": width, "height": 800 if width < 600 else 900},
                                      color_scheme=scheme, locale=lang)
        page = context.new_page()
        url = lambda path: self.server.url(path)  # noqa: E731
        prefix = f"{lang}-{scheme}-{width}"
        bank = self.bank
        page.goto(url("index.html"))
        self.shoot(page, prefix, "root")
        page.goto(url(f"{lang}/index.html"))
        self.shoot(page, prefix, "start")

        dims = [d.id for d in bank.dimensions]
        leaning = {d: ["customer", "competitor", "both", "inward"][i % 4] for i, d in enumerate(dims)}
        answers = profile_answers(bank, leaning, random.Random(f"tour-{lang}"))
        page.goto(url(f"{lang}/quiz.html"))
        self.shoot(page, prefix, "quiz-start")
        steps = page.locator(".step")
        for index, d in enumerate(bank.dimensions):
            questions = bank.dimension_questions(d.id)
            for number, q in enumerate(questions):
                if index == 1 and number == len(questions) // 2:
                    self.shoot(page, prefix, "quiz-middle")
                value = answers.get(q.id)
                if value is None:
                    value = ""  # "don't know"
                steps.nth(index).locator(f'input[name="{q.id}"][value="{value}"]').check()
            if index < len(bank.dimensions) - 1:
                page.locator("#next").click()
        self.shoot(page, prefix, "quiz-last")
        page.locator("#see-results").click()
        page.wait_for_url("**/results.html")
        self.shoot(page, prefix, "results")
        for name in ("keep", "next", "hints", "method"):
            page.goto(url(f"{lang}/{name}.html"))
            self.shoot(page, prefix, name)
        page.goto(url(f"{lang}/compare.html"))
        earlier = profile_answers(bank, {d: "inward" for d in dims}, random.Random("tour-earlier"))
        page.locator("#compare-code").fill(encode(bank.scoring_model, bank.tag, earlier))
        page.locator("#compare-button").click()
        self.shoot(page, prefix, "compare")
        page.goto(url(f"{lang}/team.html"))
        self.shoot(page, prefix, "team")
        page.locator("#codes").fill("\n".join(colleagues(bank)))
        page.locator("#team-results").wait_for(state="visible")
        self.shoot(page, prefix, "team-filled")
        page.goto(url(f"{lang}/privacy.html"))
        self.shoot(page, prefix, "privacy")
        page.goto(url(f"{lang}/no-such-page.html"))  # the static server has no 404 page: open it directly
        page.goto(url("404.html"))
        self.shoot(page, prefix, "404")
        context.close()


def main(argv: list[str] | None = None) -> list[Path]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the screenshots (created)")
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--widths", default="360,1280")
    parser.add_argument("--langs", default=None, help="default: every language of the bank")
    parser.add_argument("--schemes", default="light,dark")
    parser.add_argument("--pages", default=",".join(STATES), help=f"any of {','.join(STATES)}")
    args = parser.parse_args(argv)
    bank, _ = load(args.bank)
    langs = args.langs.split(",") if args.langs else bank.languages
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, Server(Path(scratch)) as server, sync_playwright() as p:
        build(args.bank, Path(scratch), base_url="/")
        browser = p.chromium.launch(executable_path=system_chromium(), args=ARGS)
        tour = Tour(args.out, server, bank, set(args.pages.split(",")))
        for lang in langs:
            for scheme in args.schemes.split(","):
                for width in (int(w) for w in args.widths.split(",")):
                    tour.walk(browser, lang, scheme, width)
        browser.close()
    print(f"{len(tour.taken)} screenshots in {args.out}/")
    return tour.taken


if __name__ == "__main__":
    main()
