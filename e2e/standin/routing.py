"""Which service and operation a request is for, the way AWS's front ends tell.

JSON 1.1 (Cost Explorer): ``X-Amz-Target: AWSInsightsIndexService.<Operation>``.
JSON 1.0 (CloudWatch): ``X-Amz-Target: GraniteServiceVersion20100801.<Operation>`` (service ``monitoring``).
Query protocols (EC2, STS): the ``Action`` form field (body, or query string for GET); EC2 and STS
share that format, so the credential scope's service in the Authorization header tells them apart.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from .sigv4 import scope_service

CE_TARGET_PREFIX = "AWSInsightsIndexService."
CW_TARGET_PREFIX = "GraniteServiceVersion20100801."  # CloudWatch, JSON 1.0


@dataclass
class Route:
    service: str  # ec2 | ce | sts | monitoring
    operation: str | None
    form: dict  # query-protocol fields (empty for JSON)


def _form(method: str, path_qs: str, headers: dict, body: bytes) -> dict:
    fields = dict(parse_qsl(urlsplit(path_qs).query, keep_blank_values=True))
    ctype = headers.get("content-type", "")
    if method == "POST" and (ctype.startswith("application/x-www-form-urlencoded") or not ctype):
        try:
            fields.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body)))
        except (UnicodeDecodeError, ValueError):
            pass
    return fields


def route(method: str, path_qs: str, headers: dict, body: bytes) -> Route:
    target = headers.get("x-amz-target")
    if target is not None and target.startswith(CW_TARGET_PREFIX):
        return Route("monitoring", target[len(CW_TARGET_PREFIX):], {})
    if target is not None:
        op = target[len(CE_TARGET_PREFIX):] if target.startswith(CE_TARGET_PREFIX) else None
        return Route("ce", op, {})
    form = _form(method, path_qs, headers, body)
    scoped = scope_service(headers)
    if scoped in ("ec2", "sts"):
        service = scoped
    else:
        service = "sts" if form.get("Action") == "GetCallerIdentity" else "ec2"
    return Route(service, form.get("Action"), form)
