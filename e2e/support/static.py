"""A plain static file server for the release build, mounted under a sub-path (``/lens/``).

It is what any static host does: files by path, ``index.html`` for the directory, the right MIME
types (``application/wasm`` matters for streaming compilation), 404 for anything else. No rewrite
rules: the app uses hash routes.
"""

import mimetypes
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

MIME = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
        ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json",
        ".ico": "image/x-icon", ".png": "image/png", ".woff2": "font/woff2"}


def one_file_in(dist: Path) -> Path:
    """The one-file build the release build wrote beside index.html, which names it in
    `<link id=lens-one-file>` (scripts/post_build.py). Raises AssertionError when it does not."""
    found = re.search(r'<link rel=alternate type=text/html id=lens-one-file href="\./([^"]+)"',
                      (dist / "index.html").read_text(encoding="utf-8"))
    assert found, f"{dist}/index.html names no one-file build (<link id=lens-one-file>)"
    path = dist / found.group(1)
    assert path.is_file(), f"index.html names {found.group(1)}, which is not in {dist}"
    return path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def _serve(self, send_body):
        root: Path = self.server.root
        prefix: str = self.server.prefix
        path = unquote(urlsplit(self.path).path)
        self.server.requests.append(path)
        if path == prefix.rstrip("/"):
            return self._reply(301, b"", "text/plain", {"Location": prefix}, send_body)
        if not path.startswith(prefix):
            return self._reply(404, b"not found", "text/plain", {}, send_body)
        rel = path[len(prefix):] or "index.html"
        target = (root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        inside = root.resolve() in target.parents
        if not inside or not target.is_file():
            return self._reply(404, b"not found", "text/plain", {}, send_body)
        ctype = MIME.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._reply(200, target.read_bytes(), ctype, {"Cache-Control": "no-store"}, send_body)

    def _reply(self, status, body, ctype, extra, send_body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class StaticSite:
    def __init__(self, root: Path, prefix: str = "/lens/"):
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.root = Path(root)
        self._server.prefix = prefix
        self._server.requests = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.prefix = prefix

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    @property
    def requests(self) -> list:
        return self._server.requests

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
