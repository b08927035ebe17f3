"""`assess score`: the result of an answers file, or with `--code` the result code
that the participant's results page would show, e.g. to try `assess report`
without a browser."""
from __future__ import annotations

from ..bank.model import Bank
from ..errors import AssessError
from ..rules.codes import encode


def result_code(bank: Bank, answers: dict, segment: str | None = None) -> str:
    """The code of checked `answers` (rules/answers.py); `segment` is a segment option's id."""
    index = 0
    if segment is not None:
        if segment not in bank.segment_ids:
            known = f"the bank's segments are {', '.join(bank.segment_ids)}" if bank.segments \
                else "the bank has no segments"
            raise AssessError(f"--segment {segment}: {known}")
        index = 1 + bank.segment_ids.index(segment)  # 0 stands for none
    return encode(bank.scoring_model, bank.tag, answers, index)
