#!/usr/bin/env python3
"""The botocore side of the `differential` fuzz target (fuzz/fuzz_targets/differential.rs).

A long-lived process. For each request on stdin (a little-endian u32 length, then that many fuzz
bytes) it answers on stdout (a u32 length, then UTF-8 JSON):

    {"op": ..., "status": 200, "headers": {...}, "body": "...", "output": {...}, "numbers": {...}}

`body` is an answer AWS could send for one of the five operations the app calls, generated from
botocore's own service model with the fuzz bytes as the stream of choices (which operation,
which optional members are present, how long each list is, every string's characters, every
number, enum value and timestamp). Required members are always present, values always have the
model's type and the form AWS writes them in, so the body is valid; only the choices are random.
`output` is what botocore's parser reads from the body, written as
scripts/gen_response_fixtures.py writes it (datetimes as isoformat(), headers dropped); `numbers`
is Python's float() of every Cost Explorer amount. The Rust side parses the same body with
lens-core and compares member by member.

When the bytes run out every further choice is 0: optional members absent, lists empty,
strings empty. So short inputs give small bodies and libFuzzer grows them as coverage rewards.
"""

import datetime
import json
import struct
import sys
from pathlib import Path

import botocore.session
from botocore.parsers import create_parser

# The fixtures' generator writes botocore's output the way the comparison expects: share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "scripts"))
from gen_response_fixtures import numbers, to_jsonable  # noqa: E402

OPERATIONS = [
    ("ec2_describe_capacity_reservations", "ec2", "DescribeCapacityReservations"),
    ("ec2_get_capacity_reservation_usage", "ec2", "GetCapacityReservationUsage"),
    ("sts_get_caller_identity", "sts", "GetCallerIdentity"),
    ("ce_get_reservation_coverage", "ce", "GetReservationCoverage"),
    ("ce_get_dimension_values", "ce", "GetDimensionValues"),
]
NAMESPACES = {
    "ec2": "http://ec2.amazonaws.com/doc/2016-11-15/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
}
MAX_LIST = 4
PARSERS = {}
MAX_STRING = 24

# Characters strings are drawn from, besides arbitrary code points: what breaks parsers most
# often (markup, quotes, entities' own characters, whitespace at the ends, line breaks, JSON
# escapes, non-ASCII in every UTF-8 length, the byte order mark, line separators).
PALETTE = (
    "abcXYZ019-_.:/@+=, <>&\"'\t\n\r\\\u00a0\u00e9\u00df\u2028\u2029\ufeff\u4e2d\u00a9"
    "\U0001f600\U00010348{}[]%#;!?$*()"
)


class Choices:
    """The fuzz bytes as a stream of choices; 0 once they run out."""

    def __init__(self, data):
        self.data = data
        self.i = 0

    def byte(self):
        if self.i < len(self.data):
            b = self.data[self.i]
            self.i += 1
            return b
        return 0

    def below(self, n):
        if n <= 1:
            return 0
        if n <= 256:
            return self.byte() % n
        return (self.byte() | self.byte() << 8 | self.byte() << 16 | self.byte() << 24) % n

    def flag(self):
        return self.byte() & 1 == 1


def xml_char_ok(c):
    o = ord(c)
    return o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


def gen_text(ch, xml):
    """A string value, of up to MAX_STRING characters."""
    out = []
    for _ in range(ch.below(MAX_STRING + 1)):
        kind = ch.below(4)
        if kind < 3:
            out.append(PALETTE[ch.below(len(PALETTE))])
        else:
            o = ch.below(0x110000)
            c = chr(o)
            if 0xD800 <= o <= 0xDFFF or (xml and not xml_char_ok(c)):
                c = "?"
            out.append(c)
    return "".join(out)


def xml_escape(ch, s):
    """s as XML character data, each special character written in one of the ways XML allows."""
    out = []
    for c in s:
        way = ch.below(8)
        if c == "&":
            out.append("&amp;" if way < 6 else "&#38;")
        elif c == "<":
            out.append("&lt;" if way < 6 else "&#x3C;")
        elif c == ">":
            # "]]>" may not appear raw in character data (XML 1.0 §2.4): after "]]" it is &gt;.
            raw_ok = way >= 4 and out[-2:] != ["]", "]"]
            out.append(">" if raw_ok else "&gt;")
        elif c == "\r":
            # A raw CR is turned into LF by every XML parser; AWS writes it as a reference.
            out.append("&#13;" if way < 6 else "&#xD;")
        elif c == '"':
            out.append("&quot;" if way < 2 else '"')
        elif c == "'":
            out.append("&apos;" if way < 2 else "'")
        elif way == 7 and c not in "\n\t":
            out.append(f"&#x{ord(c):X};")
        else:
            out.append(c)
    return "".join(out)


def gen_timestamp(ch):
    """An instant in the form EC2 writes: 2026-11-01T12:00:00.000Z (sometimes without the
    fraction)."""
    seconds = ch.below(7258118400)  # 1970-01-01 to 2200-01-01
    t = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
        seconds=seconds
    )
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    if ch.below(4) != 0:
        text += f".{ch.below(1000):03d}"
    return text + "Z"


def gen_int(ch, shape):
    """A count as AWS writes it: a non-negative decimal integer."""
    if ch.flag():
        return ch.below(10)
    limit = 2**63 if shape.type_name == "long" else 2**31
    return ch.below(limit)


def gen_amount(ch, percent):
    """A Cost Explorer amount as AWS writes it: decimal text, sometimes with an exponent, a
    percentage sometimes with a trailing %."""
    whole = str(ch.below(10 ** ch.below(12)) if ch.flag() else ch.below(100))
    text = whole
    if ch.flag():
        digits = ch.below(14)
        text += "." + "".join(str(ch.below(10)) for _ in range(max(digits, 1)))
    if ch.below(8) == 0:
        text += f"E{'-' if ch.flag() else ''}{ch.below(20)}"
    if percent and ch.below(4) == 0:
        text += "%"
    return text


def gen_date(ch):
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=ch.below(36500))
    return day.isoformat()


AMOUNT_SHAPES = {"OnDemandHours", "ReservedHours", "TotalRunningHours", "CoverageHoursPercentage",
                 "OnDemandNormalizedUnits", "ReservedNormalizedUnits",
                 "TotalRunningNormalizedUnits", "CoverageNormalizedUnitsPercentage",
                 "OnDemandCost"}


def gen_value(ch, shape, member_name, xml):
    """A Python value of the model's type for one member (before it is written)."""
    t = shape.type_name
    if t == "structure":
        out = {}
        required = set(shape.required_members)
        for name, member in shape.members.items():
            if name in required or ch.flag():
                out[name] = gen_value(ch, member, name, xml)
        return out
    if t == "list":
        return [gen_value(ch, shape.member, member_name, xml) for _ in range(ch.below(MAX_LIST + 1))]
    if t == "map":
        out = {}
        for _ in range(ch.below(MAX_LIST + 1)):
            key = gen_text(ch, xml)
            # Cost Explorer sends null attribute values; botocore keeps the key.
            out[key] = None if ch.below(8) == 0 else gen_text(ch, xml)
        return out
    if t in ("integer", "long"):
        return gen_int(ch, shape)
    if t == "boolean":
        return ch.flag()
    if t == "timestamp":
        return gen_timestamp(ch)
    if t == "string":
        if shape.enum:
            if ch.below(16) == 0:
                return "new-value-" + str(ch.below(100))  # a value newer than the model
            return shape.enum[ch.below(len(shape.enum))]
        if member_name in ("Start", "End"):
            return gen_date(ch)
        if member_name in AMOUNT_SHAPES:
            return gen_amount(ch, member_name.endswith("Percentage"))
        return gen_text(ch, xml)
    raise ValueError(f"no generator for {shape.name} ({t})")


def write_xml(ch, value, shape, name, out, depth, pretty):
    pad = ("\n" + "  " * depth) if pretty else ""
    t = shape.type_name
    if t == "structure":
        out.append(f"{pad}<{name}>")
        for member_name, member in shape.members.items():
            if member_name in value:
                element = member.serialization.get("name", member_name)
                write_xml(ch, value[member_name], member, element, out, depth + 1, pretty)
        out.append(f"{pad}</{name}>")
    elif t == "list":
        item = shape.member.serialization.get("name", "member")
        if shape.serialization.get("flattened"):
            for v in value:
                write_xml(ch, v, shape.member, name, out, depth, pretty)
            return
        if not value and ch.flag():
            out.append(f"{pad}<{name}/>")
            return
        out.append(f"{pad}<{name}>")
        for v in value:
            write_xml(ch, v, shape.member, item, out, depth + 1, pretty)
        out.append(f"{pad}</{name}>")
    else:
        if t == "boolean":
            text = "true" if value else "false"
        else:
            text = str(value)
        if text == "" and ch.flag():
            out.append(f"{pad}<{name}/>")
            return
        escaped = xml_escape(ch, text)
        if ch.below(32) == 0 and len(escaped) > 1 and "&" not in escaped:
            # A comment inside the text: XML parsers join the text around it.
            cut = ch.below(len(escaped) - 1) + 1
            escaped = f"{escaped[:cut]}<!-- x -->{escaped[cut:]}"
        out.append(f"{pad}<{name}>{escaped}</{name}>")


def xml_body(ch, service, op_model, value, request_id):
    shape = op_model.output_shape
    pretty = ch.flag()
    nl = "\n" if pretty else ""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'] if ch.flag() else []
    root = f"{op_model.name}Response"
    out.append(f'<{root} xmlns="{NAMESPACES[service]}">')
    if service == "ec2":
        out.append(f"{nl}  <requestId>{request_id}</requestId>")
        for member_name, member in shape.members.items():
            if member_name in value:
                element = member.serialization.get("name", member_name)
                write_xml(ch, value[member_name], member, element, out, 1, pretty)
    else:
        write_xml(ch, value, shape, shape.serialization["resultWrapper"], out, 1, pretty)
        out.append(f"{nl}  <ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>")
    out.append(f"{nl}</{root}>")
    return "".join(out)


def answer(data, models):
    ch = Choices(data)
    op, service, op_name = OPERATIONS[ch.below(len(OPERATIONS))]
    model = models[service]
    op_model = model.operation_model(op_name)
    xml = service != "ce"
    value = gen_value(ch, op_model.output_shape, "", xml)
    request_id = "%08x-0000-4000-8000-%012x" % (ch.below(2**32), ch.below(2**32))
    headers = {}
    if xml:
        body = xml_body(ch, service, op_model, value, request_id)
    else:
        headers = {"x-amzn-requestid": request_id, "content-type": "application/x-amz-json-1.1"}
        body = json.dumps(value, ensure_ascii=ch.flag(), indent=1 if ch.flag() else None)
    protocol = model.metadata["protocol"]
    if protocol not in PARSERS:
        PARSERS[protocol] = create_parser(protocol)
    parsed = PARSERS[protocol].parse(
        {"body": body.encode("utf-8"), "headers": headers, "status_code": 200},
        op_model.output_shape,
    )
    parsed.get("ResponseMetadata", {}).pop("HTTPHeaders", None)
    parsed.get("ResponseMetadata", {}).pop("RetryAttempts", None)
    out = {"op": op, "status": 200, "headers": headers, "body": body,
           "output": to_jsonable(parsed)}
    if op_name == "GetReservationCoverage":
        nums = {}
        numbers(out["output"], "", nums, as_text=True)
        out["numbers"] = nums
    return out


def main():
    session = botocore.session.get_session()
    models = {s: session.get_service_model(s) for s in ("ec2", "sts", "ce")}
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        head = stdin.read(4)
        if len(head) < 4:
            return
        (n,) = struct.unpack("<I", head)
        data = stdin.read(n)
        reply = json.dumps(answer(data, models)).encode("utf-8")
        stdout.write(struct.pack("<I", len(reply)) + reply)
        stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--sample"]:
        # One body per operation from random bytes, for a look by hand.
        import os
        session = botocore.session.get_session()
        models = {s: session.get_service_model(s) for s in ("ec2", "sts", "ce")}
        for i in range(len(OPERATIONS)):
            print(json.dumps(answer(bytes([i]) + os.urandom(400), models), indent=1))
    else:
        main()
