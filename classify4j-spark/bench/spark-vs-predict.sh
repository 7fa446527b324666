#!/usr/bin/env bash
# Same 20,000 texts, same model: `classify4j predict` in one JVM vs the Spark job on local[2],
# one after the other in one run (docs/benchmarks.md, "Apache Spark").
#
#   ./mvnw -B -ntp -Pspark-jars -pl classify4j-spark,classify4j-cli -am package -DskipTests
#   classify4j-spark/bench/spark-vs-predict.sh [WORKDIR]      (default /tmp/sparkbench)
#
# Texts: agnews test (7,600), then banking77 train and test, first 20,000 in all. Model: the
# linear head on all-MiniLM-L6-v2 trained on agnews train (581 examples). Nothing is written into
# the repository.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/../shared/datasets"
W="${1:-/tmp/sparkbench}"
mkdir -p "$W"
cp "$ROOT/classify4j-cli/target/classify4j.jar" "$W/cli.jar"
cp "$ROOT/classify4j-spark/target/classify4j-spark-local.jar" "$W/"
cd "$W"

python3 - "$DATA" <<'PY'
import json, sys
data = sys.argv[1]
n = 0
with open("in20k.jsonl", "w") as out:
    for f in ["agnews/test.jsonl", "banking77/train.jsonl", "banking77/test.jsonl"]:
        for line in open(f"{data}/{f}"):
            if n == 20000:
                break
            out.write(json.dumps({"id": "doc%05d" % n, "text": json.loads(line)["text"]}) + "\n")
            n += 1
PY

[[ -f model-linear/manifest.json ]] || \
  nice java -jar cli.jar train --method linear --train "$DATA/agnews/train.jsonl" --out model-linear

date -u +"start %FT%TZ"; uptime
rm -rf out-cli.jsonl out-spark
/usr/bin/time -f "cli wall=%e user=%U sys=%S maxrss_kb=%M" nice java -jar cli.jar predict \
  --model model-linear --input in20k.jsonl --output out-cli.jsonl --quiet 2> cli.err
tail -1 cli.err; uptime
/usr/bin/time -f "spark wall=%e user=%U sys=%S maxrss_kb=%M" nice java -jar \
  classify4j-spark-local.jar --master 'local[2]' --model model-linear --input in20k.jsonl \
  --output out-spark > spark.log 2> spark.err
tail -1 spark.err; uptime
wc -l < out-cli.jsonl; cat out-spark/part-* | wc -l
date -u +"end %FT%TZ"

# the same predictions, every id once
python3 - <<'PY'
import glob, json
cli = {d["id"]: d for d in map(json.loads, open("out-cli.jsonl"))}
sp = {}
for f in glob.glob("out-spark/part-*.json"):
    for line in open(f):
        d = json.loads(line)
        assert d["id"] not in sp, "duplicate " + d["id"]
        sp[d["id"]] = d
assert set(cli) == set(sp)
same = sum(cli[k]["labels"] == sp[k]["labels"] for k in cli)
diff = max(abs(v - sp[k]["scores"][lab]) for k in cli for lab, v in cli[k]["scores"].items())
print(f"ids {len(sp)}, same labels {same}, max score difference {diff:.1e}")
PY

# The second pass in docs/benchmarks.md (order reversed, 5,000 texts) used the same jars and model:
#   python3 -c "import sys; l=open('in20k.jsonl').read().splitlines(); open('in5k.jsonl','w').write('\n'.join(l[::4])+'\n')"
#   then the two commands above with in5k.jsonl, the Spark job first.
