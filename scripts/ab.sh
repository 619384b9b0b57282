#!/usr/bin/env bash
# Alternating A/B timing of two transfix binaries on the same command line: on a shared VM
# whose speed drifts by a quarter within minutes, runs of A then runs of B (hyperfine,
# bench.sh) compare the drift; runs taken in turn, A B A B..., compare the builds.
#
#   scripts/ab.sh [--runs N] BIN_A BIN_B -- ARGS...
#   scripts/ab.sh /tmp/transfix-before target/release/transfix -- \
#       --no-cache --isolated --dict DICT fix --out-dir /tmp/out /dev/null
#
# Each binary runs once first, untimed (its index cache is written then), then N times
# (default 6) in turn with the other. Prints, per binary, the mean wall time, the mean CPU
# time (user + system), the mean system time and the highest peak RSS (/usr/bin/time's %M),
# then B's wall and CPU time as a share of A's. Exit status 1 if a run fails (exits 0 and 2,
# `check`'s "proposals found", are success).
set -euo pipefail

RUNS=6
if [ "${1:-}" = "--runs" ]; then
    RUNS=${2:?--runs needs a number}
    shift 2
fi
case "${1:-}" in -h|--help|"") sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
A=${1:?BIN_A}; B=${2:?BIN_B}
[ "${3:-}" = "--" ] || { echo "ab.sh: expected -- after the two binaries (see --help)" >&2; exit 2; }
shift 3
[[ "$RUNS" =~ ^[0-9]+$ ]] && [ "$RUNS" -gt 0 ] || { echo "ab.sh: --runs needs a positive number" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "ab.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }

LOG=$(mktemp "${TMPDIR:-/tmp}/transfix-ab.XXXXXX")
trap 'rm -f "$LOG" "$LOG.time"' EXIT

# run LABEL BIN ARGS...: one run, timed into the log as "LABEL wall user sys rss_kB" unless
# LABEL is "-"; fails the script unless the exit status is 0 or 2.
run() {
    local label=$1 status=0
    shift
    "$TIME" -o "$LOG.time" -f "%e %U %S %M" "$@" > /dev/null 2>&1 || status=$?
    if [ "$status" != 0 ] && [ "$status" != 2 ]; then
        echo "ab.sh: '$*' failed (exit $status)" >&2
        exit 1
    fi
    [ "$label" = - ] || echo "$label $(tail -n 1 "$LOG.time")" >> "$LOG"
}

run - "$A" "$@"
run - "$B" "$@"
for _ in $(seq "$RUNS"); do
    run A "$A" "$@"
    run B "$B" "$@"
done
awk -v a="$A" -v b="$B" '
    { n[$1]++; wall[$1] += $2; cpu[$1] += $3 + $4; sys[$1] += $4; if ($5 > rss[$1]) rss[$1] = $5 }
    END {
        for (i = 1; i <= 2; i++) {
            k = (i == 1 ? "A" : "B")
            printf "%s %s: wall %.3f s, CPU %.3f s (system %.3f s), peak RSS %d MB, %d runs\n",
                k, (k == "A" ? a : b), wall[k] / n[k], cpu[k] / n[k], sys[k] / n[k], rss[k] / 1024, n[k]
        }
        printf "B / A: wall %.3f, CPU %.3f\n", (wall["B"] / n["B"]) / (wall["A"] / n["A"]),
            (cpu["B"] / n["B"]) / (cpu["A"] / n["A"])
    }' "$LOG"
