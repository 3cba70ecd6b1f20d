#!/usr/bin/env bash
# refresh-editor.sh — re-vendor the web editor (Sveltia CMS, MIT) and the three
# fonts it uses into themes/default/admin/.
#
# A build of maki needs neither node nor network: the output of this script is
# committed. "maki build" copies themes/<theme>/admin/ to <out>/admin/ only when
# content/site.yaml has an "editor:" block (docs/editor-web.md).
# Run this script only to move to a new version, then review the diff and run
# test/browser/editor.sh.
#
#   scripts/refresh-editor.sh                 # the versions pinned below
#   SVELTIA_VERSION=0.222.0 scripts/refresh-editor.sh
#
# What it writes:
#   themes/default/admin/sveltia-cms.js     the package's dist/sveltia-cms.js (IIFE build),
#                                           unchanged except that the three font URLs of
#                                           its built-in @font-face rules, which point at a
#                                           CDN, are rewritten to fonts/… beside index.html,
#                                           and the locale and update-check URLs (below)
#   themes/default/admin/LICENSE-sveltia-cms.txt   the package's MIT licence
#   themes/default/admin/fonts/*.woff2      Source Sans 3 (variable), Noto Mono 400,
#                                           Material Symbols Outlined (variable, the icons),
#                                           the Latin subsets the CMS asks for
#   themes/default/admin/fonts/LICENSE-*.txt their licences (SIL OFL 1.1 / Apache-2.0)
#   themes/default/admin/locales/{de,en-US}.json  the UI strings (the bundle would fetch
#                                           them from a CDN; rewritten to locales/)
#   themes/default/admin/package.json       {"version": …} for the bundle's hourly update
#                                           check, rewritten from the CDN to this file
#
# What stays in the bundle and is NOT vendored: the code-editor highlighter
# (shiki) and the map widget (leaflet) load from a CDN when such a widget is
# used. maki's configuration uses neither; /admin/'s CSP (connect-src,
# script-src 'self') blocks them should one ever be configured.
#
# Needs: node + npm (packages fetched into a temporary directory).
set -euo pipefail

SVELTIA_VERSION="${SVELTIA_VERSION:-0.221.1}"

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/themes/default/admin"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

echo "refresh-editor: fetching @sveltia/cms@$SVELTIA_VERSION" >&2
npm pack --silent "@sveltia/cms@$SVELTIA_VERSION" >/dev/null
mkdir cms && tar xzf sveltia-cms-*.tgz -C cms
bundle="$tmp/cms/package/dist/sveltia-cms.js"
[ -f "$bundle" ] || { echo "refresh-editor: no dist/sveltia-cms.js in the package" >&2; exit 1; }

# The fonts the bundle's @font-face rules name, with their versions:
#   https://cdn.jsdelivr.net/fontsource/fonts/<family>[:vf]@<version>/<file>.woff2
mapfile -t urls < <(grep -ao 'https://cdn\.jsdelivr\.net/fontsource/fonts/[^)"'"'"' ]*\.woff2' "$bundle" | sort -u)
[ "${#urls[@]}" -gt 0 ] || { echo "refresh-editor: found no font URLs in the bundle; check the rewrite" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/fonts"
cp "$bundle" "$out/sveltia-cms.js"
cp "$tmp/cms/package/LICENSE.txt" "$out/LICENSE-sveltia-cms.txt"

for url in "${urls[@]}"; do
  rest="${url#https://cdn.jsdelivr.net/fontsource/fonts/}"   # source-sans-3:vf@5.3.0/latin-wght-normal.woff2
  famver="${rest%%/*}"                                        # source-sans-3:vf@5.3.0
  file="${rest#*/}"                                           # latin-wght-normal.woff2
  fam="${famver%%@*}"; ver="${famver#*@}"                     # source-sans-3:vf  5.3.0
  name="${fam%%:*}"
  if [ "$fam" != "$name" ]; then pkg="@fontsource-variable/$name"; else pkg="@fontsource/$name"; fi
  echo "refresh-editor: $pkg@$ver $file" >&2
  d="$tmp/font-$name"; mkdir -p "$d"
  (cd "$d" && npm pack --silent "$pkg@$ver" >/dev/null && tar xzf ./*.tgz)
  src="$d/package/files/$name-$file"
  [ -f "$src" ] || { echo "refresh-editor: $pkg@$ver has no files/$name-$file" >&2; exit 1; }
  cp "$src" "$out/fonts/$name-$file"
  cp "$d/package/LICENSE" "$out/fonts/LICENSE-$name.txt"
  # Rewrite the URL in place (same file, relative to /admin/index.html).
  URL="$url" NEW="fonts/$name-$file" node -e '
    const fs = require("fs"); const f = process.argv[1];
    const s = fs.readFileSync(f, "latin1");
    const n = s.split(process.env.URL).length - 1;
    if (n < 1) { console.error("refresh-editor: URL not found"); process.exit(1); }
    fs.writeFileSync(f, s.split(process.env.URL).join(process.env.NEW), "latin1");
  ' "$out/sveltia-cms.js"
done

# The UI strings: the bundle fetches locales/<code>.json from the CDN for any UI
# language but its built-in en-US. Vendor German (and en-US) and fetch them
# from locales/ beside index.html.
mkdir -p "$out/locales"
for l in de en-US; do cp "$tmp/cms/package/locales/$l.json" "$out/locales/"; done
# The update check fetches the CDN's package.json every hour; point it at a
# package.json beside index.html that names the vendored version, so it
# finds no update and no request leaves the host.
printf '{"name":"@sveltia/cms","version":"%s"}\n' "$SVELTIA_VERSION" >"$out/package.json"
replace() { # replace OLD NEW: exactly one occurrence, or fail
  OLD="$1" NEW="$2" node -e '
    const fs = require("fs"); const f = process.argv[1];
    const s = fs.readFileSync(f, "latin1");
    const n = s.split(process.env.OLD).length - 1;
    if (n !== 1) { console.error("refresh-editor: " + n + " matches of " + process.env.OLD + "; want 1"); process.exit(1); }
    fs.writeFileSync(f, s.replace(process.env.OLD, process.env.NEW), "latin1");
  ' "$out/sveltia-cms.js"
}
replace '=`${iP}@${rP}/locales`' '=`locales`'
replace '=`${iP}/package.json`' '=`package.json`'

if grep -q 'cdn\.jsdelivr\.net/fontsource' "$out/sveltia-cms.js"; then
  echo "refresh-editor: a font URL was left in the bundle" >&2; exit 1
fi
cat >"$out/VERSION" <<EOF
@sveltia/cms $SVELTIA_VERSION (MIT), vendored by scripts/refresh-editor.sh
fonts: $(cd "$out/fonts" && ls *.woff2 | tr '\n' ' ')
EOF
echo "refresh-editor: @sveltia/cms $SVELTIA_VERSION -> $(wc -c <"$out/sveltia-cms.js") bytes of JS, fonts $(du -cb "$out"/fonts/*.woff2 | tail -1 | cut -f1) bytes" >&2
