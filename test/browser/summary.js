// summary.js — print the per-page-type table of a run of site.test.js.
// Usage: node summary.js results.json   (exit 1 if the file is missing)
'use strict';

const fs = require('node:fs');

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.log('no browser results (the Node test did not finish)');
  process.exit(1);
}
const results = JSON.parse(fs.readFileSync(file, 'utf8'));

const kb = n => (n / 1024).toFixed(1);
const rows = [['page type', 'lang', 'variant', 'axe', 'checks', 'HTML KB', 'CSS KB', 'fonts KB', 'total KB', 'JS+other KB', 'path']];
for (const r of results) {
  const variant = !r.variant.js ? 'no JS' : r.variant.dark ? 'dark' : r.variant.forced ? 'forced' : 'js';
  if (r.skipped) {
    rows.push([r.type, r.lang, variant, 'skipped', r.skipped, '', '', '', '', '', '']);
    continue;
  }
  if (r.scan) {
    rows.push([r.type, r.lang, '-', '-', r.problems.length ? `${r.problems.length} problems in ${r.files} files` : `ok (${r.files} HTML/CSS files)`, '', '', '', '', '', '']);
    continue;
  }
  if (r.selfTest) {
    rows.push([r.type, r.lang, variant, `${r.axe.violations} violations (expected)`, `caught ${r.caught}/${r.of} planted faults`, '', '', '', '', '', '']);
    continue;
  }
  const axe = r.axe.error ? 'error' : r.axe.violations === 0 ? '0 violations' : `${r.axe.violations}: ${r.axe.rules.join(',')}`;
  const other = r.problems.filter(p => !p.startsWith('axe ')).length;
  const b = r.bytes;
  const total = b.html + b.css + b.fonts;
  rows.push([r.type, r.lang, variant, axe, other ? `${other} problems` : 'ok',
    kb(b.html), kb(b.css), kb(b.fonts), kb(total), kb(b.js + b.images + b.other), r.path]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map(r => String(r[i]).length)));
for (const [n, r] of rows.entries()) {
  console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());
  if (n === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
}
console.log('bytes: transferred on a first visit (gzip as served by nginx, headers included); total = HTML + CSS + fonts; JS+other = scripts, images, search index');
const failed = results.filter(r => !r.skipped && !r.selfTest && r.problems.length);
for (const r of failed) for (const p of r.problems.slice(0, 10)) console.log(`FAIL ${r.path || r.type}: ${p}`);
const skipped = results.filter(r => r.skipped);
console.log(`${results.length - skipped.length} checked, ${failed.length} failing, ${skipped.length} skipped (page type not built yet)`);
process.exit(failed.length ? 1 : 0);
