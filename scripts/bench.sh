#!/usr/bin/env bash
# End-to-end benchmark of the transfix binary on two workloads with the generated dictionary
# (default: 100,000 entries): the generated 1,000,000-word SRT transcript, and the spoken lines
# of the real transcripts in tests/data/eval/real repeated to as many words (captions.srt);
# with ripgrep's fixed-string search of the same names as a reference point.
#
#   scripts/bench.sh                         # build, generate (cached), measure, print a table
#   scripts/bench.sh --runs 5 --entries 10000 --words 100000
#   scripts/bench.sh --langs fr:60,en:40     # the first version's French/English workload
#   scripts/bench.sh --no-build              # use the binaries already built
#   scripts/bench.sh --bin PATH/transfix     # measure another transfix build
#   scripts/bench.sh --profile release       # the everyday build instead of the shipped one
#
# transfix is built with the `release-lto` profile (Cargo.toml), the binary one installs: the
# figures are the users'. `release` matches 5 % slower and builds an index 10 % slower.
# Each command runs RUNS times (default 3); the table shows the median wall time (min-max),
# user+system CPU time, words/s (wall) and peak RSS (/usr/bin/time's %M). The workload is
# written by `cargo run --release --example generate` into $CARGO_TARGET_DIR/bench-data/
# (target/bench-data/ by default) and regenerated only when its parameters or the generator
# change. The machine's load (uptime) is printed before and after: figures taken while other
# jobs run are slow and noisy; the CPU column is less affected than the wall column.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ENTRIES=100000
WORDS=1000000
RUNS=3
LANGS=""
BUILD=1
BIN=""
PROFILE=release-lto

usage() {
    sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --entries) ENTRIES=${2:?--entries needs a number}; shift 2 ;;
        --words) WORDS=${2:?--words needs a number}; shift 2 ;;
        --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
        --langs) LANGS=${2:?--langs needs a list such as fr:60,en:40}; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --bin) BIN=${2:?--bin needs the path of a transfix binary}; shift 2 ;;
        --profile) PROFILE=${2:?--profile needs a Cargo profile name}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
for n in "$ENTRIES" "$WORDS" "$RUNS"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "bench.sh: $n is not a positive number" >&2; exit 2; }
done

TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
TRANSFIX=${BIN:-$TARGET/$PROFILE/transfix}
GENERATE=$TARGET/release/examples/generate

if [ "$BUILD" = 1 ]; then
    echo "building (transfix: $PROFILE, the generator: release)..." >&2
    cargo build --release --quiet --example generate
    if [ -z "$BIN" ]; then
        cargo build --profile "$PROFILE" --quiet --bin transfix
    fi
fi
[ -x "$TRANSFIX" ] && [ -x "$GENERATE" ] || { echo "bench.sh: $TRANSFIX or $GENERATE missing: run without --no-build" >&2; exit 1; }

# The workload, cached by parameters and by the generator's source.
langs_arg=()
[ -n "$LANGS" ] && langs_arg=(--langs "$LANGS")
CAPTIONS=tests/data/eval/real
stamp=$( (cat benches/support/workload.rs examples/generate.rs; find "$CAPTIONS" -type f | sort | xargs cat) | sha256sum | cut -c1-16)
DATA=$TARGET/bench-data/e$ENTRIES-w$WORDS${LANGS:+-$(echo "$LANGS" | tr ',:' '_-')}
if [ "$(cat "$DATA/.stamp" 2>/dev/null || true)" != "$stamp" ]; then
    echo "generating the workload in $DATA..." >&2
    rm -rf "$DATA"
    mkdir -p "$(dirname "$DATA")"
    "$GENERATE" --entries "$ENTRIES" --words "$WORDS" --out "$DATA" --captions "$CAPTIONS" "${langs_arg[@]}" > "$DATA.log"
    mv "$DATA.log" "$DATA/generate.log"
    echo "$stamp" > "$DATA/.stamp"
fi
# Words as the generator counts them (a planted name counts as its words).
words=$(sed -n 's/^  words *\([0-9]*\) .*/\1/p' "$DATA/generate.log")
caption_words=$(sed -n 's/^  captions *\([0-9]*\) .*/\1/p' "$DATA/generate.log")
[ -n "$words" ] || { echo "bench.sh: cannot read the word count in $DATA/generate.log" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/transfix-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
: > "$WORK/empty.srt"

# measure LABEL WORDS OK CMD...: runs CMD RUNS times (OK: its successful exit codes, as "0 2"), prints one table row and keeps the median
# wall time in $median. Standard output goes to a file, not /dev/null: rg stops at the first
# match when its output is /dev/null.
median=""
measure() {
    local label=$1 count=$2 ok=$3
    shift 3
    local walls=() cpus=() rsss=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$WORK/out"
        local start end status=0
        start=$(date +%s%N)
        "$TIME" -o "$WORK/time" -f '%e %U %S %M' "$@" > "$WORK/stdout" 2> "$WORK/stderr" || status=$?
        end=$(date +%s%N)
        if [[ " $ok " != *" $status "* ]]; then
            echo "bench.sh: '$*' failed (exit $status):" >&2
            cat "$WORK/stderr" >&2
            exit 1
        fi
        read -r _ user sys rss < <(tail -n 1 "$WORK/time")
        walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
        rsss+=("$rss")
    done
    local mid=$(( (RUNS + 1) / 2 ))
    median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p")
    local lo hi cpu rss
    lo=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    hi=$(printf '%s\n' "${walls[@]}" | sort -g | tail -n 1)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")
    rss=$(printf '%s\n' "${rsss[@]}" | sort -g | sed -n "${mid}p")
    local wps="-"
    [ "$count" -gt 0 ] && wps=$(awk -v w="$count" -v t="$median" 'BEGIN { printf "%.0f", w / t }')
    local wall
    wall=$(printf '%.2f (%.2f-%.2f)' "$median" "$lo" "$hi")
    printf '| %-44s | %-20s | %6s | %10s | %6.0f |\n' \
        "$label" "$wall" "$cpu" "$wps" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
}

dict=(--isolated --dict "$DATA/dictionary.toml")
srt=$DATA/transcript.srt
jobs_note="(transfix fix has no -j option: default run only)"
has_jobs=0
if "$TRANSFIX" fix --help | grep -q -- '--jobs'; then
    has_jobs=1
    jobs_note=""
fi

echo
echo "transfix end-to-end benchmark: $TRANSFIX ($(git describe --always --dirty 2>/dev/null || echo '?') here), $(nproc) CPUs"
echo "workload: $DATA ($(sed -n 's/^  entries *//p' "$DATA/generate.log"); $words words, $(du -h "$srt" | cut -f1) SRT)"
echo "load before: $(uptime)"
echo "runs: $RUNS each, median (min-max) wall; CPU = user+system; RSS = peak resident set"
echo
printf '| %-44s | %-20s | %6s | %10s | %6s |\n' command "wall s (min-max)" "CPU s" "words/s" "RSS MB"
echo "|----------------------------------------------|----------------------|--------|------------|--------|"
measure "transfix fix, empty transcript (dict load)" 0 "0" \
    "$TRANSFIX" "${dict[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
load=$median
measure "  --no-cache (TOML parse + index build)" 0 "0" \
    "$TRANSFIX" --no-cache "${dict[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
build=$median
# A first run: no cache yet, so the index is built and the cache written (on its own thread,
# waited for before the exit).
measure "  first run (build + cache write)" 0 "0" \
    env TRANSFIX_CACHE_DIR="$WORK/first-cache" sh -c 'rm -rf "$TRANSFIX_CACHE_DIR"; exec "$@"' sh \
    "$TRANSFIX" "${dict[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
# After an edit: the cache holds the index of the dictionary before it, which is updated
# (Index::update) rather than built again; each run appends one more entry first (the edit).
cp "$DATA/dictionary.toml" "$WORK/edited.toml"
edited=(--isolated --dict "$WORK/edited.toml")
TRANSFIX_CACHE_DIR="$WORK/edit-cache" "$TRANSFIX" "${edited[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt" > /dev/null 2>&1
measure "  after an edit (update + cache write)" 0 "0" \
    env TRANSFIX_CACHE_DIR="$WORK/edit-cache" sh -c 'printf "\n[[term]]\nname = \"Edit %s\"\n" "$(date +%N)" >> "$1"; shift; exec "$@"' sh "$WORK/edited.toml" \
    "$TRANSFIX" "${edited[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
# ready HOW CMD...: the median time to a usable index that TRANSFIX_TIMINGS reports for CMD,
# in $ready (the cache write, on its own thread, is not in it).
ready() {
    local times=()
    for _ in $(seq "$RUNS"); do
        TRANSFIX_TIMINGS=1 "$@" 2>&1 > /dev/null | sed -n 's/^transfix: index .* in \([0-9]*\) ms$/\1/p' > "$WORK/ready"
        times+=("$(cat "$WORK/ready")")
    done
    ready=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
}
ready "$TRANSFIX" --no-cache "${dict[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
ready_build=$ready
ready env TRANSFIX_CACHE_DIR="$WORK/edit-cache" sh -c 'printf "\n[[term]]\nname = \"Edit %s\"\n" "$(date +%N)" >> "$1"; shift; exec "$@"' sh "$WORK/edited.toml" \
    "$TRANSFIX" "${edited[@]}" fix --out-dir "$WORK/out" "$WORK/empty.srt"
ready_edit=$ready
# workload LABEL WORDS FILE: `fix`, `fix -j 1` (when the binary has -j) and rg on FILE; sets
# w_fix, w_j1, w_rg (median wall times, empty when not run) and w_rg_lines.
workload() {
    local label=$1 count=$2 file=$3
    measure "${label}transfix fix" "$count" "0" \
        "$TRANSFIX" "${dict[@]}" fix --out-dir "$WORK/out" "$file"
    w_fix=$median
    w_j1=""
    if [ "$has_jobs" = 1 ]; then
        measure "${label}transfix fix -j 1" "$count" "0" \
            "$TRANSFIX" "${dict[@]}" fix -j 1 --out-dir "$WORK/out" "$file"
        w_j1=$median
    fi
    w_rg=""
    if command -v rg > /dev/null; then
        # rg exits 1 when nothing matches.
        measure "${label}rg -F -f names.txt (exact only)" "$count" "0 1" \
            rg -F -f "$DATA/names.txt" "$file"
        w_rg=$median
        w_rg_lines=$(wc -l < "$WORK/stdout")
    fi
}
workload "" "$words" "$srt"
fix=$w_fix j1=$w_j1 rg_time=$w_rg rg_lines=${w_rg_lines:-}
# check exits 2 when it lists proposals.
measure "transfix check --format json" "$words" "0 2" \
    "$TRANSFIX" "${dict[@]}" check --format json "$srt"
workload "captions: " "$caption_words" "$DATA/captions.srt"
cap_fix=$w_fix cap_j1=$w_j1 cap_rg=$w_rg
echo
echo "load after: $(uptime)"
echo "dictionary load from the index cache ($(grep -c '^\[\[term\]\]' "$DATA/dictionary.toml") entries): ${load} s; without it (parse + build): ${build} s"
[ -n "$ready_edit" ] && echo "to a usable index (TRANSFIX_TIMINGS, median): built ${ready_build} ms, updated after an edit ${ready_edit} ms"
awk -v w="$words" -v f="$fix" -v l="$load" 'BEGIN {
    if (f > l) printf "transfix fix without the dictionary load: %.2f s, %.0f words/s\n", f - l, w / (f - l) }'
if [ -n "$rg_time" ]; then
    awk -v f="$fix" -v r="$rg_time" 'BEGIN { printf "transfix fix / rg wall time: %.2fx\n", f / r }'
    echo "(rg finds only names written exactly as in the dictionary: $rg_lines matching lines; transfix also finds altered ones)"
else
    echo "rg not found: skipped (apt-get install ripgrep, or cargo install ripgrep)"
fi
if [ -n "$cap_rg" ]; then
    awk -v f="$cap_fix" -v r="$cap_rg" 'BEGIN { printf "captions: transfix fix / rg wall time: %.2fx\n", f / r }'
fi
[ -n "$j1" ] && awk -v a="$j1" -v b="$fix" -v c="$cap_j1" -v d="$cap_fix" 'BEGIN {
    printf "-j 1 / default wall time: %.2fx (generated), %.2fx (captions)\n", a / b, c / d }'
[ -n "$jobs_note" ] && echo "$jobs_note"
exit 0
