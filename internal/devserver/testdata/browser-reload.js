// Manual check of "maki serve" in a real Chromium: the reload script loads
// under the site's Content-Security-Policy, a save reloads the page, a
// broken save shows the error list, fixing it brings the site back.
//
//   maki serve --port 18432 &          (in a scratch copy of the project)
//   NODE_PATH=test/browser/node_modules node internal/devserver/testdata/browser-reload.js \
//       http://127.0.0.1:18432/ <scratch>/content/systeme/<some system>.yaml
"use strict";
const fs = require("fs");
const { chromium } = require("playwright-core");

const [url, file] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const fail = (msg) => { console.error("FAIL:", msg); fs.writeFileSync(file, original); process.exit(1); };

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400 && r.status() !== 500) problems.push(r.status() + " " + r.url()); });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('script[src^="/_maki/reload.js"]'));
  // Give the EventSource a moment to connect.
  await page.waitForTimeout(500);

  const reloaded = () => page.waitForEvent("load", { timeout: 60000 });

  let wait = reloaded();
  fs.writeFileSync(file, original + "\n# gespeichert\n");
  await wait;
  console.log("ok: a save reloaded the page");

  wait = reloaded();
  fs.writeFileSync(file, original.replace(/^status: .*$/m, "status: prod"));
  await wait;
  const body = await page.textContent("body");
  if (!/Build failed/.test(body) || !/field "status": unknown value "prod"/.test(body)) fail("no error list after a broken save: " + body);
  console.log("ok: a broken save shows the error list");

  wait = reloaded();
  fs.writeFileSync(file, original);
  await wait;
  if (/Build failed/.test(await page.textContent("body"))) fail("still the error page after the fix");
  console.log("ok: fixing the file brings the site back");

  const csp = problems.filter((p) => /Content Security Policy|Refused/.test(p));
  if (csp.length) fail("CSP violations: " + csp.join("; "));
  if (problems.length) console.log("console errors (not CSP):", problems);
  console.log("ok: no CSP violation");
  await browser.close();
})().catch((e) => fail(e.stack || e));
