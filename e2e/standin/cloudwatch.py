"""CloudWatch GetMetricData (JSON 1.0, awsQueryCompatible) over ``history.py``'s numbers.

Request: ``X-Amz-Target: GraniteServiceVersion20100801.GetMetricData``, a JSON 1.0 body
(timestamps as epoch seconds; ISO 8601 strings are accepted too), ``x-amzn-query-mode: true``.
Answers: ``{"MetricDataResults": [...], "NextToken"?, "Messages": []}`` with timestamps as epoch
seconds (botocore's JSON parser reads numbers). Errors: ``{"__type", "message"}`` plus
``x-amzn-query-error: <query code>;Sender`` (see errors.render).

Rules checked beyond the model: 1..500 queries (more: LimitExceeded), ids unique and matching
``^[a-z][a-zA-Z0-9_]*$``, StartTime < EndTime, exactly one of MetricStat and Expression per query
(InvalidParameterCombination), Period 1/5/10/20/30 or a multiple of 60, a statistic the stand-in
knows (Average, Minimum, Maximum, Sum, SampleCount; percentiles and other extended statistics
are refused as not supported by the stand-in), Expressions refused as not supported by the
stand-in (InvalidParameterValue), NextToken sealed to the query (InvalidNextToken).
Pagination: datapoints are counted over the returned series in query order; a page holds at most
``min(MaxDatapoints, 100800, scenario cw_page_datapoints)``; every page lists every returned
series, ``PartialData`` while later pages hold more of it, ``Complete`` otherwise.
"""

import json
import re
from datetime import datetime, timezone

from botocore.utils import parse_timestamp

from . import history
from .errors import AwsError
from .tokens import TokenError

TARGET_PREFIX = "GraniteServiceVersion20100801."
MAX_QUERIES = 500
MAX_PAGE = 100_800
_ID_RE = re.compile(r"^[a-z][a-zA-Z0-9_]*$")
_SHORT_PERIODS = (1, 5, 10, 20, 30)


def _bad(msg):
    return AwsError(400, "InvalidParameterValue", msg)


def _time(params, name) -> int:
    v = params.get(name)
    if v is None:
        raise AwsError(400, "MissingParameter", f"The parameter {name} is required.")
    try:
        if isinstance(v, bool):
            raise ValueError
        if isinstance(v, (int, float)):
            return int(v)
        return int(parse_timestamp(v).timestamp())
    except (ValueError, TypeError, OverflowError):
        raise _bad(f"The parameter {name} must be a timestamp.") from None


def check(params: dict) -> tuple:
    """The CloudWatch rules; returns (start, end, queries)."""
    for name in ("MetricDataQueries", "StartTime", "EndTime"):
        if params.get(name) is None:
            raise AwsError(400, "MissingParameter", f"The parameter {name} is required.")
    start, end = _time(params, "StartTime"), _time(params, "EndTime")
    queries = params["MetricDataQueries"]
    if not queries:
        raise _bad("The parameter MetricDataQueries must contain at least 1 query.")
    if len(queries) > MAX_QUERIES:
        raise AwsError(400, "LimitExceeded",
                       f"The collection MetricDataQueries must not have a size greater than {MAX_QUERIES}.")
    if start >= end:
        raise _bad("The parameter StartTime must be less than the parameter EndTime.")
    seen = set()
    for i, q in enumerate(queries, 1):
        qid = q["Id"]
        if not _ID_RE.match(qid):
            raise _bad(f"The value {qid} for parameter MetricDataQueries.member.{i}.Id is not valid: it must start "
                       "with a lowercase letter and contain only letters, numbers and underscores.")
        if qid in seen:
            raise _bad(f"The value {qid} for parameter MetricDataQueries.member.{i}.Id is not unique.")
        seen.add(qid)
        has_stat, has_expr = q.get("MetricStat") is not None, q.get("Expression") is not None
        if has_stat == has_expr:
            raise AwsError(400, "InvalidParameterCombination",
                           f"Exactly one of MetricStat and Expression must be set for MetricDataQueries.member.{i}.")
        if has_expr:
            raise _bad(f"The Expression of MetricDataQueries.member.{i} is not supported by the stand-in: it "
                       "answers MetricStat queries only (no metric math, no Metrics Insights).")
        ms = q["MetricStat"]
        period = ms["Period"]
        if period not in _SHORT_PERIODS and period % 60:
            raise _bad(f"The parameter MetricDataQueries.member.{i}.MetricStat.Period must be 1, 5, 10, 20, 30, "
                       "or a multiple of 60.")
        if q.get("Period") is not None:
            raise AwsError(400, "InvalidParameterCombination",
                           f"Period of MetricDataQueries.member.{i} is only valid with an Expression.")
        if ms["Stat"] not in history.STATS:
            raise _bad(f"The statistic {ms['Stat']} of MetricDataQueries.member.{i} is not supported by the "
                       f"stand-in (it knows {', '.join(history.STATS)}).")
    return start, end, queries


def _series(q, start, end, region, pool_ids, now):
    ms = q["MetricStat"]
    m = ms["Metric"]
    dims = {d["Name"]: d["Value"] for d in m.get("Dimensions") or []}
    rid = dims.get(history.DIMENSION)
    unit_ok = ms.get("Unit") in (None, "Percent" if m.get("MetricName") == "InstanceUtilization" else "Count")
    if (m.get("Namespace") != history.NAMESPACE or set(dims) != {history.DIMENSION} or rid not in pool_ids
            or not unit_ok):
        return []
    points = history.cw_datapoints(rid, m.get("MetricName"), start, end, ms["Period"], ms["Stat"], now)
    return points


def get_metric_data(params, region, tokens, state, now: datetime, pool) -> tuple:
    """(result, what) where ``what`` lists the reservations and metrics asked (for the log)."""
    start, end, queries = check(params)
    now_s = int(now.timestamp())
    pool_ids = {r.id for r in pool if r.region == region}
    returned = [q for q in queries if q.get("ReturnData", True)]
    series = [_series(q, start, end, region, pool_ids, now_s) for q in returned]
    if params.get("ScanBy", "TimestampDescending") == "TimestampDescending":
        series = [list(reversed(s)) for s in series]
    digest = tokens.query_digest("GetMetricData", region, params, ignore=("NextToken", "MaxDatapoints"))
    offset = 0
    if params.get("NextToken") is not None:
        try:
            offset = tokens.redeem(params["NextToken"], digest)
        except TokenError:
            raise AwsError(400, "InvalidNextToken", "The service couldn't process the NextToken.") from None
    size = min(x for x in (MAX_PAGE, params.get("MaxDatapoints") or MAX_PAGE, state.cw_page_datapoints or MAX_PAGE))
    size = max(1, size)
    stop = offset + size
    results, base = [], 0
    for q, s in zip(returned, series):
        lo, hi = max(offset - base, 0), max(min(stop - base, len(s)), 0)
        part = s[lo:hi] if lo < len(s) else []
        ms = q["MetricStat"]
        results.append({
            "Id": q["Id"],
            "Label": q.get("Label") or ms["Metric"].get("MetricName", ""),
            "Timestamps": [t for t, _ in part],
            "Values": [v for _, v in part],
            "StatusCode": "PartialData" if base + len(s) > stop else "Complete",
        })
        base += len(s)
    out = {"MetricDataResults": results, "Messages": []}
    if base > stop:
        out["NextToken"] = tokens.issue(digest, stop)
    what = [{"id": q["Id"], "metric": q["MetricStat"]["Metric"].get("MetricName"),
             "reservation": next((d["Value"] for d in q["MetricStat"]["Metric"].get("Dimensions") or []
                                  if d["Name"] == history.DIMENSION), None)} for q in queries]
    return out, what


def body(result: dict) -> bytes:
    return json.dumps(result).encode()


def utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)
