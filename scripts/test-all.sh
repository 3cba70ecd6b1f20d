#!/usr/bin/env bash
# Runs the whole test suite of maki, as CI does (.ci/run calls this):
#   1. gofmt and go vet
#   2. go test ./...               (unit, golden, txtar and end-to-end build tests)
#   3. the example content passes `maki check` with no output
#   4. the browser suite (Chromium + axe-core + CSP + Nu Html Checker), which
#      installs what it needs (chromium, Java, nginx, npm packages) when missing
#   4b. the web editor end to end (test/browser/editor.sh: Sveltia CMS at /admin/ in
#      Chromium, a system created through the form passes maki check; about 50 s)
#   4c. maki import writes the web editor's YAML style: the Go tests that run
#      test/browser/canonical.js and the editor's YAML library (installed by 4b)
#      on imported files, required here (MAKI_REQUIRE_NODE=1) rather than skipped
#   5. format checks of the open-data exports with real parsers (rapper, xmllint)
# Usage: scripts/test-all.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

browser=1
[ "${1:-}" = "--no-browser" ] && browser=0

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './test/*'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

step "go vet"
go vet ./...

step "go test"
go test -count=1 ./...

step "maki check on the example content"
out=$(go run ./cmd/maki check 2>&1) || { echo "$out"; exit 1; }
# The one warning the example register is meant to have: it is fictional and
# has no video in Deutsche Gebärdensprache (BITV 2.0 § 4), which only an
# operator can supply. Anything else maki check prints fails this step.
unexpected=$(printf '%s\n' "$out" | grep -v \
  -e '^content/seiten/gebaerdensprache\.md:[0-9:]*: warning: field "video": no video in Deutsche Gebärdensprache yet' \
  -e '^0 errors, 1 warning$' -e '^$' || true)
if [ -n "$unexpected" ]; then echo "maki check printed:"; echo "$out"; exit 1; fi
echo "ok: no errors, no warnings but the missing DGS video"

for script in internal/export/testdata/check-formats.sh; do
  if [ -x "$script" ]; then step "$script"; "$script"; fi
done

if [ "$browser" = 1 ]; then
  step "browser suite"
  bash test/browser/run.sh
  step "web editor (/admin/)"
  bash test/browser/editor.sh
  step "maki import in the web editor's style (canonical.js)"
  MAKI_REQUIRE_NODE=1 go test -count=1 -run 'TestImportAlgoritmeregister|TestImportRoundTripEditorStyle|TestYAMLStringAgainstLibrary' ./cmd/maki ./internal/schema
fi
echo
echo "all tests passed"
