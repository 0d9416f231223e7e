"""The side-by-side browser benchmark (#15): in one Chromium page, the app's own Cost Explorer
parser and signer (the core built for wasm with the app's release profile, `bench/`), the AWS SDK
for JavaScript v3's Cost Explorer client and aws4fetch (versions pinned by
e2e/bench/package-lock.json), each on the same inputs; then navigation → first button of the
release build in `dist/`. Not a test: it prints medians and ratios for BENCHMARKS.md.

    scripts/setup.sh test && trunk build --release --offline
    e2e/.venv/bin/python -m e2e.bench.side_by_side [--runs 15] [--signs 2000]

The body is 395 daily periods × 50 groups with every metric (about 10 MB), written as Cost
Explorer writes it (numbers as strings, long decimals). Each side starts where the page has the
answer: the app from its bytes (its transport reads a fetch body's bytes into wasm and decodes
them there), `JSON.parse` from the text already decoded (its best case) and, as `response.json()`
does, from the bytes (TextDecoder + JSON.parse). Each ends holding what it read: the app's page
is freed after its timing and that is timed apart, as `JSON.parse`'s objects are collected by
the garbage collector after theirs.
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from e2e.support.bench import first_button_times
from e2e.support.browser import launch
from e2e.support.static import StaticSite

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "e2e" / "bench"
ESBUILD = ROOT / "scripts" / "build" / "node_modules" / ".bin" / "esbuild"
WASM = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "wasm32-unknown-unknown" / "release" / "lens_bench.wasm"


def coverage_body(periods=395, groups=50) -> str:
    """A GetReservationCoverage answer of `periods` days × `groups` instance types."""
    def metrics(i):
        reserved = 24 * (i % 17 + 1)
        on_demand = 7 * (i % 23) + 0.5
        total = reserved + on_demand
        pct = reserved * 100 / total
        return {
            "CoverageHours": {"OnDemandHours": f"{on_demand}", "ReservedHours": f"{reserved}",
                              "TotalRunningHours": f"{total}", "CoverageHoursPercentage": f"{pct:.15g}"},
            "CoverageNormalizedUnits": {"OnDemandNormalizedUnits": f"{on_demand * 8}",
                                        "ReservedNormalizedUnits": f"{reserved * 8}",
                                        "TotalRunningNormalizedUnits": f"{total * 8}",
                                        "CoverageNormalizedUnitsPercentage": f"{pct:.15g}"},
            "CoverageCost": {"OnDemandCost": f"{on_demand * 0.1923456789:.15g}"},
        }
    from datetime import date, timedelta
    first = date(2025, 11, 1)
    out = []
    for d in range(periods):
        start, end = first + timedelta(days=d), first + timedelta(days=d + 1)
        out.append({"TimePeriod": {"Start": start.isoformat(), "End": end.isoformat()},
                    "Groups": [{"Attributes": {"instanceType": f"m{g % 9 + 5}i.{g}xlarge", "region": "us-east-1"},
                                "Coverage": metrics(d * groups + g)} for g in range(groups)],
                    "Total": metrics(d)})
    return json.dumps({"CoveragesByTime": out, "Total": metrics(7)}, separators=(",", ":"))


def build(out: Path, config=()):
    """The core's bench build (wasm-bindgen for the web, wasm-opt -Oz as Trunk does for the app)
    and the JavaScript bundle, into `out`."""
    env = {**os.environ, "PATH": f"{Path.home()}/.cargo/bin:{os.environ['PATH']}"}
    settings = [a for c in config for a in ("--config", c)]
    subprocess.run(["cargo", "build", "--locked", "--offline", "-p", "lens-bench", "--release",
                    "--target", "wasm32-unknown-unknown", *settings], cwd=ROOT, env=env, check=True)
    subprocess.run(["wasm-bindgen", "--target", "web", "--no-typescript", "--out-dir", str(out), str(WASM)],
                   env=env, check=True)
    subprocess.run(["wasm-opt", "-Oz", "--enable-simd", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
                    "--enable-multivalue", str(out / "lens_bench_bg.wasm"), "-o", str(out / "lens_bench_bg.wasm")],
                   env=env, check=True)
    subprocess.run([str(ESBUILD), str(BENCH / "entry.js"), "--bundle", "--format=esm", "--platform=browser",
                    "--minify", f"--outfile={out / 'js.js'}"], cwd=BENCH, check=True)
    (out / "body.json").write_text(coverage_body())
    (out / "index.html").write_text("""<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">
import init, { parse_coverage, sign_coverage } from "./lens_bench.js";
import { sdkParse, aws4fetchSign, CREDENTIALS as C } from "./js.js";
await init();
const bytes = new Uint8Array(await (await fetch("./body.json")).arrayBuffer());
const text = new TextDecoder().decode(bytes);
const time = async (f) => { const t = performance.now(); const r = await f(); return [performance.now() - t, r]; };
window.bench = {
  size: bytes.length,
  parse: async () => ({
    json: await time(() => { const v = JSON.parse(text); return v.CoveragesByTime.length; }),
    decode_json: await time(() => { const v = JSON.parse(new TextDecoder().decode(bytes)); return v.CoveragesByTime.length; }),
    ...await (async () => {
      const [ms, page] = await time(() => parse_coverage(bytes));
      const n = page.count();
      const [free] = await time(() => page.free());
      return { lens: [ms, n], lens_free: [free, n] };
    })(),
    sdk: await time(() => sdkParse(text)),
  }),
  sign: async (n) => ({
    lens: await time(() => sign_coverage(n, 1795000000, C.accessKeyId, C.secretAccessKey, C.sessionToken)),
    aws4fetch: await time(() => aws4fetchSign(n)),
  }),
};
document.title = "ready";
</script>""")


def median(xs):
    return statistics.median(xs)


def startup(browser, dist: Path, runs: int):
    """Navigation start → the Connection view's first button, on the release build served."""
    with StaticSite(dist) as site:
        return first_button_times(browser, site.url + "#/connection", runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--signs", type=int, default=2000)
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--cargo-config", action="append", default=[], metavar="KEY=VALUE",
                    help="a cargo --config setting for the bench build, e.g. "
                         "'profile.release.package.serde_json.opt-level=3' (repeatable)")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="lens-bench-"))
    try:
        build(out, args.cargo_config)
        sizes = {name: (p.stat().st_size, len(gzip.compress(p.read_bytes(), 9)))
                 for name in ("lens_bench_bg.wasm", "lens_bench.js", "js.js") for p in [out / name]}
        with sync_playwright() as pw:
            browser = launch(pw)
            with StaticSite(out, prefix="/") as site:
                page = browser.new_page()
                page.goto(site.url)
                page.wait_for_function("document.title === 'ready'", timeout=60_000)
                size = page.evaluate("window.bench.size")
                parse = {"json": [], "decode_json": [], "lens": [], "lens_free": [], "sdk": []}
                counts = set()
                for _ in range(args.runs):
                    r = page.evaluate("window.bench.parse()")
                    for k, (ms, n) in r.items():
                        parse[k].append(ms)
                    counts.add((r["lens"][1], r["sdk"][1]))
                assert len(counts) == 1 and len({*next(iter(counts))}) == 1, f"the parsers disagree: {counts}"
                sign = {"lens": [], "aws4fetch": []}
                for _ in range(max(3, args.runs // 3)):
                    r = page.evaluate(f"window.bench.sign({args.signs})")
                    for k, (ms, _) in r.items():
                        sign[k].append(ms * 1000 / args.signs)
            start = startup(browser, Path(args.dist), args.runs) if Path(args.dist, "index.html").exists() else []
            browser.close()
        print(f"body: {size / 1e6:.1f} MB, {args.runs} runs, medians")
        for k, name in (("json", "the page's JSON.parse (text)"),
                        ("decode_json", "TextDecoder + JSON.parse"),
                        ("lens", "Reservation Lens (wasm, bytes)"),
                        ("lens_free", "  then freeing its page"), ("sdk", "AWS SDK for JS v3")):
            print(f"parse  {name:30} {median(parse[k]):8.1f} ms  (min {min(parse[k]):.1f}, max {max(parse[k]):.1f})")
        # Each run times every parser back to back: the median of the runs' own ratios holds
        # when the machine's speed drifts between runs (a shared host), the ratio of medians not.
        paired = [l / j for l, j in zip(parse["lens"], parse["json"])]
        paired_decode = [l / j for l, j in zip(parse["lens"], parse["decode_json"])]
        print(f"ratio  per run, median: lens / JSON.parse {median(paired):.2f}×, "
              f"lens / (TextDecoder + JSON.parse) {median(paired_decode):.2f}×")
        print(f"ratio  lens / JSON.parse {median(parse['lens']) / median(parse['json']):.2f}×, "
              f"lens / (TextDecoder + JSON.parse) {median(parse['lens']) / median(parse['decode_json']):.2f}×, "
              f"SDK / lens {median(parse['sdk']) / median(parse['lens']):.2f}×")
        for k, name in (("lens", "Reservation Lens (wasm)"), ("aws4fetch", "aws4fetch")):
            print(f"sign   {name:28} {median(sign[k]):8.1f} µs a request")
        print(f"ratio  aws4fetch / lens {median(sign['aws4fetch']) / median(sign['lens']):.2f}×")
        if start:
            print(f"startup navigation → first button {median(start):.0f} ms median "
                  f"(min {min(start):.0f}, max {max(start):.0f}) over {len(start)} loads")
        for name, (raw, gz) in sizes.items():
            print(f"size   {name:28} {raw / 1000:8.1f} KB raw {gz / 1000:8.1f} KB gzip")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
