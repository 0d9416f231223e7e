"""The built page's Content-Security-Policy and the transport rules, as a person meets them:
the policy is there and strict, the browser enforces it, an endpoint it does not allow is named
before anything is sent, and plain http to another computer is refused. Every other journey
also fails on any policy violation (conftest.py)."""


from playwright.sync_api import expect

from e2e.standin import DEMO_CREDENTIALS as C


def directives(page) -> dict:
    content = page.evaluate(
        "() => document.querySelector(\"meta[http-equiv='Content-Security-Policy' i]\")?.content ?? ''"
    )
    assert content, "the built index.html has no Content-Security-Policy"
    out = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def bash_paste(c):
    return (f'export AWS_ACCESS_KEY_ID="{c.access_key}"\nexport AWS_SECRET_ACCESS_KEY="{c.secret_key}"\n'
            f'export AWS_SESSION_TOKEN="{c.session_token}"\n')


def test_the_built_page_carries_a_strict_policy_and_runs_under_it(journey, standin):
    page = journey.open("#/connection")
    # The app started under a policy that allows scripts from the page's origin only (no
    # inline script, no hash) and WebAssembly compilation.
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    d = directives(page)
    assert d["default-src"] == ["'none'"]
    assert d["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert page.evaluate("() => [...document.scripts].filter(s => !s.src).length") == 0
    assert d["style-src"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'none'"] and d["form-action"] == ["'none'"]
    connect = d["connect-src"]
    assert connect[0] == "'self'"
    for origin in ("https://ec2.eu-west-1.amazonaws.com", "https://sts.us-gov-west-1.amazonaws.com",
                   "https://ce.us-east-1.amazonaws.com", "https://ce.cn-northwest-1.amazonaws.com.cn",
                   standin.url.rstrip("/")):
        assert origin in connect, origin
    assert not [s for s in connect if "*" in s or s.endswith(":") or "unsafe" in s], connect
    assert not any("unsafe-inline" in v or "unsafe-eval'" == v for vs in d.values() for v in vs)
    # The sample data draws its charts under the policy too (legend swatches use CSSOM).
    page.get_by_role("button", name="Try with sample data").click()
    page.get_by_role("navigation").get_by_role("link", name="Commitments").click()
    page.get_by_role("button", name="Run RI coverage query").click()
    swatch = page.locator(".coverage-results .swatch").first
    expect(swatch).to_be_visible(timeout=60_000)
    colour = swatch.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("", "rgba(0, 0, 0, 0)", "transparent"), colour


def test_the_browser_enforces_the_policy(journey, standin):
    journey.csp_violations_expected = True
    journey.expect_page_problems = True  # the browser logs the refusal as a console error
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    result = page.evaluate("() => fetch('http://127.0.0.1:9/').then(() => 'sent', () => 'refused')")
    assert result == "refused"
    # The violation event is dispatched as its own task: give it a moment.
    for _ in range(50):
        if journey.watch.csp_violations:
            break
        page.wait_for_timeout(100)
    assert any(v.startswith("connect-src blocked http://127.0.0.1:9") for v in journey.watch.csp_violations), \
        journey.watch.csp_violations


def test_an_endpoint_the_policy_does_not_allow_is_named_and_nothing_is_sent(journey, standin):
    journey.expect_page_problems = True
    page = journey.open("#/connection")
    page.get_by_text("Custom endpoints").click()
    blocked = "https://lens-standin.example:8443"
    for label in ("EC2 endpoint", "Cost Explorer endpoint", "STS endpoint", "CloudWatch endpoint"):
        page.get_by_label(label, exact=True).fill(blocked)
    page.get_by_label("Paste credentials").fill(bash_paste(C))
    page.get_by_role("button", name="Connect", exact=True).click()
    alert = page.locator(".error-panel")
    expect(alert).to_contain_text(f"does not allow connections to {blocked}")
    expect(alert).to_contain_text(f'LENS_CONNECT_SRC="{blocked}"')
    expect(alert).to_contain_text("nothing was sent")
    # Nothing typed was lost, nothing reached the stand-in, and nothing left the machine (the
    # journey fixture checks that last one).
    expect(page.get_by_label("EC2 endpoint", exact=True)).to_have_value(blocked)
    expect(page.get_by_label("Access key ID")).to_have_value(C.access_key)
    assert [e for e in standin.log() if e.get("kind") == "aws"] == []


def test_plain_http_to_another_computer_is_refused_before_sending(journey, standin):
    page = journey.open("#/connection")
    page.get_by_text("Custom endpoints").click()
    page.get_by_label("EC2 endpoint", exact=True).fill("http://lens-proxy.example.com:8080")
    page.get_by_label("Cost Explorer endpoint", exact=True).fill(standin.url)
    page.get_by_label("STS endpoint", exact=True).fill(standin.url)
    expect(page.get_by_text("Plain http:// is allowed only for this computer")).to_be_visible()
    expect(page.get_by_text("Use https://lens-proxy.example.com.")).to_be_visible()
    # The notice says who receives the requests instead of AWS.
    expect(page.get_by_text(f"Custom endpoints are on: requests go to {standin.url.rstrip('/')}")).to_be_visible()
    page.get_by_label("Paste credentials").fill(bash_paste(C))
    connect = page.get_by_role("button", name="Connect", exact=True)
    if connect.is_enabled():
        connect.click()
    expect(page.get_by_label("Connection status")).to_contain_text("Not connected")
    assert [e for e in standin.log() if e.get("kind") == "aws"] == []


def test_a_panic_shows_a_banner_without_secrets(journey, standin):
    journey.expect_page_problems = True  # the panic itself is a page error
    page = journey.open("#/connection")
    expect(page.get_by_role("heading", level=1, name="Connection")).to_be_visible()
    secret = C.secret_key
    page.evaluate("s => { try { window.wasmBindings.provokePanic('while holding ' + s) } catch (e) {} }", secret)
    banner = page.locator("#crash-banner")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("Reload the page to start again")
    expect(banner).to_contain_text("nothing was stored")
    expect(banner).to_contain_text("provoked from the console: while holding [removed]")
    assert secret not in banner.inner_text()
