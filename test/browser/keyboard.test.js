// keyboard.test.js — keyboard focus and text zoom on every page type,
// German and English, in light and dark mode and with forced colours
// (issue 18: WCAG 2.4.7, 2.1.1, 1.4.4). Started by run.sh like site.test.js.
//
// For every page: Tab from the top through every focusable element (at most
// MAX_STOPS); each focused element must look different from how it looked
// unfocused (outline, box-shadow, border, background, colour or text
// decoration), and a scrollable-table region with tabindex=0 must actually
// scroll (otherwise it is a tab stop that does nothing). Then, with the root
// font size at 200 %, every h1 and h2 must be about twice as large.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { launch } = require('./check.js');
const { TYPES, discover } = require('./pages.js');

const BASE = process.env.MAKI_BASE;
const SITE = process.env.MAKI_SITE_DIR;
const SHOTS = process.env.MAKI_SCREENSHOTS;
if (!BASE || !SITE) throw new Error('run me through test/browser/run.sh (MAKI_BASE, MAKI_SITE_DIR)');
const pick = discover(SITE, new URL(BASE).pathname);
const MAX_STOPS = 120;

const SCHEMES = [
  { name: 'light', colorScheme: 'light', forcedColors: 'none' },
  { name: 'dark', colorScheme: 'dark', forcedColors: 'none' },
  { name: 'forced colours', colorScheme: 'light', forcedColors: 'active' },
];

// Runs in the page: the look of an element (the properties a focus
// indicator can change) and a short name for messages.
const LOOK = `
  window.__look = el => {
    const cs = getComputedStyle(el);
    const o = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none'
      : cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor;
    return { outline: o, boxShadow: cs.boxShadow, border: cs.borderTop + '|' + cs.borderBottom + '|' + cs.borderLeft + '|' + cs.borderRight,
      background: cs.backgroundColor, color: cs.color, textDecoration: cs.textDecorationLine + ' ' + cs.textDecorationThickness };
  };
  window.__name = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\\s+/).join('.');
    const t = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return t ? s + ' "' + t + '"' : s;
  };
  window.__focusables = () => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, video[controls], [tabindex]:not([tabindex="-1"])')];
`;

let browser;
before(async () => { ({ browser } = await launch()); });
after(async () => { if (browser) await browser.close(); });

async function open(url, scheme, lang, viewport) {
  const context = await browser.newContext({
    viewport: viewport || { width: 1280, height: 900 },
    colorScheme: scheme.colorScheme, forcedColors: scheme.forcedColors,
    reducedMotion: 'reduce', locale: lang === 'en' ? 'en-GB' : 'de-DE', serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(LOOK);
  return { context, page };
}

// tabThrough presses Tab until focus leaves the page or comes back to an
// element seen before, and returns the problems.
async function tabThrough(page, waitFor) {
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 10_000 }).catch(() => {});
  // The unfocused look of every focusable element, before anything has focus.
  await page.evaluate(() => {
    window.__before = new Map(window.__focusables().map(el => [el, window.__look(el)]));
  });
  const problems = [];
  let stops = 0;
  for (; stops < MAX_STOPS; stops++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { done: true };
      if (el.__seen) return { done: true };
      el.__seen = true;
      const before = window.__before.get(el) || null;
      const now = window.__look(el);
      const changed = before ? Object.keys(now).filter(k => now[k] !== before[k]) : ['(not listed before)'];
      let scrolls = null;
      if (el.matches('.table-wrap[tabindex="0"]')) scrolls = el.scrollWidth > el.clientWidth + 1;
      return { name: window.__name(el), changed, now, before, scrolls, focusVisible: el.matches(':focus-visible') };
    });
    if (r.done) break;
    if (r.changed.length === 0) {
      problems.push(`${r.name}: focus not visible (outline ${r.now.outline}, box-shadow ${r.now.boxShadow}, background ${r.now.background} unchanged)`);
    }
    if (r.scrolls === false) problems.push(`${r.name}: tab stop on a table region that does not scroll`);
  }
  return { problems, stops };
}

const cases = [];
for (const lang of ['de', 'en']) {
  for (const type of TYPES) cases.push({ lang, type, rel: pick(type, lang) });
}

describe('keyboard focus is visible on every Tab stop', () => {
  for (const scheme of SCHEMES) {
    for (const c of cases) {
      const label = `${c.type.name} [${c.lang}, ${scheme.name}]`;
      if (c.rel === null) { it(label, { skip: 'no such page in this build' }, () => {}); continue; }
      it(`${label} /${c.rel}`, { timeout: 120_000 }, async () => {
        const { context, page } = await open(BASE + c.rel, scheme, c.lang);
        try {
          const { problems, stops } = await tabThrough(page, c.type.waitFor);
          assert.ok(stops > 0, 'no Tab stop at all');
          assert.deepEqual(problems, [], `${problems.length} problems in ${stops} Tab stops`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('headings grow with the text (text size 200 %)', () => {
  for (const c of cases.filter(c => c.rel !== null && ['start', 'system', 'statistics', 'leichte-sprache', 'data'].includes(c.type.name))) {
    it(`${c.type.name} [${c.lang}] /${c.rel}`, async () => {
      const { context, page } = await open(BASE + c.rel, SCHEMES[0], c.lang);
      try {
        const sizes = () => page.evaluate(() => [...document.querySelectorAll('main h1, main h2')]
          .map(h => ({ tag: h.tagName, text: h.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(h).fontSize) })));
        const at100 = await sizes();
        // The browser's text-size setting at twice the default (16 → 32 px),
        // what a reader who needs larger text sets; rem units follow it.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        await page.waitForFunction(px => {
          const h = document.querySelector('main h1, main h2');
          return h && parseFloat(getComputedStyle(h).fontSize) !== px;
        }, at100[0].px, { timeout: 5_000 }).catch(() => {});
        const at200 = await sizes();
        assert.ok(at100.length > 0, 'no h1 or h2');
        const bad = at100.map((h, i) => ({ ...h, ratio: at200[i].px / h.px }))
          .filter(h => h.ratio < 1.95 || h.ratio > 2.05)
          .map(h => `${h.tag} "${h.text}": ${h.px}px → ${(h.px * h.ratio).toFixed(1)}px (×${h.ratio.toFixed(2)})`);
        assert.deepEqual(bad, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('screenshots', { skip: SHOTS ? false : 'MAKI_SCREENSHOTS not set' }, () => {
  it('focus ring on a table region in dark mode (fact sheet)', async () => {
    const rel = pick(TYPES.find(t => t.name === 'system'), 'de');
    // 360 px wide, so the models table scrolls and its region is a tab stop.
    const { context, page } = await open(BASE + rel, SCHEMES[1], 'de', { width: 360, height: 800 });
    try {
      await page.waitForTimeout(100); // tables.js decides after load
      const wrap = page.locator('.table-wrap[tabindex="0"]').first();
      if (await wrap.count() === 0) return;
      await page.keyboard.press('Tab'); // keyboard modality, so :focus-visible applies
      await wrap.focus();
      await wrap.scrollIntoViewIfNeeded();
      const box = await wrap.boundingBox();
      await page.screenshot({ path: path.join(SHOTS, 'focus-dark.png'),
        clip: { x: 0, y: Math.max(0, box.y - 80), width: 360, height: Math.min(500, box.height + 160) } });
    } finally {
      await context.close();
    }
  });
  it('Gebärdensprache page at 320 px', async () => {
    const rel = pick(TYPES.find(t => t.name === 'gebaerdensprache'), 'de');
    if (!rel) return;
    const { context, page } = await open(BASE + rel, SCHEMES[0], 'de', { width: 320, height: 900 });
    try {
      await page.screenshot({ path: path.join(SHOTS, 'gebaerdensprache-320.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
