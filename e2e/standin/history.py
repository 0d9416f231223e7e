"""Usage history of the capacity reservations, deterministic per reservation and timestamp.

CloudWatch (``AWS/EC2CapacityReservations``) and EC2 Capacity Manager answer from the same
numbers, and tests compute the answers they expect with the public functions here:

  used(rid, t), total(rid, t)          one 5-minute native sample (the one containing epoch second t)
  cw_datapoints(rid, metric, start, end, period, stat)   what GetMetricData returns for one series
  reservation_summary(rid, start, end, period, threshold=20)
  account_figures(start, end, organizations)             Capacity Manager figures per account
  cm_attributes()                                        GetCapacityManagerAttributes' figures

The model: a reservation has one native sample every 300 s (aligned to the epoch) from its start
(rounded up to 5 minutes) until its end (expired), ``CANCELLED_AT`` (cancelled) or now (active);
pending and scheduled reservations have none. ``total`` is the reservation's instance count;
``used`` is a level (the current used/total of ``data.py`` where usage is seeded, otherwise one
from the reservation's id) moved by an hourly swing of up to +-8 points and a 5-minute jitter of
up to +-2 points, rounded and kept within 0..total. The idle reservation uses 0, the underused one
2 of 20 (10 %) at every sample.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from . import data

SAMPLE = 300
NAMESPACE = "AWS/EC2CapacityReservations"
DIMENSION = "CapacityReservationId"
METRICS = ("InstanceUtilization", "UsedInstanceCount", "AvailableInstanceCount", "TotalInstanceCount")
STATS = ("Average", "Minimum", "Maximum", "Sum", "SampleCount")
CANCELLED_AT = datetime(2025, 6, 1, tzinfo=timezone.utc)
DAY = 86400
# CloudWatch's retention: (max age of the data, smallest period that still returns it).
RETENTION = ((15 * DAY, 60), (63 * DAY, 300), (455 * DAY, 3600))

# On-demand price of one instance hour (USD), for Capacity Manager's estimated costs.
HOURLY_PRICE = {**{k: float(v) for k, v in data.HOURLY_PRICE.items()},
                "p4d.24xlarge": 32.7726, "g5.xlarge": 1.006, "r6g.large": 0.1008, "m5.2xlarge": 0.384,
                "c5.large": 0.085, "r5.large": 0.126}
VCPUS = {"m5.large": 2, "c5.xlarge": 4, "r5.2xlarge": 8, "t3.medium": 2, "p4d.24xlarge": 96, "g5.xlarge": 4,
         "m6i.large": 2, "c6i.2xlarge": 8, "r6g.large": 2, "m5.xlarge": 4, "m5.2xlarge": 8, "c5.large": 2,
         "r5.large": 2}

IDLE_RESERVATION_ID = data.reservation_id("use1-idle-m5")
UNDERUSED_RESERVATION_ID = data.reservation_id("use1-underused-c5")
_IDLE = [
    data.Reservation("use1-idle-m5", "us-east-1", "us-east-1a", "m5.large", "Linux/UNIX", "active",
                     total=4, available=4, start=datetime(2025, 3, 3, tzinfo=timezone.utc)),
    data.Reservation("use1-underused-c5", "us-east-1", "us-east-1b", "c5.xlarge", "Linux/UNIX", "active",
                     total=20, available=18, usages=[(data.OWNER, 2)], start=datetime(2025, 3, 3, tzinfo=timezone.utc)),
]

MEMBER_ACCOUNTS = {"210987654321": "Platform Production", "333344445555": "Data Analytics"}
# Reservations owned by organization member accounts (only Capacity Manager with Organizations
# access sees them): (account id, reservation).
MEMBER_RESERVATIONS = [
    ("210987654321", data.Reservation("member-plat-m5", "us-east-1", "us-east-1a", "m5.2xlarge", "Linux/UNIX",
                                      "active", total=6, available=2, start=datetime(2025, 2, 1, tzinfo=timezone.utc))),
    ("210987654321", data.Reservation("member-plat-c5", "eu-west-1", "eu-west-1b", "c5.large", "Linux/UNIX",
                                      "active", total=10, available=7, start=datetime(2025, 2, 1, tzinfo=timezone.utc))),
    ("333344445555", data.Reservation("member-data-r5", "us-east-1", "us-east-1c", "r5.large", "Linux/UNIX",
                                      "active", total=8, available=1, start=datetime(2025, 2, 1, tzinfo=timezone.utc))),
]
MEMBER_RESERVATION_IDS = [r.id for _, r in MEMBER_RESERVATIONS]


def extra_reservations(n: int) -> list:
    """``n`` generated active reservations in us-east-1 (switch ``extra_reservations``)."""
    return [_extra(i) for i in range(1, n + 1)]


@lru_cache(maxsize=4096)
def _extra(i: int):
    types = ("m5.large", "c5.xlarge", "m6i.large", "r5.2xlarge")
    total = 2 + data._h("extra-total", i) % 30
    return data.Reservation(f"gen-{i:04d}", "us-east-1", f"us-east-1{'abc'[i % 3]}", types[i % 4], "Linux/UNIX",
                            "active", total=total, available=total // 3,
                            start=datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(days=i % 90))


_EXTRA_IDS: dict = {}


def pool(extra: int = 0, idle: bool = False) -> list:
    """The reservations the owner account's EC2 and CloudWatch know, for the scenario's switches."""
    out = list(data.RESERVATIONS)
    if idle:
        out += _IDLE
    if extra:
        out += extra_reservations(extra)
    return out


def _all_known(rid: str):
    r = data.BY_ID.get(rid) or _BY_ID_STATIC.get(rid)
    if r is not None:
        return r
    # A generated reservation: its id is the hash of its name, so keep an index of the ones made.
    if not _EXTRA_IDS:
        for i in range(1, 5001):
            _EXTRA_IDS[_extra(i).id] = i
    i = _EXTRA_IDS.get(rid)
    return _extra(i) if i else None


_BY_ID_STATIC = {r.id: r for r in _IDLE + [r for _, r in MEMBER_RESERVATIONS]}


# ---------------------------------------------------------------- samples


def _window(r):
    """(first sample, end) epoch seconds of the reservation's data, or None."""
    if r.state in ("pending", "scheduled"):
        return None
    start = math.ceil(r.start.timestamp() / SAMPLE) * SAMPLE
    end = r.end if r.end else (CANCELLED_AT if r.state == "cancelled" else None)
    return start, (int(end.timestamp()) if end else None)


def _now_epoch(now) -> int:
    if now is None:
        now = datetime.now(timezone.utc)
    return int(now.timestamp()) if isinstance(now, datetime) else int(now)


@lru_cache(maxsize=1 << 16)
def _level_permille(rid: str) -> int:
    if rid == IDLE_RESERVATION_ID:
        return 0
    r = _all_known(rid)
    used_now = sum(n for _, n in r.usages)
    if used_now and r.total:
        return round(1000 * used_now / r.total)
    return 350 + data._h("level", rid) % 551  # 35 % .. 90 %


@lru_cache(maxsize=1 << 18)
def _hour_hash(rid: str, hour: int) -> int:
    return data._h("hour", rid, hour)


def _used_at(r, rid, t: int) -> int:
    if rid == IDLE_RESERVATION_ID:
        return 0
    if rid == UNDERUSED_RESERVATION_ID:
        return 2
    h = _hour_hash(rid, t // 3600)
    swing = h % 161 - 80  # -8.0 .. +8.0 points, in permille
    k = (t % 3600) // SAMPLE
    jitter = ((h >> (8 + 4 * k)) % 41) - 20  # -2.0 .. +2.0 points
    permille = _level_permille(rid) + swing + jitter
    return max(0, min(r.total, round(r.total * permille / 1000)))


def _in_window(r, t: int, now: int) -> bool:
    w = _window(r)
    if w is None:
        return False
    first, end = w
    end = min(end, now) if end is not None else now
    return first <= t < end


def used(reservation_id: str, t_epoch, now=None) -> int:
    """Used instances at the native sample containing ``t_epoch`` (0 outside the reservation's data)."""
    r = _all_known(reservation_id)
    t = int(t_epoch) // SAMPLE * SAMPLE
    if r is None or not _in_window(r, t, _now_epoch(now)):
        return 0
    return _used_at(r, reservation_id, t)


def total(reservation_id: str, t, now=None) -> int:
    """Reserved instances at the native sample containing ``t`` (0 outside the reservation's data)."""
    r = _all_known(reservation_id)
    t = int(t) // SAMPLE * SAMPLE
    if r is None or not _in_window(r, t, _now_epoch(now)):
        return 0
    return r.total


def _samples(r, rid, start: int, end: int, now: int):
    """[(t, used, total)] of the native samples in [start, end)."""
    w = _window(r)
    if w is None:
        return []
    first, stop = w
    stop = min(stop, now) if stop is not None else now
    lo = max(first, math.ceil(start / SAMPLE) * SAMPLE)
    hi = min(stop, end)
    if lo >= hi:
        return []
    return list(_samples_cached(rid, lo, hi))


# Small: an entry can hold months of 5-minute samples; a sweep asks a reservation's metrics together.
@lru_cache(maxsize=256)
def _samples_cached(rid, lo, hi):
    r = _all_known(rid)
    if rid in (IDLE_RESERVATION_ID, UNDERUSED_RESERVATION_ID):
        return tuple((t, _used_at(r, rid, t), r.total) for t in range(lo, hi, SAMPLE))
    level, n, out = _level_permille(rid), r.total, []
    t = lo
    while t < hi:
        hour = t // 3600
        h = _hour_hash(rid, hour)
        swing = level + h % 161 - 80
        for k in range((t % 3600) // SAMPLE, 12):
            if t >= hi:
                break
            permille = swing + ((h >> (8 + 4 * k)) % 41) - 20
            out.append((t, max(0, min(n, round(n * permille / 1000))), n))
            t += SAMPLE
    return tuple(out)


def _metric_value(metric, u, n):
    return {"InstanceUtilization": 100.0 * u / n if n else 0.0, "UsedInstanceCount": float(u),
            "AvailableInstanceCount": float(n - u), "TotalInstanceCount": float(n)}[metric]


def retained(t: int, period: int, now: int) -> bool:
    """Whether CloudWatch still has the datapoint at ``t`` at this period (its retention rules)."""
    age = now - t
    return any(age <= max_age and period >= min_period for max_age, min_period in RETENTION)


def _stat(stat, values):
    if stat == "Average":
        return sum(values) / len(values)
    if stat == "Minimum":
        return min(values)
    if stat == "Maximum":
        return max(values)
    if stat == "Sum":
        return float(sum(values))
    return float(len(values))


def _ts(x) -> int:
    return int(x.timestamp()) if isinstance(x, datetime) else int(x)


def cw_datapoints(reservation_id, metric, start, end, period, stat, now=None) -> list:
    """[(timestamp epoch s, value)] ascending, as GetMetricData returns them for one series:
    buckets [start + k*period, start + (k+1)*period) below ``end`` holding at least one retained
    native sample, the statistic over those samples."""
    return list(_cw(reservation_id, metric, _ts(start), _ts(end), int(period), stat, _now_epoch(now)))


@lru_cache(maxsize=8192)
def _cw(rid, metric, start, end, period, stat, now):
    r = _all_known(rid)
    if r is None or metric not in METRICS:
        return ()
    ages = [max_age for max_age, min_period in RETENTION if period >= min_period]
    if not ages:
        return ()
    oldest = now - max(ages)  # retained(t, period, now) <=> t >= oldest
    value = _VALUE[metric]
    buckets: dict = {}
    for t, u, n in _samples(r, rid, max(start, oldest), end, now):
        buckets.setdefault(start + (t - start) // period * period, []).append(value(u, n))
    return tuple((b, _stat(stat, vs)) for b, vs in sorted(buckets.items()))


_VALUE = {"InstanceUtilization": lambda u, n: 100.0 * u / n if n else 0.0,
          "UsedInstanceCount": lambda u, n: float(u),
          "AvailableInstanceCount": lambda u, n: float(n - u),
          "TotalInstanceCount": lambda u, n: float(n)}


def reservation_summary(reservation_id, start, end, period, threshold=20, now=None) -> dict:
    """What an app computes from GetMetricData for one reservation (at ``period``):
    average utilization = Sum(UsedInstanceCount) / Sum(TotalInstanceCount) x 100, minimum and
    maximum = extremes of InstanceUtilization's Minimum/Maximum, unused instance-hours =
    Sum(AvailableInstanceCount) x 5 min, idle = datapoints present and nothing ever used,
    underused = not idle and average < threshold."""
    def series(metric, stat):
        return cw_datapoints(reservation_id, metric, start, end, period, stat, now)

    used_sum = sum(v for _, v in series("UsedInstanceCount", "Sum"))
    total_sum = sum(v for _, v in series("TotalInstanceCount", "Sum"))
    mins = [v for _, v in series("InstanceUtilization", "Minimum")]
    maxs = [v for _, v in series("InstanceUtilization", "Maximum")]
    unused = sum(v for _, v in series("AvailableInstanceCount", "Sum")) * SAMPLE / 3600
    avg = 100.0 * used_sum / total_sum if total_sum else None
    has_data = bool(mins)
    return {"reservation_id": reservation_id, "datapoints": len(mins),
            "average_utilization": avg, "minimum_utilization": min(mins) if mins else None,
            "maximum_utilization": max(maxs) if maxs else None, "unused_instance_hours": unused,
            "idle": has_data and max(maxs) == 0, "underused": has_data and max(maxs) > 0 and avg < threshold}


# ---------------------------------------------------------------- Capacity Manager

CM_HISTORY_DAYS = 90  # Capacity Manager's earliest datapoint: this many days before the latest


def cm_latest(now=None) -> datetime:
    """Start of the last whole hour before the clock."""
    n = _now_epoch(now)
    return datetime.fromtimestamp(n // 3600 * 3600 - 3600, timezone.utc)


def cm_attributes(now=None, status="enabled", ingestion="complete", organizations=False) -> dict:
    """GetCapacityManagerAttributes' answer (model member names) for the switch's settings."""
    out = {"CapacityManagerStatus": status, "OrganizationsAccess": bool(organizations) if status == "enabled" else False,
           "DataExportCount": 0}
    if status != "enabled":
        return out
    out["IngestionStatus"] = {"complete": "ingestion-complete", "in_progress": "initial-ingestion-in-progress",
                              "failed": "ingestion-failed"}[ingestion]
    out["IngestionStatusMessage"] = {
        "complete": "Data ingestion is complete.",
        "in_progress": "Initial data ingestion is in progress; this can take several hours.",
        "failed": "Data ingestion failed. Disable and re-enable Capacity Manager to retry.",
    }[ingestion]
    if ingestion == "complete":
        latest = cm_latest(now)
        out["EarliestDatapointTimestamp"] = latest - timedelta(days=CM_HISTORY_DAYS)
        out["LatestDatapointTimestamp"] = latest
    return out


@dataclass
class CmReservation:
    r: object
    account: str
    account_name: str

    @property
    def id(self):
        return self.r.id

    def dimension(self) -> dict:
        """The reservation's CapacityManagerDimension (model member names), every field."""
        r = self.r
        d = {
            "ResourceRegion": r.region,
            "AvailabilityZoneId": data.AZ_ID_PREFIX[r.region] + str("abc".index(r.az[-1]) + 1),
            "AccountId": self.account,
            "AccountName": self.account_name,
            "InstanceFamily": r.instance_type.split(".")[0],
            "InstanceType": r.instance_type,
            "InstancePlatform": r.platform,
            "ReservationArn": f"arn:aws:ec2:{r.region}:{self.account}:capacity-reservation/{r.id}",
            "ReservationId": r.id,
            "ReservationType": "odcr",
            "ReservationCreateTimestamp": r.start - timedelta(hours=1),
            "ReservationStartTimestamp": r.start,
            "ReservationEndDateType": "limited" if r.end else "unlimited",
            "Tenancy": r.tenancy,
            "ReservationState": r.state,
            "ReservationInstanceMatchCriteria": r.match,
            "ReservationUnusedFinancialOwner": self.account,
        }
        if r.end:
            d["ReservationEndTimestamp"] = r.end
        return d


def cm_reservations(organizations: bool, extra: int = 0, idle: bool = False) -> list:
    out = [CmReservation(r, data.OWNER, data.LINKED_ACCOUNTS[data.OWNER]) for r in pool(extra, idle)]
    if organizations:
        out += [CmReservation(r, a, MEMBER_ACCOUNTS[a]) for a, r in MEMBER_RESERVATIONS]
    return out


# The model's metrics the stand-in computes; every other metric of the enum answers 0 (on-demand,
# Spot, future/committed sizes and fulfilment need data the stand-in does not model).
CM_COMPUTED = (
    "reservation-total-capacity-hrs-inst", "reservation-total-capacity-hrs-vcpu",
    "reservation-unused-total-capacity-hrs-inst", "reservation-unused-total-capacity-hrs-vcpu",
    "reservation-unused-total-estimated-cost", "reservation-total-estimated-cost",
    "reservation-avg-utilization-inst", "reservation-avg-utilization-vcpu",
    "reservation-min-utilization", "reservation-max-utilization",
    "reservation-max-size-inst", "reservation-min-size-inst", "reservation-max-size-vcpu", "reservation-min-size-vcpu",
    "reservation-max-unused-size-inst", "reservation-min-unused-size-inst",
    "reservation-max-unused-size-vcpu", "reservation-min-unused-size-vcpu",
    "reservation-total-count", "reserved-total-usage-hrs-inst", "reserved-total-usage-hrs-vcpu",
    "reserved-total-estimated-cost",
)


def cm_figures(members: list, start: int, end: int, now=None) -> dict:
    """Capacity Manager's metrics over the reservations ``members`` in [start, end) (epoch s):
    hour figures sum the 5-minute samples x 5/60; utilizations are used/total x 100 over all samples
    (avg) or at the worst/best sample time of the group's summed counts (min/max); sizes are the
    group's summed counts at sample times; costs are hours x HOURLY_PRICE."""
    n = _now_epoch(now)
    per_t: dict = {}
    hrs = {"used": 0.0, "total": 0.0, "used_v": 0.0, "total_v": 0.0, "cost_total": 0.0, "cost_unused": 0.0,
           "cost_used": 0.0}
    count = 0
    for m in members:
        samples = _samples(m.r, m.id, start, end, n)
        if samples:
            count += 1
        v = VCPUS.get(m.r.instance_type, 2)
        price = HOURLY_PRICE.get(m.r.instance_type, 0.1)
        for t, u, tot in samples:
            g = per_t.setdefault(t, [0, 0, 0, 0])
            g[0] += u
            g[1] += tot
            g[2] += u * v
            g[3] += tot * v
            hrs["used"] += u
            hrs["total"] += tot
            hrs["used_v"] += u * v
            hrs["total_v"] += tot * v
            hrs["cost_total"] += tot * price
            hrs["cost_unused"] += (tot - u) * price
            hrs["cost_used"] += u * price
    f = SAMPLE / 3600
    figures = {k: 0.0 for k in CM_ALL}
    if not per_t:
        return figures
    utils = [100.0 * g[0] / g[1] for g in per_t.values() if g[1]]
    figures.update({
        "reservation-total-capacity-hrs-inst": hrs["total"] * f,
        "reservation-total-capacity-hrs-vcpu": hrs["total_v"] * f,
        "reservation-unused-total-capacity-hrs-inst": (hrs["total"] - hrs["used"]) * f,
        "reservation-unused-total-capacity-hrs-vcpu": (hrs["total_v"] - hrs["used_v"]) * f,
        "reservation-unused-total-estimated-cost": round(hrs["cost_unused"] * f, 6),
        "reservation-total-estimated-cost": round(hrs["cost_total"] * f, 6),
        "reservation-avg-utilization-inst": 100.0 * hrs["used"] / hrs["total"] if hrs["total"] else 0.0,
        "reservation-avg-utilization-vcpu": 100.0 * hrs["used_v"] / hrs["total_v"] if hrs["total_v"] else 0.0,
        "reservation-min-utilization": min(utils) if utils else 0.0,
        "reservation-max-utilization": max(utils) if utils else 0.0,
        "reservation-max-size-inst": float(max(g[1] for g in per_t.values())),
        "reservation-min-size-inst": float(min(g[1] for g in per_t.values())),
        "reservation-max-size-vcpu": float(max(g[3] for g in per_t.values())),
        "reservation-min-size-vcpu": float(min(g[3] for g in per_t.values())),
        "reservation-max-unused-size-inst": float(max(g[1] - g[0] for g in per_t.values())),
        "reservation-min-unused-size-inst": float(min(g[1] - g[0] for g in per_t.values())),
        "reservation-max-unused-size-vcpu": float(max(g[3] - g[2] for g in per_t.values())),
        "reservation-min-unused-size-vcpu": float(min(g[3] - g[2] for g in per_t.values())),
        "reservation-total-count": float(count),
        "reserved-total-usage-hrs-inst": hrs["used"] * f,
        "reserved-total-usage-hrs-vcpu": hrs["used_v"] * f,
        "reserved-total-estimated-cost": round(hrs["cost_used"] * f, 6),
    })
    return figures


def _model_metrics():
    from .models import service_model

    return tuple(service_model("ec2").shape_for("Metric").enum)


CM_ALL = _model_metrics()


def account_figures(start, end, organizations, now=None, extra=0, idle=False) -> dict:
    """{account id: {"account_name": ..., metric: value, ...}} over [start, end) for every account
    Capacity Manager sees (the owner; the member accounts too with Organizations access)."""
    out = {}
    members = cm_reservations(organizations, extra, idle)
    for account in dict.fromkeys(m.account for m in members):
        mine = [m for m in members if m.account == account]
        out[account] = {"account_name": mine[0].account_name, **cm_figures(mine, _ts(start), _ts(end), now)}
    return out
