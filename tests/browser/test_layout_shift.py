"""Nothing on the page moves when its scripts run (#8: layout shift 0).

Scripts are held back until the page has painted, as on a slow phone, so any
shift their DOM changes cause is visible to the 'layout-shift' observer."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OBSERVE_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""
SCRIPT_DELAY = 0.4  # seconds; far beyond the first paint of a local page


def hold_back_scripts(page):
    def delayed(route):
        time.sleep(SCRIPT_DELAY)  # blocks only this test's side; the browser paints meanwhile
        route.continue_()

    page.route("**/*.js*", delayed)


def shift_after_load(page, url: str) -> float:
    """Layout shift of loading `url`; goto returns after the load event, so after the scripts ran."""
    page.add_init_script(OBSERVE_SHIFTS)
    hold_back_scripts(page)
    page.goto(url)
    page.wait_for_timeout(300)
    return page.evaluate("window.__shift")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_quiz_does_not_move_when_its_script_starts(page, served_sites, lang):
    page.set_viewport_size({"width": 412, "height": 823})
    assert shift_after_load(page, served_sites.url(f"default/{lang}/quiz.html")) == 0
    expect(page.get_by_role("button", name={"en": "Back", "de": "Zurück"}[lang])).to_be_disabled()


@pytest.mark.parametrize("name", ["results", "next", "hints", "compare", "method"])
def test_the_result_pages_do_not_move_anything_when_they_fill_in(page, served_sites, name):
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(served_sites.url("default/en/quiz.html"))
    for group in page.get_by_role("group").all():  # the first step's questions
        group.get_by_role("radio").first.check()  # mostly the worst answer: there are hints to show
    assert shift_after_load(page, served_sites.url(f"default/en/{name}.html")) == 0
    expect(page.locator("#computed" if name == "method" else "#results")).to_be_visible()
