#!/bin/sh
# Today's build against the 0.1 release, in one sitting: every figure is a median of RUNS
# processes (default 5), the two builds' processes interleaved so that both see the same load.
#
#   bench-runner     items bound and run per second (10,000 cases x 8 items, 2 jobs)
#   bench-parse      Stepwise's reader on the corpus, MB/s, one thread
#   MM-T938          `stepwise run specs/MM-T938.md --strict` as a whole process, and the run
#                    itself (runFinished's wall duration)
#   run / --version  that process as a multiple of `stepwise --version` (target <= 1.5x)
#
# Usage: Benchmarks/against-0.1.sh [RUNS]     (from anywhere; needs git, awk and a POSIX shell)
# BASE_REV is the baseline (default 01c22a2, the 0.1 release). BASE_DIR is where it is checked
# out as a git worktree and built in release (default ${TMPDIR:-/tmp}/stepwise-0.1, made if
# missing and kept for the next sitting). The load (uptime) is printed before and after.
set -eu
RUNS="${1:-5}"
BASE_REV="${BASE_REV:-01c22a2}"
BASE_DIR="${BASE_DIR:-${TMPDIR:-/tmp}/stepwise-0.1}"
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
if [ ! -e "$BASE_DIR/Package.swift" ]; then git worktree add --detach "$BASE_DIR" "$BASE_REV" >/dev/null; fi
# Today's build as scripts/build-release makes it; 0.1's as its README said: swift build -c release.
NOW="$(scripts/build-release --product stepwise --product bench-runner --product bench-parse 2>/dev/null)"
for product in stepwise bench-runner bench-parse; do
    (cd "$BASE_DIR" && swift build -c release --product "$product" >/dev/null)
done
BASE="$(cd "$BASE_DIR" && swift build -c release --show-bin-path)"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

now_us() { echo $(( $(date +%s%N) / 1000 )); }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The JSON number after "key": inside "duration" of the first event of kind $2 in file $3.
field() { awk -v kind="\"kind\":\"$2\"" -v key="\"$1\":" 'index($0, kind) {
    rest = substr($0, index($0, "\"duration\":{")); rest = substr(rest, index(rest, key) + length(key))
    sub(/[,}].*/, "", rest); print rest; exit }' "$3"; }

# One round for build $1 (its bin directory) named $2: each figure appended to $SCRATCH/$2.<figure>.
round() {
    bin="$1"; name="$2"
    start=$(now_us); "$bin/stepwise" --version >/dev/null; end=$(now_us)
    echo $((end - start)) >>"$SCRATCH/$name.version"
    start=$(now_us)
    "$bin/stepwise" run specs/MM-T938.md --strict --format "ndjson:$SCRATCH/run.ndjson" >/dev/null
    end=$(now_us)
    echo $((end - start)) >>"$SCRATCH/$name.process"
    field wall runFinished "$SCRATCH/run.ndjson" | awk '{ print $1 * 1000000 }' >>"$SCRATCH/$name.run"
    "$bin/bench-parse" "$ROOT/Tests/Corpus" 3 | awk -F: '/SpecReader \(full model\), 1 job/ { print $2 + 0 }' >>"$SCRATCH/$name.parse"
    "$bin/bench-runner" | awk '/^bench-runner:/ { print $(NF - 1) }' >>"$SCRATCH/$name.runner"
}

echo "load before: $(uptime)"
i=0
while [ "$i" -lt "$RUNS" ]; do
    round "$BASE" base
    round "$NOW" now
    i=$((i + 1))
done
echo "load after:  $(uptime)"

m() { median <"$SCRATCH/$1"; }
ms() { awk -v v="$1" 'BEGIN { printf "%.1f ms", v / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
row() { printf "  %-34s %16s %16s   %s\n" "$1" "$2" "$3" "$4"; }
echo "medians of $RUNS interleaved processes each, release builds (0.1 = $BASE_REV)"
row "" "0.1" "today" "today / 0.1"
row "bench-runner (items/s)" "$(m base.runner)" "$(m now.runner)" "$(ratio "$(m now.runner)" "$(m base.runner)")"
row "bench-parse, 1 job (MB/s)" "$(m base.parse)" "$(m now.parse)" "$(ratio "$(m now.parse)" "$(m base.parse)")"
row "MM-T938 process" "$(ms "$(m base.process)")" "$(ms "$(m now.process)")" "$(ratio "$(m now.process)" "$(m base.process)")"
row "MM-T938 run itself" "$(ms "$(m base.run)")" "$(ms "$(m now.run)")" "$(ratio "$(m now.run)" "$(m base.run)")"
row "stepwise --version process" "$(ms "$(m base.version)")" "$(ms "$(m now.version)")" "$(ratio "$(m now.version)" "$(m base.version)")"
row "MM-T938 process / --version" "$(ratio "$(m base.process)" "$(m base.version)")" "$(ratio "$(m now.process)" "$(m now.version)")" "target <= 1.5x"
