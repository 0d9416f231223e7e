#!/usr/bin/env python3
"""Lint the response fixtures against the AWS service models and record what botocore parses.

Run by hand with the e2e venv (botocore==1.44.5), from the repository root:

    /work/main/e2e/.venv/bin/python scripts/gen_response_fixtures.py

For every fixture body tests/fixtures/responses/<operation>/<case>.{xml,json} (with an optional
<case>.meta.json: {"status": 400, "headers": {...}, "unknown_enum_values": [...],
"unknown_members": [...]}):

  (a) LINT. botocore silently ignores element names and JSON keys it does not know, so a typo in
      a fixture would test nothing. Every XML element / JSON key must be a known locationName of
      its shape, and every enum value must be in the model, unless the meta file lists it as a
      deliberate unknown. Error envelopes are checked against the protocol's envelope.
  (b) PARSE with botocore's own parser (botocore.parsers.create_parser(protocol).parse(...)) and
      write <case>.botocore.json: the parsed output (datetimes as ISO 8601 strings, HTTP headers
      dropped), plus, for the Cost Explorer operations whose answers are figures (FIGURES), every
      numeric string's float value as Python reads it.

A meta file may also name what the core must make of a body botocore reads without complaint:
"expected_problem" (a figure that is not a number, a member the model requires missing) or, for
an error envelope sent with status 200, "expected_kind" / "expected_code" / "expected_message".

It also writes tests/fixtures/responses/coverage.json: per operation, which output members the
fixtures exercise out of all the model defines (recursively), and which enum values.

The output is committed; tests/responses.rs compares our parsers with it.
"""

import datetime
import json
import sys
from pathlib import Path
from xml.etree import ElementTree

import botocore
import botocore.session
from botocore.parsers import create_parser

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "responses"

OPERATIONS = {
    "ec2_get_capacity_reservation_usage": ("ec2", "GetCapacityReservationUsage"),
    "ec2_describe_capacity_reservations": ("ec2", "DescribeCapacityReservations"),
    "ec2_get_capacity_manager_attributes": ("ec2", "GetCapacityManagerAttributes"),
    "ec2_get_capacity_manager_metric_data": ("ec2", "GetCapacityManagerMetricData"),
    "ec2_get_capacity_manager_metric_dimensions": ("ec2", "GetCapacityManagerMetricDimensions"),
    "ce_get_reservation_coverage": ("ce", "GetReservationCoverage"),
    "ce_get_dimension_values": ("ce", "GetDimensionValues"),
    "ce_get_reservation_utilization": ("ce", "GetReservationUtilization"),
    "ce_get_savings_plans_coverage": ("ce", "GetSavingsPlansCoverage"),
    "ce_get_savings_plans_utilization": ("ce", "GetSavingsPlansUtilization"),
    "sts_get_caller_identity": ("sts", "GetCallerIdentity"),
    "cw_get_metric_data": ("cloudwatch", "GetMetricData"),
}

# The protocol botocore's client uses when the model lists several: CloudWatch's model says
# `smithy-rpc-v2-cbor` first, but botocore 1.44.5 talks JSON 1.0 to it (see
# scripts/gen_request_vectors.py's vectors), and so do we.
PROTOCOL = {"cloudwatch": "json"}

# The elements each protocol's error envelope may contain (botocore parsers.py, and the
# service error references).
XML_ERROR_ENVELOPES = {
    "Response": {"Errors": {"Error": {"Code": None, "Message": None}}, "RequestID": None},
    "ErrorResponse": {
        "Error": {"Type": None, "Code": None, "Message": None},
        "RequestId": None,
    },
}
JSON_ERROR_KEYS = {"__type", "message", "Message"}

# The operations whose answers' strings are figures (apart from tokens, keys, values, attributes
# and dates): botocore.json records each figure as Python's float() reads it.
FIGURES = {
    "GetReservationCoverage",
    "GetReservationUtilization",
    "GetSavingsPlansCoverage",
    "GetSavingsPlansUtilization",
}
# Strings that are not figures, by member name.
NOT_FIGURES = ("NextPageToken", "NextToken", "Key", "Value")


class LintError(Exception):
    pass


def local(tag):
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def xml_name(member_name, member_shape):
    return member_shape.serialization.get("name", member_name)


def lint_xml(node, shape, path, meta, used, enums_used):
    """Check node's children against shape; record (shape, member) pairs used."""
    t = shape.type_name
    if t == "structure":
        names = {xml_name(n, s): (n, s) for n, s in shape.members.items()}
        for child in node:
            tag = local(child.tag)
            if tag not in names:
                if tag in meta.get("unknown_members", []):
                    continue
                raise LintError(f"{path}: <{tag}> is not a member of {shape.name}")
            member, mshape = names[tag]
            used.add(f"{shape.name}.{member}")
            lint_xml(child, mshape, f"{path}.{member}", meta, used, enums_used)
    elif t == "list":
        item = shape.member.serialization.get("name", "member")
        for child in node:
            if local(child.tag) != item:
                raise LintError(f"{path}: list item <{local(child.tag)}> should be <{item}>")
            lint_xml(child, shape.member, f"{path}[]", meta, used, enums_used)
    else:
        if len(node):
            raise LintError(f"{path}: scalar {shape.name} has child elements")
        lint_scalar(node.text or "", shape, path, meta, enums_used)


def lint_scalar(value, shape, path, meta, enums_used):
    enum = getattr(shape, "enum", None)
    if enum:
        if value in enum:
            enums_used.add(f"{shape.name}={value}")
        elif value not in meta.get("unknown_enum_values", []):
            raise LintError(f"{path}: {value!r} is not a {shape.name} value")


def lint_json(value, shape, path, meta, used, enums_used):
    t = shape.type_name
    if value is None:
        return
    if t == "structure":
        if not isinstance(value, dict):
            raise LintError(f"{path}: expected an object for {shape.name}")
        for key, v in value.items():
            if key not in shape.members:
                if key in meta.get("unknown_members", []):
                    continue
                raise LintError(f"{path}: key {key!r} is not a member of {shape.name}")
            used.add(f"{shape.name}.{key}")
            lint_json(v, shape.members[key], f"{path}.{key}", meta, used, enums_used)
    elif t == "list":
        if not isinstance(value, list):
            raise LintError(f"{path}: expected a list for {shape.name}")
        for i, v in enumerate(value):
            lint_json(v, shape.member, f"{path}[{i}]", meta, used, enums_used)
    elif t == "map":
        if not isinstance(value, dict):
            raise LintError(f"{path}: expected an object for map {shape.name}")
        for k, v in value.items():
            lint_json(v, shape.value, f"{path}[{k!r}]", meta, used, enums_used)
    elif t == "string":
        if not isinstance(value, str):
            raise LintError(f"{path}: expected a string for {shape.name}")
        lint_scalar(value, shape, path, meta, enums_used)
    elif t in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise LintError(f"{path}: expected an integer for {shape.name}")


def lint_xml_envelope(node, allowed, path):
    for child in node:
        tag = local(child.tag)
        if tag not in allowed:
            raise LintError(f"{path}: <{tag}> is not part of the error envelope")
        if allowed[tag] is not None:
            lint_xml_envelope(child, allowed[tag], f"{path}.{tag}")
        elif len(child):
            raise LintError(f"{path}.{tag}: should be text")


def lint_success_xml(root, service, op_model, meta, used, enums_used):
    shape = op_model.output_shape
    expected_root = f"{op_model.name}Response"
    if local(root.tag) != expected_root:
        raise LintError(f"root <{local(root.tag)}> should be <{expected_root}>")
    if service == "ec2":
        # EC2 puts members directly under the root, beside requestId.
        members = [c for c in root if local(c.tag) != "requestId"]
        wrapper = ElementTree.Element("wrapper")
        wrapper.extend(members)
        lint_xml(wrapper, shape, op_model.name, meta, used, enums_used)
    else:
        wrapper_name = shape.serialization["resultWrapper"]
        for child in root:
            tag = local(child.tag)
            if tag == wrapper_name:
                lint_xml(child, shape, op_model.name, meta, used, enums_used)
            elif tag == "ResponseMetadata":
                lint_xml_envelope(child, {"RequestId": None}, "ResponseMetadata")
            else:
                raise LintError(f"<{tag}> is neither {wrapper_name} nor ResponseMetadata")


def all_members(shape, acc, enums, seen=None):
    """Every (shape.member) reachable from shape, and every enum value."""
    seen = seen if seen is not None else set()
    if shape.name in seen:
        return
    seen.add(shape.name)
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            acc.add(f"{shape.name}.{name}")
            all_members(member, acc, enums, seen)
    elif shape.type_name == "list":
        all_members(shape.member, acc, enums, seen)
    elif shape.type_name == "map":
        all_members(shape.value, acc, enums, seen)
    elif getattr(shape, "enum", None):
        for value in shape.enum:
            enums.add(f"{shape.name}={value}")


def to_jsonable(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def numbers(value, path, out, as_text=False):
    """Every numeric string in a Cost Explorer output, as Python's float() reads it (as repr()
    text with ``as_text``: the differential fuzz target's oracle sends them so, since serde_json's
    number reader on the Rust side is not correctly rounded)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("Attributes", "TimePeriod", "ResponseMetadata", "Error"):
                continue
            numbers(v, f"{path}.{k}" if path else k, out, as_text)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            numbers(v, f"{path}[{i}]", out, as_text)
    elif isinstance(value, str) and path.split(".")[-1] not in NOT_FIGURES:
        number = float(value.rstrip("%"))
        out[path] = repr(number) if as_text else number


def process(op_dir, service, op_name, session):
    model = session.get_service_model(service)
    op_model = model.operation_model(op_name)
    protocol = PROTOCOL.get(service, model.metadata["protocol"])
    used, enums_used, count = set(), set(), 0
    for body_path in sorted(op_dir.iterdir()):
        if body_path.suffix not in (".xml", ".json") or body_path.name.endswith(
            (".meta.json", ".botocore.json")
        ):
            continue
        case = body_path.stem
        meta_path = op_dir / f"{case}.meta.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        status = meta.get("status", 200)
        headers = {k.lower(): v for k, v in meta.get("headers", {}).items()}
        body = body_path.read_bytes()
        where = f"{op_dir.name}/{body_path.name}"
        try:
            if body_path.suffix == ".xml":
                root = ElementTree.fromstring(body)
                if status >= 300:
                    tag = local(root.tag)
                    if tag not in XML_ERROR_ENVELOPES:
                        raise LintError(f"<{tag}> is not an error envelope")
                    lint_xml_envelope(root, XML_ERROR_ENVELOPES[tag], tag)
                else:
                    lint_success_xml(root, service, op_model, meta, used, enums_used)
            else:
                doc = json.loads(body)
                if status >= 300:
                    extra = set(doc) - JSON_ERROR_KEYS
                    if extra:
                        raise LintError(f"keys {sorted(extra)} are not part of a JSON error")
                else:
                    lint_json(doc, op_model.output_shape, op_name, meta, used, enums_used)
        except LintError as e:
            sys.exit(f"LINT {where}: {e}")
        parsed = create_parser(protocol).parse(
            {"body": body, "headers": headers, "status_code": status},
            op_model.output_shape,
        )
        parsed.get("ResponseMetadata", {}).pop("HTTPHeaders", None)
        out = {"status": status, "output": to_jsonable(parsed)}
        if op_name in FIGURES and status < 300 and "expected_problem" not in meta:
            nums = {}
            numbers(out["output"], "", nums)
            out["numbers"] = nums
        target = op_dir / f"{case}.botocore.json"
        target.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
        count += 1
    members, enums = set(), set()
    all_members(op_model.output_shape, members, enums)
    return {
        "fixtures": count,
        "members_total": len(members),
        "members_covered": len(used & members),
        "members_missing": sorted(members - used),
        "enum_values_total": len(enums),
        "enum_values_covered": len(enums_used & enums),
        "enum_values_missing": sorted(enums - enums_used),
    }


def main():
    session = botocore.session.get_session()
    coverage = {"botocore": botocore.__version__}
    for dirname, (service, op_name) in OPERATIONS.items():
        op_dir = ROOT / dirname
        coverage[dirname] = process(op_dir, service, op_name, session)
        c = coverage[dirname]
        print(
            f"{dirname}: {c['fixtures']} fixtures, members {c['members_covered']}/"
            f"{c['members_total']}, enum values {c['enum_values_covered']}/"
            f"{c['enum_values_total']}"
        )
    (ROOT / "coverage.json").write_text(json.dumps(coverage, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
