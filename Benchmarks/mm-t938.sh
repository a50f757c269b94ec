#!/bin/sh
# MM-T938 end to end through the stepwise executable: builds release, runs
# `stepwise run specs/MM-T938.md --strict` RUNS times (default 20) and prints the medians of
# - the process's wall time (start, read, bind, run, report, exit),
# - the run itself (runFinished's wall duration in the NDJSON events),
# - the virtual time the case spanned (caseFinished's virtual duration),
# next to a baseline measured in the same session: `stepwise --version` (process start and exit).
#
# Usage: Benchmarks/mm-t938.sh [RUNS]      (from the package root; needs only a POSIX shell and awk)
set -eu
RUNS="${1:-20}"
cd "$(dirname "$0")/.."
BIN="$(scripts/build-release 2>/dev/null)/stepwise"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

now_ns() { date +%s%N; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The JSON number after "key": in the first line of kind $2 (the events are one object a line).
field() { awk -v kind="\"kind\":\"$2\"" -v key="\"$1\":" 'index($0, kind) {
    rest = substr($0, index($0, "\"duration\":{")); rest = substr(rest, index(rest, key) + length(key))
    sub(/[,}].*/, "", rest); print rest; exit }' "$3"; }

i=0
while [ "$i" -lt "$RUNS" ]; do
    start=$(now_ns); "$BIN" --version >/dev/null; end=$(now_ns)
    echo "$(( (end - start) / 1000 ))" >>"$SCRATCH/baseline"
    start=$(now_ns)
    code=0; "$BIN" run specs/MM-T938.md --strict --format "ndjson:$SCRATCH/run.ndjson" || code=$?
    end=$(now_ns)
    if [ "$code" -ne 0 ]; then echo "stepwise run exited $code" >&2; exit "$code"; fi
    echo "$(( (end - start) / 1000 ))" >>"$SCRATCH/process"
    field wall runFinished "$SCRATCH/run.ndjson" | awk '{ print $1 * 1000000 }' >>"$SCRATCH/run"
    field virtual caseFinished "$SCRATCH/run.ndjson" >>"$SCRATCH/virtual"
    i=$((i + 1))
done

ms() { awk '{ printf "%.1f ms", $1 / 1000 }'; }
echo "MM-T938 end to end, median of $RUNS runs (release build)"
echo "  baseline, stepwise --version process:  $(median <"$SCRATCH/baseline" | ms)"
echo "  stepwise run process wall time:         $(median <"$SCRATCH/process" | ms)"
echo "  the run itself (runFinished wall):      $(median <"$SCRATCH/run" | ms)   target < 50 ms"
echo "  virtual time spanned by the case:       $(median <"$SCRATCH/virtual") s"
