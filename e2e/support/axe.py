"""axe-core in the page: run it, keep what matters.

axe-core (pinned in e2e/package.json, installed by scripts/setup.sh test) is evaluated through
the DevTools protocol, which the page's Content-Security-Policy does not govern, so the policy
stays exactly as deployed while axe runs.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# Besides every serious and critical finding, these moderate ones were found in the app before
# and must stay fixed: one h1 per view, headings in order, roles the element allows, landmarks.
WATCHED_RULES = {"page-has-heading-one", "heading-order", "aria-allowed-role", "region",
                 "landmark-one-main", "landmark-unique"}


def findings(page):
    """axe's violations on the page as it is now, as (rule, impact, help, targets) tuples."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run scripts/setup.sh test")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => [v.id, v.impact, v.help,
                                      v.nodes.slice(0, 5).map(n => n.target.join(' '))]);
    }""")
    return [tuple(v) for v in result]


def assert_accessible(page, where):
    """No serious or critical finding, and none of the watched moderate ones."""
    bad = [f for f in findings(page) if f[1] in ("serious", "critical") or f[0] in WATCHED_RULES]
    assert not bad, f"axe-core in {where}:\n  " + "\n  ".join(
        f"{rule} ({impact}): {text} at {targets}" for rule, impact, text, targets in bad)
