// measure.mjs — cold one-word queries against maki's search and Pagefind,
// on the same built site, in headless Chromium (playwright-core).
//
// Usage: node measure.mjs --site DIR [--out results.json] [--runs 3] [-q WORD]...
//
// DIR is a site built by `maki build` into which Pagefind has written
// _pagefind/ (run.sh does both). A tiny static server on 127.0.0.1 serves
// DIR under the site's own base path (read from index.html) and counts the
// bytes of every response; each query runs in a fresh browser context, so
// with an empty cache:
//   maki:     open <base>suche/?q=WORD, wait until #search-status is set
//             (search.js writes it after the first results are in the list);
//             bytes = search.<hash>.js + every file under suche/index/.
//   Pagefind: open a blank German page (<html lang="de">) that runs
//             import("<base>_pagefind/pagefind.js"), pagefind.init(),
//             pagefind.search(WORD) and data() of the first 10 results;
//             bytes = every file under _pagefind/.
// Sizes are the response bodies as served (uncompressed) and gzip -6 of each
// body, or the body itself when gzip does not make it smaller (Pagefind's
// .pf_* and .pagefind files are gzip-compressed already, a server would send
// them as they are). Times are performance.now() in the page: from the start
// of navigation to the moment results are there.
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);

function die(msg) {
  console.error("measure.mjs: " + msg);
  process.exit(1);
}

// ---- arguments ----
const args = process.argv.slice(2);
let site = "", out = "", runs = 3, queries = [], chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
for (let i = 0; i < args.length; i++) {
  const a = args[i], v = () => { if (i + 1 >= args.length) die(a + " needs a value"); return args[++i]; };
  if (a === "--site") site = v();
  else if (a === "--out") out = v();
  else if (a === "--runs") runs = Number(v());
  else if (a === "-q" || a === "--query") queries.push(v());
  else die("unknown argument " + a + "\nusage: node measure.mjs --site DIR [--out FILE] [--runs N] [-q WORD]...");
}
if (!site) die("--site DIR is required");
if (!fs.existsSync(path.join(site, "index.html"))) die(site + "/index.html not found: build the site first");
if (!fs.existsSync(path.join(site, "_pagefind", "pagefind.js"))) die(site + "/_pagefind/pagefind.js not found: run pagefind first");
if (!fs.existsSync(path.join(site, "suche", "index", "meta.json"))) die(site + "/suche/index/meta.json not found: not a maki site?");
if (!fs.existsSync(chromiumPath)) die(chromiumPath + " not found (set CHROMIUM=...)");

let chromium;
for (const p of [path.join(here, "node_modules/playwright-core"), path.join(here, "../../test/browser/node_modules/playwright-core")]) {
  if (fs.existsSync(p)) { chromium = require(p).chromium; break; }
}
if (!chromium) die("playwright-core not found: run npm ci in test/browser (or bench/pagefind)");

// ---- the site's base path and the search script ----
const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
const bm = home.match(/(?:href|src)="(\/[^"]*?)assets\//);
const base = bm ? bm[1] : "/";
const jsDir = path.join(site, "assets", "js");
const searchJS = (fs.readdirSync(jsDir).find((f) => /^search\..*\.js$/.test(f)));
if (!searchJS) die("no assets/js/search.*.js in " + site);
const engine = require(path.join(jsDir, searchJS)); // exports { Engine, words, fold } under node
const meta = JSON.parse(fs.readFileSync(path.join(site, "suche/index/meta.json"), "utf8"));

// dictEntry returns maki's dictionary entry for a surface form (undefined:
// unknown; [key]: a stop word).
function dictEntry(word) {
  const k = engine.words(word)[0];
  if (!k) return undefined;
  let lo = 0, hi = meta.dict.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (meta.dict[m] < k) lo = m + 1; else hi = m; }
  const shard = lo < meta.dict.length && meta.dict[lo] === k ? lo : Math.max(lo - 1, 0);
  const d = JSON.parse(fs.readFileSync(path.join(site, "suche/index/d", shard + ".json"), "utf8"));
  return d.k.find((e) => e[0] === k);
}

// commonest returns the word (≥ 5 letters, not a stop word for maki) in the
// most German system pages (title, lead and prose text).
function commonest() {
  const dir = path.join(site, "systeme"), df = new Map(), surface = new Map();
  for (const slug of fs.readdirSync(dir)) {
    const f = path.join(dir, slug, "index.html");
    if (!fs.existsSync(f)) continue;
    const html = fs.readFileSync(f, "utf8");
    const parts = [...html.matchAll(/<h1>([\s\S]*?)<\/h1>|<p class="lead">([\s\S]*?)<\/p>|<div class="prose">([\s\S]*?)<\/div>/g)]
      .map((m) => m[1] || m[2] || m[3] || "");
    const text = parts.join(" ").replace(/<[^>]+>/g, " ");
    const seen = new Set();
    for (const w of text.match(/[\p{L}]{5,}/gu) || []) {
      const k = w.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      df.set(k, (df.get(k) || 0) + 1);
      if (!surface.has(k) || /^\p{Lu}/u.test(w)) surface.set(k, w);
    }
  }
  const ranked = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [k, n] of ranked.slice(0, 200)) {
    const e = dictEntry(k);
    if (e && e.length > 1) return { word: surface.get(k), pages: n };
  }
  return { word: surface.get(ranked[0][0]), pages: ranked[0][1] };
}

const common = commonest();
if (!queries.length) queries = ["Chatbot", "Bürgeramt", "Baugenehmigung", common.word, "en:translation"];
// "en:WORD" runs WORD on the English pages (maki: en/suche/, Pagefind: a
// page with <html lang="en">, so that it loads its English index).
const parse = (q) => (q.startsWith("en:") ? { lang: "en", word: q.slice(3) } : { lang: "de", word: q });

// ---- server ----
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml", ".wasm": "application/wasm", ".xml": "application/xml" };
const blank = base + "__pagefind_blank.html";
const blankHTML = `<!DOCTYPE html>
<html lang="LANG"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
try {
  const pagefind = await import(${JSON.stringify(base + "_pagefind/pagefind.js")});
  await pagefind.init();
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  window.__result = { t: performance.now(), count: r.results.length, first: data.map((d) => d.meta && d.meta.title || d.url) };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
</script></body></html>`;

let log = []; // responses since the last reset: {path, raw, gz}
const gzCache = new Map();
function gzSize(file, body) {
  if (!gzCache.has(file)) gzCache.set(file, Math.min(body.length, zlib.gzipSync(body, { level: 6 }).length));
  return gzCache.get(file);
}
const server = http.createServer((req, res) => {
  const u = new URL(req.url, "http://x");
  let p = decodeURIComponent(u.pathname);
  if (p === blank) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    return res.end(blankHTML.replace("LANG", u.searchParams.get("lang") === "en" ? "en" : "de"));
  }
  if (!p.startsWith(base)) { res.writeHead(404); return res.end(); }
  let f = path.join(site, p.slice(base.length));
  if (!f.startsWith(path.resolve(site))) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, "index.html");
  if (!fs.existsSync(f)) { log.push({ path: p, raw: 0, gz: 0, status: 404 }); res.writeHead(404); return res.end(); }
  const body = fs.readFileSync(f);
  log.push({ path: p, raw: body.length, gz: gzSize(f, body), status: 200 });
  res.writeHead(200, { "content-type": types[path.extname(f)] || "application/octet-stream", "content-length": body.length, "cache-control": "max-age=3600" });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = "http://127.0.0.1:" + server.address().port;

// ---- browser ----
const browser = await chromium.launch({
  executablePath: chromiumPath, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

function sum(entries, test) {
  const xs = entries.filter((e) => test(e.path));
  return { files: xs.length, raw: xs.reduce((s, e) => s + e.raw, 0), gz: xs.reduce((s, e) => s + e.gz, 0), paths: xs.map((e) => e.path.slice(base.length) + " " + e.raw) };
}

async function maki(query) {
  const { lang, word: q } = parse(query);
  const ctx = await browser.newContext({ locale: "de-DE" });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const s = document.getElementById("search-status");
      if (!s) return;
      new MutationObserver(() => { if (s.textContent.trim() && !window.__t) window.__t = performance.now(); })
        .observe(s, { childList: true, characterData: true, subtree: true });
    });
  });
  log = [];
  await page.goto(origin + base + (lang === "en" ? "en/" : "") + "suche/?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => window.__t, null, { timeout: 60000 });
  await page.waitForLoadState("networkidle");
  const r = await page.evaluate(() => ({
    t: window.__t, status: document.getElementById("search-status").textContent.trim(),
    count: document.querySelectorAll("#search-results > li").length,
    first: [...document.querySelectorAll("#search-results > li h2")].slice(0, 3).map((h) => h.textContent.trim()),
  }));
  const bytes = sum(log, (p) => p.startsWith(base + "suche/index/") || p.startsWith(base + "assets/js/search."));
  bytes.index = sum(log, (p) => p.startsWith(base + "suche/index/"));
  delete bytes.index.paths;
  await ctx.close();
  return { ...r, ...bytes, missing: log.filter((e) => e.status !== 200).map((e) => e.path) };
}

async function pagefind(query) {
  const { lang, word: q } = parse(query);
  const ctx = await browser.newContext({ locale: "de-DE" });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  log = [];
  await page.goto(origin + blank + "?lang=" + lang + "&q=" + encodeURIComponent(q));
  await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
  await page.waitForLoadState("networkidle");
  const r = await page.evaluate(() => window.__result);
  if (r.error) die("Pagefind failed for " + JSON.stringify(q) + ": " + r.error);
  const bytes = sum(log, (p) => p.startsWith(base + "_pagefind/"));
  bytes.index = sum(log, (p) => p.startsWith(base + "_pagefind/") && !p.endsWith(".js"));
  delete bytes.index.paths;
  await ctx.close();
  return { ...r, ...bytes, errors, missing: log.filter((e) => e.status !== 200).map((e) => e.path) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const results = [];
for (const q of queries) {
  const m = [], p = [];
  for (let i = 0; i < runs; i++) {
    m.push(await maki(q));
    p.push(await pagefind(q));
  }
  const row = { query: q, maki: { ...m[0], ms: median(m.map((x) => x.t)), times: m.map((x) => Math.round(x.t)) },
    pagefind: { ...p[0], ms: median(p.map((x) => x.t)), times: p.map((x) => Math.round(x.t)) } };
  // bytes must not differ between cold runs; say so if they do
  for (const [name, xs] of [["maki", m], ["pagefind", p]]) {
    if (new Set(xs.map((x) => x.raw)).size > 1) row[name].unstable = xs.map((x) => x.raw);
  }
  results.push(row);
  console.error(`${q}: maki ${row.maki.raw} B (${row.maki.gz} gz), ${row.maki.files} files, ${row.maki.status}, ${Math.round(row.maki.ms)} ms | ` +
    `pagefind ${row.pagefind.raw} B (${row.pagefind.gz} gz), ${row.pagefind.files} files, ${row.pagefind.count} results, ${Math.round(row.pagefind.ms)} ms`);
}
let pagefindVersion = "";
try { pagefindVersion = JSON.parse(fs.readFileSync(path.join(here, "node_modules/pagefind/package.json"), "utf8")).version; } catch {}
const chromiumVersion = browser.version();
await browser.close();
server.close();

const res = { base, searchJS, commonest: common, runs, chromium: chromiumVersion, pagefind: pagefindVersion, results };
if (out) fs.writeFileSync(out, JSON.stringify(res, null, 1));
else console.log(JSON.stringify(res, null, 1));
