#!/usr/bin/env python3
"""Trunk's post-build step (Trunk.toml [[hooks]]): what Trunk 0.21 cannot do itself.

Release builds only (TRUNK_PROFILE=release); debug builds are left as Trunk wrote them.
- Minifies wasm-bindgen's JS glue with esbuild (scripts/build, pinned by its package-lock.json):
  Trunk's own JS minifier fails on the glue's `export default` and leaves it as written
  (43.6 KB raw, 8.1 KB gzip; minified 19.8 KB raw, 6.1 KB gzip, measured 2026-12-02).
- Rewrites the script's Subresource Integrity hash in index.html to match, so the browser still
  checks what it runs.
Fails loudly (non-zero exit, so the build fails) when anything is not as expected.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "scripts" / "build" / "node_modules" / ".bin" / "esbuild"


def fail(message: str) -> None:
    sys.exit(f"post_build: {message}")


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main() -> None:
    if os.environ.get("TRUNK_PROFILE") != "release":
        return
    staging = Path(os.environ.get("TRUNK_STAGING_DIR") or fail("TRUNK_STAGING_DIR is not set"))
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    # Whatever the public URL (./, /, /lens/), the loader names the script by its file name.
    named = set(re.findall(r"([\w.-]+\.js)\b", html))
    scripts = sorted(n for n in named if (staging / n).is_file())
    if len(scripts) != 1:
        fail(f"expected index.html to load one script, found {scripts}")
    script = staging / scripts[0]
    if not ESBUILD.exists():
        fail(f"{ESBUILD} is missing: run scripts/setup.sh")
    before = script.read_bytes()
    old = integrity(before)
    if html.count(old) != 1:
        fail(f"index.html does not hold {scripts[0]}'s integrity hash exactly once")
    subprocess.run(
        [str(ESBUILD), str(script), "--minify", "--format=esm", "--log-level=warning",
         f"--outfile={script}", "--allow-overwrite"],
        check=True,
    )
    after = script.read_bytes()
    index.write_text(html.replace(old, integrity(after)), encoding="utf-8")
    print(f"post_build: {scripts[0]} minified, {len(before):,} -> {len(after):,} bytes")


if __name__ == "__main__":
    main()
