"""Accessibility gate: axe-core finds nothing on any page or state, in both
colour schemes; the keyboard alone completes the quiz; focus is always visible
and never hidden; targets are at least 24 by 24 pixels; reduced motion is honoured."""
from __future__ import annotations

import json

import pytest
from support.axe import axe_violations
from support.browser import assert_same_result
from support.paths import BANKS
from support.states import AS_OPENED, Case, cases, loaded_bank, open_state

from builder.rules.scoring import score

pytestmark = pytest.mark.browser

#: The focused element: is its focus ring drawn, is it at least partly in view
#: and not covered (a sticky bar, say), and how big is it. A radio button's
#: target is its label, which is what a pointer hits.
FOCUSED_SCRIPT = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return { describe: describe(el), ring: focusRing(el), uncovered: uncovered(target(el)), small: tooSmall(el) };
}
"""

#: Helpers for FOCUSED_SCRIPT and TARGETS_SCRIPT, installed before every page.
HELPERS = """
window.target = (el) => (el.labels && el.labels[0]) || el;
window.describe = (el) => `<${el.localName}${el.id ? "#" + el.id : ""}${el.name ? " name=" + el.name : ""}` +
  `${el.value ? " value=" + el.value : ""}> ${(el.textContent || "").trim().slice(0, 40)}`;
window.focusRing = (el) => {
  const style = getComputedStyle(el);
  return el.matches(":focus-visible") && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
};
window.uncovered = (el) => {
  const box = el.getBoundingClientRect();
  return [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]].some(([fx, fy]) => {
    const x = box.left + fx * box.width, y = box.top + fy * box.height;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && el.contains(hit);
  });
};
// WCAG 2.5.8 exempts links inside a sentence: their size is the line's.
window.inSentence = (el) => el.localName === "a" && getComputedStyle(el).display === "inline" &&
  el.parentElement.textContent.trim() !== el.textContent.trim();
window.tooSmall = (el) => {
  const box = target(el).getBoundingClientRect();
  const small = !inSentence(el) && (box.width < 24 || box.height < 24);
  return small ? `${Math.round(box.width)}x${Math.round(box.height)}` : null;
};
"""

TARGETS_SCRIPT = """
() => [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
  .filter((el) => el.tabIndex >= 0)
  .filter((el) => el.getClientRects().length && target(el).getBoundingClientRect().right > 0)  // rendered, on-screen
  .map((el) => [describe(el), tooSmall(el)]).filter(([, small]) => small)
"""

#: Computed motion of every element, and scrolls the scripts asked to be smooth.
MOTION_RECORDER = """
window.__smooth = [];
for (const [owner, name] of [[Element.prototype, "scrollIntoView"], [Element.prototype, "scrollTo"],
                             [Element.prototype, "scrollBy"], [window, "scrollTo"], [window, "scrollBy"]]) {
  const original = owner[name];
  owner[name] = function (...args) {
    if (args.some((arg) => arg && arg.behavior === "smooth")) window.__smooth.push(name);
    return original.apply(this, args);
  };
}
const animate = Element.prototype.animate;
Element.prototype.animate = function (...args) { window.__smooth.push("animate"); return animate.apply(this, args); };
"""
MOTION_SCRIPT = """
() => {
  const moving = [];
  const seconds = (list) => list.split(",").map((s) => parseFloat(s) * (s.trim().endsWith("ms") ? 0.001 : 1));
  for (const el of [document.documentElement, ...document.querySelectorAll("*")]) {
    const style = getComputedStyle(el);
    const durations = [...seconds(style.transitionDuration),
                       ...(style.animationName === "none" ? [] : seconds(style.animationDuration))];
    if (durations.some((d) => d > 0.01) || style.scrollBehavior === "smooth") moving.push(describe(el));
  }
  return { moving, calls: window.__smooth };
}
"""


def test_axe_is_not_blind(page, served_sites):
    """The same run on a page with planted faults reports them."""
    page.goto(Case("small", "en/index.html", AS_OPENED).url(served_sites))
    page.evaluate("""() => {
        document.querySelector("main").append(document.createElement("input"));  // no label
        document.querySelector(".facts").style.color = "#c8c8c8";  // on white: contrast 1.7
    }""")
    assert [v.split(" ")[0] for v in axe_violations(page)] == ["color-contrast", "label"]


def tab_through(page, limit: int = 300) -> list[dict]:
    """Focus every element the Tab key reaches, once round; what each looked like."""
    seen, first = [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_SCRIPT)
        if focused is None or focused["describe"] == first:
            return seen
        first = first or focused["describe"]
        seen.append(focused)
    raise AssertionError(f"no end to the tab order after {limit} presses")


@pytest.mark.parametrize("case", cases(BANKS))
def test_every_state_is_accessible(browser, served_sites, case):
    """One visit per page and state (the suite's time): axe finds nothing, light or
    dark; focus is drawn and never hidden; targets are at least 24 px; nothing moves
    when motion is reduced."""
    context = browser.new_context(reduced_motion="reduce")
    context.add_init_script(HELPERS + MOTION_RECORDER)
    page = context.new_page()
    try:
        open_state(page, served_sites, case)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert axe_violations(page) == [], scheme
        page.evaluate("document.activeElement?.blur()")
        focused = tab_through(page)
        assert focused, "something on every page takes focus"
        assert [f["describe"] for f in focused if not f["ring"]] == [], "focus ring drawn"
        assert [f["describe"] for f in focused if not f["uncovered"]] == [], "focused element not hidden"
        assert [(f["describe"], f["small"]) for f in focused if f["small"]] == [], "focusable targets >= 24px"
        assert page.evaluate(TARGETS_SCRIPT) == [], "pointer targets >= 24px"
        assert page.evaluate(MOTION_SCRIPT) == {"moving": [], "calls": []}, "no motion when reduced"
    finally:
        context.close()


#: The focused element as the keyboard run needs it, besides FOCUSED_SCRIPT's view.
CONTROL_SCRIPT = """
() => {
  const el = document.activeElement;
  return { tag: el.localName, type: el.type, name: el.name, id: el.id, href: el.getAttribute("href"),
           primary: el.classList.contains("primary"),
           options: el.type === "radio" ? [...document.getElementsByName(el.name)].map((r) => r.value) : [],
           lastStep: document.getElementById("next")?.hidden ?? false };
}
"""


def keyboard_run(page, start_url: str) -> tuple[dict, list[dict]]:
    """From the start page to the results with Tab, Space, arrow keys and Enter.
    Answers alternate: Space takes a question's first option, an arrow key its second.
    Returns the answers given and how each focused element looked."""
    page.goto(start_url)
    answers, focused, keys = {}, [], ["Space", "ArrowDown", "ArrowRight"]

    def press(key: str) -> None:
        page.keyboard.press(key)
        now = page.evaluate(FOCUSED_SCRIPT)
        if now is not None:
            focused.append(now)

    for _ in range(600):
        press("Tab")
        control = page.evaluate(CONTROL_SCRIPT)
        if control["type"] == "radio" and control["name"] not in answers:
            key = keys[len(answers) % len(keys)]
            press(key)
            chosen = page.evaluate("(name) => document.querySelector(`input[name='${name}']:checked`)?.value",
                                   control["name"])
            assert chosen == control["options"][0 if key == "Space" else 1], (key, control)
            answers[control["name"]] = chosen
        elif control["tag"] == "a" and control["primary"] and (control["href"] or "").endswith("quiz.html"):
            page.keyboard.press("Enter")
            page.wait_for_url("**/quiz.html")
        elif control["id"] == "next":
            press("Enter")  # focus moves to the next step's heading
        elif control["id"] == "see-results" and control["lastStep"]:
            page.keyboard.press("Enter")
            page.wait_for_url("**/results.html")
            return answers, focused
    raise AssertionError(f"the keyboard never reached the results; answered {len(answers)}")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_keyboard_alone_completes_the_quiz(page, served_sites, lang):
    bank = loaded_bank("default")
    page.context.add_init_script(HELPERS)
    answers, focused = keyboard_run(page, Case("default", f"{lang}/index.html", AS_OPENED).url(served_sites))
    # the optional first question (the bank's segment, e.g. the role) is answered by keyboard too
    assert answers.pop("_segment") in {option.id for option in bank.segments.options}
    assert len(answers) == len(bank.questions)
    assert [f["describe"] for f in focused if not f["ring"]] == [], "focus ring drawn throughout"
    assert [f["describe"] for f in focused if not f["uncovered"]] == [], "focused element never hidden"
    for _ in range(100):  # on to "Save or share", where the result, downloaded by keyboard, carries the scores
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "keep.html":
            page.keyboard.press("Enter")
            page.wait_for_url("**/keep.html")
            break
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "download-json":
            break
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    result = json.loads(open(download.value.path(), encoding="utf-8").read())
    likert = {q.id for q in bank.questions if q.type == "likert"}
    assert_same_result(result, score(bank.scoring_model, {qid: int(value) if qid in likert else value
                                                    for qid, value in answers.items()}))
