"""The app shell, driven as a person would: title, navigation, deep links, back and forward."""

import re

import pytest
from playwright.sync_api import expect

AREAS = [("Connection", "#/connection"), ("Capacity Reservations", "#/capacity"), ("Commitments", "#/commitments")]


def _area_heading(page, name):
    return page.get_by_role("heading", level=1, name=name, exact=True)


def _nav(page):
    return page.get_by_role("navigation")


def test_app_loads_with_title_nav_and_notice(journey):
    page = journey.open()
    expect(_nav(page)).to_be_visible()
    expect(page).to_have_title(re.compile("Reservation Lens"))
    expect(page.get_by_role("banner")).to_contain_text("Reservation Lens")
    for name, href in AREAS:
        expect(_nav(page).get_by_role("link", name=name, exact=True)).to_have_attribute("href", href)
    expect(_area_heading(page, "Connection")).to_be_visible()  # the default area
    expect(page.get_by_text(re.compile("never leave"))).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert journey.watch.problems() == []
    # The tab has an icon (no 404 for /favicon.ico: the page names its own).
    icon = page.locator("link[rel=icon]")
    response = page.request.get(icon.evaluate("l => l.href"))
    assert response.ok and b"<svg" in response.body()


def test_navigation_by_clicking_links(journey):
    page = journey.open()
    for name, href in AREAS[1:] + AREAS[:1]:
        _nav(page).get_by_role("link", name=name, exact=True).click()
        expect(_area_heading(page, name)).to_be_visible()
        expect(page).to_have_url(journey.site.url + href)
        expect(page).to_have_title(f"{name} · Reservation Lens")
        for other, _ in AREAS:
            if other != name:
                expect(_area_heading(page, other)).to_have_count(0)


@pytest.mark.parametrize("name,href", AREAS, ids=["connection", "capacity", "coverage"])
def test_reload_on_a_deep_link_shows_that_area(journey, name, href):
    page = journey.open(href)
    expect(_area_heading(page, name)).to_be_visible()
    page.reload()
    expect(_area_heading(page, name)).to_be_visible()
    expect(page).to_have_url(journey.site.url + href)


def test_back_and_forward(journey):
    page = journey.open()
    expect(_area_heading(page, "Connection")).to_be_visible()
    _nav(page).get_by_role("link", name="Capacity Reservations", exact=True).click()
    expect(_area_heading(page, "Capacity Reservations")).to_be_visible()
    _nav(page).get_by_role("link", name="Commitments", exact=True).click()
    expect(_area_heading(page, "Commitments")).to_be_visible()
    page.go_back()
    expect(_area_heading(page, "Capacity Reservations")).to_be_visible()
    expect(page).to_have_url(journey.site.url + "#/capacity")
    page.go_back()
    expect(_area_heading(page, "Connection")).to_be_visible()
    page.go_forward()
    expect(_area_heading(page, "Capacity Reservations")).to_be_visible()
    page.go_forward()
    expect(_area_heading(page, "Commitments")).to_be_visible()
    expect(page).to_have_url(journey.site.url + "#/commitments")
