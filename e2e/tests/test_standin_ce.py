"""Cost Explorer in the stand-in: coverage data, consistency, AWS's rules, validation, tokens."""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from e2e.standin.models import service_model
from e2e.support.awsclient import build, call, send, sign

COVERAGE = "GetReservationCoverage"
DIMENSIONS = "GetDimensionValues"
GROUPABLE = ["INSTANCE_TYPE", "REGION", "PLATFORM", "TENANCY", "LINKED_ACCOUNT", "AZ", "OPERATING_SYSTEM"]
HOURS = ("OnDemandHours", "ReservedHours", "TotalRunningHours")


def _today():
    return datetime.now(timezone.utc).date()


def _window():
    today = _today()
    first = date(today.year - 1, today.month, 1)
    return first, today + timedelta(days=1)


def _period(start=None, end=None):
    first, end_default = _window()
    return {"Start": (start or first).isoformat(), "End": (end or end_default).isoformat()}


def _coverage(standin, creds, **params):
    params.setdefault("TimePeriod", _period())
    return call(standin.url, "ce", COVERAGE, params, creds, validate=False)


def _all_pages(standin, creds, **params):
    pages, token = [], None
    while True:
        p = dict(params, **({"NextPageToken": token} if token else {}))
        sent, parsed = _coverage(standin, creds, **p)
        assert sent.status == 200, sent.body
        pages.append(parsed)
        token = parsed.get("NextPageToken")
        if not token:
            return pages


def _raw_json(standin, creds, operation, body):
    """A CE request with exactly this JSON body (botocore serialises the envelope, we swap the body)."""
    request = build("ce", operation, {"TimePeriod": _period()} if operation == COVERAGE else
                    {"Dimension": "REGION", "TimePeriod": _period()}, standin.url)
    request.data = json.dumps(body).encode()
    return send(sign(request, creds, "ce", "us-east-1"))


def _error(sent):
    return json.loads(sent.body)


def test_monthly_coverage_spans_13_months_ending_today(standin, creds):
    sent, parsed = _coverage(standin, creds, Granularity="MONTHLY")
    assert sent.status == 200 and sent.headers["x-amzn-requestid"]
    periods = parsed["CoveragesByTime"]
    assert len(periods) == 13
    first, end = _window()
    assert periods[0]["TimePeriod"]["Start"] == first.isoformat()
    assert periods[-1]["TimePeriod"]["End"] == end.isoformat()
    assert all(Decimal(p["Total"]["CoverageHours"]["TotalRunningHours"]) > 0 for p in periods)


def test_daily_coverage_sums_to_monthly(standin, creds):
    first, end = _window()
    start = date(end.year, end.month, 1) - timedelta(days=40)
    tp = _period(start, end)
    _, daily = _coverage(standin, creds, Granularity="DAILY", TimePeriod=tp)
    _, monthly = _coverage(standin, creds, Granularity="MONTHLY", TimePeriod=tp)
    assert len(daily["CoveragesByTime"]) == (min(end, _today() + timedelta(days=1)) - start).days
    for m in monthly["CoveragesByTime"]:
        days = [d for d in daily["CoveragesByTime"] if m["TimePeriod"]["Start"] <= d["TimePeriod"]["Start"] < m["TimePeriod"]["End"]]
        for key in HOURS:
            assert sum(Decimal(d["Total"]["CoverageHours"][key]) for d in days) == Decimal(m["Total"]["CoverageHours"][key])
    assert daily["Total"] == monthly["Total"]


@pytest.mark.parametrize("dimension", GROUPABLE)
def test_grouped_hours_sum_to_ungrouped_total(standin, creds, dimension):
    _, ungrouped = _coverage(standin, creds, Granularity="MONTHLY")
    pages = _all_pages(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": dimension}])
    grouped = {}
    for page in pages:
        for period in page["CoveragesByTime"]:
            grouped.setdefault(period["TimePeriod"]["Start"], []).extend(period["Groups"])
    assert len(grouped) == 13
    for period in ungrouped["CoveragesByTime"]:
        groups = grouped[period["TimePeriod"]["Start"]]
        assert len({tuple(g["Attributes"].items()) for g in groups}) == len(groups) > 0
        for key in HOURS:
            total = Decimal(period["Total"]["CoverageHours"][key])
            assert sum(Decimal(g["Coverage"]["CoverageHours"][key]) for g in groups) == total
    assert pages[0]["Total"] == ungrouped["Total"]


def test_numbers_are_strings_and_percentages_come_from_hours(standin, creds):
    _, parsed = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}])
    for period in parsed["CoveragesByTime"]:
        for cov in [period["Total"]] + [g["Coverage"] for g in period["Groups"]]:
            hours = cov["CoverageHours"]
            assert all(isinstance(v, str) for block in cov.values() for v in block.values())
            reserved, on_demand, total = (Decimal(hours[k]) for k in ("ReservedHours", "OnDemandHours", "TotalRunningHours"))
            assert reserved + on_demand == total
            pct = Decimal(hours["CoverageHoursPercentage"])
            assert abs(pct - reserved * 100 / total) < Decimal("0.000000001")


def test_filter_and_of_dimensions(standin, creds):
    flt = {"And": [{"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}},
                   {"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.xlarge", "m6i.large"]}}]}
    _, parsed = _coverage(standin, creds, Filter=flt, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}])
    types = {g["Attributes"]["instanceType"] for p in parsed["CoveragesByTime"] for g in p["Groups"]}
    assert types == {"m5.xlarge", "m6i.large"}
    _, single = _coverage(standin, creds, Filter={"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
                          GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}])
    assert {g["Attributes"]["region"] for p in single["CoveragesByTime"] for g in p["Groups"]} == {"us-east-1"}


def test_granularity_with_group_by_is_a_validation_error(standin, creds):
    sent, parsed = _coverage(standin, creds, Granularity="MONTHLY", GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}])
    assert (sent.status, parsed["Error"]["Code"]) == (400, "ValidationException")
    assert standin.log()[-1]["validation"]["valid"] is False


@pytest.mark.parametrize("flt", [
    {"Or": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}, {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}]},
    {"Not": {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}},
    {"And": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
             {"Not": {"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.large"]}}}]},
    {"And": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
             {"And": [{"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.large"]}},
                      {"Dimensions": {"Key": "TENANCY", "Values": ["Shared"]}}]}]},
    {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Usage"]}},
    {},
], ids=["or", "not", "and-not", "nested-and", "dimension-not-allowed", "empty"])
def test_filters_aws_does_not_allow_for_coverage(standin, creds, flt):
    sent, parsed = _coverage(standin, creds, Filter=flt)
    assert (sent.status, parsed["Error"]["Code"]) == (400, "ValidationException"), sent.body


@pytest.mark.parametrize("kind", ["too-old", "end-before-start", "end-equals-start", "not-a-date", "future"])
def test_time_period_rules(standin, creds, kind):
    first, end = _window()
    tp = {
        "too-old": _period(first - timedelta(days=1), end),
        "end-before-start": _period(end, first),
        "end-equals-start": _period(first, first),
        "not-a-date": {"Start": "2025-13-45", "End": end.isoformat()},
        "future": _period(first, end + timedelta(days=70)),
    }[kind]
    sent, parsed = _coverage(standin, creds, TimePeriod=tp)
    assert (sent.status, parsed["Error"]["Code"]) == (400, "ValidationException"), sent.body


def test_pattern_violation_in_date_is_validation_exception(standin, creds):
    sent = _raw_json(standin, creds, COVERAGE, {"TimePeriod": {"Start": "yesterday", "End": "today"}})
    err = _error(sent)
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert "failed to satisfy constraint: Member must satisfy regular expression pattern" in err["message"]


def test_invalid_enum_is_validation_exception(standin, creds):
    sent = _raw_json(standin, creds, COVERAGE, {"TimePeriod": _period(), "Granularity": "WEEKLY"})
    err = _error(sent)
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert err["message"].startswith("1 validation error detected: Value 'WEEKLY' at 'granularity'")


def test_unknown_member_is_validation_exception(standin, creds):
    sent = _raw_json(standin, creds, COVERAGE, {"TimePeriod": _period(), "Granularty": "DAILY"})
    assert (sent.status, _error(sent)["__type"]) == (400, "ValidationException")


def test_missing_required_member(standin, creds):
    sent = _raw_json(standin, creds, COVERAGE, {"Granularity": "DAILY"})
    err = _error(sent)
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert "Value null at 'timePeriod' failed to satisfy constraint: Member must not be null" in err["message"]


@pytest.mark.parametrize("body", [
    {"TimePeriod": {"Start": 20250101, "End": "2025-02-01"}},
    {"TimePeriod": ["2025-01-01", "2025-02-01"]},
    {"TimePeriod": None, "MaxResults": "10"},
    {"TimePeriod": {"Start": "2025-01-01", "End": "2025-02-01"}, "GroupBy": {"Type": "DIMENSION", "Key": "REGION"}},
], ids=["number-for-string", "list-for-structure", "string-for-integer", "structure-for-list"])
def test_json_type_mismatch_is_serialization_exception(standin, creds, body):
    sent = _raw_json(standin, creds, COVERAGE, body)
    assert (sent.status, _error(sent)["__type"]) == (400, "SerializationException"), sent.body
    assert sent.headers["x-amzn-requestid"]
    assert standin.log()[-1]["validation"]["valid"] is False


def test_coverage_pagination_and_tokens(standin, creds):
    group = [{"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"}]
    pages = _all_pages(standin, creds, GroupBy=group, MaxResults=10)
    assert len(pages) > 2
    rows = sum(len(p["Groups"]) for page in pages for p in page["CoveragesByTime"])
    _, whole = _coverage(standin, creds, GroupBy=group)
    assert rows == sum(len(p["Groups"]) for p in whole["CoveragesByTime"])
    token = pages[0]["NextPageToken"]
    sent, parsed = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}], NextPageToken=token, MaxResults=10)
    assert (sent.status, parsed["Error"]["Code"]) == (400, "InvalidNextTokenException")
    sent, parsed = _coverage(standin, creds, GroupBy=group, NextPageToken="eyJxIjoiMDAwIiwibyI6MTB9" + "A" * 22, MaxResults=10)
    assert parsed["Error"]["Code"] == "InvalidNextTokenException"
    sent, parsed = _coverage(standin, creds, GroupBy=group, NextPageToken=token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert parsed["Error"]["Code"] == "InvalidNextTokenException"


@pytest.mark.parametrize("dimension", service_model("ce").shape_for("Dimension").enum)
def test_dimension_values_for_every_dimension(standin, creds, dimension):
    sent, parsed = call(standin.url, "ce", DIMENSIONS, {"Dimension": dimension, "TimePeriod": _period()}, creds)
    assert sent.status == 200, sent.body
    assert parsed["DimensionValues"] and parsed["ReturnSize"] == len(parsed["DimensionValues"]) <= parsed["TotalSize"]
    assert all(isinstance(v["Value"], str) and isinstance(v["Attributes"], dict) for v in parsed["DimensionValues"])


def test_dimension_values_match_coverage_groups(standin, creds):
    _, values = call(standin.url, "ce", DIMENSIONS, {"Dimension": "INSTANCE_TYPE", "TimePeriod": _period(),
                                                     "Context": "RESERVATIONS"}, creds)
    _, cov = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}])
    grouped = {g["Attributes"]["instanceType"] for p in cov["CoveragesByTime"] for g in p["Groups"]}
    assert {v["Value"] for v in values["DimensionValues"]} == grouped
    _, accounts = call(standin.url, "ce", DIMENSIONS, {"Dimension": "LINKED_ACCOUNT", "TimePeriod": _period()}, creds)
    assert all(v["Attributes"].get("description") for v in accounts["DimensionValues"])


def test_dimension_values_search_and_pages(standin, creds):
    _, found = call(standin.url, "ce", DIMENSIONS, {"Dimension": "INSTANCE_TYPE", "TimePeriod": _period(),
                                                    "SearchString": "m5"}, creds)
    assert {v["Value"] for v in found["DimensionValues"]} == {"m5.large", "m5.xlarge"}
    seen, token = [], None
    while True:
        params = {"Dimension": "INSTANCE_TYPE", "TimePeriod": _period(), "MaxResults": 2}
        if token:
            params["NextPageToken"] = token
        _, page = call(standin.url, "ce", DIMENSIONS, params, creds)
        seen += [v["Value"] for v in page["DimensionValues"]]
        token = page.get("NextPageToken")
        if not token:
            break
    assert len(seen) == len(set(seen)) == page["TotalSize"]


def test_unknown_operation(standin, creds):
    request = build("ce", COVERAGE, {"TimePeriod": _period()}, standin.url)
    del request.headers["X-Amz-Target"]  # botocore's headers append on assignment
    request.headers["X-Amz-Target"] = "AWSInsightsIndexService.GetCostAndUsage"
    sent = send(sign(request, creds, "ce", "us-east-1"))
    assert (sent.status, _error(sent)["__type"]) == (400, "UnknownOperationException")


def test_two_group_keys_sum_to_one_key(standin, creds):
    _, one = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}])
    _, two = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "REGION"},
                                                {"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"}])
    for p1, p2 in zip(one["CoveragesByTime"], two["CoveragesByTime"], strict=True):
        for g in p1["Groups"]:
            region = g["Attributes"]["region"]
            parts = [x for x in p2["Groups"] if x["Attributes"]["region"] == region]
            assert all(set(x["Attributes"]) == {"region", "linkedAccount"} for x in parts)
            for key in HOURS:
                assert sum(Decimal(x["Coverage"]["CoverageHours"][key]) for x in parts) == Decimal(g["Coverage"]["CoverageHours"][key])
    sent, parsed = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": k} for k in ("REGION", "AZ", "TENANCY")])
    assert parsed["Error"]["Code"] == "ValidationException"


def test_sort_by_orders_groups(standin, creds):
    _, parsed = _coverage(standin, creds, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}],
                          SortBy={"Key": "OnDemandHours", "SortOrder": "DESCENDING"})
    for period in parsed["CoveragesByTime"]:
        values = [Decimal(g["Coverage"]["CoverageHours"]["OnDemandHours"]) for g in period["Groups"]]
        assert values == sorted(values, reverse=True)
    sent, parsed = _coverage(standin, creds, SortBy={"Key": "Colour"})
    assert parsed["Error"]["Code"] == "ValidationException"


# ---------------------------------------------------------------- scenario switches for Cost Explorer


def test_data_unavailable_switch(standin, creds):
    standin.scenario(ce_data_unavailable=True)
    sent, _ = _coverage(standin, creds, Granularity="DAILY")
    assert sent.status == 400 and _error(sent)["__type"].endswith("DataUnavailableException")
    standin.scenario(ce_data_unavailable=False)
    assert _coverage(standin, creds, Granularity="DAILY")[0].status == 200


def test_default_page_size_switch_pages_what_has_no_max_results(standin, creds):
    standin.scenario(ce_page_size=100)
    pages = _all_pages(standin, creds, Granularity="DAILY")
    days = (_window()[1] - _window()[0]).days
    assert [len(p["CoveragesByTime"]) for p in pages[:-1]] == [100] * (len(pages) - 1)
    assert sum(len(p["CoveragesByTime"]) for p in pages) == days
    assert "Total" in pages[-1]


def test_refused_page_tokens_switch_counts_down(standin, creds):
    standin.scenario(ce_page_size=100, ce_reject_page_tokens=1)
    first = _coverage(standin, creds, Granularity="DAILY")[1]
    token = first["NextPageToken"]
    refused, _ = _coverage(standin, creds, Granularity="DAILY", NextPageToken=token)
    assert refused.status == 400 and _error(refused)["__type"].endswith("InvalidNextTokenException")
    again, _ = _coverage(standin, creds, Granularity="DAILY", NextPageToken=token)
    assert again.status == 200


def test_extra_values_switch_adds_searchable_values(standin, creds):
    standin.scenario(ce_extra_values=3)
    body = {"Dimension": "INSTANCE_TYPE", "TimePeriod": _period(), "Context": "RESERVATIONS"}
    _, parsed = call(standin.url, "ce", DIMENSIONS, body, creds)
    values = [v["Value"] for v in parsed["DimensionValues"]]
    assert values[-3:] == ["x1.extra", "x2.extra", "x3.extra"] and parsed["TotalSize"] == len(values)
    _, searched = call(standin.url, "ce", DIMENSIONS, dict(body, SearchString="x2"), creds)
    assert [v["Value"] for v in searched["DimensionValues"]] == ["x2.extra"]


def test_cost_category_patterns_are_checked_as_java_reads_them(standin, creds):
    ok = {"CostCategories": {"Key": "Data team", "Values": ["Équipe-1_x"]}}
    sent, _ = _coverage(standin, creds, Granularity="DAILY", Filter=ok)
    # Model-valid, then refused by the operation's own rule (cost categories in coverage).
    assert sent.status == 400 and "CostCategories is not supported" in json.dumps(_error(sent))
    bad = {"CostCategories": {"Key": " lead", "Values": ["x"]}}
    sent, _ = _coverage(standin, creds, Granularity="DAILY", Filter=bad)
    assert sent.status == 400 and "failed to satisfy constraint" in json.dumps(_error(sent))
