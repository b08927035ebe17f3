"""axe-core in a page: the accessibility gate's check (tests/browser/test_a11y.py and the team report)."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """What axe-core finds in the page as it is now, one line per rule."""
    if not page.evaluate("typeof window.axe === 'object'"):  # half a megabyte: once per page, not per run
        page.evaluate(AXE.axe_script)
    violations = page.evaluate("(options) => axe.run(document, options).then((results) => results.violations)",
                               {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations]
