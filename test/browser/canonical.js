#!/usr/bin/env node
// canonical.js — the YAML style the web editor (Sveltia CMS) writes, as a
// checker and formatter for content files.
//
//   node canonical.js CONFIG CONTENT [--write]
//
// CONFIG is the editor configuration maki build writes (admin/config.yml,
// JSON), CONTENT the content folder. For every file of the editor's
// collections (content/systeme/*.yaml and *.md, content/organisationen/*.yaml)
// it computes what the editor writes when it saves the entry, and lists the
// files that differ (exit status 1); --write rewrites them. The rules, from
// Sveltia CMS 0.221.1 (src/lib/services/contents/draft/save/serialize.js and
// file/format.js; the same "yaml" library and options):
//   - keys in the order of the fields in the configuration, nested too;
//   - optional fields with an empty value (null, "", [], {}) left out;
//   - no comments (the editor parses to values and writes the values);
//   - block style: lists as "- " items indented under their key (2 spaces),
//     strings plain unless YAML needs quotes (then single quotes), texts
//     with line breaks as literal blocks ("|", "|-"), no line folding;
//   - Markdown fields without the final line break ("|-"): the editor's
//     Markdown field drops it when it loads the text;
//   - a Markdown file: "---", the front matter, "---", an empty line, the
//     body (as it was, without the empty line before it).
// A text written as a plain string (name: "…") becomes {de: "…"}: the form
// edits texts as {de, en} and shows a plain string as empty.
// editor.test.js saves every example file in the real editor and checks
// that the result is what this script says.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

// The options of Sveltia's formatYAML with output.yaml as maki configures it.
const STRINGIFY = { indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: 'PLAIN',
  defaultStringType: 'PLAIN', singleQuote: true };

const isEmpty = v => v === undefined || v === null || v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

const isText = f => f.widget === 'object' && Array.isArray(f.fields) && f.fields.length === 2 &&
  f.fields[0].name === 'de' && f.fields[1].name === 'en';

// order returns value v of the fields fs in the editor's order, without
// empty optional fields; keys the configuration does not know follow in
// their own order (the editor keeps them, at the end).
function order(fields, v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out = {};
  const rest = { ...v };
  for (const f of fields) {
    if (!(f.name in rest)) continue;
    let x = rest[f.name];
    delete rest[f.name];
    if (isText(f) && typeof x === 'string') x = { de: x };
    if (f.widget === 'markdown' && typeof x === 'string') x = x.trimEnd();
    if (f.widget === 'object' && f.fields) x = order(f.fields, x);
    else if (f.widget === 'list' && f.fields && Array.isArray(x)) x = x.map(item => order(f.fields, item));
    if (!f.required && isEmpty(x)) continue;
    out[f.name] = x;
  }
  return Object.assign(out, rest);
}

// canonical returns the text the editor writes for file text of a
// collection with fields fields.
function canonical(text, fields, markdown) {
  text = text.trim().replace(/\r\n?/g, '\n');
  if (!markdown) return `${YAML.stringify(order(fields, YAML.parse(text)), null, STRINGIFY).trim()}\n`;
  const m = text.match(/^---\n([\s\S]*?)\n---(?:\n([\s\S]*))?$/);
  if (!m) throw new Error('no front matter');
  const head = order(fields.filter(f => f.name !== 'body'), YAML.parse(m[1]));
  const body = (m[2] || '').replace(/^\n+/, '');
  return `---\n${YAML.stringify(head, null, STRINGIFY).trim()}\n---\n${body ? `\n${body}\n` : ''}`;
}

function files(cfg, content) {
  const out = [];
  for (const c of cfg.collections) {
    const dir = path.join(content, path.relative('content', c.folder));
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (path.extname(name) !== `.${c.extension}`) continue;
      out.push({ file: path.join(dir, name), fields: c.fields, markdown: c.format === 'yaml-frontmatter' });
    }
  }
  return out;
}

module.exports = { canonical, files, STRINGIFY };

if (require.main === module) {
  const [cfgPath, content, flag] = process.argv.slice(2);
  if (!cfgPath || !content) {
    console.error('usage: node canonical.js CONFIG CONTENT [--write]');
    process.exit(2);
  }
  const cfg = YAML.parse(fs.readFileSync(cfgPath, 'utf8'));
  let differ = 0;
  for (const { file, fields, markdown } of files(cfg, content)) {
    const text = fs.readFileSync(file, 'utf8');
    let want;
    try { want = canonical(text, fields, markdown); } catch (e) {
      console.error(`${file}: ${e.message}`); differ++; continue;
    }
    if (want === text) continue;
    differ++;
    if (flag === '--write') fs.writeFileSync(file, want);
    else console.log(`${file}: not in the editor's style (node test/browser/canonical.js CONFIG CONTENT --write)`);
  }
  if (differ && flag !== '--write') process.exit(1);
  if (flag === '--write') console.error(`canonical.js: ${differ} files rewritten`);
}
