// The one-file build in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core, pinned by e2e/package-lock.json; Playwright's Firefox is a patched build this
// machine cannot download). Run by e2e/tests/test_one_file_firefox.py:
//   node e2e/firefox/one_file.mjs FILE_URL STANDIN_URL PASTE
// Opens the file from disk, shows sample data in every area, connects to the stand-in and runs a
// coverage query, exports its CSV and copies its CLI command. Prints one JSON object: what each
// step saw, the requests the page made, console errors, page errors and policy violations.
// The test asserts; this only drives and reports (and exits non-zero if a step times out).
import puppeteer from "puppeteer-core";

const [fileUrl, standinUrl, paste] = process.argv.slice(2);
const report = { steps: {}, requests: [], errors: [], violations: [], downloads: [] };
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.LENS_FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  protocolTimeout: 60_000,
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on("request", (r) => report.requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") report.errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => report.errors.push(`page: ${e.message}`));
  // What the page reports of its policy, and what it offers as downloads (a Blob behind an
  // <a download>: the file the browser would save).
  await page.evaluateOnNewDocument(() => {
    window.__lens = { violations: [], downloads: [] };
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__lens.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
    const blobs = new Map();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = createObjectURL(blob);
      blobs.set(url, blob);
      return url;
    };
    const click = HTMLElement.prototype.click;
    HTMLElement.prototype.click = function () {
      if (this instanceof HTMLAnchorElement && this.download && blobs.has(this.href)) {
        const entry = { name: this.download, text: null };
        window.__lens.downloads.push(entry);
        blobs.get(this.href).text().then((t) => { entry.text = t; });
      }
      return click.call(this);
    };
  });
  const text = (selector) => page.$eval(selector, (e) => e.innerText);
  const waitText = (needle) =>
    page.waitForFunction((n) => document.body.innerText.includes(n), {}, needle);
  const clickText = async (selector, words) => {
    const el = await page.waitForSelector(`${selector}::-p-text(${words})`);
    await el.click();
  };
  const collect = async () => {
    const seen = await page.evaluate(() => window.__lens);
    report.violations.push(...seen.violations);
    report.downloads.push(...seen.downloads);
  };

  // Sample data in every area.
  await page.goto(`${fileUrl}#/connection`);
  await clickText("button", "Try with sample data");
  await waitText("Sample data ·");
  await clickText("nav a", "Capacity Reservations");
  await page.waitForSelector("table.data tbody tr");
  await waitText("of 9 reservations");
  report.steps.capacity = await text("main");
  await clickText("nav a", "Commitments");
  await clickText("button", "Run RI coverage query");
  await page.waitForSelector("table.coverage-table tbody tr");
  report.steps.sampleCoverageRows = await page.$$eval("table.coverage-table tbody tr", (r) => r.length);
  report.steps.url = page.url();
  report.steps.footer = await text("footer");
  report.steps.storage = await page.evaluate(() => [sessionStorage.length, localStorage.length]);
  await collect();

  // A connection to the stand-in (an AWS-compatible endpoint for all four services).
  await page.reload();
  await page.goto(`${fileUrl}#/connection`);
  await page.waitForSelector("#paste");
  await clickText("summary", "Custom endpoints");
  for (const id of ["ec2-endpoint", "ce-endpoint", "sts-endpoint", "cloudwatch-endpoint"]) {
    await page.locator(`#${id}`).fill(standinUrl);
  }
  await page.locator("#paste").fill(paste);
  await page.select("#region", "us-east-1");
  await clickText("button", "Connect");
  await page.waitForFunction(() => /arn:aws:/.test(document.body.innerText));
  report.steps.connected = await text("main");
  await clickText("nav a", "Commitments");
  await clickText("button", "Run RI coverage query");
  await page.waitForSelector("table.coverage-table tbody tr", { timeout: 60_000 });
  report.steps.awsCoverageRows = await page.$$eval("table.coverage-table tbody tr", (r) => r.length);
  await clickText("button", "Export CSV");
  await page.waitForFunction(() => window.__lens.downloads.length === 1 && window.__lens.downloads[0].text !== null);
  await clickText("button", "Copy as AWS CLI command");
  await page.waitForFunction(() => document.body.innerText.includes("Copied.") ||
    document.body.innerText.includes("The browser refused the clipboard"));
  report.steps.copy = (await text("main")).includes("Copied.") ? "Copied." : "refused";
  await collect();
} catch (e) {
  // What the page showed when a step failed, for the test's message.
  const pages = await browser.pages();
  const shown = pages.length ? await pages[pages.length - 1].evaluate(() => document.body.innerText).catch(() => "") : "";
  console.error(`the page showed:\n${shown.slice(0, 3000)}\nreport so far: ${JSON.stringify(report).slice(0, 3000)}`);
  throw e;
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
