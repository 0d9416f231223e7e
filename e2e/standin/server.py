"""The stand-in's HTTP server: one loopback port for EC2 (with Capacity Manager), Cost Explorer, STS,
CloudWatch (service ``monitoring``) and a control API.

Control API (same port, never signed, for tests and developers):
  GET    /__control/health     -> {"ok": true, "url": ...}
  GET    /__control/log        -> the request log (list of entries, oldest first)
  DELETE /__control/log        -> clears the log
  GET    /__control/scenario   -> the current scenario
  POST   /__control/scenario   -> applies a JSON scenario spec (see scenarios.py); 400 on unknown keys
  POST   /__control/reset      -> default scenario and an empty log
"""

import json
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from email.utils import formatdate

from . import capman, ce, cloudwatch, ec2, history, sts
from .credentials import DEMO_CREDENTIALS
from .errors import AwsError, auth_error, internal_error, render, throttle_error
from .models import OPERATIONS, service_model
from .routing import route
from .scenarios import HOSTILE_ERROR_MESSAGE, HOSTILE_TAG_KEY, HOSTILE_TAG_VALUES, Scenarios
from .sigv4 import AMZ_DATE_FORMAT, verify
from .tokens import Tokens
from .validation import check_json, parse_query
from .xmlout import ec2_response

ALLOWED_HEADERS = ("authorization, content-type, x-amz-date, x-amz-security-token, x-amz-target, "
                   "x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, x-amzn-query-mode")
EXPOSED_HEADERS = "Date, x-amzn-RequestId"
# CloudWatch's error code travels in a header (awsQueryCompatible): always readable by a page.
CW_EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-query-error"
IAM_PREFIX = {"monitoring": "cloudwatch", "ec2": "ec2", "ce": "ce", "sts": "sts"}
# EC2 documents a 15-minute window (RequestExpired); Cost Explorer and STS say "- 5 min.".
SKEW_SECONDS = {"ec2": 15 * 60, "ce": 5 * 60, "sts": 5 * 60, "monitoring": 5 * 60}
API_VERSION = {"ec2": "2016-11-15", "sts": "2011-06-15"}
PARAMETER_ERRORS = ("ValidationException", "SerializationException", "UnknownParameter", "InvalidParameterValue",
                    "MissingParameter", "InvalidParameterCombination", "InvalidCapacityReservationId.Malformed",
                    "InvalidNextToken", "ValidationError", "LimitExceeded",
                    "InvalidPaginationToken", "InvalidNextTokenException", "InvalidAction",
                    "UnknownOperationException", "MissingAction")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AmazonWebServices"
    sys_version = ""

    def version_string(self):
        return "AmazonWebServices"

    def log_message(self, *args):  # quiet: the request log is the record
        pass

    # ------------------------------------------------------------ plumbing

    @property
    def standin(self) -> "StandIn":
        return self.server.standin

    def _headers(self) -> dict:
        out: dict = {}
        for name, value in self.headers.items():
            key = name.lower()
            out[key] = f"{out[key]},{value}" if key in out else value
        return out

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, body: bytes, ctype, extra=None, cors=True, full_length=None, expose=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if full_length is None else full_length))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        state = self.standin.scenarios.state
        if cors and state.cors != "drop":
            self.send_header("Access-Control-Allow-Origin", "*")
            exposed = [h for h in ((EXPOSED_HEADERS if state.expose_headers else None), expose) if h]
            if exposed:
                self.send_header("Access-Control-Expose-Headers", ", ".join(exposed))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status, obj):
        self._send(status, json.dumps(obj, indent=1, default=str).encode(), "application/json", cors=False)

    # ------------------------------------------------------------ verbs

    def do_OPTIONS(self):
        state = self.standin.scenarios.state
        self.standin.record({"kind": "preflight", "origin": self.headers.get("Origin"),
                             "requested_headers": self.headers.get("Access-Control-Request-Headers"),
                             "cors": state.cors})
        self.send_response(200)
        if state.cors != "drop":
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
            self.send_header("Access-Control-Max-Age", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _dispatch(self, method):
        body = self._body()
        if self.path.startswith("/__control/"):
            return self._control(method, body)
        if method == "DELETE":
            return self._send(405, b"", "text/plain")
        self._aws(method, body)

    # ------------------------------------------------------------ control API

    def _control(self, method, body):
        s = self.standin
        what = self.path.split("?")[0][len("/__control/"):]
        if what == "health" and method == "GET":
            return self._json(200, {"ok": True, "url": s.url})
        if what == "log" and method == "GET":
            return self._json(200, s.log())
        if what == "log" and method == "DELETE":
            s.clear_log()
            return self._json(200, {"ok": True})
        if what == "scenario" and method == "GET":
            return self._json(200, s.scenarios.snapshot())
        if what == "scenario" and method == "POST":
            try:
                return self._json(200, s.scenarios.update(json.loads(body or b"{}")))
            except (ValueError, TypeError) as e:
                return self._json(400, {"error": str(e)})
        if what == "reset" and method == "POST":
            s.reset()
            return self._json(200, {"ok": True})
        return self._json(404, {"error": f"no control endpoint {method} {what}"})

    # ------------------------------------------------------------ AWS

    def _aws(self, method, body):
        s = self.standin
        headers = self._headers()
        request_id = str(uuid.uuid4())
        self._last_body = body
        r = route(method, self.path, headers, body)
        entry = {"kind": "aws", "received": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                 "method": method, "path": self.path, "service": r.service, "operation": r.operation,
                 "origin": headers.get("origin"), "request_id": request_id, "fault": None}
        now = s.now()
        verdict = verify(method, self.path, headers, body, now, SKEW_SECONDS[r.service])
        if verdict.valid and s.scenarios.state.token_expired and verdict.credentials is DEMO_CREDENTIALS:
            verdict.valid, verdict.kind, verdict.reason = False, "expired_token", "session token expired (scenario)"
        if verdict.valid and verdict.service != r.service:
            verdict.valid, verdict.kind = False, "signature"
            verdict.reason = f"credential scope names service {verdict.service!r}, request is for {r.service!r}"
        if verdict.valid and r.service == "ce" and verdict.region != "us-east-1":
            verdict.valid, verdict.kind = False, "signature"
            verdict.reason = f"Cost Explorer is signed for us-east-1, not {verdict.region}"
        entry.update(region=verdict.region, access_key=verdict.access_key,
                     signature={"valid": verdict.valid, "reason": verdict.reason, "kind": verdict.kind})
        # The parameter verdict is reached for every request, whatever fault the scenario injects
        # afterwards: model checks first, then the operation's own rules (run once, kept for the answer).
        params, param_error, outcome, op_error = None, None, None, None
        self._asked = None
        try:
            params = self._params(r)
        except AwsError as e:
            param_error = e
        if param_error is None and verdict.credentials is not None:
            try:
                outcome = self._operate(r, params, verdict, request_id, now)
            except AwsError as e:
                op_error = e
        rule_error = param_error or (op_error if op_error and op_error.code in PARAMETER_ERRORS else None)
        validation = ({"valid": False, "reason": f"{rule_error.code}: {rule_error.message}"} if rule_error
                      else {"valid": True, "reason": "parameters valid" if outcome or op_error
                            else "model-valid (operation rules not checked: caller not authenticated)"})
        entry.update(params=params, validation=validation)
        if r.service == "monitoring" and isinstance(params, dict):
            # Which reservations and metrics were asked, for tests that count calls.
            entry["asked"] = self._asked or [
                {"id": q.get("Id"), "metric": ((q.get("MetricStat") or {}).get("Metric") or {}).get("MetricName"),
                 "reservation": next((d.get("Value") for d in ((q.get("MetricStat") or {}).get("Metric") or {})
                                      .get("Dimensions") or [] if d.get("Name") == history.DIMENSION), None)}
                for q in params.get("MetricDataQueries") or [] if isinstance(q, dict)]

        slow = s.scenarios.take(("slow",), r.service)
        if slow:
            entry["fault"] = f"slow {slow.seconds}s"
            time.sleep(slow.seconds)
        fault = s.scenarios.take(("fail", "html", "truncate"), r.service)
        truncate = False
        try:
            if fault and fault.kind == "fail":
                entry["fault"] = f"fail {fault.status}"
                raise internal_error(r.service, fault.status)
            if fault and fault.kind == "html":
                entry["fault"] = "html"
                page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
                entry.update(status=502, code="html-error-page")
                s.record(entry)
                return self._send(502, page, "text/html")
            truncate = bool(fault and fault.kind == "truncate")
            if not verdict.valid:
                amz = verdict.amz_date or ""
                minutes = SKEW_SECONDS[r.service] // 60
                bound_dt = now - timedelta(minutes=minutes) if verdict.kind == "skew_past" else now + timedelta(minutes=minutes)
                raise auth_error(r.service, verdict.kind, amz, now.strftime(AMZ_DATE_FORMAT),
                                 bound_dt.strftime(AMZ_DATE_FORMAT), minutes)
            if s.scenarios.take(("throttle",), r.service):
                entry["fault"] = "throttle"
                raise throttle_error(r.service)
            action = f"{IAM_PREFIX[r.service]}:{r.operation}"
            if action in s.scenarios.state.denied_actions:
                entry["fault"] = "denied"
                arn = verdict.credentials.arn
                if r.service == "ec2":
                    raise AwsError(403, "UnauthorizedOperation",
                                   f"You are not authorized to perform this operation. User: {arn} is not authorized "
                                   f"to perform: {action} because no identity-based policy allows the {action} action")
                raise AwsError(403, "AccessDenied", f"User: {arn} is not authorized to perform: {action} "
                                                    "because no identity-based policy allows the action")
            if param_error:
                raise param_error
            if r.service == "ec2" and params.get("DryRun"):
                if s.scenarios.state.dry_run == "allowed":
                    raise AwsError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
                raise AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
            if op_error:
                raise op_error
            payload, ctype, extra = outcome
            status, code = 200, None
        except AwsError as e:
            payload, ctype, extra = render(r.service, e, request_id)
            status, code = e.status, e.code
        if truncate:
            entry["fault"] = "truncate"
            payload = payload[: len(payload) // 2]
        entry.update(status=status, code=code)
        s.record(entry)
        extra = dict(extra)
        extra["Date"] = formatdate(now.timestamp(), usegmt=True)
        self._send(status, payload, ctype, extra, expose=CW_EXPOSED_HEADERS if r.service == "monitoring" else None)

    def _params(self, r):
        if r.service == "monitoring":
            if r.operation not in OPERATIONS["monitoring"]:
                raise AwsError(400, "InvalidAction", f"Could not find operation {r.operation} for version 2010-08-01")
            shape = service_model("monitoring").operation_model(r.operation).input_shape
            try:
                params = json.loads(self._last_body or b"{}")
            except ValueError:
                params = None
            if isinstance(params, dict):
                for name in shape.required_members:
                    if params.get(name) is None:
                        raise AwsError(400, "MissingParameter", f"The parameter {name} is required.")
            try:
                return check_json(self._last_body, shape)
            except AwsError as e:
                if e.code == "ValidationException":  # the model's ValidationException: query code ValidationError
                    raise AwsError(400, "ValidationError", e.message) from None
                raise
        if r.service == "ce":
            if r.operation not in OPERATIONS["ce"]:
                raise AwsError(400, "UnknownOperationException", "")
            shape = service_model("ce").operation_model(r.operation).input_shape
            return check_json(self._last_body, shape)
        if r.operation is None:
            raise AwsError(400, "MissingAction", "The request must contain the parameter Action")
        if r.operation not in OPERATIONS[r.service]:
            if r.service == "sts":
                raise AwsError(400, "InvalidAction", f"Could not find operation {r.operation} for version 2011-06-15")
            raise AwsError(400, "InvalidAction", f"The action {r.operation} is not valid for this web service.")
        if r.form.get("Version") != API_VERSION[r.service]:
            raise AwsError(400, "InvalidParameterValue" if "Version" in r.form else "MissingParameter",
                           f"The request must contain the parameter Version={API_VERSION[r.service]}")
        shape = service_model(r.service).operation_model(r.operation).input_shape
        return parse_query(r.form, shape, "ec2" if r.service == "ec2" else "query")

    def _operate(self, r, params, verdict, request_id, now):
        s = self.standin
        st = s.scenarios.state
        pool = history.pool(st.extra_reservations, st.idle_reservations)
        if r.service == "monitoring":
            result, asked = cloudwatch.get_metric_data(params, verdict.region, s.tokens, st, now, pool)
            self._asked = asked
            return cloudwatch.body(result), "application/x-amz-json-1.0", {"x-amzn-RequestId": request_id}
        if r.service == "ec2" and r.operation in capman.HANDLERS:
            result = capman.HANDLERS[r.operation](params, verdict.region, s.tokens, st, now)
            shape = service_model("ec2").operation_model(r.operation).output_shape
            return ec2_response(r.operation, shape, result, request_id), "text/xml;charset=UTF-8", {}
        if r.service == "ec2":
            result = ec2.HANDLERS[r.operation](params, verdict.region, s.tokens, pool)
            if s.scenarios.state.hostile_tags and r.operation == "DescribeCapacityReservations":
                hostile = [{"Key": HOSTILE_TAG_KEY, "Value": v} for v in HOSTILE_TAG_VALUES]
                for d in result.get("CapacityReservations", []):
                    d["Tags"] = list(d.get("Tags", [])) + hostile
            shape = service_model("ec2").operation_model(r.operation).output_shape
            return ec2_response(r.operation, shape, result, request_id), "text/xml;charset=UTF-8", {}
        if r.service == "ce":
            st = s.scenarios.state
            if st.hostile_error:
                raise AwsError(400, "ValidationException", HOSTILE_ERROR_MESSAGE)
            if st.ce_data_unavailable:
                raise AwsError(400, "DataUnavailableException",
                               "Data is not available. Please try to adjust the time period. If you just enabled "
                               "Cost Explorer, data might take up to 24 hours to become available.")
            token_name = ce.PAGE_TOKEN.get(r.operation)
            if token_name and params.get(token_name) is not None and s.scenarios.take_counter("ce_reject_page_tokens"):
                raise AwsError(400, "InvalidNextTokenException", "Invalid pagination token")
            params = dict(params)
            if r.operation in ce.PAGE_SIZE_SCENARIO and st.ce_page_size and params.get("MaxResults") is None:
                params["MaxResults"] = st.ce_page_size
            result = ce.HANDLERS[r.operation](params, now.date(), s.tokens)
            if st.hostile_tags and r.operation == "GetReservationCoverage":
                # Each tag value becomes a hostile one (a tag attribute reads "key": "key$value"),
                # the same one wherever it appears, so the per-value requests find it again.
                seen = {}
                for g in (g for t in result.get("CoveragesByTime", []) for g in t.get("Groups", [])):
                    attrs = g.get("Attributes") or {}
                    for k, v in list(attrs.items()):
                        if v.startswith(f"{k}$") and v != f"{k}$":
                            hostile = seen.setdefault(v, HOSTILE_TAG_VALUES[len(seen) % len(HOSTILE_TAG_VALUES)])
                            attrs[k] = f"{k}${hostile}"
            if r.operation == "GetDimensionValues" and st.ce_extra_values and params.get("NextPageToken") is None:
                search = (params.get("SearchString") or "").lower()
                extra = [f"x{i}.extra" for i in range(1, st.ce_extra_values + 1)]
                extra = [{"Value": v, "Attributes": {}} for v in extra if search in v]
                result["DimensionValues"] += extra
                result["ReturnSize"] += len(extra)
                result["TotalSize"] += len(extra)
            return json.dumps(result).encode(), "application/x-amz-json-1.1", {"x-amzn-RequestId": request_id}
        return sts.get_caller_identity_xml(verdict.credentials, request_id), "text/xml", {"x-amzn-RequestId": request_id}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StandIn:
    """The stand-in, in process: ``with StandIn() as s: ... s.url ...``."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", log_path=None):
        self.scenarios = Scenarios()
        self.tokens = Tokens()
        self.log_path = log_path
        self._log: list = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), _Handler)
        self._server.standin = self
        self._thread = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=self.scenarios.state.clock_offset_seconds)

    def record(self, entry: dict):
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), **entry}
        line = json.dumps(entry, default=str)
        with self._lock:
            self._log.append(json.loads(line))
            if self.log_path:
                with open(self.log_path, "a", encoding="utf-8") as f:
                    f.write(line + "\n")

    def log(self) -> list:
        with self._lock:
            return list(self._log)

    def clear_log(self):
        with self._lock:
            self._log.clear()

    def reset(self):
        self.scenarios.reset()
        self.clear_log()

    def scenario(self, **spec) -> dict:
        return self.scenarios.update(spec)

    def start(self) -> "StandIn":
        self._thread = threading.Thread(target=self._server.serve_forever, name="standin", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self):
        self._server.serve_forever()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
