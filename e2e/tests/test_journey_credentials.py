"""Credentials the way people bring them to a stand-in or an old paste: LocalStack's test/test
against AWS-compatible endpoints (set before or after the paste), credentials whose expiry has
passed, masked fields no password manager is offered, and Forget clearing the paste box."""

import json
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from e2e.standin.credentials import DEMO_CREDENTIALS as C, STANDIN_TEST_CREDENTIALS as T

TEST_PASTE = "export AWS_ACCESS_KEY_ID=test\nexport AWS_SECRET_ACCESS_KEY=test\n"


def aws_calls(standin):
    return [e for e in standin.log() if e.get("kind") == "aws"]


def set_endpoints(page, url):
    page.get_by_text("Custom endpoints").click()
    for label in ("EC2 endpoint", "Cost Explorer endpoint", "STS endpoint", "CloudWatch endpoint"):
        page.get_by_label(label, exact=True).fill(url)


def test_stand_in_keys_connect_when_every_endpoint_is_the_stand_in(journey, standin):
    page = journey.open("#/connection")
    set_endpoints(page, standin.url)
    page.get_by_label("Paste credentials").fill(TEST_PASTE)
    expect(page.get_by_text("Recognised: IAM Identity Center (bash)")).to_be_visible()
    expect(page.get_by_text("These keys don't look like AWS's")).to_be_visible()
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_text(T.arn)).to_be_visible()
    calls = aws_calls(standin)
    assert [(e["service"], e["operation"]) for e in calls] == [("sts", "GetCallerIdentity")]


def test_a_stand_in_paste_made_before_the_endpoints_is_checked_again(journey, standin):
    page = journey.open("#/connection")
    page.get_by_label("Paste credentials").fill(TEST_PASTE)
    paste_error = page.locator(".field-error").first
    expect(paste_error).to_contain_text("access key ID")
    set_endpoints(page, standin.url)
    expect(page.get_by_text("Recognised: IAM Identity Center (bash)")).to_be_visible()
    expect(page.get_by_label("Access key ID")).to_have_value("test")
    expect(page.locator(".field-error")).to_have_count(0)
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_text(T.arn)).to_be_visible()


def test_one_paste_error_at_a_time(journey, standin):
    page = journey.open("#/connection")
    page.get_by_label("Paste credentials").fill(f"export AWS_SECRET_ACCESS_KEY={C.secret_key}\n")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_text("Nothing to connect with yet: the paste above was not accepted")).to_be_visible()
    expect(page.get_by_text("No access key ID found")).to_have_count(1)
    assert aws_calls(standin) == []


def test_expired_credentials_are_refused_before_sending(journey, standin):
    page = journey.open("#/connection")
    set_endpoints(page, standin.url)
    expired = (datetime.now(timezone.utc) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    page.get_by_label("Paste credentials").fill(json.dumps({"Credentials": {
        "AccessKeyId": C.access_key, "SecretAccessKey": C.secret_key, "SessionToken": C.session_token,
        "Expiration": expired}}))
    expect(page.get_by_text("These credentials have expired")).to_be_visible()
    page.get_by_role("button", name="Connect", exact=True).click()
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text("Not sent: the credentials have expired")
    expect(alert).to_contain_text(f"expired at {expired[:10]}")
    expect(alert).to_contain_text("nothing was sent")
    assert aws_calls(standin) == []


def test_secret_fields_are_masked_and_not_offered_to_password_managers(journey, standin):
    page = journey.open("#/connection")
    for label in ("Secret access key", "Session token"):
        field = page.get_by_label(label, exact=True)
        assert field.get_attribute("type") == "text", label
        assert field.get_attribute("autocomplete") == "off", label
        assert field.get_attribute("data-lpignore") == "true", label
        assert field.get_attribute("data-1p-ignore") is not None, label
        assert field.evaluate("e => getComputedStyle(e).webkitTextSecurity") == "disc", label
    assert page.locator("input[type=password]").count() == 0


def test_forget_clears_every_field_the_paste_box_included(journey, standin):
    page = journey.open("#/connection")
    box = page.get_by_label("Paste credentials")
    box.fill(f"export AWS_SECRET_ACCESS_KEY={C.secret_key}\n")
    expect(page.locator(".field-error").first).to_be_visible()
    page.get_by_role("button", name="Forget credentials").click()
    expect(box).to_have_value("")
    for label in ("Access key ID", "Secret access key", "Session token"):
        expect(page.get_by_label(label, exact=True)).to_have_value("")
    expect(page.get_by_text("No access key ID found")).to_have_count(0)
