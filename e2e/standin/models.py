"""The service models the stand-in speaks, loaded through botocore's Loader (botocore 1.44.5)."""

from functools import lru_cache

from botocore.loaders import Loader
from botocore.model import ServiceModel

# The operations the app calls; anything else answers as an unknown action/operation.
OPERATIONS = {
    "ec2": ("GetCapacityReservationUsage", "DescribeCapacityReservations"),
    "ce": ("GetReservationCoverage", "GetDimensionValues", "GetReservationUtilization", "GetSavingsPlansCoverage",
           "GetSavingsPlansUtilization"),
    "sts": ("GetCallerIdentity",),
    "monitoring": ("GetMetricData",),
}
OPERATIONS["ec2"] += ("GetCapacityManagerAttributes", "GetCapacityManagerMetricData", "GetCapacityManagerMetricDimensions")
# The stand-in's service names (the SigV4 signing names) -> botocore's model names.
MODEL_NAME = {"monitoring": "cloudwatch"}


@lru_cache(maxsize=None)
def service_model(service: str) -> ServiceModel:
    loader = Loader()
    name = MODEL_NAME.get(service, service)
    return ServiceModel(loader.load_service_model(name, "service-2"), service_name=name)


def operation_model(service: str, operation: str):
    return service_model(service).operation_model(operation)
