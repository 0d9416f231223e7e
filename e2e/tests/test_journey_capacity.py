"""Capacity Reservations against the stand-in: the list per region and across regions, a
2,500-account reservation's usage in exactly 3 requests, the interruptible section, ID errors,
the permission check, a throttled page, and the same views on sample data."""

import re

from playwright.sync_api import expect

from e2e.standin.data import (INTERRUPTIBLE_RESERVATION_ID, INTERRUPTIBLE_SOURCE_ID, RESERVATIONS,
                              SHARED_RESERVATION_ID)
from e2e.support.app import aws_calls, connect_to_sample_data, connect_to_standin, open_capacity


def ids_in(region):
    return {r.id for r in RESERVATIONS if r.region == region}


def shown_ids(page):
    return set(page.locator("table.data tbody tr td:nth-child(2) a").all_inner_texts())


def test_list_in_each_region(journey, standin):
    for region in ("us-east-1", "eu-west-1"):
        page = connect_to_standin(journey, region)
        open_capacity(page)
        expect(page.get_by_text(re.compile(rf"^{len(ids_in(region))} of {len(ids_in(region))} reservations$"))).to_be_visible()
        assert shown_ids(page) == ids_in(region)
    listed = {e["params"].get("Region") or e.get("region") for e in aws_calls(standin, "DescribeCapacityReservations")}
    assert len(aws_calls(standin, "DescribeCapacityReservations")) == 2, listed


def test_all_regions_lists_both_regions_and_filters(journey, standin):
    page = connect_to_standin(journey)
    open_capacity(page)
    page.get_by_label("All regions").check()
    total = len(RESERVATIONS)
    expect(page.get_by_text(re.compile(rf"^{total} of {total} reservations$"))).to_be_visible(timeout=60_000)
    assert shown_ids(page) == {r.id for r in RESERVATIONS}
    page.get_by_label("State").select_option("expired")
    expected = sum(r.state == "expired" for r in RESERVATIONS)
    expect(page.get_by_text(re.compile(rf"^{expected} of {total} reservations$"))).to_be_visible()
    page.get_by_label("State").select_option("")
    page.get_by_label("Search", exact=True).fill("c5.xlarge")
    expect(page.get_by_text(re.compile(rf"^1 of {total} reservations$"))).to_be_visible()


def test_shared_reservation_usage_in_three_requests(journey, standin):
    page = connect_to_standin(journey)
    open_capacity(page)
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_be_visible(timeout=30_000)
    expect(page.locator(".usage-total")).to_have_text("2,700")
    expect(page.locator(".usage-used")).to_have_text("2,600")
    assert page.locator("table.usage tbody tr").count() == 2501
    usage_calls = aws_calls(standin, "GetCapacityReservationUsage")
    assert len(usage_calls) == 3, [c["params"] for c in usage_calls]
    assert all(c["params"].get("MaxResults") in ("1000", 1000) for c in usage_calls)
    expect(page.locator("figure.chart svg.usage-bars")).to_be_visible()
    # A reload on the reservation's own URL needs a connection again, but keeps the ID.
    page.get_by_label("Search accounts").fill("700000002499")
    expect(page.get_by_text(re.compile(r"^1 of 2,501 accounts$"))).to_be_visible()


def test_interruptible_reservation_shows_its_allocation(journey, standin):
    page = connect_to_standin(journey, "eu-west-1")
    open_capacity(page)
    page.get_by_role("link", name=INTERRUPTIBLE_SOURCE_ID).click()
    section = page.get_by_role("region", name="Interruptible capacity")
    expect(section).to_contain_text("4 of 4")
    expect(section).to_contain_text(INTERRUPTIBLE_RESERVATION_ID)
    expect(section).to_contain_text("adhoc")


def test_malformed_id_sends_nothing_and_unknown_id_says_not_found(journey, standin):
    journey.expect_page_problems = True  # the unknown id's 400 answer
    page = connect_to_standin(journey)
    open_capacity(page)
    before = len(aws_calls(standin, "GetCapacityReservationUsage"))
    assert aws_calls(standin, "DescribeCapacityReservations")
    page.get_by_label("Capacity Reservation ID").fill("cr-12345")
    page.get_by_role("button", name="Show usage").click()
    expect(page.get_by_text(re.compile("is not a Capacity Reservation ID"))).to_be_visible()
    expect(page.get_by_label("Capacity Reservation ID")).to_have_value("cr-12345")
    assert len(aws_calls(standin, "GetCapacityReservationUsage")) == before
    page.get_by_label("Capacity Reservation ID").fill("cr-0000000000000dead")
    page.get_by_role("button", name="Show usage").click()
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text("InvalidCapacityReservationId.NotFound")
    expect(alert).to_contain_text("Check the ID and the region")


def test_permission_check_allowed_and_denied(journey, standin):
    journey.expect_page_problems = True  # DryRun answers are HTTP errors by design
    page = connect_to_standin(journey)
    open_capacity(page)
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    page.get_by_role("button", name="Check permissions").click()
    expect(page.get_by_text(re.compile(r"^Allowed: .*DryRunOperation"))).to_be_visible()
    standin.scenario(dry_run="denied")
    page.get_by_role("button", name="Check permissions").click()
    expect(page.get_by_text(re.compile(r"^Denied: .*UnauthorizedOperation"))).to_be_visible()
    dry = [c for c in aws_calls(standin, "GetCapacityReservationUsage") if str(c["params"].get("DryRun")).lower() == "true"]
    assert len(dry) == 2


def test_a_throttled_usage_page_is_retried(journey, standin):
    journey.expect_page_problems = True  # the throttled answer
    page = connect_to_standin(journey)
    open_capacity(page)
    standin.scenario(throttle={"count": 1, "service": "ec2"})
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_be_visible(timeout=30_000)
    assert len(aws_calls(standin, "GetCapacityReservationUsage")) == 4


def test_the_same_views_on_sample_data(journey, standin):
    page = connect_to_sample_data(journey)
    open_capacity(page)
    expect(page.get_by_text(re.compile(r"^9 of 9 reservations$"))).to_be_visible()
    expect(page.locator("tr.idle")).to_have_count(1)
    expect(page.get_by_role("heading", name="Totals per instance type")).to_be_visible()
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60001").click()
    expect(page.locator(".usage-used")).to_have_text("34")
    expect(page.get_by_role("heading", name="Totals per instance type")).to_have_count(0)  # on the detail page
    page.get_by_role("button", name="Check permissions").click()
    expect(page.get_by_text(re.compile(r"^Allowed: "))).to_be_visible()
    assert standin.log() == []


def test_the_count_line_waits_for_the_list(journey, standin):
    # While the region's list is still being asked for, the page says it is listing, not
    # "0 of 0 reservations" (which reads as "you have none").
    page = connect_to_standin(journey)
    standin.scenario(slow={"count": 1, "service": "ec2", "seconds": 2.0})
    page.get_by_role("navigation").get_by_role("link", name="Capacity Reservations").click()
    expect(page.get_by_role("status").filter(has_text="Listing reservations")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^0 of 0 reservations$"))).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ reservations$"))).to_be_visible(timeout=30_000)
