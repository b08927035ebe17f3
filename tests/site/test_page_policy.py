"""Content-Security-Policy and inert markup on every built page (the browser
side is tests/browser/test_csp_violations.py)."""
from __future__ import annotations

import json
import re

import pytest
from support.html import parse_page
from support.paths import ROOT, SERVED_BANKS
from support.sites import site_pages

from builder.site.render import content_security_policy

STATIC = ROOT / "site_src" / "static"
#: elements that load something or apply style; the policy must come before all of them
LOADING_TAGS = {"link", "script", "style", "img", "iframe", "object", "embed", "audio", "video", "source"}
DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def all_pages():
    return [f"{bank}/{page}" for bank in SERVED_BANKS for page in site_pages(bank)]


def test_policy_is_strict():
    directives = dict(d.split(" ", 1) for d in content_security_policy(live_reload=False).split("; "))
    assert directives == {
        "default-src": "'none'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
        "base-uri": "'none'", "form-action": "'none'",
        "require-trusted-types-for": "'script'", "trusted-types": "'none'",
    }
    assert "connect-src 'self'" in content_security_policy(live_reload=True), "only the dev server's reload channel"


@pytest.mark.parametrize("path", all_pages())
def test_every_page_carries_the_policy_before_anything_loads(built_sites, path):
    page = parse_page(built_sites / path)
    policies = [e for e in page.elements if e.tag == "meta" and (e.attrs.get("http-equiv") or "").lower()
                == "content-security-policy"]
    assert [e.attrs["content"] for e in policies] == [content_security_policy(live_reload=False)]
    first_load = next(i for i, e in enumerate(page.elements) if e.tag in LOADING_TAGS)
    assert page.elements.index(policies[0]) < first_load, "a <meta> policy covers only what follows it"
    assert [e.attrs.get("content") for e in page.elements if e.attrs.get("name") == "referrer"] == ["no-referrer"]


@pytest.mark.parametrize("path", all_pages())
def test_no_inline_code_or_style(built_sites, path):
    page = parse_page(built_sites / path)
    for element in page.elements:
        where = page.where(element)
        assert [a for a in element.attrs if a.startswith("on")] == [], f"{where}: inline event handler"
        assert "style" not in element.attrs, f"{where}: style attribute"
        assert element.tag != "style", f"{where}: <style> element"
        for name in ("href", "src", "action", "formaction", "xlink:href", "data"):
            value = element.attrs.get(name)
            assert value is None or not DANGEROUS_SCHEMES.match(value), f"{where}: {name}={value!r}"
    for script in page.scripts:
        where = f"{path}:{script.line}"
        if script.attrs.get("type") == "application/json":
            assert "src" not in script.attrs, where
            # tojson escapes <, > and &: bank text can neither close the element
            # nor open an HTML comment that would swallow the rest of the page
            assert not re.search(r"</|<!--|<script", script.text, re.IGNORECASE), where
            json.loads(script.text)
        else:
            assert script.attrs.get("type") == "module" and script.attrs.get("src"), f"{where}: inline script"
            assert script.text.strip() == "", where


def test_hostile_text_reaches_the_inlined_json_intact(built_sites):
    """The escaping above is not bought by dropping the text."""
    page = parse_page(built_sites / "hostile" / "en" / "results.html")
    (data,) = page.json_blocks()
    assert data["levels"] == {"l": "</script><script>window.__pwned='level'</script>",
                              "m": "<!--<script>window.__pwned='json-comment'</SCRIPT >\u2028\u2029"}


def test_scripts_use_no_html_sinks_and_no_eval():
    """The site's own JavaScript builds DOM nodes; it never parses strings as HTML
    or code (Trusted Types in the policy enforce the first in the browser)."""
    sinks = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment"
                       r"|\beval\(|new Function\(|set(Timeout|Interval)\(\s*['\"`]"
                       r"|setAttribute\(\s*['\"](style|on\w+)['\"]")
    offenders = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
                 for path in sorted(STATIC.rglob("*.js"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if sinks.search(line)]
    assert offenders == []


def test_static_images_carry_no_script():
    for path in STATIC.rglob("*.svg"):
        svg = path.read_text(encoding="utf-8")
        assert not re.search(r"<script|\son\w+\s*=|javascript:|<foreignObject", svg, re.IGNORECASE), path
