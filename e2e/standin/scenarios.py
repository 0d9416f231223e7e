"""Faults and switches a test turns on, through the control API or in process.

One-shot faults count down per AWS call (optionally only for one service):
  throttle    -> the service's throttling error (EC2 RequestLimitExceeded 503, CE LimitExceededException 400,
                 STS Throttling 400); counted after the signature check, as AWS throttles known callers
  fail        -> HTTP 500 or 503 with the service's internal-error envelope
  truncate    -> a well-formed HTTP answer whose body is cut in half
  html        -> an HTML error page (as a proxy or load balancer would send), status 502
  slow        -> answer after ``seconds``
Switches:
  cors           "normal" | "drop" (no CORS headers at all: the browser may not read or even send)
  expose_headers false | true (Access-Control-Expose-Headers: Date, x-amzn-RequestId)
  dry_run        "allowed" | "denied" (DryRun=true answers DryRunOperation 412 or UnauthorizedOperation 403)
  clock_offset_seconds  the stand-in's clock = real UTC + offset
  token_expired  the demo session token counts as expired
  ce_data_unavailable    Cost Explorer answers DataUnavailableException (not enabled, or no data yet)
  ce_page_size           GetReservationCoverage, GetReservationUtilization and GetSavingsPlansCoverage page
                         at this many items when the caller sets no MaxResults
  ce_extra_values        GetDimensionValues lists this many extra values (``x1.extra`` ...) with no usage
  ce_reject_page_tokens  the next N page tokens Cost Explorer receives (NextPageToken, or NextToken for
                         GetSavingsPlansCoverage) are refused (InvalidNextTokenException)
  hostile_tags   every reservation carries tags whose keys and values try to break out of HTML, and
                 coverage grouped by a tag answers with such values (HOSTILE_TAG_VALUES)
  denied_actions  IAM actions the caller is denied ("cloudwatch:GetMetricData" -> 403 AccessDenied;
                 "ec2:GetCapacityManagerMetricData", "ec2:DescribeCapacityReservations", ... -> EC2's
                 403 UnauthorizedOperation)
  cw_page_datapoints    GetMetricData pages at this many datapoints (default 100,800)
  extra_reservations    N generated active us-east-1 reservations (history.extra_reservations) that
                        EC2, CloudWatch and Capacity Manager also know
  idle_reservations     adds history.IDLE_RESERVATION_ID (0 used) and UNDERUSED_RESERVATION_ID (10 %)
  capacity_manager      {status: enabled|disabled, ingestion: complete|in_progress|failed,
                        home_region, organizations_access} (default disabled; see capman.py)
  cm_page_size          Capacity Manager pages at this many rows when the caller sets no MaxResults
  hostile_error  Cost Explorer refuses every request with a ValidationException whose message is
                 HTML that would run script (HOSTILE_ERROR_MESSAGE)
"""

import threading
from dataclasses import asdict, dataclass, field

FAULTS = ("throttle", "fail", "truncate", "html", "slow")
CM_DEFAULT = {"status": "disabled", "ingestion": "complete", "home_region": "us-east-1", "organizations_access": False}

# Strings that would run script or break out of an attribute if a sink did not escape them.
HOSTILE_TAG_KEY = '"><img src=x onerror="window.__lensPwned=1">'
HOSTILE_ERROR_MESSAGE = '<img src=x onerror="window.__lensPwned=1"><b>bold</b> Invalid filter'
HOSTILE_TAG_VALUES = (
    "<script>window.__lensPwned=1</script>",
    "<img src=x onerror=window.__lensPwned=1>",
    "\" onmouseover=\"window.__lensPwned=1\" x=\"",
    "javascript:window.__lensPwned=1",
    "=HYPERLINK(\"https://evil.example\",\"x\")",
)


@dataclass
class Fault:
    kind: str
    count: int
    service: str | None = None
    status: int = 500
    seconds: float = 0.0


@dataclass
class Scenario:
    cors: str = "normal"
    expose_headers: bool = False
    dry_run: str = "allowed"
    clock_offset_seconds: float = 0.0
    token_expired: bool = False
    ce_data_unavailable: bool = False
    ce_page_size: int = 0
    ce_extra_values: int = 0
    ce_reject_page_tokens: int = 0
    hostile_tags: bool = False
    hostile_error: bool = False
    denied_actions: list = field(default_factory=list)
    cw_page_datapoints: int = 0
    extra_reservations: int = 0
    idle_reservations: bool = False
    cm_page_size: int = 0
    capacity_manager: dict = field(default_factory=lambda: dict(CM_DEFAULT))
    faults: list = field(default_factory=list)


class Scenarios:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = Scenario()

    def reset(self):
        with self._lock:
            self.state = Scenario()

    def update(self, spec: dict) -> dict:
        """Applies a JSON spec; unknown keys are an error so a typo in a test fails loudly."""
        with self._lock:
            for key, value in spec.items():
                if key == "cors":
                    if value not in ("normal", "drop"):
                        raise ValueError("cors must be 'normal' or 'drop'")
                    self.state.cors = value
                elif key == "expose_headers":
                    self.state.expose_headers = bool(value)
                elif key == "dry_run":
                    if value not in ("allowed", "denied"):
                        raise ValueError("dry_run must be 'allowed' or 'denied'")
                    self.state.dry_run = value
                elif key == "clock_offset_seconds":
                    self.state.clock_offset_seconds = float(value)
                elif key == "token_expired":
                    self.state.token_expired = bool(value)
                elif key == "ce_data_unavailable":
                    self.state.ce_data_unavailable = bool(value)
                elif key in ("hostile_tags", "hostile_error"):
                    setattr(self.state, key, bool(value))
                elif key == "denied_actions":
                    if not isinstance(value, list) or not all(isinstance(a, str) and ":" in a for a in value):
                        raise ValueError("denied_actions must be a list of 'service:Action' strings")
                    self.state.denied_actions = list(value)
                elif key == "idle_reservations":
                    self.state.idle_reservations = bool(value)
                elif key == "capacity_manager":
                    if not isinstance(value, dict) or set(value) - set(CM_DEFAULT):
                        raise ValueError(f"capacity_manager takes {sorted(CM_DEFAULT)}")
                    cm = dict(CM_DEFAULT, **value)
                    if cm["status"] not in ("enabled", "disabled"):
                        raise ValueError("capacity_manager status must be 'enabled' or 'disabled'")
                    if cm["ingestion"] not in ("complete", "in_progress", "failed"):
                        raise ValueError("capacity_manager ingestion must be complete, in_progress or failed")
                    cm["organizations_access"] = bool(cm["organizations_access"])
                    self.state.capacity_manager = cm
                elif key in ("cw_page_datapoints", "extra_reservations", "cm_page_size"):
                    if int(value) < 0 or (key == "extra_reservations" and int(value) > 5000):
                        raise ValueError(f"{key} must be 0 or more (extra_reservations at most 5000)")
                    setattr(self.state, key, int(value))
                elif key in ("ce_page_size", "ce_extra_values", "ce_reject_page_tokens"):
                    if int(value) < 0:
                        raise ValueError(f"{key} must be 0 or more")
                    setattr(self.state, key, int(value))
                elif key in FAULTS:
                    v = value if isinstance(value, dict) else {"count": int(value)}
                    unknown = set(v) - {"count", "service", "status", "seconds"}
                    if unknown:
                        raise ValueError(f"unknown fault options {sorted(unknown)}")
                    if key == "fail" and v.get("status", 500) not in (500, 503):
                        raise ValueError("fail status must be 500 or 503")
                    self.state.faults.append(Fault(key, int(v.get("count", 1)), v.get("service"),
                                                   int(v.get("status", 500)), float(v.get("seconds", 0))))
                else:
                    raise ValueError(f"unknown scenario key {key!r}")
            return self.snapshot()

    def take(self, kinds: tuple, service: str) -> Fault | None:
        """Consumes one pending fault of the given kinds that applies to ``service``."""
        with self._lock:
            for fault in self.state.faults:
                if fault.kind in kinds and fault.count > 0 and fault.service in (None, service):
                    fault.count -= 1
                    if fault.count == 0:
                        self.state.faults.remove(fault)
                    return Fault(fault.kind, 1, fault.service, fault.status, fault.seconds)
        return None

    def take_counter(self, name: str) -> bool:
        """Consumes one unit of a counting switch (``ce_reject_page_tokens``); False when at 0."""
        with self._lock:
            left = getattr(self.state, name)
            if left <= 0:
                return False
            setattr(self.state, name, left - 1)
            return True

    def snapshot(self) -> dict:
        return asdict(self.state)
