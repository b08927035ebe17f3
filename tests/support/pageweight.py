"""Page weight: what a browser downloads for one page of a built site, gzipped.

Shared by the benchmark (bench/run.py) and the budget tests
(tests/site/test_budgets.py); it reads only the built files, not the builder.

A page's weight is the HTML (with its inlined JSON) plus every resource it
loads: stylesheets and what they import or reference, the favicon, images,
scripts and, for ES modules, their imports, transitively. Dynamic `import("./x.js")`
counts too: the results page, for one, loads codes.js that way on every visit.
Each resource counts once per page and is compressed on its own with gzip
level 9, as a server sends it (`Content-Encoding: gzip` carries no file name).
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

#: the participant's path (the start page, the quiz, the results, and the root page that
#: leads there) fits the first TCP round trip (10 segments of 1,460 bytes) ...
PARTICIPANT_BUDGET = 14_600
#: ... of which JavaScript takes at most this
PARTICIPANT_JS_BUDGET = 10_240
#: every other page (method, team, the report pages: charts and tables)
PAGE_BUDGET = 28_000
PARTICIPANT_PAGES = re.compile(r"(^|/)(index|quiz|results)\.html\Z")


class Budget(NamedTuple):
    total: int
    js: int | None  # None: no separate budget for JavaScript


def budget_of(page: str) -> Budget:
    """The budget of a page, by its path below the site root."""
    if PARTICIPANT_PAGES.search(page):
        return Budget(PARTICIPANT_BUDGET, PARTICIPANT_JS_BUDGET)
    return Budget(PAGE_BUDGET, None)


ORIGIN = "https://site.invalid/"
#: static `import ... from "x"`, `import "x"` and `export ... from "x"` at the start of a line
JS_IMPORT = re.compile(r"""^\s*(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']""", re.M)
#: `import("./x.js")` with a literal path; not a JSDoc type such as {import("./x.js").T}
JS_DYNAMIC_IMPORT = re.compile(r"""(?<![\w.{])import\(\s*["']([^"']+)["']\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")
#: <link rel=...> values that make the browser fetch the target while loading the page
FETCHED_LINKS = {"stylesheet", "icon", "modulepreload", "preload", "manifest"}


class MeasureError(Exception):
    """A page refers to something that cannot be measured (missing, or on another origin)."""


@dataclass
class Resource:
    path: str  # relative to the site root
    kind: str  # html, css, js, other
    raw: int
    gzipped: int


@dataclass
class PageWeight:
    page: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.gzipped for r in self.resources)

    @property
    def js(self) -> int:
        return sum(r.gzipped for r in self.resources if r.kind == "js")

    def breakdown(self) -> str:
        return ", ".join(f"{r.path} {r.gzipped:,}" for r in self.resources)


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root."""
    site = Path(site)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file())


def page_weight(site: Path, page: str, base_url: str = "/") -> PageWeight:
    """Measure one page (a path relative to the site root) with everything it loads;
    `base_url` is the path the site is served under (its 404 page links from there)."""
    site = Path(site)
    weight = PageWeight(page)
    seen: set[str] = set()
    pending: list[tuple[str, str]] = [(page, "html")]
    while pending:
        path, kind = pending.pop(0)
        if path in seen:
            continue
        seen.add(path)
        file = site / path
        if not file.is_file():
            raise MeasureError(f"{page}: loads {path}, which is not in the site")
        data = file.read_bytes()
        weight.resources.append(Resource(path, kind, len(data), gzipped_size(data)))
        for ref, ref_kind in references(data.decode("utf-8", "replace"), kind):
            if not ref.startswith("data:"):  # inlined: counted with the file it sits in
                pending.append((resolve(page, path, ref, base_url), ref_kind))
    return weight


def site_weights(site: Path, base_url: str = "/") -> list[PageWeight]:
    return [page_weight(site, page, base_url) for page in site_pages(site)]


def over_budget(weights: list[PageWeight]) -> list[str]:
    """One message per page and budget exceeded (budget_of), naming the bytes over."""
    problems = []
    for w in weights:
        budget = budget_of(w.page)
        if w.total > budget.total:
            problems.append(f"{w.page}: {w.total:,} bytes gzipped, {w.total - budget.total:,} over the "
                            f"{budget.total:,} page budget ({w.breakdown()})")
        if budget.js is not None and w.js > budget.js:
            problems.append(f"{w.page}: loads {w.js:,} bytes of JavaScript gzipped, {w.js - budget.js:,} over the "
                            f"{budget.js:,} JS budget ({w.breakdown()})")
    return problems


def references(text: str, kind: str) -> list[tuple[str, str]]:
    """(url, kind) of what a resource makes the browser load, in document order."""
    if kind == "html":
        parser = ReferenceParser()
        parser.feed(text)
        return parser.found
    if kind == "css":
        refs = CSS_IMPORT.findall(text)
        return [(url, "css") for url in refs] + [(url, "other") for url in CSS_URL.findall(text) if url not in refs]
    if kind == "js":
        return [(url, "js") for url in JS_IMPORT.findall(text) + JS_DYNAMIC_IMPORT.findall(text)]
    return []


class ReferenceParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "script" and a.get("src"):
            self.found.append((a["src"], "js"))
        elif tag == "link" and a.get("href") and FETCHED_LINKS & set(a.get("rel", "").lower().split()):
            rel = a["rel"].lower().split()
            as_ = a.get("as", "")
            kind = ("css" if "stylesheet" in rel or as_ == "style"
                    else "js" if "modulepreload" in rel or as_ == "script" else "other")
            self.found.append((a["href"], kind))
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.found.append((a["src"], "html" if tag == "iframe" else "other"))
        elif tag == "object" and a.get("data"):
            self.found.append((a["data"], "other"))


def resolve(page: str, base: str, ref: str, base_url: str = "/") -> str:
    """Site-relative path of `ref` as written in the file `base`; refuses other origins."""
    root = ORIGIN + base_url.strip("/") + ("/" if base_url.strip("/") else "")
    url = urlsplit(urljoin(root + base, ref))
    if f"{url.scheme}://{url.netloc}/" != ORIGIN:
        raise MeasureError(f"{page}: {base} loads {ref} from another origin")
    path = unquote(url.path)
    if not path.startswith(urlsplit(root).path):
        raise MeasureError(f"{page}: {base} loads {ref}, outside the site at {base_url}")
    return PurePosixPath(path[len(urlsplit(root).path):]).as_posix()
