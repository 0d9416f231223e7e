"""The check every journey ends with: what the app sent, as the stand-in judged it."""

import json

from e2e.standin.credentials import KNOWN, STANDIN_TEST_CREDENTIALS


def problems_in(entries: list, bad_credentials_expected: bool = False, clock_skew_expected: bool = False,
                aws_refusals_expected: frozenset = frozenset()) -> list:
    """Human-readable problems: invalid signatures, invalid parameters, secrets in the log.

    A journey that deliberately connects with wrong credentials sets ``bad_credentials_expected``:
    its signatures are checked by the journey's own assertions on AWS's answer instead, while
    the parameters must still be model-valid. ``clock_skew_expected`` accepts only signatures
    that are right but dated outside AWS's window (a journey that sets the browser clock off).
    ``aws_refusals_expected`` names error codes (``ValidationException``,
    ``InvalidNextTokenException``) a journey provokes on purpose to show how they read: requests
    refused with them are accepted."""
    out = []
    for i, e in enumerate(entries):
        if e.get("kind") != "aws":
            continue
        sig = e.get("signature") or {}
        val = e.get("validation") or {}
        where = f"#{i} {e.get('service')} {e.get('operation')}"
        skewed = clock_skew_expected and sig.get("kind") in ("skew_past", "skew_future")
        if sig.get("valid") is not True and not bad_credentials_expected and not skewed:
            out.append(f"{where}: signature not valid ({sig.get('reason')})")
        refused_by_rules = str(val.get("reason", "")).split(":")[0] in aws_refusals_expected
        if val.get("valid") is not True and not refused_by_rules:
            out.append(f"{where}: parameters not valid ({val.get('reason')})")
    text = json.dumps(entries, default=str)
    for c in KNOWN.values():
        if c is STANDIN_TEST_CREDENTIALS:
            continue  # "test" / "test": public by design, and the key ID is logged
        for secret in (c.secret_key, c.session_token):
            if secret and secret in text:
                out.append("the request log contains a secret key or session token")
    return out


def assert_log_consistent(entries: list, bad_credentials_expected: bool = False, clock_skew_expected: bool = False,
                          aws_refusals_expected: frozenset = frozenset()):
    problems = problems_in(entries, bad_credentials_expected, clock_skew_expected, aws_refusals_expected)
    assert not problems, "stand-in log shows bad requests:\n  " + "\n  ".join(problems)
