#!/bin/sh
# The three binding-speed figures, each against a baseline measured in the same run
# (median of RUNS runs, default 5, release build):
# 1. bench-runner: items bound and run per second (10,000 cases x 8 items, 2 jobs);
# 2. `stepwise report` over a Zephyr export, as a multiple of `stepwise list` on it (target <= 1.5x);
# 3. `stepwise run specs/MM-T938.md --strict` as a multiple of `stepwise --version` (target <= 1.5x),
#    both as whole processes.
#
# Usage: Benchmarks/binding-ratios.sh [EXPORT_DIR]   (from anywhere; default Tests/Corpus/zephyr-export)
# BIN=dir runs prebuilt stepwise and bench-runner executables from dir instead of building them,
# to compare two builds in one sitting. RUNS=n changes the number of runs.
set -eu
RUNS="${RUNS:-5}"
cd "$(dirname "$0")/.."
EXPORT="${1:-Tests/Corpus/zephyr-export}"
if [ ! -d "$EXPORT" ]; then echo "binding-ratios: no export at $EXPORT" >&2; exit 1; fi
if [ -z "${BIN:-}" ]; then
    swift build -c release --product stepwise >/dev/null
    swift build -c release --product bench-runner >/dev/null
    BIN="$(swift build -c release --show-bin-path)"
fi
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

now_us() { echo $(( $(date +%s%N) / 1000 )); }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Appends the wall time of the command, in microseconds, to the file $1.
timed() {
    file="$1"; shift
    start=$(now_us)
    "$@" >/dev/null 2>&1 || { echo "binding-ratios: $* failed" >&2; exit 1; }
    end=$(now_us)
    echo $((end - start)) >>"$SCRATCH/$file"
}

i=0
while [ "$i" -lt "$RUNS" ]; do
    timed list "$BIN/stepwise" list "$EXPORT"
    timed report "$BIN/stepwise" report "$EXPORT"
    timed version "$BIN/stepwise" --version
    timed run "$BIN/stepwise" run specs/MM-T938.md --strict
    i=$((i + 1))
done
"$BIN/bench-runner" | awk '/^bench-runner:/ { print $NF == "items/s" ? $(NF - 1) : $NF }' >"$SCRATCH/items"

ms() { awk '{ printf "%.1f ms", $1 / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
list=$(median <"$SCRATCH/list"); report=$(median <"$SCRATCH/report")
version=$(median <"$SCRATCH/version"); run=$(median <"$SCRATCH/run")
echo "binding speed, median of $RUNS runs (release build)"
echo "  bench-runner:                         $(cat "$SCRATCH/items") items/s"
echo "  stepwise report / stepwise list:      $(ratio "$report" "$list")  ($(echo "$report" | ms) / $(echo "$list" | ms); target <= 1.5x)"
echo "  stepwise run MM-T938 / --version:     $(ratio "$run" "$version")  ($(echo "$run" | ms) / $(echo "$version" | ms); target <= 1.5x)"
