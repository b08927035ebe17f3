"""Stage 3: load the theme: templates, static files and UI strings, the
built-in ones (site_src/) with the project's theme folder laid over them.

Everything is read and checked before any page is rendered, so a missing UI
string is reported like a bank problem, as `path:line: message`.

The theme folder (`theme_dir` in assessment.yml) is laid over the built-in
sources: its templates are found before the built-in ones, which stay
reachable as "builtin/<name>" (so a theme's base.html can extend the built-in
base.html); its static/ files are added to or replace the built-in ones; its
i18n/<lang>.yml adds a language or rewords single UI strings.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..bank.model import num
from ..bank.schema import INVALID, KEY, MapOf, Reader, Text
from ..bank.yamlnodes import load_nodes
from ..errors import BankError, Problem, display_path
from ..resources import installed
from .config import CONFIG_FILE_NAME
from .escaping import PageEnvironment
from .markup import render_markdown

REFERENCE_LANGUAGE = "en"  # the UI file every other language is checked against
UI_STRINGS = MapOf(KEY, Text("UI string"))
BUILTIN_PREFIX = "builtin"  # "builtin/base.html" is always the built-in base.html


@dataclass
class Theme:
    source: Path  # the built-in sources (site_src/)
    env: jinja2.Environment
    ui: dict[str, dict[str, str]]  # language -> key -> text
    static: dict[str, bytes]  # path below static/ -> content


def load_theme(source: Path, languages: list[str], theme: Path | None = None,
               config_file: Path | None = None) -> Theme:
    """`config_file` is the site config (assessment.yml) that names `theme`, or would name one."""
    problems: list[Problem] = []
    reference = read_ui(source / "i18n" / f"{REFERENCE_LANGUAGE}.yml", problems)
    ui = {lang: read_language(source, theme, lang, problems, config_file) for lang in languages}
    for lang in languages:
        strings = ui[lang]
        if strings is None or reference is None:
            continue
        for key in reference:
            if key not in strings:
                problems.append(Problem(str(strings.path), None, f"missing UI string {key!r} "
                                        f"(assess i18n --template {lang} shows it in English)"))
        for key in strings:
            if key not in reference:
                problems.append(Problem(strings.paths[key], strings.lines[key], f"unknown UI string {key!r}"))
    env = template_environment(source / "templates", theme)
    if theme is not None:
        problems += check_templates(env, theme)
    if problems:
        raise BankError(problems)
    static = read_static(source / "static")
    if theme is not None:
        static |= read_static(theme / "static")
    return Theme(source, env, ui, static)


class Strings(dict):
    """UI strings of one language, merged from the built-in and the theme's file."""

    path: Path  # the file a translator would complete
    paths: dict[str, str]
    lines: dict[str, int]


def read_language(source: Path, theme: Path | None, lang: str, problems: list[Problem],
                  config_file: Path | None = None) -> Strings | None:
    builtin = source / "i18n" / f"{lang}.yml"
    themed = theme / "i18n" / f"{lang}.yml" if theme is not None else None
    files = [path for path in (builtin, themed) if path is not None and path.is_file()]
    if not files:
        problems.append(no_ui_strings(lang, themed or builtin, config_file))
        return None
    strings = Strings()
    strings.path, strings.paths, strings.lines = files[-1], {}, {}
    for path in files:  # the theme's strings win
        values = read_ui(path, problems)
        if values is None:
            return None
        strings |= values
        strings.paths |= {key: str(path) for key in values}
        strings.lines |= values.lines
    return strings


def no_ui_strings(lang: str, target: Path, config_file: Path | None) -> Problem:
    """Where a new language's UI strings go: the theme folder's i18n/, or site_src/i18n/
    in a source checkout (a fork), never inside the installed package."""
    template = f"assess i18n --template {lang} prints them"
    if not installed(target):
        return Problem(str(target), None, f"no UI strings for language {lang!r}: create this file from the "
                                          f"English ones ({template}) and translate it")
    config = config_file or Path(CONFIG_FILE_NAME)
    themed = display_path(str(config.parent / "theme" / "i18n" / f"{lang}.yml"))
    return Problem(str(config), None, f"no UI strings for language {lang!r}: set theme_dir: theme here and "
                                      f"create {themed} from the English ones ({template}), then translate it")


def read_ui(path: Path, problems: list[Problem]):
    root = load_nodes(path, problems)
    if root is None:
        return None
    reader = Reader(str(path))
    strings = UI_STRINGS.read(root, reader)
    problems += reader.problems
    return None if strings is INVALID else strings


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the process.

    `assess serve` loads the theme again for every rebuild, and compiling its
    templates was most of the time from saving a file to the page reloaded
    (#18). Jinja keys a template by its file and checks the checksum of its
    source, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def compiled_templates(source: Path, theme: Path | None) -> dict[str, bytes]:
    """Every page template and partial, compiled: what COMPILED_TEMPLATES then
    holds, for another process to `use_compiled_templates`. A template that does
    not compile is left out (load_theme reports it, or rendering does)."""
    env = template_environment(source / "templates", theme)
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        if not name.startswith((f"{BUILTIN_PREFIX}/", "static/")):
            try:
                env.get_template(name)
            except jinja2.TemplateError:
                continue
    return dict(COMPILED_TEMPLATES.code)


def use_compiled_templates(code: dict[str, bytes]) -> None:
    """Templates compiled elsewhere: Jinja takes each only while its source is unchanged."""
    COMPILED_TEMPLATES.code.update(code)


def template_environment(templates: Path, theme: Path | None) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(templates))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
    if theme is not None:
        loaders.append(jinja2.FileSystemLoader(str(theme)))
    loaders.append(builtin)
    env = PageEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED_TEMPLATES,
    )
    # data inlined with |tojson: no spaces after separators (every byte counts toward the page budget, #8)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    # Filters rather than functions: Jinja calls a filter directly, a function
    # through a dispatcher that is most of the cost of a 10,000-question page (#18).
    env.filters |= {"tr": in_page_language, "md": render_markdown, "num": num}
    return env


@jinja2.pass_context
def in_page_language(context: jinja2.runtime.Context, text: dict[str, str]) -> str:
    """`text|tr`: a bank text in the page's language. `lang` is looked up as
    `context["lang"]` does (the template's own variables, then the page's),
    without its two calls: a large bank's pages use |tr 60,000 times per language."""
    return text[(context.vars if "lang" in context.vars else context.parent)["lang"]]


def check_templates(env: jinja2.Environment, theme: Path) -> list[Problem]:
    """Compile every theme template now, so a syntax error is reported with
    the other problems instead of in the middle of rendering."""
    problems = []
    for path in sorted(theme.rglob("*.html")):
        name = path.relative_to(theme).as_posix()
        if name.startswith("static/"):
            continue
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(exc.filename or str(path), exc.lineno, f"template syntax error: {exc.message}"))
    return problems


def read_static(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
