"""The repository and its fixture banks and sites."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_BANK = ROOT / "questions"
#: A valid one-language bank with weights, reverse items and a choice.
SMALL_BANK = FIXTURES / "banks" / "small"
#: A valid bank with exactly three warnings.
WARNINGS_BANK = FIXTURES / "banks" / "warnings"
#: A bank that asks for the participant's group (segments).
SEGMENTED_BANK = FIXTURES / "banks" / "segmented"
#: Bank text written to attack the site.
HOSTILE_BANK = FIXTURES / "banks" / "hostile"
#: Tiny banks with one kind of problem each.
BROKEN = FIXTURES / "broken"
#: every bank in the repository that the site must serve correctly
BANKS = {"default": DEFAULT_BANK, "small": SMALL_BANK}
#: built and served beside BANKS
SERVED_BANKS = BANKS | {"hostile": HOSTILE_BANK}
