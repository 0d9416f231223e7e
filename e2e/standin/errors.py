"""AWS error envelopes and the status/code/wording each service really uses.

EC2:  <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
STS:  <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>
CE:   {"__type": "...", "message": "..."} with the x-amzn-RequestId header (JSON 1.1).
CloudWatch: the same in JSON 1.0, plus ``x-amzn-query-error: <Code>;Sender|Receiver`` (awsQueryCompatible).
"""

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)
INVALID_TOKEN = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"
EC2_AUTH_FAILURE = "AWS was not able to validate the provided access credentials"


@dataclass
class AwsError(Exception):
    status: int
    code: str
    message: str
    sender: bool = True

    def __str__(self):
        return f"{self.status} {self.code}: {self.message}"


# CloudWatch (JSON 1.0, awsQueryCompatible): the body's __type names the model's error shape,
# the x-amzn-query-error header carries the query protocol's code (what botocore reports).
CW_TYPES = {
    "InvalidParameterValue": "com.amazonaws.cloudwatch#InvalidParameterValueException",
    "InvalidParameterCombination": "com.amazonaws.cloudwatch#InvalidParameterCombinationException",
    "MissingParameter": "com.amazonaws.cloudwatch#MissingRequiredParameterException",
    "InvalidNextToken": "com.amazonaws.cloudwatch#InvalidNextToken",
    "LimitExceeded": "com.amazonaws.cloudwatch#LimitExceededFault",
    "InternalServiceError": "com.amazonaws.cloudwatch#InternalServiceFault",
    "ValidationError": "com.amazon.coral.validate#ValidationException",
    "AccessDenied": "com.amazon.coral.service#AccessDeniedException",
    "Throttling": "com.amazon.coral.availability#ThrottlingException",
}


def render(service: str, err: AwsError, request_id: str) -> tuple[bytes, str, dict]:
    """Body, content type and extra headers of an error answer, in the service's envelope."""
    if service == "monitoring":
        body = json.dumps({"__type": CW_TYPES.get(err.code, err.code), "message": err.message}).encode()
        kind = "Sender" if err.sender else "Receiver"
        return body, "application/x-amz-json-1.0", {"x-amzn-RequestId": request_id,
                                                     "x-amzn-query-error": f"{err.code};{kind}"}
    if service == "ce":
        body = json.dumps({"__type": err.code, "message": err.message}).encode()
        return body, "application/x-amz-json-1.1", {"x-amzn-RequestId": request_id}
    if service == "sts":
        kind = "Sender" if err.sender else "Receiver"
        body = (
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n'
            f"  <Error>\n    <Type>{kind}</Type>\n    <Code>{escape(err.code)}</Code>\n"
            f"    <Message>{escape(err.message)}</Message>\n  </Error>\n"
            f"  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n"
        ).encode()
        return body, "text/xml", {"x-amzn-RequestId": request_id}
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Response><Errors><Error><Code>{escape(err.code)}</Code>"
        f"<Message>{escape(err.message)}</Message></Error></Errors>"
        f"<RequestID>{request_id}</RequestID></Response>"
    ).encode()
    return body, "text/xml;charset=UTF-8", {}


def _skew_message(kind: str, amz_date: str, now: str, bound: str, minutes: int) -> str:
    if kind == "skew_past":
        return f"Signature expired: {amz_date} is now earlier than {bound} ({now} - {minutes} min.)"
    return f"Signature not yet current: {amz_date} is still later than {bound} ({now} + {minutes} min.)"


def auth_error(service: str, kind: str, amz_date: str | None, now: str, bound: str, minutes: int) -> AwsError:
    """The error a service answers for a failed signature check of the given kind."""
    if service == "ec2":
        if kind in ("skew_past", "skew_future", "expired_token"):
            # EC2 answers both a stale/future X-Amz-Date and an expired session token this way.
            return AwsError(400, "RequestExpired", "Request has expired.")
        if kind == "missing_auth":
            return AwsError(401, "AuthFailure", EC2_AUTH_FAILURE)
        if kind == "incomplete":
            return AwsError(400, "IncompleteSignature", "The request signature does not conform to AWS standards.")
        # Unknown key, bad or missing token and a wrong signature all look the same from EC2.
        return AwsError(401, "AuthFailure", EC2_AUTH_FAILURE)
    if service == "ce":
        if kind in ("skew_past", "skew_future"):
            return AwsError(400, "InvalidSignatureException", _skew_message(kind, amz_date, now, bound, minutes))
        if kind == "signature":
            return AwsError(400, "InvalidSignatureException", SIGNATURE_MISMATCH)
        if kind == "expired_token":
            return AwsError(400, "ExpiredTokenException", EXPIRED_TOKEN)
        if kind == "missing_auth":
            return AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
        if kind == "incomplete":
            return AwsError(400, "IncompleteSignatureException", "The request signature does not conform to AWS standards.")
        return AwsError(400, "UnrecognizedClientException", INVALID_TOKEN)
    # sts, and CloudWatch (a former query service: its query codes, in the JSON 1.0 envelope)
    if kind in ("skew_past", "skew_future"):
        return AwsError(403, "SignatureDoesNotMatch", _skew_message(kind, amz_date, now, bound, minutes))
    if kind == "signature":
        return AwsError(403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH)
    if kind == "expired_token":
        return AwsError(400, "ExpiredToken", EXPIRED_TOKEN)
    if kind == "missing_auth":
        return AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
    if kind == "incomplete":
        return AwsError(400, "IncompleteSignature", "The request signature does not conform to AWS standards.")
    return AwsError(403, "InvalidClientTokenId", INVALID_TOKEN)


def throttle_error(service: str) -> AwsError:
    if service == "ec2":
        return AwsError(503, "RequestLimitExceeded", "Request limit exceeded.", sender=False)
    if service == "ce":
        return AwsError(400, "LimitExceededException", "Rate exceeded")
    return AwsError(400, "Throttling", "Rate exceeded")  # STS and CloudWatch


def internal_error(service: str, status: int) -> AwsError:
    if status == 503:
        code = {"ec2": "Unavailable", "ce": "ServiceUnavailableException", "sts": "ServiceUnavailable",
                "monitoring": "ServiceUnavailable"}[service]
        msg = "The server is temporarily unable to service your request. Please try again later."
        return AwsError(503, code, msg, sender=False)
    code = {"ec2": "InternalError", "ce": "InternalFailure", "sts": "InternalFailure",
            "monitoring": "InternalServiceError"}[service]
    msg = "An internal error has occurred"
    return AwsError(status, code, msg, sender=False)
