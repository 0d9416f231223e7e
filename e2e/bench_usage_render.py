"""Browser benchmark: how long the app takes to show a 2,500-account reservation's usage after
the last usage page arrives (parse the page, join the pages, build the table and chart, put
them in the DOM). Not a test: it prints timings for BENCHMARKS.md.

    e2e/.venv/bin/python -m e2e.bench_usage_render [--runs 15] [--dist dist]

Each run uses a fresh page: connect to the stand-in, open the reservation, and measure from the
last usage response's `responseEnd` (Resource Timing) to the moment the table is in the DOM
(a MutationObserver started before navigation).
"""

import argparse
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from e2e.standin import StandIn
from e2e.standin.data import SHARED_RESERVATION_ID
from e2e.support.app import connect_to_standin
from e2e.support.bench import BenchJourney, report
from e2e.support.browser import launch
from e2e.support.static import StaticSite

WATCH = """() => new Promise(resolve => {
  const seen = () => document.querySelectorAll('table.usage tbody tr').length >= 2501;
  const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); resolve(performance.now()); } });
  obs.observe(document.body, { childList: true, subtree: true });
  location.hash = '#/capacity?region=us-east-1&id=%s';
})"""

LAST_RESPONSE = """(origin) => Math.max(...performance.getEntriesByType('resource')
  .filter(e => e.name.startsWith(origin)).map(e => e.responseEnd))"""



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--dist", default=str(Path(__file__).resolve().parent.parent / "dist"))
    args = ap.parse_args()
    timings = []
    with StandIn(port=0) as standin, StaticSite(Path(args.dist), "/lens/") as site, sync_playwright() as p:
        browser = launch(p)
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            connect_to_standin(BenchJourney(page, site, standin))
            page.evaluate("performance.setResourceTimingBufferSize(10000)")
            shown = page.evaluate(WATCH % SHARED_RESERVATION_ID)
            expect(page.get_by_text("2501 of 2501 accounts")).to_be_visible()
            last = page.evaluate(LAST_RESPONSE, standin.url)
            timings.append(shown - last)
            context.close()
        browser.close()
    report("usage detail, 2,501 accounts, last response -> table in DOM", timings)

if __name__ == "__main__":
    main()
