#!/usr/bin/env bash
# Issue 14's method × embedder table (docs/benchmarks.md, "Issue 14: every embedding method × three
# embedders"): every embedding method on every embedder, per dataset, test scored once per row.
#
#   classify4j-bench/scripts/method-table.sh [DATASETS_DIR] [OUT_DIR] [dataset ...]
#
# Build first: ./mvnw -B -ntp -q -Pbench -DskipTests -pl classify4j-bench -am package
# Vectors are cached in target/vector-cache (a rerun skips the embedding). Single-label sets with
# few classes use C=auto everywhere; for the others `linear;C=1,10,100` chooses C by 3-fold CV on
# train and `setfit`/`ensemble` take the C it logged ("C=… chosen"), so each dataset × embedder
# pays for one cross-validation. 20newsgroups is embedded in chunks (longText=chunk) and adds
# ensembles with the TF-IDF head.
set -euo pipefail
D=${1:-../shared/datasets}
OUT=${2:-target/method-table}
shift 2 || true
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(agnews sst2 trec trec-fine banking77 nlupp-banking nlupp-hotels reuters21578 20newsgroups)
MODELS=(all-minilm-l6-v2 bge-small-en-v1.5 e5-small-v2-q)
mkdir -p "$OUT"
CACHE=${CACHE:-target/vector-cache}
T=(java -Xmx6g -cp classify4j-bench/target/classify4j-bench.jar org.classify4j.bench.TargetBench --datasets "$D" --cache "$CACHE")

tuned() { # dataset model [extra methods after the C is known...]
  local d=$1 m=$2; shift 2
  "${T[@]}" --dataset "$d" --model "$m" --train full \
      --methods 'zero-shot' 'centroid' 'knn' 'linear;C=1,10,100' > "$OUT/$d-$m.md" 2> "$OUT/$d-$m.log"
  local c
  c=$(grep -o 'C=[0-9.]* chosen' "$OUT/$d-$m.log" | tail -1 | sed 's/C=\([0-9.]*\) chosen/\1/')
  local more=()
  for x in "$@"; do more+=("${x//@C@/$c}"); done
  "${T[@]}" --dataset "$d" --model "$m" --train full \
      --methods "setfit;C=$c" "ensemble;C=$c" "${more[@]}" > "$OUT/$d-$m-c$c.md" 2> "$OUT/$d-$m-c$c.log"
}

for d in "${SETS[@]}"; do
  for m in "${MODELS[@]}"; do
    case $d in
      sst2|agnews)
        "${T[@]}" --dataset "$d" --model "$m" --train full --methods 'zero-shot' 'centroid' 'knn' \
            'linear;C=auto' 'setfit;C=auto' 'ensemble;C=auto' > "$OUT/$d-$m-full.md" 2> "$OUT/$d-$m-full.log"
        "${T[@]}" --dataset "$d" --model "$m" --train 8 --methods 'centroid' 'knn' \
            'linear;C=auto' 'setfit;C=auto' 'ensemble;C=auto' > "$OUT/$d-$m-8.md" 2> "$OUT/$d-$m-8.log" ;;
      20newsgroups)
        tuned "$d" "$m?longText=chunk" 'tfidf-linear' 'ensemble;members=knn,tfidf-linear' \
            'ensemble;members=knn,linear,tfidf-linear;C=@C@' ;;
      *)
        tuned "$d" "$m" ;;
    esac
  done
done
cat "$OUT"/*.md | grep '^| [a-z0-9]' | grep -v '^| dataset'
