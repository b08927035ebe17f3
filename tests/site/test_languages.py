"""Languages: every shipped UI file is complete, a third language (French)
builds, and `assess validate` reports the gaps of a translation in progress."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml
from support.cli import run
from support.paths import FIXTURES, ROOT

from builder.commands.build import build
from builder.site.theme import REFERENCE_LANGUAGE

I18N = ROOT / "site_src" / "i18n"
SHIPPED = sorted(p.stem for p in I18N.glob("*.yml"))


def strings(lang: str) -> dict:
    return yaml.safe_load((I18N / f"{lang}.yml").read_text(encoding="utf-8"))


def test_de_en_and_fr_are_shipped():
    assert {"de", "en", "fr"} <= set(SHIPPED)


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_ui_file_has_exactly_the_reference_keys(lang):
    reference = strings(REFERENCE_LANGUAGE)
    keys = strings(lang)
    assert sorted(set(reference) - set(keys)) == [], f"{lang}.yml lacks these strings"
    assert sorted(set(keys) - set(reference)) == [], f"{lang}.yml has strings en.yml does not"
    for key, text in reference.items():  # the site fills these in: a translation must keep them
        placeholders = sorted(set(re.findall(r"\{(\w+)\}", text)))
        assert placeholders == sorted(set(re.findall(r"\{(\w+)\}", keys[key]))), (lang, key)


def test_a_french_bank_gets_french_pages(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "bank.yml").write_text(
        "schema: 1\nid: fr-test\nversion: '1'\nlanguages: [fr]\ntitle: Écouter les clients\nintro: Un essai.\n"
        "dimensions: [{id: ecoute, title: Écoute}]\nlevels: [{id: bas, min: 0, title: Bas}]\n"
        "quadrants:\n" + "".join(f"  {q}: {{title: {q}, description: {q}.}}\n"
                                 for q in ("customer", "competitor", "both", "inward")),
        encoding="utf-8")
    (bank / "questions.yml").write_text(
        "dimension: ecoute\nquestions:\n"
        "  - {id: parler, type: likert, pole: customer, text: Nous parlons aux clients.}\n"
        "  - {id: suivre, type: likert, pole: competitor, text: Nous suivons les concurrents.}\n",
        encoding="utf-8")
    project = build(bank, tmp_path / "site")  # without recommendations: warnings, not a crash
    assert [p.message for p in project.warnings] == ["no recommendation for dimension 'ecoute' at level 'bas'"]
    quiz = (tmp_path / "site" / "fr" / "quiz.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in quiz
    assert ">Suivant</button>" in quiz and "<span>Tout à fait d&#39;accord</span>" in quiz
    assert "<span>Je ne sais pas</span>" in quiz


def test_validate_reports_missing_bank_and_ui_translations(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "translation-gaps", project)
    lines = (I18N / "en.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    untranslated = ("next:", "back:")
    (project / "theme" / "i18n").mkdir(parents=True)
    (project / "theme" / "i18n" / "it.yml").write_text(
        "".join(line for line in lines if not line.startswith(untranslated)), encoding="utf-8")
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/bank.yml:20: missing translation for 'it'\n"
        "questions/questions.yml:11: missing translation for 'it'\n"
        "theme/i18n/it.yml: missing UI string 'next' (see en.yml)\n"
        "theme/i18n/it.yml: missing UI string 'back' (see en.yml)\n"
        "Error: 4 problems found\n"
    )


def test_a_language_without_any_ui_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "translation-gaps", project)
    (project / "theme").mkdir()
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.stderr.endswith(
        "theme/i18n/it.yml: no UI strings for language 'it': copy en.yml to it.yml and translate it\n"
        "Error: 3 problems found\n")
