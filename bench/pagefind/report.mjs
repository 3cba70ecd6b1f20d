// report.mjs — Markdown from measure.mjs's JSON and run.sh's timings.
// Usage: node report.mjs results.json info.json > RESULTS.md
import fs from "node:fs";

const [resFile, infoFile] = process.argv.slice(2);
if (!resFile || !infoFile) {
  console.error("usage: node report.mjs results.json info.json");
  process.exit(2);
}
const r = JSON.parse(fs.readFileSync(resFile, "utf8"));
const info = JSON.parse(fs.readFileSync(infoFile, "utf8"));
const kb = (b) => (b / 1000).toFixed(1);
const num = (n) => Number(n).toLocaleString("en");
const out = [];
const p = (s = "") => out.push(s);

p(`# maki search vs Pagefind, n = ${num(info.n)} systems`);
p();
p(`Measured ${info.date} with \`${info.command}\`.`);
p();
p(`Machine: ${info.cores} cores, shared with other builds and tests and noisy (load average ${info.load} at the start), ` +
  `so times vary by a factor of two from run to run; byte counts do not. Pagefind ${r.pagefind} (npm, pinned in package-lock.json), ` +
  `Chromium ${r.chromium} headless via playwright-core, Node ${info.node}, maki at commit ${info.commit}.`);
p();
p(`Corpus: \`makicorpus -n ${info.n} -seed 1\`; maki built the site once (${num(info.pages)} HTML files); ` +
  `Pagefind indexed the same built HTML: \`${info.pagefindCommand}\`.`);
p();
p("## Bytes for a cold one-word query");
p();
p("Each query in a fresh browser context (empty cache), until the first 10 results are on the page. " +
  "maki: `suche/?q=…` until the live region announces the results; bytes of `search.js` and everything under `suche/index/`. " +
  "Pagefind: a blank page with the same `<html lang>` that imports `_pagefind/pagefind.js`, runs `init()`, `search(q)` " +
  "and `data()` of the first 10 results; bytes of everything under `_pagefind/` (the JS, its worker, the WebAssembly, " +
  "entry, meta, index chunks, fragments). KB = 1,000 bytes, as served; in brackets gzip -6 of each response " +
  "(Pagefind's index files are gzip-compressed already and are counted as they are).");
p();
p("| query | maki | Pagefind | Pagefind / maki (gz) | maki files | Pagefind files |");
p("|---|---|---|---|---|---|");
for (const x of r.results) {
  p(`| ${x.query} | ${kb(x.maki.raw)} KB (${kb(x.maki.gz)}) | ${kb(x.pagefind.raw)} KB (${kb(x.pagefind.gz)}) | ` +
    `${(x.pagefind.gz / x.maki.gz).toFixed(1)}× | ${x.maki.files} | ${x.pagefind.files} |`);
}
p();
p("The same without the scripts (maki: `search.js`; Pagefind: `pagefind.js` and `pagefind-worker.js`), index files only:");
p();
p("| query | maki index | Pagefind index (incl. WebAssembly) | ratio (gz) |");
p("|---|---|---|---|");
for (const x of r.results) {
  p(`| ${x.query} | ${kb(x.maki.index.raw)} KB (${kb(x.maki.index.gz)}) | ${kb(x.pagefind.index.raw)} KB (${kb(x.pagefind.index.gz)}) | ` +
    `${(x.pagefind.index.gz / x.maki.index.gz).toFixed(1)}× |`);
}
p();
p(`Commonest word: "${r.commonest.word}", in the title, lead or text of ${num(r.commonest.pages)} German system pages ` +
  `(the most frequent word of five letters or more that is not a stop word for maki). "en:" = the English pages ` +
  `(maki: \`en/suche/\`; Pagefind: its English index).`);
p();
p("## Results and time");
p();
p(`Time from the start of navigation to results in the page (performance.now()), median of ${r.runs} cold runs (all runs in brackets), ` +
  "over loopback, so it is mostly the browser's work: parsing, WebAssembly compilation, decoding. maki's time includes loading " +
  "the search page itself (HTML, CSS, icons), Pagefind's only an empty page. Result counts are not the same " +
  "thing: maki searches the register fields with German analysis (stemming, compounds, ä/ae), Pagefind searches each page's whole " +
  "`<body>` text (including the \"similar systems\" list and the page chrome) with its own stemmer.");
p();
p("| query | maki ms | Pagefind ms | maki results | Pagefind results |");
p("|---|---|---|---|---|");
const ms = (x) => `${Math.round(x.ms)} (${x.times.join(", ")})`;
for (const x of r.results) {
  // the status line says "9.429 KI-Systeme gefunden" (German digits): keep the digits
  const m = x.maki.status.match(/\d[\d.,\u00a0\u202f]*/), mc = m ? num(m[0].replace(/\D/g, "")) : x.maki.status;
  p(`| ${x.query} | ${ms(x.maki)} | ${ms(x.pagefind)} | ${mc} | ${num(x.pagefind.count)} |`);
}
p();
p("## Indexing");
p();
p("| | wall | CPU (user + sys) | peak RSS | output |");
p("|---|---|---|---|---|");
p(`| maki build, whole site | ${info.maki.wall} s | ${info.maki.cpu} s | ${info.maki.rss} MB | ${info.makiIndexMB} MB in suche/index/ (${num(info.makiIndexFiles)} files) |`);
if (info.makiSearchCPU) p(`| of which in package internal/search (index files, similar systems; CPU profile samples) | | ${info.makiSearchCPU} | | |`);
p(`| Pagefind over the built HTML | ${info.pagefind.wall} s | ${info.pagefind.cpu} s | ${info.pagefind.rss} MB | ${info.pagefindMB} MB in _pagefind/ (${num(info.pagefindFiles)} files) |`);
p();
p("Pagefind indexes one page per system and language (the glob above); without it, it would index every page of the " +
  "site (lists, facets, organisations). It writes one fragment file per page plus index chunks, hence the file count.");
p();
p("Pagefind reported:");
p();
p("```");
p(info.pagefindLog.trim());
p("```");
p();
p("Files per query (first run, path and bytes as served):");
p();
for (const x of r.results) {
  p(`<details><summary>${x.query}</summary>`);
  p();
  p("```");
  p("maki:");
  for (const l of x.maki.paths) p("  " + l);
  p("pagefind:");
  for (const l of x.pagefind.paths) p("  " + l);
  p("```");
  p();
  p("</details>");
}
process.stdout.write(out.join("\n") + "\n");
