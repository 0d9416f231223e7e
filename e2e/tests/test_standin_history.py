"""CloudWatch GetMetricData and EC2 Capacity Manager in the stand-in, against history.py's numbers."""

import json
import time
import urllib.request
from datetime import datetime, timezone

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.credentials import Credentials
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from e2e.standin import data, history
from e2e.standin.models import service_model
from e2e.standin.validation import output_problems
from e2e.support.awsclient import Prepared, build, call, send, sign

CM_DATA = "GetCapacityManagerMetricData"
CM_DIMS = "GetCapacityManagerMetricDimensions"
CM_ATTRS = "GetCapacityManagerAttributes"
WEB = data.reservation_id("use1-web-m5")


def _hour_ago(hours=1):
    return int(time.time()) // 3600 * 3600 - hours * 3600


def _cw_request(url, params, creds, region="us-east-1", secret=None):
    op = service_model("monitoring").operation_model("GetMetricData")
    raw = params.pop("__raw__", None) if isinstance(params, dict) else None
    rd = create_serializer("json", include_validation=False).serialize_to_request(params, op)
    if raw is not None:  # exactly this JSON body (what botocore would refuse to serialise)
        rd["body"] = json.dumps(raw).encode()
    prepare_request_dict(rd, endpoint_url=url)
    req = create_request_object(rd)
    SigV4Auth(Credentials(creds.access_key, secret or creds.secret_key, creds.session_token), "monitoring",
              region).add_auth(req)
    p = req.prepare()
    body = p.body or b""
    return Prepared(p.method, p.url, dict(p.headers.items()), body.encode() if isinstance(body, str) else body)


def _cw(standin, creds, params, **kw):
    """Serialised as botocore's JSON 1.0 client does (x-amz-target, x-amzn-query-mode), parsed by it."""
    sent = send(_cw_request(standin.url, params, creds, **kw))
    op = service_model("monitoring").operation_model("GetMetricData")
    parsed = create_parser("json").parse({"status_code": sent.status, "headers": sent.headers, "body": sent.body},
                                         op.output_shape if sent.status < 300 else None)
    return sent, parsed


def _q(qid, rid, metric="InstanceUtilization", period=3600, stat="Average", **extra):
    return {"Id": qid, "MetricStat": {"Metric": {"Namespace": history.NAMESPACE, "MetricName": metric,
                                                 "Dimensions": [{"Name": history.DIMENSION, "Value": rid}]},
                                      "Period": period, "Stat": stat}, **extra}


def _epochs(ts):
    return [int(t.timestamp()) for t in ts]


# ---------------------------------------------------------------- CloudWatch


def test_get_metric_data_equals_history_in_query_order(standin, creds):
    start, end = _hour_ago(24), _hour_ago(1)
    queries = [_q("util", data.SHARED_RESERVATION_ID), _q("used", WEB, "UsedInstanceCount", 300, "Maximum"),
               _q("avail", WEB, "AvailableInstanceCount", 3600, "Sum"), _q("tot", WEB, "TotalInstanceCount", 3600, "SampleCount"),
               _q("mn", data.SHARED_RESERVATION_ID, stat="Minimum")]
    sent, parsed = _cw(standin, creds, {"MetricDataQueries": queries, "StartTime": start, "EndTime": end,
                                        "ScanBy": "TimestampAscending"})
    assert sent.status == 200, sent.body
    assert sent.headers["content-type"] == "application/x-amz-json-1.0"
    assert isinstance(json.loads(sent.body)["MetricDataResults"][0]["Timestamps"][0], int)  # epoch seconds
    problems = output_problems(json.loads(sent.body), service_model("monitoring").operation_model("GetMetricData").output_shape)
    assert [p for p in problems if "no check for timestamp" not in p] == []  # timestamps: botocore parsed them above
    results = parsed["MetricDataResults"]
    assert [r["Id"] for r in results] == [q["Id"] for q in queries]
    for q, r in zip(queries, results):
        ms = q["MetricStat"]
        expected = history.cw_datapoints(ms["Metric"]["Dimensions"][0]["Value"], ms["Metric"]["MetricName"],
                                         start, end, ms["Period"], ms["Stat"])
        assert expected and list(zip(_epochs(r["Timestamps"]), r["Values"])) == expected
        assert r["StatusCode"] == "Complete" and r["Label"] == ms["Metric"]["MetricName"]
    assert len(results[1]["Values"]) == 23 * 12 and all(v == 12 for v in results[3]["Values"])
    assert all(0 <= v <= 100 for v in results[0]["Values"])
    entry = standin.log()[-1]
    assert entry["service"] == "monitoring" and entry["operation"] == "GetMetricData"
    assert entry["signature"]["valid"] and entry["validation"]["valid"] and entry["status"] == 200
    assert [a["reservation"] for a in entry["asked"]] == [data.SHARED_RESERVATION_ID] + [WEB] * 3 + [data.SHARED_RESERVATION_ID]
    assert [a["metric"] for a in entry["asked"]][:2] == ["InstanceUtilization", "UsedInstanceCount"]


def test_default_scan_is_timestamp_descending_and_used_total_agree(standin, creds):
    start, end = _hour_ago(3), _hour_ago(1)
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("u", WEB, "UsedInstanceCount", 300, "Average"),
                                                           _q("t", WEB, "TotalInstanceCount", 300, "Average")],
                                     "StartTime": start, "EndTime": end})
    u, t = parsed["MetricDataResults"]
    ts = _epochs(u["Timestamps"])
    assert ts == sorted(ts, reverse=True) and len(ts) == 24
    assert u["Values"] == [history.used(WEB, x) for x in ts]
    assert t["Values"] == [history.total(WEB, x) for x in ts] == [10.0] * 24


def test_unknown_reservation_metric_or_other_region_answer_empty_series(standin, creds):
    start, end = _hour_ago(3), _hour_ago(1)
    queries = [_q("a", "cr-00000000000000000"), _q("b", WEB, "CPUUtilization"), _q("c", data.INTERRUPTIBLE_SOURCE_ID)]
    _, parsed = _cw(standin, creds, {"MetricDataQueries": queries, "StartTime": start, "EndTime": end})
    assert [r["Values"] for r in parsed["MetricDataResults"]] == [[], [], []]
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("c", data.INTERRUPTIBLE_SOURCE_ID)], "StartTime": start,
                                     "EndTime": end}, region="eu-west-1")
    assert len(parsed["MetricDataResults"][0]["Values"]) == 2


def test_retention_hides_old_data_at_short_periods(standin, creds):
    start = _hour_ago(24 * 20)
    end = start + 3 * 3600
    values = {}
    for period in (60, 300, 3600):
        _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("m", WEB, period=period)], "StartTime": start, "EndTime": end})
        values[period] = parsed["MetricDataResults"][0]["Values"]
        assert values[period] == [v for _, v in history.cw_datapoints(WEB, "InstanceUtilization", start, end, period, "Average")][::-1]
    assert values[60] == [] and len(values[300]) == 36 and len(values[3600]) == 3
    old = _hour_ago(24 * 100)
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("m", WEB, period=300), _q("n", WEB)], "StartTime": old, "EndTime": old + 7200})
    assert [len(r["Values"]) for r in parsed["MetricDataResults"]] == [0, 2]
    recent = _hour_ago(2)
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("m", WEB, period=60)], "StartTime": recent, "EndTime": recent + 3600})
    assert len(parsed["MetricDataResults"][0]["Values"]) == 12  # one per 5-minute native sample


def test_pagination_cuts_series_and_pages_add_up(standin, creds):
    standin.scenario(cw_page_datapoints=10)
    start, end = _hour_ago(13), _hour_ago(1)
    queries = [_q("a", WEB), _q("b", data.SHARED_RESERVATION_ID), _q("c", WEB, "UsedInstanceCount", stat="Sum")]
    params = {"MetricDataQueries": queries, "StartTime": start, "EndTime": end}
    merged, statuses, token, pages = {q["Id"]: [] for q in queries}, [], None, 0
    while True:
        sent, parsed = _cw(standin, creds, dict(params, **({"NextToken": token} if token else {})))
        assert sent.status == 200, sent.body
        pages += 1
        assert [r["Id"] for r in parsed["MetricDataResults"]] == ["a", "b", "c"]
        assert sum(len(r["Values"]) for r in parsed["MetricDataResults"]) <= 10
        for r in parsed["MetricDataResults"]:
            merged[r["Id"]] += list(zip(_epochs(r["Timestamps"]), r["Values"]))
        statuses.append([r["StatusCode"] for r in parsed["MetricDataResults"]])
        token = parsed.get("NextToken")
        if not token:
            break
    assert pages == 4  # 36 datapoints at 10 a page
    assert statuses[0] == ["PartialData", "PartialData", "PartialData"] and statuses[1] == ["Complete", "PartialData", "PartialData"]
    assert statuses[-1] == ["Complete"] * 3
    for q in queries:
        ms = q["MetricStat"]
        expected = history.cw_datapoints(ms["Metric"]["Dimensions"][0]["Value"], ms["Metric"]["MetricName"], start, end,
                                         ms["Period"], ms["Stat"])
        assert merged[q["Id"]] == expected[::-1]
    # MaxDatapoints lowers the page too; a token for another query, or a forged one, is refused.
    _, parsed = _cw(standin, creds, dict(params, MaxDatapoints=5))
    assert sum(len(r["Values"]) for r in parsed["MetricDataResults"]) == 5
    first_token = parsed["NextToken"]
    for bad in (first_token[:-2] + "xx", "not-a-token"):
        sent, parsed = _cw(standin, creds, dict(params, NextToken=bad))
        assert sent.status == 400 and parsed["Error"]["Code"] == "InvalidNextToken"
    sent, parsed = _cw(standin, creds, dict(params, StartTime=start - 3600, NextToken=first_token))
    assert parsed["Error"]["Code"] == "InvalidNextToken"


def _cw_error(standin, creds, params):
    sent, parsed = _cw(standin, creds, params)
    assert sent.headers["x-amzn-query-error"].endswith(";Sender")
    body = json.loads(sent.body)
    assert set(body) == {"__type", "message"} and body["message"] == parsed["Error"]["Message"]
    return sent.status, parsed["Error"]["Code"], parsed["Error"]["Message"]


@pytest.mark.parametrize("change, code, words", [
    (lambda p: p.pop("StartTime"), "MissingParameter", "StartTime is required"),
    (lambda p: p.pop("MetricDataQueries"), "MissingParameter", "MetricDataQueries is required"),
    (lambda p: p.update(MetricDataQueries=[]), "InvalidParameterValue", "at least 1"),
    (lambda p: p.update(MetricDataQueries=[_q(f"q{i}", WEB) for i in range(501)]), "LimitExceeded", "500"),
    (lambda p: p.update(EndTime=p["StartTime"]), "InvalidParameterValue", "StartTime must be less than"),
    (lambda p: p["MetricDataQueries"].append(_q("m1", WEB)), "InvalidParameterValue", "not unique"),
    (lambda p: p["MetricDataQueries"][0].update(Id="M1"), "InvalidParameterValue", "lowercase letter"),
    (lambda p: p["MetricDataQueries"][0].update(Id="m-1"), "InvalidParameterValue", "underscores"),
    (lambda p: p["MetricDataQueries"][0].update(Expression="m1*2"), "InvalidParameterCombination", "Exactly one"),
    (lambda p: p["MetricDataQueries"].__setitem__(0, {"Id": "e1"}), "InvalidParameterCombination", "Exactly one"),
    (lambda p: p["MetricDataQueries"].__setitem__(0, {"Id": "e1", "Expression": "SUM(METRICS())"}),
     "InvalidParameterValue", "not supported by the stand-in"),
    (lambda p: p["MetricDataQueries"][0]["MetricStat"].update(Period=90), "InvalidParameterValue", "multiple of 60"),
    (lambda p: p["MetricDataQueries"][0]["MetricStat"].update(Stat="p99"), "InvalidParameterValue", "not supported by the stand-in"),
    (lambda p: p["MetricDataQueries"][0]["MetricStat"].update(Period=0), "ValidationError", "greater than or equal to 1"),
    (lambda p: p.update(ScanBy="Sideways"), "ValidationError", "enum value set"),
    (lambda p: p.update(__raw__=dict(p, StartTime=p["StartTime"], Bogus=1)), "ValidationError", "not a known member"),
    (lambda p: p.update(__raw__=dict(p, StartTime="yesterday")), "InvalidParameterValue", "must be a timestamp"),
    (lambda p: p.update(__raw__=dict(p, MetricDataQueries="m1")), "SerializationException", "Expected a list"),
])
def test_get_metric_data_validation(standin, creds, change, code, words):
    params = {"MetricDataQueries": [_q("m1", WEB)], "StartTime": _hour_ago(3), "EndTime": _hour_ago(1)}
    change(params)
    status, got, message = _cw_error(standin, creds, params)
    assert (status, got) == (400, code) and words in message
    entry = standin.log()[-1]
    assert entry["signature"]["valid"] and not entry["validation"]["valid"] and entry["code"] == code


def test_throttle_denial_and_signature_errors(standin, creds):
    params = {"MetricDataQueries": [_q("m1", WEB)], "StartTime": _hour_ago(3), "EndTime": _hour_ago(1)}
    standin.scenario(throttle={"count": 1, "service": "monitoring"})
    call(standin.url, "ec2", "DescribeCapacityReservations", {}, creds)  # another service's call: not throttled
    assert _cw_error(standin, creds, params)[:2] == (400, "Throttling")
    assert _cw(standin, creds, params)[0].status == 200
    standin.scenario(denied_actions=["cloudwatch:GetMetricData"])
    status, code, message = _cw_error(standin, creds, params)
    assert (status, code) == (403, "AccessDenied") and "cloudwatch:GetMetricData" in message and creds.arn in message
    standin.scenario(denied_actions=[])
    sent = send(_cw_request(standin.url, params, creds, secret="wrong" * 8))
    assert sent.status == 403 and sent.headers["x-amzn-query-error"] == "SignatureDoesNotMatch;Sender"
    assert standin.log()[-1]["signature"]["valid"] is False


def test_cors_preflight_and_exposed_headers(standin, creds):
    req = urllib.request.Request(standin.url + "/", method="OPTIONS", headers={
        "Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-amz-target,x-amzn-query-mode"})
    with urllib.request.urlopen(req) as resp:
        allowed = resp.headers["Access-Control-Allow-Headers"]
    assert "x-amz-target" in allowed and "x-amzn-query-mode" in allowed
    sent, _ = _cw(standin, creds, {"MetricDataQueries": [_q("m1", WEB)], "StartTime": _hour_ago(3), "EndTime": _hour_ago(1)})
    exposed = sent.headers["access-control-expose-headers"].lower()
    assert "x-amzn-requestid" in exposed and "x-amzn-query-error" in exposed


def test_idle_and_underused_reservations(standin, creds):
    start, end = _hour_ago(48), _hour_ago(1)
    _, parsed = call(standin.url, "ec2", "DescribeCapacityReservations", {}, creds)
    ids = {r["CapacityReservationId"] for r in parsed["CapacityReservations"]}
    assert history.IDLE_RESERVATION_ID not in ids
    standin.scenario(idle_reservations=True)
    _, parsed = call(standin.url, "ec2", "DescribeCapacityReservations", {}, creds)
    ids = {r["CapacityReservationId"] for r in parsed["CapacityReservations"]}
    assert {history.IDLE_RESERVATION_ID, history.UNDERUSED_RESERVATION_ID} <= ids
    idle = history.reservation_summary(history.IDLE_RESERVATION_ID, start, end, 3600)
    under = history.reservation_summary(history.UNDERUSED_RESERVATION_ID, start, end, 3600)
    busy = history.reservation_summary(WEB, start, end, 3600)
    assert idle["idle"] and not idle["underused"] and idle["average_utilization"] == 0
    assert idle["unused_instance_hours"] == 4 * 47
    assert under["underused"] and not under["idle"] and under["average_utilization"] == pytest.approx(10)
    assert not busy["idle"] and not busy["underused"]
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("i", history.IDLE_RESERVATION_ID, stat="Maximum"),
                                                           _q("u", history.UNDERUSED_RESERVATION_ID)],
                                     "StartTime": start, "EndTime": end})
    i, u = parsed["MetricDataResults"]
    assert len(i["Values"]) == 47 and set(i["Values"]) == {0.0} and set(u["Values"]) == {10.0}


def test_six_hundred_reservations_page_and_are_known_to_cloudwatch(standin, creds):
    standin.scenario(extra_reservations=589)
    pages, token = [], None
    while True:
        _, parsed = call(standin.url, "ec2", "DescribeCapacityReservations",
                         dict({"MaxResults": 250}, **({"NextToken": token} if token else {})), creds)
        pages.append(parsed["CapacityReservations"])
        token = parsed.get("NextToken")
        if not token:
            break
    ids = [r["CapacityReservationId"] for p in pages for r in p]
    assert [len(p) for p in pages] == [250, 250, 95] and len(set(ids)) == 595  # 6 seeded us-east-1 + 589
    _, parsed = call(standin.url, "ec2", "DescribeCapacityReservations", {}, creds)
    assert len(parsed["CapacityReservations"]) == 595 and "NextToken" not in parsed
    last = history.extra_reservations(589)[-1].id
    start, end = _hour_ago(3), _hour_ago(1)
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("x", last)], "StartTime": start, "EndTime": end})
    assert [v for _, v in history.cw_datapoints(last, "InstanceUtilization", start, end, 3600, "Average")][::-1] == \
        parsed["MetricDataResults"][0]["Values"] != []
    _, parsed = call(standin.url, "ec2", "GetCapacityReservationUsage", {"CapacityReservationId": last}, creds)
    assert parsed["CapacityReservationId"] == last
    standin.scenario(extra_reservations=0)
    _, parsed = _cw(standin, creds, {"MetricDataQueries": [_q("x", last)], "StartTime": start, "EndTime": end})
    assert parsed["MetricDataResults"][0]["Values"] == []


# ---------------------------------------------------------------- Capacity Manager


def _iso(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc)


def _cm(standin, creds, op, params, region="us-east-1"):
    return call(standin.url, "ec2", op, params, creds, region=region, validate=False)


def _enable(standin, **cm):
    standin.scenario(capacity_manager=dict({"status": "enabled"}, **cm))


def _all_rows(standin, creds, params, key="MetricDataResults", op=CM_DATA):
    rows, token, pages = [], None, 0
    while True:
        sent, parsed = _cm(standin, creds, op, dict(params, **({"NextToken": token} if token else {})))
        assert sent.status == 200, sent.body
        rows += parsed[key]
        pages += 1
        token = parsed.get("NextToken")
        if not token:
            return rows, pages


def test_capacity_manager_disabled_by_default(standin, creds):
    _, parsed = _cm(standin, creds, CM_ATTRS, {})
    assert parsed["CapacityManagerStatus"] == "disabled" and parsed["OrganizationsAccess"] is False
    start = _hour_ago(3)
    for op, extra in ((CM_DATA, {"Period": 3600}), (CM_DIMS, {"GroupBy": ["account-id"]})):
        sent, parsed = _cm(standin, creds, op, dict({"MetricNames": ["reservation-total-count"],
                                                     "StartTime": _iso(start), "EndTime": _iso(start + 3600)}, **extra))
        assert sent.status == 400 and parsed["Error"]["Code"] == "CapacityManagerNotEnabled"


def test_attributes_enabled_and_ingesting(standin, creds):
    _enable(standin, organizations_access=True)
    _, parsed = _cm(standin, creds, CM_ATTRS, {})
    latest = _hour_ago(1)
    assert parsed["CapacityManagerStatus"] == "enabled" and parsed["OrganizationsAccess"] is True
    assert parsed["IngestionStatus"] == "ingestion-complete"
    assert int(parsed["LatestDatapointTimestamp"].timestamp()) == latest
    assert int(parsed["EarliestDatapointTimestamp"].timestamp()) == latest - history.CM_HISTORY_DAYS * 86400
    expected = history.cm_attributes(status="enabled", organizations=True)
    assert expected["LatestDatapointTimestamp"] == parsed["LatestDatapointTimestamp"]
    _enable(standin, ingestion="in_progress")
    _, parsed = _cm(standin, creds, CM_ATTRS, {})
    assert parsed["IngestionStatus"] == "initial-ingestion-in-progress" and "LatestDatapointTimestamp" not in parsed
    sent, parsed = _cm(standin, creds, CM_DATA, {"MetricNames": ["reservation-total-count"], "Period": 3600,
                                                 "StartTime": _iso(latest - 3600), "EndTime": _iso(latest)})
    assert sent.status == 200 and parsed.get("MetricDataResults", []) == []
    _enable(standin, ingestion="failed")
    assert _cm(standin, creds, CM_ATTRS, {})[1]["IngestionStatus"] == "ingestion-failed"


METRICS = ["reservation-avg-utilization-inst", "reservation-min-utilization", "reservation-max-utilization",
           "reservation-total-capacity-hrs-inst", "reservation-unused-total-capacity-hrs-inst",
           "reservation-unused-total-estimated-cost", "reservation-total-count", "reserved-total-usage-hrs-inst",
           "reservation-total-estimated-cost", "spot-total-usage-hrs-inst"]


@pytest.mark.parametrize("organizations", [False, True])
def test_metric_data_per_account_equals_history(standin, creds, organizations):
    _enable(standin, organizations_access=organizations)
    start, end = _hour_ago(25), _hour_ago(1)
    params = {"MetricNames": METRICS, "Period": 86400, "StartTime": _iso(start), "EndTime": _iso(end),
              "GroupBy": ["account-id", "account-name"]}
    rows, _ = _all_rows(standin, creds, params)
    expected = history.account_figures(start, end, organizations)
    assert sorted(r["Dimension"]["AccountId"] for r in rows) == sorted(expected)
    assert len(expected) == (3 if organizations else 1)
    for r in rows:
        want = expected[r["Dimension"]["AccountId"]]
        assert r["Dimension"]["AccountName"] == want["account_name"]
        assert int(r["Timestamp"].timestamp()) == start
        assert [m["Metric"] for m in r["MetricValues"]] == METRICS
        for m in r["MetricValues"]:
            assert m["Value"] == pytest.approx(want[m["Metric"]]), m["Metric"]
    owner = expected[data.OWNER]
    assert 0 < owner["reservation-avg-utilization-inst"] < 100 and owner["spot-total-usage-hrs-inst"] == 0
    assert owner["reservation-unused-total-capacity-hrs-inst"] == pytest.approx(
        owner["reservation-total-capacity-hrs-inst"] - owner["reserved-total-usage-hrs-inst"])
    assert all(standin.log()[-1][k]["valid"] for k in ("signature", "validation"))


def test_metric_data_per_reservation_hourly_matches_cloudwatch_numbers(standin, creds):
    _enable(standin)
    start, end = _hour_ago(4), _hour_ago(1)
    params = {"MetricNames": ["reservation-avg-utilization-inst", "reservation-unused-total-capacity-hrs-inst"],
              "Period": 3600, "StartTime": _iso(start), "EndTime": _iso(end), "GroupBy": ["reservation-id", "instance-type"],
              "FilterBy": [{"DimensionCondition": {"Dimension": "reservation-id", "Comparison": "equals", "Values": [WEB]}}]}
    rows, _ = _all_rows(standin, creds, params)
    assert [int(r["Timestamp"].timestamp()) for r in rows] == [start, start + 3600, start + 7200]
    used = dict(history.cw_datapoints(WEB, "UsedInstanceCount", start, end, 3600, "Sum"))
    total = dict(history.cw_datapoints(WEB, "TotalInstanceCount", start, end, 3600, "Sum"))
    avail = dict(history.cw_datapoints(WEB, "AvailableInstanceCount", start, end, 3600, "Sum"))
    for r in rows:
        t = int(r["Timestamp"].timestamp())
        assert r["Dimension"] == {"ReservationId": WEB, "InstanceType": "m5.large"}
        util, unused = (m["Value"] for m in r["MetricValues"])
        assert util == pytest.approx(100 * used[t] / total[t]) and unused == pytest.approx(avail[t] / 12)


def test_metric_data_pages_and_end_is_cut_to_latest(standin, creds):
    _enable(standin, organizations_access=True)
    standin.scenario(cm_page_size=4)
    start = _hour_ago(6)
    params = {"MetricNames": ["reservation-total-count"], "Period": 3600, "StartTime": _iso(start),
              "EndTime": _iso(_hour_ago(-5)), "GroupBy": ["account-id"]}
    rows, pages = _all_rows(standin, creds, params)
    assert len(rows) == 6 * 3 and pages == 5  # 6 hours (cut at the latest hour's end) x 3 accounts
    assert max(int(r["Timestamp"].timestamp()) for r in rows) == _hour_ago(1)
    _, parsed = _cm(standin, creds, CM_DATA, dict(params, MaxResults=100))
    assert len(parsed["MetricDataResults"]) == 18 and "NextToken" not in parsed
    sent, parsed = _cm(standin, creds, CM_DATA, dict(params, NextToken="forged"))
    assert sent.status == 400 and parsed["Error"]["Code"] == "InvalidPaginationToken"


def test_metric_dimensions(standin, creds):
    _enable(standin, organizations_access=True)
    standin.scenario(cm_page_size=2)
    params = {"MetricNames": ["reservation-total-count"], "StartTime": _iso(_hour_ago(3)), "EndTime": _iso(_hour_ago(1)),
              "GroupBy": ["account-id", "resource-region"]}
    dims, pages = _all_rows(standin, creds, params, "MetricDimensionResults", CM_DIMS)
    got = {(d["AccountId"], d["ResourceRegion"]) for d in dims}
    assert got == {(data.OWNER, "us-east-1"), (data.OWNER, "eu-west-1"), ("210987654321", "us-east-1"),
                   ("210987654321", "eu-west-1"), ("333344445555", "us-east-1")}
    assert pages == 3


@pytest.mark.parametrize("change, words", [
    (lambda p: p.update(MetricNames=METRICS + ["reservation-max-size-inst"]), "at most 10"),
    (lambda p: p.update(Period=5400), "multiple of 3600"),
    (lambda p: p.update(StartTime=_iso(_hour_ago(5) + 60)), "on the hour"),
    (lambda p: p.update(EndTime=p["StartTime"]), "later than StartTime"),
    (lambda p: p.update(Period=7200, EndTime=_iso(_hour_ago(2))), "whole number of periods"),
    (lambda p: p.update(MaxResults=100001), "between 1 and 100000"),
    (lambda p: p.update(GroupBy=["account-id"] * 21), "20 GroupBy"),
])
def test_metric_data_rules(standin, creds, change, words):
    _enable(standin)
    params = {"MetricNames": ["reservation-total-count"], "Period": 3600, "StartTime": _iso(_hour_ago(5)),
              "EndTime": _iso(_hour_ago(1))}
    change(params)
    sent, parsed = _cm(standin, creds, CM_DATA, params)
    assert sent.status == 400 and parsed["Error"]["Code"] == "InvalidParameterValue" and words in parsed["Error"]["Message"]
    assert not standin.log()[-1]["validation"]["valid"]


def test_capacity_manager_model_checks_denial_throttle_and_region(standin, creds):
    _enable(standin)
    base = {"MetricNames": ["reservation-total-count"], "Period": 3600, "StartTime": _iso(_hour_ago(2)),
            "EndTime": _iso(_hour_ago(1))}
    sent, parsed = _cm(standin, creds, CM_DATA, dict(base, MetricNames=["no-such-metric"]))
    assert parsed["Error"]["Code"] == "InvalidParameterValue"
    sent, parsed = _cm(standin, creds, CM_DATA, {k: v for k, v in base.items() if k != "Period"})
    assert parsed["Error"]["Code"] == "MissingParameter"
    sent, parsed = _cm(standin, creds, CM_DATA, dict(base, Period=1800))
    assert parsed["Error"]["Code"] == "InvalidParameterValue"
    standin.scenario(denied_actions=["ec2:GetCapacityManagerMetricData"])
    sent, parsed = _cm(standin, creds, CM_DATA, base)
    assert sent.status == 403 and parsed["Error"]["Code"] == "UnauthorizedOperation"
    assert _cm(standin, creds, CM_ATTRS, {})[0].status == 200
    standin.scenario(denied_actions=[], throttle={"count": 1, "service": "ec2"})
    assert _cm(standin, creds, CM_DATA, base)[1]["Error"]["Code"] == "RequestLimitExceeded"
    sent, parsed = _cm(standin, creds, CM_DATA, base, region="eu-west-1")
    assert parsed["Error"]["Code"] == "CapacityManagerNotEnabled"
    sent, parsed = _cm(standin, creds, CM_ATTRS, {"DryRun": True})
    assert sent.status == 412 and parsed["Error"]["Code"] == "DryRunOperation"


def test_scenario_rejects_bad_switches(standin):
    for spec in ({"capacity_manager": {"status": "on"}}, {"capacity_manager": {"colour": 1}},
                 {"denied_actions": "cloudwatch:GetMetricData"}, {"cw_page_datapoints": -1}):
        with pytest.raises(ValueError):
            standin.scenario(**spec)
