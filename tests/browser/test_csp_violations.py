"""The policy in force: no legitimate page or state trips it (nor logs an error),
and what it forbids is really refused. Static checks: tests/site/test_page_policy.py."""
from __future__ import annotations

import pytest
from support.paths import SERVED_BANKS
from support.states import AS_OPENED, Case, cases, observe, origin, watch

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("case", cases(SERVED_BANKS))
def test_no_policy_violation_and_no_error(browser, served_sites, case):
    """The hostile bank included: escaped payloads never even reach the policy."""
    seen = observe(browser, served_sites, case)
    assert seen.reported("csp") == []
    assert seen.console == [] and seen.errors == []


def test_the_policy_refuses_inline_code_style_and_html_sinks(browser, served_sites):
    context = browser.new_context()
    seen = watch(context, origin(served_sites.base))
    page = context.new_page()
    page.goto(Case("small", "en/index.html", AS_OPENED).url(served_sites))
    outcomes = page.evaluate("""() => {
        const attempts = {
            inlineScript() {
                const script = document.createElement("script");
                script.append("window.__pwned = 'inline script'");
                document.body.append(script);
            },
            styleAttribute: () => document.body.setAttribute("style", "display: none"),
            handler() {
                document.body.setAttribute("onclick", "window.__pwned = 'handler'");
                document.body.click();
            },
            innerHTML() { document.body.innerHTML = "<b>markup</b>"; },
        };
        const outcome = (attempt) => { try { attempt(); return "done"; } catch (error) { return error.name; } };
        return Object.fromEntries(Object.entries(attempts).map(([name, attempt]) => [name, outcome(attempt)]));
    }""")
    hidden = page.evaluate("getComputedStyle(document.body).display") == "none"
    context.close()
    # Trusted Types refuse strings as markup or handlers; the script element is
    # inserted but never run, the style attribute set but never applied.
    assert outcomes == {"inlineScript": "done", "styleAttribute": "done", "handler": "TypeError",
                        "innerHTML": "TypeError"}
    assert not hidden and seen.reported("pwned") == []
    assert {detail.split(" ")[0] for _, detail in seen.reported("csp")} == {
        "require-trusted-types-for", "style-src-attr"}
