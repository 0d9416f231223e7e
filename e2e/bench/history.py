"""The list's history in the browser (#16): one `GetMetricData` answer for 500 reservations × 7
days hourly (84,000 points, as CloudWatch writes it), parsed and summarized by the core built for
wasm with the app's release profile (`bench/`, `summarize_history`), in one Chromium page; the
page's own `JSON.parse` of the same body beside it. Not a test: it prints medians for
BENCHMARKS.md (goal: ≤ 50 ms).

    scripts/setup.sh test
    e2e/.venv/bin/python -m e2e.bench.history [--runs 15]
"""

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from e2e.bench.side_by_side import build
from e2e.support.browser import launch
from e2e.support.static import StaticSite

NOW = 1_795_000_000  # 2026-11-18T07:33:20Z
RESERVATIONS = 500
HOURS = 7 * 24


def body() -> str:
    """500 `InstanceUtilization` series of 168 hourly averages, numbers as CloudWatch writes them."""
    end = NOW // 3600 * 3600
    start = end - HOURS * 3600
    results = []
    for i in range(RESERVATIONS):
        stamps = list(range(start, end, 3600))
        values = [0.0 if i % 50 == 0 else (37.5 + ((i * 31 + h * 7) % 600) / 10.0) for h in range(HOURS)]
        results.append({"Id": f"r{i}", "Label": "InstanceUtilization", "Timestamps": stamps,
                        "Values": values, "StatusCode": "Complete"})
    return json.dumps({"MetricDataResults": results, "Messages": []}, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="lens-bench-history-"))
    try:
        build(out)
        (out / "history.json").write_text(body())
        (out / "index.html").write_text(f"""<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">
import init, {{ summarize_history }} from "./lens_bench.js";
await init();
const text = await (await fetch("./history.json")).text();
const time = (f) => {{ const t = performance.now(); const r = f(); return [performance.now() - t, r]; }};
window.bench = {{
  size: text.length,
  run: () => ({{
    json: time(() => JSON.parse(text).MetricDataResults.length),
    lens: time(() => Array.from(summarize_history(text, {NOW}, 10))),
  }}),
}};
document.title = "ready";
</script>""")
        with sync_playwright() as pw:
            browser = launch(pw)
            with StaticSite(out, prefix="/") as site:
                page = browser.new_page()
                page.goto(site.url)
                page.wait_for_function("document.title === 'ready'", timeout=60_000)
                size = page.evaluate("window.bench.size")
                times = {"json": [], "lens": []}
                answers = set()
                for _ in range(args.runs):
                    r = page.evaluate("window.bench.run()")
                    times["json"].append(r["json"][0])
                    times["lens"].append(r["lens"][0])
                    answers.add(tuple(r["lens"][1]))
            browser.close()
        assert answers == {(RESERVATIONS * HOURS, RESERVATIONS // 50)}, answers
        print(f"body: {size / 1e6:.2f} MB, {RESERVATIONS} series × {HOURS} points, {args.runs} runs, medians")
        for k, name in (("json", "the page's JSON.parse"), ("lens", "parse + summarize (wasm)")):
            xs = times[k]
            print(f"{name:28} {statistics.median(xs):8.1f} ms  (min {min(xs):.1f}, max {max(xs):.1f})")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
