"""The Connection area against the stand-in, driven as a person would: paste, point the custom
endpoints at the stand-in, Connect. Every journey ends by checking that neither the secret nor
the session token is anywhere the page could leak it."""

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from e2e.standin import DEMO_CREDENTIALS, EXPIRED_CREDENTIALS
from e2e.support.app import wait_until_loaded

C = DEMO_CREDENTIALS


def pastes(c):
    k, s, t = c.access_key, c.secret_key, c.session_token
    return {
        "IAM Identity Center (bash)": f'export AWS_ACCESS_KEY_ID="{k}"\nexport AWS_SECRET_ACCESS_KEY="{s}"\nexport AWS_SESSION_TOKEN="{t}"\n',
        "IAM Identity Center (PowerShell)": f'$Env:AWS_ACCESS_KEY_ID="{k}"\r\n$Env:AWS_SECRET_ACCESS_KEY="{s}"\r\n$Env:AWS_SESSION_TOKEN="{t}"\r\n',
        "IAM Identity Center (Windows cmd)": f"set AWS_ACCESS_KEY_ID={k}\r\nset AWS_SECRET_ACCESS_KEY={s}\r\nset AWS_SESSION_TOKEN={t}\r\n",
        "AWS CLI sts assume-role / get-session-token (JSON)": json.dumps({"Credentials": {
            "AccessKeyId": k, "SecretAccessKey": s, "SessionToken": t,
            "Expiration": (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+00:00")}}),
        "AWS CLI configure export-credentials (JSON)": json.dumps({"Version": 1, "AccessKeyId": k, "SecretAccessKey": s, "SessionToken": t}),
        "AWS credentials file profile": f"[lens]\naws_access_key_id = {k}\naws_secret_access_key = {s}\naws_session_token = {t}\n",
    }


@pytest.fixture
def console(journey):
    """Every console message the page printed, of any level."""
    messages = []
    journey.page.on("console", lambda m: messages.append(m.text))
    return messages


@pytest.fixture
def leak_check(journey, console):
    """After the journey: the secrets are nowhere but in the masked secret fields' values."""
    yield
    page = journey.page
    secrets = [s for c in (DEMO_CREDENTIALS, EXPIRED_CREDENTIALS) for s in (c.secret_key, c.session_token)]
    storage = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    databases = page.evaluate("async () => JSON.stringify(await indexedDB.databases())")
    cookies = json.dumps(page.context.cookies())
    dom = page.evaluate("""() => document.documentElement.outerHTML + '\\n' +
        [...document.querySelectorAll('input, textarea, select')]
            .filter(e => !e.classList.contains('secret')).map(e => e.value).join('\\n')""")
    places = {"localStorage/sessionStorage": storage, "IndexedDB": databases, "cookies": cookies,
              "URL": page.url, "DOM outside the secret fields": dom, "console": "\n".join(console)}
    assert json.loads(databases) == [], f"the app created IndexedDB databases: {databases}"
    for where, text in places.items():
        for secret in secrets:
            assert secret not in text, f"a secret key or session token appears in the {where}"


def open_connection(journey, standin):
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    page.get_by_text("Custom endpoints").click()
    for label in ("EC2 endpoint", "Cost Explorer endpoint", "STS endpoint", "CloudWatch endpoint"):
        page.get_by_label(label, exact=True).fill(standin.url)
    return page


def connect(page, paste_text):
    page.get_by_label("Paste credentials").fill(paste_text)
    page.get_by_role("button", name="Connect", exact=True).click()


@pytest.mark.parametrize("label", list(pastes(C)), ids=["bash", "powershell", "cmd", "sts-json", "export-json", "profile"])
def test_each_paste_format_connects_and_shows_the_arn(journey, standin, leak_check, label):
    page = open_connection(journey, standin)
    page.get_by_label("Paste credentials").fill(pastes(C)[label])
    expect(page.get_by_text(f"Recognised: {label}")).to_be_visible()
    expect(page.get_by_label("Access key ID")).to_have_value(C.access_key)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_text(C.arn)).to_be_visible()
    expect(page.locator(".identity-account")).to_have_text(C.account)
    expect(page.get_by_label("Connection status")).to_contain_text(f"{C.account} · us-east-1")
    if "assume-role" in label:
        expect(page.get_by_text(re.compile(r"Expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(expires in"))).to_be_visible()
    calls = [e for e in standin.log() if e.get("kind") == "aws"]
    assert [(e["service"], e["operation"]) for e in calls] == [("sts", "GetCallerIdentity")]


def test_wrong_secret_shows_the_signature_error(journey, standin, leak_check):
    journey.bad_credentials_expected = True
    journey.expect_page_problems = True  # AWS's 403 shows up as a failed response
    page = open_connection(journey, standin)
    wrong = C.__class__(C.access_key, "x" * 40, C.session_token)
    connect(page, pastes(wrong)["IAM Identity Center (bash)"])
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text("SignatureDoesNotMatch")
    expect(alert).to_contain_text("Request ID:")
    expect(alert).to_contain_text("belong together")
    # Nothing typed was lost.
    expect(page.get_by_label("Access key ID")).to_have_value(C.access_key)
    expect(page.get_by_label("STS endpoint", exact=True)).to_have_value(standin.url)


def test_unknown_key_shows_invalid_client_token(journey, standin, leak_check):
    journey.bad_credentials_expected = True
    journey.expect_page_problems = True
    page = open_connection(journey, standin)
    unknown = C.__class__("ASIAE2ESTANDIN0NOPE1", C.secret_key, C.session_token)
    connect(page, pastes(unknown)["IAM Identity Center (bash)"])
    expect(page.locator(".error-panel")).to_contain_text("InvalidClientTokenId")


def test_expired_token_says_to_paste_fresh_credentials(journey, standin, leak_check):
    journey.bad_credentials_expected = True
    journey.expect_page_problems = True
    page = open_connection(journey, standin)
    connect(page, pastes(EXPIRED_CREDENTIALS)["IAM Identity Center (bash)"])
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text("ExpiredToken")
    expect(alert).to_contain_text("Paste fresh temporary credentials")


def test_throttled_twice_then_the_third_attempt_succeeds(journey, standin, leak_check):
    journey.expect_page_problems = True  # the two throttled answers are HTTP errors
    page = open_connection(journey, standin)
    standin.scenario(throttle={"count": 2, "service": "sts"})
    connect(page, pastes(C)["IAM Identity Center (bash)"])
    expect(page.get_by_text(C.arn)).to_be_visible()
    page.get_by_text(re.compile(r"Retried 2 time")).click()
    expect(page.get_by_text(re.compile(r"Throttled by AWS, retrying in \d+\.\d s \(attempt 2 of 3\)"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Throttled by AWS, retrying in \d+\.\d s \(attempt 3 of 3\)"))).to_be_visible()
    calls = [e for e in standin.log() if e.get("kind") == "aws"]
    assert len(calls) == 3


def test_a_clock_20_minutes_behind_is_detected_and_corrected(journey, standin, leak_check):
    journey.expect_page_problems = True  # the first, skewed attempt is refused
    journey.clock_skew_expected = True
    page = journey.page
    page.clock.set_fixed_time(datetime.now(timezone.utc) - timedelta(minutes=20))
    page = open_connection(journey, standin)
    connect(page, pastes(C)["IAM Identity Center (bash)"])
    expect(page.get_by_text(C.arn)).to_be_visible()
    # AWS states its time in whole seconds, so the measured offset is 20 min give or take 1 s.
    expect(page.get_by_text(re.compile(r"Your computer's clock is (19 min 5\d|20 min 0\d) s behind AWS's"))).to_be_visible()
    verdicts = [e["signature"]["valid"] for e in standin.log() if e.get("kind") == "aws"]
    assert verdicts == [False, True], verdicts


def test_dropped_cors_headers_explain_the_proxy_route(journey, standin, leak_check):
    journey.expect_page_problems = True  # the browser reports the CORS refusal
    page = open_connection(journey, standin)
    standin.scenario(cors="drop")
    connect(page, pastes(C)["IAM Identity Center (bash)"])
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text(f"No answer from {standin.url}", timeout=30_000)
    expect(alert).to_contain_text("Custom endpoints")


def test_sample_data_works_with_the_network_blocked(journey, standin, leak_check):
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    # Once the page has loaded (its parts included), the sample data needs no network.
    wait_until_loaded(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Try with sample data").click()
    expect(page.get_by_text("arn:aws:sts::111122223333:assumed-role/FinOpsReadOnly/demo-user")).to_be_visible()
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data · us-east-1")
    page.context.set_offline(False)
    assert standin.log() == []


def test_forget_wipes_and_a_reload_forgets(journey, standin, leak_check):
    page = open_connection(journey, standin)
    connect(page, pastes(C)["IAM Identity Center (bash)"])
    expect(page.get_by_text(C.arn)).to_be_visible()
    page.get_by_role("button", name="Forget credentials").click()
    for label in ("Access key ID", "Secret access key", "Session token"):
        expect(page.get_by_label(label, exact=True)).to_have_value("")
    expect(page.get_by_label("Connection status")).to_have_text("Not connected")
    connect(page, pastes(C)["IAM Identity Center (bash)"])
    expect(page.get_by_text(C.arn)).to_be_visible()
    page.reload()
    expect(page.get_by_label("Connection status")).to_have_text("Not connected")
    expect(page.get_by_label("Access key ID")).to_have_value("")
