"""XSS gate: hostile bank text, hostile URLs and hostile result codes never run.

Every check runs with the Content-Security-Policy switched off (bypass_csp), so
it tests the escaping itself; the policy is the second wall, and
test_csp_violations shows that the hostile pages do not even knock on it. The
trap (support.states.WATCH_SCRIPT) reports any write to window.__pwned and any
alert/confirm/prompt/print; dialogs are watched as well.
"""
from __future__ import annotations

import random

import pytest
from support.states import AS_OPENED, Case, cases, loaded_bank, observe, origin, read_page, watch

from builder.rules.codes import CodeError, decode

pytestmark = pytest.mark.browser

#: Query strings and fragments a link could carry; scripts that read the URL
#: (share links, result codes) must treat them as data.
HOSTILE_SUFFIXES = [
    "?q=<script>window.__pwned='query'</script>&c=javascript:alert('query')#<img src=x onerror=window.__pwned='hash'>",
    "#c=<svg/onload=window.__pwned='code'>\"><script>alert('hash')</script>",
    "?c=%3Cscript%3Ealert('encoded')%3C/script%3E#c=%22%3E%3Cimg%20src=x%20onerror=window.__pwned='encoded'%3E",
]

#: Pasted or linked result codes. HOOK(#5): when team.html reads pasted codes,
#: add a state that pastes these into it (support.states.STATES), e.g.
#:   State("hostile codes", "team.html", paste_codes(HOSTILE_CODES))
#: and include "hostile" in the banks of test_hostile_content_stays_text.
HOSTILE_CODES = [
    "<script>window.__pwned='code'</script>",
    "\"><img src=x onerror=window.__pwned='code'>",
    "javascript:alert('code')",
    "1GQPEA0" + "<svg onload=alert(1)>",
    "1" * 10_000,
    "\u0000\u202e1GQPEA\u2028",
    "__proto__", "constructor", "toString",
    "1 GQPEA-0 ZZZ",
]


def assert_inert(seen, what: str) -> None:
    assert seen.reported("pwned", "alert", "confirm", "prompt", "print") == [], what
    assert seen.dialogs == [] and seen.errors == [], what
    assert seen.dom["found"] == [], what
    assert seen.foreign == [], what


@pytest.mark.parametrize("case", cases(["hostile"]))
def test_hostile_bank_content_stays_text(browser, served_sites, case):
    seen = observe(browser, served_sites, case, bypass_csp=True)
    assert_inert(seen, str(case))
    assert "<script>window.__pwned" in seen.dom["text"], "the payloads are on the page, as text"
    if case.state.name == "answered":
        levels = [level.title["en"] for level in loaded_bank("hostile").levels]
        assert any(title in seen.dom["text"] for title in levels), "a level title, from the inlined JSON"


@pytest.mark.parametrize("suffix", HOSTILE_SUFFIXES)
@pytest.mark.parametrize("case", cases(["small"], [AS_OPENED]))
def test_hostile_urls_stay_data(browser, served_sites, case, suffix):
    assert_inert(observe(browser, served_sites, case, bypass_csp=True, suffix=suffix), f"{case}{suffix}")


def test_hostile_codes_are_refused_as_data(browser, served_sites):
    """The browser's code decoder returns a reason for every hostile or random
    string, the same as the Python decoder, and runs none of them."""
    model, tag = loaded_bank("hostile").scoring_model, loaded_bank("hostile").tag
    rng = random.Random("codes")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ ilo-<>\"'&;:/\\%\u00e9\u0000"
    strings = HOSTILE_CODES + ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(300)]
    context = browser.new_context(bypass_csp=True)
    seen = watch(context, origin(served_sites.base))
    page = context.new_page()
    page.goto(Case("hostile", "en/results.html", AS_OPENED).url(served_sites))
    outcomes = page.evaluate("""async ([model, tag, strings]) => {
        const { decode } = await import("../static/js/rules/codes.js");
        return strings.map((code) => {
            try { const result = decode(model, tag, code, 0); return result.ok ? "ok" : result.reason; }
            catch (error) { return `threw ${error}`; }
        });
    }""", [model, tag, strings])
    read_page(context, page, seen)
    context.close()
    assert_inert(seen, "codes")

    def python_outcome(code: str) -> str:
        try:
            decode(model, tag, code)
        except CodeError as refused:
            return refused.reason
        return "ok"

    assert outcomes == [python_outcome(code) for code in strings]


def test_the_dom_inventory_sees_planted_markup(browser, served_sites):
    """Without this, test_hostile_bank_content_stays_text could pass blind."""
    context = browser.new_context(bypass_csp=True)
    seen = watch(context, origin(served_sites.base))
    page = context.new_page()
    page.goto(Case("small", "en/index.html", AS_OPENED).url(served_sites))
    page.evaluate("""() => {
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.__pwned = 'planted'");
        img.src = "x";
        const link = Object.assign(document.createElement("a"), { href: "javascript:void 0" });
        document.body.append(img, link);
    }""")
    page.wait_for_function("document.querySelector('img').complete")
    read_page(context, page, seen)
    context.close()
    assert seen.reported("pwned") == [("pwned", "planted")]
    assert seen.dom["found"] == ["<img onerror>", "<img>", "<a href=javascript:void 0>"]
