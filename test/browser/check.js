// check.js — the checks one page must pass, shared by site.test.js and its self-test.
//
// checkPage visits a URL in a fresh browser context (a first visit: empty cache)
// and returns {problems: [...], axe: {...}, bytes: {...}}; it never throws for a
// broken page, so the self-test can assert that a broken page is caught.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Flags for Debian's Chromium on a machine without network (go.md).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

// Collects securitypolicyviolation events before any page script runs.
const INIT_SCRIPT = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => {
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
      (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : ''));
  });
`;

// launch starts Debian's Chromium; Playwright gives it a fresh, empty profile
// (a new --user-data-dir in a temp directory) on every launch.
async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS.filter(a => a !== '--headless'),
  });
  return { browser };
}

function kindOf(resourceType, url) {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet') return 'css';
  if (resourceType === 'font') return 'fonts';
  if (resourceType === 'script') return 'js';
  if (resourceType === 'image' || /\.(svg|png|ico)$/.test(url)) return 'images';
  return 'other';
}

/**
 * checkPage runs every check on one URL.
 * opts: {browser, url, lang (expected, optional), status (expected HTTP status,
 * default 200), js (default true), skipLink (default true), dark (colour scheme),
 * screenshot (path, optional), origin (the only allowed origin)}
 */
async function checkPage(opts) {
  const { browser, url } = opts;
  const origin = opts.origin || new URL(url).origin;
  const js = opts.js !== false;
  const problems = [];
  const bytes = { html: 0, css: 0, fonts: 0, js: 0, images: 0, other: 0 };
  const context = await browser.newContext({
    javaScriptEnabled: js,
    viewport: { width: 1280, height: 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    forcedColors: opts.forced ? 'active' : 'none',
    reducedMotion: 'reduce',
    locale: opts.lang === 'en' ? 'en-GB' : 'de-DE',
    serviceWorkers: 'block',
  });
  try {
    await context.addInitScript(INIT_SCRIPT);
    // Block and report every request that leaves the test server.
    await context.route('**/*', route => {
      const u = route.request().url();
      if (u.startsWith('data:') || u.startsWith(origin + '/')) return route.continue();
      problems.push(`request to another host: ${u}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', msg => {
      if (msg.type() === 'error') {
        const text = msg.text();
        // The 404 page itself is loaded with status 404; Chromium logs that as an error.
        if (opts.status === 404 && /status of 404/.test(text)) return;
        problems.push(`console error: ${text}`);
      }
    });
    page.on('pageerror', err => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', req => {
      const u = req.url();
      if (u.startsWith(origin + '/')) problems.push(`request failed: ${u} (${req.failure()?.errorText})`);
    });
    const responses = [];
    page.on('response', r => responses.push(r));

    const resp = await page.goto(url, { waitUntil: 'load' });
    const want = opts.status || 200;
    if (!resp) problems.push('no response');
    else if (resp.status() !== want) problems.push(`HTTP status ${resp.status()}, want ${want}`);
    await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true)).catch(() => {});
    if (opts.waitFor) {
      await page.waitForSelector(opts.waitFor, { timeout: 15_000 })
        .catch(() => problems.push(`${opts.waitFor} did not appear within 15 s`));
    }

    for (const r of responses) {
      const req = r.request();
      if (!req.url().startsWith(origin + '/')) continue;
      let size = 0;
      try {
        const s = await req.sizes();
        size = s.responseBodySize + s.responseHeadersSize;
      } catch { /* a response without a body */ }
      bytes[kindOf(req.resourceType(), req.url())] += size;
      if (r.status() >= 400 && req.resourceType() !== 'document') {
        problems.push(`HTTP ${r.status()} for ${req.url()}`);
      }
    }

    // Structure: lang, exactly one h1, a main landmark.
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute('lang'),
      h1: document.querySelectorAll('h1').length,
      main: document.querySelectorAll('main').length,
      csp: window.__csp || [],
      icon: !!document.querySelector('link[rel~="icon"][href]'),
    }));
    if (!facts.lang) problems.push('html has no lang');
    else if (opts.lang && facts.lang !== opts.lang) problems.push(`html lang="${facts.lang}", want "${opts.lang}"`);
    if (facts.h1 !== 1) problems.push(`${facts.h1} h1 elements, want 1`);
    if (facts.main !== 1) problems.push(`${facts.main} main elements, want 1`);
    if (!facts.icon && opts.requireIcon !== false) problems.push('no <link rel="icon"> in head');
    for (const v of facts.csp) problems.push(`CSP violation: ${v}`);

    if (opts.screenshot) {
      fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
      await page.screenshot({ path: opts.screenshot, fullPage: false });
    }

    // Skip link: the first Tab stop, and Enter moves focus into main.
    if (opts.skipLink !== false) {
      const skip = await checkSkipLink(page);
      problems.push(...skip);
    }

    // axe-core, injected over the DevTools protocol (not subject to the page's CSP).
    let axe = { violations: [], passes: 0, incomplete: 0 };
    try {
      const res = await runAxe(page, js);
      axe = res;
      for (const v of res.violations) {
        problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`);
      }
    } catch (err) {
      problems.push(`axe did not run: ${err.message}`);
      axe.error = err.message;
    }

    // Reflow: no horizontal scrolling at 320 CSS pixels (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForTimeout(50);
    const overflow = await page.evaluate(() => {
      const doc = document.documentElement;
      const width = doc.clientWidth;
      if (doc.scrollWidth <= width + 1) return null;
      // Name the widest offenders to make the failure actionable.
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0) {
          let p = el.parentElement, inScroller = false;
          while (p && p !== document.body) {
            const o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
            p = p.parentElement;
          }
          if (!inScroller) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ` (${Math.round(r.right)}px)`);
        }
      }
      return { scrollWidth: doc.scrollWidth, width, wide: wide.slice(0, 5) };
    });
    if (overflow) {
      problems.push(`scrolls horizontally at 320px: scrollWidth ${overflow.scrollWidth} > ${overflow.width}; ${overflow.wide.join(', ')}`);
    }

    // CSP violations reported late (e.g. by fonts or the 320px relayout).
    const late = await page.evaluate(() => window.__csp || []).catch(() => []);
    for (const v of late.slice(facts.csp.length)) problems.push(`CSP violation: ${v}`);

    return { problems: [...new Set(problems)], axe: summariseAxe(axe), bytes };
  } finally {
    await context.close();
  }
}

async function runAxe(page, js) {
  // With JavaScript disabled, Playwright's evaluate still runs, but Chromium fires
  // no timers; axe schedules its work with setTimeout, so run those callbacks as
  // microtasks instead (axe only reads the DOM and computed styles).
  if (!js) {
    await page.evaluate(() => {
      let id = 0;
      window.setTimeout = (fn, _ms, ...args) => {
        Promise.resolve().then(() => { if (typeof fn === 'function') fn(...args); });
        return ++id;
      };
      window.clearTimeout = () => {};
    });
  }
  const has = await page.evaluate(() => typeof window.axe !== 'undefined').catch(() => false);
  if (!has) await page.evaluate(`${AXE_SOURCE}\n;true`);
  return page.evaluate(async tags => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return {
      violations: r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({ target: n.target.map(String), html: n.html.slice(0, 200) })),
      })),
      passes: r.passes.length,
      incomplete: r.incomplete.length,
    };
  }, AXE_TAGS);
}

function summariseAxe(axe) {
  return {
    violations: axe.violations.length,
    rules: axe.violations.map(v => v.id),
    passes: axe.passes,
    incomplete: axe.incomplete,
    error: axe.error,
  };
}

async function checkSkipLink(page) {
  const problems = [];
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.bringToFront();
  // Start from the top of the document, focus nowhere.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  });
  await page.keyboard.press('Tab');
  await page.waitForTimeout(50);
  const probe = () => page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const href = el.getAttribute('href') || '';
    const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    const main = document.querySelector('main');
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(), href, text: (el.textContent || '').trim(),
      targetInMain: !!(target && main && (target === main || main.contains(target))),
      visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight,
      rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}, scrollY ${Math.round(scrollY)}`,
    };
  });
  // The focus style may apply a frame later; look again for up to a second.
  let first = await probe();
  for (let i = 0; i < 20 && first && !first.visible; i++) {
    await page.waitForTimeout(50);
    first = await probe();
  }
  if (!first) return ['Tab focuses nothing: no skip link'];
  if (first.tag !== 'a' || !first.href.startsWith('#')) {
    return [`first focusable element is <${first.tag}${first.href ? ` href="${first.href}"` : ''}> "${first.text.slice(0, 40)}", not a skip link`];
  }
  if (!first.targetInMain) problems.push(`skip link ${first.href} does not point at main or into it`);
  if (!first.visible) problems.push(`skip link is not visible when focused (${first.rect})`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const inMain = await page.evaluate(() => {
    const main = document.querySelector('main');
    const el = document.activeElement;
    return !!(main && el && (el === main || main.contains(el)));
  });
  if (!inMain) problems.push(`skip link ${first.href} does not move focus into main (add tabindex="-1" to the target)`);
  return problems;
}

module.exports = { launch, checkPage, runAxe, AXE_TAGS };
