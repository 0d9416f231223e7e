"""Startup of the one-file build against the hosted one, in headless Chromium: navigation start →
the Connection view's first button, a fresh context each load. The hosted build is dist/ served
on loopback (its first view, parts in the background); the one file is opened from disk, where
every module is decoded from base64 and gunzipped before it is compiled.

    e2e/.venv/bin/python -m e2e.bench.one_file_startup [--runs 15] [--dist dist]

Results in BENCHMARKS.md ("The app as one file"); not a test.
"""

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from e2e.support.bench import first_button_times, report
from e2e.support.browser import launch
from e2e.support.static import StaticSite, one_file_in

ROOT = Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    args = ap.parse_args()
    dist = Path(args.dist)
    try:
        built = one_file_in(dist)
    except AssertionError as e:
        raise SystemExit(f"{e}: run `trunk build --release` first")
    folder = Path(tempfile.mkdtemp(prefix="lens-one-file-"))
    try:
        one = folder / "Reservation Lens.html"
        shutil.copy(built, one)
        with sync_playwright() as pw:
            browser = launch(pw)
            with StaticSite(dist) as site:
                hosted = first_button_times(browser, site.url + "#/connection", args.runs)
            from_disk = first_button_times(browser, one.as_uri() + "#/connection", args.runs)
            browser.close()
        report("hosted, navigation → first button", hosted)
        report("one file from disk, navigation → first button", from_disk)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
