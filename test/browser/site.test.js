// site.test.js — one page of every type, German and English, in Debian's Chromium.
// Started by run.sh, which builds and serves the site; see run.sh for the environment.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launch, checkPage } = require('./check.js');

const BASE = process.env.MAKI_BASE;              // http://127.0.0.1:<port>/register/
const SITE = process.env.MAKI_SITE_DIR;          // the built site on disk
const RESULTS = process.env.MAKI_RESULTS;        // where summary.js reads the results
const FIXTURES = process.env.MAKI_FIXTURES_URL;  // the self-test's broken pages
const SHOTS = process.env.MAKI_SCREENSHOTS;      // screenshot directory, optional
if (!BASE || !SITE) throw new Error('run me through test/browser/run.sh (MAKI_BASE, MAKI_SITE_DIR)');
const ORIGIN = new URL(BASE).origin;
const BASE_PATH = new URL(BASE).pathname;

// Page types, with a pattern over the path below the base (German form; English
// pages are the same under en/). A fixed path needs no discovery.
const TYPES = [
  { name: 'start', fixed: '' },
  { name: 'systems A–Z', fixed: 'systeme/' },
  { name: 'systems A–Z page 2', re: /^systeme\/(?:seite\/)?\d{1,3}\/$|^systeme\/seite-\d+\/$/, optional: true },
  // the fullest system page (largest file): most fields, tables and Markdown
  { name: 'system', re: /^systeme\/(?!seite\/)[a-z0-9-]{3,80}\/$/, largest: true },
  { name: 'organisation', re: /^organisationen\/[a-z0-9-]{3,80}\/$/, largest: true },
  { name: 'organisations', fixed: 'organisationen/' },
  { name: 'topic', re: /^themen\/[a-z0-9-]+\/$/ },
  { name: 'status', re: /^status\/[a-z_-]+\/$/ },
  { name: 'level', re: /^ebenen\/[a-z_-]+\/$/ },
  { name: 'state', re: /^laender\/[a-z]{2}-[a-z]{2}\/$/ },
  { name: 'risk class', re: /^risikoklassen\/[a-z0-9_-]+\/$/ },
  { name: 'technique', re: /^techniken\/[a-z_-]+\/$/ },
  { name: 'impressum', fixed: 'impressum/' },
  { name: 'barrierefreiheit', fixed: 'barrierefreiheit/' },
  { name: 'leichte-sprache', fixed: 'leichte-sprache/' },
  { name: 'datenschutz', fixed: 'datenschutz/' },
  { name: 'search', fixed: 'suche/' },
  // The search script renders results from the prebuilt index (JS only).
  { name: 'search results', fixed: 'suche/?q=chatbot', waitFor: '#search-results li' },
  { name: 'statistics', fixed: 'statistik/' },
  { name: 'data', fixed: 'daten/' },
  { name: '404', fixed: '404', status: 404 },
];
// Also checked without JavaScript.
const NO_JS = new Set(['start', 'system', 'search']);
// Also checked in dark mode (KERN's prefers-color-scheme: dark tokens) and with
// forced colours (Windows high contrast).
const DARK = new Set(['start', 'system']);
const FORCED = new Set(['start', 'system']);

function sitemapPaths() {
  const file = path.join(SITE, 'sitemap.xml');
  if (!fs.existsSync(file)) return { paths: [], note: 'no sitemap.xml' };
  const xml = fs.readFileSync(file, 'utf8');
  const paths = [];
  for (const m of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
    let u;
    try { u = new URL(m[1]); } catch { continue; }
    if (!u.pathname.startsWith(BASE_PATH)) continue;
    paths.push(decodeURI(u.pathname.slice(BASE_PATH.length)));
  }
  return { paths, note: `${paths.length} URLs in sitemap.xml` };
}

// Every directory with an index.html, for page types the sitemap does not list.
function filePaths() {
  const out = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), rel + e.name + '/');
      else if (e.name === 'index.html' && rel) out.push(rel);
    }
  })(SITE, '');
  return out.sort();
}

function exists(rel) {
  if (rel.endsWith('404')) return fs.existsSync(path.join(SITE, rel + '.html'));
  return fs.existsSync(path.join(SITE, rel.replace(/\?.*$/, ''), 'index.html'));
}

function pick(type, lang, sitemap, files) {
  const prefix = lang === 'en' ? 'en/' : '';
  if (type.fixed !== undefined) {
    if (type.name === '404') {
      // An unknown URL; nginx answers with /register/404.html, under en/ with en/404.html.
      return exists(prefix + '404') ? { rel: prefix + 'gibt-es-nicht/', source: 'fixed' } : null;
    }
    return exists(prefix + type.fixed) ? { rel: prefix + type.fixed, source: 'fixed' } : null;
  }
  const match = list => {
    const all = list.filter(p => p.startsWith(prefix) && type.re.test(p.slice(prefix.length)) &&
      (prefix || !p.startsWith('en/')) && exists(p));
    if (!type.largest) return all[0];
    const size = p => fs.statSync(path.join(SITE, p, 'index.html')).size;
    return all.sort((a, b) => size(b) - size(a) || a.localeCompare(b))[0];
  };
  const fromMap = match(sitemap);
  if (fromMap) return { rel: fromMap, source: 'sitemap' };
  const fromFiles = match(files);
  if (fromFiles) return { rel: fromFiles, source: 'files' };
  return null;
}

const results = [];
let browser;

before(async () => {
  ({ browser } = await launch());
});

after(async () => {
  if (browser) await browser.close();
  if (RESULTS) fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2));
});

const sm = sitemapPaths();
const files = filePaths();
console.log(`# discovery: ${sm.note}; ${files.length} pages on disk`);

for (const lang of ['de', 'en']) {
  describe(`pages (${lang})`, () => {
    for (const type of TYPES) {
      const target = pick(type, lang, sm.paths, files);
      const variants = [{ js: true }];
      if (NO_JS.has(type.name)) variants.push({ js: false });
      if (DARK.has(type.name)) variants.push({ js: true, dark: true });
      if (FORCED.has(type.name) && lang === 'de') variants.push({ js: true, forced: true });
      for (const v of variants) {
        const label = `${type.name} [${lang}${v.js ? '' : ', no JS'}${v.dark ? ', dark' : ''}${v.forced ? ', forced colours' : ''}]`;
        if (!target) {
          const note = type.optional ? 'not in this build (optional)' : 'no such page in this build yet';
          it(label, { skip: note }, () => {});
          results.push({ type: type.name, lang, variant: v, skipped: note });
          continue;
        }
        const wantLang = lang;
        it(`${label} ${BASE_PATH}${target.rel}`, { timeout: 90_000 }, async () => {
          const shot = SHOTS && lang === 'de' && v.js && !v.dark && !v.forced &&
            (type.name === 'start' || type.name === 'system')
            ? path.join(SHOTS, type.name === 'start' ? 'start-de.png' : 'system-de.png') : undefined;
          const r = await checkPage({
            browser, url: BASE + target.rel, origin: ORIGIN, lang: wantLang,
            status: type.status, waitFor: v.js ? type.waitFor : undefined, js: v.js, dark: v.dark, forced: v.forced, screenshot: shot,
          });
          results.push({ type: type.name, lang, variant: v, path: BASE_PATH + target.rel, source: target.source, ...r });
          assert.deepEqual(r.problems, [], `${BASE_PATH}${target.rel}:\n  ${r.problems.join('\n  ')}`);
        });
      }
    }
  });
}

// What the browser sees on one page per type, a scan sees on every file: no inline
// style or script, no event-handler attribute, nothing loaded from another host,
// no remote @import in CSS (DESIGN.md §6), no UI string missing from the i18n files.
function scanSite(root) {
  const problems = [];
  const all = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(html|css)$/.test(e.name)) all.push(p);
    }
  })(root);
  const foreign = u => {
    if (!/^(https?:)?\/\//i.test(u)) return false;
    try { return new URL(u, BASE).origin !== ORIGIN; } catch { return true; }
  };
  for (const file of all) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.css')) {
      for (const m of text.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)) problems.push(`${rel}: @import ${m[1]}`);
      for (const m of text.matchAll(/url\(\s*["']?([^"')]+)/g)) {
        if (!m[1].startsWith('data:') && foreign(m[1])) problems.push(`${rel}: url(${m[1]}) on another host`);
      }
      continue;
    }
    for (const m of text.matchAll(/<[a-z][^>]*?\s(style|on[a-z]+)\s*=/gi)) problems.push(`${rel}: inline ${m[1]}= attribute`);
    for (const m of text.matchAll(/<script\b([^>]*)>/gi)) {
      if (!/\ssrc\s*=/.test(m[1]) && !/type\s*=\s*"application\/(ld\+)?json"/.test(m[1])) problems.push(`${rel}: inline <script>`);
    }
    if (/<style\b/i.test(text)) problems.push(`${rel}: <style> element`);
    // A UI string missing from i18n/*.yaml renders as "[section.key]".
    for (const m of text.matchAll(/\[([a-z_]+(?:\.[a-z0-9_]+)+)\]/g)) problems.push(`${rel}: untranslated UI string [${m[1]}]`);
    for (const m of text.matchAll(/<(script|img|iframe|source|video|audio|embed|object)\b[^>]*\s(?:src|data|srcset)\s*=\s*"([^"]+)"/gi)) {
      if (foreign(m[2])) problems.push(`${rel}: <${m[1]}> from another host: ${m[2]}`);
    }
    for (const m of text.matchAll(/<link\b([^>]*)>/gi)) {
      const rel_ = (m[1].match(/\srel\s*=\s*"([^"]*)"/i) || [])[1] || '';
      const href = (m[1].match(/\shref\s*=\s*"([^"]*)"/i) || [])[1] || '';
      if (/\b(stylesheet|icon|preload|modulepreload|manifest|prefetch)\b/i.test(rel_) && foreign(href)) {
        problems.push(`${rel}: <link rel="${rel_}"> from another host: ${href}`);
      }
    }
  }
  return { files: all.length, problems };
}

describe('whole site, static scan', () => {
  it('no inline style/script/handlers, no third-party resources, no remote @import', () => {
    const { files, problems } = scanSite(SITE);
    console.log(`# scanned ${files} HTML and CSS files`);
    results.push({ type: 'static scan (all files)', lang: '-', variant: { js: true }, scan: true, files, problems });
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} problems`);
  });
});

// The suite must fail on a broken page: each planted fault must be reported.
describe('self-test: a broken page is caught', () => {
  it('fixtures/broken.html fails the checks it should', { timeout: 90_000 }, async () => {
    const r = await checkPage({ browser, url: FIXTURES + 'broken.html', origin: ORIGIN, lang: 'de' });
    const text = r.problems.join('\n');
    const want = {
      'axe image-alt (img without alt)': /axe image-alt/,
      'two h1': /2 h1 elements/,
      'CSP violation (inline style attribute)': /CSP violation: style-src/,
      'CSP violation (inline script)': /CSP violation: script-src/,
      'CSP violation (image from another host)': /CSP violation: img-src blocked http:\/\/example\.invalid/,
      'horizontal scrolling at 320px': /scrolls horizontally at 320px/,
      'missing skip link': /not a skip link|no skip link/,
      'console error': /console error/,
    };
    const missed = Object.entries(want).filter(([, re]) => !re.test(text)).map(([k]) => k);
    results.push({ type: 'self-test (broken.html)', lang: 'de', variant: { js: true }, selfTest: true,
      caught: Object.keys(want).length - missed.length, of: Object.keys(want).length, problems: r.problems, axe: r.axe, bytes: r.bytes });
    assert.deepEqual(missed, [], `the checks missed: ${missed.join(', ')}\nthey reported:\n${text}`);
  });

  it('fixtures/nocsp/third-party.html: a request to another host is caught', async () => {
    const r = await checkPage({ browser, url: FIXTURES + 'nocsp/third-party.html', origin: ORIGIN, lang: 'de' });
    assert.match(r.problems.join('\n'), /request to another host: http:\/\/example\.invalid\/tracker\.css/);
  });

  it('the static scan catches the fixtures\' inline style, inline script, third-party resources and untranslated strings', () => {
    const text = scanSite(path.join(__dirname, 'fixtures')).problems.join('\n');
    assert.match(text, /broken\.html: inline style= attribute/);
    assert.match(text, /broken\.html: inline <script>/);
    assert.match(text, /broken\.html: <img> from another host/);
    assert.match(text, /third-party\.html: <link rel="stylesheet"> from another host/);
    assert.match(text, /broken\.html: untranslated UI string \[search\.missing_key\]/);
  });

  it('fixtures/no-lang.html: a page without lang is caught', async () => {
    const r = await checkPage({ browser, url: FIXTURES + 'no-lang.html', origin: ORIGIN });
    const text = r.problems.join('\n');
    assert.match(text, /html has no lang/);
    assert.match(text, /axe html-has-lang/);
  });
});
