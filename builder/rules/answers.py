"""Read an answers file (`{question id: value}` as JSON) for `assess score`."""
from __future__ import annotations

import itertools
import json
import re

from ..errors import BankError, Problem, decode_utf8
from .scoring import check_answers


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def read_answers(source: str, data: str | bytes, model: dict) -> dict:
    """Parse and check answers; raise `BankError` naming source and line."""
    text = data if isinstance(data, str) else decode_utf8(source, data)
    try:
        answers = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        qid = exc.args[0]
        raise BankError([Problem(source, key_line(text, qid, 2), f"duplicate question id {qid!r}")]) from None
    except json.JSONDecodeError as exc:
        raise BankError([Problem(source, exc.lineno, f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:  # the parser recurses per nesting level; answers are one flat object
        raise BankError([Problem(source, None, "invalid JSON: nested far too deeply")]) from None
    problems = [Problem(source, key_line(text, qid) if qid else 1, message)
                for qid, message in check_answers(model, answers)]
    if problems:
        raise BankError(problems)
    return answers


def key_line(text: str, key: str, occurrence: int = 1) -> int | None:
    """Line of the nth `"key":` in the text (JSON parsers keep no positions)."""
    matches = re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)
    match = next(itertools.islice(matches, occurrence - 1, None), None)
    return text.count("\n", 0, match.start()) + 1 if match else None
