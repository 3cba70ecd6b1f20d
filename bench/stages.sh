#!/usr/bin/env bash
# bench/stages.sh — the Go benchmarks of every stage (load, validate,
# markdown, search, render, export, build …), on synthetic corpora from
# internal/corpus.
#
# Usage: bench/stages.sh [-n 10000] [-count 5] [-bench .] [-out FILE]
#
# -n is passed to the benchmarks as MAKI_BENCH_N (see corpus.BenchSize);
# results go to FILE (default $TMPDIR/maki-stages-n<N>.txt) and, when
# benchstat is installed (go install golang.org/x/perf/cmd/benchstat@latest),
# are summarised with it. Compare two runs with: benchstat old.txt new.txt
set -euo pipefail

n=10000 count=5 pattern=. out=""
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-count) count=$2; shift 2 ;;
	-bench) pattern=$2; shift 2 ;;
	-out) out=$2; shift 2 ;;
	*) echo "usage: bench/stages.sh [-n N] [-count C] [-bench REGEXP] [-out FILE]" >&2; exit 2 ;;
	esac
done
out=${out:-${TMPDIR:-/tmp}/maki-stages-n$n.txt}
cd "$(dirname "$0")/.."

export MAKI_BENCH_N=$n
echo "# maki stage benchmarks, MAKI_BENCH_N=$n, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out"
go test -run '^$' -bench "$pattern" -benchmem -count "$count" -timeout 60m ./internal/... 2>&1 | tee -a "$out" | grep -v '^\(ok\|PASS\|?\)'
echo "results in $out" >&2
if command -v benchstat >/dev/null; then
	benchstat "$out"
elif [ -x "$(go env GOPATH)/bin/benchstat" ]; then
	"$(go env GOPATH)/bin/benchstat" "$out"
fi
