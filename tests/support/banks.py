"""Banks for the loader and scoring tests: editable copies of the fixture
folders, and `Bank` objects built in Python for tests that need no YAML.

    make_bank([likert("q1"), choice("c1", [("a", 2, 0), ("b", 0, 1)])])

Texts are filler; only what scoring reads is chosen by the caller.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from builder.bank.model import Bank, Dimension, Level, Option, Quadrants, QuadrantText, Question


def copy_bank(source: Path, tmp_path: Path) -> Path:
    """An editable copy of a fixture bank."""
    return Path(shutil.copytree(source, tmp_path / source.name))


DEFAULT_LEVELS = (("low", 0), ("mid", 50), ("high", 75))


def text(value: str) -> dict[str, str]:
    return {"en": value}


def likert(qid: str, pole: str = "customer", dimension: str = "d", weight: float = 1,
           reverse: bool = False) -> Question:
    return Question(id=qid, type="likert", text=text(qid), dimension=dimension, weight=weight, pole=pole,
                    reverse=reverse)


def choice(qid: str, options, dimension: str = "d", weight: float = 1) -> Question:
    """`options` is a list of (id, customer points, competitor points)."""
    return Question(id=qid, type="choice", text=text(qid), dimension=dimension, weight=weight,
                    options=tuple(Option(id=o, text=text(o), customer=c, competitor=k) for o, c, k in options))


def make_bank(questions, dimensions=None, levels=DEFAULT_LEVELS, threshold: float = 50) -> Bank:
    """`dimensions` maps id -> weight (default: the questions' dimensions, weight 1)."""
    if dimensions is None:
        dimensions = {q.dimension: 1 for q in questions}
    quadrant = QuadrantText(title=text("t"), description=text("d"))
    return Bank(
        path="<test>", id="test", version="1", languages=["en"], title=text("Test"), intro=text("Test"),
        dimensions=[Dimension(id=d, title=text(d), weight=w) for d, w in dimensions.items()],
        scale={}, levels=[Level(id=lv, min=m, title=text(lv)) for lv, m in levels],
        quadrants=Quadrants(threshold=threshold, customer=quadrant, competitor=quadrant, both=quadrant,
                            inward=quadrant),
        recommendations={}, min_group_size=5, examples=[], questions=list(questions),
    )


def make_model(questions, **kwargs) -> dict:
    return make_bank(questions, **kwargs).scoring_model
