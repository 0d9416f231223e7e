"""The Commitments area against the stand-in: Reserved Instance utilization, Savings Plans
coverage and utilization, each table equal to the stand-in's numbers; filters checked against
each view's rules (an Or refused for Savings Plans views, nothing sent); GroupBy never sent with
Granularity (splits are one filtered request per value); switching views keeps a valid filter
and drops what the view refuses; "Fetch all four" fills the summary strip with the stand-in's
totals; the same on sample data."""

import csv
import io
import json
from datetime import date, datetime, timezone
from decimal import Decimal

from playwright.sync_api import expect

from e2e.standin import ce
from e2e.standin.tokens import Tokens
from e2e.support.app import aws_calls, connect_to_sample_data, connect_to_standin, open_area
from e2e.tests.test_journey_coverage import shown, table_rows

OPS = {"ri-utilization": "GetReservationUtilization", "sp-coverage": "GetSavingsPlansCoverage",
       "sp-utilization": "GetSavingsPlansUtilization", "ri-coverage": "GetReservationCoverage"}

RI_UTIL = ["UtilizationPercentage", "UtilizationPercentageInUnits", "PurchasedHours", "TotalActualHours",
           "UnusedHours", "PurchasedUnits", "TotalActualUnits", "UnusedUnits", "OnDemandCostOfRIHoursUsed",
           "NetRISavings", "TotalPotentialRISavings", "AmortizedUpfrontFee", "AmortizedRecurringFee",
           "TotalAmortizedFee", "RICostForUnusedHours", "RealizedSavings", "UnrealizedSavings"]
RI_UTIL_KINDS = ["percent", "percent"] + ["quantity"] * 6 + ["usd"] * 9
SP_COV = ["CoveragePercentage", "SpendCoveredBySavingsPlans", "OnDemandCost", "TotalCost"]
SP_COV_KINDS = ["percent", "usd", "usd", "usd"]
SP_UTIL = [("Utilization", "UtilizationPercentage"), ("Utilization", "TotalCommitment"),
           ("Utilization", "UsedCommitment"), ("Utilization", "UnusedCommitment"), ("Savings", "NetSavings"),
           ("Savings", "OnDemandCostEquivalent"), ("AmortizedCommitment", "AmortizedRecurringCommitment"),
           ("AmortizedCommitment", "AmortizedUpfrontCommitment"), ("AmortizedCommitment", "TotalAmortizedCommitment")]
SP_UTIL_KINDS = ["percent"] + ["usd"] * 8


def today():
    return datetime.now(timezone.utc).date()


def open_view(page, view):
    open_area(page, "Commitments")
    page.locator(f"#view-{view}").click()
    expect(page.locator(f"#view-{view}")).to_have_attribute("aria-pressed", "true")


def run_view(page, view):
    page.locator("#run-coverage").click()
    region = page.locator(f"section.coverage-results[data-view={view}]")
    expect(region).to_be_visible(timeout=60_000)
    return region


def every_page(fn, params, token):
    """The stand-in's whole answer to ``params``: its list members over every page."""
    tokens, params, out = Tokens(), {k: v for k, v in params.items() if k != token}, None
    while True:
        answer = fn(params, today(), tokens)
        if out is None:
            out = answer
        else:
            for k, v in answer.items():
                if isinstance(v, list):
                    out[k] = out[k] + v
                elif k != token:
                    out[k] = v
        if not answer.get(token):
            out.pop(token, None)
            return out
        params = dict(params, **{token: answer[token]})


def row(start, end, texts, kinds, group=None):
    return [start, end] + ([group] if group is not None else []) + [shown(t, k) for t, k in zip(texts, kinds)]


def expected(view, params, group=None):
    """(rows, total) as the table shows them, from the stand-in's answer to ``params``."""
    if view == "ri-utilization":
        answer = every_page(ce.get_reservation_utilization, params, "NextPageToken")
        rows = [row(p["TimePeriod"]["Start"], p["TimePeriod"]["End"], [p["Total"][m] for m in RI_UTIL],
                    RI_UTIL_KINDS, group) for p in answer["UtilizationsByTime"]]
        return rows, row("Total", "", [answer["Total"][m] for m in RI_UTIL], RI_UTIL_KINDS, group and "")
    if view == "sp-coverage":
        answer = every_page(ce.get_savings_plans_coverage, params, "NextToken")
        items = answer["SavingsPlansCoverages"]
        rows = [row(c["TimePeriod"]["Start"], c["TimePeriod"]["End"], [c["Coverage"][m] for m in SP_COV],
                    SP_COV_KINDS, group) for c in items]
        sums = {m: sum(Decimal(c["Coverage"][m]) for c in items) for m in SP_COV[1:]}
        pct = sums["SpendCoveredBySavingsPlans"] / sums["TotalCost"] * 100
        total = row("Total (sum)", "", [str(pct)] + [str(sums[m]) for m in SP_COV[1:]], SP_COV_KINDS, group and "")
        return rows, total
    answer = ce.get_savings_plans_utilization(params, today(), Tokens())
    rows = [row(p["TimePeriod"]["Start"], p["TimePeriod"]["End"], [p[a][b] for a, b in SP_UTIL],
                SP_UTIL_KINDS, group) for p in answer["SavingsPlansUtilizationsByTime"]]
    return rows, row("Total", "", [answer["Total"][a][b] for a, b in SP_UTIL], SP_UTIL_KINDS, group and "")


def test_each_view_s_table_equals_the_standin(journey, standin):
    page = connect_to_standin(journey)
    for view in ("ri-utilization", "sp-coverage", "sp-utilization"):
        open_view(page, view)
        region = run_view(page, view)
        sent = aws_calls(standin, OPS[view])
        assert sent, view
        params = sent[0]["params"]
        assert params["Granularity"] == "DAILY" and "GroupBy" not in params, params
        first = today().toordinal() - 29
        assert params["TimePeriod"] == {"Start": date.fromordinal(first).isoformat(),
                                        "End": date.fromordinal(today().toordinal() + 1).isoformat()}
        want, total = expected(view, params)
        assert len(want) == 30, view
        assert table_rows(page) == want, view
        assert table_rows(page, "tfoot") == [total], view
        # Savings Plans coverage pages by NextToken (20 periods a page): every page was asked.
        if view == "sp-coverage":
            assert len(sent) == 2 and sent[1]["params"]["NextToken"], sent
            assert params.get("Metrics") == ["SpendCoveredBySavingsPlans"]
        # The CSV keeps AWS's exact strings.
        with page.expect_download() as d:
            region.get_by_role("button", name="Export CSV").click()
        records = list(csv.reader(io.StringIO(open(d.value.path(), encoding="utf-8").read())))
        assert len(records) == len(want) + 2, view
        if view == "ri-utilization":
            answer = every_page(ce.get_reservation_utilization, params, "NextPageToken")
            assert records[1][3:] == [answer["UtilizationsByTime"][0]["Total"][m] for m in RI_UTIL]
        # The chart has one hover column per day, against the utilization/coverage target.
        assert region.locator("svg.coverage-lines rect.hover").count() == 30
        expect(region.locator("svg.coverage-lines title").first).to_contain_text("target 80%")


def test_an_or_filter_is_refused_for_savings_plans_views_and_nothing_is_sent(journey, standin):
    page = connect_to_standin(journey)
    either = {"Or": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
                     {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["123456789012"]}}]}
    for view, words in (("sp-coverage", "Savings Plans coverage"), ("sp-utilization", "Savings Plans utilization")):
        open_view(page, view)
        # The form offers only "All of" for these views.
        assert page.locator("#filter-grouping option").all_inner_texts() == ["All of"]
        page.locator("#filter-import").fill(json.dumps(either))
        page.get_by_role("button", name="Import JSON").click()
        general = page.locator(".violations.general li")
        expect(general.first).to_contain_text("Or")
        expect(general.first).to_contain_text(words)
        expect(page.locator("#run-coverage")).to_be_disabled()
        expect(page.locator("#run-reason")).to_have_text("Fix the filter's problems shown above first.")
        assert aws_calls(standin, OPS[view]) == []


def test_splits_never_send_group_by_with_granularity(journey, standin):
    page = connect_to_standin(journey)
    open_view(page, "sp-utilization")
    page.get_by_label("Period").select_option("3m")
    page.get_by_label("Granularity").select_option("monthly")
    page.get_by_label("Split by").select_option("SAVINGS_PLAN_ARN")
    region = run_view(page, "sp-utilization")
    lookups = aws_calls(standin, "GetDimensionValues")
    assert [e["params"]["Context"] for e in lookups] == ["SAVINGS_PLANS"]
    series = aws_calls(standin, "GetSavingsPlansUtilization")
    arns = sorted(e["params"]["Filter"]["Dimensions"]["Values"][0] for e in series)
    assert len(arns) == 3 and all(a.startswith("arn:aws:savingsplans::") for a in arns), arns
    # Each plan's line equals the stand-in's answer for its filter.
    legend = region.locator("ul.legend[aria-label=Lines] li").all_inner_texts()
    assert sorted(legend) == arns
    shown_rows = table_rows(page)
    for e in series:
        arn = e["params"]["Filter"]["Dimensions"]["Values"][0]
        want, _ = expected("sp-utilization", e["params"], group=arn)
        assert [r for r in shown_rows if r[2] == arn] == want
    # A split is not the period's figure: the strip still waits for the unsplit query.
    expect(page.locator(".summary-strip li[data-view=sp-utilization] .strip-value")).to_have_text("—")
    # Savings Plans coverage by instance family: its values come from one grouped request
    # without Granularity; the series are filtered requests without GroupBy.
    open_view(page, "sp-coverage")
    # Daily over 30 days, each family would take two requests (20 periods a page): 12 in all,
    # which the app asks about first; three whole months monthly take one each.
    page.get_by_label("Split by").select_option("INSTANCE_TYPE_FAMILY")
    page.locator("#run-coverage").click()
    dialog = page.get_by_role("alertdialog", name="Confirm the requests")
    expect(dialog).to_contain_text("takes 12 requests")
    dialog.get_by_role("button", name="Don't send").click()
    page.get_by_label("Period").select_option("3m")
    page.get_by_label("Granularity").select_option("monthly")
    run_view(page, "sp-coverage")
    calls = aws_calls(standin, "GetSavingsPlansCoverage")
    grouped = [e for e in calls if "GroupBy" in e["params"]]
    assert grouped and all("Granularity" not in e["params"] for e in grouped)
    assert grouped[0]["params"]["GroupBy"] == [{"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"}]
    filtered = [e for e in calls if "GroupBy" not in e["params"]]
    assert filtered and all(e["params"]["Filter"]["Dimensions"]["Key"] == "INSTANCE_TYPE_FAMILY" for e in filtered)
    for op in OPS.values():
        for e in aws_calls(standin, op):
            assert not ("GroupBy" in e["params"] and "Granularity" in e["params"]), e["params"]


def test_switching_views_keeps_a_valid_filter_and_sends_only_it(journey, standin):
    page = connect_to_standin(journey)
    open_area(page, "Commitments")
    both = {"And": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
                    {"Tags": {"Key": "team", "Values": ["finops"]}}]}
    page.locator("#filter-import").fill(json.dumps(both))
    page.get_by_role("button", name="Import JSON").click()
    page.locator("#view-ri-utilization").click()
    note = page.locator(".switch-note")
    expect(note).to_contain_text("Switched to RI utilization")
    expect(note).to_contain_text("tag team is finops")
    assert "view=ri-utilization" in page.url
    run_view(page, "ri-utilization")
    [sent] = aws_calls(standin, "GetReservationUtilization")
    assert sent["params"]["Filter"] == {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}
    # Back to RI coverage with the form as it was: the tag is there again.
    page.locator("#undo-switch").click()
    expect(page.locator("#view-ri-coverage")).to_have_attribute("aria-pressed", "true")
    assert json.loads(page.locator("#filter-json-out").inner_text()) == both


def test_fetch_all_four_shows_its_cost_then_the_standin_s_totals(journey, standin):
    page = connect_to_standin(journey)
    open_area(page, "Commitments")
    button = page.locator("#fetch-all-four")
    # 30 days: one request each, but Savings Plans coverage sends 20 periods a page: two.
    expect(button).to_have_text("Fetch all four (5 requests, USD 0.05 at least; answers with more pages take more)")
    assert aws_calls(standin) == [e for e in aws_calls(standin) if e["operation"] == "GetCallerIdentity"]
    button.click()
    expect(button).to_have_text("All four fetched for this query", timeout=60_000)
    cells = {c.get_attribute("data-view"): c.locator(".strip-value").inner_text()
             for c in page.locator(".summary-strip li").all()}
    params = {v: aws_calls(standin, op)[0]["params"] for v, op in OPS.items()}
    cov = ce.get_reservation_coverage(params["ri-coverage"], today(), Tokens())
    assert cells["ri-coverage"] == shown(cov["Total"]["CoverageHours"]["CoverageHoursPercentage"], "percent")
    ri = every_page(ce.get_reservation_utilization, params["ri-utilization"], "NextPageToken")
    assert cells["ri-utilization"] == shown(ri["Total"]["UtilizationPercentage"], "percent")
    sp = every_page(ce.get_savings_plans_coverage, params["sp-coverage"], "NextToken")["SavingsPlansCoverages"]
    covered = sum(Decimal(c["Coverage"]["SpendCoveredBySavingsPlans"]) for c in sp)
    whole = sum(Decimal(c["Coverage"]["TotalCost"]) for c in sp)
    assert cells["sp-coverage"] == shown(str(covered / whole * 100), "percent")
    spu = ce.get_savings_plans_utilization(params["sp-utilization"], today(), Tokens())
    assert cells["sp-utilization"] == shown(spu["Total"]["Utilization"]["UtilizationPercentage"], "percent")
    unused = Decimal(ri["Total"]["RICostForUnusedHours"]) + Decimal(spu["Total"]["Utilization"]["UnusedCommitment"])
    assert cells["unused"] == shown(str(unused), "usd")
    # Units are never added up: each percentage says what it counts.
    notes = page.locator(".summary-strip .strip-note").all_inner_texts()
    assert notes[0].startswith("of running hours") and notes[2].startswith("of eligible spend")
    assert len(aws_calls(standin, "GetSavingsPlansCoverage")) == 2
    # The four side by side on one time axis.
    side = page.locator("figure.side-by-side")
    expect(side).to_be_visible()
    assert side.locator("ul.legend li").all_inner_texts() == [
        "RI coverage", "RI utilization", "Savings Plans coverage", "Savings Plans utilization"]
    assert side.locator("svg rect.hover").count() == 30
    # A second click has nothing to fetch; running a view already fetched sends nothing.
    before = len(aws_calls(standin))
    expect(button).to_be_disabled()
    page.locator("#view-sp-utilization").click()
    expect(page.locator("#run-reason")).to_have_text("Already answered this session: running it again sends nothing.")
    assert len(aws_calls(standin)) == before
    # Another period: the strip's figures are not this query's any more, and the results say
    # they answer an earlier one.
    page.get_by_label("Period").select_option("7d")
    expect(page.locator(".summary-strip li[data-view=sp-utilization] .strip-value")).to_have_text("—")
    expect(page.locator(".stale-note")).to_be_visible()
    expect(side).to_have_count(0)


def test_sample_data_answers_all_four(journey):
    page = connect_to_sample_data(journey)
    open_area(page, "Commitments")
    page.locator("#fetch-all-four").click()
    expect(page.locator("#fetch-all-four")).to_have_text("All four fetched for this query", timeout=60_000)
    values = page.locator(".summary-strip .strip-value").all_inner_texts()
    assert len(values) == 5
    assert all(v.endswith("%") for v in values[:4]), values
    assert values[4].startswith("$"), values
    for view in ("ri-utilization", "sp-coverage", "sp-utilization"):
        page.locator(f"#view-{view}").click()
        region = page.locator(f"section.coverage-results[data-view={view}]")
        expect(region).to_be_visible()
        assert region.locator("table.coverage-table tbody tr").count() == 30
