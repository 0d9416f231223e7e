"""The whole app as one HTML file (scripts/post_build.py, scripts/single-file.sh), opened from disk
by `file://` as someone who got it as an attachment would: alone in a folder, under a name of
their own. Sample data in every area, a connection to the stand-in and a coverage query, a CSV
download and a copy button; the file asks for nothing but the stand-in, writes nothing to the
browser's storage, and gives a working copy of itself. The hosted app links to it."""

import base64
import csv
import hashlib
import io
import re
import shutil
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from e2e.support.app import aws_calls, connect_to_sample_data, connect_to_standin, open_area

NAME = "Reservation Lens.html"


@pytest.fixture
def from_disk(journey, one_file, tmp_path):
    """The journey on the one file, copied alone into a folder of its own and opened by
    `file://`; every request the page makes is kept (`journey.requests`)."""
    copy = tmp_path / NAME
    shutil.copy(one_file, copy)
    journey.site = SimpleNamespace(url=copy.as_uri())
    journey.requests = []
    journey.page.on("request", lambda r: journey.requests.append(r.url))
    yield journey
    strangers = [u for u in journey.requests
                 if not u.startswith((copy.as_uri(), "data:", "blob:", journey.standin.url))]
    assert not strangers, f"the one file asked for something besides itself and the stand-in: {strangers}"
    # Nothing written to the browser's storage (the notice's details were opened and closed).
    stored = journey.page.evaluate("[sessionStorage.length, localStorage.length, document.cookie]")
    assert stored == [0, 0, ""], f"the one file wrote to the browser's storage: {stored}"


def toggle_notice(page):
    summary = page.locator(".security-notice summary")
    summary.click()
    expect(page.get_by_text("There is no server of ours")).to_be_visible()
    summary.click()


def test_the_one_file_from_disk_shows_sample_data_in_every_area(from_disk):
    page = connect_to_sample_data(from_disk)
    assert page.url.startswith("file://")
    toggle_notice(page)
    open_area(page, "Capacity Reservations")
    expect(page.get_by_text(re.compile(r"^9 of 9 reservations$"))).to_be_visible()
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60001").click()
    expect(page.locator(".usage-used")).to_have_text("34")
    assert "#/capacity" in page.url
    open_area(page, "Commitments")
    page.get_by_role("button", name="Run RI coverage query").click()
    region = page.get_by_role("region", name="Coverage results")
    expect(region.locator("svg.coverage-lines")).to_be_visible(timeout=30_000)
    assert page.locator("table.coverage-table tbody tr").count() == 30
    # Fragment routes: back goes to the reservation, a reload keeps the view.
    page.go_back()
    expect(page.get_by_role("heading", level=1, name="Capacity Reservations")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Capacity Reservations")).to_be_visible()
    assert from_disk.standin.log() == []


def test_the_one_file_connects_to_aws_queries_coverage_downloads_csv_and_copies(from_disk, standin):
    from_disk.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = connect_to_standin(from_disk)
    open_area(page, "Commitments")
    page.get_by_role("button", name="Run RI coverage query").click()
    region = page.get_by_role("region", name="Coverage results")
    expect(region).to_be_visible(timeout=30_000)
    sent = aws_calls(standin, "GetReservationCoverage")
    assert len(sent) == 1
    # A page opened from disk has no origin to speak of: the browser says `null`.
    assert {e["origin"] for e in aws_calls(standin)} == {"null"}
    rows = page.locator("table.coverage-table tbody tr").count()
    assert rows > 0
    with page.expect_download() as d:
        region.get_by_role("button", name="Export CSV").click()
    records = list(csv.reader(io.StringIO(open(d.value.path(), encoding="utf-8").read())))
    assert records[0][:3] == ["Start", "End (exclusive)", "Group"] and len(records) == rows + 2
    page.get_by_role("button", name="Copy as AWS CLI command").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").startswith("aws ce get-reservation-coverage")


class _Code(HTMLParser):
    """A one file's code: its inline script, stylesheet, policy and wasm data blocks."""

    def __init__(self, text):
        super().__init__()
        self.blocks, self._open, self.policy = {}, None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.policy = a["content"]
        if tag in ("script", "style"):
            self._open = f"{tag} {a.get('type', '')} {a.get('id', '')}".strip()
            self.blocks[self._open] = ""

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open:
            self.blocks[self._open] += data


def download_the_app(page, folder):
    """Clicks "Download this app as one file" and saves what the page gives into `folder`."""
    with page.expect_download() as d:
        page.get_by_role("link", name="Download this app as one file").click()
    assert d.value.suggested_filename == "reservation-lens.html"
    folder.mkdir()
    d.value.save_as(folder / NAME)
    return folder / NAME


def test_the_hosted_app_offers_the_one_file_and_the_one_file_a_copy_of_itself(journey, one_file, tmp_path):
    page = journey.open("#/connection")
    expect(page.get_by_role("contentinfo")).to_contain_text(f"({-(-one_file.stat().st_size // 1024):,} KB)")
    hosted = download_the_app(page, tmp_path / "hosted")
    assert hosted.read_bytes() == one_file.read_bytes()

    # The downloaded file gives a copy of itself, which runs too.
    page.goto(hosted.as_uri())
    assert page.get_by_role("link", name="Download this app as one file").get_attribute("href").startswith("blob:")
    expect(page.get_by_role("contentinfo")).to_contain_text("a copy of the file you opened")
    again = download_the_app(page, tmp_path / "again")
    original, copy = _Code(one_file.read_text(encoding="utf-8")), _Code(again.read_text(encoding="utf-8"))
    assert copy.policy == original.policy and copy.blocks == original.blocks
    assert len(original.blocks) >= 3, original.blocks.keys()  # script, style, the main module at least
    # The file's policy: its own script and stylesheet by hash, nothing by origin or 'unsafe-…'.
    rules = {r.split()[0]: r.split()[1:] for r in original.policy.split("; ")}

    def sha256(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert rules["script-src"] == [sha256(original.blocks["script module"]), "'wasm-unsafe-eval'"]
    assert rules["style-src"] == [sha256(original.blocks["style"])]
    assert rules["img-src"] == ["data:"] and rules["default-src"] == ["'none'"]
    assert "'self'" not in rules["connect-src"] and journey.standin.url in rules["connect-src"]
    assert "https://ce.us-east-1.amazonaws.com" in rules["connect-src"]
    page.goto(again.as_uri() + "#/connection")
    page.get_by_role("button", name="Try with sample data").click()
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data")
    open_area(page, "Capacity Reservations")
    expect(page.get_by_text(re.compile(r"^9 of 9 reservations$"))).to_be_visible()
