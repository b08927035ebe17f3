"""Page loads in Chromium under throttling, via the Chrome DevTools Protocol.

Every load gets a fresh browser context (cold cache, caching disabled) on a
phone-sized viewport, with the network at 150 ms RTT, 1.6 Mbps down and
750 kbps up, and the CPU slowed down 4x. Measured in the page itself:
- first contentful paint (Paint Timing);
- first interaction: the first frame in which the document is parsed, its
  deferred scripts and modules have run (so event handlers are attached) and
  the first radio button is laid out, i.e. can be clicked and will be recorded;
- layout shift: the sum of 'layout-shift' entries (PerformanceObserver), up to
  a moment after the page settled;
- bytes on the wire, as Chromium reports them (compressed bodies plus headers).
"""
from __future__ import annotations

from dataclasses import dataclass

from tests.support.chromium import ARGS, system_chromium

NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 412, "height": 823}
SETTLE_MS = 750  # after first interaction, for late layout shifts

INIT_SCRIPT = """
(() => {
  const bench = window.__bench = { ready: null, shift: 0, parsed: false };
  // DOMContentLoaded comes after deferred scripts and modules have run
  document.addEventListener("DOMContentLoaded", () => { bench.parsed = true; });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.shift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  const clickable = () => {
    if (!bench.parsed) return false;
    const radio = document.querySelector('input[type="radio"]');
    if (!radio) return false;
    const box = (radio.closest("label") || radio).getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const check = () => {
    if (clickable()) bench.ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""
RESULT_SCRIPT = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  ready: window.__bench.ready,
  shift: window.__bench.shift,
})"""


def launch(playwright):
    return playwright.chromium.launch(executable_path=system_chromium(), args=ARGS)


@dataclass
class Load:
    fcp: float  # ms after navigation start
    ready: float | None  # first interaction, ms; None if the page has no radio button
    shift: float  # cumulative layout shift
    wire: int  # bytes received


def throttled_load(browser, url: str, prepare=None, wait_for_radio: bool = True) -> Load:
    """Load `url` once under throttling in a fresh context. `prepare(page)` runs
    first, unthrottled, in the same tab (e.g. to answer the questionnaire)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        if prepare:
            prepare(page)
        cdp = context.new_cdp_session(page)
        received = []
        cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(INIT_SCRIPT)
        page.goto(url, wait_until="load", timeout=120_000)
        if wait_for_radio:
            page.wait_for_function("window.__bench.ready !== null", timeout=120_000)
        page.wait_for_timeout(SETTLE_MS)
        values = page.evaluate(RESULT_SCRIPT)
        return Load(values["fcp"], values["ready"], values["shift"], sum(received))
    finally:
        context.close()


SCORE_SCRIPT = """async ([module, batches, perBatch]) => {
  const { score } = await import(module);
  const data = JSON.parse(document.getElementById("results-data").textContent);
  const { model } = data;
  const answers = {};
  for (const q of model.questions) answers[q.id] = q.type === "likert" ? 3 : q.options[0].id;
  const times = [];
  let check = 0;
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) {
      const q = model.questions[(b * perBatch + i) % model.questions.length];
      answers[q.id] = q.type === "likert" ? 1 + ((b + i) % 5) : q.options[(b + i) % q.options.length].id;
      check += score(model, answers).overall.answered;
    }
    times.push((performance.now() - start) / perBatch);
  }
  times.sort((x, y) => x - y);
  return { median: times[times.length >> 1], questions: model.questions.length, check };
}"""


def scoring_time(browser, results_url: str, module_url: str, batches: int, cpu_slowdown: float = 1) -> dict:
    """Median ms of score() after one answer changes, in batches
    (the browser's clock is coarse, so each batch times several calls)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(results_url)
        if cpu_slowdown != 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        return page.evaluate(SCORE_SCRIPT, [module_url, batches, 20])
    finally:
        context.close()
