"""Generate bilingual (de, en) banks of any size, for the build benchmark and
the tests of large banks.

The settings come from the default bank (its dimensions, levels, quadrants and
recommendations; its self-tests are dropped because they name its questions).
Questions are spread over one file per dimension and look like real ones:
three in four are likert items, one in four a choice of three options, about
half carry help text and most an improvement hint; one help text in ten uses
Markdown. Every text is distinct, so no cache flatters the build.

With `markdown=True` the bank is written the way consultants write (#18):
every question text, help and improvement hint, in both languages, holds
inline Markdown (emphasis and strong), and about one help text and hint in ten
a list and a link. (A question's text is not Markdown: it is shown as
written, asterisks and all, but it is still read and escaped.)

    python tests/support/genbank.py 1000 /tmp/bank1000 [--markdown]
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
#: the Markdown-heavy bank's texts (markdown=True)
SENTENCES_MD = {
    "de": "Bei uns zählt bei Entscheidung {n} **zuerst**, was Kunden *tatsächlich* nützt, nicht der Wettbewerb.",
    "en": "At our company, decision {n} is driven **first** by what *actually* helps customers, not by rivals.",
}
HELP_MD = {
    "de": "Denken Sie an die *letzten drei Monate* und an **konkrete Fälle** aus Bereich {n}, nicht an Leitbilder.",
    "en": "Think of the *last three months* and of **concrete cases** from area {n}, not of mission statements.",
}
IMPROVE_MD = {
    "de": "Laden Sie **monatlich** einen Kunden ein und besprechen Sie im Team {n}, *was Sie daraus ändern*.",
    "en": "Invite a customer **once a month** and discuss with team {n} *what you will change* as a result.",
}
HELP_LIST_MD = {
    "de": "Fragen Sie **zuerst** die Kunden aus Bereich {n}, *dann* die Technik:\n\n"
          "- Was hat *zuletzt* geholfen?\n- Was **fehlt** noch?\n\n"
          "Mehr im [Leitfaden {n}](https://example.org/guide/{n}).",
    "en": "Ask **customers first** in area {n}, *technology second*:\n\n"
          "- What helped *most recently*?\n- What is **still missing**?\n\n"
          "More in [guide {n}](https://example.org/guide/{n}).",
}
IMPROVE_LIST_MD = {
    "de": "Drei Schritte für Team {n}:\n\n1. **Zuhören**: ein Kundengespräch pro Woche.\n"
          "2. *Entscheiden*: eine Änderung pro Monat.\n3. Mehr unter [Beispiele](https://example.org/{n}).",
    "en": "Three steps for team {n}:\n\n1. **Listen**: one customer conversation a week.\n"
          "2. *Decide*: one change a month.\n3. More under [examples](https://example.org/{n}).",
}
OPTIONS = [
    ("match", {"de": "Wir ziehen so schnell wie möglich nach.", "en": "We match it as fast as we can."},
     {"competitor": 2}),
    ("ask", {"de": "Wir fragen zuerst unsere Kunden.", "en": "We ask our customers first."}, {"customer": 2}),
    ("ignore", {"de": "Wir machen weiter wie bisher.", "en": "We carry on as before."}, {}),
]


def localized(texts: dict[str, str], n: int) -> dict[str, str]:
    return {lang: text.format(n=n) for lang, text in texts.items()}


def question(n: int, k: int, markdown: bool = False) -> dict:
    """Question number `n` overall, `k` within its dimension (which picks its kind,
    so that every dimension gets both poles and choices)."""
    q: dict = {"id": f"q{n:05d}", "text": localized(SENTENCES_MD if markdown else SENTENCES, n)}
    if k % 4 == 3:
        q["type"] = "choice"
        q["options"] = [{"id": oid, "text": dict(text), **points} for oid, text, points in OPTIONS]
    else:
        q["type"] = "likert"
        q["pole"] = "competitor" if k % 4 == 1 else "customer"
        if k % 8 == 2:
            q["reverse"] = True
    if markdown:
        help_text, improve = (HELP_LIST_MD, IMPROVE_LIST_MD) if n % 20 < 2 else (HELP_MD, IMPROVE_MD)
    else:
        help_text, improve = MARKDOWN if n % 20 == 0 else HELP, IMPROVE
    if n % 2 == 0:
        q["help"] = localized(help_text, n)
    if n % 5 != 4:
        q["improve"] = localized(improve, n)
    if n % 7 == 0:
        q["weight"] = 2
    return q


def generate_bank(size: int, folder: Path, markdown: bool = False) -> Path:
    """Write a bank of `size` questions into `folder` (created); returns it.
    `markdown`: Markdown in every text (see above)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = yaml.safe_load((DEFAULT_BANK / "bank.yml").read_text(encoding="utf-8"))
    settings.pop("examples", None)
    settings["id"] = f"generated-{'markdown-' if markdown else ''}{size}"
    (folder / "bank.yml").write_text(dump(settings), encoding="utf-8")
    dimensions = [d["id"] for d in settings["dimensions"]]
    per_file: list[list[dict]] = [[] for _ in dimensions]
    for n in range(size):
        per_file[n % len(dimensions)].append(question(n, n // len(dimensions), markdown))
    for index, (dimension, questions) in enumerate(zip(dimensions, per_file, strict=True)):
        if questions:
            content = dump({"dimension": dimension, "questions": questions})
            (folder / f"{index + 1}0-{dimension}.yml").write_text(content, encoding="utf-8")
    return folder


class Dumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks (`|`), the way people write them."""


Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(data) -> str:
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


if __name__ == "__main__":
    generate_bank(int(sys.argv[1]), Path(sys.argv[2]), markdown="--markdown" in sys.argv[3:])
