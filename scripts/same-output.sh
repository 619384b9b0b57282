#!/usr/bin/env bash
# Behaviour check for refactors: builds an earlier commit and the working tree, runs
# `transfix check --format json --min-score 0` with both on the same inputs and compares the
# output (and exit status) byte for byte.
#
#   scripts/same-output.sh                  # HEAD~1 against the working tree
#   scripts/same-output.sh --base REV       # REV against the working tree
#   scripts/same-output.sh --entries 100000 --words 1000000   # bench workload size (default)
#   scripts/same-output.sh --keep DIR       # keep both outputs in DIR
#
# Inputs: the seed with the shipped dictionaries; every file of the composed dev set with its
# own terms as dictionary, and again with the union of all dev terms; the generated bench
# workload (examples/generate) with its dictionary. Exit 0 when every output is identical,
# 1 and the first differing lines otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

BASE=HEAD~1
ENTRIES=100000
WORDS=1000000
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --base) BASE=${2:?--base needs a revision}; shift 2 ;;
        --entries) ENTRIES=${2:?--entries needs a number}; shift 2 ;;
        --words) WORDS=${2:?--words needs a number}; shift 2 ;;
        --keep) KEEP=${2:?--keep needs a directory}; shift 2 ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "same-output.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
base_sha=$(git rev-parse --verify --quiet "$BASE^{commit}") ||
    { echo "same-output.sh: $BASE is not a commit" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/transfix-same.XXXXXX")}
mkdir -p "$WORK"
[ -n "$KEEP" ] || trap 'rm -rf "$WORK"' EXIT
tree=$WORK/base-tree
cleanup_tree() { git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"; }
cleanup_tree
git worktree add --quiet --detach "$tree" "$base_sha"

echo "building $(git rev-parse --short "$base_sha") and the working tree (release)..." >&2
# The base keeps its own build of transfix; its dependencies start as a copy of ours.
if [ ! -d "$TARGET/same-output-base/release" ] && [ -d "$TARGET/release/deps" ]; then
    mkdir -p "$TARGET/same-output-base/release"
    for d in deps build .fingerprint; do
        cp -a "$TARGET/release/$d" "$TARGET/same-output-base/release/$d"
    done
fi
(cd "$tree" && CARGO_TARGET_DIR=$TARGET/same-output-base cargo build --release --quiet --bin transfix)
cargo build --release --quiet --bin transfix --example generate
OLD=$TARGET/same-output-base/release/transfix
NEW=$TARGET/release/transfix
cleanup_tree

# Inputs: one line per run, "NAME<TAB>DICT<TAB>TRANSCRIPT".
DEV=tests/data/eval/dev
DICTS=$WORK/dicts
mkdir -p "$DICTS"
python3 - "$DEV" "$DICTS" <<'EOF'
import json, pathlib, sys, tomllib
dev, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def write(path, terms):
    # A JSON string is a TOML basic string.
    entries = (f"[[term]]\nname = {json.dumps(t, ensure_ascii=False)}\n" for t in terms)
    path.write_text("\n".join(entries), encoding="utf-8")
union = set()
for gold in sorted(dev.glob("*.gold.toml")):
    terms = tomllib.loads(gold.read_text(encoding="utf-8"))["terms"]
    union.update(terms)
    write(out / gold.name.replace(".gold.toml", ".toml"), terms)
write(out / "union.toml", sorted(union))
EOF
runs=$WORK/runs.tsv
printf 'seed\tdictionaries\tseeds/000_026bc8296a878d12.txt\n' > "$runs"
for gold in "$DEV"/*.gold.toml; do
    name=$(basename "$gold" .gold.toml)
    transcript=$(ls "$DEV/$name".* | grep -v '\.gold\.toml$' | head -n 1)
    printf 'dev-%s\t%s\t%s\n' "$name" "$DICTS/$name.toml" "$transcript" >> "$runs"
    printf 'union-%s\t%s\t%s\n' "$name" "$DICTS/union.toml" "$transcript" >> "$runs"
done
DATA=$WORK/bench-data
echo "generating the bench workload ($ENTRIES entries, $WORDS words)..." >&2
"$TARGET/release/examples/generate" --entries "$ENTRIES" --words "$WORDS" --out "$DATA" > /dev/null
printf 'bench\t%s\t%s\n' "$DATA/dictionary.toml" "$DATA/transcript.srt" >> "$runs"

mkdir -p "$WORK/old" "$WORK/new"
differ=0
count=0
while IFS=$'\t' read -r name dict transcript; do
    for side in old new; do
        bin=$OLD
        [ "$side" = new ] && bin=$NEW
        status=0
        "$bin" --isolated --no-cache --dict "$dict" check --format json --min-score 0 "$transcript" \
            > "$WORK/$side/$name.json" 2> "$WORK/$side/$name.err" || status=$?
        echo "exit $status" >> "$WORK/$side/$name.err"
    done
    count=$((count + 1))
    for ext in json err; do
        if ! cmp -s "$WORK/old/$name.$ext" "$WORK/new/$name.$ext"; then
            echo "DIFFERS: $name ($ext)"
            diff "$WORK/old/$name.$ext" "$WORK/new/$name.$ext" | head -n 10 || true
            differ=$((differ + 1))
        fi
    done
done < "$runs"

proposals=$(cat "$WORK"/new/*.json | grep -o '"replacement"' | wc -l)
bytes=$(cat "$WORK"/new/*.json | wc -c)
echo "compared $count runs ($(git rev-parse --short "$base_sha") vs working tree):" \
    "$proposals proposals, $bytes bytes of JSON; $differ differing outputs"
[ "$differ" = 0 ]
