// Loads each HTML file in the system Chromium (puppeteer-core downloads no browser), runs
// axe-core on it at a desktop viewport, then narrows the window to a phone's and measures
// again, and prints one JSON object on stdout: {"<file>": {"desktop": {...}, "phone": {...}}},
// each with axe's violations (rule id, impact, help, the failing nodes' selectors), the
// page's scroll width against the window's width, and every request that left the file
// (there must be none). axe takes seconds a page, so at the phone viewport it runs only
// on the files named "phone:FILE"; the others get the width check there.
//
// usage: node axe_check.js /usr/bin/chromium [phone:]FILE.html...
"use strict";

const path = require("path");
const puppeteer = require("puppeteer-core");

const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 667, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

async function measure(page, withAxe) {
  const violations = !withAxe ? null : await page.evaluate(async (tags) => {
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, TAGS);
  const widths = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
  }));
  return { violations, ...widths };
}

async function check(browser, file, axeOnPhone) {
  const page = await browser.newPage();
  try {
    await page.setViewport(VIEWPORTS.desktop);
    const requests = [];
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (request.url().startsWith("file:") && request.isNavigationRequest()) {
        request.continue();
      } else {
        requests.push(request.url());
        request.abort();
      }
    });
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    await page.addScriptTag({ path: AXE });
    const desktop = await measure(page, true);
    // A mobile viewport reloads the page (Chromium then reads its viewport meta): axe again.
    await page.setViewport(VIEWPORTS.phone);
    if (axeOnPhone && !(await page.evaluate(() => typeof axe !== "undefined"))) {
      await page.addScriptTag({ path: AXE });
    }
    const phone = await measure(page, axeOnPhone);
    return { desktop: { ...desktop, requests }, phone: { ...phone, requests } };
  } finally {
    await page.close();
  }
}

async function main() {
  const [executablePath, ...files] = process.argv.slice(2);
  const args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");  // Chromium refuses root otherwise
  const browser = await puppeteer.launch({ executablePath, headless: true, args });
  try {
    const results = {};
    for (const argument of files) {
      const file = argument.replace(/^phone:/, "");
      results[file] = await check(browser, file, argument.startsWith("phone:"));
    }
    process.stdout.write(JSON.stringify(results) + "\n");
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});
