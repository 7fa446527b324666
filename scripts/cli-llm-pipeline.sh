#!/usr/bin/env bash
# LLM throughput of predict, classify and label through the command line users run, against the
# fake OpenAI-compatible server of classify4j-testkit answering after LATENCY_MS: banking77's 77
# labels, llm-zero-shot, N = PER_SLOT x concurrency test texts, no cache. Each figure is the
# tool's own count, from the first document read to the last row written (JVM start, model
# loading excluded): predict's "wrote ..." line, classify -v's "classified ..." line, label's
# "labeled ..." line. A "bare HttpClient (floor)" row per concurrency gives, in the same run, what
# a fresh JVM sending as many requests with none of our code achieves (scripts/LlmClientFloor.java).
# Prints a markdown table: command | concurrency | N | docs/s | % of ideal.
#   scripts/cli-llm-pipeline.sh [DATASETS_DIR] [LATENCY_MS] [PER_SLOT] [CONCURRENCY...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/datasets}"
LAT="${2:-200}"
PER="${3:-40}"
if [[ $# -ge 3 ]]; then shift 3; else shift $#; fi
CONCS=(16 64)
[[ $# -gt 0 ]] && CONCS=("$@")
cd "$ROOT"
./mvnw -q -B -ntp -o -DskipTests -pl classify4j-cli,classify4j-testkit -am package >&2
TMP="$(mktemp -d)"
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
CP="classify4j-cli/target/classify4j.jar:classify4j-testkit/target/classify4j-testkit-0.1.0-SNAPSHOT.jar"
java -cp "$CP" org.classify4j.testkit.openai.FakeOpenAiServerMain "$DATA/banking77/labels.txt" \
  "$LAT" 1800 > "$TMP/server.out" &
SERVER_PID=$!
for _ in $(seq 100); do [[ -s "$TMP/server.out" ]] && break; sleep 0.1; done
export CLASSIFY4J_LLM_BASE_URL="$(head -1 "$TMP/server.out")" CLASSIFY4J_LLM_API_KEY=test \
  CLASSIFY4J_LLM_MODEL=fake CLASSIFY4J_LLM_CACHE=off
J="java -jar classify4j-cli/target/classify4j.jar"
head -n 200 "$DATA/banking77/train.jsonl" > "$TMP/train.jsonl"
$J train -q --method llm-zero-shot --labels-file "$DATA/banking77/labels.txt" \
  --train "$TMP/train.jsonl" --out "$TMP/model"
# warm the fake server up (a real LLM server is warm); not reported
head -n 128 "$DATA/banking77/test.jsonl" > "$TMP/warm.jsonl"
$J predict -q --model "$TMP/model" --input "$TMP/warm.jsonl" --output "$TMP/warm.out" \
  --concurrency 64
echo "| command | concurrency | N | docs/s | ideal (C / latency) | % of ideal |"
echo "|---|---|---|---|---|---|"
for C in "${CONCS[@]}"; do
  N=$((PER * C))
  head -n "$N" "$DATA/banking77/test.jsonl" > "$TMP/texts.jsonl"
  python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["text"].replace("\n"," "))' "$TMP/texts.jsonl" \
    > "$TMP/texts.txt"
  IDEAL=$(awk -v c="$C" -v l="$LAT" 'BEGIN { printf "%.1f", c * 1000 / l }')
  row() { # command, docs/s
    awk -v cmd="$1" -v c="$C" -v n="$N" -v r="$2" -v i="$IDEAL" \
      'BEGIN { printf "| %s | %d | %d | %.1f | %.1f | %.0f %% |\n", cmd, c, n, r, i, 100 * r / i }'
  }
  # the floor: a bare JDK HttpClient, fresh JVM, same server, C and N (scripts/LlmClientFloor.java)
  R=$(java "$ROOT/scripts/LlmClientFloor.java" "$CLASSIFY4J_LLM_BASE_URL" "$C" "$N" \
    | sed -n 's/^floor .*(\([0-9.]*\) docs\/s).*/\1/p')
  row "bare HttpClient (floor)" "$R"
  rm -f "$TMP/p.out"
  R=$($J predict --model "$TMP/model" --input "$TMP/texts.jsonl" --output "$TMP/p.out" \
    --concurrency "$C" 2>&1 | sed -n 's/^wrote .*(\([0-9.]*\) docs\/s).*/\1/p')
  row predict "$R"
  R=$($J classify -v --method llm-zero-shot --labels-file "$DATA/banking77/labels.txt" \
    --input "$TMP/texts.txt" --concurrency "$C" 2>&1 >/dev/null \
    | sed -n 's/^classified .*(\([0-9.]*\) docs\/s).*/\1/p')
  row classify "$R"
  rm -f "$TMP"/l.out*
  R=$($J label --input "$TMP/texts.jsonl" --labels-file "$DATA/banking77/labels.txt" \
    --output "$TMP/l.out" --no-cache --concurrency "$C" 2>&1 \
    | sed -n 's/^labeled .*(\([0-9.]*\) docs\/s).*/\1/p')
  row label "$R"
done
