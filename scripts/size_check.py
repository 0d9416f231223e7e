#!/usr/bin/env python3
"""First-load transfer of the built app: every file dist/index.html loads, compressed.

Prints each file's raw, gzip -9 and brotli (quality 11) size and the totals, and exits non-zero
when the gzip total is over the budget. Usage: size_check.py [DIST] [--budget-kb N] [--json F]
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
        # Trunk's inline loader imports the JS glue and names the wasm file.
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dist", nargs="?", default="dist")
    ap.add_argument("--budget-kb", type=float, default=450.0, help="gzip budget, KB (1000 B)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    dist = Path(args.dist).resolve()
    rows = []
    for f in first_load_files(dist):
        data = f.read_bytes()
        rows.append({
            "file": str(f.relative_to(dist)),
            "raw": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": len(brotli.compress(data, quality=11)),
        })
    total = {k: sum(r[k] for r in rows) for k in ("raw", "gzip", "brotli")}
    print(f"{'file':<48} {'raw':>10} {'gzip -9':>10} {'brotli':>10}")
    for r in rows:
        print(f"{r['file']:<48} {r['raw']:>10,} {r['gzip']:>10,} {r['brotli']:>10,}")
    print(f"{'TOTAL first load':<48} {total['raw']:>10,} {total['gzip']:>10,} {total['brotli']:>10,}")
    kb = total["gzip"] / 1000
    print(f"first-load transfer: {kb:.1f} KB gzip, {total['brotli'] / 1000:.1f} KB brotli "
          f"(budget {args.budget_kb:.0f} KB gzip)")
    if args.json:
        Path(args.json).write_text(json.dumps({"files": rows, "total": total}, indent=2))
    if kb > args.budget_kb:
        print(f"size_check: FAILED: {kb:.1f} KB gzip is over the {args.budget_kb:.0f} KB budget",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
