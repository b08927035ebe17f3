"""Stage 1: read a bank folder into a `Bank`, checking everything that can be
checked without scoring (the bank's self-tests are rules/selftest.py's). All
problems of all files are collected, then raised together as one `BankError`;
warnings are returned beside the bank."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from ..errors import AssessError, BankError, Problem, sorted_problems
from ..parallel import map_forked
from .checks import check_questions, check_settings
from .format import BANK_FILE, BANK_FILE_NAME, QUESTION_FILE
from .model import Bank, Question
from .schema import INVALID, LANGUAGE, ListOf, Reader
from .yamlnodes import load_nodes

#: bytes of question files from which reading them in parallel pays for the processes
PARALLEL_READ_FROM = 500_000


def question_files(folder: Path) -> list[Path]:
    files = [p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.name != BANK_FILE_NAME]
    return sorted(files, key=lambda p: p.name)


def load(folder: Path | str) -> tuple[Bank, list[Problem]]:
    """The bank and its warnings, or a `BankError` with every problem found."""
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
    # key by key: a wrong key hides only the checks that depend on it (INVALID parts)
    settings = BANK_FILE.read_fields(root, reader) if root is not None else INVALID
    problems += reader.problems

    questions: list[Question] = []
    question_problems: list[Problem] = []
    files = question_files(folder)
    if not files:
        question_problems.append(Problem(str(folder), None, "no question files (*.yml) beside bank.yml"))
    # a large bank's files are read side by side (parallel.py), results in file order
    sizes = [path.stat().st_size if path.is_file() else 0 for path in files]
    large = sum(sizes) >= PARALLEL_READ_FROM
    for found_questions, found_problems in map_forked(lambda path: read_alone(path, languages), files, large,
                                                      weights=sizes):
        questions += found_questions
        question_problems += found_problems
    problems += question_problems
    # A question that could not be read may be the one that covers a pole.
    all_questions_read = not any(not p.warning for p in question_problems)

    bank = None
    if settings is not INVALID:
        settings.pop("schema")
        bank = Bank(path=str(folder), questions=questions, **settings)
        bank.scale = check_settings(bank, root, problems)
    dimensions = bank.dimensions if bank is not None else INVALID
    check_questions(questions, dimensions, problems, check_poles=all_questions_read)
    if any(not p.warning for p in problems):
        raise BankError(problems)
    return bank, sorted_problems(problems)


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
    content = QUESTION_FILE.read_fields(root, reader)
    problems += reader.problems
    if content is INVALID or content["questions"] is INVALID:
        return []
    # the file's questions that could be read, even beside a broken one (the cross-checks see them)
    questions, file_dimension = [], content["dimension"]
    for q in content["questions"]:
        if q.dimension is None:
            if file_dimension is INVALID:  # reported at the file's dimension: line
                continue
            if file_dimension is None:
                problems.append(Problem(q.path, q.line, f"question {q.id!r} has no dimension "
                                        "(add dimension: to it or at the top of the file)"))
                continue
            # the file's dimension: messages about it point at the file's dimension: line
            q = replace(q, dimension=file_dimension, lines={"dimension": content.lines["dimension"]})
        questions.append(q)
    return questions


