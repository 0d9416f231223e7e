"""Seeded data, generated in code and deterministic (no random state, no files).

Capacity reservations live in two regions and cover the states active, expired, cancelled,
pending and scheduled, plus an interruptible pair (a source reservation whose
``InterruptibleCapacityAllocation`` lends capacity to an interruptible reservation carrying
``InterruptionInfo``). One reservation is shared with 2,500 accounts, so its usage has 2,501
entries (owner first): 3 pages at MaxResults 1000.

Coverage is kept per day and per *fleet*, a fleet being one combination of the dimensions
(instance type, region, AZ, platform, operating system, tenancy, linked account). Hours are
multiples of 0.25 held as Decimal, so sums are exact: every grouped or ungrouped answer is a sum
over the same daily records and always agrees.

Reserved Instances (``RI_SERIES``, one-year leases renewing on a fixed day) carry exactly the
reserved hours of coverage, so RI utilization and RI coverage agree; Savings Plans
(``SAVINGS_PLANS``) cover part of the on-demand hours, so their used commitment is exactly the
spend their coverage reports. Money is Decimal too, from the prices in ``HOURLY_PRICE``.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache

OWNER = "123456789012"
LINKED_ACCOUNTS = {
    "123456789012": "Payer (FinOps)",
    "210987654321": "Platform Production",
    "333344445555": "Data Analytics",
    "444455556666": "Sandbox",
}
SHARED_ACCOUNTS = 2500
AZ_ID_PREFIX = {"us-east-1": "use1-az", "eu-west-1": "euw1-az"}


def _h(*parts) -> int:
    """A deterministic pseudo-random integer from the given parts."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big")


def reservation_id(name: str) -> str:
    return "cr-" + hashlib.sha256(name.encode()).hexdigest()[:17]


@dataclass
class Reservation:
    name: str
    region: str
    az: str
    instance_type: str
    platform: str
    state: str
    total: int
    available: int
    tenancy: str = "default"
    start: datetime = datetime(2025, 1, 6, 9, 30, tzinfo=timezone.utc)
    end: datetime | None = None
    match: str = "open"
    usages: list = field(default_factory=list)  # [(account, used)]
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return reservation_id(self.name)

    def describe(self) -> dict:
        """The reservation as botocore's CapacityReservation shape (member names)."""
        d = {
            "CapacityReservationId": self.id,
            "OwnerId": OWNER,
            "CapacityReservationArn": f"arn:aws:ec2:{self.region}:{OWNER}:capacity-reservation/{self.id}",
            "AvailabilityZoneId": AZ_ID_PREFIX[self.region] + str("abc".index(self.az[-1]) + 1),
            "InstanceType": self.instance_type,
            "InstancePlatform": self.platform,
            "AvailabilityZone": self.az,
            "Tenancy": self.tenancy,
            "TotalInstanceCount": self.total,
            "AvailableInstanceCount": self.available,
            "EbsOptimized": True,
            "EphemeralStorage": False,
            "State": self.state,
            "StartDate": self.start,
            "EndDateType": "limited" if self.end else "unlimited",
            "InstanceMatchCriteria": self.match,
            "CreateDate": self.start - timedelta(hours=1),
            "Tags": [{"Key": "Name", "Value": self.name}, {"Key": "team", "Value": "platform"}],
            "ReservationType": "default",
            "DeliveryPreference": "fixed",
        }
        if self.end:
            d["EndDate"] = self.end
        d.update(self.extra)
        return d


def _reservations() -> list:
    big_usage = [(OWNER, 100)] + [(f"{700000000000 + i:012d}", 1) for i in range(SHARED_ACCOUNTS)]
    interruptible = reservation_id("eu-interruptible-m5")
    source = reservation_id("eu-source-m5")
    day = timedelta(days=1)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    rs = [
        Reservation("use1-shared-c5", "us-east-1", "us-east-1a", "c5.xlarge", "Linux/UNIX", "active",
                    total=2700, available=100, usages=big_usage),
        Reservation("use1-web-m5", "us-east-1", "us-east-1b", "m5.large", "Linux/UNIX", "active",
                    total=10, available=3, usages=[(OWNER, 4), ("210987654321", 3)]),
        Reservation("use1-batch-r5", "us-east-1", "us-east-1c", "r5.2xlarge", "Linux/UNIX", "expired",
                    total=8, available=0, end=now - 30 * day, match="targeted"),
        Reservation("use1-test-t3", "us-east-1", "us-east-1a", "t3.medium", "Windows", "cancelled",
                    total=4, available=0),
        Reservation("use1-ml-p4d", "us-east-1", "us-east-1b", "p4d.24xlarge", "Linux/UNIX", "pending",
                    total=2, available=2, match="targeted"),
        Reservation("use1-gpu-g5", "us-east-1", "us-east-1c", "g5.xlarge", "Linux/UNIX", "scheduled",
                    total=6, available=6, start=datetime(2027, 3, 1, tzinfo=timezone.utc),
                    end=datetime(2027, 6, 1, tzinfo=timezone.utc)),
        Reservation("eu-app-m6i", "eu-west-1", "eu-west-1a", "m6i.large", "Windows", "active",
                    total=12, available=2, usages=[(OWNER, 6), ("333344445555", 4)]),
        Reservation("eu-db-c6i", "eu-west-1", "eu-west-1b", "c6i.2xlarge", "Red Hat Enterprise Linux", "active",
                    total=4, available=1, tenancy="dedicated", usages=[(OWNER, 3)]),
        Reservation("eu-old-r6g", "eu-west-1", "eu-west-1c", "r6g.large", "Linux/UNIX", "expired",
                    total=3, available=0, end=now - 90 * day),
        Reservation("eu-source-m5", "eu-west-1", "eu-west-1a", "m5.xlarge", "Linux/UNIX", "active",
                    total=20, available=6, usages=[(OWNER, 10)],
                    extra={"InterruptibleCapacityAllocation": {
                        "InstanceCount": 4, "TargetInstanceCount": 4, "Status": "active",
                        "InterruptibleCapacityReservationId": interruptible, "InterruptionType": "adhoc"}}),
        Reservation("eu-interruptible-m5", "eu-west-1", "eu-west-1a", "m5.xlarge", "Linux/UNIX", "active",
                    total=4, available=1, usages=[("210987654321", 3)],
                    extra={"Interruptible": True, "InterruptionInfo": {
                        "SourceCapacityReservationId": source, "InterruptionType": "adhoc"}}),
    ]
    return rs


RESERVATIONS = _reservations()
BY_ID = {r.id: r for r in RESERVATIONS}
SHARED_RESERVATION_ID = reservation_id("use1-shared-c5")
INTERRUPTIBLE_RESERVATION_ID = reservation_id("eu-interruptible-m5")
INTERRUPTIBLE_SOURCE_ID = reservation_id("eu-source-m5")

# ---------------------------------------------------------------- coverage

PLATFORM_OS = {"Linux/UNIX": "Linux", "Windows": "Windows", "Red Hat Enterprise Linux": "Linux"}
NORMALIZATION = {"medium": 2, "large": 4, "xlarge": 8, "2xlarge": 16, "4xlarge": 32}
HOURLY_PRICE = {"m5.large": "0.096", "c5.xlarge": "0.17", "r5.2xlarge": "0.504", "m6i.large": "0.096",
                "c6i.2xlarge": "0.34", "t3.medium": "0.0416", "m5.xlarge": "0.192"}


@dataclass(frozen=True)
class Fleet:
    instance_type: str
    region: str
    az: str
    platform: str
    tenancy: str
    account: str

    def attribute(self, dimension: str) -> str:
        return {
            "INSTANCE_TYPE": self.instance_type,
            "INSTANCE_TYPE_FAMILY": self.instance_type.split(".")[0],
            "REGION": self.region,
            "AZ": self.az,
            "PLATFORM": self.platform,
            "OPERATING_SYSTEM": PLATFORM_OS[self.platform],
            "TENANCY": {"default": "Shared", "dedicated": "Dedicated"}[self.tenancy],
            "LINKED_ACCOUNT": self.account,
            "SERVICE": "Amazon Elastic Compute Cloud - Compute",
            "PURCHASE_TYPE": "On Demand Instances",
            "SCOPE": "Regional",
            "CACHE_ENGINE": "",
            "DATABASE_ENGINE": "",
            "DEPLOYMENT_OPTION": "",
        }.get(dimension, "")

    @property
    def normalization(self) -> int:
        return NORMALIZATION.get(self.instance_type.split(".")[1], 8)

    @property
    def price(self) -> Decimal:
        """The on-demand price of one instance hour."""
        return Decimal(HOURLY_PRICE.get(self.instance_type, "0.1"))


FLEETS = [
    Fleet("m5.large", "us-east-1", "us-east-1b", "Linux/UNIX", "default", "123456789012"),
    Fleet("m5.large", "us-east-1", "us-east-1a", "Linux/UNIX", "default", "210987654321"),
    Fleet("c5.xlarge", "us-east-1", "us-east-1a", "Linux/UNIX", "default", "210987654321"),
    Fleet("c5.xlarge", "us-east-1", "us-east-1a", "Linux/UNIX", "default", "333344445555"),
    Fleet("r5.2xlarge", "us-east-1", "us-east-1c", "Linux/UNIX", "default", "333344445555"),
    Fleet("t3.medium", "us-east-1", "us-east-1a", "Windows", "default", "444455556666"),
    Fleet("m6i.large", "eu-west-1", "eu-west-1a", "Windows", "default", "123456789012"),
    Fleet("m6i.large", "eu-west-1", "eu-west-1b", "Windows", "default", "333344445555"),
    Fleet("c6i.2xlarge", "eu-west-1", "eu-west-1b", "Red Hat Enterprise Linux", "dedicated", "123456789012"),
    Fleet("m5.xlarge", "eu-west-1", "eu-west-1a", "Linux/UNIX", "default", "210987654321"),
    Fleet("m5.xlarge", "eu-west-1", "eu-west-1a", "Linux/UNIX", "default", "444455556666"),
]

QUARTER = Decimal("0.25")


def daily(fleet: Fleet, day: date) -> tuple:
    """(reserved hours, on-demand hours) of one fleet on one day: deterministic."""
    seed = _h(fleet, day.isoformat())
    running = Decimal(24 * (2 + seed % 19)) - QUARTER * (seed >> 8 & 7)
    share = Decimal((seed >> 16) % 101) / 100
    reserved = (running * share / QUARTER).to_integral_value() * QUARTER
    return reserved, running - reserved


def coverage_window(today: date) -> tuple:
    """First and last (inclusive) day with data: the last 12 months plus the current month."""
    first = date(today.year - 1, today.month, 1)
    return first, today


# ---------------------------------------------------------------- Reserved Instances (RI utilization)
#
# The reserved hours of coverage are the hours these RIs carried, so RI coverage and RI utilization
# tell one story: on every day, the actual hours of the RIs of a pool (the fleets one kind of RI
# covers) add up to exactly the reserved hours of its fleets. Within a pool the RIs apply in order:
# a fixed-size "base" RI carries up to its purchased hours, the next one carries the rest. Each RI
# is a series of one-year leases that renews on a fixed day of the year, so every day of any window
# has a lease, and a day's numbers never depend on the day the question is asked. A lease the
# series sizes itself (``instances=0``) buys enough instances for the busiest day of its term.

RI_DISCOUNT = Decimal("0.4")  # the RI's effective hourly rate is the on-demand price x (1 - 0.4)
UPFRONT_SHARE = {"No Upfront": Decimal(0), "Partial Upfront": Decimal("0.5"), "All Upfront": Decimal(1)}


@dataclass(frozen=True)
class RiSeries:
    name: str
    instance_type: str
    region: str
    platform: str
    tenancy: str
    owner: str
    renews: tuple  # (month, day) each lease starts and ends on
    offering: str  # No Upfront | Partial Upfront | All Upfront
    instances: int = 0  # 0: each lease is sized to carry what the RIs before it in the pool leave
    az: str = ""  # a zonal RI (scope Availability Zone) when set

    @property
    def fleets(self) -> tuple:
        return tuple(f for f in FLEETS if (f.instance_type, f.region, f.platform, f.tenancy)
                     == (self.instance_type, self.region, self.platform, self.tenancy) and self.az in ("", f.az))

    @property
    def pool(self) -> tuple:
        return (self.instance_type, self.region, self.platform, self.tenancy, self.az)

    @property
    def normalization(self) -> int:
        return NORMALIZATION.get(self.instance_type.split(".")[1], 8)

    @property
    def price(self) -> Decimal:
        return Decimal(HOURLY_PRICE[self.instance_type])

    @property
    def rate(self) -> Decimal:
        """The effective hourly rate of one reserved instance (upfront and recurring, amortized)."""
        return self.price * (1 - RI_DISCOUNT)


RI_SERIES = (
    RiSeries("use1-m5-base", "m5.large", "us-east-1", "Linux/UNIX", "default", "123456789012", (3, 15),
             "All Upfront", instances=4),
    RiSeries("use1-m5-topup", "m5.large", "us-east-1", "Linux/UNIX", "default", "210987654321", (9, 1), "No Upfront"),
    RiSeries("use1-c5", "c5.xlarge", "us-east-1", "Linux/UNIX", "default", "210987654321", (6, 10), "Partial Upfront"),
    RiSeries("use1-r5-base", "r5.2xlarge", "us-east-1", "Linux/UNIX", "default", "333344445555", (1, 20),
             "Partial Upfront", instances=3),
    RiSeries("use1-r5-topup", "r5.2xlarge", "us-east-1", "Linux/UNIX", "default", "333344445555", (7, 5), "No Upfront"),
    RiSeries("use1-t3-windows", "t3.medium", "us-east-1", "Windows", "default", "444455556666", (11, 1), "No Upfront"),
    RiSeries("euw1-m6i-windows", "m6i.large", "eu-west-1", "Windows", "default", "123456789012", (2, 1), "All Upfront"),
    RiSeries("euw1b-c6i-rhel", "c6i.2xlarge", "eu-west-1", "Red Hat Enterprise Linux", "dedicated", "123456789012",
             (4, 15), "Partial Upfront", az="eu-west-1b"),
    RiSeries("euw1-m5-base", "m5.xlarge", "eu-west-1", "Linux/UNIX", "default", "210987654321", (8, 20),
             "All Upfront", instances=5),
    RiSeries("euw1-m5-topup", "m5.xlarge", "eu-west-1", "Linux/UNIX", "default", "444455556666", (12, 1), "No Upfront"),
)


def _anniversary(year: int, month_day: tuple) -> date:
    return date(year, *month_day)


@dataclass(frozen=True)
class RiLease:
    """One year of an RI series: what GetReservationUtilization groups by (SUBSCRIPTION_ID)."""
    series: RiSeries
    start: date
    end: date  # exclusive

    @property
    def subscription_id(self) -> str:
        return str(1_000_000_000 + _h("subscription", self.series.name, self.start) % 9_000_000_000)

    @property
    def lease_id(self) -> str:
        x = hashlib.sha256(f"lease|{self.series.name}|{self.start}".encode()).hexdigest()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:32]}"

    @property
    def instances(self) -> int:
        return self.series.instances or _sized_instances(self.series, self.start, self.end)

    @property
    def account(self) -> str:
        return self.series.owner

    def attribute(self, dimension: str) -> str:
        s = self.series
        return {
            "AZ": s.az,
            "INSTANCE_TYPE": s.instance_type,
            "LINKED_ACCOUNT": s.owner,
            "OPERATING_SYSTEM": PLATFORM_OS[s.platform],
            "PLATFORM": s.platform,
            "REGION": s.region,
            "SERVICE": "Amazon Elastic Compute Cloud - Compute",
            "SCOPE": "AZ" if s.az else "Regional",
            "TENANCY": {"default": "Shared", "dedicated": "Dedicated"}[s.tenancy],
            "SUBSCRIPTION_ID": self.subscription_id,
        }.get(dimension, "")

    def attributes(self, today: date) -> dict:
        """The group's Attributes as AWS writes them (all strings)."""
        s = self.series
        out = {
            "accountId": s.owner,
            "accountName": LINKED_ACCOUNTS[s.owner],
            "endDateTime": f"{self.end.isoformat()}T00:00:00.000Z",
            "instanceType": s.instance_type,
            "leaseId": self.lease_id,
            "numberOfInstances": str(self.instances),
            "platform": s.platform,
            "region": s.region,
            "scope": "Availability Zone" if s.az else "Region",
            "startDateTime": f"{self.start.isoformat()}T00:00:00.000Z",
            "subscriptionId": self.subscription_id,
            "subscriptionStatus": "Active" if self.end > today else "Retired",
            "subscriptionType": s.offering,
            "tenancy": {"default": "Shared", "dedicated": "Dedicated"}[s.tenancy],
        }
        if s.az:
            out["availabilityZone"] = s.az
        return out


def ri_lease(series: RiSeries, day: date) -> RiLease:
    """The lease of the series that is active on ``day``."""
    start = _anniversary(day.year, series.renews)
    if start > day:
        start = _anniversary(day.year - 1, series.renews)
    return RiLease(series, start, _anniversary(start.year + 1, series.renews))


def _pool_reserved(series: RiSeries, day: date) -> Decimal:
    return sum((daily(f, day)[0] for f in series.fleets), Decimal(0))


@lru_cache(maxsize=None)
def _sized_instances(series: RiSeries, start: date, end: date) -> int:
    before = [s for s in RI_SERIES[: RI_SERIES.index(series)] if s.pool == series.pool]
    assert all(s.instances for s in before), f"{series.name}: only the last RI of a pool sizes itself"
    base = 24 * sum(s.instances for s in before)
    peak, day = Decimal(0), start
    while day < end:
        peak = max(peak, _pool_reserved(series, day) - base)
        day += timedelta(days=1)
    return max(1, int((peak / 24).to_integral_value(rounding=ROUND_CEILING)))


def ri_day(day: date) -> list:
    """[(lease, purchased hours, actual hours)] of every RI on ``day``; per pool, the actual hours add
    up to the fleets' reserved hours of coverage."""
    out, left = [], {}
    for series in RI_SERIES:
        if series.pool not in left:
            left[series.pool] = _pool_reserved(series, day)
        lease = ri_lease(series, day)
        purchased = Decimal(24 * lease.instances)
        actual = min(purchased, left[series.pool])
        left[series.pool] -= actual
        out.append((lease, purchased, actual))
    assert not any(left.values()), f"RIs do not carry every reserved hour on {day}"
    return out


def ri_leases(first: date, last: date) -> list:
    """Every lease active on some day in [first, last] (inclusive), series order, oldest first."""
    out = []
    for series in RI_SERIES:
        lease = ri_lease(series, first)
        while lease.start <= last:
            out.append(lease)
            lease = RiLease(series, lease.end, _anniversary(lease.end.year + 1, series.renews))
    return out


# ---------------------------------------------------------------- Savings Plans
#
# Savings Plans cover part of the on-demand hours of coverage (the hours no RI carried). Each day,
# EC2 Instance Savings Plans apply first (they discount more), then the Compute Savings Plan; a plan
# spends at most its daily commitment (24 x hourly) at its own rate, shared out over the hours it
# may cover in proportion to their cost, in quarter hours. So the spend a plan covered is exactly
# its used commitment, and its unused commitment is what was left that day.


@dataclass(frozen=True)
class SavingsPlan:
    id: str
    type: str  # ComputeSavingsPlans | EC2InstanceSavingsPlans
    payment: str  # No Upfront | Partial Upfront | All Upfront
    hourly: Decimal  # commitment per hour, USD
    owner: str
    start: date
    end: date  # exclusive
    discount: Decimal  # its rate is the on-demand price x (1 - discount)
    region: str = ""  # EC2 Instance Savings Plans: one region and one instance family
    family: str = ""

    @property
    def arn(self) -> str:
        return f"arn:aws:savingsplans::{self.owner}:savingsplan/{self.id}"

    @property
    def account(self) -> str:
        return self.owner

    def applies_to(self, fleet: Fleet) -> bool:
        return self.type == "ComputeSavingsPlans" or (
            fleet.region == self.region and fleet.attribute("INSTANCE_TYPE_FAMILY") == self.family)

    def active(self, day: date) -> bool:
        return self.start <= day < self.end

    def rate(self, fleet: Fleet) -> Decimal:
        return fleet.price * (1 - self.discount)

    def attribute(self, dimension: str) -> str:
        return {
            "LINKED_ACCOUNT": self.owner,
            "SAVINGS_PLAN_ARN": self.arn,
            "SAVINGS_PLANS_TYPE": self.type,
            "REGION": self.region,
            "PAYMENT_OPTION": self.payment,
            "INSTANCE_TYPE_FAMILY": self.family,
        }.get(dimension, "")


SAVINGS_PLANS = (
    SavingsPlan("3c1e7d0a-5b2f-4e8a-9d61-0c4b7a2e9f10", "EC2InstanceSavingsPlans", "Partial Upfront", Decimal("0.45"),
                "210987654321", date(2025, 3, 1), date(2028, 3, 1), Decimal("0.35"), "us-east-1", "m5"),
    SavingsPlan("8f2a4b6c-1d3e-4f5a-8b7c-9d0e1f2a3b4c", "EC2InstanceSavingsPlans", "All Upfront", Decimal("0.35"),
                "333344445555", date(2026, 2, 1), date(2029, 2, 1), Decimal("0.35"), "eu-west-1", "m6i"),
    SavingsPlan("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "ComputeSavingsPlans", "No Upfront", Decimal("4.5"),
                "123456789012", date(2024, 10, 1), date(2027, 10, 1), Decimal("0.25")),
)
SP_ORDER = tuple(sorted(SAVINGS_PLANS, key=lambda p: p.type != "EC2InstanceSavingsPlans"))


def _floor_quarter(hours: Decimal) -> Decimal:
    return (hours / QUARTER).to_integral_value(rounding=ROUND_FLOOR) * QUARTER


@lru_cache(maxsize=2048)
def savings_plans_day(day: date) -> tuple:
    """((plan, fleet, covered hours), ...) on ``day``: the on-demand hours each plan covered."""
    left = {f: daily(f, day)[1] for f in FLEETS}
    out = []
    for plan in SP_ORDER:
        if not plan.active(day):
            continue
        fleets = [f for f in FLEETS if plan.applies_to(f) and left[f] > 0]
        eligible = sum((left[f] * plan.rate(f) for f in fleets), Decimal(0))
        if not eligible:
            continue
        share = min(Decimal(1), plan.hourly * 24 / eligible)
        for f in fleets:
            hours = _floor_quarter(left[f] * share)
            if hours:
                left[f] -= hours
                out.append((plan, f, hours))
    return tuple(out)


REGION_NAMES = {"us-east-1": "US East (N. Virginia)", "eu-west-1": "EU (Ireland)"}
SAVINGS_PLANS_DIMENSIONS = ("SAVINGS_PLANS_TYPE", "SAVINGS_PLAN_ARN", "PAYMENT_OPTION", "INSTANCE_TYPE_FAMILY",
                            "REGION", "LINKED_ACCOUNT")


def dimension_values(dimension: str, context: str, period: tuple | None = None) -> list:
    """[(value, attributes)] for any dimension of the model's Dimension enum. In the SAVINGS_PLANS
    context the Savings Plans' own dimensions list what the plans have (what filters their
    utilization); SUBSCRIPTION_ID lists the RI leases active in ``period`` ((first, last) days)."""
    if context == "SAVINGS_PLANS" and dimension in SAVINGS_PLANS_DIMENSIONS:
        values = sorted({p.attribute(dimension) for p in SAVINGS_PLANS} - {""})
        if dimension == "LINKED_ACCOUNT":
            return [(a, {"description": LINKED_ACCOUNTS[a]}) for a in values]
        if dimension == "REGION":
            return [(v, {"description": REGION_NAMES[v]}) for v in values]
        return [(v, {}) for v in values]
    if dimension == "SUBSCRIPTION_ID" and period:
        return [(lease.subscription_id, {}) for lease in ri_leases(*period)]
    if dimension == "LINKED_ACCOUNT":
        return [(a, {"description": n}) for a, n in LINKED_ACCOUNTS.items()]
    if dimension == "LINKED_ACCOUNT_NAME":
        return [(n, {}) for n in LINKED_ACCOUNTS.values()]
    if dimension == "PAYER_ACCOUNT":
        return [(OWNER, {"description": LINKED_ACCOUNTS[OWNER]})]
    from_fleets = {f.attribute(dimension) for f in FLEETS} - {""}
    if from_fleets and dimension not in ("SERVICE", "PURCHASE_TYPE", "SCOPE"):
        values = sorted(from_fleets)
        if dimension == "REGION":
            return [(v, {"description": REGION_NAMES[v]}) for v in values]
        return [(v, {}) for v in values]
    canned = {
        "SERVICE": ["Amazon Elastic Compute Cloud - Compute", "Amazon Relational Database Service",
                    "Amazon ElastiCache", "Amazon Redshift", "Amazon OpenSearch Service"],
        "SERVICE_CODE": ["AmazonEC2", "AmazonRDS", "AmazonElastiCache", "AmazonRedshift"],
        "PURCHASE_TYPE": ["On Demand Instances", "Standard Reserved Instances", "Spot Instances", "Savings Plans"],
        "SCOPE": ["Regional", "AZ"],
        "RECORD_TYPE": ["Usage", "Credit", "Tax", "DiscountedUsage", "RIFee", "SavingsPlanCoveredUsage"],
        "USAGE_TYPE": ["USE1-BoxUsage:m5.large", "USE1-BoxUsage:c5.xlarge", "EU-BoxUsage:m6i.large"],
        "USAGE_TYPE_GROUP": ["EC2: Running Hours", "EC2: EBS - SSD(gp3)"],
        "OPERATION": ["RunInstances", "RunInstances:0002", "RunInstances:0010"],
        "DATABASE_ENGINE": ["PostgreSQL", "MySQL", "Aurora PostgreSQL"],
        "CACHE_ENGINE": ["Redis", "Memcached"],
        "DEPLOYMENT_OPTION": ["Single-AZ", "Multi-AZ"],
        "LEGAL_ENTITY_NAME": ["Amazon Web Services, Inc.", "Amazon Web Services EMEA SARL"],
        "BILLING_ENTITY": ["AWS", "AWS Marketplace"],
        "INVOICING_ENTITY": ["Amazon Web Services, Inc.", "Amazon Web Services EMEA SARL"],
        "PAYMENT_OPTION": ["No Upfront", "Partial Upfront", "All Upfront"],
        "SAVINGS_PLANS_TYPE": ["ComputeSavingsPlans", "EC2InstanceSavingsPlans"],
        "RIGHTSIZING_TYPE": ["TERMINATE", "MODIFY"],
        "SUBSCRIPTION_ID": ["1234567890"],
        "RESERVATION_ID": [r.id for r in RESERVATIONS if r.state == "active"],
        "RESOURCE_ID": ["i-0123456789abcdef0", "i-0fedcba9876543210"],
    }
    values = canned.get(dimension)
    if values is None:
        values = [f"{dimension.lower()}-sample-{i}" for i in (1, 2)]
    return [(v, {}) for v in values]
