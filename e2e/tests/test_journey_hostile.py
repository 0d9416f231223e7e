"""Strings that try to run script or break out of an attribute, from AWS's own answers (tag keys
and values on reservations, tag values in coverage groups), stay text in every sink the app
fills: the reservations table and its CSV, the coverage chart's titles and legend, the coverage
table and its CSV, and the CLI command. Nothing runs, no element or attribute is injected."""

import csv
import io
import json
import re

from playwright.sync_api import expect

from e2e.standin.scenarios import HOSTILE_ERROR_MESSAGE, HOSTILE_TAG_KEY, HOSTILE_TAG_VALUES
from e2e.support.app import connect_to_standin

INJECTED = "img[src='x'], script:not([type]), [onerror], [onmouseover], a[href^='javascript:']"


def assert_inert(page):
    assert page.evaluate("() => window.__lensPwned") is None, "a hostile string ran"
    assert page.locator(INJECTED).count() == 0, page.locator(INJECTED).evaluate_all("es => es.map(e => e.outerHTML)")


def test_hostile_tags_stay_text_in_tables_charts_csv_and_cli(journey, standin):
    standin.scenarios.update({"hostile_tags": True})
    page = connect_to_standin(journey, "eu-west-1")
    page.get_by_role("navigation").get_by_role("link", name="Capacity Reservations").click()
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ reservations$"))).to_be_visible()
    table = page.locator("table.data").first
    for value in HOSTILE_TAG_VALUES:
        expect(table).to_contain_text(f"{HOSTILE_TAG_KEY}={value}")
    assert_inert(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Export CSV")).first.click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert HOSTILE_TAG_VALUES[0] in text  # the data, as data
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    # No cell a spreadsheet would run as a formula.
    formulas = [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not re.fullmatch(r"-[\d.]+", c))]
    assert not formulas, formulas

    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    page.get_by_label("Period").select_option("7d")
    page.get_by_label("Split by").select_option("tag:")
    page.get_by_label("Tag key").fill("team")
    page.get_by_role("button", name="Run RI coverage query").click()
    results = page.get_by_role("region", name=re.compile("RI coverage results"))
    expect(results).to_be_visible(timeout=60_000)
    legend = page.locator(".coverage-results .legend").first
    svg_titles = page.locator("svg.coverage-lines title").all_text_contents()
    for value in HOSTILE_TAG_VALUES[:4]:  # the data has four teams
        expect(legend).to_contain_text(value)
        assert any(value in t for t in svg_titles), (value, svg_titles[:5])
    expect(page.locator("table.coverage-table")).to_contain_text(HOSTILE_TAG_VALUES[0])
    assert_inert(page)


def test_a_hostile_error_message_and_filter_json_stay_text(journey, standin):
    journey.expect_page_problems = True  # the refusal is an HTTP 400
    journey.aws_refusals_expected = frozenset({"ValidationException"})
    page = connect_to_standin(journey)
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    # A pasted filter whose values are markup: shown as values, in the JSON and in the CLI.
    page.get_by_text("Filter as JSON").first.click()
    hostile = HOSTILE_TAG_VALUES[1]
    page.get_by_label("Paste a filter as JSON").fill(
        '{"Tags": {"Key": "team", "Values": [' + json.dumps(hostile) + ']}}')
    page.get_by_role("button", name="Import JSON").click()
    expect(page.locator("#filter-json-out")).to_contain_text("onerror=window.__lensPwned=1")
    assert_inert(page)
    standin.scenario(hostile_error=True)
    page.get_by_role("button", name="Run RI coverage query").click()
    panel = page.locator(".error-panel")
    expect(panel).to_contain_text("ValidationException")
    expect(panel).to_contain_text(HOSTILE_ERROR_MESSAGE)  # as text, tags and all
    assert panel.locator("b, img").count() == 0
    assert_inert(page)
