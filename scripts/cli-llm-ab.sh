#!/usr/bin/env bash
set -euo pipefail
# A/B of predict throughput between two builds of the CLI jar, against one fake server (200 ms),
# interleaved, N = 40 x concurrency banking77 test texts, the same steps as cli-llm-throughput.sh.
#   scripts/cli-llm-ab.sh DATASETS_DIR OLD_JAR NEW_JAR TESTKIT_JAR
DATA="$1"
NEW="$3"
OLD="$2"
TK="$4"
TMP=$(mktemp -d)
java -cp "$NEW:$TK" org.classify4j.testkit.openai.FakeOpenAiServerMain "$DATA/banking77/labels.txt" 200 1800 > "$TMP/server.out" &
SP=$!
trap 'kill $SP 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [[ -s "$TMP/server.out" ]] && break; sleep 0.1; done
export CLASSIFY4J_LLM_BASE_URL="$(head -1 "$TMP/server.out")" CLASSIFY4J_LLM_API_KEY=test CLASSIFY4J_LLM_MODEL=fake CLASSIFY4J_LLM_CACHE=off
head -n 200 "$DATA/banking77/train.jsonl" > "$TMP/train.jsonl"
java -jar $NEW train -q --method llm-zero-shot --labels-file "$DATA/banking77/labels.txt" --train "$TMP/train.jsonl" --out "$TMP/model"
head -n 128 "$DATA/banking77/test.jsonl" > "$TMP/warm.jsonl"
java -jar $NEW predict -q --model "$TMP/model" --input "$TMP/warm.jsonl" --output "$TMP/warm.out" --concurrency 64
for C in 16 64; do
  N=$((40 * C)); head -n $N "$DATA/banking77/test.jsonl" > "$TMP/t.jsonl"
  for V in old new; do
    J=$NEW; [[ $V == old ]] && J=$OLD
    rm -f "$TMP/o.jsonl"
    echo "$V C=$C N=$N load=$(cut -d' ' -f1 /proc/loadavg): $(java -jar $J predict --model "$TMP/model" --input "$TMP/t.jsonl" --output "$TMP/o.jsonl" --concurrency $C 2>&1 | grep '^wrote')"
  done
done
