"""What happens between requests, end to end: the clock jumping while work is under way,
Forget in the middle of a split and of a usage load, and switching accounts in one tab.

A "clock jump" moves the stand-in's clock 20 minutes ahead, which is what AWS sees when the
computer's clock falls 20 minutes behind: requests signed before the jump pass, requests signed
after it are refused as expired until the app has measured the offset."""

import re
import time

from playwright.sync_api import expect

from e2e.standin import SECOND_CREDENTIALS
from e2e.standin.data import RESERVATIONS, SHARED_RESERVATION_ID
from e2e.support.app import aws_calls, connect_to_standin, open_capacity

JUMP = 20 * 60


def open_coverage(page):
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    expect(page.get_by_role("heading", level=1, name="Commitments")).to_be_visible()


def forget(page):
    page.get_by_role("navigation").get_by_role("link", name="Connection").click()
    page.get_by_role("button", name="Forget credentials").click()


def answered(entries):
    return [e for e in entries if e.get("status") == 200]


def split_values(entries):
    return [e["params"]["Filter"]["Dimensions"]["Values"][0] for e in entries
            if "Filter" in (e.get("params") or {})]


def test_a_clock_jump_in_the_middle_of_a_split_loses_no_value(journey, standin):
    journey.clock_skew_expected = True
    journey.expect_page_problems = True  # the refused requests show as HTTP errors in the browser
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_label("Split by").select_option("INSTANCE_TYPE")
    standin.scenario(slow={"count": 40, "service": "ce", "seconds": 0.8})
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_text(re.compile(r"\b[1-3] of \d+ values done"))).to_be_visible(timeout=20_000)
    standin.scenario(clock_offset_seconds=JUMP)
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=60_000)
    series = [e for e in aws_calls(standin, "GetReservationCoverage") if "Filter" in (e.get("params") or {})]
    refused = [e for e in series if e.get("code") == "InvalidSignatureException"]
    assert refused, "the jump happened while the split ran"
    values = set(split_values(series))
    assert set(split_values(answered(series))) == values, "every value was answered in the end"
    assert len(refused) <= 2, "each request in flight is refused at most once: the offset is learned once"
    expect(page.locator(".region-error")).to_have_count(0)
    legend = page.get_by_role("list", name="Lines").get_by_role("listitem")
    expect(legend).to_have_count(len(values))


def test_a_clock_jump_before_all_regions_is_corrected_through_sts(journey, standin):
    journey.clock_skew_expected = True
    journey.expect_page_problems = True
    page = connect_to_standin(journey)
    open_capacity(page)  # the list's history ends first: the jump is the listing's
    before = len(aws_calls(standin))
    standin.scenario(clock_offset_seconds=JUMP)
    page.get_by_label("All regions").check()
    total = len(RESERVATIONS)
    expect(page.get_by_text(re.compile(rf"^{total} of {total} reservations$"))).to_be_visible(timeout=60_000)
    expect(page.locator(".region-error")).to_have_count(0)
    after = aws_calls(standin)[before:]
    ec2 = [e for e in after if e["service"] == "ec2"]
    expired = [e for e in ec2 if e.get("code") == "RequestExpired"]
    probes = [e for e in after if e["operation"] == "GetCallerIdentity"]
    assert expired, "EC2 refused the first regions as expired"
    assert probes and len(probes) <= len(expired), "the clock was measured with STS, once per refusal at most"
    assert probes[0].get("code") == "SignatureDoesNotMatch"
    # The first refusals were signed before anything was learned; everything after is in step.
    assert len(expired) <= 4, "only the requests already in flight (4 at a time) were refused"
    assert {e["region"] for e in answered(ec2)} == {e["region"] for e in ec2}


def test_forget_during_a_split_sends_nothing_more(journey, standin):
    journey.expect_page_problems = True  # the aborted requests show as failed in the browser
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_label("Split by").select_option("INSTANCE_TYPE")
    standin.scenario(slow={"count": 40, "service": "ce", "seconds": 1.0})
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_text(re.compile(r"\b[1-3] of \d+ values done"))).to_be_visible(timeout=20_000)
    forget(page)
    at_forget = len(aws_calls(standin))
    time.sleep(3)  # three more requests' worth: nothing else may go out
    # Requests already in flight may still arrive; nothing is sent after them.
    assert len(aws_calls(standin)) <= at_forget + 2
    settled = len(aws_calls(standin))
    time.sleep(2)
    assert len(aws_calls(standin)) == settled
    open_coverage(page)
    expect(page.get_by_role("region", name="Coverage results")).to_have_count(0)


def test_forget_during_a_usage_load_sends_no_further_page(journey, standin):
    journey.expect_page_problems = True
    page = connect_to_standin(journey)
    open_capacity(page)
    standin.scenario(slow={"count": 10, "service": "ec2", "seconds": 1.5})
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"Loaded \d+ accounts \(1 pages\)"))).to_be_visible(timeout=20_000)
    forget(page)
    time.sleep(4)
    usage = aws_calls(standin, "GetCapacityReservationUsage")
    assert len(usage) == 2, "page 2 was in flight when Forget was pressed; page 3 was never asked for"
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_have_count(0)


def run_coverage(page):
    open_coverage(page)
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=60_000)


def test_switching_accounts_never_shows_the_previous_accounts_answers(journey, standin):
    page = connect_to_standin(journey)
    open_capacity(page)
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_be_visible(timeout=30_000)
    assert len(aws_calls(standin, "GetCapacityReservationUsage")) == 3
    # The same caller reopening it: answered from the session, nothing sent.
    page.get_by_role("link", name="← All reservations").click()
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_be_visible()
    assert len(aws_calls(standin, "GetCapacityReservationUsage")) == 3
    run_coverage(page)
    assert len(aws_calls(standin, "GetReservationCoverage")) == 1

    # Another role in another account, same tab: everything is asked again, as that caller.
    connect_to_standin(journey, creds=SECOND_CREDENTIALS)
    open_capacity(page)
    page.get_by_role("link", name=SHARED_RESERVATION_ID).click()
    expect(page.get_by_text(re.compile(r"^2,501 of 2,501 accounts$"))).to_be_visible(timeout=30_000)
    usage = aws_calls(standin, "GetCapacityReservationUsage")
    assert len(usage) == 6
    assert {e["access_key"] for e in usage[3:]} == {SECOND_CREDENTIALS.access_key}
    run_coverage(page)
    coverage = aws_calls(standin, "GetReservationCoverage")
    assert len(coverage) == 2 and coverage[1]["access_key"] == SECOND_CREDENTIALS.access_key

    # Back to the first role: its own answers are still the session's, and cost nothing.
    connect_to_standin(journey)
    run_coverage(page)
    assert len(aws_calls(standin, "GetReservationCoverage")) == 2
