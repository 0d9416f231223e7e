"""The Cost Explorer filter builder against the stand-in: a filter built in the form reaches AWS
exactly; dimension values come from GetDimensionValues and a repeated search is not paid twice;
an invalid filter sends nothing; a link reopens the filter; the request counter counts."""

import json
import re
from urllib.parse import unquote

from playwright.sync_api import expect

from e2e.support.app import aws_calls, connect_to_standin

EXPECTED_FILTER = {"And": [
    {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
    {"Dimensions": {"Key": "INSTANCE_TYPE", "Values": ["m5.large", "c5.xlarge"]}},
    {"Tags": {"Key": "team", "Values": ["platform"]}},
]}


def open_coverage(page):
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    expect(page.get_by_role("heading", level=1, name="Commitments")).to_be_visible()


def condition(page, n):
    return page.get_by_role("listitem", name=f"Condition {n}")


def add_value(page, index, value):
    box = page.locator(f"#cond-{index}-value")
    box.fill(value)
    box.press("Enter")


def build_two_dimensions_and_a_tag(page):
    page.get_by_role("button", name="Add dimension condition").click()
    condition(page, 1).get_by_label("Dimension", exact=True).select_option("REGION")
    add_value(page, 0, "us-east-1")
    page.get_by_role("button", name="Add dimension condition").click()
    condition(page, 2).get_by_label("Dimension", exact=True).select_option("INSTANCE_TYPE")
    # Values picked from what Cost Explorer lists (GetDimensionValues, Context RESERVATIONS).
    box = page.locator("#cond-1-value")
    box.fill("m5")
    picker = condition(page, 2).get_by_role("list", name="Values Cost Explorer knows")
    expect(picker.get_by_label("m5.large", exact=True)).to_be_visible()
    picker.get_by_label("m5.large", exact=True).check()
    box.fill("c5")
    expect(picker.get_by_label("c5.xlarge", exact=True)).to_be_visible()
    picker.get_by_label("c5.xlarge", exact=True).check()
    page.get_by_role("button", name="Add tag condition").click()
    condition(page, 3).get_by_label("Tag key").fill("team")
    add_value(page, 2, "platform")


def shown_json(page):
    return json.loads(page.locator("#filter-json-out").inner_text())


def test_two_dimensions_and_a_tag_reach_aws_exactly(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    build_two_dimensions_and_a_tag(page)
    assert shown_json(page) == EXPECTED_FILTER
    run = page.get_by_role("button", name="Run RI coverage query")
    expect(run).to_be_enabled()
    run.click()
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=30_000)
    sent = aws_calls(standin, "GetReservationCoverage")
    assert len(sent) == 1
    assert sent[0]["params"]["Filter"] == EXPECTED_FILTER
    assert sent[0]["params"]["Granularity"] == "DAILY"
    # The picker's lookups: RESERVATIONS context, the query's period, one per search text.
    lookups = aws_calls(standin, "GetDimensionValues")
    assert {e["params"]["Context"] for e in lookups} == {"RESERVATIONS"}
    assert {e["params"]["TimePeriod"]["Start"] for e in lookups} == {sent[0]["params"]["TimePeriod"]["Start"]}
    # The counter counts every Cost Explorer request sent.
    ce_total = len(aws_calls(standin, "GetReservationCoverage")) + len(lookups)
    expect(page.get_by_label("Cost Explorer requests this session")).to_contain_text(
        f"Cost Explorer requests this session: {ce_total} (USD 0.{ce_total:02d}")


def test_a_repeated_search_is_not_asked_twice(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    page.get_by_role("button", name="Add dimension condition").click()
    condition(page, 1).get_by_label("Dimension", exact=True).select_option("INSTANCE_TYPE")
    box = page.locator("#cond-0-value")
    picker = condition(page, 1).get_by_role("list", name="Values Cost Explorer knows")
    box.fill("m5")
    expect(picker.get_by_label("m5.xlarge", exact=True)).to_be_visible()
    expect(picker.get_by_label("c5.xlarge", exact=True)).to_have_count(0)

    def searches(text):
        return [e for e in aws_calls(standin, "GetDimensionValues") if e["params"].get("SearchString") == text]

    assert len(searches("m5")) == 1
    box.fill("c5")
    expect(picker.get_by_label("c5.xlarge", exact=True)).to_be_visible()
    box.fill("m5")
    expect(picker.get_by_label("m5.xlarge", exact=True)).to_be_visible()
    page.wait_for_timeout(800)  # past the debounce: a second request would have gone by now
    assert len(searches("m5")) == 1, "the same search was asked again"
    assert len(searches("c5")) == 1


def test_an_invalid_filter_sends_nothing(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    run = page.get_by_role("button", name="Run RI coverage query")
    # A condition without values.
    page.get_by_role("button", name="Add dimension condition").click()
    condition(page, 1).get_by_label("Dimension", exact=True).select_option("REGION")
    expect(run).to_be_disabled()
    expect(page.locator("#run-reason")).to_have_text("Fix the filter's problems shown above first.")
    expect(condition(page, 1).locator(".field-error")).to_contain_text("Add at least one value")
    # An Or pasted as JSON: coverage accepts only And.
    page.get_by_label("Paste a filter as JSON").fill(
        '{"Or": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}, '
        '{"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}]}')
    page.get_by_role("button", name="Import JSON").click()
    expect(page.locator(".violations.general")).to_contain_text("AWS refuses Or in reservation coverage filters")
    expect(run).to_be_disabled()
    # Broken JSON is refused with where it broke, and the pasted text stays.
    page.get_by_label("Paste a filter as JSON").fill('{"Dimensions": {"Key": "REGION", "Values": "us-east-1"}}')
    page.get_by_role("button", name="Import JSON").click()
    expect(page.get_by_role("alert").filter(has_text="$.Dimensions.Values")).to_be_visible()
    expect(page.get_by_label("Paste a filter as JSON")).to_have_value(
        '{"Dimensions": {"Key": "REGION", "Values": "us-east-1"}}')
    run.click(force=True)
    page.wait_for_timeout(300)
    assert aws_calls(standin, "GetReservationCoverage") == []


def test_a_link_reopens_the_filter(journey, standin):
    page = connect_to_standin(journey)
    open_coverage(page)
    build_two_dimensions_and_a_tag(page)
    link = page.url
    assert "filter=" in link
    assert json.loads(unquote(re.search(r"filter=([^&]*)", link).group(1))) == EXPECTED_FILTER
    assert "ASIA" not in link and "secret" not in link.lower()
    # A new visit opens the same filter; the link carries no credentials, so it asks to connect.
    page = page.context.new_page()
    page.goto(link)
    expect(page.locator("#run-reason")).to_contain_text("Connect first")
    expect(page.get_by_role("heading", level=1, name="Commitments")).to_be_visible()
    assert shown_json(page) == EXPECTED_FILTER
    expect(condition(page, 2).get_by_label("Dimension", exact=True)).to_have_value("INSTANCE_TYPE")
    expect(condition(page, 3).get_by_label("Tag key")).to_have_value("team")
    expect(condition(page, 2).get_by_role("list", name="Chosen values")).to_contain_text("c5.xlarge")
