"""Accessibility: axe-core finds no serious or critical problem (and none of the moderate ones
fixed before) in every view and state, in light and in dark; the tables fit a 1440 px window;
the security notice is one line until asked for its details, and stays as left for the tab."""

import re

import pytest
from playwright.sync_api import expect

from e2e.standin import DEMO_CREDENTIALS as C
from e2e.support.app import bash_paste, connect_to_sample_data, connect_to_standin, open_area
from e2e.support.axe import assert_accessible as _axe

ARTIFACTS = __import__("pathlib").Path(__file__).resolve().parent.parent / "artifacts"


def assert_accessible(page, where):
    """axe-core finds nothing serious; a screenshot of the view is kept in e2e/artifacts/."""
    _axe(page, where)
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", where.lower()).strip("-")
    page.screenshot(path=str(ARTIFACTS / f"view-{name}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_on_sample_data_passes_axe(journey, scheme):
    page = journey.page
    page.emulate_media(color_scheme=scheme)
    journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    assert_accessible(page, f"Connection ({scheme})")

    # A refused paste: the error state of the form.
    page.get_by_label("Paste credentials").fill("export AWS_ACCESS_KEY_ID=\n")
    expect(page.locator(".field-error").first).to_be_visible()
    assert_accessible(page, f"Connection with a paste error ({scheme})")
    page.get_by_role("button", name="Forget credentials").click()

    connect_to_sample_data(journey)
    assert_accessible(page, f"Connection, connected ({scheme})")

    open_area(page, "Capacity Reservations")
    expect(page.get_by_text(re.compile(r"^9 of 9 reservations$"))).to_be_visible()
    assert_accessible(page, f"reservation list ({scheme})")
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60001").click()
    expect(page.locator(".usage-used")).to_have_text("34")
    assert_accessible(page, f"usage detail ({scheme})")

    open_area(page, "Commitments")
    assert_accessible(page, f"coverage form ({scheme})")
    page.get_by_role("button", name="Add dimension condition").click()
    page.get_by_role("button", name="Add tag condition").click()
    expect(page.get_by_role("listitem", name="Condition 2")).to_be_visible()
    assert_accessible(page, f"filter builder with conditions ({scheme})")
    page.get_by_role("button", name="Remove condition 2").click()
    page.get_by_role("button", name="Remove condition 1").click()
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=30_000)
    assert_accessible(page, f"coverage results ({scheme})")


def test_an_aws_error_panel_passes_axe(journey, standin):
    journey.bad_credentials_expected = True
    journey.expect_page_problems = True  # AWS's 403 shows up as a failed response
    page = journey.open("#/connection")
    page.get_by_text("Custom endpoints").click()
    for label in ("EC2 endpoint", "Cost Explorer endpoint", "STS endpoint", "CloudWatch endpoint"):
        page.get_by_label(label, exact=True).fill(standin.url)
    wrong = C.__class__(C.access_key, "x" * 40, C.session_token)
    page.get_by_label("Paste credentials").fill(bash_paste(wrong))
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".error-panel")).to_contain_text("SignatureDoesNotMatch")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page, f"an AWS error ({scheme})")


def _fits(page, table):
    """Whether every column of ``table`` is inside the window (no sideways scrolling needed)."""
    width = page.viewport_size["width"]
    box = table.bounding_box()
    last = table.locator("thead th").last.bounding_box()
    return box["x"] >= 0 and box["x"] + box["width"] <= width and last["x"] + last["width"] <= width


def test_the_tables_fit_a_1440_window(journey, standin):
    page = journey.page
    page.set_viewport_size({"width": 1440, "height": 900})
    connect_to_standin(journey)
    open_area(page, "Capacity Reservations")
    table = page.locator("section.reservations table.data")
    expect(table.locator("tbody tr").first).to_be_visible(timeout=30_000)
    assert table.locator("thead th").count() >= 14
    assert _fits(page, table), (table.bounding_box(), page.viewport_size)

    open_area(page, "Commitments")
    page.get_by_role("button", name="Run RI coverage query").click()
    coverage = page.locator("table.coverage-table")
    expect(coverage.locator("tbody tr").first).to_be_visible(timeout=30_000)
    assert _fits(page, coverage), (coverage.bounding_box(), page.viewport_size)
    # Numbers are right-aligned in tabular figures.
    cell = coverage.locator("tbody td.num").first
    assert cell.evaluate("c => getComputedStyle(c).textAlign") == "right"
    assert "tabular-nums" in cell.evaluate("c => getComputedStyle(c).fontVariantNumeric")


def test_a_narrow_window_scrolls_the_table_in_a_labelled_region(journey):
    page = journey.page
    page.set_viewport_size({"width": 1024, "height": 768})
    connect_to_sample_data(journey)
    open_area(page, "Capacity Reservations")
    region = page.get_by_role("region", name="Reservations table (scrolls sideways)")
    expect(region).to_be_visible()
    assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the list is wider than 1024 px"
    # Reachable by keyboard, and the first column stays in view while it scrolls.
    region.focus()
    page.keyboard.press("End")
    first = page.locator("section.reservations table.data tbody tr").first.locator("td, th").first
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    assert first.bounding_box()["x"] >= region.bounding_box()["x"] - 1


def test_the_security_notice_is_one_line_and_remembers_its_details(journey):
    page = journey.open("#/connection")
    notice = page.get_by_role("complementary", name="How your credentials are handled")
    expect(notice).to_contain_text("Your credentials never leave this page")
    expect(notice).to_contain_text("nothing is stored")
    details = notice.locator("details")
    expect(details).not_to_have_attribute("open", "")
    assert notice.bounding_box()["height"] < 60, notice.bounding_box()
    expect(notice.get_by_text("session token itself")).not_to_be_visible()
    notice.get_by_text("Details", exact=True).click()
    expect(notice.get_by_text("session token itself")).to_be_visible()
    # Remembered for the tab's life: after a reload the details are still open...
    page.reload()
    expect(page.get_by_role("complementary", name="How your credentials are handled")
           .get_by_text("session token itself")).to_be_visible()
    # ...and closed again once closed.
    page.get_by_role("complementary", name="How your credentials are handled").get_by_text("Hide details").click()
    page.reload()
    notice = page.get_by_role("complementary", name="How your credentials are handled")
    expect(notice.get_by_text("Your credentials never leave this page")).to_be_visible()
    expect(notice.get_by_text("session token itself")).not_to_be_visible()
    # What the notice must say about custom endpoints is never folded away.
    page.get_by_text("Custom endpoints").click()
    page.get_by_label("EC2 endpoint", exact=True).fill("http://127.0.0.1:9")
    expect(notice.locator(".warn")).to_be_visible()


def _wider_than_the_window(page):
    """Elements reaching past the window's right edge, other than inside a table's or a chart's
    own scrolling region."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1
                     && !e.closest('.table-wrap, figure.chart'))
        .slice(0, 8).map(e => `${e.tagName}.${e.className}`)""")


def test_every_view_is_readable_at_390_px(journey):
    page = journey.page
    page.set_viewport_size({"width": 390, "height": 844})
    journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    assert _wider_than_the_window(page) == []
    connect_to_sample_data(journey)
    open_area(page, "Capacity Reservations")
    expect(page.locator("section.reservations table.data tbody tr").first).to_be_visible()
    assert _wider_than_the_window(page) == []
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60007").click()
    expect(page.get_by_text(re.compile(r"^320 of 320 accounts$"))).to_be_visible()
    assert _wider_than_the_window(page) == []
    open_area(page, "Commitments")
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=30_000)
    assert _wider_than_the_window(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
