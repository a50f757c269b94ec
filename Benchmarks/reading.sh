#!/usr/bin/env bash
# Reading speed end to end: stepwise parse --format jsonl, parse --format tree, lint and list, each
# as a whole process over the Markdown files of a directory, beside `xargs cmark-gfm -e table` on
# the same files in the same run. Prints the median of RUNS wall times of each and its ratio to
# cmark-gfm (at most 1.0 is the target).
#
#   Benchmarks/reading.sh [DIR] [RUNS]   (default Tests/Corpus/zephyr-export, 5 runs)
#
# Needs a release build (swift build -c release --product stepwise) and cmark-gfm on PATH
# (Debian: apt-get install cmark-gfm).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-Tests/Corpus/zephyr-export}
runs=${2:-5}
stepwise=.build/release/stepwise
[[ -x $stepwise ]] || { echo "reading.sh: build first: swift build -c release --product stepwise" >&2; exit 1; }
command -v cmark-gfm >/dev/null || { echo "reading.sh: cmark-gfm is not installed (apt-get install cmark-gfm)" >&2; exit 1; }

list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -name '*.md' ! -iname 'readme.md' -print0 | sort -z > "$list"
files=$(tr -cd '\0' < "$list" | wc -c)
bytes=$(xargs -0 cat < "$list" | wc -c)
echo "reading.sh: $files Markdown files, $bytes bytes, median of $runs runs each"

# The median wall time in seconds of running "$@" (with the file list as arguments) $runs times.
median() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        xargs -0 "$@" < "$list" > /dev/null 2>&1 || true
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# Each command's runs are back to back; cmark-gfm is measured first and last and the mean of
# the two medians is the baseline, so load that changes during the run shows in it.
baseline_before=$(median cmark-gfm -e table)
jsonl=$(median "$stepwise" parse --format jsonl)
tree=$(median "$stepwise" parse --format tree)
lint=$(median "$stepwise" lint)
list_time=$(median "$stepwise" list)
baseline_after=$(median cmark-gfm -e table)
baseline=$(echo "($baseline_before + $baseline_after) / 2" | bc -l)

row() { printf '%-34s %8.3f s   %5.2fx cmark-gfm\n' "$1" "$2" "$(echo "$2 / $baseline" | bc -l)"; }
printf '%-34s %8.3f s\n' "xargs cmark-gfm -e table" "$baseline"
row "stepwise parse --format jsonl" "$jsonl"
row "stepwise parse --format tree" "$tree"
row "stepwise lint" "$lint"
row "stepwise list" "$list_time"
