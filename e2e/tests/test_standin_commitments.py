"""Cost Explorer in the stand-in: RI utilization, Savings Plans coverage and utilization, through the
HTTP stand-in with signed botocore requests. Each answer fits the model's output shape and botocore
reads every member back; the numbers agree with each other and with RI coverage; paging round-trips;
each of AWS's rules answers its ValidationException."""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from e2e.standin import ce, data
from e2e.standin.models import service_model
from e2e.standin.tokens import Tokens
from e2e.standin.validation import output_problems
from e2e.support.awsclient import build, call, send, sign

RI_UTILIZATION = "GetReservationUtilization"
SP_COVERAGE = "GetSavingsPlansCoverage"
SP_UTILIZATION = "GetSavingsPlansUtilization"
COVERAGE = "GetReservationCoverage"
DIMENSIONS = "GetDimensionValues"
BY_SUBSCRIPTION = [{"Type": "DIMENSION", "Key": "SUBSCRIPTION_ID"}]
MODEL = service_model("ce")
AGGREGATES = tuple(MODEL.shape_for("ReservationAggregates").members)
EXACT = Decimal("0.000000001")  # percentages carry 10 decimals


def _today():
    return datetime.now(timezone.utc).date()


def _period(start=None, end=None):
    today = _today()
    return {"Start": (start or date(today.year - 1, today.month, 1)).isoformat(),
            "End": (end or today + timedelta(days=1)).isoformat()}


def _ask(standin, creds, operation, **params):
    """(Sent, the JSON answer as sent) for a signed request; on 200 the answer must fit the output
    shape and botocore's parser must read every member of it back."""
    params.setdefault("TimePeriod", _period())
    sent, parsed = call(standin.url, "ce", operation, params, creds, validate=False)
    answer = json.loads(sent.body)
    if sent.status == 200:
        assert output_problems(answer, MODEL.operation_model(operation).output_shape) == []
        parsed.pop("ResponseMetadata")
        assert parsed == answer
    return sent, answer


def _ok(standin, creds, operation, **params):
    sent, answer = _ask(standin, creds, operation, **params)
    assert sent.status == 200, sent.body
    return answer


def _pages(standin, creds, operation, token="NextPageToken", **params):
    pages, next_token = [], None
    while True:
        page = _ok(standin, creds, operation, **dict(params, **({token: next_token} if next_token else {})))
        pages.append(page)
        next_token = page.get(token)
        if not next_token:
            return pages


def D(text):
    return Decimal(text)


def _close(pct, part, whole):
    return abs(D(pct) - (part * 100 / whole if whole else 0)) < EXACT


def _check_aggregates(a):
    assert set(a) == set(AGGREGATES) and all(isinstance(v, str) for v in a.values())
    p, act, u = D(a["PurchasedHours"]), D(a["TotalActualHours"]), D(a["UnusedHours"])
    assert p == act + u and D(a["PurchasedUnits"]) == D(a["TotalActualUnits"]) + D(a["UnusedUnits"])
    assert _close(a["UtilizationPercentage"], act, p)
    assert _close(a["UtilizationPercentageInUnits"], D(a["TotalActualUnits"]), D(a["PurchasedUnits"]))
    fee = D(a["TotalAmortizedFee"])
    assert fee == D(a["AmortizedUpfrontFee"]) + D(a["AmortizedRecurringFee"])
    assert D(a["NetRISavings"]) == D(a["OnDemandCostOfRIHoursUsed"]) - fee
    assert D(a["NetRISavings"]) == D(a["RealizedSavings"]) - D(a["RICostForUnusedHours"])
    assert D(a["TotalPotentialRISavings"]) == D(a["RealizedSavings"]) + D(a["UnrealizedSavings"])


def _sum(blocks, key):
    return sum((D(b[key]) for b in blocks), Decimal(0))


# ---------------------------------------------------------------- GetReservationUtilization


def test_ri_utilization_monthly_adds_up_and_matches_coverage(standin, creds):
    answer = _ok(standin, creds, RI_UTILIZATION, Granularity="MONTHLY")
    periods = answer["UtilizationsByTime"]
    assert len(periods) == 13 and "NextPageToken" not in answer
    for p in periods:
        assert p["Groups"] == []
        _check_aggregates(p["Total"])
    _check_aggregates(answer["Total"])
    for key in ("PurchasedHours", "TotalActualHours", "UnusedHours", "TotalAmortizedFee", "NetRISavings"):
        assert _sum([p["Total"] for p in periods], key) == D(answer["Total"][key])
    # The RIs carried exactly the reserved hours of coverage: one story, month by month.
    coverage = _ok(standin, creds, COVERAGE, Granularity="MONTHLY")["CoveragesByTime"]
    for ri, cov in zip(periods, coverage, strict=True):
        assert ri["TimePeriod"] == cov["TimePeriod"]
        assert ri["Total"]["TotalActualHours"] == cov["Total"]["CoverageHours"]["ReservedHours"]
        assert ri["Total"]["TotalActualUnits"] == cov["Total"]["CoverageNormalizedUnits"]["ReservedNormalizedUnits"]
        assert D(ri["Total"]["OnDemandCostOfRIHoursUsed"]) > 0


@pytest.mark.parametrize("dimension,value", [("REGION", "eu-west-1"), ("INSTANCE_TYPE", "m5.large")])
def test_ri_utilization_filtered_matches_coverage_filtered(standin, creds, dimension, value):
    flt = {"Dimensions": {"Key": dimension, "Values": [value]}}
    ri = _ok(standin, creds, RI_UTILIZATION, Granularity="MONTHLY", Filter=flt)
    cov = _ok(standin, creds, COVERAGE, Granularity="MONTHLY", Filter=flt)
    assert ri["Total"]["TotalActualHours"] == cov["Total"]["CoverageHours"]["ReservedHours"]


def test_ri_utilization_defaults_to_daily(standin, creds):
    first = _today() - timedelta(days=9)
    answer = _ok(standin, creds, RI_UTILIZATION, TimePeriod=_period(first))
    assert [p["TimePeriod"]["Start"] for p in answer["UtilizationsByTime"]] == \
        [(first + timedelta(days=i)).isoformat() for i in range(10)]
    day = answer["UtilizationsByTime"][0]["Total"]
    leases = data.ri_day(first)
    assert D(day["PurchasedHours"]) == sum(24 * lease.instances for lease, _, _ in leases)


def test_ri_utilization_by_subscription(standin, creds):
    tp = _period()
    answer = _ok(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION, TimePeriod=tp)
    [period] = answer["UtilizationsByTime"]  # grouped: one period, the one asked
    assert period["TimePeriod"] == tp
    groups = period["Groups"]
    today = _today()
    leases = data.ri_leases(date.fromisoformat(tp["Start"]), today)
    assert [g["Value"] for g in groups] == [lease.subscription_id for lease in leases]
    for g, lease in zip(groups, leases):
        assert g["Key"] == "SUBSCRIPTION_ID" and g["Attributes"]["subscriptionId"] == g["Value"]
        assert g["Attributes"] == lease.attributes(today)
        assert {"accountId", "region", "instanceType", "numberOfInstances", "startDateTime", "endDateTime",
                "subscriptionStatus", "platform", "tenancy", "scope", "leaseId"} <= set(g["Attributes"])
        assert g["Attributes"]["subscriptionStatus"] in ("Active", "Retired")
        _check_aggregates(g["Utilization"])
    for key in AGGREGATES:
        if "Percentage" not in key:
            assert _sum([g["Utilization"] for g in groups], key) == D(period["Total"][key]) == D(answer["Total"][key])
    # A base RI is well used, its top-up less so; and every value GetDimensionValues lists is a group.
    by_name = {lease.series.name: g for g, lease in zip(groups, leases)}
    assert D(by_name["use1-m5-base"]["Utilization"]["UtilizationPercentage"]) > \
        D(by_name["use1-m5-topup"]["Utilization"]["UtilizationPercentage"])
    values = _ok(standin, creds, DIMENSIONS, Dimension="SUBSCRIPTION_ID", Context="RESERVATIONS", TimePeriod=tp)
    assert sorted(v["Value"] for v in values["DimensionValues"]) == sorted(g["Value"] for g in groups)


def test_ri_utilization_filters_on_the_reservation(standin, creds):
    zonal = _ok(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION,
                Filter={"And": [{"Dimensions": {"Key": "SCOPE", "Values": ["AZ"]}},
                                {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Elastic Compute Cloud - Compute"]}}]})
    groups = zonal["UtilizationsByTime"][0]["Groups"]
    assert groups and {g["Attributes"]["availabilityZone"] for g in groups} == {"eu-west-1b"}
    assert {g["Attributes"]["scope"] for g in groups} == {"Availability Zone"}
    owned = _ok(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION,
                Filter={"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["444455556666"]}})
    assert {g["Attributes"]["accountId"] for g in owned["UtilizationsByTime"][0]["Groups"]} == {"444455556666"}
    rds = _ok(standin, creds, RI_UTILIZATION, Granularity="MONTHLY",
              Filter={"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Relational Database Service"]}})
    assert rds["Total"]["PurchasedHours"] == "0" and rds["Total"]["UtilizationPercentage"] == "0"


def test_ri_utilization_sorts_groups_and_periods(standin, creds):
    answer = _ok(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION,
                 SortBy={"Key": "UtilizationPercentage", "SortOrder": "DESCENDING"})
    values = [D(g["Utilization"]["UtilizationPercentage"]) for g in answer["UtilizationsByTime"][0]["Groups"]]
    assert values == sorted(values, reverse=True) and len(set(values)) > 1
    monthly = _ok(standin, creds, RI_UTILIZATION, Granularity="MONTHLY", SortBy={"Key": "NetRISavings"})
    values = [D(p["Total"]["NetRISavings"]) for p in monthly["UtilizationsByTime"]]
    assert values == sorted(values)


def test_ri_utilization_pages_by_group_and_refuses_other_tokens(standin, creds):
    whole = _ok(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION)
    pages = _pages(standin, creds, RI_UTILIZATION, GroupBy=BY_SUBSCRIPTION, MaxResults=3)
    groups = [g for page in pages for p in page["UtilizationsByTime"] for g in p["Groups"]]
    assert len(pages) > 2 and all(page["Total"] == whole["Total"] for page in pages)
    assert groups == whole["UtilizationsByTime"][0]["Groups"]
    token = pages[0]["NextPageToken"]
    sent, err = _ask(standin, creds, RI_UTILIZATION, Granularity="MONTHLY", NextPageToken=token, MaxResults=3)
    assert (sent.status, err["__type"]) == (400, "InvalidNextTokenException")
    sent, err = _ask(standin, creds, COVERAGE, GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}], NextPageToken=token)
    assert (sent.status, err["__type"]) == (400, "InvalidNextTokenException")


def test_ri_utilization_page_size_and_refused_token_scenarios(standin, creds):
    standin.scenario(ce_page_size=100, ce_reject_page_tokens=1)
    first = _ok(standin, creds, RI_UTILIZATION)
    assert len(first["UtilizationsByTime"]) == 100
    sent, err = _ask(standin, creds, RI_UTILIZATION, NextPageToken=first["NextPageToken"])
    assert (sent.status, err["__type"]) == (400, "InvalidNextTokenException")
    pages = _pages(standin, creds, RI_UTILIZATION)
    days = (_today() - date.fromisoformat(_period()["Start"])).days + 1
    assert sum(len(p["UtilizationsByTime"]) for p in pages) == days


# ---------------------------------------------------------------- GetSavingsPlansCoverage


def _check_sp_coverage(c):
    assert set(c) == set(MODEL.shape_for("SavingsPlansCoverageData").members)
    covered, on_demand = D(c["SpendCoveredBySavingsPlans"]), D(c["OnDemandCost"])
    assert D(c["TotalCost"]) == covered + on_demand and _close(c["CoveragePercentage"], covered, covered + on_demand)


def test_sp_coverage_monthly_by_default_and_consistent(standin, creds):
    answer = _ok(standin, creds, SP_COVERAGE, Metrics=["SpendCoveredBySavingsPlans"])
    rows = answer["SavingsPlansCoverages"]
    assert len(rows) == 13 and "NextToken" not in answer
    for row in rows:
        assert row["Attributes"] == {}
        _check_sp_coverage(row["Coverage"])
        assert D(row["Coverage"]["SpendCoveredBySavingsPlans"]) > 0
    # The plans cover part of what RI coverage calls on demand: on-demand left + the covered
    # hours at on-demand prices is RI coverage's on-demand cost.
    util = _ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY")["SavingsPlansUtilizationsByTime"]
    cov = _ok(standin, creds, COVERAGE, Granularity="MONTHLY")["CoveragesByTime"]
    for sp, u, ri in zip(rows, util, cov, strict=True):
        assert sp["TimePeriod"] == u["TimePeriod"] == ri["TimePeriod"]
        assert sp["Coverage"]["SpendCoveredBySavingsPlans"] == u["Utilization"]["UsedCommitment"]
        assert D(sp["Coverage"]["OnDemandCost"]) + D(u["Savings"]["OnDemandCostEquivalent"]) == \
            D(ri["Total"]["CoverageCost"]["OnDemandCost"])


@pytest.mark.parametrize("key,attribute", [("INSTANCE_FAMILY", "instanceFamily"), ("REGION", "region"),
                                           ("SERVICE", "service")])
def test_sp_coverage_groups_add_up(standin, creds, key, attribute):
    monthly = _ok(standin, creds, SP_COVERAGE, Granularity="MONTHLY")["SavingsPlansCoverages"]
    rows = _ok(standin, creds, SP_COVERAGE, GroupBy=[{"Type": "DIMENSION", "Key": key}])["SavingsPlansCoverages"]
    assert rows and all(set(r["Attributes"]) == {attribute} and r["TimePeriod"] == _period() for r in rows)
    assert len({r["Attributes"][attribute] for r in rows}) == len(rows)
    for member in ("SpendCoveredBySavingsPlans", "OnDemandCost", "TotalCost"):
        assert _sum([r["Coverage"] for r in rows], member) == _sum([m["Coverage"] for m in monthly], member)
    for r in rows:
        _check_sp_coverage(r["Coverage"])


def test_sp_coverage_pages_with_next_token_20_by_default(standin, creds):
    pages = _pages(standin, creds, SP_COVERAGE, token="NextToken", Granularity="DAILY")
    days = (_today() - date.fromisoformat(_period()["Start"])).days + 1
    assert [len(p["SavingsPlansCoverages"]) for p in pages[:-1]] == [20] * (len(pages) - 1)
    rows = [r for p in pages for r in p["SavingsPlansCoverages"]]
    assert len(rows) == days and len({r["TimePeriod"]["Start"] for r in rows}) == days
    assert rows == _ok(standin, creds, SP_COVERAGE, Granularity="DAILY", MaxResults=1000)["SavingsPlansCoverages"]
    sent, err = _ask(standin, creds, SP_COVERAGE, Granularity="MONTHLY", NextToken=pages[0]["NextToken"])
    assert (sent.status, err["__type"]) == (400, "InvalidNextTokenException")
    # The member is NextToken: NextPageToken (botocore would not even send it) is not known.
    request = build("ce", SP_COVERAGE, {"TimePeriod": _period()}, standin.url)
    request.data = json.dumps({"TimePeriod": _period(), "NextPageToken": pages[0]["NextToken"]}).encode()
    sent = send(sign(request, creds, "ce", "us-east-1"))
    err = json.loads(sent.body)
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert "Member 'NextPageToken' is not a known member" in err["message"]


def test_sp_coverage_scenarios_page_and_refuse_next_token(standin, creds):
    standin.scenario(ce_page_size=5, ce_reject_page_tokens=1)
    first = _ok(standin, creds, SP_COVERAGE, Granularity="MONTHLY")
    assert len(first["SavingsPlansCoverages"]) == 5
    sent, err = _ask(standin, creds, SP_COVERAGE, Granularity="MONTHLY", NextToken=first["NextToken"])
    assert (sent.status, err["__type"]) == (400, "InvalidNextTokenException")
    assert _ok(standin, creds, SP_COVERAGE, Granularity="MONTHLY", NextToken=first["NextToken"])["SavingsPlansCoverages"]


def test_sp_coverage_filters_and_sorts(standin, creds):
    flt = {"And": [{"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["123456789012"]}},
                   {"CostCategories": {"Key": "Team", "Values": ["finops"]}}]}
    payer = _ok(standin, creds, SP_COVERAGE, Filter=flt, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"}])
    families = {r["Attributes"]["instanceFamily"] for r in payer["SavingsPlansCoverages"]}
    assert families == {f.attribute("INSTANCE_TYPE_FAMILY") for f in data.FLEETS if f.account == "123456789012"}
    nobody = _ok(standin, creds, SP_COVERAGE, Granularity="MONTHLY",
                 Filter={"CostCategories": {"Key": "Team", "Values": ["nobody"]}})
    assert {r["Coverage"]["TotalCost"] for r in nobody["SavingsPlansCoverages"]} == {"0"}
    m5 = _ok(standin, creds, SP_COVERAGE, GroupBy=[{"Type": "DIMENSION", "Key": "REGION"}],
             Filter={"Dimensions": {"Key": "INSTANCE_TYPE_FAMILY", "Values": ["m5"]}})
    assert {r["Attributes"]["region"] for r in m5["SavingsPlansCoverages"]} == {"us-east-1", "eu-west-1"}
    ranked = _ok(standin, creds, SP_COVERAGE, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"}],
                 SortBy={"Key": "CoveragePercentage", "SortOrder": "DESCENDING"})["SavingsPlansCoverages"]
    values = [D(r["Coverage"]["CoveragePercentage"]) for r in ranked]
    assert values == sorted(values, reverse=True)
    named = _ok(standin, creds, SP_COVERAGE, GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"}],
                SortBy={"Key": "InstanceFamily", "SortOrder": "DESCENDING"})["SavingsPlansCoverages"]
    names = [r["Attributes"]["instanceFamily"] for r in named]
    assert names == sorted(names, reverse=True)


# ---------------------------------------------------------------- GetSavingsPlansUtilization


def _check_sp_utilization(block):
    u, s, a = block["Utilization"], block["Savings"], block["AmortizedCommitment"]
    for name, part in (("SavingsPlansUtilization", u), ("SavingsPlansSavings", s),
                       ("SavingsPlansAmortizedCommitment", a)):
        assert set(part) == set(MODEL.shape_for(name).members)
    total, used = D(u["TotalCommitment"]), D(u["UsedCommitment"])
    assert D(u["UnusedCommitment"]) == total - used and _close(u["UtilizationPercentage"], used, total)
    assert D(a["TotalAmortizedCommitment"]) == total == \
        D(a["AmortizedRecurringCommitment"]) + D(a["AmortizedUpfrontCommitment"])
    assert D(s["NetSavings"]) == D(s["OnDemandCostEquivalent"]) - total


def test_sp_utilization_monthly_and_total(standin, creds):
    answer = _ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY")
    rows = answer["SavingsPlansUtilizationsByTime"]
    assert len(rows) == 13 and set(answer) == {"SavingsPlansUtilizationsByTime", "Total"}
    for row in rows + [answer["Total"]]:
        _check_sp_utilization(row)
    for block, key in (("Utilization", "TotalCommitment"), ("Utilization", "UsedCommitment"),
                       ("Savings", "OnDemandCostEquivalent"), ("AmortizedCommitment", "AmortizedUpfrontCommitment")):
        assert _sum([r[block] for r in rows], key) == D(answer["Total"][block][key])
    assert 0 < D(answer["Total"]["Utilization"]["UtilizationPercentage"]) < 100
    assert D(answer["Total"]["Savings"]["NetSavings"]) > 0


def test_sp_utilization_by_plan_adds_up(standin, creds):
    whole = _ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY")["Total"]
    parts = [_ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY",
                 Filter={"Dimensions": {"Key": "SAVINGS_PLAN_ARN", "Values": [plan.arn]}})["Total"]
             for plan in data.SAVINGS_PLANS]
    for key in ("TotalCommitment", "UsedCommitment"):
        assert _sum([p["Utilization"] for p in parts], key) == D(whole["Utilization"][key])
        assert all(D(p["Utilization"][key]) > 0 for p in parts)
    ec2 = _ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY",
              Filter={"And": [{"Dimensions": {"Key": "SAVINGS_PLANS_TYPE", "Values": ["EC2InstanceSavingsPlans"]}},
                              {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}]})["Total"]
    assert ec2 == parts[0]


def test_sp_utilization_daily_by_default_and_sorted(standin, creds):
    first = _today() - timedelta(days=6)
    rows = _ok(standin, creds, SP_UTILIZATION, TimePeriod=_period(first))["SavingsPlansUtilizationsByTime"]
    assert len(rows) == 7
    commitment = sum(p.hourly * 24 for p in data.SAVINGS_PLANS if p.active(first))
    assert D(rows[0]["Utilization"]["TotalCommitment"]) == commitment
    ranked = _ok(standin, creds, SP_UTILIZATION, TimePeriod=_period(first),
                 SortBy={"Key": "UnusedCommitment", "SortOrder": "DESCENDING"})["SavingsPlansUtilizationsByTime"]
    values = [D(r["Utilization"]["UnusedCommitment"]) for r in ranked]
    assert values == sorted(values, reverse=True)
    assert sorted(r["TimePeriod"]["Start"] for r in ranked) == [r["TimePeriod"]["Start"] for r in rows]


# ---------------------------------------------------------------- GetDimensionValues in SAVINGS_PLANS


@pytest.mark.parametrize("dimension,expected", [
    ("SAVINGS_PLAN_ARN", sorted(p.arn for p in data.SAVINGS_PLANS)),
    ("SAVINGS_PLANS_TYPE", ["ComputeSavingsPlans", "EC2InstanceSavingsPlans"]),
    ("PAYMENT_OPTION", ["All Upfront", "No Upfront", "Partial Upfront"]),
    ("INSTANCE_TYPE_FAMILY", ["m5", "m6i"]),
    ("REGION", ["eu-west-1", "us-east-1"]),
    ("LINKED_ACCOUNT", ["123456789012", "210987654321", "333344445555"]),
])
def test_savings_plans_dimension_values_filter_utilization(standin, creds, dimension, expected):
    answer = _ok(standin, creds, DIMENSIONS, Dimension=dimension, Context="SAVINGS_PLANS")
    assert [v["Value"] for v in answer["DimensionValues"]] == expected
    for value in expected:
        total = _ok(standin, creds, SP_UTILIZATION, Granularity="MONTHLY",
                    Filter={"Dimensions": {"Key": dimension, "Values": [value]}})["Total"]
        assert D(total["Utilization"]["TotalCommitment"]) > 0


# ---------------------------------------------------------------- AWS's rules

OR = {"Or": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
             {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}]}
NOT = {"Not": {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}}
NESTED = {"And": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
                  {"And": [{"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["123456789012"]}},
                           {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}]}]}
RI_DIMS = "AZ, CACHE_ENGINE, DEPLOYMENT_OPTION, INSTANCE_TYPE, LINKED_ACCOUNT, OPERATING_SYSTEM, PLATFORM, REGION, SERVICE, SCOPE, TENANCY"
SPC_DIMS = "LINKED_ACCOUNT, REGION, SERVICE, INSTANCE_TYPE_FAMILY"
SPU_DIMS = "LINKED_ACCOUNT, SAVINGS_PLAN_ARN, SAVINGS_PLANS_TYPE, REGION, PAYMENT_OPTION, INSTANCE_TYPE_FAMILY"
REGION_GROUP = [{"Type": "DIMENSION", "Key": "REGION"}]

REFUSALS = [
    (RI_UTILIZATION, {"Filter": OR}, "Or is not supported for GetReservationUtilization: only And is supported among dimensions."),
    (RI_UTILIZATION, {"Filter": NOT}, "Not is not supported for GetReservationUtilization: only And is supported among dimensions."),
    (RI_UTILIZATION, {"Filter": NESTED}, "Expressions can be nested only one level deep for GetReservationUtilization."),
    (RI_UTILIZATION, {"GroupBy": BY_SUBSCRIPTION, "Granularity": "MONTHLY"},
     "Granularity can't be set together with GroupBy for GetReservationUtilization."),
    (RI_UTILIZATION, {"Granularity": "HOURLY"},
     "Hourly granularity is not enabled for reservation utilization: use DAILY or MONTHLY."),
    (RI_UTILIZATION, {"GroupBy": [{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}]},
     "Group Definition dimension INSTANCE_TYPE is not allowed. Allowed: SUBSCRIPTION_ID"),
    (RI_UTILIZATION, {"GroupBy": [{"Type": "TAG", "Key": "team"}]},
     "Group Definition type TAG is not supported for GetReservationUtilization."),
    (RI_UTILIZATION, {"GroupBy": BY_SUBSCRIPTION * 2}, "You can group by at most 1 dimension."),
    (RI_UTILIZATION, {"Filter": {"Dimensions": {"Key": "INSTANCE_TYPE_FAMILY", "Values": ["m5"]}}},
     f"Dimension INSTANCE_TYPE_FAMILY is not allowed. Allowed dimension(s): {RI_DIMS}"),
    (RI_UTILIZATION, {"Filter": {"Dimensions": {"Key": "SERVICE", "Values": [
        "Amazon Elastic Compute Cloud - Compute", "Amazon Relational Database Service"]}}},
     "The value for the SERVICE filter should not exceed 1 for GetReservationUtilization; found 2 values."),
    (RI_UTILIZATION, {"Filter": {"Tags": {"Key": "team", "Values": ["finops"]}}},
     "Tags is not supported for GetReservationUtilization filters."),
    (RI_UTILIZATION, {"SortBy": {"Key": "CoverageHoursPercentage"}},
     "SortBy key CoverageHoursPercentage is not supported. Valid keys: " + ", ".join(ce.RI_UTILIZATION_SORT_KEYS)),
    (SP_COVERAGE, {"Filter": OR}, "Or is not supported for GetSavingsPlansCoverage: only And is supported among dimensions."),
    (SP_COVERAGE, {"Filter": NOT}, "Not is not supported for GetSavingsPlansCoverage: only And is supported among dimensions."),
    (SP_COVERAGE, {"GroupBy": REGION_GROUP, "Granularity": "DAILY"},
     "Granularity can't be set together with GroupBy for GetSavingsPlansCoverage."),
    (SP_COVERAGE, {"Granularity": "HOURLY"},
     "Hourly granularity is not enabled for savings plans coverage: use DAILY or MONTHLY."),
    (SP_COVERAGE, {"GroupBy": [{"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"}]},
     "Group Definition dimension LINKED_ACCOUNT is not allowed. Allowed: INSTANCE_FAMILY, REGION, SERVICE"),
    (SP_COVERAGE, {"GroupBy": [{"Type": "COST_CATEGORY", "Key": "Team"}]},
     "Group Definition type COST_CATEGORY is not supported for GetSavingsPlansCoverage."),
    (SP_COVERAGE, {"Metrics": ["UnblendedCost"]}, "Metric UnblendedCost is not supported. Valid metrics: SpendCoveredBySavingsPlans"),
    (SP_COVERAGE, {"Filter": {"Dimensions": {"Key": "AZ", "Values": ["us-east-1a"]}}},
     f"Dimension AZ is not allowed. Allowed dimension(s): {SPC_DIMS}"),
    (SP_COVERAGE, {"Filter": {"Tags": {"Key": "team", "Values": ["finops"]}}},
     "Tags is not supported for GetSavingsPlansCoverage filters."),
    (SP_COVERAGE, {"SortBy": {"Key": "SpendCoveredBySavingsPlans"}},
     "SortBy key SpendCoveredBySavingsPlans is not supported. Valid keys: " + ", ".join(ce.SP_COVERAGE_SORT_KEYS)),
    (SP_UTILIZATION, {"Filter": OR}, "Or is not supported for GetSavingsPlansUtilization: only And is supported among dimensions."),
    (SP_UTILIZATION, {"Filter": NOT}, "Not is not supported for GetSavingsPlansUtilization: only And is supported among dimensions."),
    (SP_UTILIZATION, {"Granularity": "HOURLY"},
     "Hourly granularity is not enabled for savings plans utilization: use DAILY or MONTHLY."),
    (SP_UTILIZATION, {"Filter": {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Elastic Compute Cloud - Compute"]}}},
     f"Dimension SERVICE is not allowed. Allowed dimension(s): {SPU_DIMS}"),
    (SP_UTILIZATION, {"Filter": {"CostCategories": {"Key": "Team", "Values": ["finops"]}}},
     "CostCategories is not supported for GetSavingsPlansUtilization filters."),
    (SP_UTILIZATION, {"SortBy": {"Key": "Savings"}},
     "SortBy key Savings is not supported. Valid keys: " + ", ".join(ce.SP_UTILIZATION_SORT_KEYS)),
]


@pytest.mark.parametrize("operation,params,message", REFUSALS,
                         ids=[f"{op[3:]}-{msg[:40]}" for op, _, msg in REFUSALS])
def test_aws_rules_refuse_with_validation_exception(standin, creds, operation, params, message):
    sent, err = _ask(standin, creds, operation, **params)
    assert (sent.status, err) == (400, {"__type": "ValidationException", "message": message})
    assert sent.headers["x-amzn-requestid"]
    entry = standin.log()[-1]
    assert entry["operation"] == operation and entry["signature"]["valid"] is True
    assert entry["validation"] == {"valid": False, "reason": f"ValidationException: {message}"}


@pytest.mark.parametrize("operation", [RI_UTILIZATION, SP_COVERAGE, SP_UTILIZATION])
def test_model_checks_come_first(standin, creds, operation):
    sent, err = _ask(standin, creds, operation, Granularity="WEEKLY")
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert err["message"].startswith("1 validation error detected: Value 'WEEKLY' at 'granularity'")
    sent, err = _ask(standin, creds, operation, TimePeriod=_period(date(2020, 1, 1)))
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert "you can retrieve data for the last 12 months and the current month" in err["message"]
    sent, err = _ask(standin, creds, operation, Filter={"Dimensions": {"Key": "INSTANCE_FAMILY", "Values": ["m5"]}})
    assert (sent.status, err["__type"]) == (400, "ValidationException")
    assert "Value 'INSTANCE_FAMILY' at 'filter.dimensions.key' failed to satisfy constraint" in err["message"]
    assert standin.log()[-1]["validation"]["valid"] is False


@pytest.mark.parametrize("operation", [RI_UTILIZATION, SP_COVERAGE, SP_UTILIZATION])
def test_new_operations_are_signed_and_logged_like_the_others(standin, creds, operation):
    _ok(standin, creds, operation)
    entry = standin.log()[-1]
    assert (entry["service"], entry["operation"], entry["status"]) == ("ce", operation, 200)
    assert entry["signature"]["valid"] and entry["validation"]["valid"]
    standin.scenario(throttle={"count": 1, "service": "ce"})
    sent, err = _ask(standin, creds, operation)
    assert (sent.status, err["__type"]) == (400, "LimitExceededException")


# ---------------------------------------------------------------- the public functions


def test_public_functions_are_deterministic_and_fit_the_output_shapes():
    today = _today()
    tp = _period()
    cases = [
        (ce.get_reservation_coverage, COVERAGE, {"GroupBy": [{"Type": "DIMENSION", "Key": "REGION"}]}),
        (ce.get_reservation_utilization, RI_UTILIZATION, {"GroupBy": BY_SUBSCRIPTION}),
        (ce.get_reservation_utilization, RI_UTILIZATION, {"Granularity": "DAILY"}),
        (ce.get_savings_plans_coverage, SP_COVERAGE, {"Granularity": "DAILY", "MaxResults": 1000}),
        (ce.get_savings_plans_coverage, SP_COVERAGE, {"GroupBy": [{"Type": "DIMENSION", "Key": "REGION"},
                                                                  {"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"}]}),
        (ce.get_savings_plans_utilization, SP_UTILIZATION, {"Granularity": "DAILY"}),
        (ce.get_dimension_values, DIMENSIONS, {"Dimension": "SAVINGS_PLAN_ARN", "Context": "SAVINGS_PLANS"}),
    ]
    for fn, operation, params in cases:
        params = dict(params, TimePeriod=tp)
        one, two = fn(params, today, Tokens()), fn(params, today, Tokens())
        assert one == two and ce.HANDLERS[operation] is fn
        assert output_problems(one, MODEL.operation_model(operation).output_shape) == []


def test_output_check_catches_what_botocore_would_drop():
    shape = MODEL.operation_model(SP_UTILIZATION).output_shape
    assert output_problems({"SavingsPlansUtilizationsByTime": []}, shape) == [
        "output: required member Total of GetSavingsPlansUtilizationResponse is missing"]
    bad = {"Total": {"Utilization": {"TotalCommitment": 1}, "Savings": {"NetSaving": "1"}}}
    assert output_problems(bad, shape) == [
        "Total.Utilization.TotalCommitment: expected string (GenericString), found int",
        "Total.Savings: NetSaving is not a member of SavingsPlansSavings"]
