#!/usr/bin/env python3
"""Seed corpora for the fuzz targets (fuzz/fuzz_targets/), from the test fixtures.

Writes fuzz/corpus/<target>/seed-* (git-ignored; libFuzzer adds what it finds beside them).
HTTP answers are framed as the targets read them (fuzz_targets/common.rs): two bytes of status,
one byte of header flags, then the body. Usage: fuzz_seeds.py
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "fuzz" / "corpus"


def framed(status: int, body: bytes, flags: int = 1) -> bytes:
    code = (status - 100) % 500
    return bytes([code & 0xFF, code >> 8, flags]) + body


def answers(directory: str, suffix: str):
    for body in sorted((FIXTURES / "responses" / directory).glob(f"*{suffix}")):
        if body.name.endswith((".meta.json", ".botocore.json")):
            continue
        meta = body.with_name(body.stem + ".meta.json")
        status = json.loads(meta.read_text()).get("status", 200) if meta.exists() else 200
        yield framed(status, body.read_bytes())


def protocol_cases():
    """botocore's own error cases (tests/fixtures/protocol/error_cases.json)."""
    for case in json.loads((FIXTURES / "protocol" / "error_cases.json").read_text()):
        response = case["response"]
        yield framed(response["status_code"], response["body"].encode(), 1)


KEY, SECRET = "ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRh"
CREDENTIALS = [
    f'export AWS_ACCESS_KEY_ID="{KEY}"\nexport AWS_SECRET_ACCESS_KEY="{SECRET}"\nexport AWS_SESSION_TOKEN="{TOKEN}"\n',
    f'$Env:AWS_ACCESS_KEY_ID="{KEY}"\r\n$Env:AWS_SECRET_ACCESS_KEY="{SECRET}"\r\n$Env:AWS_SESSION_TOKEN="{TOKEN}"\r\n',
    f"set AWS_ACCESS_KEY_ID={KEY}\r\nset AWS_SECRET_ACCESS_KEY={SECRET}\r\nset AWS_SESSION_TOKEN={TOKEN}\r\n",
    json.dumps({"Credentials": {"AccessKeyId": KEY, "SecretAccessKey": SECRET, "SessionToken": TOKEN,
                                "Expiration": "2026-12-02T02:00:00+00:00"}}),
    json.dumps({"Version": 1, "AccessKeyId": KEY, "SecretAccessKey": SECRET, "SessionToken": TOKEN}),
    json.dumps({"roleCredentials": {"accessKeyId": KEY, "secretAccessKey": SECRET, "sessionToken": TOKEN,
                                    "expiration": 1796176800000}}),
    f"[lens]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\nregion = eu-west-1\n",
]
URL_STATES = [
    "#/coverage?preset=30d&granularity=daily",
    "#/coverage?preset=custom&start=2026-01-01&last=2026-06-30&granularity=monthly&split=tag:cost%20center&metric=cost&target=90&filter=%7B%22Dimensions%22%3A%7B%22Key%22%3A%22REGION%22%2C%22Values%22%3A%5B%22eu-west-1%22%5D%7D%7D",
    "#/capacity/usage?region=eu-west-1&id=cr-0123456789abcdef0",
    "#/connection",
    "preset=7d&split=dimension:INSTANCE_TYPE&metric=units&target=80.5",
    "#/commitments?view=sp-utilization&preset=3m&granularity=monthly&split=SAVINGS_PLAN_ARN&utarget=90",
]
DATES = ["2026-11-23", "2026-11-23T10:30:10.000Z", "2026-11-23T10:30:10+05:30", "Wed, 02 Dec 2026 01:00:00 GMT",
         "20261202T010000Z", "1796176800", "1796176800.123"]


def main():
    seeds = {
        "credentials": [s.encode() for s in CREDENTIALS],
        "ec2_xml": [*answers("ec2_describe_capacity_reservations", ".xml"),
                    *answers("ec2_get_capacity_reservation_usage", ".xml"),
                    *answers("ec2_get_capacity_manager_attributes", ".xml"),
                    *answers("ec2_get_capacity_manager_metric_data", ".xml"),
                    *answers("ec2_get_capacity_manager_metric_dimensions", ".xml")],
        "sts_xml": list(answers("sts_get_caller_identity", ".xml")),
        "ce_json": [seed for name in (
            "ce_get_reservation_coverage", "ce_get_dimension_values", "ce_get_reservation_utilization",
            "ce_get_savings_plans_coverage", "ce_get_savings_plans_utilization") for seed in answers(name, ".json")],
        "cloudwatch_json": list(answers("cw_get_metric_data", ".json")),
        "error_envelope": [*protocol_cases(), *answers("ec2_get_capacity_reservation_usage", ".xml"),
                           *answers("ce_get_reservation_coverage", ".json")],
        "filter_json": [json.dumps(json.loads(p.read_text()).get("expression", json.loads(p.read_text()))).encode()
                        for p in sorted((FIXTURES / "filter").rglob("*.json"))],
        "url_state": [s.encode() for s in URL_STATES],
        "dates": [s.encode() for s in DATES],
        # The first byte picks the node cap (0: the app's), the rest is the document.
        "xml_tree": [bytes([0]) + p.read_bytes() for p in sorted(FIXTURES.rglob("*.xml"))],
    }
    for target, items in seeds.items():
        out = CORPUS / target
        out.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(items):
            (out / f"seed-{i:03}").write_bytes(data)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()
