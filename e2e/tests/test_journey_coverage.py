"""Coverage over time against the stand-in: 13 months daily with the table equal to the stand-in's
numbers, a monthly split by instance type, the confirmation above 10 requests, the session cache,
page tokens (and a refused one), each Cost Explorer error, and the same on sample data."""

import csv
import io
import re
from datetime import date, datetime, timezone

from playwright.sync_api import expect

from e2e.standin import ce
from e2e.standin.tokens import Tokens
from e2e.support.app import aws_calls, connect_to_sample_data, connect_to_standin

RESULTS = "Coverage results"


def today():
    return datetime.now(timezone.utc).date()


def thirteen_months():
    t = today()
    return date(t.year - 1, t.month, 1), t


def open_coverage(page):
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    expect(page.get_by_role("heading", level=1, name="Commitments")).to_be_visible()


def custom_period(page, first, last):
    page.get_by_label("Period").select_option("custom")
    page.get_by_label("First day (UTC, YYYY-MM-DD)").fill(first.isoformat())
    page.get_by_label("Last day, included (UTC, YYYY-MM-DD)").fill(last.isoformat())


def run(page):
    page.get_by_role("button", name="Run RI coverage query").click()


def results(page):
    region = page.get_by_role("region", name=RESULTS)
    expect(region).to_be_visible(timeout=60_000)
    return region


def table_rows(page, part="tbody"):
    return page.locator(f"table.coverage-table {part} tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))")


def table_titles(page, part="tbody"):
    return page.locator(f"table.coverage-table {part} tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.title))")


def expected_rows(params, group=None, exact=False):
    """What the stand-in answers for ``params`` (all pages at once), as the table shows it (or,
    with ``exact``, as AWS wrote it: the CSV's cells)."""
    answer = ce.get_reservation_coverage({k: v for k, v in params.items() if k != "NextPageToken"},
                                         today(), Tokens())
    rows = []
    for period in answer["CoveragesByTime"]:
        rows.append(cells(period["TimePeriod"]["Start"], period["TimePeriod"]["End"], period["Total"], group))
    total = cells("Total", "", answer["Total"], group and "")
    if exact:
        return rows, total
    return [on_screen(r) for r in rows], on_screen(total)


# How the table writes each of the nine figures (the last nine cells of a row).
KINDS = ["percent", "quantity", "quantity", "quantity", "percent", "quantity", "quantity", "quantity", "usd"]


def shown(text, kind):
    """AWS's text as the table writes it, stated independently of core/src/numbers.rs: two
    decimals and a no-break space before % for percentages, thousands grouped, hours and units
    with trailing zeros dropped, dollars with cents; never a minus sign on a rounded zero."""
    if text == "":
        return ""
    v = float(text.rstrip("%"))
    digits = f"{abs(v):,.2f}"
    sign = "-" if v < 0 and set(digits) - set("0.,") else ""
    if kind == "percent":
        return f"{sign}{digits}\u00a0%"
    if kind == "usd":
        return f"{sign}${digits}"
    return sign + digits.rstrip("0").rstrip(".")


def on_screen(row):
    return row[:-9] + [shown(t, k) for t, k in zip(row[-9:], KINDS)]


def cells(start, end, c, group=None):
    h, u, k = c["CoverageHours"], c["CoverageNormalizedUnits"], c["CoverageCost"]
    out = [start, end] + ([group] if group is not None else [])
    return out + [h["CoverageHoursPercentage"], h["ReservedHours"], h["OnDemandHours"], h["TotalRunningHours"],
                  u["CoverageNormalizedUnitsPercentage"], u["ReservedNormalizedUnits"], u["OnDemandNormalizedUnits"],
                  u["TotalRunningNormalizedUnits"], k["OnDemandCost"]]


def test_thirteen_months_daily_table_equals_the_standin(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    first, last = thirteen_months()
    custom_period(page, first, last)
    run(page)
    region = results(page)
    sent = aws_calls(standin, "GetReservationCoverage")
    assert len(sent) == 1
    params = sent[0]["params"]
    assert params["TimePeriod"] == {"Start": first.isoformat(),
                                    "End": date.fromordinal(last.toordinal() + 1).isoformat()}
    assert params["Granularity"] == "DAILY" and params["Metrics"] == ["Hour", "Unit", "Cost"]
    want, total = expected_rows(params)
    assert len(want) == (last - first).days + 1
    assert table_rows(page) == want
    assert table_rows(page, "tfoot") == [total]
    # People read rounded figures; AWS's exact text is on hover.
    exact, _ = expected_rows(params, exact=True)
    titles = table_titles(page)
    assert [t[-8:] for t in titles] == [["AWS: " + x for x in r[-8:]] for r in exact]
    assert all(t[-9].endswith(" · AWS: " + r[-9]) for t, r in zip(titles, exact))
    assert any(re.fullmatch(r"\d+\.\d{2}\u00a0%", r[-9]) for r in want)
    assert any(len(r[-9]) > 8 for r in exact), "AWS's percentages have more than two decimals"
    # Both charts, with a hover title per day and the dashed target.
    lines = region.locator("svg.coverage-lines")
    expect(lines).to_be_visible()
    assert lines.locator("rect.hover").count() == len(want)
    assert region.locator("svg.coverage-stack rect.hover").count() == len(want)
    expect(lines.locator("title").first).to_contain_text("target 80%")
    # Coverage cells are coloured against the target.
    bands = page.locator("table.coverage-table tbody .band")
    assert bands.count() == len(want)
    # CSV: AWS's exact strings, one line per row plus header and total.
    with page.expect_download() as d:
        region.get_by_role("button", name="Export CSV").click()
    text = open(d.value.path(), encoding="utf-8").read()
    records = list(csv.reader(io.StringIO(text)))
    assert records[0][:3] == ["Start", "End (exclusive)", "Group"]
    assert len(records) == len(want) + 2
    assert [r[:2] + r[3:] for r in records[1:-1]] == exact


def six_months_by_instance_type(page):
    """Runs the last six whole months, monthly, split by instance type."""
    open_coverage(page)
    page.get_by_label("Period").select_option("6m")
    page.get_by_label("Granularity").select_option("monthly")
    page.get_by_label("Split by").select_option("INSTANCE_TYPE")
    run(page)
    results(page)


def test_monthly_by_instance_type_sends_one_request_per_type(journey, standin):
    page = connect_to_standin(journey)
    six_months_by_instance_type(page)
    lookups = aws_calls(standin, "GetDimensionValues")
    assert len(lookups) == 1 and lookups[0]["params"]["Dimension"] == "INSTANCE_TYPE"
    assert lookups[0]["params"]["Context"] == "RESERVATIONS"
    sent = aws_calls(standin, "GetReservationCoverage")
    types = sorted(e["params"]["Filter"]["Dimensions"]["Values"][0] for e in sent)
    assert len(sent) == 7 and types == sorted({"m5.large", "c5.xlarge", "r5.2xlarge", "t3.medium", "m6i.large",
                                                 "c6i.2xlarge", "m5.xlarge"})
    assert all(e["params"]["Granularity"] == "MONTHLY" and "GroupBy" not in e["params"] for e in sent)
    rows = table_rows(page)
    assert len(rows) == 7 * 6
    for e in sent:
        t = e["params"]["Filter"]["Dimensions"]["Values"][0]
        want, _ = expected_rows(e["params"], group=t)
        assert [r for r in rows if r[2] == t] == want
    expect(page.get_by_role("list", name="Lines").get_by_role("listitem")).to_have_count(7)


def test_a_split_over_ten_requests_asks_first(journey, standin):
    standin.scenario(ce_extra_values=5)
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_label("Split by").select_option("INSTANCE_TYPE")
    run(page)
    confirm = page.get_by_role("alertdialog", name="Confirm the requests")
    expect(confirm).to_contain_text("12 requests to Cost Explorer, USD 0.12")
    assert aws_calls(standin, "GetReservationCoverage") == []
    confirm.get_by_role("button", name="Send 12 requests").click()
    results(page)
    assert len(aws_calls(standin, "GetReservationCoverage")) == 12
    expect(page.get_by_label("Cost Explorer requests this session")).to_contain_text(
        "Cost Explorer requests this session: 13 (USD 0.13")


def test_a_repeated_query_sends_nothing(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    run(page)
    results(page)
    expect(page.locator("#run-reason")).to_have_text("Already answered this session: running it again sends nothing.")
    run(page)
    expect(page.get_by_role("region", name=RESULTS).get_by_role("status").first).to_contain_text("no request sent")
    assert len(aws_calls(standin, "GetReservationCoverage")) == 1


def test_page_tokens_round_trip_and_a_refused_token_restarts_once(journey, standin):
    standin.scenario(ce_page_size=150, ce_reject_page_tokens=1)
    journey.aws_refusals_expected = frozenset({"InvalidNextTokenException"})
    journey.expect_page_problems = True  # the refused token's 400 shows in the console
    page = connect_to_standin(journey)
    open_coverage(page)
    first, last = thirteen_months()
    custom_period(page, first, last)
    run(page)
    results(page)
    sent = aws_calls(standin, "GetReservationCoverage")
    tokens = [e["params"].get("NextPageToken") for e in sent]
    pages = -(-((last - first).days + 1) // 150)
    # First page, a refused token, then every page again.
    assert len(sent) == 2 + pages, tokens
    assert tokens[0] is None and tokens[1] is not None and tokens[2] is None
    assert all(t is not None for t in tokens[3:])
    assert sent[1]["status"] == 400
    want, total = expected_rows(sent[0]["params"])
    assert table_rows(page) == want
    assert table_rows(page, "tfoot") == [total]


def test_each_cost_explorer_error_reads_in_words(journey, standin):
    journey.expect_page_problems = True  # AWS's 400s show in the console
    page = connect_to_standin(journey)
    open_coverage(page)
    # Cost Explorer not enabled / no data yet (with CORS exposing the request id, as a proxy can).
    standin.scenario(ce_data_unavailable=True, expose_headers=True)
    run(page)
    alert = page.locator(".error-panel").first
    expect(alert).to_contain_text("DataUnavailableException")
    expect(alert).to_contain_text("Data is not available")
    expect(alert).to_contain_text(aws_calls(standin, "GetReservationCoverage")[-1]["request_id"])
    # Throttled once: retried, then answered.
    standin.scenario(ce_data_unavailable=False, throttle={"count": 1, "service": "ce"})
    page.get_by_label("Granularity").select_option("monthly")
    run(page)
    results(page)
    monthly = [e for e in aws_calls(standin, "GetReservationCoverage") if e["params"]["Granularity"] == "MONTHLY"]
    assert len(monthly) == 2 and monthly[0]["status"] == 400
    # A condition AWS refuses for coverage (the stand-in refuses cost categories): AWS's words shown.
    journey.aws_refusals_expected = frozenset({"ValidationException"})
    page.get_by_role("button", name="Add cost category condition").click()
    page.get_by_label("Cost category name").fill("Team")
    page.locator("#cond-0-value").fill("Data")
    page.locator("#cond-0-value").press("Enter")
    run(page)
    alert = page.locator(".error-panel").first
    expect(alert).to_contain_text("ValidationException")
    expect(alert).to_contain_text("CostCategories is not supported")


def test_sample_data_without_aws(journey, standin):
    page = connect_to_sample_data(journey)
    open_coverage(page)
    run(page)
    region = results(page)
    expect(region.locator("svg.coverage-lines")).to_be_visible()
    assert len(table_rows(page)) == 30
    expect(page.get_by_label("Cost Explorer requests this session")).to_contain_text(
        "Cost Explorer requests this session: 0 (USD 0.00")
    assert aws_calls(standin) == []


def test_a_tag_split_finds_the_values_then_asks_per_value(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_label("Period").select_option("7d")
    page.get_by_label("Split by").select_option("tag:")
    page.get_by_label("Tag key").fill("team")
    run(page)
    results(page)
    sent = aws_calls(standin, "GetReservationCoverage")
    discovery, series = sent[0], sent[1:]
    assert discovery["params"]["GroupBy"] == [{"Type": "TAG", "Key": "team"}]
    assert "Granularity" not in discovery["params"]
    teams = sorted(e["params"]["Filter"]["Tags"]["Values"][0] for e in series)
    assert teams == ["data", "finops", "platform", "sandbox"]
    assert all(e["params"]["Granularity"] == "DAILY" and e["params"]["Filter"]["Tags"]["Key"] == "team"
               for e in series)
    legend = page.get_by_role("list", name="Lines").get_by_role("listitem")
    expect(legend).to_have_count(4)
    rows = table_rows(page)
    for e in series:
        team = e["params"]["Filter"]["Tags"]["Values"][0]
        want, _ = expected_rows(e["params"], group=team)
        assert [r for r in rows if r[2] == team] == want


def _most_at_once(entries) -> int:
    """The most requests the stand-in was answering at the same time (received -> logged)."""
    edges = []
    for e in entries:
        edges += [(datetime.fromisoformat(e["received"]), 1), (datetime.fromisoformat(e["time"]), -1)]
    at_once = most = 0
    for _, step in sorted(edges, key=lambda x: (x[0], x[1])):
        at_once += step
        most = max(most, at_once)
    return most


def test_split_requests_run_two_at_a_time_and_cancel_stops_them(journey, standin):
    # The lookup and the 12 requests of the first split answer after 0.4 s each.
    standin.scenario(ce_extra_values=5, slow={"count": 13, "service": "ce", "seconds": 0.4})
    journey.expect_page_problems = True  # the cancelled requests show as failed in the browser
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_label("Split by").select_option("INSTANCE_TYPE")
    run(page)
    page.get_by_role("alertdialog", name="Confirm the requests").get_by_role("button", name="Send 12 requests").click()
    results(page)
    series = aws_calls(standin, "GetReservationCoverage")
    assert len(series) == 12
    assert _most_at_once(series) == 2, "split requests run two at a time"
    # The same split over another period, cancelled while it runs: the rest are never sent.
    standin.scenario(slow={"count": 40, "service": "ce", "seconds": 1.0})
    page.get_by_label("Period").select_option("7d")
    run(page)
    page.get_by_role("alertdialog", name="Confirm the requests").get_by_role("button", name="Send 12 requests").click()
    # Each batch of 2 takes a second: any "n of 12 done" with 2 <= n <= 8 leaves batches unsent.
    expect(page.get_by_text(re.compile(r"\b[2-8] of 12 values done"))).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("Stopped.")).to_be_visible()
    page.wait_for_timeout(3000)  # two more batches' worth: nothing else may go out
    assert 12 + 2 <= len(aws_calls(standin, "GetReservationCoverage")) < 12 + 12


def test_a_coverage_request_without_an_answer_is_not_sent_again_by_itself(journey, standin):
    # AWS answered (and would have billed) but the browser may not read the answer (no CORS
    # headers): one request, then a button that says what trying again costs.
    journey.expect_page_problems = True
    page = connect_to_standin(journey)
    open_coverage(page)
    standin.scenario(cors="drop")
    run(page)
    expect(page.locator(".error-panel")).to_contain_text("No answer", timeout=30_000)
    retry = page.get_by_role("button", name="Try again (USD 0.01 a request)")
    expect(retry).to_be_visible()
    page.wait_for_timeout(3_000)  # longer than any standard-mode back-off
    assert len(aws_calls(standin, "GetReservationCoverage")) == 1, "sent again by itself"
    standin.scenario(cors="normal")
    retry.click()
    results(page)
    assert len(aws_calls(standin, "GetReservationCoverage")) == 2


def test_sample_data_answers_the_query(journey, standin):
    """Without AWS, the sample answers what is asked: six whole months, monthly, split by
    instance type is six periods of several lines; a SERVICE filter changes the numbers."""
    page = connect_to_sample_data(journey)
    six_months_by_instance_type(page)
    rows = table_rows(page)
    starts = sorted({r[0] for r in rows})
    types = sorted({r[2] for r in rows})
    assert len(starts) == 6 and all(s.endswith("-01") for s in starts), starts
    assert len(types) >= 5 and "m6i.xlarge" in types, types
    assert len(rows) == len(starts) * len(types)
    expect(page.get_by_role("list", name="Lines").get_by_role("listitem")).to_have_count(len(types))

    page.get_by_label("Split by").select_option("")
    run(page)
    results(page)
    ec2_total = table_rows(page, "tfoot")
    page.get_by_role("button", name="Add dimension condition").click()
    condition = page.get_by_role("listitem", name="Condition 1")
    condition.get_by_label("Dimension", exact=True).select_option("SERVICE")
    page.locator("#cond-0-value").fill("Relational")
    picker = condition.get_by_role("list", name="Values Cost Explorer knows")
    picker.get_by_label("Amazon Relational Database Service", exact=True).check()
    run(page)
    results(page)
    for _ in range(100):
        rds_total = table_rows(page, "tfoot")
        if rds_total != ec2_total:
            break
        page.wait_for_timeout(100)
    assert rds_total != ec2_total and rds_total[0][-6] != "0", (rds_total, ec2_total)
    assert aws_calls(standin) == []
