"""Fixtures shared by the stand-in unit tests and the browser journeys."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from e2e.standin import DEMO_CREDENTIALS, EXPIRED_CREDENTIALS, StandIn

E2E = Path(__file__).resolve().parent
REPO = E2E.parent
ARTIFACTS = E2E / "artifacts"


# The built page's Content-Security-Policy lets it connect only to the origins it was built with,
# so the stand-in listens on the port the build allowed: scripts/test.sh builds with
# LENS_CONNECT_SRC=http://127.0.0.1:$LENS_STANDIN_PORT and runs the suite with the same port.
STANDIN_PORT = int(os.environ.get("LENS_STANDIN_PORT", "0"))


@pytest.fixture(scope="session")
def _standin_server(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("standin") / "requests.jsonl"
    with StandIn(port=STANDIN_PORT, log_path=log_path) as server:
        yield server


@pytest.fixture
def standin(_standin_server):
    """The running stand-in, with the default scenario and an empty log for this test."""
    _standin_server.reset()
    yield _standin_server
    _standin_server.reset()


@pytest.fixture
def creds():
    return DEMO_CREDENTIALS


@pytest.fixture
def expired_creds():
    return EXPIRED_CREDENTIALS


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    dist = Path(os.environ.get("LENS_DIST", REPO / "dist")).resolve()
    if not (dist / "index.html").is_file():
        pytest.fail(
            f"No release build at {dist} (index.html missing). Build it first: `trunk build --release` "
            "in the repo root, or point LENS_DIST at a dist/ directory.",
            pytrace=False,
        )
    return dist


@pytest.fixture(scope="session")
def one_file(dist_dir) -> Path:
    """The whole app as one HTML file, beside index.html in the release build."""
    from e2e.support.static import one_file_in

    return one_file_in(dist_dir)


# ---------------------------------------------------------------- browser journeys


@pytest.fixture(scope="session")
def site(dist_dir):
    """The release build, served by a plain static server under /lens/."""
    from e2e.support.static import StaticSite

    with StaticSite(dist_dir, "/lens/") as s:
        yield s


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from e2e.support.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Journey:
    """What a journey test drives: the page, the site, the stand-in, and what the page saw."""

    def __init__(self, page, site, standin, watch):
        self.page, self.site, self.standin, self.watch = page, site, standin, watch
        self.expect_page_problems = False  # a journey that provokes failures on purpose sets this
        self.bad_credentials_expected = False  # a journey that signs with wrong credentials on purpose
        self.clock_skew_expected = False  # a journey that sets the browser's clock off on purpose
        self.aws_refusals_expected = frozenset()  # error codes a journey provokes from AWS's rules on purpose
        self.csp_violations_expected = False  # a journey that breaks the page's policy on purpose

    def open(self, route: str = ""):
        self.page.goto(self.site.url + route)
        return self.page


@pytest.fixture
def journey(request, browser, site, standin):
    """A fresh browser context on the app. Every journey ends by saving a screenshot of its final
    state to e2e/artifacts/ and asserting, from the stand-in's log, that every request the app sent
    carried a valid signature and model-valid parameters (and that the page saw no errors)."""
    from e2e.support.browser import PageWatch
    from e2e.support.logcheck import assert_log_consistent

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    off_machine = []

    def loopback_only(route):
        # Nothing may leave the machine: a request to anywhere but loopback is a bug, recorded and
        # aborted (a file: URL is the one-file build opened from disk; e2e/tests/test_journey_one_file.py).
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost", "::1"):
            return route.continue_()
        off_machine.append(route.request.url)
        return route.abort()

    context.route("**/*", loopback_only)
    watch = PageWatch()
    # Every Content-Security-Policy violation the page reports fails the journey (unless the
    # journey provokes one on purpose).
    context.expose_binding("__lensCspViolation", lambda _source, text: watch.csp_violations.append(text))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__lensCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI}`));"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch.attach(page)
    j = Journey(page, site, standin, watch)
    yield j
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
    assert_log_consistent(standin.log(), j.bad_credentials_expected, j.clock_skew_expected, j.aws_refusals_expected)
    assert not off_machine, f"the app tried to reach beyond loopback: {off_machine}"
    if not j.csp_violations_expected:
        assert not watch.csp_violations, f"Content-Security-Policy violations: {watch.csp_violations}"
    if not j.expect_page_problems:
        assert not watch.problems(), "the page reported problems:\n  " + "\n  ".join(watch.problems())
