"""Stage 4: render every page of the site into memory, as {path: bytes}.

Nothing touches the disk here; `write.write_site` does that afterwards, so a
template error cannot leave a half-written site behind.
"""
from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from functools import cached_property

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..bank.model import Bank, num
from ..errors import BankError, Problem
from .assets import Assets, load_assets
from .config import SiteConfig
from .markup import lead, opening, render_inline, render_markdown
from .pages import (
    PAGES,
    RESULT_PAGES,
    ROOT_PAGES,
    has_hints,
    language_pages,
    minutes,
    quiz_data,
    results_data,
    team_advice,
    team_data,
    ui_in_bank_words,
)
from .theme import Theme
from .write import MARKER

PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: what stands in for the scoring model while the rest of a page's data is encoded (Pages.json_with_model)
MODEL_SLOT = "\x00scoring model\x00"
#: where the dev server's reload script is served (assess serve); never in a real build
LIVE_RELOAD = "__assess/livereload.js"


@dataclass
class RenderOptions:
    base_url: str = "/"
    config: SiteConfig = field(default_factory=SiteConfig)
    build_date: str | None = None  # ISO date from SOURCE_DATE_EPOCH, shown on the privacy page
    live_reload: bytes | None = None  # assess serve's reload script, served at LIVE_RELOAD


def content_security_policy(live_reload: bool) -> str:
    # Trusted Types without any policy: the browser refuses every string-to-HTML
    # sink (innerHTML and friends), so a script bug cannot turn text into markup.
    policy = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
              "base-uri 'none'", "form-action 'none'",
              "require-trusted-types-for 'script'", "trusted-types 'none'"]
    if live_reload:  # the dev server's reload channel; never in a real build
        policy.append("connect-src 'self'")
    return "; ".join(policy)


def fill(template: str, **values) -> str:
    """Replace {name} placeholders; unknown ones stay visible instead of failing."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


def render(bank: Bank, theme: Theme, options: RenderOptions, languages: list[str] | None = None,
           shared: bool = True) -> dict[str, bytes]:
    """All files of the site; with `languages`, the pages of only those languages.
    The files of no language (static files, root pages) come with them unless
    `shared` is false: a large build's other processes leave those to the first."""
    pages = Pages(bank, theme, options)
    files = pages.static_files() if shared else {}
    for lang in languages or bank.languages:
        for page in language_pages(bank):
            files[f"{lang}/{page}.html"] = pages.render(PAGES[page], pages.context(lang, "../", page))
    if not shared:
        return files
    default = bank.languages[0]
    base = options.base_url.rstrip("/") + "/"
    for page, (file, template) in ROOT_PAGES.items():
        prefix = base if page == "404" else ""  # GitHub Pages serves 404.html at any depth
        files[file] = pages.render(template, pages.context(default, prefix, page, home=f"{prefix}index.html"))
    return files


def render_report(bank: Bank, theme: Theme, config: SiteConfig, lang: str, team: dict) -> dict[str, bytes]:
    """`assess report -o`: the team page alone, filled in with a team JSON, beside the static files."""
    pages = Pages(bank, theme, RenderOptions(config=config))
    context = pages.context(lang, "", "team", alternates=False) | {"report": team}
    return pages.static_files() | {"index.html": pages.render(PAGES["team"], context)}


class Pages:
    """What every page of one build shares, and the context of each page."""

    def __init__(self, bank: Bank, theme: Theme, options: RenderOptions):
        self.bank, self.theme, self.options = bank, theme, options
        self.assets: Assets = load_assets(theme, options.config.brand)
        self.shared = {
            "bank": bank,
            "csp": content_security_policy(options.live_reload is not None),
            "live_reload": options.live_reload is not None,
            "md": render_markdown,
            # the opening sentences of a bank text, as one line of Markdown
            "md_opening": lambda text, at_least=0: render_inline(opening(text, at_least)),
            "lead": lead,
            "fill": fill,
            "num": num,
            "minutes": minutes(bank),
            "brand_css": self.assets.brand_css,
            "report": None,
            "build_date": options.build_date,
            "has_hints": has_hints(bank),
            "team_advice": lambda dimension_id: team_advice(bank, dimension_id),
        }
        self.per_language: dict[str, dict] = {}  # UI strings and the JSON inlined into pages, per language

    def static_files(self) -> dict[str, bytes]:
        files = {f"static/{path}": data for path, data in self.assets.files.items()}
        if self.options.live_reload is not None:
            files[LIVE_RELOAD] = self.options.live_reload
        files[MARKER] = b""
        return files

    def ui(self, lang: str) -> dict[str, str]:
        """The UI strings of `lang`, the axes in the bank's words (pages.ui_in_bank_words)."""
        if lang not in self.per_language:
            ui = ui_in_bank_words(self.bank, self.theme.ui[lang], lang)
            team = team_data(self.bank, ui, lang)
            self.per_language[lang] = {"t": ui, "quiz_data": quiz_data(self.bank, ui), "team_data": team,
                                       "team_json": self.json_with_model(team)}
        return self.per_language[lang]["t"]

    def to_json(self, value) -> Markup:
        """The `tojson` filter of the templates, from Python."""
        policies = self.theme.env.policies
        return htmlsafe_json_dumps(value, dumps=policies["json.dumps_function"], **policies["json.dumps_kwargs"])

    @cached_property
    def model_json(self) -> Markup:
        """`scoring_model|tojson`: the bank's own encoding of the model (the
        same JSON options) through Jinja's HTML escapes of |tojson."""
        return htmlsafe_json_dumps(None, dumps=lambda _: self.bank.scoring_model_json)

    def json_with_model(self, data: dict) -> Markup:
        """`data|tojson` for page data holding the scoring model: the model is
        the same on seven pages per language (1.3 MB of JSON for 10,000
        questions), so it is encoded once and put in its place (#18)."""
        text, slot = self.to_json(data | {"model": MODEL_SLOT}), self.to_json(MODEL_SLOT)
        if text.count(slot) != 1:  # pragma: no cover - bank text cannot hold NUL (YAML refuses it)
            raise ValueError("the model's slot is not unique")
        return Markup(text.replace(slot, self.model_json))

    def context(self, lang: str, prefix: str, page: str, home: str = "index.html", alternates: bool = True) -> dict:
        bank, ui = self.bank, self.ui(lang)
        in_language = page not in ROOT_PAGES
        others = [other for other in bank.languages if other != lang or not in_language] if alternates else []
        logo = self.assets.logo
        data = results_data(bank, ui, lang, page) if page in RESULT_PAGES else None
        return self.shared | self.per_language[lang] | {
            "results_data": data,  # for a theme's own templates; ours inline results_json
            "results_json": self.json_with_model(data) if data else None,
            "lang": lang,
            "tr": lambda text: text[lang],
            "page": page,
            "prefix": prefix,
            "static": lambda path: self.assets.url(prefix, path),
            "home": home,
            "config": self.options.config.for_page(lang, bank.title[lang],
                                                   self.assets.url(prefix, logo) if logo else None),
            "live_reload_src": prefix + LIVE_RELOAD,
            "alternates": [self.alternate(other, prefix, page if in_language else "index") for other in others],
            "scale": bank.scale[lang],
        }

    def alternate(self, lang: str, prefix: str, page: str) -> dict:
        ui = self.theme.ui[lang]
        return {"lang": lang, "name": ui["language_name"], "title": self.bank.title[lang],
                "href": f"{prefix}{lang}/{page}.html", "privacy_title": ui["privacy_title"],
                "privacy_href": f"{prefix}{lang}/privacy.html"}

    def render(self, template: str, context: dict) -> bytes:
        try:
            return self.theme.env.get_template(template).render(context).encode("utf-8")
        except jinja2.TemplateError as exc:  # most likely in a theme's template
            raise BankError([template_problem(exc, template)]) from None


def template_problem(exc: jinja2.TemplateError, name: str) -> Problem:
    """Where in which template rendering failed: Jinja puts template lines into
    the traceback, so the innermost template frame is the place."""
    where = [(frame.filename, frame.lineno) for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename.endswith(".html")]
    path, line = where[-1] if where else (getattr(exc, "filename", None) or name, getattr(exc, "lineno", None))
    return Problem(path, line, f"template error while rendering {name}: {exc.message or exc}")
