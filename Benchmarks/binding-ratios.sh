#!/bin/sh
# The three binding-speed figures, each against a baseline measured in the same run
# (median of RUNS rounds, default 9, release build):
# 1. bench-runner: items bound and run per second (10,000 cases x 8 items, 2 jobs);
# 2. `stepwise report` over a Zephyr export, as a multiple of `stepwise list` on it (target <= 1.5x);
# 3. `stepwise run specs/MM-T938.md --strict` as a multiple of `stepwise --version` (target <= 1.5x),
#    both as whole processes.
#
# Usage: Benchmarks/binding-ratios.sh [EXPORT_DIR]   (from anywhere; default Tests/Corpus/zephyr-export)
# BIN=dir runs prebuilt stepwise, bench-runner and bench-process executables from dir instead of
# building them, to compare two builds in one sitting. RUNS=n changes the number of rounds.
# Each ratio is the median of the rounds' own ratios (the two processes run one after the other
# in every round), timed from spawn to exit by bench-process rather than by `date` around each.
set -eu
RUNS="${RUNS:-9}"
cd "$(dirname "$0")/.."
EXPORT="${1:-Tests/Corpus/zephyr-export}"
if [ ! -d "$EXPORT" ]; then echo "binding-ratios: no export at $EXPORT" >&2; exit 1; fi
if [ -z "${BIN:-}" ]; then
    BIN="$(scripts/build-release --product stepwise --product bench-runner --product bench-process 2>/dev/null)"
fi
for tool in stepwise bench-runner bench-process; do
    [ -x "$BIN/$tool" ] || { echo "binding-ratios: no $tool in $BIN (scripts/build-release --product $tool)" >&2; exit 1; }
done

# Whole processes, timed by bench-process from spawn to exit, the two commands of a pair in turn.
pair() { "$BIN/bench-process" --runs "$RUNS" -- "$@"; }
lists=$(pair "$BIN/stepwise" list "$EXPORT" -- "$BIN/stepwise" report "$EXPORT")
starts=$(pair "$BIN/stepwise" --version -- "$BIN/stepwise" run specs/MM-T938.md --strict)
items=$("$BIN/bench-runner" | awk '/^bench-runner:/ { print $NF == "items/s" ? $(NF - 1) : $NF }')

# From bench-process's lines: the median time of command $1 (1 or 2), and the second's ratio.
time_of() { echo "$2" | awk -v n="$1." '$1 == n { for (i = 2; i <= NF; i++) if ($(i + 1) == "ms" || $(i + 1) == "ms,") { print $i " ms"; exit } }'; }
ratio_of() { echo "$1" | awk '$1 == "2." { for (i = 2; i <= NF; i++) if ($i ~ /x$/ && $(i + 1) == "the") { print $i; exit } }'; }
echo "binding speed, median of $RUNS rounds (release build, scripts/build-release)"
echo "  bench-runner:                         $items items/s"
echo "  stepwise report / stepwise list:      $(ratio_of "$lists")  ($(time_of 2 "$lists") / $(time_of 1 "$lists"); target <= 1.5x)"
echo "  stepwise run MM-T938 / --version:     $(ratio_of "$starts")  ($(time_of 2 "$starts") / $(time_of 1 "$starts"); target <= 1.5x)"
