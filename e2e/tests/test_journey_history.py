"""Utilization over time (#16) against the stand-in: a reservation's 30 days from CloudWatch, the
list's 7-day figures for 600 reservations in two calls, the organization across accounts from EC2
Capacity Manager (one call per 10 metrics and page), Capacity Manager disabled falling back to
CloudWatch with the reason, a throttled call retried, a denied permission explained; and the
same views on sample data. Every number is checked against the stand-in's own (history.py)."""

import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from e2e.standin import data, history
from e2e.support.app import aws_calls, connect_to_sample_data, connect_to_standin, open_capacity

WEB = data.reservation_id("use1-web-m5")
ENABLED = {"status": "enabled", "ingestion": "complete", "home_region": "us-east-1", "organizations_access": True}


def number(text: str) -> float:
    """A figure as the page prints it: `1,234.5`, `57.14 %`, `USD 12.30`."""
    found = re.search(r"-?[\d,]+(\.\d+)?", text.replace("\u00a0", " "))
    assert found, f"no number in {text!r}"
    return float(found.group(0).replace(",", ""))


def history_section(page):
    return page.locator("section.list-history")


def row_of(table, reservation_id):
    return table.locator("tbody tr").filter(has=table.page.get_by_text(reservation_id, exact=True))


def cells(row) -> list:
    return [c.strip() for c in row.locator("th, td").all_inner_texts()]


def cw_window(call):
    p = call["params"]
    period = p["MetricDataQueries"][0]["MetricStat"]["Period"]
    return int(p["StartTime"]), int(p["EndTime"]), int(period)


def test_detail_over_30_days_equals_the_standin(journey, standin):
    page = connect_to_standin(journey)
    # The list's own history is fetched first (a small list); leaving before it ends would
    # cancel it, so the page is opened settled.
    open_capacity(page)
    page.get_by_role("link", name=WEB).first.click()
    section = page.locator("section.history")
    expect(section.locator(".history-average")).to_be_visible(timeout=30_000)
    standin.clear_log()
    section.get_by_role("button", name="30 days").click()
    expect(section.locator(".history-points")).to_have_text(re.compile(r" of 720$"), timeout=30_000)
    calls = aws_calls(standin, "GetMetricData")
    assert len(calls) == 1, [c["params"] for c in calls]
    asked = {(a["id"], a["metric"], a["reservation"]) for a in calls[0]["asked"]}
    assert asked == {("used", "UsedInstanceCount", WEB), ("total", "TotalInstanceCount", WEB),
                     ("utilization", "InstanceUtilization", WEB)}
    start, end, period = cw_window(calls[0])
    assert end - start == 30 * 86400 and period == 3600, (start, end, period)
    expected = history.reservation_summary(WEB, start, end, period)
    expect(section.locator(".history-points")).to_have_text(f"{expected['datapoints']} of 720")
    assert abs(number(section.locator(".history-average").inner_text()) - expected["average_utilization"]) < 0.006
    assert abs(number(section.locator(".history-unused").inner_text()) - expected["unused_instance_hours"]) < 0.051
    # The series as a table: one row a period with data, each equal to CloudWatch's average.
    section.get_by_text("The series as a table").click()
    rows = section.locator("details.history-table tbody tr")
    expect(rows).to_have_count(expected["datapoints"])
    used = history.cw_datapoints(WEB, "UsedInstanceCount", start, end, period, "Average")
    first = cells(rows.first)
    assert abs(number(first[1]) - used[0][1]) < 0.006, (first, used[0])
    expect(section.locator("svg.history-chart")).to_be_visible()


def test_the_list_s_week_for_600_reservations_in_two_calls(journey, standin):
    in_region = sum(r.region == "us-east-1" for r in data.RESERVATIONS) + 2  # + idle, underused
    standin.scenario(extra_reservations=600 - in_region, idle_reservations=True)
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    button = section.get_by_role("button", name=re.compile("^Fetch history"))
    # Above 100 metrics nothing is fetched without asking, and the button says what it costs.
    expect(button).to_contain_text("up to 600 metrics in 2 calls")
    assert aws_calls(standin, "GetMetricData") == []
    standin.clear_log()
    button.click()
    expect(section.locator(".history-summary")).to_be_visible(timeout=60_000)
    calls = aws_calls(standin, "GetMetricData")
    # Only the Capacity Manager probe besides: 600 queries need two calls of at most 500.
    assert sorted(len(c["asked"]) for c in calls) == [100, 500], [len(c["asked"]) for c in calls]
    expect(section.locator(".history-source")).to_contain_text("not enabled in us-east-1")
    start, end, period = cw_window(calls[0])
    assert end - start == 7 * 86400 and period == 3600
    table = section.locator("table.history-list")
    for rid in (WEB, history.IDLE_RESERVATION_ID, history.UNDERUSED_RESERVATION_ID):
        expected = history.reservation_summary(rid, start, end, period)
        row = cells(row_of(table, rid))
        # Reservation, Region, Instance type, State, Instances, Average, Lowest, Unused, Flag.
        assert abs(number(row[5]) - expected["average_utilization"]) < 0.006, (rid, row, expected)
        assert abs(number(row[7]) - expected["unused_instance_hours"]) < 0.051, (rid, row, expected)
        flag = "Idle" if expected["idle"] else "Underused" if expected["underused"] else ""
        assert row[8] == flag, (rid, row)
    idle = sum(history.reservation_summary(r, start, end, period)["idle"] for r in
               (history.IDLE_RESERVATION_ID, history.UNDERUSED_RESERVATION_ID, WEB))
    assert idle >= 1
    expect(section.locator(".history-summary")).to_contain_text("idle")
    # The threshold is the user's: at 0 % nothing is underused; a bad value is refused, kept.
    threshold = section.get_by_label("Underused below (%)")
    threshold.fill("abc")
    expect(section.get_by_role("alert")).to_contain_text("“abc” is not a percentage from 0 to 100")
    expect(threshold).to_have_value("abc")
    threshold.fill("0")
    expect(row_of(table, history.UNDERUSED_RESERVATION_ID).locator("td").last).to_have_text("")
    # Totals per instance type in the roll-up.
    expect(section.locator("table.history-rollup tbody tr").first).to_be_visible()


def cm_window(call):
    p = call["params"]

    def parse(t):
        return t if isinstance(t, datetime) else datetime.fromisoformat(str(t).replace("Z", "+00:00"))
    return parse(p["StartTime"]), parse(p["EndTime"]), int(p["Period"])


def test_across_accounts_from_capacity_manager_equals_the_standin(journey, standin):
    standin.scenario(capacity_manager=ENABLED)
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    expect(section.locator(".history-source")).to_contain_text("From EC2 Capacity Manager", timeout=30_000)
    expect(section.locator(".history-source")).to_contain_text("every account of the organization")
    across = page.locator("section.across-accounts")
    expect(across.locator("table.accounts tbody tr").first).to_be_visible(timeout=30_000)
    assert aws_calls(standin, "GetMetricData") == [], "Capacity Manager answers: no CloudWatch call"
    calls = aws_calls(standin, "GetCapacityManagerMetricData")
    # Two sets of at most 10 metrics (per reservation, per account), one page each.
    assert len(calls) == 2, [c["params"] for c in calls]
    for c in calls:
        names = c["params"]["MetricNames"]
        assert 1 <= len(names) <= 10
    start, end, period = cm_window(calls[-1])
    assert period == (end - start).total_seconds()
    expected = history.account_figures(start, end, True)
    rows = across.locator("table.accounts tbody tr")
    expect(rows).to_have_count(len(expected))
    for i in range(len(expected)):
        row = cells(rows.nth(i))
        figures = expected[row[0]]
        assert row[1] == figures["account_name"]
        assert abs(number(row[3]) - figures["reservation-total-capacity-hrs-inst"]) < 0.051, (row, figures)
        assert abs(number(row[4]) - figures["reservation-unused-total-capacity-hrs-inst"]) < 0.051, (row, figures)
        assert abs(number(row[5]) - figures["reservation-avg-utilization-inst"]) < 0.006, (row, figures)
    # The member accounts' reservations are in the organization's table.
    org = across.locator("table.history-list")
    for rid in history.MEMBER_RESERVATION_IDS:
        expect(row_of(org, rid)).to_have_count(1)


def test_capacity_manager_disabled_falls_back_to_cloudwatch(journey, standin):
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    source = section.locator(".history-source")
    expect(source).to_contain_text("EC2 Capacity Manager is not enabled in us-east-1", timeout=30_000)
    expect(source).to_contain_text("never enables it")
    assert len(aws_calls(standin, "GetCapacityManagerAttributes")) == 1
    assert aws_calls(standin, "GetCapacityManagerMetricData") == []
    calls = aws_calls(standin, "GetMetricData")
    assert len(calls) == 1
    assert {a["reservation"] for a in calls[0]["asked"]} == {r.id for r in data.RESERVATIONS if r.region == "us-east-1"}


def test_ingesting_capacity_manager_says_so(journey, standin):
    standin.scenario(capacity_manager={**ENABLED, "ingestion": "in_progress"})
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    expect(history_section(page).locator(".history-source")).to_contain_text("still ingesting", timeout=30_000)
    assert len(aws_calls(standin, "GetMetricData")) == 1


def test_a_throttled_history_call_is_retried(journey, standin):
    journey.expect_page_problems = True  # the throttled answer
    standin.scenario(throttle={"count": 1, "service": "monitoring"})
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    expect(section.locator(".history-summary")).to_be_visible(timeout=60_000)
    calls = aws_calls(standin, "GetMetricData")
    assert [c["fault"] for c in calls] == ["throttle", None], [c["fault"] for c in calls]
    assert section.locator(".region-error").count() == 0


def test_a_denied_permission_is_explained(journey, standin):
    journey.expect_page_problems = True  # the 403
    standin.scenario(denied_actions=["cloudwatch:GetMetricData", "ec2:GetCapacityManagerAttributes"])
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    failed = section.locator(".region-error")
    expect(failed).to_contain_text("us-east-1: CloudWatch did not answer", timeout=30_000)
    expect(failed).to_contain_text("may not call cloudwatch:GetMetricData")
    expect(failed).to_contain_text("AccessDenied")
    expect(section.locator(".history-source")).to_contain_text("ec2:GetCapacityManagerAttributes")
    # The list itself still works.
    expect(page.locator("table.data tbody tr").first).to_be_visible()


def test_sample_data_has_history_and_an_organization(journey):
    page = connect_to_sample_data(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    expect(section.locator(".history-source")).to_contain_text("From EC2 Capacity Manager", timeout=30_000)
    across = page.locator("section.across-accounts")
    expect(across.locator("table.accounts tbody tr")).to_have_count(3)
    expect(section.locator("table.history-list").first).to_contain_text("Idle")
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60001").first.click()
    detail = page.locator("section.history")
    expect(detail.locator(".history-points")).to_have_text(re.compile(r"^\d+ of \d+$"), timeout=30_000)
    assert number(detail.locator(".history-average").inner_text()) > 0
    expect(detail.locator("svg.history-chart")).to_be_visible()


def test_one_account_of_the_organization_through_capacity_manager_s_dimensions(journey, standin):
    standin.scenario(capacity_manager=ENABLED)
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    across = page.locator("section.across-accounts")
    expect(across.locator("table.accounts tbody tr").first).to_be_visible(timeout=30_000)
    dims = aws_calls(standin, "GetCapacityManagerMetricDimensions")
    assert len(dims) == 1 and dims[0]["params"]["GroupBy"] == ["account-id", "account-name"]
    picker = section.get_by_label("Account (Capacity Manager)")
    member = "333344445555"
    expect(picker.locator("option")).to_have_count(1 + len(history.account_figures(*cm_window(
        aws_calls(standin, "GetCapacityManagerMetricData")[-1])[:2], True)))
    standin.clear_log()
    picker.select_option(member)
    rows = across.locator("table.accounts tbody tr")
    expect(rows).to_have_count(1, timeout=30_000)
    calls = aws_calls(standin, "GetCapacityManagerMetricData")
    assert len(calls) == 2
    # Another account of the same range is not a reason to list the accounts again.
    assert aws_calls(standin, "GetCapacityManagerMetricDimensions") == []
    for c in calls:
        condition = c["params"]["FilterBy"][0]["DimensionCondition"]
        assert condition == {"Dimension": "account-id", "Comparison": "equals", "Values": [member]}, condition
    start, end, _ = cm_window(calls[-1])
    figures = history.account_figures(start, end, True)[member]
    row = cells(rows.first)
    assert row[0] == member and row[1] == history.MEMBER_ACCOUNTS[member]
    assert abs(number(row[3]) - figures["reservation-total-capacity-hrs-inst"]) < 0.051, (row, figures)
    org = across.locator("table.history-list")
    member_ids = [r.id for a, r in history.MEMBER_RESERVATIONS if a == member]
    expect(org.locator("tbody tr")).to_have_count(len(member_ids))


def test_accounts_not_listed_keep_every_account_s_figures_and_say_why(journey, standin):
    journey.expect_page_problems = True  # the 403
    standin.scenario(capacity_manager=ENABLED, denied_actions=["ec2:GetCapacityManagerMetricDimensions"])
    page = connect_to_standin(journey)
    open_capacity(page, settled=False)
    section = history_section(page)
    across = page.locator("section.across-accounts")
    rows = across.locator("table.accounts tbody tr")
    expect(rows.first).to_be_visible(timeout=30_000)
    start, end, _ = cm_window(aws_calls(standin, "GetCapacityManagerMetricData")[-1])
    expect(rows).to_have_count(len(history.account_figures(start, end, True)))
    failed = section.locator(".region-error")
    expect(failed).to_contain_text("The organization's accounts could not be listed")
    expect(failed).to_contain_text("may not call ec2:GetCapacityManagerMetricDimensions")
    expect(failed).to_contain_text("UnauthorizedOperation")  # EC2's code for a denied action
    expect(section.get_by_label("Account (Capacity Manager)")).to_have_count(0)
    assert all(not c["params"].get("FilterBy") for c in aws_calls(standin, "GetCapacityManagerMetricData"))
