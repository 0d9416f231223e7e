"""The app's lazily loaded parts (src/chunks.rs, scripts/post_build.py): the first view comes up
with none of them; each is fetched once; a part that does not arrive is said in words, with a way
to try again, and loads when it can."""

import pytest
from playwright.sync_api import expect

from e2e.support.browser import PART, part_pattern


def part_requests(page):
    seen = []
    page.on("request", lambda r: seen.append(r.url) if PART.search(r.url) else None)
    return seen


def hold_parts(page, which=None):
    """Makes the named parts (all by default) fail to arrive, as a dropped network would;
    returns the undo."""
    pattern = part_pattern(which) if which else PART
    page.route(pattern, lambda route: route.abort())
    return lambda: page.unroute(pattern)


def test_the_first_view_needs_no_part_and_every_part_is_fetched_once(journey):
    page = journey.page
    seen = part_requests(page)
    release = hold_parts(page)
    page.goto(journey.site.url + "#/connection")
    # The Connection view works with every part held back.
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    page.get_by_label("Paste credentials").fill("AKIA")
    expect(page.get_by_role("button", name="Try with sample data")).to_be_enabled()
    assert seen, "the page did not start loading its parts after the first view"
    journey.expect_page_problems = True  # the held parts fail to load (logged by the loader)
    release()
    # Every view afterwards: each part fetched once more at most (the failed attempt above and
    # the one that succeeded), never again once loaded.
    seen.clear()
    page.get_by_role("button", name="Try with sample data").click()
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data")
    for name in ("Capacity Reservations", "Commitments", "Capacity Reservations", "Commitments"):
        page.get_by_role("navigation").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
        expect(page.get_by_role("status").filter(has_text=f"Loading {name}")).to_have_count(0)
    page.get_by_role("button", name="Run RI coverage query").click()
    expect(page.locator(".coverage-results").first).to_be_visible(timeout=60_000)
    names = [PART.search(u).group(1) for u in seen]
    assert {"split_capacity", "split_coverage", "split_sample"} <= set(names), names
    assert len(names) == len(set(names)), f"a part was fetched twice: {names}"


def test_a_part_that_does_not_arrive_is_said_and_loads_on_try_again(journey):
    journey.expect_page_problems = True  # the held part fails to load (logged by the loader)
    page = journey.page
    release = hold_parts(page, r"split_capacity")
    page.goto(journey.site.url + "#/capacity")
    expect(page.get_by_role("heading", level=1, name="Capacity Reservations")).to_be_visible()
    alert = page.get_by_role("alert").filter(has_text="This part of the app did not load")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("The code of Capacity Reservations did not arrive from this page's server")
    expect(alert).to_contain_text("reload the page")
    # Trying again while it still fails says so again; the rest of the app keeps working.
    alert.get_by_role("button", name="Try again").click()
    expect(alert).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Connection").click()
    expect(page.get_by_role("button", name="Try with sample data")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Capacity Reservations").click()
    expect(alert).to_be_visible()
    release()
    alert.get_by_role("button", name="Try again").click()
    expect(alert).to_have_count(0)
    expect(page.get_by_text("Connect first: paste credentials or try the sample data")).to_be_visible()


# What "Try with sample data" needs besides the first view: the connection check's part (its
# identity check, signing, retries) and the sample data's.
@pytest.mark.parametrize("part, words", [("split_sample", "the sample data"),
                                         ("split_connect", "the connection check")])
def test_a_part_behind_try_with_sample_data_that_does_not_arrive_is_said_before_anything_is_asked(
        journey, part, words):
    journey.expect_page_problems = True
    page = journey.page
    release = hold_parts(page, part)
    page.goto(journey.site.url + "#/connection")
    page.get_by_role("button", name="Try with sample data").click()
    panel = page.locator(".error-panel")
    expect(panel).to_contain_text("Not sent: part of the app did not load")
    expect(panel).to_contain_text(f"The code of {words} did not arrive from this page's server")
    expect(page.get_by_label("Connection status")).not_to_contain_text("Sample data")
    release()
    page.get_by_role("button", name="Try with sample data").click()
    expect(page.get_by_label("Connection status")).to_contain_text("Sample data")
    expect(panel).to_have_count(0)


def test_an_area_left_while_its_part_arrives_is_never_built(journey):
    # The Coverage area writes its form into the URL when it is built: built after the user
    # moved on, it would take the page back to #/coverage under the Capacity view.
    page = journey.page
    held = []
    pattern = part_pattern("split_coverage")
    page.route(pattern, lambda route: held.append(route))
    page.goto(journey.site.url + "#/commitments")
    expect(page.get_by_role("status").filter(has_text="Loading Commitments")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Capacity Reservations").click()
    expect(page.get_by_text("Connect first: paste credentials or try the sample data")).to_be_visible()
    assert held, "the Coverage part was never asked for"
    for route in held:
        route.continue_()
    page.unroute(pattern)
    # The part arrives (the background load finishes); the page stays where the user is.
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(journey.site.url + "#/capacity")
    expect(page.get_by_role("heading", level=1, name="Capacity Reservations")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    expect(page.get_by_role("button", name="Run RI coverage query")).to_be_visible()


def test_a_browser_that_cannot_compile_the_app_is_told_what_it_needs(journey):
    """A browser without WebAssembly SIMD (.cargo/config.toml) refuses the module: the page says
    so, with the browser's own error, instead of staying blank."""
    journey.expect_page_problems = True  # the start fails, and the loader logs it
    page = journey.page
    page.add_init_script("""
      for (const name of ["instantiate", "instantiateStreaming", "compile", "compileStreaming"]) {
        WebAssembly[name] = async () => {
          throw new WebAssembly.CompileError("invalid opcode 0xfd (simulated)");
        };
      }""")
    page.goto(journey.site.url + "#/connection")
    alert = page.get_by_role("alert").filter(has_text="Reservation Lens could not start")
    expect(alert).to_contain_text("CompileError: invalid opcode 0xfd (simulated)")
    expect(alert).to_contain_text("It needs a browser with WebAssembly SIMD: Chrome or Edge 91")
    expect(page.get_by_role("heading", level=1)).to_have_count(0)
