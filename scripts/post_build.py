#!/usr/bin/env python3
"""Trunk's post-build step (Trunk.toml [[hooks]]): what Trunk 0.21 cannot do itself.

Release builds only (TRUNK_PROFILE=release); debug builds are left as Trunk wrote them.
- Minifies wasm-bindgen's JS glue with esbuild (scripts/build, pinned by its package-lock.json):
  Trunk's own JS minifier fails on the glue's `export default` and leaves it as written
  (43.6 KB raw, 8.1 KB gzip; minified 19.8 KB raw, 6.1 KB gzip, measured 2026-12-02).
- Rewrites the script's Subresource Integrity hash in index.html to match, so the browser still
  checks what it runs.
- Writes the Content-Security-Policy into index.html as a <meta http-equiv>: scripts only from
  the page's origin plus the hash of Trunk's inline loader (known only now: it names the hashed
  file names), WebAssembly compilation, styles and images from the page's origin, and
  connections to the page's origin, every AWS endpoint the app can call
  (scripts/build/aws-origins.txt, checked against the endpoint table by tests/csp_origins.rs)
  and the origins of LENS_CONNECT_SRC (space-separated, for proxies and stand-ins).

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
AWS_ORIGINS = ROOT / "scripts" / "build" / "aws-origins.txt"
# An origin a deployment may add: https to any host, plain http to this computer only (the
# app refuses http to anything else).
EXTRA_ORIGIN = re.compile(
    r"^(https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?|http://(localhost|127(\.\d{1,3}){3}|\[::1\]))(:\d{1,5})?$",
    re.IGNORECASE,
)


def fail(message: str) -> None:
    sys.exit(f"post_build: {message}")


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def connect_sources() -> list:
    extra = os.environ.get("LENS_CONNECT_SRC", "").split()
    for origin in extra:
        if not EXTRA_ORIGIN.match(origin):
            fail(
                f"LENS_CONNECT_SRC: {origin!r} is not an origin like https://proxy.example.com or "
                "http://127.0.0.1:4566 (no path, no wildcard; plain http only for loopback)"
            )
    aws = AWS_ORIGINS.read_text(encoding="utf-8").split()
    if not aws:
        fail(f"{AWS_ORIGINS} is empty")
    return ["'self'"] + aws + [o.lower() for o in extra]


def policy(html: str) -> str:
    inline = re.findall(r"<script(?:\s[^>]*)?>(.*?)</script>", html, re.DOTALL)
    if not inline:
        fail("index.html has no inline loader script to hash")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in inline
    )
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src " + " ".join(connect_sources()),
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def add_policy(html: str) -> str:
    if "Content-Security-Policy" in html:
        fail("index.html already has a Content-Security-Policy")
    charset = re.search(r"<meta charset=\"?utf-8\"?\s*/?>", html, re.IGNORECASE)
    if not charset:
        fail("index.html has no <meta charset=utf-8> to put the policy after")
    meta = f'<meta http-equiv=Content-Security-Policy content="{policy(html)}">'
    return html[: charset.end()] + meta + html[charset.end():]


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
    html = add_policy(html.replace(old, integrity(after)))
    index.write_text(html, encoding="utf-8")
    print(f"post_build: {scripts[0]} minified, {len(before):,} -> {len(after):,} bytes; "
          "Content-Security-Policy written")


if __name__ == "__main__":
    main()
