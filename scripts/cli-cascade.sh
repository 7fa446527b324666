#!/usr/bin/env bash
# Cascade benchmark through the command line: stage 1 alone, stage 2 (an llm-zero-shot model) alone,
# and cascades, on the first N test texts of a data set, against classify4j-testkit's fake
# OpenAI-compatible server playing a gold oracle (FakeOpenAiServerMain --gold: it answers the gold
# labels of the train and test texts, right with probability ACCURACY, seeded by text).
#   scripts/cli-cascade.sh DATASETS_DIR DATASET N ACCURACY [STAGE1_METHOD] [CASCADE_PARAMS...]
# e.g. scripts/cli-cascade.sh ../shared/datasets banking77 1000 1.0 tfidf-linear target_accuracy=0.95
# Prints one line per model: accuracy (multi-label: micro F1 and samples F1) on the N texts, and
# the share of texts the LLM answered (requests to the server / N).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$1"; SET="$2"; N="$3"; ACC="$4"; STAGE1="${5:-tfidf-linear}"; shift 5 || shift $#
CASCADES=("$@")
[[ ${#CASCADES[@]} -eq 0 ]] && CASCADES=("target_accuracy=0.95" "target_share=0.2")
cd "$ROOT"
# BENCH_JARS=DIR: use classify4j.jar and classify4j-testkit.jar from DIR instead of building
if [[ -z "${BENCH_JARS:-}" ]]; then
  ./mvnw -q -B -ntp -DskipTests -pl classify4j-cli,classify4j-testkit -am package >&2
fi
CLI_JAR="${BENCH_JARS:-classify4j-cli/target}/classify4j.jar"
KIT_JAR="${BENCH_JARS:-classify4j-testkit/target}/classify4j-testkit$( [[ -n "${BENCH_JARS:-}" ]] || echo -0.1.0-SNAPSHOT).jar"
TMP="$(mktemp -d)"
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
head -n "$N" "$DATA/$SET/test.jsonl" > "$TMP/test.jsonl"
MULTI=()
grep -q '"labels": *\[[^]]*,' "$DATA/$SET/train.jsonl" && MULTI=(--multi-label)
LABELS="$DATA/$SET/labels.txt"
[[ -f "$DATA/$SET/label_descriptions.tsv" ]] && LABELS="$DATA/$SET/label_descriptions.tsv"
CP="$CLI_JAR:$KIT_JAR"
java -cp "$CP" org.classify4j.testkit.openai.FakeOpenAiServerMain "$DATA/$SET/labels.txt" 0 3600 \
  --gold "$DATA/$SET/train.jsonl,$TMP/test.jsonl" "$ACC" 13 > "$TMP/server.out" &
SERVER_PID=$!
for _ in $(seq 300); do [[ -s "$TMP/server.out" ]] && break; sleep 0.1; done
export CLASSIFY4J_LLM_BASE_URL="$(head -1 "$TMP/server.out")" CLASSIFY4J_LLM_API_KEY=test \
  CLASSIFY4J_LLM_MODEL=fake CLASSIFY4J_LLM_CACHE=off
C4J=(java -jar "$CLI_JAR")

requests() { # texts the LLM answered: the rows whose "stage" is 2
  grep -c '"stage":2' "$1" || true
}
report() { # NAME MODEL_DIR
  "${C4J[@]}" eval -q --model "$2" --test "$TMP/test.jsonl" --json "$TMP/m.json" --overwrite >/dev/null
  "${C4J[@]}" predict -q --model "$2" --input "$TMP/test.jsonl" --output "$TMP/p.jsonl" --overwrite \
    >/dev/null 2>&1
  local sent; sent=$(requests "$TMP/p.jsonl")
  [[ -n "${ALL:-}" ]] && sent="$N"
  python3 - "$1" "$TMP/m.json" "$sent" "$N" <<'PY'
import json, sys
name, mfile, sent, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
m = json.load(open(mfile))
def g(k):
    v = m.get(k)
    return v["mean"] if isinstance(v, dict) and "mean" in v else v
if not m.get("multi_label"):
    q = "accuracy %.4f" % g("accuracy")
else:
    q = "micro F1 %.4f  samples F1 %.4f  subset acc %.4f" % (g("micro_f1"), g("samples_f1"), g("subset_accuracy") or 0)
print("%-40s %s  sent to the LLM %5.1f %%" % (name, q, 100.0 * sent / n))
PY
}
echo "$SET: first $N test texts; fake LLM right ${ACC}; stage 1 = $STAGE1"
"${C4J[@]}" train -q --method "$STAGE1" --train "$DATA/$SET/train.jsonl" --labels-file "$LABELS" \
  "${MULTI[@]}" --out "$TMP/s1" >/dev/null 2>&1
report "stage 1 alone ($STAGE1)" "$TMP/s1"
"${C4J[@]}" train -q --method llm-zero-shot --train "$DATA/$SET/train.jsonl" --labels-file "$LABELS" \
  "${MULTI[@]}" --out "$TMP/s2" >/dev/null 2>&1
ALL=1 report "stage 2 alone (llm-zero-shot)" "$TMP/s2"
i=0
for c in "${CASCADES[@]}"; do
  i=$((i + 1))
  P=(-p "stage1=$STAGE1" -p stage2=llm-zero-shot)
  for kv in ${c//,/ }; do P+=(-p "$kv"); done
  "${C4J[@]}" train -q --method cascade "${P[@]}" --train "$DATA/$SET/train.jsonl" \
    --labels-file "$LABELS" "${MULTI[@]}" --out "$TMP/c$i" 2>&1 | grep -i "cascade" >&2 || true
  python3 - "$TMP/c$i/manifest.json" <<'PY' >&2
import json, sys
t = json.load(open(sys.argv[1]))["params"].get("tuning", {})
print("  tuned on validation:", ", ".join("%s=%s" % kv for kv in t.items()))
PY
  report "cascade ($c)" "$TMP/c$i"
done
