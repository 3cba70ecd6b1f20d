#!/usr/bin/env bash
# editor.sh — the web editor (/admin/, Sveltia CMS) end to end in Debian's Chromium.
#
#   test/browser/editor.sh
#
# Builds maki, copies content/ with an "editor:" block added to site.yaml, builds
# the site, serves it (a small Node server in the test, loopback only, with the
# /admin/ CSP header of docs/editor-web.md) and runs editor.test.js: create a
# system through the form, check and build it with maki, change one field of
# every example file and change it back (diffs asserted), axe on the editor's
# pages, no request to another host. Before that, canonical.js checks that
# content/ is in the editor's YAML style.
# Results (axe violations, diffs): $MAKI_RESULTS or <tmp>/editor-results.json,
# printed at the end. Needs what run.sh needs (chromium, npm ci in test/browser).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
log() { printf 'editor.sh: %s\n' "$*" >&2; }
[ -x "$CHROMIUM" ] || { log "no Chromium at $CHROMIUM (apt-get install chromium)"; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/yaml" ]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || { log "npm ci failed"; exit 1; }
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/maki-editor.XXXXXX")"
trap '[ "${KEEP_TMP:-0}" = 1 ] && log "kept $tmp" || rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/maki" ./cmd/maki) || { log "go build failed"; exit 1; }
cp -R "$root/content" "$tmp/content"
cat >>"$tmp/content/site.yaml" <<'YAML'
editor:
  backend: gitlab
  repo: ki-register/inhalte
  branch: main
  api_root: https://gitlab.example.org/api/v4
  base_url: https://gitlab.example.org
  app_id: test-application-id
YAML
(cd "$root" && "$tmp/maki" build --content "$tmp/content" --out "$tmp/site") >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; log "maki build failed"; exit 1; }
[ -f "$tmp/site/admin/index.html" ] || { log "the build wrote no admin/index.html"; exit 1; }
# The example content is in the style the editor writes (canonical.js,
# docs/editor-web.md); the browser test below checks that on every file.
(cd "$here" && node canonical.js "$tmp/site/admin/config.yml" "$root/content") ||
  { log "content/ is not in the editor's style: node test/browser/canonical.js <site>/admin/config.yml content --write"; exit 1; }
export MAKI_SITE_DIR="$tmp/site" MAKI_CONTENT="$tmp/content" MAKI_BIN="$tmp/maki" \
       MAKI_RESULTS="${MAKI_RESULTS:-$tmp/editor-results.json}"
[ "${UPDATE_SCREENSHOTS:-1}" = 1 ] && export MAKI_SCREENSHOTS="$here/screenshots"
(cd "$here" && node --test --test-reporter=spec --test-concurrency=1 editor.test.js)
status=$?
if [ -f "$MAKI_RESULTS" ]; then
  node -e '
    const r = require(process.argv[1]);
    console.log("\n== editor: axe violations (the editor'"'"'s own) ==");
    for (const [page, vs] of Object.entries(r.axe || {})) {
      console.log(`${page}: ${vs.length ? vs.map(v => `${v.id} (${v.impact}, ${v.nodes} nodes)`).join(", ") : "none"}`);
    }
    for (const [k, d] of Object.entries(r.diffs || {})) console.log(`diff ${k}: ${d.length} lines changed\n  ${d.join("\n  ")}`);
    const ex = Object.entries(r.examples || {});
    const odd = ex.filter(([, v]) => v.change.length !== 2 || v.back.length);
    console.log(`example files changed and changed back: ${ex.length}, with other lines changed: ${odd.length}${odd.length ? "\n  " + odd.map(([f]) => f).join("\n  ") : ""}; forms reopened after a reload: ${r.reopened || 0}`);
    if (r.plainString) console.log(`plain-string texts: ${Array.isArray(r.plainString) ? r.plainString.join(" ") : r.plainString}`);
    console.log(`requests to other hosts: ${(r.foreign || []).length}`);
  ' "$MAKI_RESULTS"
fi
exit "$status"
