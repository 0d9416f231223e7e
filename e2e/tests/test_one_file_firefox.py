"""The one-file build opened from disk in Firefox (Debian's firefox-esr over WebDriver BiDi; the
driving is e2e/firefox/one_file.mjs, the asserting here): sample data in every area, a connection
to the stand-in with a coverage query, its CSV and its copy button; nothing asked of anything but
the file and the stand-in, no policy violation, nothing stored."""

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

from e2e.standin import DEMO_CREDENTIALS
from e2e.support.app import aws_calls, bash_paste
from e2e.support.logcheck import assert_log_consistent
from e2e.tests.test_journey_one_file import NAME

E2E = Path(__file__).resolve().parent.parent
SCRIPT = E2E / "firefox" / "one_file.mjs"


def test_the_one_file_from_disk_works_in_firefox(one_file, standin, tmp_path):
    copy = tmp_path / NAME
    shutil.copy(one_file, copy)
    done = subprocess.run(["node", str(SCRIPT), copy.as_uri(), standin.url, bash_paste(DEMO_CREDENTIALS)],
                          capture_output=True, text=True, timeout=240, cwd=E2E)
    assert done.returncode == 0, f"the Firefox journey stopped:\n{done.stderr[-3000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    steps = report["steps"]
    assert "9 of 9 reservations" in steps["capacity"]
    assert steps["sampleCoverageRows"] == 30
    assert steps["url"].startswith(copy.as_uri()) and steps["url"].endswith("#/commitments")
    assert steps["footer"].startswith("Download this app as one file (")
    assert steps["storage"] == [0, 0]
    assert DEMO_CREDENTIALS.arn in steps["connected"]
    sent = aws_calls(standin, "GetReservationCoverage")
    assert len(sent) == 1 and steps["awsCoverageRows"] > 0
    assert {e["origin"] for e in aws_calls(standin)} == {"null"}
    assert_log_consistent(standin.log(), False, False, frozenset())
    [download] = report["downloads"]
    records = list(csv.reader(io.StringIO(download["text"])))
    assert download["name"].endswith(".csv") and len(records) == steps["awsCoverageRows"] + 2
    assert steps["copy"] == "Copied."
    # Firefox fetches data: URLs of its own (a built-in font); nothing else but the file and
    # the stand-in.
    strangers = [u for u in report["requests"] if not u.startswith((copy.as_uri(), "data:", "blob:", standin.url))]
    assert not strangers, strangers
    assert report["violations"] == [], report["violations"]
    assert report["errors"] == [], report["errors"]
