#!/usr/bin/env bash
# run.sh — build the example register and check every page type in a real browser.
#
#   test/browser/run.sh
#
# 1. installs what is missing: Debian's chromium, a Java runtime, nginx (apt, only
#    when missing), and the pinned npm packages (npm ci in test/browser);
# 2. builds the example site: go run ./cmd/maki build --out <tmp>/register
#    --base-url http://127.0.0.1:<port>/register/  (MAKI_SITE=<dir> serves a
#    prebuilt site instead);
# 3. serves it with nginx on loopback under /register/ with the strict CSP;
# 4. runs the Nu Html Checker over every HTML file, then the Node test
#    (site.test.js: axe-core, CSP, console, third-party requests, 320 px
#    reflow, skip link, h1, lang, no-JS, screenshots, self-test on a broken page),
#    keyboard.test.js (a visible focus on every Tab stop in light, dark and
#    forced colours; headings x2 at 200 % text), engines.test.js (IBM
#    Equal Access and HTML_CodeSniffer, findings triaged) and corpus.test.js
#    (issue 13 on a synthetic register: makicorpus -n 1600 -seed 1 with the
#    example's synonyme.yaml, built into <tmp>/korpus and served under /korpus/:
#    A–Z collation and letter bar, paged lists, plurals, status lines,
#    statistics at 320 px, German search, feeds, feedback links, axe-core) and
#    history.test.js (issue 15: history-repo.sh makes a git repository of the
#    example content with three systems edited, renamed and deleted, built into
#    <tmp>/verlauf with its change history and served under /verlauf/: axe-core,
#    the folded older versions by keyboard, the section in the outline, dates,
#    the removed system's page, the snapshots; both languages);
# 5. prints a summary per page type and exits non-zero on any failure.
#
# Environment: CHROMIUM (default /usr/bin/chromium), MAKI_SITE, MAKI_CONTENT=<dir>
# (build other content, e.g. a synthetic corpus with more than 100 systems so the
# A–Z list has a page 2), KEEP_TMP=1,
# UPDATE_SCREENSHOTS=0 to leave test/browser/screenshots alone,
# MAKI_TESTS="keyboard.test.js" to run only some test files (no Nu Html Checker),
# MAKI_CORPUS_N (systems in corpus.test.js's register, default 1600),
# MAKI_CORPUS_SITE=<dir> (serve a corpus site built before, e.g. <tmp>/korpus of a
# run with KEEP_TMP=1, instead of building one; its absolute URLs are moved to
# this run's port). The corpus is built only when corpus.test.js runs.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# ---------- 1. dependencies ----------
apt_pkgs=()
[ -x "$CHROMIUM" ] || apt_pkgs+=(chromium)
command -v java >/dev/null 2>&1 || apt_pkgs+=(default-jre-headless)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then apt_pkgs+=(nginx); fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "installing ${apt_pkgs[*]} (apt)"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install ${apt_pkgs[*]}"
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Keep the nginx package from starting a system service on port 80 (we run our
  # own on loopback): Debian's policy-rc.d convention, only if none is there.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy"
  fi
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  $sudo apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
  apt_status=$?
  [ -n "$policy" ] && $sudo rm -f "$policy"
  [ "$apt_status" = 0 ] || die "apt-get install ${apt_pkgs[*]} failed"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM"

if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ] \
   || [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  log "npm ci (test/browser)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
    || die "npm ci failed"
fi

# ---------- 2. build ----------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/maki-browser.XXXXXX")"
chmod 755 "$tmp"
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port/register/"
site="$tmp/register"

if [ -n "${MAKI_SITE:-}" ]; then
  log "using prebuilt site $MAKI_SITE"
  cp -R "$MAKI_SITE" "$site"
  # a hand-made fixture site names its server PORT
  find "$site" -name sitemap.xml -exec sed -i "s/127\.0\.0\.1:PORT/127.0.0.1:$port/g" {} +
else
  content_flag=()
  [ -n "${MAKI_CONTENT:-}" ] && content_flag=(--content "$MAKI_CONTENT")
  log "maki build ${content_flag[*]} --out $site --base-url $base"
  (cd "$root" && go run ./cmd/maki build "${content_flag[@]}" --out "$site" --base-url "$base") >"$tmp/build.log" 2>&1 || {
    cat "$tmp/build.log" >&2
    die "maki build failed"
  }
fi
[ -f "$site/index.html" ] || die "the build wrote no index.html"

# MAKI_TESTS picks test files (and skips the Nu Html Checker), e.g. MAKI_TESTS=keyboard.test.js.
read -r -a test_files <<<"${MAKI_TESTS:-site.test.js statistik.test.js keyboard.test.js engines.test.js corpus.test.js history.test.js}"

# The synthetic register of corpus.test.js: names that start with quotes,
# brackets, digits, lower case, umlauts and Ω; one organisation with more
# than 100 systems; the example's synonym list (the generator writes none).
corpus_base="http://127.0.0.1:$port/korpus/"
corpus_site="$tmp/korpus"
mkdir -p "$corpus_site"
case " ${test_files[*]} " in
  *" corpus.test.js "*)
    if [ -n "${MAKI_CORPUS_SITE:-}" ]; then
      log "using prebuilt corpus site $MAKI_CORPUS_SITE"
      rm -rf "$corpus_site" && cp -R "$MAKI_CORPUS_SITE" "$corpus_site" || die "cannot copy $MAKI_CORPUS_SITE"
      grep -rlZ --include='*.html' --include='*.xml' --include='*.json' --include='*.txt' '127\.0\.0\.1\(:\|%3A\)[0-9]*' "$corpus_site" \
        | xargs -0 -r sed -i -e "s|127\.0\.0\.1:[0-9]*/korpus/|127.0.0.1:$port/korpus/|g" \
                             -e "s|127\.0\.0\.1%3A[0-9]*%2Fkorpus%2F|127.0.0.1%3A$port%2Fkorpus%2F|g"
    else
      n="${MAKI_CORPUS_N:-1600}"
      log "makicorpus -n $n -seed 1; maki build --content $tmp/corpus --out $corpus_site --base-url $corpus_base"
      { (cd "$root" && go run ./internal/corpus/cmd/makicorpus -n "$n" -seed 1 -out "$tmp/corpus") \
          && cp "$root/content/synonyme.yaml" "$tmp/corpus/synonyme.yaml" \
          && rm -rf "$corpus_site" \
          && (cd "$root" && go run ./cmd/maki build --content "$tmp/corpus" --out "$corpus_site" --base-url "$corpus_base"); } \
        >"$tmp/corpus-build.log" 2>&1 || { cat "$tmp/corpus-build.log" >&2; die "corpus build failed"; }
    fi
    [ -f "$corpus_site/index.html" ] || die "the corpus build wrote no index.html"
    ;;
esac

# The register with a git history of history.test.js.
history_base="http://127.0.0.1:$port/verlauf/"
history_site="$tmp/verlauf"
mkdir -p "$history_site"
case " ${test_files[*]} " in
  *" history.test.js "*)
    log "history-repo.sh content $tmp/verlauf-repo; maki build --content $tmp/verlauf-repo/content --out $history_site --base-url $history_base"
    { bash "$here/history-repo.sh" "$root/content" "$tmp/verlauf-repo" \
        && rm -rf "$history_site" \
        && (cd "$root" && go run ./cmd/maki build --content "$tmp/verlauf-repo/content" --out "$history_site" --base-url "$history_base"); } \
      >"$tmp/history-build.log" 2>&1 || { cat "$tmp/history-build.log" >&2; die "history build failed"; }
    [ -f "$history_site/systeme/verlauf-drei/index.html" ] || die "the history build wrote no page for the removed system"
    ;;
esac

# ---------- 3. serve ----------
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root root;"
sed -e "s|@PORT@|$port|g" -e "s|@TMP@|$tmp|g" -e "s|@SITE@|$site|g" \
    -e "s|@FIXTURES@|$here/fixtures|g" -e "s|@USER@|$user_line|g" -e "s|@CORPUS@|$corpus_site|g" -e "s|@HISTORY@|$history_site|g" \
    "$here/nginx.conf" >"$tmp/nginx.conf"
"$NGINX" -t -q -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" || die "nginx -t failed"
"$NGINX" -p "$tmp" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
ok=0
for _ in $(seq 1 50); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base" 2>/dev/null; then ok=1; break; fi
  sleep 0.1
done
[ "$ok" = 1 ] || { cat "$tmp/nginx-error.log" >&2; die "nginx did not answer on $base"; }
log "serving $site at $base"

# ---------- 4. checks ----------
status=0

log "Nu Html Checker"
vnu_out="$tmp/vnu.txt"
html_count="$(find "$site" -name '*.html' | wc -l)"
if [ -n "${MAKI_TESTS:-}" ]; then
  vnu_result="skipped (MAKI_TESTS=$MAKI_TESTS)"
elif java -Xss4m -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html \
     "$site" >"$vnu_out" 2>&1; then
  vnu_result="0 errors in $html_count HTML files"
else
  vnu_errors="$(grep -c ': error:' "$vnu_out" || true)"
  vnu_result="FAIL: $vnu_errors errors in $html_count HTML files"
  sed -e "s|file:$site/||" "$vnu_out" | head -50 >&2
  status=1
fi

log "browser tests (node --test)"
export MAKI_BASE="$base" MAKI_SITE_DIR="$site" MAKI_RESULTS="$tmp/results.json" \
       MAKI_FIXTURES_URL="http://127.0.0.1:$port/__fixtures__/" \
       MAKI_CORPUS_BASE="$corpus_base" MAKI_CORPUS_DIR="$corpus_site" \
       MAKI_HISTORY_BASE="$history_base"
if [ "${UPDATE_SCREENSHOTS:-1}" = 1 ]; then export MAKI_SCREENSHOTS="$here/screenshots"; fi
(cd "$here" && node --test --test-reporter=spec --test-concurrency=1 "${test_files[@]}")
test_status=$?
[ "$test_status" = 0 ] || status=1

# ---------- 5. summary ----------
echo
echo "== summary =="
echo "Nu Html Checker: $vnu_result"
case " ${test_files[*]} " in
  *" site.test.js "*) node "$here/summary.js" "$tmp/results.json" || status=1 ;;
  *) echo "browser tests: ${test_files[*]} (no per-page table without site.test.js)" ;;
esac
if [ "$status" = 0 ]; then echo "browser suite: PASS"; else echo "browser suite: FAIL"; fi
exit "$status"
