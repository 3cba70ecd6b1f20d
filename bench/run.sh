#!/usr/bin/env bash
# bench/run.sh — maki full build against the copy floor and Hugo on the same
# synthetic register.
#
# Usage: bench/run.sh [-n 10000] [-runs 5] [-seed 1] [-maki-only] [-hugo-related] [-no-warmup] [-work DIR] [-rev REV]
#
# Generates the corpus once (internal/corpus), converts it for Hugo
# (bench/hugoprep; not timed), builds maki, installs Hugo v0.160.0 into a
# temporary GOBIN when $HUGO is not set, then alternates maki, the copy floor
# and Hugo in the same run: one discarded warm-up each, then -runs timed runs
# each. Every run starts with an empty output directory (removed untimed).
# Wall time, CPU time (user+sys) and peak RSS come from /usr/bin/time.
# Prints a Markdown table; raw figures go to $WORK/runs.tsv.
#
# The copy floor ("copy") is `cp -a` of a finished maki output tree (made
# untimed by one extra build before the runs, so it is in the page cache)
# into an empty folder: what writing maki's output costs on this machine,
# without making it. Every result is also given as a ratio to it, of the
# medians and per round (build / copy of the same round: median and
# range), since the file system's speed on a shared machine moves both.
#
# -hugo-related adds a third contender, Hugo with a "similar systems" list
# on every system page (Hugo's related content, on topic and authority),
# which maki's pages have; it grows much faster than linearly in Hugo
# (10 minutes at 10,000 systems here), so the default Hugo build omits it.
# -rev REV takes maki, its theme, bench/hugoprep and bench/hugo from that
# commit (git archive into $WORK/src) instead of the working tree, which
# other engineers may be editing.
# -maki-only skips Hugo (for n=100000, where only maki's time and memory are
# of interest); the copy floor is still measured.
set -euo pipefail

n=10000 runs=5 seed=1 makionly=0 related=0 warmup=1 work="" rev=""
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-runs) runs=$2; shift 2 ;;
	-seed) seed=$2; shift 2 ;;
	-maki-only) makionly=1; shift ;;
	-hugo-related) related=1; shift ;;
	-no-warmup) warmup=0; shift ;;
	-work) work=$2; shift 2 ;;
	-rev) rev=$2; shift 2 ;;
	*) echo "usage: bench/run.sh [-n N] [-runs R] [-seed S] [-maki-only] [-hugo-related] [-no-warmup] [-work DIR] [-rev REV]" >&2; exit 2 ;;
	esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${work:-${TMPDIR:-/tmp}/makibench-n$n-s$seed}
hugo_version=v0.160.0
mkdir -p "$work"
log() { printf '%s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "installing GNU time"
	apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

if [ -n "$rev" ]; then
	# a clean export of one commit, untouched by edits in the shared working tree
	log "building maki from $rev"
	rm -rf "$work/src" && mkdir -p "$work/src"
	git -C "$repo" archive "$rev" | tar -x -C "$work/src"
	src=$work/src
	(cd "$src" && go build -o "$work/maki" ./cmd/maki)
	rev=$(git -C "$repo" rev-parse --short "$rev")
else
	src=$repo
	log "building maki"
	(cd "$repo" && go build -o "$work/maki" ./cmd/maki)
	# the tree maki was built from (the working tree is shared; say so when it differs)
	rev="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- cmd internal themes go.mod go.sum || echo ' + uncommitted changes')"
fi

if [ ! -f "$work/content/.done" ]; then
	log "generating corpus: n=$n seed=$seed"
	rm -rf "$work/content"
	(cd "$src" && go run ./internal/corpus/cmd/makicorpus -n "$n" -seed "$seed" -out "$work/content")
	touch "$work/content/.done"
fi

if [ $makionly = 0 ]; then
	HUGO=${HUGO:-}
	if [ -z "$HUGO" ]; then
		hugobin=${TMPDIR:-/tmp}/maki-bench-hugo-$hugo_version
		if [ ! -x "$hugobin/hugo" ]; then
			log "installing Hugo $hugo_version into $hugobin (go install; takes a few minutes)"
			GOBIN=$hugobin go install "github.com/gohugoio/hugo@$hugo_version"
		fi
		HUGO=$hugobin/hugo
	fi
	log "preparing the Hugo site ($("$HUGO" version | cut -d' ' -f1-2))"
	rm -rf "$work/hugosite"
	(cd "$src" && go run ./bench/hugoprep -content "$work/content" -theme themes/default -out "$work/hugosite")
	cp -r "$src/bench/hugo/hugo.toml" "$src/bench/hugo/layouts" "$work/hugosite/"
fi

export HUGO_CACHEDIR=$work/hugocache
tsv=$work/runs.tsv
: >"$tsv"

# one TOOL RUNLABEL: builds into an empty directory and appends a line
# "tool run wall cpu peakKiB" to runs.tsv (warm-up runs are labelled w).
one() {
	local tool=$1 label=$2 out="$work/out-$1" tf="$work/time.txt"
	rm -rf "$out" "$out".tmp-* "$out".old
	local cmd
	case $tool in
	maki) cmd=("$work/maki" build --quiet --content "$work/content" --theme "$src/themes/default" --out "$out") ;;
	hugo) cmd=("$HUGO" --quiet --source "$work/hugosite" --destination "$out") ;;
	hugo-related) cmd=(env HUGO_PARAMS_SIMILAR=true "$HUGO" --quiet --source "$work/hugosite" --destination "$out") ;;
	copy) cmd=(cp -a "$work/floor" "$out") ;;
	esac
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "${cmd[@]}" >"$work/$tool.log" 2>&1; then
		log "$tool failed:"; tail -20 "$work/$tool.log" >&2; cat "$tf" >&2; exit 1
	fi
	local wall user sys kib cpu
	read -r wall user sys kib < <(tail -1 "$tf")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$label" "$wall" "$cpu" "$kib" >>"$tsv"
	log "$(printf '%-10s %-3s wall %6.2fs  cpu %6.2fs  peak %5d MiB' "$tool" "$label" "$wall" "$cpu" $((kib / 1024)))"
}

# the tree the copy floor copies: maki's own output, made untimed
log "building the tree for the copy floor"
rm -rf "$work/floor" "$work/floor".tmp-* "$work/floor".old
"$work/maki" build --quiet --content "$work/content" --theme "$src/themes/default" --out "$work/floor" >"$work/floor.log" 2>&1 ||
	{ log "maki failed:"; tail -20 "$work/floor.log" >&2; exit 1; }

tools=(maki copy)
[ $makionly = 0 ] && tools+=(hugo)
[ $makionly = 0 ] && [ $related = 1 ] && tools+=(hugo-related)
if [ $warmup = 1 ]; then for t in "${tools[@]}"; do one "$t" w; done; fi
for ((r = 1; r <= runs; r++)); do
	for t in "${tools[@]}"; do one "$t" "$r"; done
done

files() { find "$work/out-$1" -name '*.html' | wc -l; }

# stats TOOL COLUMN: min median max of a column over the timed runs.
stats() {
	awk -F'\t' -v t="$1" -v c="$2" '$1 == t && $2 != "w" { print $c }' "$tsv" | sort -g |
		awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", v[1], m, v[NR] }'
}
peak() { awk -F'\t' -v t="$1" '$1 == t { if ($5 > m) m = $5 } END { printf "%d", m / 1024 }' "$tsv"; }

echo
echo "n=$n seed=$seed runs=$runs ($([ $warmup = 1 ] && echo "after one warm-up each" || echo "no warm-up")), maki built from $rev, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# pairs TOOL: median, min and max over the rounds of the tool's wall time
# divided by the copy floor's in the same round.
pairs() {
	awk -F'\t' -v t="$1" '$2 != "w" && $1 == "copy" { c[$2] = $3 } $2 != "w" && $1 == t { w[$2] = $3 }
		END { for (r in w) if (c[r] > 0) print w[r] / c[r] }' "$tsv" | sort -g |
		awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}
read -r _ fm _ < <(stats copy 3)

echo "| tool | n | wall min | wall median | wall max | CPU median (user+sys) | peak MiB | HTML pages | wall / copy floor: of medians | per round, median (min–max) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for t in "${tools[@]}"; do
	read -r mn md mx < <(stats "$t" 3)
	read -r _ cmd _ < <(stats "$t" 4)
	read -r pm pmin pmax < <(pairs "$t")
	label=$t
	[ "$t" = copy ] && label="copy floor (cp -a of maki's output)"
	[ "$t" = hugo ] && label="hugo $hugo_version"
	[ "$t" = hugo-related ] && label="hugo $hugo_version + similar systems"
	echo "| $label | $n | $mn s | $md s | $mx s | $cmd s | $(peak "$t") | $(files "$t") | $(awk -v a="$md" -v b="$fm" 'BEGIN { printf "%.2f", a / b }') | $pm ($pmin–$pmax) |"
done
echo
read -r _ mm _ < <(stats maki 3)
read -r pm pmin pmax < <(pairs maki)
read -r _ mc _ < <(stats maki 4)
read -r _ fc _ < <(stats copy 4)
echo "maki/copy floor: wall ratio of medians $(awk -v a="$mm" -v b="$fm" 'BEGIN { printf "%.2f", a / b }'), per round $pm ($pmin–$pmax), CPU ratio of medians $(awk -v a="$mc" -v b="$fc" 'BEGIN { printf "%.2f", a / b }'); $(find "$work/floor" -type f | wc -l) files in $(find "$work/floor" -type d | wc -l) folders, $(du -sm "$work/floor" | cut -f1) MiB"
if [ $makionly = 0 ]; then
	read -r _ mm _ < <(stats maki 3)
	read -r _ hm _ < <(stats hugo 3)
	read -r _ mc _ < <(stats maki 4)
	read -r _ hc _ < <(stats hugo 4)
	echo "maki/hugo ratio of medians: wall $(awk -v a="$mm" -v b="$hm" 'BEGIN { printf "%.2f", a / b }'), CPU $(awk -v a="$mc" -v b="$hc" 'BEGIN { printf "%.2f", a / b }')"
	if [ $related = 1 ]; then
		read -r _ pm _ < <(stats hugo-related 3)
		read -r _ pc _ < <(stats hugo-related 4)
		echo "maki/hugo-related ratio of medians: wall $(awk -v a="$mm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }'), CPU $(awk -v a="$mc" -v b="$pc" 'BEGIN { printf "%.2f", a / b }')"
	fi
fi
