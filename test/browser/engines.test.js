// engines.test.js — a second and third rules engine beside axe-core (issue
// 18): IBM Equal Access (accessibility-checker-engine, ruleset WCAG_2_2) and
// HTML_CodeSniffer (WCAG2AA), both from npm and injected into the page, so
// they run offline. Every page type, German and English. A finding fails the
// test unless it is listed in TRIAGE with the reason it is not a defect.
// Started by run.sh like site.test.js.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { launch } = require('./check.js');
const { TYPES, discover } = require('./pages.js');

const BASE = process.env.MAKI_BASE;
const SITE = process.env.MAKI_SITE_DIR;
if (!BASE || !SITE) throw new Error('run me through test/browser/run.sh (MAKI_BASE, MAKI_SITE_DIR)');
const pick = discover(SITE, new URL(BASE).pathname);

const ACE = fs.readFileSync(require.resolve('accessibility-checker-engine/ace.js'), 'utf8');
const HTMLCS = fs.readFileSync(require.resolve('html_codesniffer/build/HTMLCS.js'), 'utf8');

// Known findings that are not defects: engine, rule (exact id or pattern),
// optionally the element (pattern over the snippet or selector), and why.
const TRIAGE = [
  { engine: 'ibm', rule: 'style_color_misuse', where: /^<link [^>]*rel="stylesheet"/,
    why: 'a "potential" finding raised for every style sheet that sets a colour (a manual check): no meaning ' +
      'rests on colour alone (status and risk badges carry their text, links are underlined, every chart has ' +
      'its data table)' },
  { engine: 'ibm', rule: 'element_tabbable_visible', where: /class="skip-link"/,
    why: 'the skip link is off-screen until it has focus; site.test.js and keyboard.test.js prove that it is ' +
      'the first Tab stop and looks different (visible, with a focus ring) when focused' },
  { engine: 'ibm', rule: 'style_focus_visible',
    why: 'a "potential" finding for every focusable element whose style sets border or outline (a manual ' +
      'check): keyboard.test.js makes that check on every Tab stop of every page type in light, dark and ' +
      'forced colours and fails when a focused element looks as it does unfocused' },
  { engine: 'ibm', rule: 'text_quoted_correctly', where: /^<(p|li|td)\b/,
    why: 'a "potential" finding for text in quotation marks: in fact-sheet text the marks set off examples ' +
      'and terms ("payslip for March missing"), not quotations, so <q> would be wrong' },
  { engine: 'ibm', rule: 'text_sensory_misuse', where: /^<p\b/,
    why: 'a "potential" finding for English position words (WCAG 1.3.3; the German pages are not checked ' +
      'by it): "listed below", "the table below it", "the filters below" name what follows in reading order; ' +
      '"at the top right it says: Deutsch" (Easy Language) names the link text too; "larger" compares numbers' },
  { engine: 'ibm', rule: 'widget_tabbable_single', where: /^<th scope="row"/,
    why: 'a rule for ARIA composite widgets (one Tab stop per widget): a row header of a data table is no ' +
      'widget, and its links (the open-data downloads: file and its description) are reached by Tab one by one' },
  { engine: 'ibm', rule: 'text_sensory_misuse', where: /class="bar-chart__label"/,
    why: 'a "potential" finding for English position words: in a chart label the word is part of a name ' +
      '("Lower Saxony"), not a position' },
  { engine: 'ibm', rule: 'element_tabbable_unobscured',
    why: 'a "potential" finding (a manual check) that IBM raises for some Tab stops and not for others from run ' +
      'to run: the theme has no fixed or sticky element that could cover a focused element (no position: ' +
      'fixed or sticky in its CSS), and keyboard.test.js checks that every focused element is visible' },
  { engine: 'ibm', rule: 'input_label_visible', where: /stat-filter__select/,
    why: 'the statistics filter is hidden until statistik.js has loaded filter.json (without JavaScript it ' +
      'stays hidden); once shown every select has its visible <label for>, which statistik.test.js uses to ' +
      'choose a Land' },
];

function triaged(f) {
  return TRIAGE.find(t => t.engine === f.engine && (t.rule instanceof RegExp ? t.rule.test(f.rule) : t.rule === f.rule) &&
    (!t.where || t.where.test(f.where)));
}

async function findings(page) {
  const out = [];
  // Open every <details> (the search filters): the engines compute names only
  // for rendered content, and a reader who opens them must meet labelled controls.
  await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
  await page.evaluate(`${ACE}\n;true`);
  const ace = await page.evaluate(async () => {
    const report = await new window.ace.Checker().check(document, ['WCAG_2_2']);
    return report.results.filter(r => r.value[0] === 'VIOLATION' && r.value[1] !== 'PASS' && r.value[1] !== 'MANUAL')
      .map(r => ({ rule: r.ruleId, level: r.value[1], where: (r.snippet || r.path.dom).slice(0, 160), message: r.message }));
  });
  for (const f of ace) out.push({ engine: 'ibm', ...f });
  await page.evaluate(`${HTMLCS}\n;true`);
  const cs = await page.evaluate(() => new Promise(resolve => {
    window.HTMLCS.process('WCAG2AA', document, () => {
      resolve(window.HTMLCS.getMessages().filter(m => m.type === 1).map(m => {
        const el = m.element;
        const where = el && el.outerHTML ? el.outerHTML.slice(0, 160) : String(el && el.nodeName);
        return { rule: m.code, level: 'ERROR', where, message: m.msg };
      }));
    }, () => resolve([{ rule: 'htmlcs-failed', level: 'ERROR', where: '', message: 'HTML_CodeSniffer did not run' }]));
  }));
  for (const f of cs) out.push({ engine: 'htmlcs', ...f });
  return out;
}

let browser;
before(async () => { ({ browser } = await launch()); });
after(async () => { if (browser) await browser.close(); });

const seen = new Map(); // triaged findings, for the note at the end

for (const lang of ['de', 'en']) {
  describe(`IBM Equal Access and HTML_CodeSniffer (${lang})`, () => {
    for (const type of TYPES) {
      const rel = pick(type, lang);
      if (rel === null) { it(type.name, { skip: 'no such page in this build' }, () => {}); continue; }
      it(`${type.name} /${rel}`, { timeout: 120_000 }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce',
          locale: lang === 'en' ? 'en-GB' : 'de-DE', serviceWorkers: 'block' });
        try {
          const page = await context.newPage();
          await page.goto(BASE + rel, { waitUntil: 'load' });
          if (type.waitFor) await page.waitForSelector(type.waitFor, { timeout: 10_000 }).catch(() => {});
          const all = await findings(page);
          const open = [];
          for (const f of all) {
            const t = triaged(f);
            if (t) seen.set(`${f.engine} ${f.rule}`, (seen.get(`${f.engine} ${f.rule}`) || 0) + 1);
            else open.push(`${f.engine} ${f.rule} [${f.level}] ${f.message} at ${f.where}`);
          }
          assert.deepEqual(open, [], `${open.length} findings not triaged`);
        } finally {
          await context.close();
        }
      });
    }
  });
}

describe('triage note', () => {
  it('what the engines still report and why it is not a defect', () => {
    for (const t of TRIAGE) {
      const n = [...seen].filter(([k]) => k.startsWith(t.engine + ' ') && (t.rule instanceof RegExp ? t.rule.test(k.split(' ')[1]) : k.split(' ')[1] === t.rule))
        .reduce((a, [, v]) => a + v, 0);
      console.log(`# ${t.engine} ${t.rule}: ${n} findings: ${t.why}`);
    }
  });
});
