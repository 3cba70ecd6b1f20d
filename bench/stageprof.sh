#!/usr/bin/env bash
# bench/stageprof.sh — one full maki build of a synthetic register with its
# stage lines, wall/CPU/peak memory (GNU time), the peak resident memory of
# each stage (sampled from /proc every 0.2 s) and a CPU profile split by
# stage, for the stage-by-stage figures in RESULTS.md.
#
# Usage: bench/stageprof.sh [-n 100000] [-seed 1] [-bin path/to/maki] [-dir DIR]
#
# The corpus is generated into DIR/c<n> (kept for the next run), the site
# built into DIR/out (removed afterwards); profiles and the log stay in DIR
# (default $TMPDIR/makiprof). Needs GNU time (/usr/bin/time) and script(1)
# (the build prints its stage lines on a terminal only).
set -euo pipefail

n=100000 seed=1 bin="" dir=${TMPDIR:-/tmp}/makiprof
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-seed) seed=$2; shift 2 ;;
	-bin) bin=$2; shift 2 ;;
	-dir) dir=$2; shift 2 ;;
	*) echo "usage: bench/stageprof.sh [-n N] [-seed S] [-bin MAKI] [-dir DIR]" >&2; exit 2 ;;
	esac
done
cd "$(dirname "$0")/.."
mkdir -p "$dir"
if [ -z "$bin" ]; then
	bin=$dir/maki
	go build -o "$bin" ./cmd/maki
fi
content=$dir/c$n
if [ ! -f "$content/site.yaml" ]; then
	go run ./internal/corpus/cmd/makicorpus -n "$n" -seed "$seed" -out "$content"
fi
rm -rf "$dir/out"
tag=$dir/n$n
# rss: "seconds since start, resident KiB" of the build every 0.2 s
: >"$tag.rss"
(
	start=$(date +%s.%N) pid="" tries=0
	while [ -z "$pid" ] && [ $((tries += 1)) -le 200 ]; do
		pid=$(pgrep -f "^$bin build --content $content --out $dir/out " | head -1) || sleep 0.05
	done
	while kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) && [ -n "$kib" ]; do
		echo "$(echo "$(date +%s.%N) - $start" | bc) $kib" >>"$tag.rss"
		sleep 0.2
	done
) &
sampler=$!
script -qc "/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' '$bin' build --content '$content' --out '$dir/out' --cpuprofile '$tag.cpu' --memprofile '$tag.mem'" "$tag.log" >/dev/null
wait "$sampler" || true
rm -rf "$dir/out"
# each stage line with the peak resident memory sampled since the line before
grep -aE '^ *[0-9.]+s  |^[0-9.]+ s wall' "$tag.log" | awk -v rss="$tag.rss" '
	BEGIN { while ((getline l < rss) > 0) { split(l, f, " "); t[++n] = f[1]; k[n] = f[2] } }
	{ sub(/\r$/, "") }
	/^ *[0-9.]+s  / {
		end = $1 + 0; m = 0
		for (i = 1; i <= n; i++) if (t[i] > prev && t[i] <= end + 0.2 && k[i] > m) m = k[i]
		prev = end + 0.2
		if (m > 0) printf "%s   [peak RSS %d MiB]\n", $0, m / 1024; else print; next }
	{ print }' 
echo "CPU by stage (cumulative seconds; work on other goroutines is listed on its own; file writes are also under publish):"
go tool pprof -top -cum -nodecount=3000 "$bin" "$tag.cpu" 2>/dev/null | awk '
	function show(label) { printf "  %-40s %s\n", label, $4 }
	/Total samples/ { print "  " $0 }
	$6 ~ /^maki\/internal\/load\.\(\*loader\)\.dir\.func[0-9]+$/          { show("load (workers)") }
	$6 ~ /^maki\/internal\/build\.check$/                                 { show("validate, export warnings (serial)") }
	$6 ~ /^maki\/internal\/build\.checkMarkdownCached\.func1$/             { show("Markdown rules (workers)") }
	$6 ~ /^maki\/internal\/search\.Build$/                                { show("search index (serial part)") }
	$6 ~ /^maki\/internal\/search\.parallel\.func1$/                      { show("search index, similar systems (workers)") }
	$6 ~ /^maki\/internal\/render\.\(\*Prepared\)\.RenderAll\.func1$/     { show("render (workers, with their file writes)") }
	$6 ~ /^maki\/internal\/render\.\(\*renderer\)\.exec$/                 { show("  of which templates") }
	$6 ~ /^maki\/internal\/export\.Write$/                                { show("exports (serial part)") }
	$6 ~ /^maki\/internal\/export\.parallel\.func1$/                      { show("exports, the formats (workers)") }
	$6 ~ /^maki\/internal\/export\.\(\*exporter\)\.encodeSystems\.func1$/ { show("exports, JSON per system (workers)") }
	$6 ~ /^maki\/internal\/build\.parallel\.func1$/                       { show("search files written (workers)") }
	$6 ~ /^maki\/internal\/publish\.\(\*Stage\)\.Write$/                 { show("publish: all file writes") }
	$6 ~ /^runtime\.gcBgMarkWorker$/                                      { show("GC background mark (all stages)") }'
echo "log and profiles: $tag.{log,cpu,mem}"
