#!/usr/bin/env bash
# refresh-kern.sh — re-vendor the KERN design system (@kern-ux/native, EUPL-1.2)
# into themes/default/static/.
#
# A build of maki needs neither node nor network: the output of this script is
# committed. Run it only to move to a new KERN version, then review the diff and
# run test/browser/run.sh.
#
#   scripts/refresh-kern.sh            # the version pinned below
#   KERN_VERSION=2.8.0 scripts/refresh-kern.sh
#
# What it writes:
#   themes/default/static/css/kern.css        KERN compiled from its SCSS sources, only
#                                             the modules the theme uses, unused icons
#                                             dropped, minified, with a licence header
#   themes/default/static/css/LICENSE-KERN.md the package's EUPL-1.2 licence text
#   themes/default/static/fonts/FiraSans-Regular.woff2, FiraSans-SemiBold.woff2
#                                             Fira Sans 400 and 600 (the two weights KERN's
#                                             tokens use), subset to Latin + punctuation
#   themes/default/static/fonts/OFL.txt       the fonts' licence (SIL OFL 1.1)
#
# Needs: node + npm (for the package and the sass compiler, both fetched into a
# temporary directory) and fonttools with brotli (Debian: fonttools python3-brotli)
# for the font subsets.
set -euo pipefail

KERN_VERSION="${KERN_VERSION:-2.7.2}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"

# Modules of KERN's SCSS the theme uses. Keep in sync with static/css/README.md.
MODULES=(
  core/global
  core/tokens
  core/layers
  core/typography
  core/components/icon
  core/components/badge
  core/components/button
  core/components/description-list
  core/components/table
  core/components/input
  core/components/alert
  core/components/card
  core/components/divider
  core/layout/grid
)
# Icons (.kern-icon--NAME) the templates may use; all others are dropped.
ICONS="arrow-back arrow-forward arrow-up arrow-down chevron-left chevron-right keyboard-double-arrow-left keyboard-double-arrow-right search open-in-new download mail info warning danger success check close home language easy-language sign-language edit help calendar-today"
# Characters kept in the font subsets: Basic Latin, Latin-1, Latin Extended-A,
# comma-below letters, general punctuation (dashes, „quotes“, …), euro, arrows, math.
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+02C6,U+02DA,U+02DC,U+2010-2027,U+2030,U+2039,U+203A,U+20AC,U+2122,U+2190-2193,U+2212,U+2264,U+2265"
FEATURES="kern,liga,calt,lnum,tnum,case,ccmp,locl,mark,mkmk"

root="$(cd "$(dirname "$0")/.." && pwd)"
css="$root/themes/default/static/css"
fonts="$root/themes/default/static/fonts"

pyftsubset=""
for c in /usr/bin/pyftsubset "$(command -v pyftsubset || true)"; do
  if [ -n "$c" ] && [ -x "$c" ]; then pyftsubset="$c"; break; fi
done
if [ -z "$pyftsubset" ]; then
  echo "refresh-kern: pyftsubset not found; install fonttools and python3-brotli (apt-get install fonttools python3-brotli)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

echo "refresh-kern: fetching @kern-ux/native@$KERN_VERSION and sass@$SASS_VERSION" >&2
npm init -y >/dev/null
npm install --no-save --no-audit --no-fund --loglevel=error \
  "@kern-ux/native@$KERN_VERSION" "sass@$SASS_VERSION" >/dev/null
pkg="$tmp/node_modules/@kern-ux/native"
got="$(node -p "require('$pkg/package.json').version")"
lic="$(node -p "require('$pkg/package.json').license")"

: >entry.scss
for m in "${MODULES[@]}"; do
  echo "@use '$pkg/src/scss/$m';" >>entry.scss
done
npx sass --no-source-map --style=compressed --quiet entry.scss compiled.css

# Drop the rules of icons the theme does not use (each icon is an inline SVG of
# about 1 KB) and the @charset, which must not follow our header comment.
ICONS="$ICONS" node - compiled.css trimmed.css <<'EOF'
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
const keep = new Set(process.env.ICONS.split(/\s+/).filter(Boolean));
const sizes = new Set(['small', 'default', 'large', 'x-large']);
let s = fs.readFileSync(src, 'utf8').replace(/^\uFEFF/, '').replace(/^@charset "UTF-8";/, '');
// Split a block of CSS into top-level statements, honouring strings and nesting.
function split(text) {
  const out = [];
  let depth = 0, start = 0, q = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '\\') i++; else if (c === q) q = null; continue; }
    if (c === '"' || c === "'") { q = c; continue; }
    if (c === '{') depth++;
    else if (c === '}') { depth--; if (depth === 0) { out.push(text.slice(start, i + 1)); start = i + 1; } }
    else if (c === ';' && depth === 0) { out.push(text.slice(start, i + 1)); start = i + 1; }
  }
  if (text.slice(start).trim()) out.push(text.slice(start));
  return out;
}
function unused(selector) {
  const sels = selector.split(',');
  return sels.every(sel => {
    const m = sel.match(/\.kern-icon--([a-z0-9-]+)/);
    return m && !sizes.has(m[1]) && !keep.has(m[1]);
  });
}
function filter(text) {
  return split(text).map(st => {
    const b = st.indexOf('{');
    if (b < 0) return st;
    const head = st.slice(0, b).trim();
    if (head.startsWith('@')) {
      if (/^@(media|supports|layer|container)/.test(head)) {
        const inner = filter(st.slice(b + 1, -1));
        return inner ? head + '{' + inner + '}' : '';
      }
      return st;
    }
    return unused(head) ? '' : st;
  }).join('');
}
fs.writeFileSync(dst, filter(s) + '\n');
EOF

{
  cat <<EOF
/*! KERN UX design system — @kern-ux/native $got
 * Licence: $lic (see LICENSE-KERN.md beside this file).
 * Vendored for maki by scripts/refresh-kern.sh: compiled from the package's SCSS
 * sources, only these modules: ${MODULES[*]};
 * icons kept: $ICONS.
 * Do not edit by hand; our own rules live in maki.css.
 */
/* Fira Sans (SIL OFL 1.1, see ../fonts/OFL.txt): the two weights KERN's tokens use, Latin subset. */
@font-face{font-family:"Fira Sans";font-style:normal;font-weight:400;font-display:swap;src:url(../fonts/FiraSans-Regular.woff2) format("woff2")}
@font-face{font-family:"Fira Sans";font-style:normal;font-weight:600;font-display:swap;src:url(../fonts/FiraSans-SemiBold.woff2) format("woff2")}
EOF
  cat trimmed.css
} >"$css/kern.css"
cp "$pkg/LICENSE.md" "$css/LICENSE-KERN.md"

mkdir -p "$fonts"
for w in Regular SemiBold; do
  "$pyftsubset" "$pkg/dist/fonts/fira-sans/FiraSans-$w.woff2" \
    --unicodes="$UNICODES" --layout-features="$FEATURES" --flavor=woff2 \
    --output-file="$fonts/FiraSans-$w.woff2" 2>/dev/null
done
{
  echo "Fira Sans (FiraSans-Regular.woff2, FiraSans-SemiBold.woff2), from @kern-ux/native $got,"
  echo "subset to Latin characters by scripts/refresh-kern.sh."
  echo
  echo "Digitized data copyright (c) 2012-2015, The Mozilla Foundation and Telefonica S.A."
  echo "Fira Sans is a trademark of The Mozilla Corporation."
  echo "Licensed under the SIL Open Font License, Version 1.1:"
  echo
  if [ -f /usr/share/doc/fonttools/copyright ]; then
    # Debian's fonttools package carries the licence's full text.
    sed -n '/SIL OPEN FONT LICENSE Version 1.1/,/OTHER DEALINGS IN THE FONT SOFTWARE/p' \
      /usr/share/doc/fonttools/copyright | sed -e 's/^ \.$//' -e 's/^ //'
  else
    echo "https://openfontlicense.org/open-font-license-official-text/"
  fi
} >"$fonts/OFL.txt"

echo "refresh-kern: @kern-ux/native $got ($lic) -> $(wc -c <"$css/kern.css") bytes of CSS, fonts $(du -cb "$fonts"/*.woff2 | tail -1 | cut -f1) bytes" >&2
