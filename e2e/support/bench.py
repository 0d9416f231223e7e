"""What the browser benchmarks share: a minimal journey for the app helpers, and the report."""

import statistics


class BenchJourney:
    """Enough of a journey for ``e2e.support.app`` helpers: a page, the site and the stand-in."""

    def __init__(self, page, site, standin):
        self.page, self.site, self.standin = page, site, standin

    def open(self, route=""):
        self.page.goto(self.site.url + route)
        return self.page


def report(what: str, timings: list):
    """Prints every timing and the median, min and max, as BENCHMARKS.md records them."""
    timings = sorted(timings)
    print(f"{what} (ms):", ", ".join(f"{t:.1f}" for t in timings))
    print(f"median {statistics.median(timings):.1f} ms, min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms"
          f" over {len(timings)} runs")
