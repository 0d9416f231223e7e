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
}


@lru_cache(maxsize=None)
def service_model(service: str) -> ServiceModel:
    loader = Loader()
    return ServiceModel(loader.load_service_model(service, "service-2"), service_name=service)


def operation_model(service: str, operation: str):
    return service_model(service).operation_model(operation)
