#!/usr/bin/env bash
# councilor against the tools a user would otherwise reach for, on the same generated file,
# timed by hyperfine in one run per size:
#   1. `councilor list FILE --query Q`  vs  `jq -r '.deliverables[].title' FILE | fzf --filter Q`
#   2. councilor's matcher (examples/match_titles.rs)  vs  `fzf --filter Q`, over the same titles
#
# Usage: scripts/bench-vs-peers.sh            (sizes 10000 and 100000)
#        SIZES="1000 10000" RUNS=5 scripts/bench-vs-peers.sh
# Output: markdown and JSON tables in $OUT (default target/bench-vs-peers/), and a summary of
# the ratios (peer median / councilor median; > 1 means councilor is faster).
set -euo pipefail

cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000"}
QUERIES=${QUERIES:-"subm cab,ai safety,quantum"}
RUNS=${RUNS:-10}
SEED=${SEED:-1}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=${OUT:-$TARGET/bench-vs-peers}

missing=()
for tool in hyperfine fzf jq cargo; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "bench-vs-peers: missing: ${missing[*]}" >&2
    echo "install them with: sudo apt-get update && sudo apt-get install -y hyperfine fzf jq" >&2
    echo "(cargo: https://rustup.rs)" >&2
    exit 1
fi

echo "== building (release)" >&2
cargo build --release --quiet --bin councilor --example match_titles
COUNCILOR=$TARGET/release/councilor
MATCH=$TARGET/release/examples/match_titles
mkdir -p "$OUT"

echo "== versions" >&2
{
    echo "councilor: $("$COUNCILOR" --version)"
    echo "hyperfine: $(hyperfine --version)"
    echo "fzf: $(fzf --version)"
    echo "jq: $(jq --version)"
    echo "cores: $(nproc)"
} | tee "$OUT/versions.txt" >&2

for n in $SIZES; do
    file=$OUT/generated-$n.json
    titles=$OUT/titles-$n.txt
    echo "== $n deliverables: $file" >&2
    "$COUNCILOR" generate --deliverables "$n" --seed "$SEED" --output "$file" --force
    jq -r '.deliverables[].title' "$file" >"$titles"
    ls -l "$file" "$titles" >&2

    # 1. The whole job: from the file to the matching titles.
    list=() matcher=()
    IFS=',' read -ra qs <<<"$QUERIES"
    for q in "${qs[@]}"; do
        list+=(--command-name "councilor list --query '$q'" "'$COUNCILOR' list '$file' --query '$q'")
        list+=(--command-name "jq | fzf --filter '$q'" "jq -r '.deliverables[].title' '$file' | fzf --filter '$q'")
        matcher+=(--command-name "councilor matcher '$q'" "'$MATCH' '$q' < '$titles'")
        matcher+=(--command-name "fzf --filter '$q'" "fzf --filter '$q' < '$titles'")
    done
    hyperfine --warmup 1 --runs "$RUNS" --style basic "${list[@]}" \
        --export-markdown "$OUT/list-vs-jq-fzf-$n.md" \
        --export-json "$OUT/list-vs-jq-fzf-$n.json"

    # 2. The matchers alone, over the same titles on stdin.
    hyperfine --warmup 2 --runs "$RUNS" --style basic "${matcher[@]}" \
        --export-markdown "$OUT/matcher-vs-fzf-$n.md" \
        --export-json "$OUT/matcher-vs-fzf-$n.json"
done

# Ratios: the peer's median over councilor's, per query (> 1: councilor is faster).
summary=$OUT/summary.md
{
    echo "| comparison | size | query | councilor median (ms) | peer median (ms) | peer / councilor |"
    echo "|---|---|---|---|---|---|"
    for n in $SIZES; do
        for kind in list-vs-jq-fzf matcher-vs-fzf; do
            jq -r --arg n "$n" --arg kind "$kind" '
                .results as $r
                | range(0; $r | length; 2) as $i
                | ($r[$i].command | capture("'"'"'(?<q>[^'"'"']*)'"'"'").q) as $q
                | ($r[$i].median * 1000) as $c
                | ($r[$i + 1].median * 1000) as $p
                | "| \($kind) | \($n) | \($q) | \($c * 10 | round / 10) | \($p * 10 | round / 10) | \($p / $c * 100 | round / 100) |"
            ' "$OUT/$kind-$n.json"
        done
    done
} >"$summary"
echo "== summary ($summary)" >&2
cat "$summary"
