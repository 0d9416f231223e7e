"""EC2 operations: GetCapacityReservationUsage and DescribeCapacityReservations."""

import re

from . import data
from .errors import AwsError
from .tokens import TokenError

_ID_RE = re.compile(r"^cr-(?:[0-9a-f]{8}|[0-9a-f]{17})$")
DEFAULT_USAGE_PAGE = 1000
FILTERS = {
    "instance-type": "InstanceType",
    "owner-id": "OwnerId",
    "instance-platform": "InstancePlatform",
    "availability-zone": "AvailabilityZone",
    "tenancy": "Tenancy",
    "state": "State",
    "end-date-type": "EndDateType",
    "instance-match-criteria": "InstanceMatchCriteria",
    "capacity-reservation-id": "CapacityReservationId",
}


def check_id(cr_id: str):
    if not _ID_RE.match(cr_id):
        raise AwsError(400, "InvalidCapacityReservationId.Malformed", f'Invalid id: "{cr_id}" (expecting "cr-...")')


def _lookup(cr_id: str, region: str, pool=None):
    check_id(cr_id)
    r = data.BY_ID.get(cr_id) if pool is None else {p.id: p for p in pool}.get(cr_id)
    if r is None or r.region != region:
        raise AwsError(400, "InvalidCapacityReservationId.NotFound", f"The Capacity Reservation ID '{cr_id}' does not exist")
    return r


def _page(items, params, op, region, tokens, default_size):
    digest = tokens.query_digest(op, region, params)
    start = 0
    if params.get("NextToken") is not None:
        try:
            start = tokens.redeem(params["NextToken"], digest)
        except TokenError:
            raise AwsError(400, "InvalidPaginationToken", "The specified pagination token is not valid or is expired.") from None
    size = params.get("MaxResults", default_size)
    if size is None:
        return items[start:], None
    end = start + size
    return items[start:end], (tokens.issue(digest, end) if end < len(items) else None)


def get_capacity_reservation_usage(params, region, tokens, pool=None):
    r = _lookup(params["CapacityReservationId"], region, pool)
    usages, next_token = _page(r.usages, params, "GetCapacityReservationUsage", region, tokens, DEFAULT_USAGE_PAGE)
    d = r.describe()
    result = {
        "CapacityReservationId": r.id,
        "InstanceType": r.instance_type,
        "TotalInstanceCount": r.total,
        "AvailableInstanceCount": r.available,
        "State": r.state,
        "InstanceUsages": [{"AccountId": a, "UsedInstanceCount": n} for a, n in usages],
    }
    for key in ("Interruptible", "InterruptibleCapacityAllocation", "InterruptionInfo"):
        if key in d:
            result[key] = d[key]
    if next_token:
        result["NextToken"] = next_token
    return result


def describe_capacity_reservations(params, region, tokens, pool=None):
    """``pool``: the reservations the account has (data.RESERVATIONS, plus the scenario's extra ones)."""
    pool = data.RESERVATIONS if pool is None else pool
    by_id = {r.id: r for r in pool}
    ids = params.get("CapacityReservationIds") or []
    if ids:
        for cr_id in ids:
            check_id(cr_id)
        missing = [i for i in ids if i not in by_id or by_id[i].region != region]
        if missing:
            raise AwsError(
                400, "InvalidCapacityReservationId.NotFound", f"The Capacity Reservation ID '{missing[0]}' does not exist"
            )
    found = [r.describe() for r in pool if r.region == region and (not ids or r.id in ids)]
    for f in params.get("Filters") or []:
        name, values = f.get("Name"), f.get("Values") or []
        if name not in FILTERS:
            raise AwsError(400, "InvalidParameterValue", f"The filter '{name}' is invalid")
        found = [d for d in found if str(d.get(FILTERS[name])) in values]
    page, next_token = _page(found, params, "DescribeCapacityReservations", region, tokens, None)
    result = {"CapacityReservations": page}
    if next_token:
        result["NextToken"] = next_token
    return result


HANDLERS = {
    "GetCapacityReservationUsage": get_capacity_reservation_usage,
    "DescribeCapacityReservations": describe_capacity_reservations,
}
