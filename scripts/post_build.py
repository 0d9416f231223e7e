#!/usr/bin/env python3
"""Trunk's post-build step (Trunk.toml [[hooks]]): the app's WebAssembly, built our own way.

Trunk 0.21 builds the page (index.html, the stylesheet, the icon); this builds the app's code,
which Trunk cannot: Trunk has no support for splitting a wasm module into lazily loaded parts
(trunk-rs/trunk#1022), and its hooks run after its own wasm-bindgen step, too late for one.

Release builds (TRUNK_PROFILE=release):
1. `cargo build --release --features split` for wasm32, linked with `--emit-relocs` (what
   wasm-split reads), in its own target directory (target/split: other flags, other artifacts).
2. `wasm-split-cli` (wasm_split_cli_support, installed by scripts/setup.sh) cuts it at the split
   points of src/chunks.rs: the main module (the first view) and one file per part, plus chunks
   of code the parts share, and `__wasm_split.js`, which loads them on first use.
3. `wasm-bindgen --target web` on the main module, `wasm-opt -Oz` on every module.
4. esbuild bundles wasm-bindgen's glue, `__wasm_split.js` and a four-line start script into one
   minified ES module (Trunk's own JS minifier fails on the glue's `export default`).
5. Every file gets its content hash in its name (what Trunk's `filehash` does for its own), and
   index.html loads the script (with its Subresource Integrity hash) and preloads the main
   module's wasm.
6. The Content-Security-Policy goes into index.html as a <meta http-equiv>: scripts only from
   the page's origin (no inline script is left to hash), WebAssembly compilation, styles and
   images from the page's origin, and connections to the page's origin, every AWS endpoint the
   app can call (scripts/build/aws-origins.txt, checked against the endpoint table by
   tests/csp_origins.rs) and the origins of LENS_CONNECT_SRC (space-separated, for proxies and
   stand-ins).

7. The whole app as one HTML file (`reservation-lens-<hash>.html` beside index.html, which names
   it in a `<link rel=alternate id=lens-one-file>` for the app's "Download this app as one
   file"): the stylesheet and icon inline, every wasm module gzip'd and base64'd in a data block
   (`<script type=application/octet-stream>`, never run as script), decompressed and
   instantiated from memory by a second bundle, inline, whose policy allows it by hash. It works
   opened from disk (`file://`) and asks for no other file (scripts/single-file.sh).

Debug builds (`trunk serve`): the same without the split (one module, the parts are plain async
functions), without wasm-opt, minifying, the policy or the one file.

Fails loudly (non-zero exit, so the build fails) when anything is not as expected.
"""
import base64
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "scripts" / "build" / "node_modules" / ".bin" / "esbuild"
AWS_ORIGINS = ROOT / "scripts" / "build" / "aws-origins.txt"
NAME = "reservation-lens"
WASM32 = "wasm32-unknown-unknown"
# What rustc 1.95 emits for wasm32 by default; wasm-opt must accept all of it.
WASM_FEATURES = ["--enable-simd", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
                 "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]
# An origin a deployment may add: https to any host, plain http to this computer only (the
# app refuses http to anything else).
EXTRA_ORIGIN = re.compile(
    r"^(https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?|http://(localhost|127(\.\d{1,3}){3}|\[::1\]))(:\d{1,5})?$",
    re.IGNORECASE,
)


def fail(message: str) -> None:
    sys.exit(f"post_build: {message}")


def run(*args, **kwargs) -> None:
    env = {**os.environ, "PATH": f"{Path.home()}/.cargo/bin:{os.environ.get('PATH', '')}"}
    env.update(kwargs.pop("env", {}))
    try:
        subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True, **kwargs)
    except FileNotFoundError:
        fail(f"{args[0]} is missing: run scripts/setup.sh")
    except subprocess.CalledProcessError as e:
        fail(f"{Path(str(args[0])).name} failed (exit {e.returncode})")


def digest(algorithm: str, data: bytes) -> str:
    """`algorithm-base64` of `data`'s hash: Subresource Integrity's form, and (quoted) a
    Content-Security-Policy source's."""
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def integrity(data: bytes) -> str:
    return digest("sha384", data)


def hashed(name: str, data: bytes) -> str:
    """`name` with the content's hash before its extension, as Trunk's filehash does."""
    stem, dot, ext = name.partition(".")
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{dot}{ext}"


def custom_sections(module: bytes) -> list:
    """The names of a wasm module's custom sections (id 0), in order."""
    def leb(i):
        value = shift = 0
        while True:
            byte = module[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value, i
    if module[:4] != b"\0asm":
        fail("not a wasm module")
    names, i = [], 8
    while i < len(module):
        section, (size, i) = module[i], leb(i + 1)
        if section == 0:
            length, j = leb(i)
            names.append(module[j:j + length].decode("utf-8", "replace"))
        i += size
    return names


def build_modules(release: bool, work: Path) -> Path:
    """The app's wasm, cut into parts in release builds: returns the folder holding the
    main module (`NAME.wasm`), the parts, and `__wasm_split.js` (release only)."""
    parts = work / "parts"
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True)
    if release:
        target_dir = ROOT / "target" / "split"
        # RUSTFLAGS replaces .cargo/config.toml's rustflags, so erase_components is repeated.
        run("cargo", "build", "--release", "--offline", "--target", WASM32, "--bin", NAME,
            "--features", "split", "--target-dir", target_dir,
            env={"RUSTFLAGS": "--cfg erase_components -Ctarget-feature=+simd128 -Clink-args=--emit-relocs"})
        linked = target_dir / WASM32 / "release" / f"{NAME}.wasm"
        run("wasm-split-cli", linked, parts, "--out-name", NAME)
        if not (parts / "__wasm_split.js").is_file():
            fail("wasm-split-cli wrote no __wasm_split.js")
    else:
        run("cargo", "build", "--offline", "--target", WASM32, "--bin", NAME)
        shutil.copy(ROOT / "target" / WASM32 / "debug" / f"{NAME}.wasm", parts / f"{NAME}.wasm")
    if not (parts / f"{NAME}.wasm").is_file():
        fail(f"no main module {NAME}.wasm in {parts}")
    return parts


def write_app(release: bool, staging: Path) -> tuple:
    """Builds the app's code into `staging`; returns the tags index.html needs, and what the
    one-file build needs: the glue folder, the modules by name (`NAME` for the main one) and
    wasm-split's loader as it wrote it (release builds)."""
    work = ROOT / "target" / "post_build" / ("release" if release else "debug")
    parts = build_modules(release, work)
    glue = work / "glue"
    shutil.rmtree(glue, ignore_errors=True)
    run("wasm-bindgen", "--target", "web", "--no-typescript", "--out-dir", glue, "--out-name", NAME,
        *(["--keep-lld-exports"] if release else ["--debug"]), parts / f"{NAME}.wasm")
    main_wasm = glue / f"{NAME}_bg.wasm"
    lazy = sorted(p for p in parts.glob("*.wasm") if p.name != f"{NAME}.wasm")
    if release and not lazy:
        fail("wasm-split-cli cut no parts off: are the split points of src/chunks.rs built?")
    if release:
        for module in [main_wasm, *lazy]:
            # The producers and target-features sections are for linkers and tools, not
            # browsers: 211 bytes in each of the twelve modules, each compressed on its own.
            run("wasm-opt", "-Oz", *WASM_FEATURES, "--strip-producers", "--strip-target-features",
                module, "-o", module)
            left = custom_sections(module.read_bytes())
            if left:
                fail(f"{module.name} still has custom sections after wasm-opt: {', '.join(left)}")

    # The parts, named by content; the loader names them.
    files = {}
    modules = {NAME: main_wasm.read_bytes(), **{p.stem: p.read_bytes() for p in lazy}}
    split_loader = None
    if release:
        loader = split_loader = (parts / "__wasm_split.js").read_text(encoding="utf-8")
        for part in lazy:
            data = modules[part.stem]
            name = hashed(part.name, data)
            literal = f'"./{part.name}"'
            if loader.count(literal) != 1:
                fail(f"__wasm_split.js names {literal} {loader.count(literal)} times, not once")
            loader = loader.replace(literal, f'"./{name}"')
            files[name] = data
        (glue / "__wasm_split.js").write_text(loader, encoding="utf-8")

    main_data = modules[NAME]
    main_name = hashed(main_wasm.name, main_data)
    files[main_name] = main_data
    script = bundle(glue, f'new URL("./{main_name}", import.meta.url)', minify=release).encode("utf-8")
    script_name = hashed(f"{NAME}.js", script)
    files[script_name] = script

    for name, data in files.items():
        (staging / name).write_bytes(data)
    sizes = ", ".join(f"{n} {len(d):,} B" for n, d in files.items())
    print(f"post_build: {len(files)} files: {sizes}")
    return [
        f'<link rel="preload" href="./{main_name}" as="fetch" type="application/wasm" '
        'crossorigin="anonymous">',
        f'<script type="module" src="./{script_name}" integrity="{integrity(script)}"></script>',
    ], (glue, modules, split_loader)


def bundle(folder: Path, main_module: str, before: str = "", minify: bool = True) -> str:
    """One ES module of wasm-bindgen's glue in `folder` (with the loader it imports) and a start
    script that runs `before`, then starts the app from `main_module` (a JS expression: a URL,
    or a Response)."""
    start = folder / "start.js"
    start.write_text(
        f'import init, * as bindings from "./{NAME}.js";\n'
        + before
        # The console's `wasmBindings.provokePanic(…)` (src/crash_banner.rs) goes through this.
        + "window.wasmBindings = bindings;\n"
        # A browser that cannot compile the module (no WebAssembly SIMD: .cargo/config.toml)
        # or a start that fails says so on the page, not only in the console.
        f"try {{ await init({{ module_or_path: {main_module} }}); }} catch (e) {{\n"
        "  const p = document.createElement(\"p\");\n"
        "  p.id = \"start-failure\";\n"
        "  p.setAttribute(\"role\", \"alert\");\n"
        "  p.textContent = \"Reservation Lens could not start: \" + e + \". \" + (e instanceof WebAssembly.CompileError\n"
        "    ? \"It needs a browser with WebAssembly SIMD: Chrome or Edge 91, Firefox 89, Safari 16.4 or later.\"\n"
        "    : \"Reload the page; if this stays, report it with the browser's name and version.\");\n"
        "  document.body.prepend(p);\n"
        "  throw e;\n"
        "}\n",
        encoding="utf-8",
    )
    if not ESBUILD.exists():
        fail(f"{ESBUILD} is missing: run scripts/setup.sh")
    out = folder / "bundle.js"
    # wasm-bindgen names the loader's module once per import block of src/chunks.rs in one
    # object literal (`"./__wasm_split.js": import1, … import3`, the same module each time):
    # esbuild's duplicate-key warning is about that and nothing else.
    run(ESBUILD, start, "--bundle", "--format=esm", "--platform=browser", "--log-level=warning",
        "--log-override:duplicate-object-key=silent", *(["--minify"] if minify else []),
        f"--outfile={out}")
    return out.read_text(encoding="utf-8")


def before_head(html: str, tags: str, what: str) -> str:
    """`html` with `tags` just before its one `</head>`."""
    if html.count("</head>") != 1:
        fail(f"index.html has no single </head> to put {what} before")
    return html.replace("</head>", tags + "</head>")


# What the one file's bundle reads its modules with: each is a data block of the file.
ONE_FILE_MODULES_JS = """\
// The app's wasm modules, each gzip'd and base64'd in a data block of this file
// (<script type="application/octet-stream" id="lens-wasm-NAME">, never run as script):
// decoded and decompressed in memory, as a Response WebAssembly.instantiateStreaming takes.
export async function wasmModule(name) {
  const block = document.getElementById(`lens-wasm-${name}`);
  if (!block) throw new Error(`this file holds no module ${name}`);
  const text = atob(block.textContent);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(body, { headers: { "content-type": "application/wasm" } });
}
"""


def sha256_source(text: str) -> str:
    return f"'{digest('sha256', text.encode('utf-8'))}'"


def tag_with_rel(html: str, rel: str):
    """The one `<link>` of `html` with this rel, and the name of the file it links to (Trunk's
    minified or not; the file is at the staging folder's top under any public URL)."""
    found = [m for m in re.finditer(r"<link\b[^>]*>", html)
             if re.search(rf"""\brel=["']?{rel}["'\s>]""", m.group(0))]
    if len(found) != 1:
        fail(f"index.html has {len(found)} <link rel={rel}>, not one")
    href = re.search(r"""\bhref=["']?([^"'\s>]+)""", found[0].group(0))
    if not href:
        fail(f"index.html's <link rel={rel}> has no href")
    return found[0].group(0), href.group(1).rsplit("/", 1)[-1]


def write_one_file(html: str, staging: Path, glue: Path, modules: dict, split_loader) -> str:
    """The whole app as one HTML file in `staging` (see the module's doc, step 7); returns its
    name. `html` is the page as Trunk wrote it, before the app's tags."""
    work = glue.parent / "one_file"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copy(glue / f"{NAME}.js", work / f"{NAME}.js")
    (work / "modules.js").write_text(ONE_FILE_MODULES_JS, encoding="utf-8")
    if split_loader is not None:
        # The parts come from the file's data blocks, not from the page's server.
        loader = 'import { wasmModule } from "./modules.js";\n' + split_loader
        for name in modules:
            if name == NAME:
                continue
            fetch = f'fetch(new URL("./{name}.wasm", import.meta.url))'
            if loader.count(fetch) != 1:
                fail(f"__wasm_split.js fetches {name}.wasm {loader.count(fetch)} times, not once")
            loader = loader.replace(fetch, f'wasmModule("{name}")')
        if "fetch(" in loader:
            fail("__wasm_split.js fetches something this build does not hold")
        (work / "__wasm_split.js").write_text(loader, encoding="utf-8")
    script = bundle(work, f'await wasmModule("{NAME}")', before=(
        'import { wasmModule } from "./modules.js";\n'
        # This very file as the browser read it, before the app adds to the page, is what its
        # "Download this app as one file" gives: a link like the hosted index.html's, to a
        # blob: URL (src/one_file.rs).
        'const source = new Blob(["<!doctype html>" + document.documentElement.outerHTML], '
        '{ type: "text/html" });\n'
        'const link = Object.assign(document.createElement("link"), { rel: "alternate", '
        'type: "text/html", id: "lens-one-file", title: "Reservation Lens as one file", '
        'href: URL.createObjectURL(source) });\n'
        # The size as said to people, as post_build's kilobytes() writes it.
        'link.dataset.size = Math.ceil(source.size / 1024).toLocaleString("en-US") + " KB";\n'
        'link.dataset.thisPage = "";\n'
        "document.head.append(link);\n"
    )).strip()
    if "</script" in script.lower():
        fail("the one file's script holds </script")

    html = re.sub(r"<link\b[^>]*\bdata-trunk\b[^>]*>", "", html)
    tag, href = tag_with_rel(html, "stylesheet")
    css = (staging / href).read_text(encoding="utf-8")
    if "</style" in css.lower():
        fail("the stylesheet holds </style")
    html = html.replace(tag, f"<style>{css}</style>")
    tag, href = tag_with_rel(html, "icon")
    icon = base64.b64encode((staging / href).read_bytes()).decode()
    html = html.replace(tag, f'<link rel=icon type=image/svg+xml href="data:image/svg+xml;base64,{icon}">')
    left = re.findall(r"""\b(?:href|src)=["']?\.?/""", html)
    if left:
        fail(f"the one file still names files of the page: {left}")
    blocks = "".join(
        f'<script type=application/octet-stream id=lens-wasm-{name}>'
        f"{base64.b64encode(gzip.compress(data, 9, mtime=0)).decode()}</script>"
        for name, data in modules.items()
    )
    html = before_head(html, f"<script type=module>{script}</script>{blocks}", "the one file's script")
    html = add_policy(html, script_src=sha256_source(script), style_src=sha256_source(css),
                      img_src="data:", own_origin=False)
    data = html.encode("utf-8")
    name = hashed(f"{NAME}.html", data)
    (staging / name).write_bytes(data)
    print(f"post_build: the app as one file: {name} {len(data):,} B")
    return name


def kilobytes(size: int) -> str:
    """A size as the app says it to people: "678 KB" (KiB, rounded up, grouped by commas)."""
    return f"{-(-size // 1024):,} KB"


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
    return aws + [o.lower() for o in extra]


def policy(script_src: str, style_src: str, img_src: str, own_origin: bool) -> str:
    """The policy: the page's own origin where it has one (a file opened from disk has none
    that means anything: `'self'` is left out, its script and style are allowed by hash)."""
    return "; ".join([
        "default-src 'none'",
        f"script-src {script_src} 'wasm-unsafe-eval'",
        f"style-src {style_src}",
        f"img-src {img_src}",
        "connect-src " + " ".join(["'self'"] * own_origin + connect_sources()),
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def add_policy(html: str, script_src="'self'", style_src="'self'", img_src="'self' data:",
               own_origin=True) -> str:
    if "Content-Security-Policy" in html:
        fail("index.html already has a Content-Security-Policy")
    if own_origin and re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html):
        fail("index.html has an inline script: the policy allows none")
    charset = re.search(r"<meta charset=\"?utf-8\"?\s*/?>", html, re.IGNORECASE)
    if not charset:
        fail("index.html has no <meta charset=utf-8> to put the policy after")
    meta = f'<meta http-equiv=Content-Security-Policy content="{policy(script_src, style_src, img_src, own_origin)}">'
    return html[: charset.end()] + meta + html[charset.end():]


def main() -> None:
    release = os.environ.get("TRUNK_PROFILE") == "release"
    staging = Path(os.environ.get("TRUNK_STAGING_DIR") or fail("TRUNK_STAGING_DIR is not set"))
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    if re.search(r"\.wasm\b|<script", html):
        fail("index.html already loads code: the app's code is this step's (Trunk's rust link must be data-trunk-skip)")
    tags, (glue, modules, split_loader) = write_app(release, staging)
    if release:
        one_file = write_one_file(html, staging, glue, modules, split_loader)
        size = (staging / one_file).stat().st_size
        # Not fetched: where the app's "Download this app as one file" points (src/one_file.rs).
        tags.append(f'<link rel=alternate type=text/html id=lens-one-file href="./{one_file}" '
                    f'data-size="{kilobytes(size)}" title="Reservation Lens as one file">')
    html = before_head(html, "".join(tags), "the app's script")
    if release:
        html = add_policy(html)
    index.write_text(html, encoding="utf-8")
    print("post_build: index.html loads the app" + (" under its Content-Security-Policy" if release else ""))


if __name__ == "__main__":
    main()
