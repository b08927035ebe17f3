"""The loading stages every command starts with: the bank, its self-tests, the
site config and the theme. The problems of all of them are reported together
(a new language shows all its gaps, in the bank and in the UI, in one run);
`assess validate` stops here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..bank.load import bank_languages, load
from ..bank.model import Bank
from ..errors import BankError, Problem, sorted_problems
from ..resources import bundled
from ..rules.selftest import run_examples
from ..site.config import SiteConfig, load_config
from ..site.theme import Theme, load_theme


@dataclass
class Project:
    bank: Bank
    config: SiteConfig
    theme: Theme
    warnings: list[Problem]


def load_project(bank_dir: Path, config_file: Path | None = None, strict: bool = False) -> Project:
    """Everything a build needs, checked; with `strict`, warnings are errors."""
    problems: list[Problem] = []
    bank = None
    try:
        bank, warnings = load(bank_dir)
        problems += warnings + run_examples(bank)
    except BankError as error:
        problems += error.problems
    languages = bank.languages if bank else bank_languages(bank_dir)
    config, config_problems = load_config(config_file, languages)
    problems += config_problems
    theme = None
    if languages and not any(not p.warning for p in config_problems):
        try:
            theme = load_theme(bundled("site_src"), languages, config.theme_dir, config_file)
        except BankError as error:
            problems += error.problems
    if strict:
        problems = [Problem(p.path, p.line, p.message) for p in problems]
    if any(not p.warning for p in problems):
        raise BankError(problems)
    return Project(bank, config, theme, sorted_problems(problems))


def load_bank(bank_dir: Path) -> tuple[Bank, list[Problem]]:
    """A bank alone (assess score), its self-tests run: failing ones are errors."""
    bank, warnings = load(bank_dir)
    failed = run_examples(bank)
    if failed:
        raise BankError(warnings + failed)
    return bank, warnings
