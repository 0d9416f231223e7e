"""Parameter parsing and validation against the botocore service models.

EC2 (ec2 protocol): flattened, numbered, capitalised names (``CapacityReservationId.1``,
``Filter.1.Value.1``) are parsed back into nested parameters using the model; an unknown name is
``UnknownParameter``, a value of the wrong type or out of range ``InvalidParameterValue``, a missing
required member ``MissingParameter``.
Cost Explorer (JSON 1.1): a JSON type that does not match the model is ``SerializationException``;
unknown members, enum, length, pattern, range and required violations are ``ValidationException``
with Coral's "N validation error(s) detected: ..." wording.
Answers: ``output_problems`` checks what the stand-in answers against the output shape (botocore's
parser would drop an unknown member without a word).
"""

import re

from .errors import AwsError

# ---------------------------------------------------------------- query protocols (EC2, STS)


def _ec2_name(shape, default):
    ser = shape.serialization
    if "queryName" in ser:
        return ser["queryName"]
    if "name" in ser:
        return ser["name"][0].upper() + ser["name"][1:]
    return default


def _indices(form, prefix):
    found = set()
    for key in form:
        if key.startswith(prefix + "."):
            head = key[len(prefix) + 1 :].split(".", 1)[0]
            if head.isdigit() and int(head) >= 1:
                found.add(int(head))
    return sorted(found)


def _convert_scalar(shape, raw, key, protocol):
    t = shape.type_name
    if t == "integer" or t == "long":
        if not re.fullmatch(r"-?\d+", raw):
            raise _bad_value(protocol, key, raw, "an integer")
        value = int(raw)
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            if protocol == "ec2":
                raise AwsError(
                    400,
                    "InvalidParameterValue",
                    f"Value ( {raw} ) for parameter {key} is invalid. "
                    f"Expecting a value between {lo if lo is not None else '-'} and {hi if hi is not None else '-'}.",
                )
            raise _bad_value(protocol, key, raw, f"between {lo} and {hi}")
        return value
    if t == "boolean":
        if raw.lower() not in ("true", "false"):
            raise _bad_value(protocol, key, raw, "a boolean")
        return raw.lower() == "true"
    if t == "string" and "enum" in shape.metadata and raw not in shape.metadata["enum"]:
        raise _bad_value(protocol, key, raw, "one of " + ", ".join(shape.metadata["enum"]))
    return raw


def _bad_value(protocol, key, raw, expected):
    if protocol == "ec2":
        return AwsError(400, "InvalidParameterValue", f"Value ({raw}) for parameter {key} is invalid. Expected {expected}.")
    return AwsError(400, "InvalidParameterValue", f"Value ({raw}) for parameter {key} is invalid.")


def _parse_query_shape(form, shape, prefix, protocol, consumed):
    t = shape.type_name
    if t == "structure":
        out = {}
        for member_name, member_shape in shape.members.items():
            name = _ec2_name(member_shape, member_name) if protocol == "ec2" else member_name
            key = f"{prefix}.{name}" if prefix else name
            present = key in form or any(k.startswith(key + ".") for k in form)
            if present:
                out[member_name] = _parse_query_shape(form, member_shape, key, protocol, consumed)
        return out
    if t == "list":
        # EC2 lists are always flattened (Name.N); query lists use Name.member.N.
        base = prefix if protocol == "ec2" else f"{prefix}.member"
        return [_parse_query_shape(form, shape.member, f"{base}.{i}", protocol, consumed) for i in _indices(form, base)]
    if prefix not in form:
        raise AwsError(400, "InvalidParameterValue", f"Value for parameter {prefix} is invalid.")
    consumed.add(prefix)
    return _convert_scalar(shape, form[prefix], prefix, protocol)


def parse_query(form: dict, input_shape, protocol: str) -> dict:
    """Form fields (minus Action/Version) -> nested parameters, checked against the model."""
    fields = {k: v for k, v in form.items() if k not in ("Action", "Version")}
    consumed: set = set()
    params = _parse_query_shape(fields, input_shape, "", protocol, consumed) if input_shape else {}
    unknown = sorted(set(fields) - consumed)
    if unknown:
        if protocol == "ec2":
            raise AwsError(400, "UnknownParameter", f"The parameter {unknown[0]} is not recognized")
        raise AwsError(400, "InvalidParameterValue", f"The parameter {unknown[0]} is not recognized")
    for name in getattr(input_shape, "required_members", []) or []:
        if name not in params:
            key = _ec2_name(input_shape.members[name], name) if protocol == "ec2" else name
            raise AwsError(400, "MissingParameter", f"The request must contain the parameter {key}")
    return params


# ---------------------------------------------------------------- JSON 1.1 (Cost Explorer)

_JSON_TYPES = {
    "structure": (dict, "a structure"),
    "map": (dict, "a map"),
    "list": (list, "a list"),
    "string": (str, "a string"),
    "boolean": (bool, "a boolean"),
}


def _camel(name):
    return name[0].lower() + name[1:]


# The models' patterns are Java regular expressions; Python's `re` has no \p{..} classes.
# Letters and digits are [^\W_] (word characters but the underscore), separators are \s, and
# Java reads the `-` in `\p{Z}-_` literally.
_JAVA_CLASSES = {r"[\p{L}\p{N}\p{Z}-_]": r"(?:[^\W_]|[\s\-_])"}


def _pattern(java: str):
    python = java
    for j, py in _JAVA_CLASSES.items():
        python = python.replace(j, py)
    if r"\p{" in python:
        raise AssertionError(f"stand-in: model pattern {java!r} needs a Python translation in validation.py")
    return re.compile(python)


def _check_json(value, shape, path, problems):
    t = shape.type_name
    if value is None:
        return
    if t in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise AwsError(400, "SerializationException", f"Expected an integer at '{path}' but found {type(value).__name__}.")
    elif t in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AwsError(400, "SerializationException", f"Expected a number at '{path}' but found {type(value).__name__}.")
    elif t in _JSON_TYPES:
        expected, label = _JSON_TYPES[t]
        if not isinstance(value, expected):
            raise AwsError(400, "SerializationException", f"Expected {label} at '{path}' but found {type(value).__name__}.")
    meta = shape.metadata
    shown = path or "input"
    if t == "structure":
        for key in value:
            if key not in shape.members:
                problems.append(f"Value at '{shown}' failed to satisfy constraint: Member '{key}' is not a known member")
        for req in shape.required_members:
            if value.get(req) is None:
                problems.append(f"Value null at '{_join(path, req)}' failed to satisfy constraint: Member must not be null")
        for key, sub in value.items():
            if key in shape.members:
                _check_json(sub, shape.members[key], _join(path, key), problems)
    elif t == "list":
        if "min" in meta and len(value) < meta["min"]:
            problems.append(f"Value at '{shown}' failed to satisfy constraint: Member must have length greater than or equal to {meta['min']}")
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"Value at '{shown}' failed to satisfy constraint: Member must have length less than or equal to {meta['max']}")
        for i, item in enumerate(value, 1):
            _check_json(item, shape.member, f"{path}.{i}.member" if path else f"{i}.member", problems)
    elif t == "map":
        for k, v in value.items():
            _check_json(k, shape.key, f"{path}.key", problems)
            _check_json(v, shape.value, f"{path}.{k}", problems)
    elif t == "string":
        if "enum" in meta and value not in meta["enum"]:
            problems.append(
                f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must satisfy enum value set: [{', '.join(meta['enum'])}]"
            )
        if "min" in meta and len(value) < meta["min"]:
            problems.append(f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must have length greater than or equal to {meta['min']}")
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"Value at '{shown}' failed to satisfy constraint: Member must have length less than or equal to {meta['max']}")
        if "pattern" in meta and not _pattern(meta["pattern"]).fullmatch(value):
            problems.append(f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must satisfy regular expression pattern: {meta['pattern']}")
    elif t in ("integer", "long"):
        if "min" in meta and value < meta["min"]:
            problems.append(f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            problems.append(f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must have value less than or equal to {meta['max']}")


def _join(path, name):
    return f"{path}.{_camel(name)}" if path else _camel(name)


def validation_error(problems: list) -> AwsError:
    n = len(problems)
    head = f"{n} validation error{'s' if n > 1 else ''} detected: "
    return AwsError(400, "ValidationException", head + "; ".join(problems))


def check_json(body: bytes, input_shape) -> dict:
    """JSON body -> parameters, checked against the model (raises AwsError)."""
    import json

    try:
        params = json.loads(body.decode("utf-8") if body else "{}")
    except (UnicodeDecodeError, ValueError):
        raise AwsError(400, "SerializationException", "Unable to parse the request body as JSON.") from None
    if not isinstance(params, dict):
        raise AwsError(400, "SerializationException", "Expected a JSON object as the request body.")
    problems: list = []
    _check_json(params, input_shape, "", problems)
    if problems:
        raise validation_error(problems)
    return params


# ---------------------------------------------------------------- answers (output shapes)

_PYTHON_TYPES = {"structure": dict, "map": dict, "list": list, "string": str, "boolean": bool,
                 "integer": int, "long": int, "double": (int, float), "float": (int, float)}


def output_problems(value, shape, path: str = "") -> list:
    """What in an answer does not fit the operation's output shape: a member the model does not
    know, a required member missing, a value of the wrong JSON type, or an enum value outside the
    model's set. botocore's parser drops unknown members silently, so the stand-in checks its own
    answers with this (the tests run it on every answer)."""
    t = shape.type_name
    shown = path or "output"
    expected = _PYTHON_TYPES.get(t)
    if expected is None:  # timestamps, blobs: not in the operations the stand-in answers
        return [f"{shown}: no check for {t} shapes"]
    if not isinstance(value, expected) or (t in ("integer", "long") and isinstance(value, bool)):
        return [f"{shown}: expected {t} ({shape.name}), found {type(value).__name__}"]
    problems = []
    if t == "structure":
        for key in value:
            if key not in shape.members:
                problems.append(f"{shown}: {key} is not a member of {shape.name}")
        for req in shape.required_members:
            if value.get(req) is None:
                problems.append(f"{shown}: required member {req} of {shape.name} is missing")
        for key, sub in value.items():
            if key in shape.members and sub is not None:
                problems += output_problems(sub, shape.members[key], f"{path}.{key}" if path else key)
    elif t == "list":
        for i, item in enumerate(value):
            problems += output_problems(item, shape.member, f"{shown}[{i}]")
    elif t == "map":
        for k, v in value.items():
            problems += output_problems(k, shape.key, f"{shown} key {k!r}")
            problems += output_problems(v, shape.value, f"{shown}[{k!r}]")
    elif t == "string" and "enum" in shape.metadata and value not in shape.metadata["enum"]:
        problems.append(f"{shown}: {value!r} is not in {shape.name}'s enum")
    return problems
