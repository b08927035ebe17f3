"""Stage 3: render every page of the site into memory, as {path: bytes}.

Nothing touches the disk here; `write.write_site` does that afterwards, so a
template error cannot leave a half-written site behind.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from .codes import bank_tag
from .errors import AssessError
from .load import LoadResult
from .markup import render_markdown
from .resources import PACKAGE
from .scoring import num
from .site import Site

#: page name -> template; every bank language gets each of them
PAGES = {"index": "start.html", "quiz": "quiz.html", "results": "results.html", "method": "method.html",
         "privacy": "privacy.html"}
SECONDS_PER_QUESTION = {"likert": 10, "choice": 15}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
LIVE_RELOAD = "__assess/livereload.js"
#: Whether any page can keep answers beyond the tab (the opt-in "Remember on this
#: device" of #4, in localStorage). The privacy page describes exactly this;
#: tests/test_privacy_page.py fails when the scripts and this flag disagree.
REMEMBER_ON_DEVICE = False


@dataclass
class RenderOptions:
    base_url: str = "/"
    live_reload: bool = False
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


def render(loaded: LoadResult, site: Site, options: RenderOptions) -> dict[str, bytes]:
    bank, model = loaded.bank, loaded.model
    files: dict[str, bytes] = {f"static/{path}": data for path, data in site.static.items()}
    versions = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in site.static.items()}
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
        "remember_on_device": REMEMBER_ON_DEVICE,
        "build_date": options.build_date,
    }

    page_data: dict[str, dict] = {}  # per language: the JSON inlined into pages

    def page_context(lang: str, prefix: str, alternates: list[dict], page: str) -> dict:
        if lang not in page_data:
            page_data[lang] = {
                "results_data": results_data(loaded, site, lang),
                "quiz_data": {"bank": model["bank"], "text": {"answered_of": site.ui[lang]["answered_of"]}},
            }
        return shared | page_data[lang] | {
            "lang": lang,
            "t": site.ui[lang],
            "tr": lambda text: text[lang],
            "page": page,
            "prefix": prefix,
            "static": lambda path: f"{prefix}static/{path}?v={versions[path]}",
            "live_reload_src": prefix + LIVE_RELOAD,
            "alternates": alternates,
            "scale": bank.scale[lang],
        }

    def alternates_for(page: str, prefix: str, lang: str | None) -> list[dict]:
        return [{"lang": other, "name": site.ui[other]["language_name"], "title": bank.title[other],
                 "href": f"{prefix}{other}/{page}.html", "privacy_title": site.ui[other]["privacy_title"],
                 "privacy_href": f"{prefix}{other}/privacy.html"}
                for other in bank.languages if other != lang]

    for lang in bank.languages:
        for page, template in PAGES.items():
            context = page_context(lang, "../", alternates_for(page, "../", lang), page)
            files[f"{lang}/{page}.html"] = render_template(site, template, context)

    default = bank.languages[0]
    files["index.html"] = render_template(site, "root.html",
                                          page_context(default, "", alternates_for("index", "", None), "root"))
    base = options.base_url.rstrip("/") + "/"
    files["404.html"] = render_template(site, "404.html",
                                        page_context(default, base, alternates_for("index", base, None), "404"))
    files[".nojekyll"] = b""
    return files


def render_template(site: Site, name: str, context: dict) -> bytes:
    return site.env.get_template(name).render(context).encode("utf-8")


def results_data(loaded: LoadResult, site: Site, lang: str) -> dict:
    """What results.js needs beyond the HTML: the scoring model and a few words."""
    ui = site.ui[lang]
    bank = loaded.model["bank"]
    return {
        "model": loaded.model,
        "tag": bank_tag(bank["id"], bank["fingerprint"]),  # for result codes and shared links
        "levels": {lv.id: lv.title[lang] for lv in loaded.bank.levels},
        "text": {key: ui[key] for key in ("results_skipped", "results_all_answered", "not_scored")},
    }
