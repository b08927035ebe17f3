"""Every page of the built sites in every state worth checking, and a watch over
what the browser does meanwhile. Shared by the trust gates: test_privacy,
test_csp_violations, test_xss and test_a11y.

Pages are found by themselves: every page a build writes, as
builder/site/pages.py lists them (the sites are built once, by the fixture
built_sites in tests/conftest.py). A new state is one line in STATES.
"""
from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from builder.bank.load import load
from builder.bank.model import Bank
from builder.rules.codes import encode

from .answers import random_answers
from .browser import UI, answer_in_page
from .paths import SERVED_BANKS
from .sites import site_pages


@functools.cache
def loaded_bank(name: str) -> Bank:
    return load(SERVED_BANKS[name])[0]


@dataclass(frozen=True)
class Case:
    """One page of one bank's site, brought into one state."""

    bank: str
    path: str  # below the bank's site folder, e.g. "en/quiz.html"
    state: State

    @property
    def lang(self) -> str | None:
        """The page's language folder; None for index.html and 404.html at the root."""
        parts = PurePosixPath(self.path).parts
        return parts[0] if len(parts) > 1 else None

    def url(self, server, path: str | None = None) -> str:
        """This page's URL, or that of another page in the same folder."""
        folder = PurePosixPath(self.bank, self.path).parent
        return server.url(str(folder / (path or PurePosixPath(self.path).name)))

    def __str__(self) -> str:
        return f"{self.bank}/{self.path}" + (f"[{self.state.name}]" if self.state.setup else "")


@dataclass(frozen=True)
class State:
    name: str
    page: str  # the file name the state belongs to, e.g. "quiz.html"; "*" for every page
    #: interactions after the page is opened: setup(page, case, server); may navigate
    setup: Callable[..., None] | None = None
    local_storage: bool = False  # the user opted in to keeping answers on the device (#4)


def deterministic_answers(case: Case, share: float) -> dict:
    """Answers to the first `share` of the bank's questions, at least one of them real."""
    model = loaded_bank(case.bank).scoring_model
    answers = random_answers(model, random.Random(f"{case.bank}-{case.lang}"), skip_rate=0.2)
    first = model["questions"][0]
    answers[first["id"]] = 5 if first["type"] == "likert" else first["options"][0]["id"]
    keep = {q["id"] for q in model["questions"][: max(1, round(share * len(model["questions"])))]}
    return {qid: value for qid, value in answers.items() if qid in keep}


def answer_half(page, case: Case, server) -> None:
    answer_in_page(page, loaded_bank(case.bank), case.lang, deterministic_answers(case, 0.5))


def answer_all(page, case: Case, server) -> None:
    """Answers in the questionnaire, then "See results"."""
    page.goto(case.url(server, "quiz.html"))
    answer_in_page(page, loaded_bank(case.bank), case.lang, deterministic_answers(case, 1))
    page.get_by_role("button", name=UI[case.lang]["see_results"]).click()
    page.wait_for_url("**/results.html")
    expect(page.locator("#results")).to_be_visible()


def download_result(page, case: Case, server) -> None:
    """Answers in the tab, then the result downloaded."""
    answers_in_tab(page, case, server)
    with page.expect_download():
        page.get_by_role("button", name=UI[case.lang]["download"]).click()


def answers_in_tab(page, case: Case, server) -> None:
    """The answers the quiz leaves in the tab, as on the result pages after answering."""
    answers = deterministic_answers(case, 1)
    page.evaluate("""async (answers) => {
        const { storageKey } = await import("../static/js/ui/state.js");
        const { model } = JSON.parse(document.getElementById("results-data").textContent);
        sessionStorage.setItem(storageKey(model.bank), JSON.stringify({ answers, step: 0 }));
    }""", answers)
    page.reload()
    # the page's script is done once it shows something: the results, the explanation, or that there are no hints
    expect(page.locator("#results, #computed, #no-hints").filter(visible=True)).to_have_count(1)


def remember_on_device(page, case: Case, server) -> None:
    answers_in_tab(page, case, server)
    page.get_by_role("checkbox", name=UI[case.lang]["remember"]).check()


def from_a_link(page, case: Case, server) -> None:
    """Opened from a shared link (#c=<result code>), as the results page passes it on."""
    model = loaded_bank(case.bank).scoring_model
    answers = {qid: value for qid, value in deterministic_answers(case, 1).items() if value is not None}
    page.goto(case.url(server) + "#c=" + encode(model, loaded_bank(case.bank).tag, answers))
    expect(page.locator("#results")).to_be_visible()


def compared(page, case: Case, server) -> None:
    """Answers in the tab, compared with an earlier result given as a code: dashed shapes, changes."""
    answers_in_tab(page, case, server)
    model = loaded_bank(case.bank).scoring_model
    earlier = encode(model, loaded_bank(case.bank).tag, {})
    page.locator("#compare-code").fill(earlier[:-1])  # a typo: refused with a message
    page.locator("#compare-button").click()
    expect(page.locator("#compare-status")).not_to_be_empty()
    first = model["questions"][0]
    earlier = encode(model, loaded_bank(case.bank).tag,
                     {first["id"]: 3 if first["type"] == "likert" else first["options"][0]["id"]})
    page.locator("#compare-code").fill(earlier)
    page.locator("#compare-button").click()
    expect(page.locator("#legend-map-before")).to_be_visible()


def team_codes(bank: Bank, sizes: list[int] | None = None) -> list[str]:
    """Result codes of colleagues, `sizes[s]` of them in segment s (0: none given). By default one
    without a group (hidden, and with it the smallest shown group) and five in each of three groups."""
    sizes = sizes or ([1, 5, 5, 5] if bank.segment_ids else [12])
    rng = random.Random(f"team-{bank.id}-{sizes}")
    return [encode(bank.scoring_model, bank.tag, {q: v for q, v in random_answers(bank.scoring_model, rng, 0.1).items()
                                                  if v is not None}, segment)
            for segment, size in enumerate(sizes) for _ in range(size)]


def team_with_codes(page, case: Case, server) -> None:
    """A dozen codes pasted, every chart drawn and every data table opened."""
    page.locator("#codes").fill("\n".join(team_codes(loaded_bank(case.bank))))
    expect(page.locator("#team-results")).to_be_visible()
    page.evaluate("document.querySelectorAll('#team-results details').forEach((d) => { d.open = true; })")


AS_OPENED = State("as opened", "*")
#: One line per state; the lead adds more here, e.g.
#:   State("with codes", "team.html", paste_codes)                                   (#5)
STATES = [
    AS_OPENED,
    State("half answered", "quiz.html", answer_half),
    State("answered", "results.html", answer_all),
    # the result pages (#4, split up for #8's budgets and #14's hero)
    State("downloaded", "keep.html", download_result),
    State("remembered", "keep.html", remember_on_device, local_storage=True),
    State("from a link", "next.html", from_a_link),
    State("with answers", "hints.html", answers_in_tab),
    State("compared", "compare.html", compared),
    State("with answers", "method.html", answers_in_tab),
    State("with codes", "team.html", team_with_codes),  # the team report (#15)
]


def cases(banks, states=STATES) -> list:
    """pytest params: every state of every page of every bank named."""
    found = [Case(bank, path, state) for bank in banks for path in site_pages(bank)
             for state in states if state.page in ("*", PurePosixPath(path).name)]
    return [pytest.param(case, id=str(case)) for case in found]


def open_state(page, server, case: Case, suffix: str = "") -> None:
    page.goto(case.url(server) + suffix)
    languages = loaded_bank(case.bank).languages
    if case.path == "index.html" and len(languages) == 1:  # a one-language site's root moves on to its start page
        page.wait_for_url(f"**/{languages[0]}/index.html")
        page.wait_for_load_state()
    if case.state.setup:
        case.state.setup(page, case, server)


# --- the watch: what pages request, store, report and run ---------------------

#: Runs in every frame before any page script. Reports (through the
#: `__assessReport` binding) CSP violations, storage writes beyond the tab, and
#: anything a payload in hostile content would do: set window.__pwned or call
#: alert/confirm/prompt/print.
WATCH_SCRIPT = """
(() => {
  const report = (kind, detail) => window.__assessReport(kind, String(detail));
  Object.defineProperty(window, "__pwned", { get: () => undefined, set: (value) => report("pwned", value) });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => report(name, message);
  }
  document.addEventListener("securitypolicyviolation", (e) =>
    report("csp", `${e.effectiveDirective} blocked ${e.blockedURI || "inline"}` +
                  (e.sourceFile ? ` in ${e.sourceFile}:${e.lineNumber}` : "")));
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage) report("localStorage", key);
    return setItem.call(this, key, value);
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, ...rest) {
    report("indexedDB", name);
    return open.call(this, name, ...rest);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    get() { return cookie.get.call(this); },
    set(value) { report("cookie", value); cookie.set.call(this, value); },
  });
})();
"""

#: What the site keeps, read after the interactions of a state.
STORAGE_SCRIPT = """
async () => ({
  documentCookie: document.cookie,
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  indexedDB: (await indexedDB.databases()).map((db) => db.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
})
"""


#: What a payload would leave in the page: handlers, script URLs, elements that
#: run or load things, scripts and links the site did not write. Site scripts
#: create only text and plain elements, so the list is empty on a sound page.
DOM_SCRIPT = """
() => {
  const scheme = /^[\\s\\u0000-\\u001f]*(javascript|data|vbscript):/i;
  const urlAttributes = ["href", "xlink:href", "src", "action", "formaction", "data", "srcdoc", "poster"];
  const active = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "style", "math",
                  "img", "template", "portal", "foreignobject", "animate", "set", "use"];
  const ownScript = (el) => el.type === "application/json" ||
    (el.type === "module" && el.src.startsWith(location.origin));
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    const name = el.localName.toLowerCase();
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith("on")) found.push(`<${name} ${attr.name}>`);
      if (urlAttributes.includes(attr.name.toLowerCase()) && scheme.test(attr.value)) {
        found.push(`<${name} ${attr.name}=${attr.value}>`);
      }
    }
    if (active.includes(name)) found.push(`<${name}>`);
    if (name === "script" && !ownScript(el)) found.push(`<script> ${el.src || el.textContent.slice(0, 60)}`);
    if ((name === "link" || name === "meta") && el.parentElement !== document.head) found.push(`<${name}> in body`);
  }
  return { found, text: document.title + "\\n" + document.body.innerText };
}
"""


def origin(url: str) -> str:
    if url.startswith("blob:"):  # a blob URL names the origin that made it
        url = url[len("blob:"):]
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Watch:
    """Everything seen while a context was open."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to other origins, refused
    reports: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail) from WATCH_SCRIPT
    console: list[str] = field(default_factory=list)  # console errors and warnings
    errors: list[str] = field(default_factory=list)  # uncaught exceptions
    dialogs: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    stored: dict = field(default_factory=dict)  # STORAGE_SCRIPT's answer plus context cookies
    dom: dict = field(default_factory=dict)  # DOM_SCRIPT's answer, at the end

    def reported(self, *kinds: str) -> list[tuple[str, str]]:
        return [(kind, detail) for kind, detail in self.reports if kind in kinds]


def watch(context, site_origin: str) -> Watch:
    seen = Watch(site_origin)

    def refuse(route):
        seen.foreign.append(route.request.url)
        route.abort()

    def dialog(d):
        seen.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.expose_binding("__assessReport", lambda source, kind, detail: seen.reports.append((kind, detail)))
    context.add_init_script(WATCH_SCRIPT)
    # Only other origins are intercepted (matched in the browser): the site's own
    # requests go straight through.
    context.route(re.compile(rf"^(?!{re.escape(site_origin)}/)"), refuse)
    context.on("request", lambda request: seen.requests.append(request.url))
    context.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
               else None)
    context.on("weberror", lambda e: seen.errors.append(str(e.error)))
    context.on("dialog", dialog)
    context.on("page", lambda page: page.on("websocket", lambda ws: seen.websockets.append(ws.url)))
    return seen


def read_page(context, page, seen: Watch) -> None:
    seen.stored = page.evaluate(STORAGE_SCRIPT) | {"cookies": context.cookies()}
    seen.dom = page.evaluate(DOM_SCRIPT)


_observed: dict[tuple, Watch] = {}


def observe(browser, server, case: Case, bypass_csp: bool = False, suffix: str = "") -> Watch:
    """Open a case in a fresh context under watch; the storage is read at the end.
    Remembered per test run, so the privacy and CSP gates share one visit."""
    key = (case, bypass_csp, suffix)
    if key not in _observed:
        context = browser.new_context(bypass_csp=bypass_csp)
        try:
            seen = watch(context, origin(server.base))
            page = context.new_page()
            open_state(page, server, case, suffix)
            read_page(context, page, seen)
        finally:
            context.close()
        _observed[key] = seen
    return _observed[key]
