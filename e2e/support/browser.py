"""Debian's Chromium under Playwright, and a journey's record of what went wrong in the page."""

import re
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def part_pattern(which: str = r"split_[a-z]+|chunk_\d+") -> re.Pattern:
    """The URLs of the app's lazily loaded parts named by `which` (wasm-split's names: split_<part>
    and chunk_<n>, the code parts share), content-hashed by scripts/post_build.py."""
    return re.compile(rf"/({which})-[0-9a-f]{{16}}\.wasm$")


# Every part.
PART = part_pattern()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class PageWatch:
    """Console errors, page errors, failed requests and HTTP error answers seen by a page."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    error_responses: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)

    def attach(self, page):
        page.on("console", lambda m: self.console_errors.append(f"{m.text} @ {m.location}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.error_responses.append(f"{r.status} {r.request.method} {r.url}")
                if r.status >= 400 else None)

    def _failed(self, request):
        # The browser fetches the tab's icon on its own and abandons the fetch when the page
        # reloads or navigates: not the app's request, and not a failure.
        if "/favicon-" in request.url and request.failure == "net::ERR_ABORTED":
            return
        # The same for the parts of the app it fetches in the background (src/chunks.rs): the
        # app never abandons them, the browser does when the page reloads or navigates away.
        if PART.search(request.url) and request.failure == "net::ERR_ABORTED":
            return
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def problems(self) -> list:
        return ([f"console error: {m}" for m in self.console_errors] + [f"page error: {m}" for m in self.page_errors]
                + [f"failed request: {m}" for m in self.failed_requests]
                + [f"HTTP error: {m}" for m in self.error_responses])
