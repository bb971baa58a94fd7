#!/usr/bin/env node
// A page as a reader sees it, in the system's headless Chromium (no browser is downloaded): for each viewport,
// axe-core's violations, whether the page scrolls sideways, which boxes do, the headings in order, and a full-page
// screenshot; then the page printed to PDF as Chromium prints it.
//
//   node check_page.js PAGE.html OUT_DIR [CHROMIUM]
//
// Prints one JSON object: {"axe_version", "views": {name: {...}}, "pdf"}.  Writes OUT_DIR/<view>.png and
// OUT_DIR/printed.pdf.  Exit 0 when the checks ran (their results are for the caller to judge), 2 on a failure to run.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const CDP = require("chrome-remote-interface");

const VIEWS = [
  // name, CSS width, height, device scale: 683 px at scale 2 is a 1366-pixel screen zoomed to 200 %
  ["desktop-1366", 1366, 768, 1],
  ["phone-390", 390, 844, 3],
  ["zoom-200", 683, 384, 2],
];

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function devtoolsPort(profile, browser) {
  const file = path.join(profile, "DevToolsActivePort");
  for (let i = 0; i < 300; i++) {
    if (browser.exitCode !== null) throw new Error(`chromium exited with ${browser.exitCode}`);
    try {
      const port = parseInt(fs.readFileSync(file, "utf8").split("\n")[0], 10);
      if (port > 0) return port;
    } catch (e) {
      // not written yet
    }
    await sleep(100);
  }
  throw new Error("chromium did not open its DevTools port");
}

// Runs in the page: the facts a reader would notice, besides axe's rules.
const MEASURE = `(() => {
  const root = document.documentElement;
  const boxes = [...document.querySelectorAll('[role=region]')].map((b) => ({
    label: (document.getElementById(b.getAttribute('aria-labelledby')) || {}).textContent || '',
    scrolls: b.scrollWidth > b.clientWidth + 1,
    width: b.clientWidth,
    content: b.scrollWidth,
  }));
  // text sticking out of the page (outside every scrolling box) would be lost at this width
  const width = root.clientWidth;
  const lost = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('[role=region]')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.right > width + 1 || r.left < -1) { lost.push(node.textContent.slice(0, 20)); break; }
    }
  }
  return {
    page_scrolls_sideways: root.scrollWidth > root.clientWidth + 1,
    client_width: root.clientWidth,
    scroll_width: root.scrollWidth,
    height: root.scrollHeight,
    boxes,
    lost,
    headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => [Number(h.tagName[1]), h.textContent]),
    lang: root.lang,
    title: document.title,
  };
})()`;

async function check(client, axeSource, url, outDir) {
  const { Page, Runtime, Emulation } = client;
  await Page.enable();
  await Runtime.enable();
  const views = {};
  for (const [name, width, height, scale] of VIEWS) {
    await Emulation.setDeviceMetricsOverride({ width, height, deviceScaleFactor: scale, mobile: name.startsWith("phone") });
    const loaded = Page.loadEventFired();
    await Page.navigate({ url });
    await loaded;
    await Runtime.evaluate({ expression: axeSource });
    const axe = await Runtime.evaluate({
      expression: "axe.run(document, {resultTypes: ['violations']}).then((r) => JSON.stringify({" +
        "violations: r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, " +
        "nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary)}))," +
        "passes: r.passes.length, incomplete: r.incomplete.map((v) => ({id: v.id, " +
        "nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + " +
        "[...n.any, ...n.all, ...n.none].map((c) => c.message).join('; '))}))}))",
      awaitPromise: true,
      returnByValue: true,
    });
    if (axe.exceptionDetails) throw new Error("axe failed: " + JSON.stringify(axe.exceptionDetails));
    const facts = await Runtime.evaluate({ expression: MEASURE, returnByValue: true });
    if (facts.exceptionDetails) throw new Error("measuring failed: " + JSON.stringify(facts.exceptionDetails));
    const metrics = await Page.getLayoutMetrics();
    const full = Math.ceil((metrics.cssContentSize || metrics.contentSize).height);
    const shot = await Page.captureScreenshot({ format: "png", captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height: Math.min(full, 12000), scale: 1 } });
    const png = path.join(outDir, `${name}.png`);
    fs.writeFileSync(png, Buffer.from(shot.data, "base64"));
    views[name] = { axe: JSON.parse(axe.result.value), ...facts.result.value, screenshot: png };
  }
  await Emulation.clearDeviceMetricsOverride();
  const loaded = Page.loadEventFired();
  await Page.navigate({ url });
  await loaded;
  const pdf = await Page.printToPDF({ preferCSSPageSize: true, printBackground: true });
  const pdfPath = path.join(outDir, "printed.pdf");
  fs.writeFileSync(pdfPath, Buffer.from(pdf.data, "base64"));
  return { views, pdf: pdfPath };
}

async function main() {
  const [page, outDir, exe = "/usr/bin/chromium"] = process.argv.slice(2);
  if (!page || !outDir) {
    console.error("usage: node check_page.js PAGE.html OUT_DIR [CHROMIUM]");
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const axePath = require.resolve("axe-core/axe.min.js");
  const axeSource = fs.readFileSync(axePath, "utf8");
  const axeVersion = require("axe-core/package.json").version;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "govreport-chromium-"));
  const browser = spawn(exe, [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
    `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  browser.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
  let client;
  try {
    const port = await devtoolsPort(profile, browser);
    const targets = await CDP.List({ port });
    const target = targets.find((t) => t.type === "page");
    client = await CDP({ port, target });
    const url = "file://" + path.resolve(page).split(path.sep).map(encodeURIComponent).join("/");
    const result = await check(client, axeSource, url, outDir);
    process.stdout.write(JSON.stringify({ axe_version: axeVersion, ...result }) + "\n");
  } catch (e) {
    console.error(String(e && e.stack || e) + "\n" + stderr);
    process.exitCode = 2;
  } finally {
    if (client) await client.close().catch(() => {});
    browser.kill("SIGTERM");
    await new Promise((resolve) => { if (browser.exitCode !== null) resolve(); else browser.on("exit", resolve); });
    // the browser's helpers may still be closing their files: try again a little later
    for (let i = 0; i < 20; i++) {
      try { fs.rmSync(profile, { recursive: true, force: true }); break; } catch (e) { await sleep(100); }
    }
  }
}

main();
