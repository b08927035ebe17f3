"""One pair of words for the two poles (issue #17).

The default bank, the bank `assess new` starts from, the UI strings and the
docs name the poles with one pair per language: customer obsession /
competitor obsession (customer-obsessed / competitor-obsessed),
Kundenbesessenheit / Wettbewerberbesessenheit (kundenbesessen /
wettbewerberbesessen), obsession du client / obsession des concurrents.
Any other word built the same way ("Wettbewerbsfixierung", "competition
obsession", "obsession concurrence") is reported with its file and line. The
default bank's German also speaks of people in gender-fair words.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from support.paths import DEFAULT_BANK, ROOT

from builder.bank.load import load

SCAFFOLD = ROOT / "builder" / "commands" / "scaffold"
I18N = ROOT / "site_src" / "i18n"

#: everything a participant, a bank author or a reader of the docs sees
SCANNED = sorted([
    *DEFAULT_BANK.glob("*.yml"), *(SCAFFOLD / "questions").glob("*.yml"), SCAFFOLD / "README.md",
    *I18N.glob("*.yml"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md",
])

#: (finds a word for a pole, the words allowed or None, the files it applies to)
POLE_WORDS = [
    (r"\w*(?:besessen|fixier)\w*", r"(?:kunden|wettbewerber)?besessen", "*"),
    # "assess-obsession" is the distribution's name on PyPI, not a word for a pole
    (r"\w+(?:-|\s+)obsess\w*", r"(?:customer|competitor|an?|the|its|their|our|your|and|or|assess)(?:-|\s+)obsess",
     "*"),
    (r"(?:competitor|competition)(?:-|\s+)focus\w*", None, "*"),
    (r"obsession\s+\w+(?:\s+\w+)?", r"obsession\s+(?:du\s+client|des\s+concurrents)\b", "fr.yml"),
]

NOUNS = {
    "de": ("Kundenbesessenheit", "Wettbewerberbesessenheit"),
    "en": ("customer obsession", "competitor obsession"),
}
QUADRANT_TITLES = {
    "de": ("Kundenbesessen", "Wettbewerberbesessen"),
    "en": ("Customer-obsessed", "Competitor-obsessed"),
}
UI_STRINGS = {
    "de": ("Kundenbesessenheit", "Wettbewerberbesessenheit"),
    "en": ("Customer obsession", "Competitor obsession"),
    "fr": ("Obsession du client", "Obsession des concurrents"),
}

#: generic masculine nouns for people; the paired form ("Kundinnen und Kunden") is fine
MASCULINE_PEOPLE = re.compile(
    r"(?<![\w-])(?:Kunden?|Mitarbeiter[ns]?|Entwickler[ns]?|Kollegen|Bewerber[ns]?|Handwerker[ns]?"
    r"|Nutzer[ns]?|Anwender[ns]?|Teilnehmer[ns]?|Verbraucher[ns]?)\b(?!-)")
PAIRED = re.compile(r"innen (?:und|oder) $")


#: a soft hyphen, as a character or as YAML writes it, lets a long word break where space is short
SOFT_HYPHEN = re.compile(r"\u00ad|\\u00ad")


def other_pole_words(path: str, text: str) -> list[str]:
    """`path:line: 'word'` for every word naming a pole that is not the chosen one."""
    text = SOFT_HYPHEN.sub("", text)
    found = []
    for finder, allowed, files in POLE_WORDS:
        if files != "*" and Path(path).name != files:
            continue
        for match in re.finditer(finder, text, re.I):
            if allowed is None or not re.match(allowed, match.group(), re.I):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path}:{line}: {' '.join(match.group().split())!r}")
    return found


def texts(node, lang: str, where: str = ""):
    """(path:line, text) for every text in `lang` of a loaded bank."""
    if dataclasses.is_dataclass(node):
        if getattr(node, "path", ""):  # the bank's folder, or the file and line of a part of it
            where = f"{node.path}:{node.line}" if getattr(node, "line", 0) else node.path
        for field in dataclasses.fields(node):
            yield from texts(getattr(node, field.name), lang, where)
    elif isinstance(node, dict) and isinstance(node.get(lang), str):
        yield where, node[lang]
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts(value, lang, where)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from texts(value, lang, where)


def test_no_other_words_for_the_poles():
    found = [hit for path in SCANNED
             for hit in other_pole_words(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Haltung\nIhr Kompass ist die\nWettbewerbsfixierung.", ["x.yml:3: 'Wettbewerbsfixierung'"]),
    ("title: {de: Wettbewerbsbesessen}", ["x.yml:1: 'Wettbewerbsbesessen'"]),
    ("de: Konkurrenzfixiert, en: competition-obsessed", ["x.yml:1: 'Konkurrenzfixiert'",
                                                         "x.yml:1: 'competition-obsessed'"]),
    ("our competition\n  obsession, their competitor focus", ["x.yml:1: 'competition obsession'",
                                                             "x.yml:2: 'competitor focus'"]),
    ("Kunden- und wettbewerberbesessen; Kundenbesessene; Besessenheit; customer-obsessed; obsessed with both; "
     "an obsession", []),
    ('label: "Wettbewerber\\u00adbesessenheit", Wettbewerbs\u00adfixierung', ["x.yml:1: 'Wettbewerbsfixierung'"]),
])
def test_other_words_are_found_with_their_line(text, expected):
    assert other_pole_words("x.yml", text) == expected


def test_french_words_for_the_poles_are_checked_in_french_files_only():
    text = "l'obsession concurrence et l'obsession du client"
    assert other_pole_words("site_src/i18n/fr.yml", text) == ["site_src/i18n/fr.yml:1: 'obsession concurrence et'"]
    assert other_pole_words("docs/results.md", "customer obsession and more") == []


@pytest.mark.parametrize("folder", [DEFAULT_BANK, SCAFFOLD / "questions"], ids=["default", "scaffold"])
def test_the_quadrants_are_named_after_the_poles(folder):
    bank = load(folder)[0]
    for lang in bank.languages:
        customer, competitor = QUADRANT_TITLES[lang]
        assert bank.quadrants.customer.title[lang] == customer
        assert bank.quadrants.competitor.title[lang] == competitor


def test_the_default_bank_introduces_both_poles_in_every_language(banks):
    bank = banks["default"]
    assert bank.languages == ["de", "en"]
    for lang in bank.languages:
        for noun in NOUNS[lang]:
            assert noun in bank.intro[lang], (lang, noun)


@pytest.mark.parametrize("lang", sorted(UI_STRINGS))
def test_the_ui_names_the_axes_with_the_pair(lang):
    strings = yaml.safe_load((I18N / f"{lang}.yml").read_text(encoding="utf-8"))
    axes = (strings["customer_obsession"], strings["competitor_obsession"])
    assert tuple(SOFT_HYPHEN.sub("", axis) for axis in axes) == UI_STRINGS[lang]


def test_the_docs_use_the_pair():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    authoring = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    default_bank = (ROOT / "docs" / "default-bank.md").read_text(encoding="utf-8")
    for noun in NOUNS["en"]:
        assert noun in readme and noun in authoring and noun in default_bank.lower(), noun
    for noun in NOUNS["de"]:
        assert noun in default_bank, noun


def generic_masculine(node) -> list[str]:
    """`path:line: 'noun'` for every generic masculine noun for people in the German of a loaded bank."""
    return [f"{where}: {match.group()!r}" for where, text in texts(node, "de")
            for match in MASCULINE_PEOPLE.finditer(text) if not PAIRED.search(text[:match.start()])]


def test_the_default_bank_speaks_of_people_in_gender_fair_german(banks):
    assert generic_masculine(banks["default"]) == []


def test_generic_masculine_is_found_and_the_paired_form_is_not(banks):
    question = dataclasses.replace(banks["default"].questions[0], text={
        "de": "Kundinnen und Kunden, Kolleginnen oder Kollegen, Kundenkontakt, Großkunden, Kunden- und Kollegen",
        "en": "Customers and colleagues"})
    assert generic_masculine(question) == [f"{question.path}:{question.line}: 'Kollegen'"]
