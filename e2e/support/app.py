"""Driving the app as a person would, shared by the journeys."""

import re

from playwright.sync_api import expect

from e2e.standin import DEMO_CREDENTIALS


def bash_paste(c) -> str:
    return (f'export AWS_ACCESS_KEY_ID="{c.access_key}"\nexport AWS_SECRET_ACCESS_KEY="{c.secret_key}"\n'
            f'export AWS_SESSION_TOKEN="{c.session_token}"\n')


def wait_until_loaded(page):
    """Waits until the page has fetched every lazily loaded part of the app (they load in the
    background once the first view is up; src/chunks.rs): nothing is left on the network."""
    page.wait_for_load_state("networkidle")


def connect_to_standin(journey, region: str = "us-east-1", creds=DEMO_CREDENTIALS):
    """Opens Connection, points every endpoint at the stand-in, pastes, picks the region and connects."""
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    if not page.get_by_label("EC2 endpoint", exact=True).is_visible():
        page.get_by_text("Custom endpoints").click()
    for label in ("EC2 endpoint", "Cost Explorer endpoint", "STS endpoint", "CloudWatch endpoint"):
        page.get_by_label(label, exact=True).fill(journey.standin.url)
    page.get_by_label("Paste credentials").fill(bash_paste(creds))
    page.get_by_label("Region").select_option(region)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_text(creds.arn)).to_be_visible()
    return page


def connect_to_sample_data(journey):
    page = journey.open("#/connection")
    page.get_by_role("button", name="Try with sample data").click()
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data")
    return page


def aws_calls(standin, operation=None):
    calls = [e for e in standin.log() if e.get("kind") == "aws"]
    return [e for e in calls if operation is None or e.get("operation") == operation]


def open_area(page, name):
    """Opens an area from the navigation and waits for its heading."""
    page.get_by_role("navigation").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def open_capacity(page, settled: bool = True):
    """Opens Capacity Reservations and waits for the region's rows; `settled` waits for the list's
    history too (a small list fetches it at once: Capacity Manager's status on EC2, then
    CloudWatch), so that what a test counts or breaks afterwards is its own request, not the list's:
    a one-shot EC2 fault set too early would hit the list's call instead."""
    page.get_by_role("navigation").get_by_role("link", name="Capacity Reservations").click()
    expect(page.get_by_role("heading", level=1, name="Capacity Reservations")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ reservations$"))).to_be_visible(timeout=30_000)
    expect(page.locator("table.data tbody tr").first).to_be_visible(timeout=30_000)
    if settled:
        expect(page.locator("section.list-history .history-summary")).to_be_visible(timeout=30_000)
