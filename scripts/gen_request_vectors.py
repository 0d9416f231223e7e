#!/usr/bin/env python3
"""Writes tests/vectors/requests.json (signed requests exactly as botocore 1.44.5 builds them)
and tests/vectors/endpoints.json (where botocore sends each service from each region).

Run by hand with the e2e venv (botocore==1.44.5):

    /work/main/e2e/.venv/bin/python scripts/gen_request_vectors.py

Each vector is produced by a real botocore client (its serializer from the service model, its
endpoint resolution, `botocore.auth.SigV4Auth`) at a fixed time. The request is captured in the
`before-send` event and never leaves the process.

What we change in botocore's request, and why:
- botocore sends four headers it does not sign: `User-Agent` (SIGNED_HEADERS_BLACKLIST),
  `Content-Length` (added when the request is prepared), `amz-sdk-invocation-id` and
  `amz-sdk-request` (retry bookkeeping with a random UUID). The vectors keep only the signed
  headers and `Authorization`, the set our signer produces; the script asserts nothing else
  was dropped. A `before-sign` hook also removes the two `amz-sdk-*` headers in case a botocore
  version adds them before signing.
- AWS-compatible override vectors use a client whose region is the service's signing region
  (us-east-1 for Cost Explorer): our overrides keep the signing region, botocore's
  --endpoint-url signs for the client's region.
- Pass-through proxy vectors are the default-endpoint request (signed for AWS's host) with the
  URL it is sent to replaced by the proxy's: that is what a pass-through proxy means.

The Rust tests (tests/requests.rs) rebuild each request with our builders and compare the body,
URL, headers, canonical request, string to sign and Authorization byte for byte.
"""

import datetime
import json
import pathlib
import sys
from unittest import mock

import botocore
import botocore.auth
import botocore.session
from botocore.config import Config

assert botocore.__version__ == "1.44.5", botocore.__version__

FIXED_TIME = datetime.datetime(2026, 3, 14, 15, 9, 26)
AKIA = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", None)
ASIA = (
    "ASIAIOSFODNN7EXAMPLE",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRhAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
)
CREDS = {"long-term": AKIA, "session": ASIA}
AWS_COMPATIBLE_URL = "http://127.0.0.1:4566/base"
PROXY_URL = "https://proxy.example.test:8443/aws"

# Inputs per operation, each a dict as a boto3 user would pass it.
EC2_USAGE = [
    {"CapacityReservationId": "cr-0123456789abcdef0"},
    {"CapacityReservationId": "cr-0123456789abcdef0", "NextToken": "tok1", "MaxResults": 50, "DryRun": True},
    {"CapacityReservationId": "cr-1", "MaxResults": 1, "DryRun": False},
    {"CapacityReservationId": "cr-1", "MaxResults": 1000},
    {"CapacityReservationId": "cr-1", "NextToken": "abc&def=ghi+jkl/mno %~*'!()"},
    {"CapacityReservationId": "cr-1", "NextToken": "tök€n-日本-😀"},
    {"CapacityReservationId": "cr-00000000000000001", "NextToken": "AAAAB3NzaC1yc2EAAAADAQABAAABAQC7+/=="},
    {"CapacityReservationId": "cr-2", "DryRun": True},
]
EC2_DESCRIBE = [
    {},
    {"CapacityReservationIds": ["cr-0123456789abcdef0"]},
    {"CapacityReservationIds": ["cr-1", "cr-2", "cr-3"]},
    {"Filters": [{"Name": "state", "Values": ["active"]}]},
    {"Filters": [{"Name": "state", "Values": ["active", "pending", "expired"]},
                 {"Name": "instance-type", "Values": ["m5.large"]}]},
    {"CapacityReservationIds": ["cr-1", "cr-2"], "NextToken": "n&t=1", "MaxResults": 5,
     "Filters": [{"Name": "tag:Team", "Values": ["a b", "c+d"]}], "DryRun": True},
    {"Filters": [{"Name": "tag:Équipe", "Values": ["plateforme/€", "%2F*~", "日本"]}]},
    {"Filters": [{"Name": "availability-zone", "Values": []}]},
    {"MaxResults": 1000, "DryRun": False},
    {"CapacityReservationIds": []},
]
STS_IDENTITY = [{}]
TP = {"Start": "2026-01-01", "End": "2026-03-01"}
CE_COVERAGE = [
    {"TimePeriod": TP},
    {"TimePeriod": TP, "Granularity": "MONTHLY", "Metrics": ["Hour"]},
    {"TimePeriod": TP, "GroupBy": [{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"},
                                   {"Type": "DIMENSION", "Key": "REGION"}]},
    {"TimePeriod": TP, "Filter": {"And": [
        {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Elastic Compute Cloud - Compute"]}},
        {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1", "us-east-1"], "MatchOptions": ["EQUALS"]}},
    ]}},
    {"TimePeriod": TP, "Filter": {"Tags": {"Key": "Équipe", "Values": ["plateforme & co", "a/b=c+d %~*", "日本😀"],
                                           "MatchOptions": ["EQUALS", "CASE_SENSITIVE"]}}},
    {"TimePeriod": TP, "Filter": {"Or": [
        {"Not": {"CostCategories": {"Key": "Team", "Values": ["x"]}}},
        {"ProductAttributes": {"Key": "instanceType", "Values": ["m5.large"]}},
        {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["123456789012"]}},
    ]}},
    {"TimePeriod": TP, "SortBy": {"Key": "CoverageHoursPercentage", "SortOrder": "DESCENDING"},
     "MaxResults": 20, "NextPageToken": "tok+/=&\"\\\n\t\u007f€"},
    {"TimePeriod": {"Start": "2025-12-01T00:00:00Z", "End": "2026-01-01T00:00:00Z"},
     "GroupBy": [{"Type": "TAG", "Key": "Team"}], "Granularity": "DAILY",
     "Filter": {"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.large", "c6g.xlarge"]}},
     "Metrics": ["Hour", "Unit", "Cost"], "NextPageToken": "p2",
     "SortBy": {"Key": "OnDemandCost"}, "MaxResults": 1},
    {"TimePeriod": TP, "GroupBy": [], "Metrics": []},
    {"TimePeriod": TP, "Granularity": "HOURLY", "GroupBy": [{"Type": "COST_CATEGORY", "Key": "Env"}, {"Key": "AZ"}]},
]
CE_DIMENSIONS = [
    {"TimePeriod": TP, "Dimension": "INSTANCE_TYPE"},
    {"SearchString": "m5 ä €", "TimePeriod": TP, "Dimension": "REGION", "Context": "RESERVATIONS"},
    {"TimePeriod": TP, "Dimension": "PRODUCT_ATTRIBUTE", "DimensionKey": "instanceFamily"},
    {"TimePeriod": TP, "Dimension": "LINKED_ACCOUNT",
     "Filter": {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Elastic Compute Cloud - Compute"]}}},
    {"TimePeriod": TP, "Dimension": "AZ", "SortBy": [{"Key": "BlendedCost", "SortOrder": "ASCENDING"},
                                                     {"Key": "UsageQuantity"}]},
    {"TimePeriod": TP, "Dimension": "SERVICE",
     "BillingViewArn": "arn:aws:billing::123456789012:billingview/primary", "MaxResults": 100,
     "NextPageToken": "AAEA+/9=="},
    {"SearchString": "a\"b\\c\n\t\u001f\u007f/", "TimePeriod": TP, "Dimension": "OPERATING_SYSTEM",
     "DimensionKey": "k", "Context": "COST_AND_USAGE",
     "Filter": {"Not": {"Tags": {"Key": "k", "MatchOptions": ["ABSENT"]}}},
     "SortBy": [], "BillingViewArn": "arn:aws:billing::123456789012:billingview/custom-1",
     "MaxResults": 1, "NextPageToken": "n"},
    {"TimePeriod": TP, "Dimension": "SAVINGS_PLAN_ARN", "Context": "SAVINGS_PLANS"},
]
# GetReservationUtilization, GetSavingsPlansCoverage, GetSavingsPlansUtilization: every member
# set at least once, a minimal input first, non-ASCII in a filter value, a token on the paged
# ones. Never HOURLY, nor GroupBy with Granularity: the docs rule them out and our builders
# refuse them (core/src/aws/ce/request.rs).
CE_RI_UTILIZATION = [
    {"TimePeriod": TP},
    {"TimePeriod": TP, "Granularity": "MONTHLY"},
    {"TimePeriod": TP, "GroupBy": [{"Type": "DIMENSION", "Key": "SUBSCRIPTION_ID"}]},
    {"TimePeriod": TP, "Filter": {"And": [
        {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Relational Database Service"]}},
        {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1", "us-east-1"]}},
    ]}},
    {"TimePeriod": TP, "Filter": {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["Équipe €", "日本😀", "a/b=c+d %~*"],
                                                 "MatchOptions": ["EQUALS"]}}},
    {"TimePeriod": TP, "SortBy": {"Key": "UtilizationPercentage", "SortOrder": "DESCENDING"},
     "NextPageToken": "AAMA+/=&\"\\\n\t\u007f€", "MaxResults": 20},
    {"TimePeriod": {"Start": "2025-12-01T00:00:00Z", "End": "2026-01-01T00:00:00Z"}, "Granularity": "DAILY",
     "Filter": {"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.large", "db.r6g.xlarge"]}},
     "SortBy": {"Key": "NetRISavings"}, "NextPageToken": "p2", "MaxResults": 1},
    {"TimePeriod": TP, "GroupBy": [{"Type": "DIMENSION", "Key": "SUBSCRIPTION_ID"}, {"Key": "REGION"}],
     "Filter": {"Tags": {"Key": "Team", "Values": ["plateforme & co"]}}, "SortBy": {"Key": "UnusedHours", "SortOrder": "ASCENDING"},
     "NextPageToken": "n", "MaxResults": 1000},
    {"TimePeriod": TP, "GroupBy": []},
]
CE_SP_COVERAGE = [
    {"TimePeriod": TP},
    {"TimePeriod": TP, "Granularity": "MONTHLY", "Metrics": ["SpendCoveredBySavingsPlans"]},
    {"TimePeriod": TP, "GroupBy": [{"Type": "DIMENSION", "Key": "INSTANCE_FAMILY"},
                                   {"Type": "DIMENSION", "Key": "REGION"}]},
    {"TimePeriod": TP, "Filter": {"And": [
        {"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Elastic Compute Cloud - Compute", "AWS Lambda"]}},
        {"CostCategories": {"Key": "Équipe", "Values": ["plateforme/€", "日本😀"], "MatchOptions": ["EQUALS"]}},
    ]}},
    {"TimePeriod": TP, "SortBy": {"Key": "CoveragePercentage", "SortOrder": "ASCENDING"},
     "NextToken": "tok+/=&\"\\\n\t\u007f€", "MaxResults": 20},
    {"TimePeriod": {"Start": "2025-12-01T00:00:00Z", "End": "2026-01-01T00:00:00Z"}, "Granularity": "DAILY",
     "Filter": {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}, "Metrics": ["SpendCoveredBySavingsPlans"],
     "NextToken": "p2", "MaxResults": 1, "SortBy": {"Key": "OnDemandCost"}},
    {"TimePeriod": TP, "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}],
     "Filter": {"Not": {"Dimensions": {"Key": "LINKED_ACCOUNT", "Values": ["123456789012"]}}},
     "Metrics": [], "NextToken": "n", "MaxResults": 1000, "SortBy": {"Key": "TotalCost", "SortOrder": "DESCENDING"}},
    {"TimePeriod": TP, "Filter": {"Tags": {"Key": "k", "MatchOptions": ["ABSENT"]}}},
]
CE_SP_UTILIZATION = [
    {"TimePeriod": TP},
    {"TimePeriod": TP, "Granularity": "MONTHLY"},
    {"TimePeriod": TP, "Granularity": "DAILY", "Filter": {"Dimensions": {"Key": "SAVINGS_PLANS_TYPE",
                                                                           "Values": ["COMPUTE_SP", "EC2_INSTANCE_SP"]}}},
    {"TimePeriod": TP, "Filter": {"Dimensions": {"Key": "SAVINGS_PLAN_ARN",
                                                 "Values": ["arn:aws:savingsplans::123456789012:savingsplan/é€日本😀"]}}},
    {"TimePeriod": TP, "SortBy": {"Key": "UtilizationPercentage", "SortOrder": "DESCENDING"}},
    {"TimePeriod": {"Start": "2025-12-01T00:00:00Z", "End": "2026-01-01T00:00:00Z"}, "Granularity": "DAILY",
     "Filter": {"And": [
         {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1", "us-east-1"]}},
         {"Dimensions": {"Key": "PAYMENT_OPTION", "Values": ["All Upfront"]}},
     ]}, "SortBy": {"Key": "NetSavings"}},
    {"TimePeriod": TP, "Granularity": "MONTHLY", "Filter": {"Tags": {"Key": "a\"b\\c\n\t\u001f\u007f/",
                                                                    "Values": ["x y", "z"]}},
     "SortBy": {"Key": "UnusedCommitment", "SortOrder": "ASCENDING"}},
    {"TimePeriod": TP, "Filter": {"CostCategories": {"Key": "Env", "Values": ["prod"]}}},
]
# Capacity Manager: every member set at least once. Timestamps are given as ISO 8601 text (a
# boto3 user may pass text or datetimes; botocore serializes both the same way). Only inputs our
# builders accept: 1-10 metrics (1 for dimensions), Period a whole number of hours, the range a
# whole number of periods.
CM_START, CM_END = "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"
CM_ATTRIBUTES = [{}, {"DryRun": True}, {"DryRun": False}]
CM_CONDITIONS = [
    {"DimensionCondition": {"Dimension": "resource-region", "Comparison": "in",
                            "Values": ["eu-west-1", "us-east-1", "ap-northeast-1"]}},
    {"DimensionCondition": {"Dimension": "instance-family", "Comparison": "equals", "Values": ["m5"]}},
    {"DimensionCondition": {"Dimension": "account-name", "Comparison": "in",
                            "Values": ["Équipe plateforme & co", "日本😀", "a/b=c+d %~*"]}},
]
CM_METRIC_DATA = [
    {"MetricNames": ["reservation-avg-utilization-inst"], "StartTime": CM_START, "EndTime": CM_END,
     "Period": 3600},
    {"MetricNames": ["reservation-total-capacity-hrs-vcpu", "reservation-unused-total-capacity-hrs-vcpu",
                     "reservation-unused-total-estimated-cost"],
     "StartTime": CM_START, "EndTime": CM_END, "Period": 86400,
     "GroupBy": ["resource-region", "instance-type"], "MaxResults": 500, "NextToken": "tok+/=&\"€", "DryRun": True},
    {"MetricNames": ["spot-total-usage-hrs-inst"], "StartTime": "2026-02-01T00:00:00Z",
     "EndTime": "2026-03-01T00:00:00Z", "Period": 604800, "FilterBy": CM_CONDITIONS},
    {"MetricNames": ["reservation-max-utilization", "reservation-min-utilization", "reservation-avg-utilization-vcpu",
                     "reservation-total-count", "reservation-total-estimated-cost", "reserved-total-usage-hrs-vcpu",
                     "unreserved-total-usage-hrs-vcpu", "spot-total-count-inst", "capacity-request-fulfillment-rate",
                     "spot-inst-az-fulfillment-rate"],
     "StartTime": CM_START, "EndTime": CM_END, "Period": 3600,
     "GroupBy": ["resource-region", "availability-zone-id", "account-id", "account-name", "instance-family",
                 "instance-type", "instance-platform", "reservation-arn", "reservation-id", "reservation-type",
                 "reservation-create-timestamp", "reservation-start-timestamp", "reservation-end-timestamp",
                 "reservation-end-date-type", "tenancy", "reservation-state",
                 "reservation-instance-match-criteria", "reservation-unused-financial-owner"],
     "FilterBy": [CM_CONDITIONS[0]], "MaxResults": 100000, "DryRun": False},
    {"MetricNames": ["reservation-avg-utilization-inst"], "StartTime": "2026-03-01T00:30:00.250000Z",
     "EndTime": "2026-03-01T02:30:00.250000Z", "Period": 3600, "MaxResults": 1, "NextToken": "n"},
    {"MetricNames": ["reservation-avg-utilization-inst"], "StartTime": "2026-03-01T01:00:00+01:00",
     "EndTime": CM_END, "Period": 3600, "GroupBy": [], "FilterBy": []},
    {"MetricNames": ["reservation-avg-utilization-inst"], "StartTime": CM_START, "EndTime": CM_END,
     "Period": 3600, "FilterBy": [{"DimensionCondition": {"Dimension": "reservation-state", "Comparison": "in",
                                                          "Values": ["active", "expired"]}}],
     "NextToken": "AAEA+/9=="},
    {"MetricNames": ["inst-az-fulfillment-rate"], "StartTime": CM_START, "EndTime": CM_END, "Period": 7200,
     "GroupBy": ["account-id"], "DryRun": True},
]
CM_DIMENSIONS = [
    {"GroupBy": ["resource-region"], "StartTime": CM_START, "EndTime": CM_END,
     "MetricNames": ["reservation-avg-utilization-inst"]},
    {"GroupBy": ["account-id", "account-name", "instance-type"], "FilterBy": CM_CONDITIONS,
     "StartTime": CM_START, "EndTime": CM_END, "MetricNames": ["reservation-total-capacity-hrs-inst"],
     "MaxResults": 1000, "NextToken": "tok+/=&\"€", "DryRun": True},
    {"GroupBy": ["reservation-id"], "StartTime": "2026-01-01T00:00:00Z", "EndTime": "2026-03-01T00:00:00Z",
     "MetricNames": ["spot-total-count-vcpu"], "MaxResults": 1},
    {"GroupBy": ["resource-region", "availability-zone-id", "account-id", "account-name", "instance-family",
                 "instance-type", "instance-platform", "reservation-arn", "reservation-id", "reservation-type",
                 "reservation-create-timestamp", "reservation-start-timestamp", "reservation-end-timestamp",
                 "reservation-end-date-type", "tenancy", "reservation-state",
                 "reservation-instance-match-criteria", "reservation-unused-financial-owner"],
     "StartTime": CM_START, "EndTime": CM_END, "MetricNames": ["reservation-avg-utilization-inst"],
     "DryRun": False},
    {"GroupBy": ["tenancy"], "FilterBy": [CM_CONDITIONS[1]], "StartTime": "2026-03-01T00:00:00.5Z",
     "EndTime": "2026-03-01T00:00:01Z", "MetricNames": ["reservation-avg-utilization-inst"], "NextToken": "n"},
    {"GroupBy": ["instance-family"], "FilterBy": [], "StartTime": CM_START, "EndTime": CM_END,
     "MetricNames": ["reservation-avg-utilization-inst"]},
    {"GroupBy": ["reservation-type"], "StartTime": CM_START, "EndTime": CM_END,
     "MetricNames": ["reservation-avg-utilization-vcpu"], "FilterBy": [CM_CONDITIONS[2]]},
    {"GroupBy": ["reservation-state"], "StartTime": CM_START, "EndTime": CM_END,
     "MetricNames": ["reservation-avg-utilization-vcpu"], "NextToken": "AAEA+/9==", "MaxResults": 20},
]
# GetMetricData: every input member at least once. Timestamps are ISO 8601 text (botocore
# parses it and sends whole epoch seconds); the Rust test reads the same text.
T0, T1 = "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"
CPU = {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
       "Dimensions": [{"Name": "InstanceId", "Value": "i-0123456789abcdef0"}]}


def stat(metric=CPU, period=300, stat_name="Average", unit=None):
    out = {"Metric": metric, "Period": period, "Stat": stat_name}
    if unit:
        out["Unit"] = unit
    return out


CW_METRIC_DATA = [
    {"MetricDataQueries": [{"Id": "m1", "MetricStat": stat()}], "StartTime": T0, "EndTime": T1},
    {"MetricDataQueries": [{"Id": "cpu", "MetricStat": stat(unit="Percent"), "Label": "CPU %"}],
     "StartTime": "2026-03-01T00:00:00+02:00", "EndTime": T1, "ScanBy": "TimestampAscending"},
    {"MetricDataQueries": [
        {"Id": "m1", "MetricStat": stat(), "ReturnData": False},
        {"Id": "e1", "Expression": "m1 * 2", "Label": "Doubled", "Period": 3600},
    ], "StartTime": T0, "EndTime": T1, "ScanBy": "TimestampDescending", "MaxDatapoints": 100800},
    {"MetricDataQueries": [{"Id": "used_1", "MetricStat": stat(
        {"Namespace": "AWS/EC2", "MetricName": "InstanceUsage",
         "Dimensions": [{"Name": "Type", "Value": "m5.large"}, {"Name": "AvailabilityZone", "Value": "eu-west-1a"},
                        {"Name": "Équipe", "Value": "plateforme & co / a=b+c %~* \"q\" \\ \n\t日本😀"}]},
        60, "Maximum", "Count"), "AccountId": "123456789012", "ReturnData": True}],
     "StartTime": T0, "EndTime": T1, "NextToken": "tok+/=&\"\\\n\t\u007f€",
     "LabelOptions": {"Timezone": "+0130"}},
    {"MetricDataQueries": [{"Id": "m1", "MetricStat": stat(stat_name="p99", period=1, unit="Count/Second")},
                           {"Id": "m2", "MetricStat": stat(period=5, stat_name="Sum", unit="None")}],
     "StartTime": "2026-03-01T10:00:00.750Z", "EndTime": "2026-03-01T11:00:00Z", "MaxDatapoints": 1,
     "LabelOptions": {}},
    {"MetricDataQueries": [{"Id": "q", "MetricStat": stat({"Namespace": "Custom/App"})}],
     "StartTime": T0, "EndTime": T1, "LabelOptions": {"Timezone": "-0800"}},
    {"MetricDataQueries": [{"Id": "e", "Expression": "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId)",
                            "Period": 60, "Label": "${PROP('Dim.InstanceId')} ${AVG}"}],
     "StartTime": T0, "EndTime": T1, "NextToken": "p2"},
    {"MetricDataQueries": [{"Id": f"m{i}", "MetricStat": stat(
        {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
         "Dimensions": [{"Name": "InstanceId", "Value": f"i-{i:017x}"}]})} for i in range(500)],
     "StartTime": T0, "EndTime": T1, "MaxDatapoints": 500},
]

OPERATIONS = [
    ("ec2", "GetCapacityReservationUsage", EC2_USAGE),
    ("ec2", "DescribeCapacityReservations", EC2_DESCRIBE),
    ("sts", "GetCallerIdentity", STS_IDENTITY),
    ("ce", "GetReservationCoverage", CE_COVERAGE),
    ("ce", "GetDimensionValues", CE_DIMENSIONS),
    ("ce", "GetReservationUtilization", CE_RI_UTILIZATION),
    ("ce", "GetSavingsPlansCoverage", CE_SP_COVERAGE),
    ("ce", "GetSavingsPlansUtilization", CE_SP_UTILIZATION),
    ("ec2", "GetCapacityManagerAttributes", CM_ATTRIBUTES),
    ("ec2", "GetCapacityManagerMetricData", CM_METRIC_DATA),
    ("ec2", "GetCapacityManagerMetricDimensions", CM_DIMENSIONS),
    ("cloudwatch", "GetMetricData", CW_METRIC_DATA),
]


class Captured(Exception):
    """Raised in before-send to stop botocore after it has built and signed the request."""

    def __init__(self, request):
        super().__init__("captured")
        self.request = request


def in_model_order(shape, value):
    """Reorders dict keys to the model's member order (botocore writes members in the order of
    the dict it is given; our Rust types write them in model order)."""
    if shape.type_name == "structure":
        assert set(value) <= set(shape.members), (set(value), shape.name)
        return {k: in_model_order(shape.members[k], value[k]) for k in shape.members if k in value}
    if shape.type_name == "list":
        return [in_model_order(shape.member, v) for v in value]
    return value


def strip_sdk_headers(request, **_):
    for name in ("amz-sdk-invocation-id", "amz-sdk-request"):
        if name in request.headers:
            del request.headers[name]


def capture(request, **_):
    raise Captured(request)


def signed(service, operation, params, region, creds, endpoint_url=None):
    session = botocore.session.get_session()
    client = session.create_client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id=creds[0],
        aws_secret_access_key=creds[1],
        aws_session_token=creds[2],
        config=Config(retries={"total_max_attempts": 1}),
    )
    client.meta.events.register("before-sign", strip_sdk_headers)
    client.meta.events.register("before-send", capture)
    seen = {}
    real_creq = botocore.auth.SigV4Auth.canonical_request
    real_sts = botocore.auth.SigV4Auth.string_to_sign

    def creq(self, request):
        seen["canonical_request"] = real_creq(self, request)
        return seen["canonical_request"]

    def sts(self, request, canonical_request):
        seen["string_to_sign"] = real_sts(self, request, canonical_request)
        seen["signing_region"] = self._region_name
        seen["signing_name"] = self._service_name
        return seen["string_to_sign"]

    with mock.patch("botocore.auth.get_current_datetime", return_value=FIXED_TIME), \
            mock.patch.object(botocore.auth.SigV4Auth, "canonical_request", creq), \
            mock.patch.object(botocore.auth.SigV4Auth, "string_to_sign", sts):
        try:
            getattr(client, botocore.xform_name(operation))(**params)
        except Captured as c:
            req = c.request
        else:
            raise AssertionError("request was not captured")
    headers = {k.lower(): v.decode("utf-8") if isinstance(v, bytes) else v for k, v in req.headers.items()}
    body = req.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    signed_headers = headers["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    assert "host" in signed_headers and "host" not in headers
    # Keep what was signed (and the Authorization header). The rest is what botocore adds
    # unsigned: exactly these, which a browser sets itself or an SDK's retry logic uses.
    unsigned = set(headers) - set(signed_headers) - {"authorization"}
    assert unsigned <= {"user-agent", "content-length", "amz-sdk-invocation-id", "amz-sdk-request"}, unsigned
    headers = {k: v for k, v in headers.items() if k not in unsigned}
    return {
        "url": req.url,
        "body": body,
        "headers": sorted([k, v] for k, v in headers.items()),
        "canonical_request": seen["canonical_request"],
        "string_to_sign": seen["string_to_sign"],
        "signing_region": seen["signing_region"],
        "signing_name": seen["signing_name"],
    }


# Operations whose vectors must set every input member of the model at least once.
EVERY_MEMBER = {"GetReservationUtilization", "GetSavingsPlansCoverage", "GetSavingsPlansUtilization",
                "GetCapacityManagerAttributes", "GetCapacityManagerMetricData",
                "GetCapacityManagerMetricDimensions",
                "GetMetricData"}


def main():
    session = botocore.session.get_session()
    vectors = []
    for service, operation, inputs in OPERATIONS:
        shape = session.get_service_model(service).operation_model(operation).input_shape
        if operation in EVERY_MEMBER:
            unset = set(shape.members) - {k for params in inputs for k in params}
            assert not unset, (operation, unset)
        region = {"ec2": "eu-west-1", "sts": "eu-west-1", "ce": "eu-west-1", "cloudwatch": "eu-west-1"}[service]
        for i, params in enumerate(inputs):
            params = in_model_order(shape, params) if shape is not None else params
            # Every input with both kinds of credentials at the default endpoint; the second
            # also in China; the first three also through an AWS-compatible stand-in and a
            # pass-through proxy.
            combos = [("long-term", "default", region), ("session", "default", region)]
            if i == 1:
                combos.append(("session", "default", "cn-north-1"))
            if i < 3:
                combos += [("long-term", "aws_compatible", region), ("session", "aws_compatible", region),
                           ("long-term", "pass_through", region), ("session", "pass_through", region)]
            for cred_name, mode, reg in combos:
                creds = CREDS[cred_name]
                endpoint_url = AWS_COMPATIBLE_URL if mode == "aws_compatible" else None
                client_region = reg
                if endpoint_url:
                    # An override keeps the service's signing region. botocore with
                    # --endpoint-url signs for the client's region instead, so the client is
                    # given the region botocore itself signs the service for (us-east-1 for
                    # Cost Explorer), as a CLI user does with `--region us-east-1`.
                    client_region = signed(service, operation, params, reg, creds)["signing_region"]
                out = signed(service, operation, params, client_region, creds, endpoint_url)
                override = None
                if mode == "aws_compatible":
                    override = AWS_COMPATIBLE_URL
                elif mode == "pass_through":
                    override = PROXY_URL
                    out["url"] = PROXY_URL
                vectors.append({
                    "name": f"{operation}#{i} {cred_name} {mode} {reg}",
                    "service": service,
                    "operation": operation,
                    "region": reg,
                    "mode": mode,
                    "override_url": override,
                    "botocore_client_region": client_region,
                    "credentials": {"access_key_id": creds[0], "secret_access_key": creds[1],
                                    "session_token": creds[2]},
                    "params": params,
                    **out,
                })
    doc = {
        "generated_by": "scripts/gen_request_vectors.py",
        "botocore_version": botocore.__version__,
        "time": FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "vectors": vectors,
    }
    out_dir = pathlib.Path(__file__).resolve().parent.parent / "tests" / "vectors"
    out_path = out_dir / "requests.json"
    out_path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(vectors)} vectors to {out_path}", file=sys.stderr)
    write_endpoints(out_dir / "endpoints.json")


# One cheap operation per service, to see where botocore sends it and what it signs for.
PROBES = {
    "ec2": ("DescribeCapacityReservations", {}),
    "sts": ("GetCallerIdentity", {}),
    "ce": ("GetDimensionValues", {"TimePeriod": TP, "Dimension": "REGION"}),
    "cloudwatch": ("GetMetricData", CW_METRIC_DATA[0]),
}


def write_endpoints(path):
    """Every region of the aws, aws-cn and aws-us-gov partitions in botocore's endpoints.json,
    with where each service is reached from it and the region it is signed for."""
    session = botocore.session.get_session()
    data = session.get_data("endpoints")
    regions = []
    for partition in data["partitions"]:
        if partition["partition"] not in ("aws", "aws-cn", "aws-us-gov"):
            continue
        for code, info in sorted(partition["regions"].items()):
            services = {}
            for service, (operation, params) in PROBES.items():
                # A partition without the service in endpoints.json doesn't offer it (botocore's
                # rule set would still make up a host name from a template).
                # (endpoints.json names services by endpoint prefix: `monitoring` for CloudWatch.)
                prefix = session.get_service_model(service).endpoint_prefix
                offered = prefix in partition["services"]
                out = signed(service, operation, params, code, AKIA)
                services[service] = {
                    "offered": offered,
                    "url": out["url"],
                    "signing_region": out["signing_region"],
                    "signing_name": out["signing_name"],
                }
            regions.append({
                "code": code,
                "name": info["description"],
                "partition": partition["partition"],
                "dns_suffix": partition["dnsSuffix"],
                "services": services,
            })
    doc = {
        "generated_by": "scripts/gen_request_vectors.py",
        "botocore_version": botocore.__version__,
        "regions": regions,
    }
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(regions)} regions to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
