"""A local stand-in for the AWS services Reservation Lens calls.

EC2 (GetCapacityReservationUsage, DescribeCapacityReservations, and Capacity Manager's
GetCapacityManagerAttributes/MetricData/MetricDimensions in ``capman``; EC2 query protocol),
CloudWatch (GetMetricData, JSON 1.0 query-compatible, ``cloudwatch``; numbers from ``history``),
Cost Explorer (GetReservationCoverage, GetReservationUtilization, GetSavingsPlansCoverage,
GetSavingsPlansUtilization, GetDimensionValues; JSON 1.1) and
STS (GetCallerIdentity; query protocol), on one loopback port. It checks every request the way
AWS does (SigV4 recomputed with botocore, service-model validation, AWS's documented rules),
answers in AWS's wire shapes and error envelopes, and logs a verdict for each request.

Modules: ``server`` (HTTP, CORS, control API), ``routing`` (which service and operation),
``sigv4`` (signature check), ``validation`` (model and rule checks), ``data`` (seeded data),
``ec2``/``ce``/``sts`` (operations), ``errors`` (AWS error envelopes), ``scenarios`` (faults),
``tokens`` (pagination tokens), ``models`` (botocore service models).
"""

from .credentials import DEMO_CREDENTIALS, EXPIRED_CREDENTIALS, SECOND_CREDENTIALS
from .server import StandIn

__all__ = ["StandIn", "DEMO_CREDENTIALS", "EXPIRED_CREDENTIALS", "SECOND_CREDENTIALS"]
