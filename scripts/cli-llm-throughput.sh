#!/usr/bin/env bash
# LLM throughput through the command line users run (not a library harness): an llm-zero-shot
# model over banking77's 77 labels, `classify4j predict --concurrency C` over N banking77 test
# texts, against the fake OpenAI-compatible server of classify4j-testkit answering after LATENCY_MS.
#   scripts/cli-llm-throughput.sh [DATASETS_DIR] [N] [LATENCY_MS] [CONCURRENCY]
# Prints predict's own summary line: predictions, seconds from the first document to the last
# prediction written (JVM start and model loading not included), docs/s. The fake server is warmed
# up first by a short run that is not reported; the timed predict JVM starts cold.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/datasets}"
N="${2:-400}"
LAT="${3:-200}"
CONC="${4:-16}"
cd "$ROOT"
./mvnw -q -B -ntp -DskipTests -pl classify4j-cli,classify4j-testkit -am package >&2
TMP="$(mktemp -d)"
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
head -n "$N" "$DATA/banking77/test.jsonl" > "$TMP/texts.jsonl"
head -n 200 "$DATA/banking77/train.jsonl" > "$TMP/train.jsonl"
java -cp "classify4j-cli/target/classify4j.jar:classify4j-testkit/target/classify4j-testkit-0.1.0-SNAPSHOT.jar" \
  org.classify4j.testkit.openai.FakeOpenAiServerMain "$DATA/banking77/labels.txt" "$LAT" 600 > "$TMP/server.out" &
SERVER_PID=$!
for _ in $(seq 100); do [[ -s "$TMP/server.out" ]] && break; sleep 0.1; done
export CLASSIFY4J_LLM_BASE_URL="$(head -1 "$TMP/server.out")" CLASSIFY4J_LLM_API_KEY=test \
  CLASSIFY4J_LLM_MODEL=fake CLASSIFY4J_LLM_CACHE=off
java -jar classify4j-cli/target/classify4j.jar train --method llm-zero-shot \
  --labels-file "$DATA/banking77/labels.txt" --train "$TMP/train.jsonl" --out "$TMP/model" 2>/dev/null
# warm the fake server up (its JVM is as fresh as the client's; a real LLM server is warm): one
# short predict run whose figure is not reported
head -n 64 "$TMP/texts.jsonl" > "$TMP/warm.jsonl"
java -jar classify4j-cli/target/classify4j.jar predict -q --model "$TMP/model" \
  --input "$TMP/warm.jsonl" --output "$TMP/warm.out.jsonl" --concurrency "$CONC"
echo "documents $N, server latency $LAT ms, --concurrency $CONC (limit: $CONC in flight$( \
  [[ "$LAT" -gt 0 ]] && awk -v c="$CONC" -v l="$LAT" 'BEGIN { printf ", %.1f docs/s", c * 1000 / l }')):"
java -jar classify4j-cli/target/classify4j.jar predict --model "$TMP/model" \
  --input "$TMP/texts.jsonl" --output "$TMP/out.jsonl" --concurrency "$CONC" ${PREDICT_ARGS:-} 2>&1 | grep '^wrote'
