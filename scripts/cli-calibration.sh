#!/usr/bin/env bash
# ECE before and after calibration, through the command line, on the first N test texts of a data
# set: (1) a tfidf-linear model, calibrated on a held-out 20 % of the training data
# (train --method calibrated -p base=tfidf-linear), before = its base model (saved in base/);
# (2) an llm-zero-shot model against classify4j-testkit's fake server playing a gold oracle that is
# right with probability ACCURACY (one-hot scores: no logprobs), calibrated on the first V training
# texts (train --method calibrated -p base=MODEL_DIR --train those texts).
#   scripts/cli-calibration.sh DATASETS_DIR DATASET N ACCURACY V [OUT_DIR for the HTML reports]
# BENCH_JARS=DIR: use classify4j.jar and classify4j-testkit.jar from DIR instead of building.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$1"; SET="$2"; N="$3"; ACC="$4"; V="$5"; OUT="${6:-}"
cd "$ROOT"
if [[ -z "${BENCH_JARS:-}" ]]; then
  ./mvnw -q -B -ntp -DskipTests -pl classify4j-cli,classify4j-testkit -am package >&2
fi
CLI_JAR="${BENCH_JARS:-classify4j-cli/target}/classify4j.jar"
KIT_JAR="${BENCH_JARS:-classify4j-testkit/target}/classify4j-testkit$( [[ -n "${BENCH_JARS:-}" ]] || echo -0.1.0-SNAPSHOT).jar"
TMP="$(mktemp -d)"
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
head -n "$N" "$DATA/$SET/test.jsonl" > "$TMP/test.jsonl"
head -n "$V" "$DATA/$SET/train.jsonl" > "$TMP/val.jsonl"
LABELS="$DATA/$SET/labels.txt"
java -cp "$CLI_JAR:$KIT_JAR" org.classify4j.testkit.openai.FakeOpenAiServerMain "$LABELS" 0 3600 \
  --gold "$TMP/val.jsonl,$TMP/test.jsonl" "$ACC" 13 > "$TMP/server.out" &
SERVER_PID=$!
for _ in $(seq 300); do [[ -s "$TMP/server.out" ]] && break; sleep 0.1; done
export CLASSIFY4J_LLM_BASE_URL="$(head -1 "$TMP/server.out")" CLASSIFY4J_LLM_API_KEY=test \
  CLASSIFY4J_LLM_MODEL=fake CLASSIFY4J_LLM_CACHE=off
C4J=(java -jar "$CLI_JAR")
line() { # NAME MODEL_DIR [HTML]
  local html=()
  [[ -n "$OUT" && -n "${3:-}" ]] && html=(--html "$OUT/$3.html")
  "${C4J[@]}" eval -q --model "$2" --test "$TMP/test.jsonl" --json "$TMP/m.json" --overwrite \
    "${html[@]}" >/dev/null
  python3 - "$1" "$TMP/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[2]))
print("%-46s accuracy %.4f  ECE %.4f  log loss %.4f" % (sys.argv[1], m["accuracy"], m["ece"], m["log_loss"]))
PY
}
[[ -n "$OUT" ]] && mkdir -p "$OUT"
echo "$SET: first $N test texts"
for cal in temperature platt isotonic; do
  "${C4J[@]}" train -q --method calibrated -p base=tfidf-linear -p calibration=$cal \
    --train "$DATA/$SET/train.jsonl" --labels-file "$LABELS" --out "$TMP/tf-$cal" >/dev/null
  [[ $cal == temperature ]] && line "tfidf-linear (on 80 % of train), raw" "$TMP/tf-$cal/base" tfidf-raw
  line "  calibrated: $cal (on the other 20 %)" "$TMP/tf-$cal" "tfidf-$cal"
done
"${C4J[@]}" train -q --method llm-zero-shot --train "$TMP/val.jsonl" --labels-file "$LABELS" \
  --out "$TMP/llm" >/dev/null
line "llm-zero-shot, fake LLM right $ACC, one-hot" "$TMP/llm" llm-raw
for cal in temperature platt isotonic; do
  "${C4J[@]}" train -q --method calibrated -p base="$TMP/llm" -p calibration=$cal \
    --train "$TMP/val.jsonl" --labels-file "$LABELS" --out "$TMP/llm-$cal" >/dev/null
  line "  calibrated: $cal (on $V train texts)" "$TMP/llm-$cal" "llm-$cal"
done
