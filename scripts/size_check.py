#!/usr/bin/env python3
"""Transfer of the built app, compressed: the first view (every file dist/index.html loads) and
the whole app (that plus the parts loaded on first use: every other .wasm file in dist).

Prints each file's raw, gzip -9 and brotli (quality 11) size and the totals, and exits non-zero
when a gzip total is over its budget. With --one-file-ratio, also the one-file build that
index.html names (<link id=lens-one-file>, scripts/post_build.py) against the raw size of the
dist/ files it replaces (all the others), failing above that ratio.
Usage: size_check.py [DIST] [--budget-kb N] [--app-budget-kb N] [--one-file-ratio R] [--json F]
"""
import argparse
import gzip
import html.parser
import json
import re
import sys
from pathlib import Path

try:
    import brotli
except ImportError:  # the e2e venv has it; say so rather than guess
    sys.exit("size_check: the 'brotli' module is missing; run it with e2e/.venv/bin/python")


class _Refs(html.parser.HTMLParser):
    """Collects the URLs index.html makes the browser fetch on first load."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._in_script = True
            if a.get("src"):
                self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "preload", "modulepreload", "icon", "manifest"} & set(rel):
                self.urls.append(a["href"])
        elif tag in ("img",) and a.get("src"):
            self.urls.append(a["src"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        # An inline script that imports code or names a wasm file (the build writes none today).
        if self._in_script:
            self.urls += re.findall(r"""['"](\.?/?[\w./-]+\.(?:js|wasm|css))['"]""", data)


def first_load_files(dist: Path):
    index = dist / "index.html"
    if not index.is_file():
        sys.exit(f"size_check: {index} not found: run `trunk build --release` first")
    parser = _Refs()
    parser.feed(index.read_text(encoding="utf-8"))
    files, missing = [index], []
    for url in parser.urls:
        if re.match(r"^[a-z]+:", url) or url.startswith("//"):
            sys.exit(f"size_check: index.html loads {url} from another origin; it must not")
        path = (dist / url.split("?")[0].split("#")[0].lstrip("/")).resolve()
        if not path.is_file():
            missing.append(url)
        elif path not in files:
            files.append(path)
    if missing:
        sys.exit(f"size_check: index.html references files not in {dist}: {missing}")
    if not any(f.suffix == ".wasm" for f in files):
        sys.exit("size_check: found no .wasm among the files index.html loads")
    return files


def measure(dist: Path, files):
    rows = []
    for f in files:
        data = f.read_bytes()
        rows.append({
            "file": str(f.relative_to(dist)),
            "raw": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": len(brotli.compress(data, quality=11)),
        })
    return rows


def one_file(dist: Path):
    """The one-file build index.html names, and the raw bytes of the files it replaces."""
    found = re.search(r'id=lens-one-file href="\./([^"]+)"', (dist / "index.html").read_text(encoding="utf-8"))
    if not found or not (dist / found.group(1)).is_file():
        sys.exit("size_check: index.html names no one-file build in dist/ (<link id=lens-one-file>)")
    path = dist / found.group(1)
    replaced = sum(f.stat().st_size for f in dist.iterdir() if f.is_file() and f != path)
    return path, replaced


def total(rows):
    return {k: sum(r[k] for r in rows) for k in ("raw", "gzip", "brotli")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dist", nargs="?", default="dist")
    ap.add_argument("--budget-kb", type=float, default=150.0,
                    help="gzip budget of the first view, KB (1000 B)")
    ap.add_argument("--app-budget-kb", type=float, default=None,
                    help="gzip budget of the whole app, KB (none unless given)")
    ap.add_argument("--one-file-ratio", type=float, default=None,
                    help="most the one-file build may weigh, raw, against the dist/ files it replaces")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    dist = Path(args.dist).resolve()
    first = first_load_files(dist)
    first_rows = measure(dist, first)
    later_rows = measure(dist, sorted(f for f in dist.glob("*.wasm") if f.resolve() not in first))
    first_total, app_total = total(first_rows), total(first_rows + later_rows)
    print(f"{'file':<48} {'raw':>10} {'gzip -9':>10} {'brotli':>10}")
    for r in first_rows:
        print(f"{r['file']:<48} {r['raw']:>10,} {r['gzip']:>10,} {r['brotli']:>10,}")
    t = first_total
    print(f"{'TOTAL first view':<48} {t['raw']:>10,} {t['gzip']:>10,} {t['brotli']:>10,}")
    for r in later_rows:
        print(f"{r['file'] + ' (on first use)':<48} {r['raw']:>10,} {r['gzip']:>10,} {r['brotli']:>10,}")
    t = app_total
    print(f"{'TOTAL whole app':<48} {t['raw']:>10,} {t['gzip']:>10,} {t['brotli']:>10,}")
    first_kb, app_kb = first_total["gzip"] / 1000, app_total["gzip"] / 1000
    print(f"first view: {first_kb:.1f} KB gzip, {first_total['brotli'] / 1000:.1f} KB brotli "
          f"(budget {args.budget_kb:.0f} KB gzip); whole app: {app_kb:.1f} KB gzip, "
          f"{app_total['brotli'] / 1000:.1f} KB brotli"
          + (f" (budget {args.app_budget_kb:.0f} KB gzip)" if args.app_budget_kb else ""))
    figures = {"first_view": first_rows, "later": later_rows, "first_view_total": first_total,
               "app_total": app_total}
    failed = 0
    if args.one_file_ratio is not None:
        path, replaced = one_file(dist)
        [row] = measure(dist, [path])
        ratio = row["raw"] / replaced
        print(f"one file: {row['file']} {row['raw']:,} B raw ({row['gzip']:,} gzip), {ratio:.2f}x the "
              f"{replaced:,} B of the dist/ files it replaces (most {args.one_file_ratio:.2f}x)")
        figures["one_file"] = {**row, "replaces_raw": replaced, "ratio": ratio}
        if ratio > args.one_file_ratio:
            print(f"size_check: FAILED: the one file is {ratio:.2f}x the files it replaces, over "
                  f"{args.one_file_ratio:.2f}x", file=sys.stderr)
            failed = 1
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    if first_kb > args.budget_kb:
        print(f"size_check: FAILED: the first view's {first_kb:.1f} KB gzip is over its "
              f"{args.budget_kb:.0f} KB budget", file=sys.stderr)
        failed = 1
    if args.app_budget_kb is not None and app_kb > args.app_budget_kb:
        print(f"size_check: FAILED: the whole app's {app_kb:.1f} KB gzip is over its "
              f"{args.app_budget_kb:.0f} KB budget", file=sys.stderr)
        failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
