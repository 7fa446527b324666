#!/usr/bin/env bash
# Local-LLM scoring cost, one run: Python/skorch reference, then classify4j's trie+KV cache vs the
# naive one-pass-per-label, on the same model, workload and thread count.
#   scripts/bench-local-llm.sh MODEL_DIR [DOCS] [THREADS] [PYTHON] [SETS]
# SETS: comma-separated set names, e.g. "10 single-token labels,77 single-token labels" (default all)
# MODEL_DIR: made by `python scripts/make_tiny_llms.py OUT --mid` (OUT/mid-llama).
set -euo pipefail
MODEL=$1; DOCS=${2:-3}; THREADS=${3:-2}; PY=${4:-python3}; SETS=${5:-}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=$(mktemp -d)
cd "$ROOT"
./mvnw -q -o test-compile dependency:build-classpath -pl classify4j-onnx -am \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
echo "# python (transformers + torch, skorch's algorithm), $THREADS threads"
"$PY" scripts/bench_llm_reference.py "$MODEL" "$WORK/workload.json" --docs "$DOCS" --threads "$THREADS" ${SETS:+--sets "$SETS"} 2> >(grep -v "Warn\|Loading weights\|^ *$" >&2)
echo "# classify4j (ONNX Runtime, trie + KV cache vs naive), $THREADS threads"
java -Xmx1g -cp "classify4j-onnx/target/test-classes:classify4j-onnx/target/classes:$(cat classify4j-onnx/target/cp.txt)" \
  org.classify4j.onnx.llm.LocalLlmBench "$MODEL" "$WORK/workload.json"
rm -rf "$WORK"
