"""The command line, invoked in-process."""
from __future__ import annotations

import json

from click.testing import CliRunner, Result

from builder.cli import cli


def run(*args, input: str | bytes | None = None) -> Result:
    """`assess ARGS...` (paths are turned into text); stdout and stderr stay apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def cli_score(bank_dir, answers: dict) -> dict:
    """What `assess score` prints for these answers."""
    result = run("score", "--bank", bank_dir, "-", input=json.dumps(answers))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
