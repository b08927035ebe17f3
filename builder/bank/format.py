"""The bank format, key by key: how bank.yml and question files are read into
the dataclasses of model.py. The same declarations produce the JSON Schema
(commands/schema.py), so editors and the loader agree."""
from __future__ import annotations

from .model import (
    AXES,
    QUADRANTS,
    AxisNames,
    Dimension,
    Example,
    Level,
    Option,
    Quadrants,
    QuadrantText,
    Question,
    SegmentOption,
    Segments,
)
from .schema import (
    LANGUAGE,
    SLUG,
    Bool,
    Const,
    Enum,
    Field,
    Int,
    ListOf,
    Localized,
    MapOf,
    Nullable,
    Number,
    Record,
    Scalar,
    Text,
)

BANK_FILE_NAME = "bank.yml"  # the settings; every other *.yml file of a bank folder holds questions
TEXT = Localized()
MARKDOWN = Localized(markdown=True)
WEIGHT = Number(above=0)
POINTS = Number(minimum=0)
SCORE = Nullable(Number())

DIMENSION = Record({
    "id": Field(SLUG, doc="Identifier used by questions and recommendations."),
    "title": Field(TEXT),
    "description": Field(MARKDOWN, False, doc="Markdown."),
    "weight": Field(WEIGHT, False, 1, "Weight of the dimension in the overall scores."),
}, Dimension, name="dimension")

LEVEL = Record({
    "id": Field(SLUG),
    "min": Field(Number(minimum=0, maximum=100), doc="Lowest customer score of this level; the first is 0."),
    "title": Field(TEXT),
    "description": Field(MARKDOWN, False, doc="Markdown."),
}, Level, name="level")

QUADRANT_TEXT = Record({"title": Field(TEXT), "description": Field(MARKDOWN, doc="Markdown.")}, QuadrantText,
                       name="quadrant")

QUADRANTS_RECORD = Record({
    "threshold": Field(Number(maximum=100, above=0), False, 50, "Score at which an axis counts as high."),
    "customer": Field(QUADRANT_TEXT, doc="High customer, low competitor obsession."),
    "competitor": Field(QUADRANT_TEXT, doc="High competitor, low customer obsession."),
    "both": Field(QUADRANT_TEXT, doc="Both high."),
    "inward": Field(QUADRANT_TEXT, doc="Both low: inward-looking."),
}, Quadrants, name="quadrants")

AXIS_NAMES = Record({
    "customer": Field(TEXT, False, doc="Name of the customer axis (default: Customer obsession)."),
    "competitor": Field(TEXT, False, doc="Name of the competitor axis (default: Competitor obsession)."),
}, AxisNames, name="axes")

NOT_GIVEN = object()  # default of expectations left out (None means "expect null")

EXPECTED_SCORES = Record({
    "customer": Field(SCORE, False, NOT_GIVEN),
    "competitor": Field(SCORE, False, NOT_GIVEN),
    "index": Field(SCORE, False, NOT_GIVEN),
    "quadrant": Field(Nullable(Enum(*QUADRANTS)), False, NOT_GIVEN),
    "level": Field(Nullable(SLUG), False, NOT_GIVEN),
    "answered": Field(Int(minimum=0), False, NOT_GIVEN),
    "total": Field(Int(minimum=0), False, NOT_GIVEN),
}, lambda path, line, **values: {"line": line} | {k: v for k, v in values.items() if v is not NOT_GIVEN})

MAX_SEGMENT_OPTIONS = 31  # a result code holds the segment in one base32 character; 0 means none

SEGMENT_OPTION = Record({
    "id": Field(SLUG, doc="Used in team links (quiz.html?segment=ID) and in the team JSON."),
    "title": Field(TEXT),
}, SegmentOption, name="segment option")

SEGMENTS = Record({
    "id": Field(SLUG, doc="What the segments tell apart, e.g. role."),
    "title": Field(TEXT, doc="The question, e.g. 'Your role'."),
    "help": Field(MARKDOWN, False, doc="Markdown shown with the question."),
    "options": Field(ListOf(SEGMENT_OPTION, 2, MAX_SEGMENT_OPTIONS, noun="segment options"),
                     doc="2 to 31 options. Codes store an option's position: only append while collecting."),
}, lambda options, **values: Segments(options=tuple(options), **values), name="segments")

ANSWERS = MapOf(SLUG, Nullable(Scalar()))

EXAMPLE = Record({
    "name": Field(Text("name")),
    "answers": Field(ANSWERS, doc="Question id -> 1..5 or option id; unlisted questions are skipped."),
    "expect": Field(Record({
        "overall": Field(EXPECTED_SCORES, False),
        "dimensions": Field(MapOf(SLUG, EXPECTED_SCORES), False, dict),
    }), doc="Any part of the result: overall and per dimension id."),
}, Example, name="example")

BANK_FILE = Record({
    "schema": Field(Const(1), doc="Version of the bank format."),
    "id": Field(SLUG, doc="Identifies the bank (part of result codes and storage keys)."),
    "version": Field(Text("version"), doc='Your version label; quote it, e.g. "2026.1".'),
    "languages": Field(ListOf(LANGUAGE, 1, noun="languages"), doc="Language codes; the first is the default."),
    "title": Field(TEXT),
    "intro": Field(MARKDOWN, doc="Markdown, shown on the start page."),
    "dimensions": Field(ListOf(DIMENSION, 1, noun="dimensions")),
    "scale": Field(MapOf(LANGUAGE, ListOf(Text("label"), 5, 5, noun="labels")), False, dict,
                   "Five likert labels per language, 1 to 5 (built in for de, en and fr)."),
    "levels": Field(ListOf(LEVEL, 1, noun="levels"), doc="Maturity levels, by ascending min."),
    "axes": Field(AXIS_NAMES, False, AxisNames,
                  "The two axes in your words, on every page and chart (default: the UI strings')."),
    "quadrants": Field(QUADRANTS_RECORD),
    "recommendations": Field(MapOf(SLUG, MapOf(SLUG, MARKDOWN)), False, dict,
                             "Markdown per dimension id and level id."),
    "min_group_size": Field(Int(minimum=3), False, 5, "Smallest group the team page shows."),
    "segments": Field(SEGMENTS, False, None,
                      "Optional first question (e.g. role) to compare groups; not part of scoring."),
    "examples": Field(ListOf(EXAMPLE, noun="examples"), False, list, "Self-tests run by assess validate."),
}, doc="bank.yml: the assessment's settings.")

OPTION = Record({
    "id": Field(SLUG),
    "text": Field(TEXT),
    "customer": Field(POINTS, False, 0, "Customer-obsession points."),
    "competitor": Field(POINTS, False, 0, "Competitor-obsession points."),
}, Option, name="option")

QUESTION = Record({
    "id": Field(SLUG, doc="Unique in the bank."),
    "dimension": Field(SLUG, False, doc="Required unless the file sets dimension."),
    "type": Field(Enum("likert", "choice")),
    "text": Field(TEXT),
    "help": Field(MARKDOWN, False, doc="Markdown shown with the question."),
    "improve": Field(MARKDOWN, False, doc="Markdown hint for answers that leave customer points."),
    "weight": Field(WEIGHT, False, 1),
}, lambda options=(), **values: Question(options=tuple(options or ()), **values), name="question",
    selector="type", lines_of=("dimension",), variants={
    "likert": {
        "pole": Field(Enum(*AXES), doc="The axis this statement measures."),
        "reverse": Field(Bool(), False, False, "True when agreeing is the low end."),
    },
    "choice": {"options": Field(ListOf(OPTION, 2, noun="options"), doc="At least two options.")},
})

QUESTION_FILE = Record({
    "dimension": Field(SLUG, False, doc="Default dimension of this file's questions."),
    "questions": Field(ListOf(QUESTION, 1, noun="questions", keep_valid=True)),
}, doc="A file of questions.", lines_of=("dimension",))
