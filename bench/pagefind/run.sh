#!/usr/bin/env bash
# bench/pagefind/run.sh — maki's search against Pagefind, on the same built
# site, in the same run.
#
# Usage: bench/pagefind/run.sh [-n 10000] [-runs 3] [-out FILE] [-q WORD]...
#
#  1. generates the synthetic corpus (makicorpus -n N -seed 1), or reuses
#     $WORK/corpus-nN, and builds maki's site once into $WORK/site-nN
#     (timed, with a CPU profile for the search stage's share);
#  2. runs Pagefind (npm package pinned in package-lock.json; its binary is
#     an npm optional dependency, nothing else is downloaded) over the
#     German and English system pages of that site (timed);
#  3. measure.mjs serves the site on 127.0.0.1 and, in headless Chromium
#     (playwright-core from test/browser), runs each query cold with maki's
#     search page and with Pagefind's API, counting the bytes served;
#  4. report.mjs writes the Markdown to FILE (default bench/pagefind/RESULTS.md).
#
# WORK defaults to ${TMPDIR:-/tmp}/maki-pagefind; it is kept for reruns
# (delete it to start over). PAGEFIND_ARGS adds arguments to Pagefind;
# CHROMIUM names the browser (default /usr/bin/chromium).
set -euo pipefail

n=10000 runs=3 out="" qs=()
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-runs) runs=$2; shift 2 ;;
	-out) out=$2; shift 2 ;;
	-q) qs+=(-q "$2"); shift 2 ;;
	*) echo "usage: bench/pagefind/run.sh [-n N] [-runs R] [-out FILE] [-q WORD]..." >&2; exit 2 ;;
	esac
done
cmdline="bench/pagefind/run.sh -n $n -runs $runs${qs:+ ${qs[*]}}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${out:-$here/RESULTS.md}
case $out in /*) ;; *) out=$PWD/$out ;; esac
work=${WORK:-${TMPDIR:-/tmp}/maki-pagefind}
chromium=${CHROMIUM:-/usr/bin/chromium}

die() { echo "bench/pagefind/run.sh: $*" >&2; exit 1; }
for t in go node npm; do command -v $t >/dev/null || die "$t not found in PATH"; done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
[ -x "$chromium" ] || die "$chromium not found (apt-get install chromium, or set CHROMIUM)"
[ -d "$root/test/browser/node_modules/playwright-core" ] || [ -d "$here/node_modules/playwright-core" ] ||
	die "playwright-core not found: run (cd test/browser && npm ci)"

cd "$here"
if [ ! -x node_modules/.bin/pagefind ]; then
	echo "== npm ci (pagefind)" >&2
	npm ci --no-audit --no-fund >&2 || die "npm ci failed"
fi
pfversion=$(node_modules/.bin/pagefind --version 2>/dev/null) || die "pagefind does not run (its platform package missing? npm ci again)"

mkdir -p "$work"
corpus=$work/corpus-n$n site=$work/site-n$n
cd "$root"
echo "== go build maki" >&2
go build -o "$work/maki" ./cmd/maki || die "go build failed"
if [ ! -f "$corpus/site.yaml" ] && [ ! -d "$corpus/systeme" ]; then
	echo "== makicorpus -n $n -seed 1 -out $corpus" >&2
	rm -rf "$corpus"
	go run ./internal/corpus/cmd/makicorpus -n "$n" -seed 1 -out "$corpus" >&2 || die "makicorpus failed"
else
	echo "== reusing corpus $corpus" >&2
fi

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== maki build ($n systems)" >&2
rm -rf "$site"
/usr/bin/time -f '%e %U %S %M' -o "$work/maki.time" \
	"$work/maki" build --content "$corpus" --out "$site" --quiet -cpuprofile "$work/maki.prof" || die "maki build failed"
read -r mwall muser msys mrss <"$work/maki.time"
# CPU samples under internal/search (index files and similar systems), from the profile
searchcpu=$(go tool pprof -top -focus 'maki/internal/search\.' "$work/maki" "$work/maki.prof" 2>/dev/null |
	sed -n 's/^Showing nodes accounting for \([0-9.]*[a-z]*\), \([0-9.]*%\) of \([0-9.]*[a-z]*\) total.*/\1 of \3 sampled (\2)/p' || true)

pfcmd="pagefind --site $site --output-subdir _pagefind --glob '{systeme,en/systeme}/*/index.html'${PAGEFIND_ARGS:+ $PAGEFIND_ARGS}"
echo "== $pfcmd" >&2
# shellcheck disable=SC2086
/usr/bin/time -f '%e %U %S %M' -o "$work/pagefind.time" \
	"$here/node_modules/.bin/pagefind" --site "$site" --output-subdir _pagefind --glob '{systeme,en/systeme}/*/index.html' ${PAGEFIND_ARGS:-} \
	>"$work/pagefind.log" 2>&1 || { cat "$work/pagefind.log" >&2; die "pagefind failed"; }
read -r pwall puser psys prss <"$work/pagefind.time"
sed -n '/^\[Walking/,$p' "$work/pagefind.log" >&2

echo "== measure.mjs ($runs cold runs per query)" >&2
node "$here/measure.mjs" --site "$site" --runs "$runs" --out "$work/results-n$n.json" "${qs[@]}" || die "measure.mjs failed"

mb() { du -sb "$1" | awk '{printf "%.1f", $1/1e6}'; }
cpu() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a+b}'; }
rss() { awk -v a="$1" 'BEGIN{printf "%.0f", a/1024}'; }
env WORK_INFO="$work/info-n$n.json" \
	N=$n DATE="$(date -u +%Y-%m-%dT%H:%MZ)" CMD="$cmdline" CORES="$(nproc)" LOAD="$load" \
	COMMIT="$(git -C "$root" rev-parse --short HEAD)" PAGES="$(find "$site" -name '*.html' | wc -l)" \
	PFCMD="$pfcmd" PFV="$pfversion" MWALL=$mwall MCPU="$(cpu "$muser" "$msys")" MRSS="$(rss "$mrss")" SEARCHCPU="$searchcpu" \
	MIMB="$(mb "$site/suche/index")" MIF="$(find "$site/suche/index" -type f | wc -l)" \
	PWALL=$pwall PCPU="$(cpu "$puser" "$psys")" PRSS="$(rss "$prss")" \
	PFMB="$(mb "$site/_pagefind")" PFF="$(find "$site/_pagefind" -type f | wc -l)" PFLOG="$work/pagefind.log" \
	node -e '
const fs = require("fs"), e = process.env;
fs.writeFileSync(e.WORK_INFO, JSON.stringify({
  n: +e.N, date: e.DATE, command: e.CMD, cores: +e.CORES, load: e.LOAD, node: process.version, commit: e.COMMIT,
  pages: +e.PAGES, pagefindCommand: e.PFCMD, pagefindVersion: e.PFV,
  maki: { wall: e.MWALL, cpu: e.MCPU, rss: e.MRSS }, makiSearchCPU: e.SEARCHCPU,
  makiIndexMB: e.MIMB, makiIndexFiles: +e.MIF,
  pagefind: { wall: e.PWALL, cpu: e.PCPU, rss: e.PRSS }, pagefindMB: e.PFMB, pagefindFiles: +e.PFF,
  pagefindLog: fs.readFileSync(e.PFLOG, "utf8").split("\n").filter((l) => !/^npm warn/.test(l)).join("\n"),
}, null, 1));'
node "$here/report.mjs" "$work/results-n$n.json" "$work/info-n$n.json" >"$out" || die "report.mjs failed"
echo "== wrote $out" >&2
sed -n '/^## Bytes/,/^Commonest/p' "$out"
