"""Privacy gate: on every page, in every state, in every language, nothing
leaves the browser and nothing is kept beyond the tab (unless the user opted in)."""
from __future__ import annotations

import pytest
from support.paths import BANKS
from support.states import AS_OPENED, Case, cases, observe, origin, read_page, watch

pytestmark = pytest.mark.browser

#: sessionStorage keys the site may use: answers in progress, per site path and bank (state.js)
TAB_STORAGE_PREFIX = "assess:"


@pytest.mark.parametrize("case", cases(BANKS))
def test_nothing_leaves_the_browser_and_nothing_stays(browser, served_sites, case):
    seen = observe(browser, served_sites, case)
    assert seen.requests, "the watch saw the page load"
    assert [url for url in seen.requests if origin(url) != seen.origin] == []
    assert seen.foreign == [] and seen.websockets == []
    stored = seen.stored
    assert stored["cookies"] == [] and stored["documentCookie"] == ""
    assert stored["indexedDB"] == [] and stored["caches"] == [] and stored["serviceWorkers"] == 0
    assert seen.reported("cookie", "indexedDB") == []
    if not case.state.local_storage:
        assert stored["localStorage"] == [] and seen.reported("localStorage") == []
    assert [key for key in stored["sessionStorage"] if not key.startswith(TAB_STORAGE_PREFIX)] == []


def test_answers_in_progress_are_in_the_tab_only(browser, served_sites):
    """The one thing stored: the tab's answers, as the privacy page says."""
    case = next(p.values[0] for p in cases(["small"]) if p.values[0].state.name == "half answered")
    seen = observe(browser, served_sites, case)
    (key,) = seen.stored["sessionStorage"]
    assert key.startswith(TAB_STORAGE_PREFIX + "/small/:small-shop:")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])
def test_the_watch_sees_what_it_guards_against(browser, served_sites, bypass_csp):
    """Without this, the gates could pass because the watch is blind. With the CSP
    the browser refuses the tracking pixel itself; without it, the watch does."""
    context = browser.new_context(bypass_csp=bypass_csp)
    seen = watch(context, origin(served_sites.base))
    page = context.new_page()
    page.goto(Case("small", "en/index.html", AS_OPENED).url(served_sites))
    page.evaluate("""async () => {
        localStorage.setItem("k", "v");
        document.cookie = "c=1";
        indexedDB.open("db");
        await new Promise((done) => {
            const img = Object.assign(new Image(), { onerror: done, onload: done });
            img.src = "https://tracker.example/pixel.png";
        });
        window.__pwned = "test";
        alert("test");
    }""")
    read_page(context, page, seen)
    context.close()
    assert seen.reported("localStorage", "cookie", "indexedDB", "pwned", "alert") == [
        ("localStorage", "k"), ("cookie", "c=1"), ("indexedDB", "db"), ("pwned", "test"), ("alert", "test")]
    assert seen.stored["localStorage"] == ["k"] and [c["name"] for c in seen.stored["cookies"]] == ["c"]
    if bypass_csp:
        assert seen.foreign == ["https://tracker.example/pixel.png"] and seen.reported("csp") == []
    else:
        assert seen.foreign == []
        assert seen.reported("csp") == [("csp", "img-src blocked https://tracker.example/pixel.png")]
