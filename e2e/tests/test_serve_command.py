"""The README's serve command: `scripts/serve.sh` builds the app and serves a page that Chromium
renders, with the three areas navigable. Run with --release so it reuses the release build the
test command made just before (a debug build would compile everything again)."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

from playwright.sync_api import expect

from e2e.conftest import REPO

AREAS = ["Connection", "Capacity Reservations", "Commitments"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"scripts/serve.sh exited early with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200 and b"Reservation Lens" in r.read():
                    return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"scripts/serve.sh did not serve {url} within {timeout:.0f} s")


def test_serve_command_serves_a_navigable_app(browser, tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen(
        [str(REPO / "scripts" / "serve.sh"), "--release", "--no-autoreload", "--port", str(port)],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        _wait_for(url, proc, timeout=900)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        nav = page.get_by_role("navigation")
        for name in AREAS[1:] + AREAS[:1]:
            nav.get_by_role("link", name=name, exact=True).click()
            expect(page.get_by_role("heading", level=1, name=name, exact=True)).to_be_visible()
        page.close()
        assert errors == [], errors
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    # This build's own page, not one a failed build left in the serve folder from an earlier run.
    said = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert "error from build pipeline" not in said, said[-3000:]
    assert "success" in said, said[-3000:]
