#!/bin/sh
# bench-backend of two builds in one sitting: runs BEFORE and AFTER alternately (one child run
# each, RUNS times, default 5) and prints each figure's median for both and the after/before
# ratio, so a change to SessionBackend is judged against the build it replaces under the same load.
#
# Usage: Benchmarks/backend-pair.sh BEFORE AFTER   (two bench-backend executables; build each with
#        scripts/build-release --product bench-backend and copy it aside)
set -eu
RUNS="${RUNS:-5}"
BEFORE="$1"
AFTER="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
i=0
while [ "$i" -lt "$RUNS" ]; do
    echo "before $("$BEFORE" --once)" >>"$out"
    echo "after $("$AFTER" --once)" >>"$out"
    i=$((i + 1))
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1], ++n[$1, kv[1]]] = kv[2]; keys[kv[1]] = 1 } }
function median(who, key,   m, j, k, t, a) {
    m = n[who, key]; for (j = 1; j <= m; j++) a[j] = v[who, key, j]
    for (j = 1; j <= m; j++) for (k = j + 1; k <= m; k++) if (a[k] < a[j]) { t = a[j]; a[j] = a[k]; a[k] = t }
    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END { for (key in keys) { b = median("before", key); a = median("after", key)
      printf "  %-28s before %12.1f  after %12.1f  ratio %.2f\n", key, b, a, (b ? a / b : 0) } }' "$out" | sort
