"""EC2 Capacity Manager (EC2 query protocol): GetCapacityManagerAttributes,
GetCapacityManagerMetricData, GetCapacityManagerMetricDimensions over ``history.py``'s numbers.

Switch ``capacity_manager`` (scenarios.py): status enabled|disabled (default disabled), ingestion
complete|in_progress|failed, home_region, organizations_access. With Organizations access the
member accounts' reservations (history.MEMBER_RESERVATIONS) are included.

Disabled: the metric calls answer 400 ``CapacityManagerNotEnabled``. NOTE: AWS's documents list
no operation-specific error for this and none was found in public sources; the code and wording
are the stand-in's plausible guess. A call signed for another region than ``home_region`` answers
the same way (Capacity Manager is read in its home region). Ingestion in progress or failed: the
metric calls answer no rows (there is no data yet).

Rules beyond the model: at most 10 MetricNames, GroupBy at most 20, MaxResults 1..100000,
Period a multiple of 3600, StartTime and EndTime on the hour, EndTime after StartTime and the
range a whole number of periods (InvalidParameterValue). An EndTime past the latest data is cut
to the last whole period ending at or before the end of the latest datapoint's hour (then
StartTime..EndTime no longer needs to be whole periods at the far end). Rows: one per period
bucket and group (GroupBy values; no GroupBy: one group), ordered by time then group, each with
the requested metrics in request order. Pages of ``MaxResults`` rows (default 1000, or the
scenario's ``cm_page_size``) with sealed NextTokens (a forged or reused one: ``InvalidPaginationToken``).
"""

from datetime import datetime, timezone

from botocore.utils import parse_timestamp

from . import history
from .errors import AwsError
from .tokens import TokenError

DEFAULT_PAGE = 1000
GROUP_FIELD = {
    "resource-region": "ResourceRegion", "availability-zone-id": "AvailabilityZoneId", "account-id": "AccountId",
    "account-name": "AccountName", "instance-family": "InstanceFamily", "instance-type": "InstanceType",
    "instance-platform": "InstancePlatform", "reservation-arn": "ReservationArn", "reservation-id": "ReservationId",
    "reservation-type": "ReservationType", "reservation-create-timestamp": "ReservationCreateTimestamp",
    "reservation-start-timestamp": "ReservationStartTimestamp", "reservation-end-timestamp": "ReservationEndTimestamp",
    "reservation-end-date-type": "ReservationEndDateType", "tenancy": "Tenancy", "reservation-state": "ReservationState",
    "reservation-instance-match-criteria": "ReservationInstanceMatchCriteria",
    "reservation-unused-financial-owner": "ReservationUnusedFinancialOwner",
}


def _bad(msg):
    return AwsError(400, "InvalidParameterValue", msg)


def not_enabled():
    return AwsError(400, "CapacityManagerNotEnabled",
                    "EC2 Capacity Manager is not enabled for this account. Enable it with EnableCapacityManager.")


def _time(params, name) -> int:
    try:
        return int(parse_timestamp(params[name]).timestamp())
    except (ValueError, TypeError):
        raise _bad(f"Value ({params[name]}) for parameter {name} is invalid. Expected a timestamp.") from None


def _cm(state):
    return state.capacity_manager


def attributes(params, region, tokens, state, now):
    cm = _cm(state)
    return history.cm_attributes(now, cm["status"], cm["ingestion"], cm["organizations_access"])


def _check(params, state, region, now, need_period):
    cm = _cm(state)
    if cm["status"] != "enabled" or region != cm["home_region"]:
        raise not_enabled()
    names = params.get("MetricNames") or []
    if len(names) > 10:
        raise _bad(f"The request asks for {len(names)} metrics; at most 10 MetricNames are allowed.")
    if len(params.get("GroupBy") or []) > 20:
        raise _bad("At most 20 GroupBy dimensions are allowed.")
    mr = params.get("MaxResults")
    if mr is not None and not 1 <= mr <= 100000:
        raise _bad(f"Value ( {mr} ) for parameter MaxResults is invalid. Expecting a value between 1 and 100000.")
    start, end = _time(params, "StartTime"), _time(params, "EndTime")
    period = params.get("Period", 3600) if need_period else 3600
    if period % 3600:
        raise _bad(f"Value ( {period} ) for parameter Period is invalid. Period must be a multiple of 3600 seconds.")
    for name, t in (("StartTime", start), ("EndTime", end)):
        if t % 3600:
            raise _bad(f"Value for parameter {name} is invalid. {name} must be on the hour (minutes and seconds 0).")
    if end <= start:
        raise _bad("EndTime must be later than StartTime.")
    if need_period and (end - start) % period:
        raise _bad("The time range StartTime to EndTime must be a whole number of periods.")
    for c in params.get("FilterBy") or []:
        dc = c.get("DimensionCondition") or {}
        if dc.get("Comparison") == "equals" and len(dc.get("Values") or []) != 1:
            raise _bad("A DimensionCondition with Comparison equals takes exactly one value.")
    latest_end = int(history.cm_latest(now).timestamp()) + 3600
    if cm["ingestion"] != "complete":
        end = start  # no data yet
    elif end > latest_end:
        end = max(start, start + (latest_end - start) // period * period)
    earliest = latest_end - 3600 - history.CM_HISTORY_DAYS * 86400
    return start, end, period, earliest


def _value(d, field):
    v = d.get(field)
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return v


def _members(params, state):
    cm = _cm(state)
    members = history.cm_reservations(cm["organizations_access"], state.extra_reservations, state.idle_reservations)
    for c in params.get("FilterBy") or []:
        dc = c.get("DimensionCondition") or {}
        field = GROUP_FIELD.get(dc.get("Dimension"))
        if field:
            values = set(dc.get("Values") or [])
            members = [m for m in members if str(_value(m.dimension(), field)) in values]
    return members


def _groups(members, group_by):
    groups: dict = {}
    fields = [GROUP_FIELD[g] for g in group_by]
    for m in members:
        d = m.dimension()
        key = tuple(str(_value(d, f) or "") for f in fields)
        groups.setdefault(key, ([], {f: d[f] for f in fields if d.get(f) is not None}))[0].append(m)
    return [groups[k] for k in sorted(groups)]


def _page(rows, params, op, region, tokens, state):
    digest = tokens.query_digest(op, region, params)
    start = 0
    if params.get("NextToken") is not None:
        try:
            start = tokens.redeem(params["NextToken"], digest)
        except TokenError:
            raise AwsError(400, "InvalidPaginationToken", "The specified pagination token is not valid or is expired.") from None
    size = params.get("MaxResults") or state.cm_page_size or DEFAULT_PAGE
    return rows[start:start + size], (tokens.issue(digest, start + size) if start + size < len(rows) else None)


def metric_data(params, region, tokens, state, now):
    start, end, period, earliest = _check(params, state, region, now, True)
    names = params["MetricNames"]
    groups = _groups(_members(params, state), params.get("GroupBy") or [])
    rows = []
    for b in range(start, end, period):
        if b + period <= earliest:
            continue
        lo = max(b, earliest)
        for members, dim in groups:
            figures = history.cm_figures(members, lo, b + period, now)
            if not figures["reservation-total-count"]:
                continue
            rows.append({"Dimension": dim, "Timestamp": datetime.fromtimestamp(b, timezone.utc),
                         "MetricValues": [{"Metric": n, "Value": figures[n]} for n in names]})
    page, token = _page(rows, params, "GetCapacityManagerMetricData", region, tokens, state)
    out = {"MetricDataResults": page}
    if token:
        out["NextToken"] = token
    return out


def metric_dimensions(params, region, tokens, state, now):
    start, end, _, earliest = _check(params, state, region, now, False)
    groups = _groups(_members(params, state), params["GroupBy"])
    dims = [dim for members, dim in groups if history.cm_figures(members, max(start, earliest), end, now)["reservation-total-count"]]
    page, token = _page(dims, params, "GetCapacityManagerMetricDimensions", region, tokens, state)
    out = {"MetricDimensionResults": page}
    if token:
        out["NextToken"] = token
    return out


HANDLERS = {
    "GetCapacityManagerAttributes": attributes,
    "GetCapacityManagerMetricData": metric_data,
    "GetCapacityManagerMetricDimensions": metric_dimensions,
}
