"""Browser benchmark: coverage over 13 months, daily, split into 50 groups (one Cost Explorer
request per group, as the app must send them), from the last response's arrival to both charts
and the table in the DOM (parse the last answer, aggregate every group, draw, build the table).
Not a test: it prints timings for BENCHMARKS.md.

    e2e/.venv/bin/python -m e2e.bench_coverage_render [--runs 10] [--dist dist]

The stand-in lists 43 extra instance types (scenario ``ce_extra_values``) beside its 7 real ones.
Each run uses a fresh page; it measures from the last Cost Explorer response's `responseEnd`
(Resource Timing) to the moment the results are in the DOM (a MutationObserver).
"""

import argparse
import json
import statistics
from datetime import date, datetime, timezone
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from e2e.standin import StandIn, ce
from e2e.standin.tokens import Tokens
from e2e.support.app import connect_to_standin
from e2e.support.bench import BenchJourney, report
from e2e.support.browser import launch
from e2e.support.static import StaticSite

GROUPS = 50

WATCH = """() => new Promise(resolve => {
  const done = () => document.querySelector('svg.coverage-lines') && document.querySelector('svg.coverage-stack')
    && document.querySelector('table.coverage-table tbody tr');
  const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now()); } });
  obs.observe(document.body, { childList: true, subtree: true });
  document.querySelector('.confirm button').click();
})"""

LAST_RESPONSE = """(origin) => {
  const ce = performance.getEntriesByType('resource').filter(e => e.name.startsWith(origin));
  return [Math.max(...ce.map(e => e.responseEnd)), ce.length];
}"""


def answer_bytes(standin) -> int:
    """The size of the last run's coverage answers, recomputed from the requests the stand-in logged
    (cross-origin Resource Timing reports no body sizes)."""
    sent = [e for e in standin.log() if e.get("operation") == "GetReservationCoverage"][-GROUPS:]
    return sum(len(json.dumps(ce.get_reservation_coverage(e["params"], datetime.now(timezone.utc).date(), Tokens())))
               for e in sent)



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--dist", default=str(Path(__file__).resolve().parent.parent / "dist"))
    args = ap.parse_args()
    today = datetime.now(timezone.utc).date()
    first = date(today.year - 1, today.month, 1)
    route = (f"#/coverage?preset=custom&start={first.isoformat()}&last={today.isoformat()}"
             "&granularity=daily&split=INSTANCE_TYPE")
    timings, sizes, rows = [], [], 0
    with StandIn(port=0) as standin, StaticSite(Path(args.dist), "/lens/") as site, sync_playwright() as p:
        standin.scenario(ce_extra_values=GROUPS - 7)
        browser = launch(p)
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            connect_to_standin(BenchJourney(page, site, standin))
            page.evaluate("performance.setResourceTimingBufferSize(10000)")
            page.goto(site.url + route)
            page.get_by_role("button", name="Run coverage query").click()
            expect(page.get_by_role("alertdialog")).to_contain_text(f"{GROUPS} requests")
            page.evaluate("performance.clearResourceTimings()")
            shown = page.evaluate(WATCH)
            last, count = page.evaluate(LAST_RESPONSE, standin.url)
            assert count >= GROUPS, count
            size = answer_bytes(standin)
            rows = page.locator("table.coverage-table tbody tr").count()
            timings.append(shown - last)
            sizes.append(size)
            context.close()
        browser.close()
    report(f"coverage, {GROUPS} groups x {(today - first).days + 1} days ({rows} table rows shown, "
           f"{statistics.median(sizes) / 1e6:.1f} MB of responses), last response -> results in DOM", timings)

if __name__ == "__main__":
    main()
