"""What a bank is: the dataclasses the loader builds (format.py declares how
each is read from YAML), and what follows from a bank's content, computed once:
the scoring model that the Python scorer and scoring.js read, its fingerprint,
the tag that result codes carry, and the segment ids."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..base32 import to_base32

Localized_ = dict[str, str]  # language -> text

AXES = ("customer", "competitor")
QUADRANTS = ("customer", "competitor", "both", "inward")

DEFAULT_SCALES = {
    "de": ["Trifft gar nicht zu", "Trifft eher nicht zu", "Teils, teils", "Trifft eher zu", "Trifft voll zu"],
    "en": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    "fr": ["Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord", "Plutôt d'accord",
           "Tout à fait d'accord"],
}


@dataclass(frozen=True)
class Located:
    path: str = field(default="", kw_only=True, compare=False, repr=False)
    line: int = field(default=0, kw_only=True, compare=False, repr=False)
    #: lines of single keys' values, for messages that point at them (format.py's `lines_of`)
    lines: Mapping[str, int] = field(default_factory=dict, kw_only=True, compare=False, repr=False)


@dataclass(frozen=True)
class Dimension(Located):
    id: str
    title: Localized_
    description: Localized_ | None = None
    weight: float = 1


@dataclass(frozen=True)
class Level(Located):
    id: str
    min: float
    title: Localized_
    description: Localized_ | None = None


@dataclass(frozen=True)
class QuadrantText(Located):
    title: Localized_
    description: Localized_


@dataclass(frozen=True)
class Quadrants(Located):
    threshold: float
    customer: QuadrantText
    competitor: QuadrantText
    both: QuadrantText
    inward: QuadrantText


@dataclass(frozen=True)
class AxisNames(Located):
    """The two axes in the bank's words; None keeps the UI strings' (customer_obsession, ...)."""

    customer: Localized_ | None = None
    competitor: Localized_ | None = None


@dataclass(frozen=True)
class Option(Located):
    id: str
    text: Localized_
    customer: float = 0
    competitor: float = 0


@dataclass(frozen=True)
class Question(Located):
    id: str
    type: str
    text: Localized_
    dimension: str | None = None
    help: Localized_ | None = None
    improve: Localized_ | None = None
    weight: float = 1
    pole: str | None = None
    reverse: bool = False
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class SegmentOption(Located):
    id: str
    title: Localized_


@dataclass(frozen=True)
class Segments(Located):
    """The optional first question (e.g. role), used only to compare groups."""

    id: str
    title: Localized_
    options: tuple[SegmentOption, ...]
    help: Localized_ | None = None


@dataclass(frozen=True)
class Answer(Located):
    """One answer written in a bank file (an example), with its line."""

    value: int | str | None


@dataclass(frozen=True)
class Example(Located):
    name: str
    answers: dict[str, Answer]
    expect: dict


@dataclass
class Bank:
    path: str
    id: str
    version: str
    languages: list[str]
    title: Localized_
    intro: Localized_
    dimensions: list[Dimension]
    scale: dict[str, list[str]]
    levels: list[Level]
    quadrants: Quadrants
    recommendations: dict[str, dict[str, Localized_]]
    min_group_size: int
    examples: list[Example]
    questions: list[Question]
    segments: Segments | None = None
    axes: AxisNames = field(default_factory=AxisNames)
    #: dimension id -> quadrant -> Markdown (bank-format.md)
    quadrant_recommendations: dict[str, dict[str, Localized_]] = field(default_factory=dict)

    def dimension_questions(self, dimension_id: str) -> list[Question]:
        return list(self.questions_by_dimension.get(dimension_id, ()))

    @cached_property
    def questions_by_dimension(self) -> dict[str, list[Question]]:
        """Each dimension's questions in bank order: several pages list them by
        dimension, which was a pass over all questions per dimension and page."""
        grouped: dict[str, list[Question]] = {}
        for q in self.questions:
            grouped.setdefault(q.dimension, []).append(q)
        return grouped

    @property
    def scoring_model(self) -> dict:
        """What scoring reads of the bank, as inlined for the browser (docs/bank-format.md)."""
        return self.encoded_model.model

    @property
    def scoring_model_json(self) -> str:
        """`scoring_model` as JSON: keys sorted, no spaces, ASCII only."""
        return self.encoded_model.json

    @cached_property
    def encoded_model(self) -> EncodedModel:
        """The scoring model and its JSON, encoded once: the fingerprint hashes
        all of it but the "bank" entry, and pages inline all of it (1.3 MB for
        10,000 questions, encoded again by every process that rendered, #18)."""
        core = {
            "threshold": num(self.quadrants.threshold),
            "levels": [{"id": lv.id, "min": num(lv.min)} for lv in self.levels],
            "dimensions": [{"id": d.id, "weight": num(d.weight)} for d in self.dimensions],
            "questions": [question_model(q) for q in self.questions],
        }
        canonical = canonical_json(core)
        about = {"id": self.id, "version": self.version,
                 "fingerprint": hashlib.sha256(canonical.encode()).hexdigest()[:12]}
        # "bank" sorts before every key of `core`: the whole is the core with it put in front
        return EncodedModel({"bank": about} | core, f'{{"bank":{canonical_json(about)},{canonical[1:]}')

    @property
    def fingerprint(self) -> str:
        """Changes whenever what scores changes (ids, order, poles, points, weights, levels, threshold)."""
        return self.scoring_model["bank"]["fingerprint"]

    @cached_property
    def tag(self) -> str:
        """The bank in a result code: 5 base32 characters of a hash of id and fingerprint."""
        digest = int.from_bytes(hashlib.sha256(f"{self.id}:{self.fingerprint}".encode()).digest()[:4], "big")
        return to_base32(digest >> (32 - 5 * TAG_LENGTH), TAG_LENGTH)

    @property
    def segment_ids(self) -> list[str]:
        return [o.id for o in self.segments.options] if self.segments else []


#: characters of the bank tag in a result code (docs/result-code.md)
TAG_LENGTH = 5


@dataclass(frozen=True)
class EncodedModel:
    model: dict
    json: str  # canonical_json(model)


def canonical_json(value) -> str:
    """One spelling of a JSON value: keys sorted, no spaces, ASCII only (what
    the fingerprint hashes, and the pages' |tojson before its HTML escapes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def num(x: float) -> int | float:
    """One spelling per number (1 and 1.0 alike), for stable JSON and hashes."""
    return int(x) if float(x).is_integer() else float(x)


def question_model(q: Question) -> dict:
    entry = {"id": q.id, "dimension": q.dimension, "type": q.type, "weight": num(q.weight)}
    if q.type == "likert":
        entry |= {"pole": q.pole, "reverse": q.reverse}
    else:
        entry["options"] = [{"id": o.id, "customer": num(o.customer), "competitor": num(o.competitor)}
                            for o in q.options]
    return entry


