"""Cost Explorer operations with AWS's rules: GetReservationCoverage, GetReservationUtilization,
GetSavingsPlansCoverage, GetSavingsPlansUtilization and GetDimensionValues.

Each ``get_*(params, today, tokens)`` is deterministic for a given ``today``: tests call them
directly for the numbers the stand-in answers. Every number is a string, summed exactly (Decimal)
from the daily records of ``data``.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from . import data
from .errors import AwsError
from .tokens import TokenError

FILTER_DIMENSIONS = ("AZ", "CACHE_ENGINE", "DATABASE_ENGINE", "DEPLOYMENT_OPTION", "INSTANCE_TYPE", "LINKED_ACCOUNT",
                     "OPERATING_SYSTEM", "PLATFORM", "REGION", "SERVICE", "TENANCY")
GROUP_DIMENSIONS = tuple(d for d in FILTER_DIMENSIONS if d != "SERVICE")
ATTRIBUTE_KEY = {"INSTANCE_TYPE": "instanceType", "REGION": "region", "PLATFORM": "platform", "TENANCY": "tenancy",
                 "LINKED_ACCOUNT": "linkedAccount", "AZ": "availabilityZone", "OPERATING_SYSTEM": "operatingSystem",
                 "CACHE_ENGINE": "cacheEngine", "DATABASE_ENGINE": "databaseEngine",
                 "DEPLOYMENT_OPTION": "deploymentOption"}
METRICS = ("Hour", "Unit", "Cost")
SORT_KEYS = ("OnDemandCost", "CoverageHoursPercentage", "OnDemandHours", "ReservedHours", "TotalRunningHours",
             "CoverageNormalizedUnitsPercentage", "OnDemandNormalizedUnits", "ReservedNormalizedUnits",
             "TotalRunningNormalizedUnits", "Time")
TEAM_TAG = {"123456789012": "finops", "210987654321": "platform", "333344445555": "data", "444455556666": "sandbox"}
EC2_SERVICE = "Amazon Elastic Compute Cloud - Compute"
TEAM_COST_CATEGORY = "Team"  # a cost category whose value per account is its team tag


def _invalid(message: str) -> AwsError:
    return AwsError(400, "ValidationException", message)


def _parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise _invalid(f"{what} date {text} is not a valid date (expected yyyy-MM-dd)") from None


def check_period(period: dict, today: date) -> tuple:
    start = _parse_day(period["Start"], "Start")
    end = _parse_day(period["End"], "End")
    if end <= start:
        raise _invalid(f"Start date ({start}) must be before end date ({end}), and end is exclusive.")
    first, _ = data.coverage_window(today)
    if start < first:
        raise _invalid(
            f"Start date ({start}) is earlier than {first}: you can retrieve data for the last 12 months and the current month."
        )
    next_month = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    if end > next_month:
        raise _invalid(f"End date ({end}) is later than {next_month}: data does not extend past the current month.")
    return start, end


# ---------------------------------------------------------------- shared rules


@dataclass(frozen=True)
class FilterRules:
    """What one operation's Filter may hold: AWS allows only And (one level deep) everywhere here,
    and each operation its own dimensions, and tags or cost categories or neither."""
    operation: str
    dimensions: tuple
    tags: bool = False
    cost_categories: bool = False
    single_value: tuple = ()  # dimensions that take at most one value


COVERAGE_FILTER = FilterRules("GetReservationCoverage", FILTER_DIMENSIONS, tags=True)


def _leaf(expr: dict, path: str, rules: FilterRules):
    op = rules.operation
    keys = [k for k, v in expr.items() if v is not None]
    if len(keys) != 1:
        raise _invalid(f"Expression at {path} must have exactly one of And, Dimensions, Tags, CostCategories; found {keys}")
    key = keys[0]
    if key in ("Or", "Not"):
        raise _invalid(f"{key} is not supported for {op}: only And is supported among dimensions.")
    if (key == "CostCategories" and not rules.cost_categories) or (key == "Tags" and not rules.tags) \
            or key == "ProductAttributes":
        raise _invalid(f"{key} is not supported for {op} filters.")
    if key == "And":
        raise _invalid(f"Expressions can be nested only one level deep for {op}.")
    values = expr[key]
    for option in values.get("MatchOptions") or []:
        if option not in ("EQUALS", "CASE_SENSITIVE"):
            raise _invalid(f"MatchOptions {option} is not supported for {op}.")
    wanted = set(values.get("Values") or [])
    if key == "Dimensions":
        if values.get("Key") not in rules.dimensions:
            raise _invalid(f"Dimension {values.get('Key')} is not allowed. Allowed dimension(s): {', '.join(rules.dimensions)}")
        if values["Key"] in rules.single_value and len(values.get("Values") or []) > 1:
            raise _invalid(f"The value for the {values['Key']} filter should not exceed 1 for {op}; "
                           f"found {len(values['Values'])} values.")
        return ("dim", values["Key"], wanted)
    return ("tag" if key == "Tags" else "cost_category", values.get("Key"), wanted)


def parse_filter(expr: dict | None, rules: FilterRules = COVERAGE_FILTER) -> list:
    """The filter as a list of (kind, key, values) conditions that must all hold."""
    if expr is None:
        return []
    if expr.get("And") is not None:
        others = [k for k, v in expr.items() if v is not None and k != "And"]
        if others:
            raise _invalid("Expression must have exactly one of And, Dimensions, Tags, CostCategories.")
        if len(expr["And"]) < 2:
            raise _invalid("And expression must have at least 2 operands.")
        return [_leaf(e, f"And[{i}]", rules) for i, e in enumerate(expr["And"])]
    return [_leaf(expr, "Filter", rules)]


def _matches(item, conditions) -> bool:
    """Whether a fleet, RI lease or Savings Plan (anything with ``attribute`` and ``account``) holds."""
    for kind, key, values in conditions:
        if kind == "dim":
            if item.attribute(key) not in values:
                return False
        elif kind == "tag":
            if not (key == "team" and TEAM_TAG[item.account] in values):
                return False
        elif not (key == TEAM_COST_CATEGORY and TEAM_TAG[item.account] in values):
            return False
    return True


def _check_granularity(params, operation: str, what: str) -> str | None:
    granularity = params.get("Granularity")
    if params.get("GroupBy") and granularity:
        raise _invalid(f"Granularity can't be set together with GroupBy for {operation}.")
    if granularity == "HOURLY":
        raise _invalid(f"Hourly granularity is not enabled for {what}: use DAILY or MONTHLY.")
    return granularity


def _check_group_by(group_by, operation: str, dimensions: tuple, types=("DIMENSION", "TAG"), most=2):
    if len(group_by) > most:
        raise _invalid(f"You can group by at most {most} dimensions or tags." if "TAG" in types
                       else f"You can group by at most {most} dimension{'s' if most > 1 else ''}.")
    for g in group_by:
        if g.get("Type") == "DIMENSION" and g.get("Key") not in dimensions:
            raise _invalid(f"Group Definition dimension {g.get('Key')} is not allowed. Allowed: {', '.join(dimensions)}")
        if g.get("Type") not in types:
            raise _invalid(f"Group Definition type {g.get('Type')} is not supported for {operation}.")


def _check_metrics(metrics, allowed: tuple):
    for m in metrics or []:
        if m not in allowed:
            raise _invalid(f"Metric {m} is not supported. Valid metrics: {', '.join(allowed)}")


def _check_sort(sort, keys: tuple):
    if sort and sort.get("Key") not in keys:
        raise _invalid(f"SortBy key {sort.get('Key')} is not supported. Valid keys: {', '.join(keys)}")
    return sort


def _sorted(rows, sort, value_of):
    """Rows ordered by SortBy (stable: equal values keep their order); unchanged without SortBy."""
    if not sort:
        return rows
    return sorted(rows, key=value_of, reverse=sort.get("SortOrder", "ASCENDING") == "DESCENDING")


# ---------------------------------------------------------------- numbers


def _fmt(d: Decimal) -> str:
    if d == 0:
        return "0"
    text = format(d.normalize(), "f")
    return text


def _pct(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "0"
    return _fmt((part * 100 / whole).quantize(Decimal("0.0000000001")))


def _zero():
    return [Decimal(0)] * 5  # reserved h, on-demand h, reserved NU, on-demand NU, on-demand cost


def _add(acc, fleet, reserved, on_demand):
    acc[0] += reserved
    acc[1] += on_demand
    acc[2] += reserved * fleet.normalization
    acc[3] += on_demand * fleet.normalization
    acc[4] += on_demand * fleet.price


def coverage(acc) -> dict:
    rh, oh, rn, on, cost = acc
    return {
        "CoverageHours": {"OnDemandHours": _fmt(oh), "ReservedHours": _fmt(rh), "TotalRunningHours": _fmt(rh + oh),
                          "CoverageHoursPercentage": _pct(rh, rh + oh)},
        "CoverageNormalizedUnits": {"OnDemandNormalizedUnits": _fmt(on), "ReservedNormalizedUnits": _fmt(rn),
                                    "TotalRunningNormalizedUnits": _fmt(rn + on),
                                    "CoverageNormalizedUnitsPercentage": _pct(rn, rn + on)},
        "CoverageCost": {"OnDemandCost": _fmt(cost)},
    }


def _sort_value(cov: dict, key: str):
    for block in cov.values():
        if key in block:
            return Decimal(block[key])
    return Decimal(0)


# ---------------------------------------------------------------- operations


def _periods(start: date, end: date, daily: bool, today: date, whole: bool = False):
    """The answer's periods up to today: days, calendar months, or (``whole``) the one period asked."""
    if whole:
        return [(start, end)] if start <= today else []
    periods, cur = [], start
    while cur < end and cur <= today:
        if daily:
            nxt = cur + timedelta(days=1)
        else:
            nxt = date(cur.year + cur.month // 12, cur.month % 12 + 1, 1)
        nxt = min(nxt, end)
        periods.append((cur, nxt))
        cur = nxt
    return periods


def _days(p_start: date, p_end: date, today: date):
    day = p_start
    while day < p_end and day <= today:
        yield day
        day += timedelta(days=1)


def _interval(p_start: date, p_end: date) -> dict:
    return {"Start": p_start.isoformat(), "End": p_end.isoformat()}


def _page(rows, params, op, tokens, token_name="NextPageToken", default_size=None):
    """One page of ``rows`` and the token for the next (None on the last page)."""
    digest = tokens.query_digest(op, "us-east-1", params)
    start = 0
    if params.get(token_name) is not None:
        try:
            start = tokens.redeem(params[token_name], digest)
        except TokenError:
            raise AwsError(400, "InvalidNextTokenException", "Invalid pagination token") from None
    size = params.get("MaxResults", default_size)
    if size is None:
        return rows[start:], None
    end = start + size
    return rows[start:end], (tokens.issue(digest, end) if end < len(rows) else None)


def _paged_periods(by_period, grouped, params, op, tokens, shape):
    """Coverage and RI utilization page by group rows when grouped, else by periods; ``shape``
    writes one period from (index, its time period, its groups on this page, its total)."""
    if grouped:
        rows = [(i, g) for i, (_, groups, _) in enumerate(by_period) for g in groups]
        page, token = _page(rows, params, op, tokens)
        out = []
        for i, g in page:
            if not out or out[-1][0] != i:
                out.append((i, []))
            out[-1][1].append(g)
        return [shape(by_period[i][0], gs, by_period[i][2]) for i, gs in out], token
    page, token = _page(by_period, params, op, tokens)
    return [shape(tp, [], tot) for tp, _, tot in page], token


def get_reservation_coverage(params, today: date, tokens):
    op = "GetReservationCoverage"
    group_by = params.get("GroupBy") or []
    granularity = _check_granularity(params, op, "reservation coverage")
    _check_group_by(group_by, op, GROUP_DIMENSIONS)
    _check_metrics(params.get("Metrics"), METRICS)
    sort = _check_sort(params.get("SortBy"), SORT_KEYS)
    start, end = check_period(params["TimePeriod"], today)
    conditions = parse_filter(params.get("Filter"), COVERAGE_FILTER)
    fleets = [f for f in data.FLEETS if _matches(f, conditions)]
    daily = granularity == "DAILY"

    def key_of(fleet):
        out = {}
        for g in group_by:
            if g["Type"] == "DIMENSION":
                out[ATTRIBUTE_KEY[g["Key"]]] = fleet.attribute(g["Key"])
            else:
                out[g["Key"]] = f"{g['Key']}${TEAM_TAG[fleet.account]}" if g["Key"] == "team" else f"{g['Key']}$"
        return tuple(sorted(out.items()))

    grand = _zero()
    by_period = []
    for p_start, p_end in _periods(start, end, daily, today):
        total, groups = _zero(), defaultdict(_zero)
        for day in _days(p_start, p_end, today):
            for fleet in fleets:
                reserved, on_demand = data.daily(fleet, day)
                _add(total, fleet, reserved, on_demand)
                _add(grand, fleet, reserved, on_demand)
                if group_by:
                    _add(groups[key_of(fleet)], fleet, reserved, on_demand)
        group_list = [{"Attributes": dict(k), "Coverage": coverage(v)} for k, v in sorted(groups.items())]
        if sort and sort["Key"] != "Time":
            group_list = _sorted(group_list, sort, lambda g: _sort_value(g["Coverage"], sort["Key"]))
        by_period.append((_interval(p_start, p_end), group_list, coverage(total)))

    result, token = _paged_periods(by_period, bool(group_by), params, op, tokens,
                                   lambda tp, gs, tot: {"TimePeriod": tp, "Groups": gs, "Total": tot})
    out = {"CoveragesByTime": result, "Total": coverage(grand)}
    if token:
        out["NextPageToken"] = token
    return out


# ---------------------------------------------------------------- GetReservationUtilization

RI_UTILIZATION_FILTER = FilterRules(
    "GetReservationUtilization",
    ("AZ", "CACHE_ENGINE", "DEPLOYMENT_OPTION", "INSTANCE_TYPE", "LINKED_ACCOUNT", "OPERATING_SYSTEM", "PLATFORM",
     "REGION", "SERVICE", "SCOPE", "TENANCY"),
    single_value=("SERVICE",))
RI_UTILIZATION_SORT_KEYS = (
    "UtilizationPercentage", "UtilizationPercentageInUnits", "PurchasedHours", "PurchasedUnits", "TotalActualHours",
    "TotalActualUnits", "UnusedHours", "UnusedUnits", "OnDemandCostOfRIHoursUsed", "NetRISavings",
    "TotalPotentialRISavings", "AmortizedUpfrontFee", "AmortizedRecurringFee", "TotalAmortizedFee",
    "RICostForUnusedHours", "RealizedSavings", "UnrealizedSavings")


class _RiAcc:
    """Sums of one set of RI leases over some days, all exact."""

    def __init__(self):
        self.purchased = self.actual = self.purchased_units = self.actual_units = Decimal(0)
        self.od_used = self.od_unused = self.fee_used = self.fee_unused = self.upfront = Decimal(0)

    def add(self, lease, purchased: Decimal, actual: Decimal):
        s = lease.series
        units, price = s.normalization, s.price
        unused = purchased - actual
        self.purchased += purchased
        self.actual += actual
        self.purchased_units += purchased * units
        self.actual_units += actual * units
        self.od_used += actual * price
        self.od_unused += unused * price
        self.fee_used += actual * s.rate
        self.fee_unused += unused * s.rate
        self.upfront += purchased * s.rate * data.UPFRONT_SHARE[s.offering]

    def aggregates(self) -> dict:
        fee = self.fee_used + self.fee_unused
        return {
            "UtilizationPercentage": _pct(self.actual, self.purchased),
            "UtilizationPercentageInUnits": _pct(self.actual_units, self.purchased_units),
            "PurchasedHours": _fmt(self.purchased),
            "PurchasedUnits": _fmt(self.purchased_units),
            "TotalActualHours": _fmt(self.actual),
            "TotalActualUnits": _fmt(self.actual_units),
            "UnusedHours": _fmt(self.purchased - self.actual),
            "UnusedUnits": _fmt(self.purchased_units - self.actual_units),
            "OnDemandCostOfRIHoursUsed": _fmt(self.od_used),
            "NetRISavings": _fmt(self.od_used - fee),
            "TotalPotentialRISavings": _fmt(self.od_used + self.od_unused - fee),
            "AmortizedUpfrontFee": _fmt(self.upfront),
            "AmortizedRecurringFee": _fmt(fee - self.upfront),
            "TotalAmortizedFee": _fmt(fee),
            "RICostForUnusedHours": _fmt(self.fee_unused),
            "RealizedSavings": _fmt(self.od_used - self.fee_used),
            "UnrealizedSavings": _fmt(self.od_unused - self.fee_unused),
        }


def _lease_order(item):
    lease = item[0]
    return data.RI_SERIES.index(lease.series), lease.start


def get_reservation_utilization(params, today: date, tokens):
    """RI utilization of the leases in ``data.RI_SERIES``: daily (the default) or monthly periods,
    or grouped by SUBSCRIPTION_ID over the whole period asked (one group per lease)."""
    op = "GetReservationUtilization"
    group_by = params.get("GroupBy") or []
    granularity = _check_granularity(params, op, "reservation utilization")
    _check_group_by(group_by, op, ("SUBSCRIPTION_ID",), types=("DIMENSION",), most=1)
    sort = _check_sort(params.get("SortBy"), RI_UTILIZATION_SORT_KEYS)
    start, end = check_period(params["TimePeriod"], today)
    conditions = parse_filter(params.get("Filter"), RI_UTILIZATION_FILTER)
    by_value = lambda row_total: Decimal(row_total[sort["Key"]])  # noqa: E731

    grand, by_period = _RiAcc(), []
    for p_start, p_end in _periods(start, end, granularity == "DAILY" or granularity is None, today,
                                   whole=bool(group_by)):
        total, leases = _RiAcc(), {}
        for day in _days(p_start, p_end, today):
            for lease, purchased, actual in data.ri_day(day):
                if _matches(lease, conditions):
                    total.add(lease, purchased, actual)
                    grand.add(lease, purchased, actual)
                    leases.setdefault(lease, _RiAcc()).add(lease, purchased, actual)
        groups = [{"Key": "SUBSCRIPTION_ID", "Value": lease.subscription_id, "Attributes": lease.attributes(today),
                   "Utilization": acc.aggregates()} for lease, acc in sorted(leases.items(), key=_lease_order)
                  ] if group_by else []
        groups = _sorted(groups, sort, lambda g: by_value(g["Utilization"]))
        by_period.append((_interval(p_start, p_end), groups, total.aggregates()))
    if not group_by:
        by_period = _sorted(by_period, sort, lambda p: by_value(p[2]))

    result, token = _paged_periods(by_period, bool(group_by), params, op, tokens,
                                   lambda tp, gs, tot: {"TimePeriod": tp, "Groups": gs, "Total": tot})
    out = {"UtilizationsByTime": result, "Total": grand.aggregates()}
    if token:
        out["NextPageToken"] = token
    return out


# ---------------------------------------------------------------- GetSavingsPlansCoverage

SP_COVERAGE_FILTER = FilterRules("GetSavingsPlansCoverage", ("LINKED_ACCOUNT", "REGION", "SERVICE", "INSTANCE_TYPE_FAMILY"),
                                 cost_categories=True)
SP_COVERAGE_GROUPS = ("INSTANCE_FAMILY", "REGION", "SERVICE")
SP_COVERAGE_METRICS = ("SpendCoveredBySavingsPlans",)
SP_COVERAGE_SORT_KEYS = ("SpendCoveredBySavingsPlan", "OnDemandCost", "CoveragePercentage", "TotalCost",
                         "InstanceFamily", "Region", "Service")
SP_COVERAGE_PAGE = 20  # the model: "The default is 20"
_SP_SORT_MEMBER = {"SpendCoveredBySavingsPlan": "SpendCoveredBySavingsPlans", "InstanceFamily": "instanceFamily",
                   "Region": "region", "Service": "service"}


def _sp_spend(day: date):
    """{fleet: (spend covered by Savings Plans, on-demand cost left)} on ``day``."""
    covered = defaultdict(lambda: [Decimal(0), Decimal(0)])  # SP spend, hours covered
    for plan, fleet, hours in data.savings_plans_day(day):
        covered[fleet][0] += hours * plan.rate(fleet)
        covered[fleet][1] += hours
    out = {}
    for fleet in data.FLEETS:
        spend, hours = covered.get(fleet, (Decimal(0), Decimal(0)))
        out[fleet] = (spend, (data.daily(fleet, day)[1] - hours) * fleet.price)
    return out


def _sp_coverage(acc) -> dict:
    covered, on_demand = acc
    return {"SpendCoveredBySavingsPlans": _fmt(covered), "OnDemandCost": _fmt(on_demand),
            "TotalCost": _fmt(covered + on_demand), "CoveragePercentage": _pct(covered, covered + on_demand)}


def get_savings_plans_coverage(params, today: date, tokens):
    """How much of the fleets' on-demand-eligible spend (the hours no RI carried) Savings Plans
    covered: monthly (the default) or daily periods, or grouped over the whole period asked.
    Pages with NextToken, 20 items unless MaxResults says otherwise."""
    op = "GetSavingsPlansCoverage"
    group_by = params.get("GroupBy") or []
    granularity = _check_granularity(params, op, "savings plans coverage")
    _check_group_by(group_by, op, SP_COVERAGE_GROUPS, types=("DIMENSION",))
    _check_metrics(params.get("Metrics"), SP_COVERAGE_METRICS)
    sort = _check_sort(params.get("SortBy"), SP_COVERAGE_SORT_KEYS)
    start, end = check_period(params["TimePeriod"], today)
    conditions = parse_filter(params.get("Filter"), SP_COVERAGE_FILTER)
    fleets = [f for f in data.FLEETS if _matches(f, conditions)]

    def key_of(fleet):
        names = {"INSTANCE_FAMILY": ("instanceFamily", "INSTANCE_TYPE_FAMILY"), "REGION": ("region", "REGION"),
                 "SERVICE": ("service", "SERVICE")}
        return tuple(sorted((names[g["Key"]][0], fleet.attribute(names[g["Key"]][1])) for g in group_by))

    rows = []
    for p_start, p_end in _periods(start, end, granularity == "DAILY", today, whole=bool(group_by)):
        groups = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for day in _days(p_start, p_end, today):
            spend = _sp_spend(day)
            for fleet in fleets:
                acc = groups[key_of(fleet)]
                acc[0] += spend[fleet][0]
                acc[1] += spend[fleet][1]
        for key in sorted(groups) or ([()] if not group_by else []):
            rows.append({"Attributes": dict(key), "Coverage": _sp_coverage(groups[key]),
                         "TimePeriod": _interval(p_start, p_end)})

    def value_of(row):
        member = _SP_SORT_MEMBER.get(sort["Key"], sort["Key"])
        if member in row["Coverage"]:
            return Decimal(row["Coverage"][member])
        return row["Attributes"].get(member, "")

    rows = _sorted(rows, sort, value_of)
    page, token = _page(rows, params, op, tokens, token_name="NextToken", default_size=SP_COVERAGE_PAGE)
    out = {"SavingsPlansCoverages": page}
    if token:
        out["NextToken"] = token
    return out


# ---------------------------------------------------------------- GetSavingsPlansUtilization

SP_UTILIZATION_FILTER = FilterRules(
    "GetSavingsPlansUtilization",
    ("LINKED_ACCOUNT", "SAVINGS_PLAN_ARN", "SAVINGS_PLANS_TYPE", "REGION", "PAYMENT_OPTION", "INSTANCE_TYPE_FAMILY"))
SP_UTILIZATION_SORT_KEYS = ("UtilizationPercentage", "TotalCommitment", "UsedCommitment", "UnusedCommitment",
                            "NetSavings")


def _sp_utilization(acc) -> dict:
    total, used, on_demand, upfront = acc
    return {
        "Utilization": {"TotalCommitment": _fmt(total), "UsedCommitment": _fmt(used),
                        "UnusedCommitment": _fmt(total - used), "UtilizationPercentage": _pct(used, total)},
        "Savings": {"NetSavings": _fmt(on_demand - total), "OnDemandCostEquivalent": _fmt(on_demand)},
        "AmortizedCommitment": {"AmortizedRecurringCommitment": _fmt(total - upfront),
                                "AmortizedUpfrontCommitment": _fmt(upfront), "TotalAmortizedCommitment": _fmt(total)},
    }


def get_savings_plans_utilization(params, today: date, tokens):
    """Utilization of the plans in ``data.SAVINGS_PLANS``, daily (the default) or monthly; not paged.
    A plan's used commitment is the spend GetSavingsPlansCoverage reports it covered."""
    op = "GetSavingsPlansUtilization"
    granularity = _check_granularity(params, op, "savings plans utilization")
    sort = _check_sort(params.get("SortBy"), SP_UTILIZATION_SORT_KEYS)
    start, end = check_period(params["TimePeriod"], today)
    plans = [p for p in data.SAVINGS_PLANS if _matches(p, parse_filter(params.get("Filter"), SP_UTILIZATION_FILTER))]

    grand, rows = [Decimal(0)] * 4, []
    for p_start, p_end in _periods(start, end, granularity != "MONTHLY", today):
        acc = [Decimal(0)] * 4  # total commitment, used, on-demand equivalent, upfront part
        for day in _days(p_start, p_end, today):
            for plan in plans:
                if plan.active(day):
                    commitment = plan.hourly * 24
                    acc[0] += commitment
                    acc[3] += commitment * data.UPFRONT_SHARE[plan.payment]
            for plan, fleet, hours in data.savings_plans_day(day):
                if plan in plans:
                    acc[1] += hours * plan.rate(fleet)
                    acc[2] += hours * fleet.price
        grand = [g + a for g, a in zip(grand, acc)]
        rows.append({"TimePeriod": _interval(p_start, p_end), **_sp_utilization(acc)})

    def value_of(row):
        block = row["Savings"] if sort["Key"] == "NetSavings" else row["Utilization"]
        return Decimal(block[sort["Key"]])

    return {"SavingsPlansUtilizationsByTime": _sorted(rows, sort, value_of), "Total": _sp_utilization(grand)}


# ---------------------------------------------------------------- GetDimensionValues


def get_dimension_values(params, today: date, tokens):
    start, end = check_period(params["TimePeriod"], today)
    context = params.get("Context", "COST_AND_USAGE")
    values = data.dimension_values(params["Dimension"], context, (start, min(end - timedelta(days=1), today)))
    search = params.get("SearchString")
    if search:
        values = [(v, a) for v, a in values if search.lower() in v.lower()]
    rows = [{"Value": v, "Attributes": a} for v, a in values]
    page, token = _page(rows, params, "GetDimensionValues", tokens)
    out = {"DimensionValues": page, "ReturnSize": len(page), "TotalSize": len(rows)}
    if token:
        out["NextPageToken"] = token
    return out


HANDLERS = {
    "GetReservationCoverage": get_reservation_coverage,
    "GetDimensionValues": get_dimension_values,
    "GetReservationUtilization": get_reservation_utilization,
    "GetSavingsPlansCoverage": get_savings_plans_coverage,
    "GetSavingsPlansUtilization": get_savings_plans_utilization,
}
# The request member that carries each operation's page token (ce_reject_page_tokens refuses it),
# and the operations the ce_page_size scenario pages when the caller sets no MaxResults.
PAGE_TOKEN = {"GetReservationCoverage": "NextPageToken", "GetReservationUtilization": "NextPageToken",
              "GetSavingsPlansCoverage": "NextToken", "GetDimensionValues": "NextPageToken"}
PAGE_SIZE_SCENARIO = ("GetReservationCoverage", "GetReservationUtilization", "GetSavingsPlansCoverage")
