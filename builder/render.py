"""Stage 3: render every page of the site into memory, as {path: bytes}.

Nothing touches the disk here; `write.write_site` does that afterwards, so a
template error cannot leave a half-written site behind.
"""
from __future__ import annotations

import hashlib
import math
import re
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone

import jinja2

from .brand import BRAND_CSS, brand_static, logo_path
from .codes import bank_tag
from .config import SiteConfig
from .errors import AssessError, BankError, Problem
from .load import LoadResult
from .markup import render_markdown
from .minify import minify
from .model import QUADRANTS
from .resources import PACKAGE
from .scoring import num
from .site import Site

#: page name -> template; every bank language gets each of them
PAGES = {"index": "start.html", "quiz": "quiz.html", "results": "results.html", "next": "next.html",
         "hints": "hints.html", "compare": "compare.html", "method": "method.html", "team": "team.html",
         "privacy": "privacy.html"}
SECONDS_PER_QUESTION = {"likert": 10, "choice": 15}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: The pages that show a result (#4, split up for #8's budgets) and what their
#: scripts fill in themselves: UI strings, and `levels` (titles), `scale` (answer words) or `titles` (dimensions)
LINK_TEXT = ("link_invalid", "other_bank")  # current.js: a shared link that cannot be shown
RESULT_PAGES = {
    "results": (("results_skipped", "results_all_answered", "not_scored", "notice_skipped", "notice_straight",
                 "link_copied", "link_copy_manually", *LINK_TEXT), ("levels", "scale")),
    "next": (("not_scored", "report_scores", "report_date", *LINK_TEXT), ("levels", "titles")),
    "hints": (("hint_gain", "report_date", *LINK_TEXT), ()),
    "compare": (("not_scored", "result_invalid", "compare_done", *LINK_TEXT), ("levels",)),
    "method": (("skipped", "option_of", "not_scored", "answer", "customer_obsession", "competitor_obsession",
                "sum_score", *LINK_TEXT), ("scale",)),
}
LIVE_RELOAD = "__assess/livereload.js"


@dataclass
class Report:
    """`assess report -o`: the team page alone, filled in with a team JSON."""

    lang: str
    team: dict


@dataclass
class RenderOptions:
    base_url: str = "/"
    live_reload: bool = False
    config: SiteConfig = field(default_factory=SiteConfig)
    report: Report | None = None
    build_date: str | None = None  # ISO date from SOURCE_DATE_EPOCH, shown on the privacy page


def content_security_policy(live_reload: bool) -> str:
    # Trusted Types without any policy: the browser refuses every string-to-HTML
    # sink (innerHTML and friends), so a script bug cannot turn text into markup.
    policy = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
              "base-uri 'none'", "form-action 'none'",
              "require-trusted-types-for 'script'", "trusted-types 'none'"]
    if live_reload:  # the dev server's reload channel; never in a real build
        policy.append("connect-src 'self'")
    return "; ".join(policy)


def build_date(environ) -> str | None:
    """The day of SOURCE_DATE_EPOCH (reproducible-builds.org), in UTC; None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise AssessError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, found {value!r}")
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise AssessError(f"SOURCE_DATE_EPOCH is out of range: {value}") from None


def fill(template: str, **values) -> str:
    """Replace {name} placeholders; unknown ones stay visible instead of failing."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


def render(loaded: LoadResult, site: Site, options: RenderOptions, languages: list[str] | None = None
           ) -> dict[str, bytes]:
    """All files of the site; with `languages`, the pages of only those languages (and the shared files)."""
    bank, model = loaded.bank, loaded.model
    config = options.config
    static = {path: minify(path, data) for path, data in (site.static | brand_static(config.brand)).items()}
    files: dict[str, bytes] = {f"static/{path}": data for path, data in static.items()}
    versions = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in static.items()}
    if options.live_reload:
        files[LIVE_RELOAD] = (PACKAGE / "livereload.js").read_bytes()

    minutes = max(1, math.ceil(sum(SECONDS_PER_QUESTION[q.type] for q in bank.questions) / 60))
    shared = {
        "bank": bank,
        "csp": content_security_policy(options.live_reload),
        "live_reload": options.live_reload,
        "md": render_markdown,
        "fill": fill,
        "num": num,
        "minutes": minutes,
        "brand_css": BRAND_CSS if BRAND_CSS in static else None,
        "report": None,
        "build_date": options.build_date,
        # a bank without `improve:` texts gets no hints page, and no links to one
        "has_hints": any(q.improve for q in bank.questions),
    }

    page_data: dict[str, dict] = {}  # per language: the JSON inlined into pages
    logo = logo_path(config.brand)

    def page_context(lang: str, prefix: str, alternates: list[dict], page: str, home: str = "index.html") -> dict:
        static_url = lambda path: f"{prefix}static/{path}?v={versions[path]}"
        if lang not in page_data:
            page_data[lang] = {
                "quiz_data": {"bank": model["bank"], "text": {"answered_of": site.ui[lang]["answered_of"]}},
                "team_data": team_data(loaded, site, lang),
            }
        results = {"results_data": results_data(loaded, site, lang, page)} if page in RESULT_PAGES else {}
        return shared | page_data[lang] | results | {
            "lang": lang,
            "t": site.ui[lang],
            "tr": lambda text: text[lang],
            "page": page,
            "prefix": prefix,
            "static": static_url,
            "home": home,
            "config": config.for_page(lang, bank.title[lang], static_url(logo) if logo else None),
            "live_reload_src": prefix + LIVE_RELOAD,
            "alternates": alternates,
            "scale": bank.scale[lang],
        }

    def alternates_for(page: str, prefix: str, lang: str | None) -> list[dict]:
        return [{"lang": other, "name": site.ui[other]["language_name"], "title": bank.title[other],
                 "href": f"{prefix}{other}/{page}.html", "privacy_title": site.ui[other]["privacy_title"],
                 "privacy_href": f"{prefix}{other}/privacy.html"}
                for other in bank.languages if other != lang]

    if options.report is not None:  # the team page alone, pre-filled, beside the static files
        lang = options.report.lang
        context = page_context(lang, "", [], "team") | {"report": options.report.team,
                                                        "team_data": team_data(loaded, site, lang, option_texts=True)}
        return files | {"index.html": render_template(site, "team.html", context), ".nojekyll": b""}

    for lang in languages or bank.languages:
        for page, template in PAGES.items():
            if page == "hints" and not shared["has_hints"]:
                continue
            context = page_context(lang, "../", alternates_for(page, "../", lang), page)
            files[f"{lang}/{page}.html"] = render_template(site, template, context)

    default = bank.languages[0]
    files["index.html"] = render_template(site, "root.html",
                                          page_context(default, "", alternates_for("index", "", None), "root"))
    base = options.base_url.rstrip("/") + "/"
    files["404.html"] = render_template(site, "404.html",
                                        page_context(default, base, alternates_for("index", base, None), "404",
                                                     home=f"{base}index.html"))
    files[".nojekyll"] = b""
    return files


def render_template(site: Site, name: str, context: dict) -> bytes:
    try:
        return site.env.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateError as exc:  # most likely in a theme's template
        raise BankError([template_problem(exc, name)]) from None


def template_problem(exc: jinja2.TemplateError, name: str) -> Problem:
    """Where in which template rendering failed: Jinja puts template lines into
    the traceback, so the innermost template frame is the place."""
    where = [(frame.filename, frame.lineno) for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename.endswith(".html")]
    path, line = where[-1] if where else (getattr(exc, "filename", None) or name, getattr(exc, "lineno", None))
    return Problem(path, line, f"template error while rendering {name}: {exc.message or exc}")


def results_data(loaded: LoadResult, site: Site, lang: str, page: str) -> dict:
    """What the script of a page that shows a result needs beyond the HTML: the
    scoring model, the bank tag (result codes, shared links) and a few words."""
    ui = site.ui[lang]
    bank = loaded.model["bank"]
    text_keys, extras = RESULT_PAGES[page]
    data = {
        "model": loaded.model,
        "tag": bank_tag(bank["id"], bank["fingerprint"]),
        "segments": segment_ids(loaded),
        "text": {key: ui[key] for key in text_keys},
    }
    if "levels" in extras:
        data["levels"] = {lv.id: lv.title[lang] for lv in loaded.bank.levels}
    if "scale" in extras:
        data["scale"] = loaded.bank.scale[lang]
    if "titles" in extras:  # the CSV's title column
        data["titles"] = [d.title[lang] for d in loaded.bank.dimensions] + [ui["overall"]]
    return data


def segment_ids(loaded: LoadResult) -> list[str]:
    segments = loaded.bank.segments
    return [o.id for o in segments.options] if segments else []


#: UI strings the team page's script needs (the rest is rendered into the page); "team_" is dropped
TEAM_TEXT = (
    "customer_obsession", "competitor_obsession", "overall", "dimension", "team_all", "team_segment_none",
    "team_counted", "team_refused_count", "team_duplicates_count", "team_no_codes", "team_line", "team_file_line",
    "team_duplicate", "team_all_hidden", "team_hidden_small", "team_hidden_complement", "team_cell_small",
    "team_cell_complement", "team_no_answers", "team_n", "team_mean", "team_median",
    "team_quartiles", "team_range", "team_quadrant_none", "team_codes", "team_share", "team_gap",
    "team_gap_value", "team_answer", "team_skipped", "team_question_hidden",
    "code_empty", "code_oversized", "code_characters", "code_version", "code_checksum", "code_bank",
    "code_length", "code_segment", "code_range",
)


def team_data(loaded: LoadResult, site: Site, lang: str, option_texts: bool = False) -> dict:
    """What team.js needs: the model to decode and score codes, and the words to show them.
    Choice options are named by their ids unless `option_texts` (a report page): with
    their texts, the default bank's team page would exceed the page-weight budget."""
    bank, ui = loaded.bank, site.ui[lang]
    labels = {
        "segments": [o.title[lang] for o in bank.segments.options] if bank.segments else [],
        "dimensions": [d.title[lang] for d in bank.dimensions],
        "questions": [q.text[lang] for q in bank.questions],
        "scale": bank.scale[lang],
        "quadrants": [getattr(bank.quadrants, key).title[lang] for key in QUADRANTS],
    }
    if option_texts:
        labels["options"] = [[o.text[lang] for o in q.options] for q in bank.questions]
    return {
        "model": loaded.model,
        "tag": bank_tag(bank.id, bank.fingerprint),
        "min_group_size": bank.min_group_size,
        "segments": segment_ids(loaded),
        "labels": labels,
        "text": {key.removeprefix("team_"): ui[key] for key in TEAM_TEXT},
    }
