// pages.js — which page of every type to visit in a built site, for the
// keyboard and second-engine tests (keyboard.test.js, engines.test.js).
// The same discovery as site.test.js: fixed paths, else the sitemap, else
// the files on disk; for systems and organisations the fullest page.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TYPES = [
  { name: 'start', fixed: '' },
  { name: 'systems A–Z', fixed: 'systeme/' },
  { name: 'system', re: /^systeme\/(?!seite\/)[a-z0-9-]{3,80}\/$/, largest: true },
  { name: 'organisation', re: /^organisationen\/[a-z0-9-]{3,80}\/$/, largest: true },
  { name: 'organisations', fixed: 'organisationen/' },
  { name: 'topic', re: /^themen\/[a-z0-9-]+\/$/ },
  { name: 'status', re: /^status\/[a-z_-]+\/$/ },
  { name: 'state', re: /^laender\/[a-z]{2}-[a-z]{2}\/$/ },
  { name: 'barrierefreiheit', fixed: 'barrierefreiheit/' },
  { name: 'leichte-sprache', fixed: 'leichte-sprache/' },
  { name: 'gebaerdensprache', fixed: 'gebaerdensprache/' },
  { name: 'impressum', fixed: 'impressum/' },
  { name: 'search results', fixed: 'suche/?q=chatbot', waitFor: '#search-results li' },
  { name: 'statistics', fixed: 'statistik/' },
  { name: 'data', fixed: 'daten/' },
  { name: '404', fixed: '404', status: 404 },
];

function discover(site, basePath) {
  const sitemap = [];
  const file = path.join(site, 'sitemap.xml');
  if (fs.existsSync(file)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
      try {
        const u = new URL(m[1]);
        if (u.pathname.startsWith(basePath)) sitemap.push(decodeURI(u.pathname.slice(basePath.length)));
      } catch { /* not a URL */ }
    }
  }
  const files = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), rel + e.name + '/');
      else if (e.name === 'index.html' && rel) files.push(rel);
    }
  })(site, '');
  const exists = rel => rel.endsWith('404')
    ? fs.existsSync(path.join(site, rel + '.html'))
    : fs.existsSync(path.join(site, rel.replace(/\?.*$/, ''), 'index.html'));
  return function pick(type, lang) {
    const prefix = lang === 'en' ? 'en/' : '';
    if (type.fixed !== undefined) {
      if (type.name === '404') return exists(prefix + '404') ? prefix + 'gibt-es-nicht/' : null;
      return exists(prefix + type.fixed) ? prefix + type.fixed : null;
    }
    for (const list of [sitemap, files]) {
      const all = list.filter(p => p.startsWith(prefix) && (prefix || !p.startsWith('en/')) &&
        type.re.test(p.slice(prefix.length)) && exists(p));
      if (!all.length) continue;
      if (!type.largest) return all[0];
      const size = p => fs.statSync(path.join(site, p, 'index.html')).size;
      return all.sort((a, b) => size(b) - size(a) || a.localeCompare(b))[0];
    }
    return null;
  };
}

module.exports = { TYPES, discover };
