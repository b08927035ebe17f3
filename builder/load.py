"""Stage 1: load a bank folder into a `Bank`, checking everything that can be
checked without scoring. All problems of all files are collected, then raised
together as one `BankError`; warnings ride along on `LoadResult.warnings`."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from .errors import AssessError, BankError, Problem, sorted_problems
from .model import AXES, BANK_FILE, DEFAULT_SCALES, QUESTION_FILE, Bank, Question
from .parallel import map_forked
from .schema import INVALID, LANGUAGE, ListOf, Reader, suggest
from .scoring import scoring_model
from .selftest import run_examples
from .yamlnodes import load_nodes

BANK_FILE_NAME = "bank.yml"
#: bytes of question files from which reading them in parallel pays for the processes
PARALLEL_READ_FROM = 500_000


@dataclass
class LoadResult:
    bank: Bank
    model: dict  # the scoring model, as inlined for the browser
    warnings: list[Problem]


def question_files(folder: Path) -> list[Path]:
    files = [p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.name != BANK_FILE_NAME]
    return sorted(files, key=lambda p: p.name)


def load(folder: Path | str, strict: bool = False) -> LoadResult:
    folder = Path(folder)
    if not folder.is_dir():
        raise AssessError(f"bank folder not found: {folder}")
    problems: list[Problem] = []
    bank_path = folder / BANK_FILE_NAME
    if not bank_path.is_file():
        raise BankError([Problem(str(folder), None, f"no {BANK_FILE_NAME} here: every bank folder needs one")])

    root = load_nodes(bank_path, problems)
    languages = read_languages(root, str(bank_path)) if root is not None else None
    reader = Reader(str(bank_path), languages)
    settings = BANK_FILE.read(root, reader) if root is not None else INVALID
    problems += reader.problems

    questions: list[Question] = []
    files = question_files(folder)
    if not files:
        problems.append(Problem(str(folder), None, "no question files (*.yml) beside bank.yml"))
    # a large bank's files are read side by side (parallel.py), results in file order
    large = sum(path.stat().st_size for path in files if path.is_file()) >= PARALLEL_READ_FROM
    for found_questions, found_problems in map_forked(lambda path: read_alone(path, languages), files, large):
        questions += found_questions
        problems += found_problems
    # A file with an error yields no questions, so the poles it covers are unknown.
    all_questions_read = not any(not p.warning for p in problems)

    if settings is not INVALID and languages is not None:
        settings.pop("schema")
        bank = Bank(path=str(folder), questions=questions, **settings)
        bank.scale = check_settings(bank, root, problems)
        check_questions(bank, problems, check_poles=all_questions_read)
    if any(not p.warning for p in problems):
        raise BankError(problems)
    model = scoring_model(bank)
    bank.fingerprint = model["bank"]["fingerprint"]
    problems += run_examples(bank, model)
    if strict:
        problems = [Problem(p.path, p.line, p.message) for p in problems]
    if any(not p.warning for p in problems):
        raise BankError(problems)
    return LoadResult(bank, model, sorted_problems(problems))


def bank_languages(folder: Path | str) -> list[str] | None:
    """The languages of a bank that failed to load, if bank.yml names them, so
    that the site config and UI strings can still be checked against them."""
    path = Path(folder) / BANK_FILE_NAME
    root = load_nodes(path, []) if path.is_file() else None
    return read_languages(root, str(path)) if root is not None else None


def read_languages(root, path: str) -> list[str] | None:
    """Languages are read first: every localized text is checked against them."""
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "languages":
            scratch = Reader(path)  # problems are reported again by the full read
            langs = ListOf(LANGUAGE, 1).read(value, scratch)
            return None if langs is INVALID else langs
    return None


def read_alone(path: Path, languages) -> tuple[list[Question], list[Problem]]:
    """A question file's questions and problems, for reading files in parallel."""
    problems: list[Problem] = []
    return read_question_file(path, languages, problems), problems


def read_question_file(path: Path, languages, problems: list[Problem]) -> list[Question]:
    root = load_nodes(path, problems)
    if root is None:
        return []
    reader = Reader(str(path), languages)
    content = QUESTION_FILE.read(root, reader)
    problems += reader.problems
    if content is INVALID:
        return []
    questions = []
    for q in content["questions"]:
        if q.dimension is None and content["dimension"] is None:
            problems.append(Problem(q.path, q.line, f"question {q.id!r} has no dimension "
                                    "(add dimension: to it or at the top of the file)"))
            continue
        if q.dimension is None:
            q = replace(q, dimension=content["dimension"])
        questions.append(q)
    return questions


def check_settings(bank: Bank, root, problems: list[Problem]) -> dict[str, list[str]]:
    """Cross-checks within bank.yml; returns the complete likert scale."""
    path = str(Path(bank.path) / BANK_FILE_NAME)
    at = lambda line, msg, warning=False: problems.append(Problem(path, line, msg, warning))  # noqa: E731

    if len(set(bank.languages)) != len(bank.languages):
        at(line_of_key(root, "languages"), "languages are listed twice")
    unique_ids(bank.dimensions, "dimension", problems)
    unique_ids(bank.levels, "level", problems)
    if bank.segments is not None:
        unique_ids(bank.segments.options, "segment option", problems)
    if bank.levels and bank.levels[0].min != 0:
        at(bank.levels[0].line, f"the first level must have min: 0, found {bank.levels[0].min:g}")
    for before, after in zip(bank.levels, bank.levels[1:], strict=False):
        if after.min <= before.min:
            at(after.line, f"level {after.id!r}: min must be above {before.min:g} (levels ascend)")

    scale = {}
    for lang in bank.languages:
        if lang in bank.scale:
            scale[lang] = bank.scale[lang]
        elif lang in DEFAULT_SCALES:
            scale[lang] = DEFAULT_SCALES[lang]
        else:
            at(line_of_key(root, "scale") or line_of_key(root, "languages"),
               f"no built-in scale labels for {lang!r}; add scale: {{{lang}: [five labels]}}")
    for lang in bank.scale:
        if lang not in bank.languages:
            at(bank.scale.lines[lang], f"scale for {lang!r}, which is not in the bank's languages")

    dims = {d.id for d in bank.dimensions}
    levels = {lv.id for lv in bank.levels}
    recs = bank.recommendations
    for dim, by_level in recs.items():
        if dim not in dims:
            at(recs.lines[dim], f"recommendations for unknown dimension {dim!r}{suggest(dim, dims)}")
            continue
        for lv in by_level:
            if lv not in levels:
                at(by_level.lines[lv], f"recommendation for unknown level {lv!r}{suggest(lv, levels)}")
    rec_lines = getattr(recs, "lines", {})  # a plain {} when the bank has no recommendations
    for d in bank.dimensions:
        for lv in bank.levels:
            if lv.id not in recs.get(d.id, {}):
                at(rec_lines.get(d.id, line_of_key(root, "recommendations") or d.line),
                   f"no recommendation for dimension {d.id!r} at level {lv.id!r}", True)
    return scale


def check_questions(bank: Bank, problems: list[Problem], check_poles: bool = True) -> None:
    dims = {d.id for d in bank.dimensions}
    seen: dict[str, Question] = {}
    for q in bank.questions:
        at = lambda msg, warning=False, q=q: problems.append(Problem(q.path, q.line, msg, warning))  # noqa: E731
        if q.id in seen:
            first = seen[q.id]
            at(f"duplicate question id {q.id!r} (first in {Path(first.path).name}:{first.line})")
        seen.setdefault(q.id, q)
        if q.dimension not in dims:
            at(f"question {q.id!r}: unknown dimension {q.dimension!r}{suggest(q.dimension, dims)}")
        if q.type == "choice":
            unique_ids(q.options, "option", problems)
            if len({(o.customer, o.competitor) for o in q.options}) == 1:
                at(f"question {q.id!r}: all options score the same, so the answer changes nothing", True)
    for d in bank.dimensions if check_poles else ():
        poles = {axis for q in bank.dimension_questions(d.id) for axis in measured_axes(q)}
        for axis in AXES:
            if axis not in poles:
                problems.append(Problem(d.path, d.line,
                                        f"dimension {d.id!r} has no question for the {axis} pole", True))


def measured_axes(q: Question) -> set[str]:
    if q.type == "likert":
        return {q.pole}
    return {axis for axis in AXES if any(getattr(o, axis) > 0 for o in q.options)}


def unique_ids(items, what: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for item in items:
        if item.id in first:
            message = f"duplicate {what} id {item.id!r} (first at line {first[item.id]})"
            problems.append(Problem(item.path, item.line, message))
        first.setdefault(item.id, item.line)


def line_of_key(root, key: str) -> int | None:
    for key_node, _ in root.value:
        if getattr(key_node, "value", None) == key:
            return key_node.start_mark.line + 1
    return None
