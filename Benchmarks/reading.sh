#!/usr/bin/env bash
# Reading speed end to end: stepwise parse --format jsonl, parse --format tree, lint and list, each
# as a whole process over the Markdown files of a directory, beside `xargs cmark-gfm -e table` on
# the same files in the same run. Prints, for each, the median of RUNS wall times and its ratio to
# cmark-gfm's (at most 1.0 is the target), and the same for CPU time (user + system), which
# shared load disturbs less. The load average before and after is printed with the figures.
#
#   Benchmarks/reading.sh [DIR] [RUNS]   (default Tests/Corpus/zephyr-export, 5 runs)
#
# Needs a release build (scripts/build-release) and the cmark-gfm command
# (scripts/setup installs it; Debian and Ubuntu: apt-get install cmark-gfm; macOS: brew install cmark-gfm).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-Tests/Corpus/zephyr-export}
runs=${2:-5}
stepwise=.build/release/stepwise
[[ -x $stepwise ]] || { echo "reading.sh: build first: scripts/build-release" >&2; exit 1; }
command -v cmark-gfm >/dev/null || {
    echo "reading.sh: the cmark-gfm command is missing: run scripts/setup, or apt-get install cmark-gfm (macOS: brew install cmark-gfm)" >&2
    exit 1
}

list=$(mktemp)
times=$(mktemp)
trap 'rm -f "$list" "$times"' EXIT
find "$dir" -name '*.md' ! -iname 'readme.md' -print0 | sort -z > "$list"
files=$(tr -cd '\0' < "$list" | wc -c)
bytes=$(xargs -0 cat < "$list" | wc -c)
echo "reading.sh: $files Markdown files, $bytes bytes, median of $runs rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

names=("xargs cmark-gfm -e table" "stepwise parse --format jsonl" "stepwise parse --format tree" "stepwise lint" "stepwise list")
commands=("cmark-gfm -e table" "$stepwise parse --format jsonl" "$stepwise parse --format tree" "$stepwise lint" "$stepwise list")
declare -A wall cpu

# One wall time and one CPU time of running the command (the file list as its arguments).
measure() {
    local TIMEFORMAT='%R %U %S'
    # shellcheck disable=SC2086  # the command is split into its words on purpose
    { time xargs -0 $1 < "$list" > /dev/null 2>&1 || true; } 2> "$times"
    read -r real user system < "$times"
    echo "$real $(echo "$user + $system" | bc -l)"
}

# Rounds interleave the commands, so load that comes and goes falls on all of them alike.
for _ in $(seq "$runs"); do
    for index in "${!commands[@]}"; do
        read -r real used < <(measure "${commands[$index]}")
        wall[$index]+="$real "
        cpu[$index]+="$used "
    done
done

median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

baseline_wall=$(median "${wall[0]}")
baseline_cpu=$(median "${cpu[0]}")
printf '%-32s %8s %10s %8s %10s\n' "" "wall" "ratio" "cpu" "ratio"
for index in "${!commands[@]}"; do
    w=$(median "${wall[$index]}")
    c=$(median "${cpu[$index]}")
    printf '%-32s %7.3fs %9.2fx %7.3fs %9.2fx\n' "${names[$index]}" "$w" "$(echo "$w / $baseline_wall" | bc -l)" \
        "$c" "$(echo "$c / $baseline_cpu" | bc -l)"
done
echo "reading.sh: load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
