"""Click wiring only: every command calls an importable function.

new, serve, report, schema, i18n and score --code import their functions when
they run: what those need (an HTTP server, package metadata, ...) would slow
the start of every build."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .commands.build import build
from .commands.project import load_bank, load_project
from .errors import AssessError, plural, printed
from .resources import default_bank
from .rules.answers import read_answers
from .rules.scoring import score
from .site.config import CONFIG_FILE_NAME, find_config


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


def config_option(command):
    return click.option(
        "--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=f"Site config file (default: ./{CONFIG_FILE_NAME} if present).",
    )(command)


def echo_warnings(warnings) -> None:
    for line in printed(warnings):
        click.echo(line, err=True)


@cli.command()
@bank_option
@config_option
@strict_option
def validate(bank: Path | None, config: Path | None, strict: bool) -> None:
    """Check a bank, the site config and the translations; run the bank's examples."""
    config_file = find_config(config)
    project = load_project(bank or default_bank(), config_file, strict)
    echo_warnings(project.warnings)
    b = project.bank
    click.echo(
        f"{b.id} {b.version} ({b.fingerprint}): {plural(len(b.questions), 'question')} in "
        f"{plural(len(b.dimensions), 'dimension')}, "
        f"{', '.join(b.languages)}; {plural(len(b.examples), 'example')} pass{'es' if len(b.examples) == 1 else ''}"
        + (f"; config {config_file}" if config_file else "")
        + (f"; {plural(len(project.warnings), 'warning')}" if project.warnings else "")
    )


@cli.command("score")
@bank_option
@click.argument("answers_file", type=click.File("rb"))
@click.option("--code", "as_code", is_flag=True,
              help="Print the result code instead (as the results page shows it), e.g. for assess report.")
@click.option("--segment", metavar="ID", help="With --code: the participant's segment option (e.g. a role).")
def score_command(bank: Path | None, answers_file, as_code: bool, segment: str | None) -> None:
    """Score ANSWERS_FILE (JSON: question id -> answer; - reads stdin)."""
    if segment is not None and not as_code:
        raise click.UsageError("--segment goes with --code: a result has no segment, a result code does")
    loaded, warnings = load_bank(bank or default_bank())
    echo_warnings(warnings)
    model = loaded.scoring_model
    source = getattr(answers_file, "name", "<stdin>")  # binary stdin may have no name
    answers = read_answers(source, answers_file.read(), model)
    if as_code:
        from .commands.score import result_code
        click.echo(result_code(loaded, answers, segment))
    else:
        click.echo(json.dumps(score(model, answers), ensure_ascii=False, indent=2))


@cli.command("build")
@bank_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder to write the site into.")
@click.option("--base-url", default=None,
              help="URL path the site is served under, e.g. /my-repo/ (used by 404.html; "
                   "default: base_url of the config, else /).")
@config_option
@strict_option
@click.option("--clean", is_flag=True, help="Remove files of the previous site that this build does not produce.")
def build_command(bank: Path | None, site_dir: Path, base_url: str | None, config: Path | None, strict: bool,
                  clean: bool) -> None:
    """Render the static site."""
    project = build(bank or default_bank(), site_dir, base_url=base_url, strict=strict, clean=clean,
                    config_file=find_config(config))
    echo_warnings(project.warnings)
    click.echo(f"Built {site_dir}/ for {', '.join(project.bank.languages)} "
               f"({plural(len(project.bank.questions), 'question')})")


@cli.command("serve")
@bank_option
@config_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve_command(bank: Path | None, config: Path | None, dev_addr: str, open_browser: bool) -> None:
    """Serve the site locally, rebuilding and reloading on changes (also of the config and theme)."""
    from .commands.serve import serve_project
    serve_project(bank or default_bank(), config, dev_addr, open_browser)


@cli.command("report")
@bank_option
@config_option
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the team JSON (as the team page downloads it).")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write a static report page (index.html) into this folder.")
@click.option("--lang", help="Language of the report page (default: the bank's first).")
def report_command(bank: Path | None, config: Path | None, files: tuple[str, ...], as_json: bool, out: Path | None,
                   lang: str | None) -> None:
    """Team results from the result codes in FILES (text or CSV; - reads stdin)."""
    from .commands.report import read_source, report, report_language, summary, team_json, write_report
    bank_dir = bank or default_bank()
    project = load_project(bank_dir, find_config(config))
    echo_warnings(project.warnings)
    lang = report_language(project.bank, lang)
    sources = [read_source(name, click.open_file("-", "rb")) for name in files]
    team = report(project.bank, sources, warn=lambda line: click.echo(line, err=True))
    if out is not None:
        write_report(project, team, out, lang, bank_dir)
        click.echo(f"Wrote {out / 'index.html'} ({plural(team['codes']['valid'], 'code')})", err=as_json)
    if as_json:
        click.echo(team_json(team), nl=False)
    elif out is None:
        click.echo(summary(project.bank, team), nl=False)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--generator", metavar="SPEC",
              help="Requirement line that installs assess in the publishing workflow, e.g. "
                   "'assess-obsession @ git+https://github.com/ORG/assess@v0.1.0' (default: this assess, "
                   "when it can tell where it was installed from).")
@click.option("--languages", metavar="LANG[,LANG]",
              help="The bank's languages, the first the default: en, de or both (default: en,de).")
def new(directory: Path, generator: str | None, languages: str | None) -> None:
    """Create a new assessment project in DIRECTORY (new or empty)."""
    from .commands.new import new_project
    created = new_project(directory, generator, languages)
    click.echo(f"Created {directory}/ with {plural(len(created.files), 'file')}:")
    for path in created.files:
        click.echo(f"  {path.relative_to(directory).as_posix()}")
    click.echo(f"\nNext:\n  cd {directory}\n  assess serve        # preview, rebuilds on change\n"
               "  assess validate --strict\nSee README.md there for publishing on GitHub Pages.")
    if created.unknown_generator:
        click.echo(f"warning: {created.unknown_generator}", err=True)


@cli.command()
@click.option("--file", "kind", type=click.Choice(["all", "bank", "questions", "config"]), default="all",
              help="Which file kind to describe (default: bank and question files, as one schema).")
def schema(kind: str) -> None:
    """Print the JSON Schema of bank.yml and question files (or of assessment.yml)."""
    from .commands.schema import bank_schema
    click.echo(json.dumps(bank_schema(kind), indent=2, ensure_ascii=False))


@cli.command()
@click.option("--template", metavar="[LANG]", is_flag=False, flag_value="en", default=None,
              help="Print the UI strings of LANG to start from: for a new language the English ones, "
                   "to translate (default: en).")
def i18n(template: str | None) -> None:
    """UI strings: print a file to translate (or to reword in a theme)."""
    from .commands.i18n import ui_template
    if template is None:
        raise click.UsageError("say what to print: --template [LANG] prints a UI strings file to translate")
    click.echo(ui_template(template), nl=False)


def main() -> None:
    """The `assess` command. It leaves without Python's clean-up at exit:
    freeing every object of a build one by one took 0.1 s for 10,000 questions
    (#18), and the system takes the memory back at once. Files are closed and
    the scratch folder is gone by then; only the output buffers need a flush."""
    try:
        cli(prog_name="assess")
        code = 0
    except SystemExit as leaving:  # how Click's standalone mode ends every command
        code = leaving.code
    if code is not None and not isinstance(code, int):  # what sys.exit("message") would do
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or a reader that went away
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
