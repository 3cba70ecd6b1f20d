// statistik.test.js — the statistics page on a phone, zoomed, in dark mode and
// forced colours, its filter, and its table wrappers, in Debian's Chromium.
// Started by run.sh after site.test.js (same environment: MAKI_BASE,
// MAKI_SITE_DIR, optional MAKI_SCREENSHOTS). Alone, against a served site:
//   MAKI_BASE=http://127.0.0.1:<port>/register/ MAKI_SITE_DIR=<site> node --test statistik.test.js
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launch } = require('./check.js');

const BASE = process.env.MAKI_BASE;
const SITE = process.env.MAKI_SITE_DIR;
const SHOTS = process.env.MAKI_SCREENSHOTS;
if (!BASE || !SITE) throw new Error('run me through test/browser/run.sh (MAKI_BASE, MAKI_SITE_DIR)');
const ORIGIN = new URL(BASE).origin;
const LANGS = fs.existsSync(path.join(SITE, 'en', 'statistik', 'index.html')) ? ['de', 'en'] : ['de'];
const url = lang => BASE + (lang === 'en' ? 'en/' : '') + 'statistik/';
const MIN_PX = 12;

let browser;
before(async () => { ({ browser } = await launch()); });
after(async () => { if (browser) await browser.close(); });

// open loads the statistics page in a fresh context and fails the test on
// console errors, page errors, CSP violations and requests to other hosts.
async function open(t, opts = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width || 1280, height: opts.height || 900 },
    deviceScaleFactor: opts.scale || 1,
    colorScheme: opts.dark ? 'dark' : 'light',
    forcedColors: opts.forced ? 'active' : 'none',
    javaScriptEnabled: opts.js !== false,
    reducedMotion: 'reduce',
    locale: opts.lang === 'en' ? 'en-GB' : 'de-DE',
    serviceWorkers: 'block',
  });
  const problems = [];
  await context.route('**/*', route => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith(ORIGIN + '/')) return route.continue();
    problems.push(`request to another host: ${u}`);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  const page = await context.newPage();
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  const resp = await page.goto(url(opts.lang || 'de'), { waitUntil: 'load' });
  assert.equal(resp.status(), 200);
  if (opts.js !== false) await page.waitForSelector('#filter:not([hidden])', { timeout: 10000 });
  t.after(async () => {
    const csp = await page.evaluate(() => window.__csp || []).catch(() => []);
    await context.close();
    assert.deepEqual([...problems, ...csp], [], 'no console errors, CSP violations or foreign requests');
  });
  return page;
}

async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

// chartText measures every text of every chart: font size and box height in
// CSS pixels, and whether it sticks out of the viewport.
function chartText(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.bar-chart__label, .bar-chart__num')) {
      const r = el.getBoundingClientRect();
      out.push({ text: el.textContent.trim(), size: parseFloat(getComputedStyle(el).fontSize), height: r.height,
        left: r.left, right: r.right });
    }
    return { texts: out, vw: document.documentElement.clientWidth, sw: document.documentElement.scrollWidth };
  });
}

describe('statistics charts', () => {
  for (const lang of LANGS) {
    for (const js of [true, false]) {
      it(`${lang}${js ? '' : ' without JavaScript'}: chart text is at least ${MIN_PX} px at 320 px and 1280 px, inside the page`, async t => {
        for (const width of [320, 1280]) {
          const page = await open(t, { lang, width, js });
          const m = await chartText(page);
          assert.ok(m.texts.length >= 10, `${width}px: ${m.texts.length} chart texts`);
          for (const x of m.texts) {
            assert.ok(x.size >= MIN_PX && x.height >= MIN_PX, `${width}px: "${x.text}" at ${x.size}px (box ${x.height}px); want ≥ ${MIN_PX}`);
            assert.ok(x.left >= 0 && x.right <= m.vw + 0.5, `${width}px: "${x.text}" from ${x.left} to ${x.right}, viewport ${m.vw}`);
          }
          assert.ok(m.sw <= m.vw, `${width}px: page scrolls sideways (${m.sw} > ${m.vw})`);
          if (lang === 'de' && js) await shot(page, `statistik-${width}-light.png`);
        }
      });
    }
  }

  it('chart text grows with the reader\'s font size and with zoom (WCAG 1.4.4)', async t => {
    const page = await open(t, { width: 1280 });
    const at100 = (await chartText(page)).texts.map(x => x.size);
    const base = (await chartText(page)).texts[0].height;
    // The reader's default font size (browser setting "font size: very large").
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
    await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '32px');
    const big = (await chartText(page)).texts[0].height;
    assert.ok(big >= 1.9 * base, `default font size 32 px: label box ${base}px → ${big}px; want twice`);

    // 400 % browser zoom on a 1280 × 900 window: 320 × 225 CSS px, 4 device px each.
    const zoomed = await open(t, { width: 320, height: 225, scale: 4 });
    const device = (await chartText(zoomed)).texts.map(x => x.size * 4);
    assert.equal(device.length, at100.length);
    for (let i = 0; i < device.length; i++) {
      assert.ok(device[i] >= 3.9 * at100[i], `text ${i}: ${at100[i]}px at 100 %, ${device[i]} device px at 400 %; want 4×`);
    }
    t.diagnostic(`chart text: ${at100[0]}px at 100 %, ${device[0]} device px at 400 % zoom, label box ${base}px → ${big}px with the default font size at 32 px`);
  });

  for (const mode of ['dark', 'forced']) {
    it(`follows ${mode === 'dark' ? 'dark mode' : 'forced colours'}: no white box, bars and text visible`, async t => {
      const page = await open(t, { width: 1280, dark: true, forced: mode === 'forced' });
      const c = await page.evaluate(() => {
        // rgb paints a CSS colour (oklch, color-mix, system colours …) on a
        // canvas and reads the pixel back.
        const cv = document.createElement('canvas');
        cv.width = cv.height = 1;
        const cx = cv.getContext('2d', { willReadFrequently: true });
        const rgb = s => {
          cx.clearRect(0, 0, 1, 1);
          cx.fillStyle = '#fff';
          cx.fillRect(0, 0, 1, 1);
          cx.fillStyle = s;
          cx.fillRect(0, 0, 1, 1);
          return [...cx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        };
        const transparent = b => !b || b === 'transparent' || /^rgba\(.*,\s*0\)$/.test(b) || /\/\s*0\)$/.test(b);
        const bg = el => {
          for (let e = el; e; e = e.parentElement) {
            const b = getComputedStyle(e).backgroundColor;
            if (!transparent(b)) return { b, rgb: rgb(b) };
          }
          return { b: 'canvas default', rgb: rgb(getComputedStyle(document.documentElement).colorScheme.includes('dark') ? 'Canvas' : '#fff') };
        };
        const chart = document.querySelector('.bar-chart');
        const label = chart.querySelector('.bar-chart__label');
        const rect = [...chart.querySelectorAll('rect')].find(r => +r.getAttribute('width') > 0);
        return { bg: bg(chart).rgb, text: rgb(getComputedStyle(label).color), bar: rgb(getComputedStyle(rect).fill) };
      });
      const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      assert.ok(lum(c.bg) < 0.2, `chart background ${c.bg} in ${mode}; want dark, not a white box`);
      assert.ok(contrast(c.text, c.bg) >= 4.5, `label ${c.text} on ${c.bg}: contrast ${contrast(c.text, c.bg).toFixed(2)}; want ≥ 4.5`);
      assert.ok(contrast(c.bar, c.bg) >= 3, `bar ${c.bar} on ${c.bg}: contrast ${contrast(c.bar, c.bg).toFixed(2)}; want ≥ 3 (WCAG 1.4.11)`);
      if (mode === 'dark') {
        await shot(page, 'statistik-1280-dark.png');
        const phone = await open(t, { width: 320, dark: true });
        await shot(phone, 'statistik-320-dark.png');
      }
    });
  }

  it('downloadable SVG links name their chart, each one different', async t => {
    const page = await open(t, {});
    const links = await page.$$eval('.chart-file a', as => as.map(a => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
    assert.ok(links.length >= 9, `${links.length} chart links`);
    assert.equal(new Set(links.map(l => l.text)).size, links.length, `link names repeat: ${links.map(l => l.text).join(' | ')}`);
    for (const l of links) {
      assert.match(l.text, /^Grafik: KI-Systeme nach .+ \(SVG\)$/);
      assert.match(l.href, /\.svg$/);
      const r = await page.request.get(new URL(l.href, BASE).href);
      assert.equal(r.status(), 200, l.href);
    }
  });
});

// registerCounts counts register.json by hand, for the filter test.
function registerSystems() {
  const doc = JSON.parse(fs.readFileSync(path.join(SITE, 'daten', 'register.json'), 'utf8'));
  return doc.systems;
}

describe('statistics filter', () => {
  it('no filter without JavaScript', async t => {
    const page = await open(t, { js: false });
    assert.equal(await page.isVisible('#filter'), false);
  });

  it('choosing a Land recounts the total and every table, as register.json says; reset restores them', async t => {
    const systems = registerSystems();
    const byState = {};
    for (const s of systems) {
      const st = s.organisation && s.organisation.state;
      if (st) byState[st] = (byState[st] || 0) + 1;
    }
    const [state, n] = Object.entries(byState).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const chosen = systems.filter(s => s.organisation && s.organisation.state === state);
    const page = await open(t, { width: 320 });

    const tableOf = key => page.$$eval(`section[data-group="${key}"] tbody tr`, trs => trs.map(tr =>
      [tr.querySelector('th').textContent.trim(), Number(tr.querySelector('td').textContent.replace(/[.,]/g, ''))]));
    const barsOf = key => page.$$eval(`section[data-group="${key}"] .bar-chart__row`, rows => rows.map(r =>
      [Number(r.querySelector('.bar-chart__num').textContent.replace(/[.,]/g, '')), Number(r.querySelector('rect').getAttribute('width'))]));
    const before = await tableOf('status');
    const status = page.locator('#stat-filter-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.match(await status.textContent(), new RegExp(`\\b${systems.length}\\b`));

    // The select's option for the Land: the label the state table shows.
    const stateLabel = await page.$$eval('section[data-group="state"] tbody tr', (trs, code) => {
      const a = trs.map(tr => tr.querySelector('a')).find(a => a && a.getAttribute('href').includes('/laender/' + code.toLowerCase() + '/'));
      return a ? a.textContent.trim() : null;
    }, state);
    assert.ok(stateLabel, `no row for ${state} in the state table`);
    await page.selectOption('#filter-state', { label: stateLabel });
    await page.waitForFunction(n => document.getElementById('stat-filter-status').textContent.includes('Gefiltert: ' + n + ' '), n);
    assert.match(await status.textContent(), new RegExp(`Gefiltert: ${n} KI-Systeme? von ${systems.length}\\. Land: ${stateLabel}$`));

    // The status table now counts only the Land's systems, as register.json does.
    const wantStatus = {};
    for (const s of chosen) wantStatus[s.status] = (wantStatus[s.status] || 0) + 1;
    const labels = { planned: 'geplant', development: 'in Entwicklung', pilot: 'im Pilotbetrieb', production: 'im Einsatz', retired: 'eingestellt' };
    const after = await tableOf('status');
    for (const [label, got] of after) {
      const code = Object.keys(labels).find(k => labels[k] === label);
      assert.equal(got, wantStatus[code] || 0, `status ${label}: table ${got}; register.json ${wantStatus[code] || 0}`);
    }
    assert.notDeepEqual(after, before, 'the status table changed');
    // Topics count a system once per topic.
    const wantTopics = {};
    for (const s of chosen) for (const tp of s.topics || []) wantTopics[tp.id] = (wantTopics[tp.id] || 0) + 1;
    const topicRows = await page.$$eval('section[data-group="topic"] tbody tr', trs => trs.map(tr => {
      const a = tr.querySelector('a');
      return [a ? a.getAttribute('href').replace(/\/$/, '').split('/').pop() : '', Number(tr.querySelector('td').textContent.replace(/[.,]/g, ''))];
    }));
    for (const [id, got] of topicRows) if (id) assert.equal(got, wantTopics[id] || 0, `topic ${id}`);
    // The state table: the Land has all of them, every other row none.
    for (const [label, got] of await tableOf('state')) assert.equal(got, label === stateLabel ? n : 0, `state ${label}`);
    // The bars show the same numbers as the table.
    const bars = await barsOf('status');
    after.forEach(([label, got], i) => assert.deepEqual(bars[i], [got, got], `bar ${label}`));
    // Captions say the table is filtered.
    assert.match(await page.textContent('#cap-status'), new RegExp(`gefiltert: Land: ${stateLabel}`));
    // The address keeps the choice; opening it again shows the same numbers.
    assert.equal(new URL(page.url()).searchParams.get('state'), state);
    const again = await page.context().newPage();
    await again.goto(page.url());
    await again.waitForFunction(n => (document.getElementById('stat-filter-status') || {}).textContent?.includes('Gefiltert: ' + n + ' '), n);
    assert.deepEqual(await again.$$eval('section[data-group="status"] tbody td', tds => tds.map(td => td.textContent)),
      await page.$$eval('section[data-group="status"] tbody td', tds => tds.map(td => td.textContent)));
    await again.close();

    // A second filter narrows further; reset restores the whole register.
    await page.selectOption('#filter-status', { index: 1 });
    await page.waitForFunction(() => document.getElementById('stat-filter-status').textContent.includes('Status: '));
    assert.match(await status.textContent(), new RegExp(`Status: [^,]+, Land: ${stateLabel}$`));
    await page.click('#stat-filter button[type="reset"]');
    await page.waitForFunction(() => !document.getElementById('stat-filter-status').textContent.includes('Gefiltert'));
    assert.deepEqual(await tableOf('status'), before);
    assert.equal(await page.textContent('#cap-status .stat-table__filtered'), '');
    assert.equal(new URL(page.url()).search, '');
  });

  it('the form is labelled and the English page speaks English', async t => {
    if (!LANGS.includes('en')) return t.skip('no English site');
    const page = await open(t, { lang: 'en' });
    const unlabelled = await page.$$eval('#stat-filter select', ss => ss.filter(s => !s.labels.length).map(s => s.id));
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.$$eval('#stat-filter select', ss => ss.length), 5);
    assert.match(await page.textContent('#stat-filter-status'), /^No filter chosen: all \d+ AI systems$/);
  });
});

describe('table wrappers', () => {
  for (const width of [1280, 320]) {
    it(`${width}px: a wrapper is a tab stop exactly when its table scrolls`, async t => {
      const page = await open(t, { width });
      const wraps = await page.$$eval('.table-wrap', ws => ws.map(w => ({
        id: w.querySelector('caption').id, scrolls: w.scrollWidth > w.clientWidth + 1, tab: w.getAttribute('tabindex') })));
      assert.ok(wraps.length >= 9);
      for (const w of wraps) assert.equal(w.tab, w.scrolls ? '0' : null, `${w.id}: scrolls ${w.scrolls}, tabindex ${w.tab}`);
    });
  }

  it('without JavaScript no wrapper of the statistics page is a tab stop (none scrolls at 320 px)', async t => {
    const page = await open(t, { width: 320, js: false });
    const wraps = await page.$$eval('.table-wrap', ws => ws.map(w => ({ tab: w.getAttribute('tabindex'), scrolls: w.scrollWidth > w.clientWidth + 1 })));
    for (const w of wraps) assert.deepEqual(w, { tab: null, scrolls: false });
  });

  for (const mode of ['light', 'dark', 'forced']) {
    it(`a wrapper that becomes scrollable gets tabindex and a visible focus ring (${mode})`, async t => {
      const page = await open(t, { width: 320, dark: mode !== 'light', forced: mode === 'forced' });
      // Make the status table wider than the page, as a label that cannot
      // wrap would (CSSOM, which the CSP allows).
      await page.evaluate(() => {
        const th = document.querySelector('section[data-group="status"] tbody th');
        th.style.whiteSpace = 'nowrap';
        th.style.overflowWrap = 'normal';
        th.textContent = 'Ein sehr langer Name, der nicht umbricht, ' + 'und noch länger '.repeat(5);
      });
      const wrap = page.locator('section[data-group="status"] .table-wrap');
      await page.waitForFunction(() => document.querySelector('section[data-group="status"] .table-wrap').getAttribute('tabindex') === '0');
      // Reach it by keyboard from the link just before it.
      await page.focus('section[data-group="status"] .chart-file a');
      await page.keyboard.press('Tab');
      assert.equal(await wrap.evaluate(w => document.activeElement === w), true, 'Tab reaches the wrapper');
      const ring = await wrap.evaluate(w => {
        const s = getComputedStyle(w);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg: getComputedStyle(document.body).backgroundColor };
      });
      assert.notEqual(ring.style, 'none', `outline ${JSON.stringify(ring)}`);
      assert.ok(ring.width >= 2, `outline ${JSON.stringify(ring)}`);
      assert.notEqual(ring.color, ring.bg, `outline in the background colour: ${JSON.stringify(ring)}`);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('section[data-group="status"] .table-wrap').scrollLeft > 0);
    });
  }
});

// Fact sheets and the open-data page keep tabindex="0" in their HTML (the
// no-JavaScript default, their tables may scroll on a phone); tables.js
// removes it where the table fits.
describe('table wrappers on other pages', () => {
  const withTable = (() => {
    const dir = path.join(SITE, 'systeme');
    if (!fs.existsSync(dir)) return null;
    for (const id of fs.readdirSync(dir).sort()) {
      const f = path.join(dir, id, 'index.html');
      if (fs.existsSync(f) && fs.readFileSync(f, 'utf8').includes('class="table-wrap"')) return `systeme/${id}/`;
    }
    return null;
  })();
  for (const rel of [withTable, 'daten/'].filter(Boolean)) {
    for (const width of [1280, 320]) {
      it(`${rel} at ${width}px: a wrapper is a tab stop exactly when its table scrolls`, async t => {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        t.after(() => context.close());
        const page = await context.newPage();
        await page.goto(BASE + rel, { waitUntil: 'load' });
        await page.waitForFunction(() => document.readyState === 'complete');
        await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
        const wraps = await page.$$eval('.table-wrap', ws => ws.map(w => ({
          id: w.getAttribute('aria-labelledby'), scrolls: w.scrollWidth > w.clientWidth + 1, tab: w.getAttribute('tabindex') })));
        assert.ok(wraps.length >= 1, `${rel}: no table wrapper`);
        for (const w of wraps) assert.equal(w.tab, w.scrolls ? '0' : null, `${rel} ${w.id}: scrolls ${w.scrolls}, tabindex ${w.tab}`);
        t.diagnostic(`${rel} ${width}px: ${wraps.map(w => `${w.id} ${w.scrolls ? 'scrolls, tab stop' : 'fits, no tab stop'}`).join('; ')}`);
      });
    }
  }
});
