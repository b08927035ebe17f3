"""Click wiring only: every command calls an importable function."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .answers import read_answers
from .build import build
from .errors import AssessError
from .load import load
from .resources import bundled, default_bank
from .scoring import score
from .serve import serve


class Group(click.Group):
    """Turns unexpected exceptions into one line unless --debug is given."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise AssessError(f"internal error: {exc!r} (run with --debug for a traceback)") from exc


@click.group(cls=Group)
@click.version_option(__version__, prog_name="assess")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """Build and check a customer-obsession self-assessment."""


def bank_option(command):
    return click.option(
        "--bank", type=click.Path(path_type=Path), default=None,
        help="Bank folder (default: ./questions if present, else the bundled bank).",
    )(command)


def strict_option(command):
    return click.option("--strict", is_flag=True, help="Treat warnings as errors.")(command)


def load_bank(bank: Path | None, strict: bool = False):
    result = load(bank or default_bank(), strict=strict)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    return result


@cli.command()
@bank_option
@strict_option
def validate(bank: Path | None, strict: bool) -> None:
    """Check a bank and run its examples."""
    result = load_bank(bank, strict)
    b = result.bank
    click.echo(
        f"{b.id} {b.version} ({b.fingerprint}): {len(b.questions)} questions in {len(b.dimensions)} dimensions, "
        f"{', '.join(b.languages)}; {len(b.examples)} examples pass"
        + (f"; {len(result.warnings)} warnings" if result.warnings else "")
    )


@cli.command("score")
@bank_option
@click.argument("answers_file", type=click.File("rb"))
def score_command(bank: Path | None, answers_file) -> None:
    """Score ANSWERS_FILE (JSON: question id -> answer; - reads stdin)."""
    model = load_bank(bank).model
    source = getattr(answers_file, "name", "<stdin>")  # binary stdin may have no name
    answers = read_answers(source, answers_file.read(), model)
    click.echo(json.dumps(score(model, answers), ensure_ascii=False, indent=2))


@cli.command("build")
@bank_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder to write the site into.")
@click.option("--base-url", default="/", show_default=True,
              help="URL path the site is served under, e.g. /my-repo/ (used by 404.html).")
@strict_option
@click.option("--clean", is_flag=True, help="Remove files of the previous site that this build does not produce.")
def build_command(bank: Path | None, site_dir: Path, base_url: str, strict: bool, clean: bool) -> None:
    """Render the static site."""
    loaded = build(bank or default_bank(), site_dir, base_url=base_url, strict=strict, clean=clean)
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)
    click.echo(f"Built {site_dir}/ for {', '.join(loaded.bank.languages)} ({len(loaded.bank.questions)} questions)")


@cli.command("serve")
@bank_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve_command(bank: Path | None, dev_addr: str, open_browser: bool) -> None:
    """Serve the site locally, rebuilding and reloading on changes."""
    bank_dir = bank or default_bank()
    serve(lambda site_dir: build(bank_dir, site_dir, live_reload=True),
          [bank_dir, bundled("site_src")], dev_addr, open_browser)


@cli.command()
@click.option("--file", "kind", type=click.Choice(["all", "bank", "questions"]), default="all",
              help="Which file kind to describe (default: both, as one schema).")
def schema(kind: str) -> None:
    """Print the JSON Schema of bank.yml and question files."""
    from .jsonschema import bank_schema

    click.echo(json.dumps(bank_schema(kind), indent=2, ensure_ascii=False))


def main() -> None:
    cli(prog_name="assess")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
