// history.test.js — the change history (issue 15) in Debian's Chromium.
//
// run.sh makes a git repository with history-repo.sh (the example content
// plus three systems: one edited six times, one renamed, one deleted),
// builds it with its history and serves it under /verlauf/. Alone:
//   MAKI_HISTORY_BASE=http://127.0.0.1:<port>/verlauf/ node --test history.test.js
// or: MAKI_TESTS=history.test.js test/browser/run.sh
//
// Covered, in German and English: the fact sheet of a system with a folded
// history, the page of a removed system and of a renamed one pass check.js
// (axe-core without violations, CSP, skip link, one h1, 320 px reflow);
// axe-core again with the older versions unfolded; the section is a region
// named by its h2 in the heading outline; the folded <details> is reached
// by Tab, shows a visible focus, opens and closes with Enter and Space;
// dates in the list are written as on the rest of the page inside <time>;
// the snapshot JSON a version links to is served and is that version; the
// shortened word diff shows "…" and reads "(gekürzt)" to screen readers.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launch, checkPage, runAxe } = require('./check.js');

const BASE = process.env.MAKI_HISTORY_BASE;
if (!BASE) throw new Error('run me through test/browser/run.sh (MAKI_HISTORY_BASE)');
const ORIGIN = new URL(BASE).origin;

const LANGS = {
  de: {
    prefix: '', title: 'Änderungsverlauf', older: /^2 ältere Versionen$/, removed: 'entfernt am',
    date: ['2025-01-06', '6. Januar 2025'], none: 'Keine Änderung der veröffentlichten Angaben',
    shortened: '(gekürzt)', inserted: 'eingefügt:',
  },
  en: {
    prefix: 'en/', title: 'Change history', older: /^2 older versions$/, removed: 'removed from the register on',
    date: ['2025-01-06', '6 January 2025'], none: 'No change to the published facts',
    shortened: '(shortened)', inserted: 'inserted:',
  },
};

let browser;
before(async () => { ({ browser } = await launch()); });
after(async () => { if (browser) await browser.close(); });

async function open(lang, rel) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce',
    locale: lang === 'en' ? 'en-GB' : 'de-DE', serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const resp = await page.goto(BASE + rel, { waitUntil: 'load' });
  assert.equal(resp.status(), 200, BASE + rel);
  return { context, page };
}

for (const [lang, L] of Object.entries(LANGS)) {
  describe(`change history [${lang}]`, () => {
    for (const id of ['verlauf-eins', 'verlauf-zwei-neu', 'verlauf-drei']) {
      it(`check.js on ${L.prefix}systeme/${id}/`, { timeout: 120_000 }, async () => {
        const r = await checkPage({ browser, url: `${BASE}${L.prefix}systeme/${id}/`, origin: ORIGIN, lang });
        assert.deepEqual(r.problems, [], r.problems.join('\n'));
        assert.equal(r.axe.violations, 0);
      });
    }

    it('the section is a region named by its h2, in the heading outline after the h1', async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-eins/`);
      try {
        const region = page.getByRole('region', { name: L.title, exact: true });
        assert.equal(await region.count(), 1, `one region named "${L.title}"`);
        const outline = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
          .filter(h => h.checkVisibility()).map(h => `${h.tagName} ${h.textContent.trim().replace(/\s+/g, ' ')}`));
        const i = outline.indexOf(`H2 ${L.title}`);
        assert.ok(i > 0 && outline[0].startsWith('H1 '), `h2 "${L.title}" after the h1 in ${JSON.stringify(outline)}`);
        // The versions are h3 under it; the folded ones are not shown yet.
        assert.match(outline[i + 1] || '', /^H3 Version 7, /);
        assert.ok(!outline.some(h => /^H3 Version 1, /.test(h)), 'version 1 is folded');
      } finally {
        await context.close();
      }
    });

    it('dates are written as on the rest of the page, in <time>', async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-eins/`);
      try {
        const [iso, text] = L.date;
        const t = page.locator(`.history__changes time[datetime="${iso}"]`).first();
        assert.equal((await t.textContent()).trim(), text);
        assert.ok(await page.locator('.history__none', { hasText: L.none }).isVisible(), 'the version without a change says so');
      } finally {
        await context.close();
      }
    });

    it('the folded versions: Tab reaches the summary with a visible focus; Enter and Space open and close', { timeout: 60_000 }, async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-eins/`);
      try {
        const summary = page.locator('details.history__older > summary');
        assert.match((await summary.textContent()).trim(), L.older);
        const before = await summary.evaluate(el => {
          const cs = getComputedStyle(el);
          return [cs.outlineStyle, cs.outlineWidth, cs.boxShadow, cs.backgroundColor, cs.textDecorationLine].join('|');
        });
        let reached = false;
        for (let i = 0; i < 200 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await summary.evaluate(el => el === document.activeElement);
        }
        assert.ok(reached, 'Tab reaches the summary of the older versions');
        const focused = await summary.evaluate(el => {
          const cs = getComputedStyle(el);
          return { look: [cs.outlineStyle, cs.outlineWidth, cs.boxShadow, cs.backgroundColor, cs.textDecorationLine].join('|'),
            visible: el.matches(':focus-visible') };
        });
        assert.ok(focused.visible, 'the summary matches :focus-visible');
        assert.notEqual(focused.look, before, 'the focused summary looks different (outline, shadow, background or underline)');
        const open = () => page.locator('details.history__older').evaluate(d => d.open);
        const first = page.getByRole('heading', { level: 3, name: /^Version 1, / });
        assert.equal(await open(), false);
        await page.keyboard.press('Enter');
        assert.equal(await open(), true, 'Enter opens');
        assert.ok(await first.isVisible(), 'version 1 is shown when opened');
        await page.keyboard.press('Enter');
        assert.equal(await open(), false, 'Enter closes');
        await page.keyboard.press('Space');
        assert.equal(await open(), true, 'Space opens');
        await page.keyboard.press('Space');
        assert.equal(await open(), false, 'Space closes');
      } finally {
        await context.close();
      }
    });

    it('axe-core with the older versions unfolded', { timeout: 60_000 }, async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-eins/`);
      try {
        await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
        const axe = await runAxe(page, true);
        assert.deepEqual(axe.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join('; ')}`), []);
      } finally {
        await context.close();
      }
    });

    it('the shortened word diff shows "…" and tells screen readers the text is shortened', async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-eins/`);
      try {
        await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
        const diff = page.locator('.history__diff', { hasText: 'Wohngeld' });
        assert.equal(await diff.count(), 1);
        // On screen: the words around the change between two "…".
        const gaps = diff.locator('.history__gap > [aria-hidden="true"]');
        assert.equal(await gaps.count(), 2);
        for (const g of await gaps.all()) {
          assert.equal(await g.textContent(), '…');
          assert.ok(await g.isVisible(), '"…" is visible');
        }
        // For a screen reader: the label instead of "…", in the page's language.
        const tree = await diff.ariaSnapshot();
        assert.ok(!tree.includes('…'), `"…" is hidden from screen readers: ${tree}`);
        for (const part of [`text: ${L.shortened} Das System soll Anträge auf Wohngeld`, `insertion: "${L.inserted} schnell und fair"`,
          `text: vorsortieren, damit eilige Fälle früher bearbeitet werden. ${L.shortened}`]) {
          assert.ok(tree.includes(part), `the diff's accessibility tree has "${part}": ${tree}`);
        }
        assert.deepEqual(await diff.locator('.history__gap .visually-hidden').evaluateAll(els => els.map(e => e.closest('[lang]').lang)),
          [lang, lang]);
      } finally {
        await context.close();
      }
    });

    it('the removed system keeps a page saying when it was removed, with its history', async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-drei/`);
      try {
        const p = page.locator('.history__removed');
        assert.ok((await p.textContent()).includes(L.removed), `"${L.removed}"`);
        assert.equal(await p.locator('time').getAttribute('datetime'), '2026-01-05');
        assert.ok(await page.getByRole('heading', { level: 3, name: /^Version 1, / }).isVisible());
      } finally {
        await context.close();
      }
    });

    it('the renamed system carries the history of its old name', async () => {
      const { context, page } = await open(lang, `${L.prefix}systeme/verlauf-zwei-neu/`);
      try {
        const text = await page.locator('section.history').textContent();
        assert.ok(text.includes('verlauf-zwei'), 'the rename is listed with the old id');
        assert.ok(await page.getByRole('heading', { level: 3, name: /^Version 2, / }).isVisible());
      } finally {
        await context.close();
      }
    });
  });
}

describe('snapshots', () => {
  it('each version links its JSON snapshot, which is served and is that version', async () => {
    const { context, page } = await open('de', 'systeme/verlauf-eins/');
    try {
      const hrefs = await page.locator('.history__cite a[type="application/json"]').evaluateAll(as => as.map(a => a.href));
      assert.equal(hrefs.length, 7);
      for (const href of hrefs) {
        const r = await context.request.get(href);
        assert.equal(r.status(), 200, href);
        const snap = await r.json();
        assert.equal(snap.id, 'verlauf-eins');
        assert.equal(String(snap.version), href.match(/\/(\d+)\.json$/)[1]);
      }
    } finally {
      await context.close();
    }
  });
});
