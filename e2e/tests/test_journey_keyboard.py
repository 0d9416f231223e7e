"""The keyboard alone: every control of every view is reached by Tab and shows where focus is;
the controls that change the page work from the keyboard and keep its place; a whole journey
from Connection to the coverage CSV without the mouse."""

import re

from playwright.sync_api import expect

from e2e.support.app import connect_to_sample_data, open_area

# What a keyboard user must be able to reach: every visible, enabled control.
CONTROLS = """a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"""


def _describe_focus(page):
    return page.evaluate("""() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const s = getComputedStyle(e);
        const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                        || s.boxShadow !== 'none';
        return {kb: e.dataset.kb ?? null, visible,
                name: (e.getAttribute('aria-label') || e.innerText || e.value || e.id || e.tagName).trim().slice(0, 60)};
    }""")


def tab_through(page, limit=600):
    """Marks every visible control, then presses Tab from the first one until focus leaves
    the page or comes back round. Returns the controls never reached and those reached without
    visible focus (by their names). Radio buttons count as one stop per group, as browsers make them."""
    total = page.evaluate("""(selector) => {
        document.querySelectorAll('[data-kb]').forEach(e => delete e.dataset.kb);
        const shown = [...document.querySelectorAll(selector)]
            .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
            // Inside a closed <details>, only its summary is shown (Chromium still lays the rest out).
            .filter(e => { const d = e.closest('details:not([open])'); return !d || !!e.closest('summary'); });
        shown.forEach((e, i) => e.dataset.kb = String(i));
        document.activeElement && document.activeElement.blur();
        return shown.length;
    }""", CONTROLS)
    assert total > 0
    # The walk starts at the page's first control (Tab from the body would start after whatever
    # was clicked last: the browser's sequential focus starting point).
    # Focused from script, it would not show keyboard focus: step out backwards and come back.
    page.locator("[data-kb='0']").focus()
    page.keyboard.press("Shift+Tab")
    reached, unseen, first = set(), [], None
    for _ in range(min(limit, total + 20)):
        page.keyboard.press("Tab")
        f = _describe_focus(page)
        if first is None:
            assert f is not None and f["kb"] == "0", f"the walk did not start at the first control: {f}"
        elif f is None or f["kb"] == first:
            break
        first = first or f["kb"]
        if f["kb"] is not None:
            reached.add(f["kb"])
        if not f["visible"]:
            unseen.append(f["name"])
    missed = page.evaluate("""(reached) => [...document.querySelectorAll('[data-kb]')]
        .filter(e => !reached.includes(e.dataset.kb))
        .filter(e => !(e.type === 'radio' && [...document.getElementsByName(e.name)]
                                                .some(r => reached.includes(r.dataset.kb))))
        .map(e => (e.getAttribute('aria-label') || e.innerText || e.id || e.tagName).trim().slice(0, 60))""",
        sorted(reached))
    return total, missed, unseen


def assert_all_reachable(page, where):
    total, missed, unseen = tab_through(page)
    assert missed == [], f"{where}: {len(missed)} of {total} controls never reached by Tab: {missed}"
    assert unseen == [], f"{where}: focus not visible on {unseen}"
    return total


def test_every_control_of_every_view_is_reached_by_tab_with_visible_focus(journey):
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    page.get_by_text("Custom endpoints").click()
    expect(page.get_by_label("EC2 endpoint", exact=True)).to_be_visible()
    page.locator(".security-notice summary").click()
    counts = {"connection": assert_all_reachable(page, "Connection, endpoints and notice open")}

    connect_to_sample_data(journey)
    counts["connected"] = assert_all_reachable(page, "Connection, connected")
    open_area(page, "Capacity Reservations")
    expect(page.get_by_text(re.compile(r"^9 of 9 reservations$"))).to_be_visible()
    counts["list"] = assert_all_reachable(page, "reservation list")
    page.get_by_role("link", name="cr-0a1b2c3d4e5f60007").click()
    expect(page.get_by_text(re.compile(r"^320 of 320 accounts$"))).to_be_visible()
    counts["usage"] = assert_all_reachable(page, "usage detail")

    open_area(page, "Commitments")
    page.get_by_role("button", name="Add dimension condition").click()
    page.get_by_role("button", name="Add tag condition").click()
    condition = page.get_by_role("listitem", name="Condition 1")
    condition.get_by_label("Dimension", exact=True).select_option("INSTANCE_TYPE")
    page.locator("#cond-0-value").focus()
    expect(condition.get_by_role("list", name="Values Cost Explorer knows")).to_be_visible()
    counts["filter"] = assert_all_reachable(page, "filter builder with conditions and suggestions")
    page.get_by_role("button", name="Remove condition 2").click()
    page.get_by_role("button", name="Remove condition 1").click()
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=30_000)
    counts["results"] = assert_all_reachable(page, "coverage results")
    # Each walk went through the view's own controls, not just the page's frame (nav, notice).
    assert counts["filter"] > counts["results"] and min(counts.values()) >= 8, counts


def test_the_controls_that_change_the_page_work_from_the_keyboard(journey):
    page = connect_to_sample_data(journey)
    # Custom endpoints open with Enter on their summary.
    page.get_by_text("Custom endpoints").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("EC2 endpoint", exact=True)).to_be_visible()

    # The list sorts from the keyboard.
    open_area(page, "Capacity Reservations")
    reservations = page.get_by_role("region", name=re.compile(r"^Reservations table"))
    header = reservations.locator("th", has=page.get_by_role("button", name=re.compile(r"^Instance type")))
    header.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")

    # The filter builder: a new condition takes the focus; a dimension, a value typed, a value
    # ticked, a chip removed and the condition removed, each keeping the keyboard's place.
    open_area(page, "Commitments")
    page.get_by_role("button", name="Add dimension condition").focus()
    page.keyboard.press("Enter")
    condition = page.get_by_role("listitem", name="Condition 1")
    expect(page.locator("#cond-0-kind")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#cond-0-key")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#cond-0-key")).not_to_have_value("")
    page.locator("#cond-0-key").select_option("INSTANCE_TYPE")  # the list's order is not the point
    page.locator("#cond-0-value").focus()
    page.keyboard.type("x2idn.custom")
    page.keyboard.press("Enter")
    chips = condition.get_by_role("list", name="Chosen values")
    expect(chips.get_by_role("listitem")).to_have_count(1)
    suggestion = condition.get_by_label("m6i.xlarge", exact=True)
    suggestion.focus()
    page.keyboard.press("Space")
    expect(suggestion).to_be_checked()
    expect(chips.get_by_role("listitem")).to_have_count(2)
    chips.get_by_role("button", name="Remove value x2idn.custom").focus()
    page.keyboard.press("Enter")
    expect(chips.get_by_role("listitem")).to_have_count(1)
    expect(page.locator("#cond-0-value")).to_be_focused()
    condition.get_by_role("button", name="Remove condition 1").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("listitem", name="Condition 1")).to_have_count(0)
    expect(page.get_by_role("button", name="Add dimension condition")).to_be_focused()


def _tab_to(page, name, limit=80):
    """Presses Tab until the focused control's name is ``name``; fails past ``limit``. Returns
    what ``_describe_focus`` says of it: its name, and whether its focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _describe_focus(page)
        if focused is not None and focused["name"] == name:
            return focused
    raise AssertionError(f"{name!r} was not reached with {limit} presses of Tab")


def test_keyboard_only_from_connection_to_the_coverage_csv(journey):
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    page.locator("body").focus()
    assert _tab_to(page, "Try with sample data")["visible"], "focus is not visible"
    page.keyboard.press("Enter")
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data")
    _tab_to(page, "Commitments")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Commitments")).to_be_visible()
    _tab_to(page, "Run RI coverage query")
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Coverage results")).to_be_visible(timeout=30_000)
    _tab_to(page, "Export CSV")
    with page.expect_download() as d:
        page.keyboard.press("Enter")
    text = open(d.value.path(), encoding="utf-8").read()
    assert text.startswith("Start,End (exclusive)")
    assert len(text.splitlines()) > 10
