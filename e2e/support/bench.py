"""What the browser benchmarks share: a minimal journey for the app helpers, and the report."""

import statistics


class BenchJourney:
    """Enough of a journey for ``e2e.support.app`` helpers: a page, the site and the stand-in."""

    def __init__(self, page, site, standin):
        self.page, self.site, self.standin = page, site, standin

    def open(self, route=""):
        self.page.goto(self.site.url + route)
        return self.page


FIRST_BUTTON = """new MutationObserver((_, obs) => {
  if ([...document.querySelectorAll('button')].some(b => b.textContent.includes('Try with sample data'))) {
    window.__firstButton = performance.now(); obs.disconnect();
  }
}).observe(document, { childList: true, subtree: true });"""


def first_button_times(browser, url: str, runs: int) -> list:
    """Navigation start → the Connection view's first button in the DOM (a MutationObserver set
    before the page's own scripts), a fresh context each load, in ms."""
    times = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(FIRST_BUTTON)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__firstButton !== undefined")
        times.append(page.evaluate("window.__firstButton"))
        context.close()
    return times


def report(what: str, timings: list):
    """Prints every timing and the median, min and max, as BENCHMARKS.md records them."""
    timings = sorted(timings)
    print(f"{what} (ms):", ", ".join(f"{t:.1f}" for t in timings))
    print(f"median {statistics.median(timings):.1f} ms, min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms"
          f" over {len(timings)} runs")
