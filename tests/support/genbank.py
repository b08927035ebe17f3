"""Generate bilingual (de, en) banks of any size, for the build benchmark and
the tests of large banks.

The settings come from the default bank (its dimensions, levels, quadrants and
recommendations; its self-tests are dropped because they name its questions).
Questions are spread over one file per dimension and look like real ones:
three in four are likert items, one in four a choice of three options, about
half carry help text and most an improvement hint; one help text in ten uses
Markdown. Every text is distinct, so no cache flatters the build.

    python tests/support/genbank.py 1000 /tmp/bank1000
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

DEFAULT_BANK = Path(__file__).resolve().parents[2] / "questions"

SENTENCES = {
    "de": "Bei uns zählt bei Entscheidung {n}, was Kunden tatsächlich nützt, mehr als der Vergleich mit anderen.",
    "en": "At our company, decision {n} is driven by what actually helps customers more than by rivals.",
}
HELP = {
    "de": "Denken Sie an die letzten drei Monate und an konkrete Fälle aus Bereich {n}, nicht an Leitbilder.",
    "en": "Think of the last three months and of concrete cases from area {n}, not of mission statements.",
}
IMPROVE = {
    "de": "Laden Sie monatlich einen Kunden ein und besprechen Sie im Team {n}, was Sie daraus ändern.",
    "en": "Invite a customer once a month and discuss with team {n} what you will change as a result.",
}
MARKDOWN = {
    "de": "Fragen Sie **zuerst** die Kunden, *dann* die Technik. Mehr im [Leitfaden {n}](https://example.org/).",
    "en": "Ask **customers first**, *technology second*. More in [guide {n}](https://example.org/).",
}
OPTIONS = [
    ("match", {"de": "Wir ziehen so schnell wie möglich nach.", "en": "We match it as fast as we can."},
     {"competitor": 2}),
    ("ask", {"de": "Wir fragen zuerst unsere Kunden.", "en": "We ask our customers first."}, {"customer": 2}),
    ("ignore", {"de": "Wir machen weiter wie bisher.", "en": "We carry on as before."}, {}),
]


def localized(texts: dict[str, str], n: int) -> dict[str, str]:
    return {lang: text.format(n=n) for lang, text in texts.items()}


def question(n: int, k: int) -> dict:
    """Question number `n` overall, `k` within its dimension (which picks its kind,
    so that every dimension gets both poles and choices)."""
    q: dict = {"id": f"q{n:05d}", "text": localized(SENTENCES, n)}
    if k % 4 == 3:
        q["type"] = "choice"
        q["options"] = [{"id": oid, "text": dict(text), **points} for oid, text, points in OPTIONS]
    else:
        q["type"] = "likert"
        q["pole"] = "competitor" if k % 4 == 1 else "customer"
        if k % 8 == 2:
            q["reverse"] = True
    if n % 2 == 0:
        q["help"] = localized(MARKDOWN if n % 20 == 0 else HELP, n)
    if n % 5 != 4:
        q["improve"] = localized(IMPROVE, n)
    if n % 7 == 0:
        q["weight"] = 2
    return q


def generate_bank(size: int, folder: Path) -> Path:
    """Write a bank of `size` questions into `folder` (created); returns it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = yaml.safe_load((DEFAULT_BANK / "bank.yml").read_text(encoding="utf-8"))
    settings.pop("examples", None)
    settings["id"] = f"generated-{size}"
    (folder / "bank.yml").write_text(dump(settings), encoding="utf-8")
    dimensions = [d["id"] for d in settings["dimensions"]]
    per_file: list[list[dict]] = [[] for _ in dimensions]
    for n in range(size):
        per_file[n % len(dimensions)].append(question(n, n // len(dimensions)))
    for index, (dimension, questions) in enumerate(zip(dimensions, per_file, strict=True)):
        if questions:
            content = dump({"dimension": dimension, "questions": questions})
            (folder / f"{index + 1}0-{dimension}.yml").write_text(content, encoding="utf-8")
    return folder


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


if __name__ == "__main__":
    generate_bank(int(sys.argv[1]), Path(sys.argv[2]))
