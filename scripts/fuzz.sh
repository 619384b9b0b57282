#!/usr/bin/env bash
# Fuzz transfix's readers and matching pipeline with cargo-fuzz (libFuzzer), each target for a
# bounded time. See fuzz/README.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   run each target SECONDS (default 60), all by default
#   FUZZ_CMIN=1 scripts/fuzz.sh ...         then minimise fuzz/corpus/TARGET (libFuzzer merge)
#   FUZZ_SANITIZER=none scripts/fuzz.sh     no AddressSanitizer (default: address)
#   FUZZ_JOBS=2 scripts/fuzz.sh             libFuzzer workers per target (default 1)
#   FUZZ_CORPUS_MAX_FILE, FUZZ_CORPUS_BUDGET   largest file (2048) and bytes a target (49152)
#                                           kept by FUZZ_CMIN=1
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants a nightly rustc; with only a
# stable toolchain RUSTC_BOOTSTRAP=1 (set below) lets it accept the -Z flags.
#
# Corpus: fuzz/corpus/TARGET (committed, minimised) plus seeds generated here from tests/data
# and tests/cmd fixtures (in a scratch fuzz/target/seeds.* directory, not committed). Crashes land in
# fuzz/artifacts/TARGET; the script exits 1 if any target crashed, and prints a figure line per
# target: "fuzz: TARGET: N runs in S s, corpus C, crashes K".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

seconds=${1:-60}
shift || true
readers=(read_timed read_srt read_vtt read_plain read_whisper read_ass read_sbv read_ttml read_whisperx read_aws
    read_deepgram read_assemblyai)
all=("${readers[@]}" read_any pipeline import_dict)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
sanitizer=${FUZZ_SANITIZER:-address}
jobs=${FUZZ_JOBS:-1}
max_file=${FUZZ_CORPUS_MAX_FILE:-2048}
budget=${FUZZ_CORPUS_BUDGET:-49152}

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 1
fi

mkdir -p fuzz/target
seeds=$(mktemp -d "$root/fuzz/target/seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT

# Every transcript the tests use (gold files and dictionaries are not transcripts).
transcripts=()
while IFS= read -r -d '' f; do
    transcripts+=("$f")
done < <(find tests/data/transcripts tests/cmd -type f \
    \( -name '*.txt' -o -name '*.srt' -o -name '*.vtt' -o -name '*.json' -o -name '*.ass' \
    -o -name '*.ssa' -o -name '*.sbv' -o -name '*.ttml' -o -name '*.dfxp' -o -name '*.xml' \) \
    -size -64k -print0 | sort -z)

seed() { # seed TARGET NAME < bytes
    mkdir -p "$seeds/$1"
    cat >"$seeds/$1/$2"
}

n=0
for f in "${transcripts[@]}"; do
    n=$((n + 1))
    for t in "${readers[@]}"; do
        seed "$t" "$n" <"$f"
    done
    # read_any: byte 0 picks the encoding option (0 none, 1 utf-8, 2 utf-16le, 3 utf-16be,
    # 4 windows-1252, 5 latin-1).
    { printf '\000'; cat "$f"; } | seed read_any "$n-detect"
    if [ $((n % 4)) = 0 ]; then
        { printf '\002\377\376'; iconv -f UTF-8 -t UTF-16LE "$f" 2>/dev/null || true; } | seed read_any "$n-utf16le"
        { printf '\004'; iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$f" 2>/dev/null || true; } | seed read_any "$n-cp1252"
    fi
    # pipeline: 2 bytes pick names, 1 byte aliases/never, 1 byte slip seed, 1 byte options.
    { printf '\377\377\000\001\000'; cat "$f"; } | seed pipeline "$n-all"
    { printf "\\$(printf '%03o' $((n % 256)))\\000\\125\\$(printf '%03o' $((n * 7 % 256)))\\000"; cat "$f"; } | seed pipeline "$n-some"
done
# Small hand-made inputs that reach corners the big files do not.
printf 'WEBVTT\n\nNOTE x --> y\n\n00:01.000 --> 00:02.000 align:start\n<v Ann>hi <i>there</i> &amp; a < b\n' | seed read_vtt small
printf '1\n00:00:01,000 --> 00:00:02,000\n<i>Noralie Vasquin</i>\n2\n00:00:03,000 --> 00:00:04,000\r\nbye' | seed read_srt small
printf '\357\273\277Title\nTranscript\n0:00\nhello\n0:05 | world |\n\nRecommandations\n' | seed read_timed small
printf '[00:00:01] Noralie Vasquen a parl\303\251 \n\n[00:01:02] de Port \303\211vanic\r\n' | seed read_plain small
printf '[Script Info]\r\n\r\n[Events]\r\nFormat: Start, Name, Text\r\nDialogue: 0:00:01.00,Ann,{\\i1}Noralie{\\i0}\\NVasquin, \\hde Port \303\211vanic {note} \\bold\r\nComment: 0:00:02.00,,x\r\n' | seed read_ass small
printf '\357\273\2770:00:01.000,0:00:03.500\nNoralie Vasquen a parl\303\251\nde Port \303\211vanic\n\n0:00:04.000,0:00:06.000\r\nbye' | seed read_sbv small
printf '{"text": " Hi Noralie.", "segments": [{"id": 0, "start": 0.0, "end": 1.5, "text": " Hi Noralie.", "words": [{"word": " Hi", "start": 0.0, "end": 0.5}, {"word": " Noralie.", "start": 0.5, "end": 1.5}]}], "language": "en"}\n' | seed read_whisper small
printf '<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s">Noralie Vasquen &amp; <span>Port</span><br/>&#201;vanic</p></body></tt>' | seed read_ttml small
printf '{"segments": [{"start": 0.0, "end": 1.5, "text": " Hi Noralie.", "words": [{"word": "Hi", "start": 0.0, "end": 0.5, "score": 0.9}, {"word": "Noralie."}]}], "word_segments": []}\n' | seed read_whisperx small
printf '{"results":{"transcripts":[{"transcript":"Hi Noralie."}],"items":[{"id":0,"type":"pronunciation","alternatives":[{"confidence":"0.9","content":"Hi"}],"start_time":"0.0","end_time":"0.4"},{"id":1,"type":"pronunciation","alternatives":[{"confidence":"0.3","content":"Noralie"}],"start_time":"0.5","end_time":"0.9"},{"id":2,"type":"punctuation","alternatives":[{"confidence":"0.0","content":"."}]}],"audio_segments":[{"id":0,"transcript":"Hi Noralie.","items":[0,1,2]}]}}' | seed read_aws small
printf '{"results":{"channels":[{"alternatives":[{"transcript":"Hi Noralie.","confidence":0.9,"words":[{"word":"hi","start":0.0,"end":0.4,"confidence":0.9,"punctuated_word":"Hi"},{"word":"noralie","start":0.5,"end":0.9,"confidence":0.3,"punctuated_word":"Noralie."}]}]}]}}' | seed read_deepgram small
printf '{"text": "Hi Noralie.", "words": [{"text": "Hi", "start": 0, "end": 400, "confidence": 0.9, "speaker": "A"}, {"text": "Noralie.", "start": 500, "end": 900, "confidence": 0.3, "speaker": "A"}], "utterances": [{"speaker": "A", "text": "Hi Noralie.", "words": []}]}' | seed read_assemblyai small
printf '\377\377\252\003\000Transcript\n00:01 Noralie Vasquen et Teodric Malvane\n00:04 avec Quenel Arduvin\n' | seed pipeline small

# import_dict: byte 0 picks `dict import --from` (bits 0-2, in import::Format::ALL's order:
# list, csv, toml, wikidata-json, wikidata-csv, subtitle-edit), `--alt-labels` (bits 3-4: auto,
# alias, never, skip) and `--lang fr` (bit 7).
m=0
while IFS= read -r -d '' f; do
    m=$((m + 1))
    case "$f" in
    *.toml) pick='\002' ;;
    *.json) pick='\003' ;;
    *.xml) pick='\005' ;;
    *wikidata*.csv) pick='\204' ;;
    *.csv) pick='\001' ;;
    *) pick='\000' ;;
    esac
    { printf "$pick"; cat "$f"; } | seed import_dict "$m"
done < <(find dictionaries tests/data tests/cmd -type f \( -name '*.toml' -o -name '*.csv' \
    -o -name '*.xml' -o -name '*names*.txt' -o -name '*wikidata*.json' \) -size -64k -print0 | sort -z)
printf '\203[{"item":"http://www.wikidata.org/entity/Q1","itemLabel":"Noralie Vasquin","altLabel":"Vasquin","instanceLabel":"human"}]' | seed import_dict small-wd
printf '\005<names><name>Noralie Vasquin</name><name>Port &#201;vanic</name></names>' | seed import_dict small-se

failed=0
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus" "fuzz/artifacts/$t"
    log=$root/fuzz/target/fuzz-$t.log
    echo "fuzz: $t for ${seconds}s (sanitizer $sanitizer)" >&2
    start=$(date +%s)
    # -timeout: a single input slower than 10 s is a finding (a hang or a quadratic reader).
    status=0
    # Inputs past -max_len are cut (seeds included): the pipeline is slower per byte.
    max_len=16384
    [ "$t" != pipeline ] || max_len=4096
    flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=$max_len -print_final_stats=1)
    [ "$jobs" = 1 ] || flags+=(-jobs="$jobs" -workers="$jobs")
    rm -f fuzz/fuzz-*.log
    (cd fuzz && cargo fuzz run --sanitizer "$sanitizer" "$t" "corpus/$t" "$seeds/$t" -- "${flags[@]}") \
        >"$log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - start))
    # With -jobs, each worker logs to fuzz/fuzz-N.log.
    runs=$(cat "$log" fuzz/fuzz-*.log 2>/dev/null | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}' || true)
    crashes=$(find "fuzz/artifacts/$t" -type f -newermt "@$start" | wc -l)
    echo "fuzz: $t: $runs runs in ${elapsed} s, corpus $(find "$corpus" -type f | wc -l) files, crashes $crashes (log: ${log#"$root"/})"
    if [ "$status" != 0 ] || [ "$crashes" != 0 ]; then
        failed=1
        { cat "$log" fuzz/fuzz-*.log 2>/dev/null || true; } | grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written' | head -5 >&2 || true
    fi
    cat fuzz/fuzz-*.log >>"$log" 2>/dev/null || true
    rm -f fuzz/fuzz-*.log
    if [ "${FUZZ_CMIN:-0}" = 1 ]; then
        # Minimise against the seeds: start from the seeds, merge in (libFuzzer -merge=1, what
        # `cargo fuzz cmin` runs) only the corpus files that add coverage beyond them, then drop
        # the seeds again: they are regenerated by every run, so the committed corpus holds
        # only what the fuzzer found on top of them.
        merged=$(mktemp -d "$root/fuzz/target/merge.XXXXXX")
        cp "$seeds/$t"/* "$merged"/
        (cd fuzz && cargo fuzz run --sanitizer "$sanitizer" "$t" "$merged" "corpus/$t" -- \
            -merge=1 -max_len=$max_len -timeout=10 -rss_limit_mb=4096) >>"$log" 2>&1 || {
            echo "fuzz: $t: minimising failed, corpus left as it was (see the log)" >&2
            rm -rf "$merged"
            failed=1
            continue
        }
        for f in "$seeds/$t"/*; do rm -f "$merged/$(basename "$f")"; done
        # Keep the committed corpus small: files of at most $max_file bytes, smallest first,
        # up to $budget bytes a target (the big inputs come back as seeds on every run).
        find "$merged" -type f -size +"${max_file}c" -delete
        total=0
        while IFS=$'\t' read -r size file; do
            total=$((total + size))
            [ "$total" -le "$budget" ] || rm -f "$file"
        done < <(find "$merged" -type f -printf '%s\t%p\n' | sort -n)
        rm -rf "$corpus"
        mv "$merged" "$corpus"
        echo "fuzz: $t: minimised corpus $(find "$corpus" -type f | wc -l) files, $(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') bytes"
    fi
done
exit $failed
