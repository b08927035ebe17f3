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
from builder.site import theme as theme_module
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
        "theme/i18n/it.yml: missing UI string 'next' (assess i18n --template it shows it in English)\n"
        "theme/i18n/it.yml: missing UI string 'back' (assess i18n --template it shows it in English)\n"
        "Error: 4 problems found\n"
    )


def test_a_language_without_any_ui_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "translation-gaps", project)
    (project / "theme").mkdir()
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.stderr.endswith(
        "theme/i18n/it.yml: no UI strings for language 'it': create this file from the English ones "
        "(assess i18n --template it prints them) and translate it\n"
        "Error: 3 problems found\n")


def test_without_a_theme_an_installed_assess_advises_one(tmp_path, monkeypatch):
    """Never a path inside the installed package: a theme folder is where a project's strings go."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "translation-gaps", project)
    (project / "assessment.yml").write_text("title: Ascoltare\n", encoding="utf-8")
    monkeypatch.setattr(theme_module, "installed", lambda path: True)
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.stderr.startswith(
        "assessment.yml: no UI strings for language 'it': set theme_dir: theme here and create "
        "theme/i18n/it.yml from the English ones (assess i18n --template it prints them), then translate it\n")


def test_the_template_of_a_new_language_completes_its_ui_strings(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "translation-gaps", project)
    result = run("i18n", "--template", "it")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(
        "# UI strings for 'it', to translate: the values are the built-in English ones.\n"
        "# Save this as i18n/it.yml in your theme folder (theme_dir in assessment.yml),\n"
        "# translate every value and keep the {placeholders}; assess validate names what is missing.\n"
        "language_name: English\n")
    assert yaml.safe_load(result.stdout) == strings("en")
    (project / "theme" / "i18n").mkdir(parents=True)
    (project / "theme" / "i18n" / "it.yml").write_text(result.stdout, encoding="utf-8")
    monkeypatch.chdir(project)
    assert run("validate").stderr == (  # only the bank's own texts are left to translate
        "questions/bank.yml:20: missing translation for 'it'\n"
        "questions/questions.yml:11: missing translation for 'it'\n"
        "Error: 2 problems found\n")


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_template_of_a_built_in_language_is_that_language(lang):
    result = run("i18n", "--template", lang)
    assert result.stdout.startswith(f"# The built-in UI strings for '{lang}'. To reword some in a project, keep "
                                    f"just those\n# keys in your theme folder's i18n/{lang}.yml (theme_dir in "
                                    "assessment.yml).\n")
    assert yaml.safe_load(result.stdout) == strings(lang)


def test_i18n_says_what_it_needs():
    assert run("i18n", "--template").stdout.startswith("# The built-in UI strings for 'en'.")
    assert run("i18n", "--template", "it alia").stderr == (
        "Error: --template it alia: not a language code; use an ISO 639 code such as de, en or pt-BR\n")
    nothing = run("i18n")
    assert (nothing.exit_code, nothing.stderr.splitlines()[-1]) == (
        2, "Error: say what to print: --template [LANG] prints a UI strings file to translate")
