#!/usr/bin/env bash
# Load benchmark of `classify4j serve` against `classify4j predict` on the same texts, on loopback.
#
#   classify4j-server/bench/load.sh DATA_DIR WORK_DIR [DURATION] [SOAK_DURATION]
#
# DATA_DIR holds test.jsonl ({"text": ...} per line; banking77's in docs/benchmarks.md); WORK_DIR
# holds models/banking77-centroid and models/banking77-linear (from `classify4j train`) and gets
# the request bodies, logs and results.jsonl (one JSON line per measurement). DURATION is each
# wrk run's (default 20s). With SOAK_DURATION (e.g. 10m), a soak at concurrency 16 follows, with
# the heap after a full GC sampled every 30 s. Needs wrk, python3, jcmd, jstat and the CLI jar
# (./mvnw -q -DskipTests -pl classify4j-cli -am package). Sends traffic to 127.0.0.1 only; every
# run is bounded by its duration. MODELS (default "centroid linear"), MODES (default
# "single batch32") and CONCURRENCIES (default "1 8 32") choose the serve runs; wrk gives up on a
# request after WRK_TIMEOUT (default 30s, the service's own request timeout) and counts it as a
# socket error. WARMUP is each model's warm-up run (default 30s, at concurrency 32). SERVE_OPTS
# are extra `serve` options (e.g. "--scoring-threads 1"); JAR another CLI jar (e.g. an older
# build); PREDICT=0 skips `predict`. Each serve line also has the CPU seconds the service
# (serve_cpu_s) and wrk (wrk_cpu_s) used during the run (they share the machine's cores); each
# predict line the CPU seconds of its two runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$1"; work="$2"; dur="${3:-20s}"; soak="${4:-}"
jar="${JAR:-$root/classify4j-cli/target/classify4j.jar}"
port="${PORT:-5077}"
base="http://127.0.0.1:$port"
results="$work/results.jsonl"
mkdir -p "$work"
python3 "$here/bodies.py" "$data/test.jsonl" "$work"
n=$(wc -l < "$work/texts.jsonl")
: > "$results"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2

# `predict` on the same texts: steady docs/s from a run over the texts and one over them three
# times (the difference leaves out JVM start and model loading)
for m in ${MODELS:-centroid linear}; do
  [[ ${PREDICT:-1} == 0 ]] && break
  for k in 1 3; do
    in="$work/texts.jsonl"; [[ $k == 3 ]] && in="$work/texts3.jsonl"
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/predict-cpu.txt" \
      java -jar "$jar" predict -q --model "$work/models/banking77-$m" --input "$in" \
      --output "$work/pred-$m-$k.jsonl" --overwrite
    t1=$(date +%s.%N)
    eval "t_$k=$(echo "$t1 - $t0" | bc -l)"
    eval "c_$k=$(tail -1 "$work/predict-cpu.txt" | awk '{print $1 + $2}')"
  done
  docs_s=$(echo "2 * $n / ($t_3 - $t_1)" | bc -l)
  printf '{"model": "%s", "face": "predict", "docs_per_s": %.1f, "wall_1x_s": %.2f, "wall_3x_s": %.2f, "cpu_1x_s": %.1f, "cpu_3x_s": %.1f}\n' \
    "$m" "$docs_s" "$t_1" "$t_3" "$c_1" "$c_3" | tee -a "$results"
done

cat > "$work/projects.json" <<JSON
{"projects": {
  "centroid": {"model_dir": "$work/models/banking77-centroid"},
  "linear": {"model_dir": "$work/models/banking77-linear"}}}
JSON
# shellcheck disable=SC2086
java -jar "$jar" serve --config "$work/projects.json" --port "$port" ${SERVE_OPTS:-} \
  > "$work/serve.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -fs "$base/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "$base/health/ready" > /dev/null

run() { # model mode concurrency duration
  local m=$1 mode=$2 c=$3 d=$4 t path ctype file per
  t=$(( c < 2 ? c : 2 ))
  if [[ $mode == single ]]; then
    path="/v1/projects/$m/suggest"; ctype="application/x-www-form-urlencoded"
    file="$work/form.txt"; per=1
  else
    path="/v1/projects/$m/suggest-batch?limit=10"; ctype="application/json"
    file="$work/batch32.txt"; per=32
  fi
  local out cpu0 cpu1 hz
  hz=$(getconf CLK_TCK)
  cpu0=$(awk '{print $14 + $15}' /proc/"$server"/stat)
  out=$(/usr/bin/time -f "%U %S" -o "$work/wrk-cpu.txt" \
    wrk -t "$t" -c "$c" -d "$d" --timeout "${WRK_TIMEOUT:-30s}" -s "$here/post.lua" "$base" \
    -- "$path" "$ctype" "$file" | tail -1)
  cpu1=$(awk '{print $14 + $15}' /proc/"$server"/stat)
  python3 - "$m" "$mode" "$c" "$per" "$out" "$(( cpu1 - cpu0 ))" "$hz" "$(tail -1 "$work/wrk-cpu.txt")" <<'PY' | tee -a "$results"
import json, sys
m, mode, c, per, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
wrk_cpu = sum(float(x) for x in sys.argv[8].split())
out.update(model=m, face="serve", mode=mode, concurrency=c,
           docs_per_s=round(out["requests"] * per / out["duration_s"], 1),
           serve_cpu_s=round(int(sys.argv[6]) / int(sys.argv[7]), 1), wrk_cpu_s=round(wrk_cpu, 1))
print(json.dumps(out))
PY
}

# warm-up (the model's first batches, and the JIT: the HTTP path is still being compiled after
# 10 s, which `predict`'s steady rate leaves out), WARMUP long (default 30s) at concurrency 32
for m in ${MODELS:-centroid linear}; do
  run "$m" single 32 "${WARMUP:-30s}" > /dev/null
done
for m in ${MODELS:-centroid linear}; do
  for mode in ${MODES:-single batch32}; do
    for c in ${CONCURRENCIES:-1 8 32}; do
      run "$m" "$mode" "$c" "$dur"
    done
  done
done

if [[ -n "$soak" ]]; then
  # after a full GC: the old generation at once (jstat's OU: what survived, the live set), and the
  # whole heap from /metrics a second later (that also counts what requests allocated meanwhile,
  # in steps of G1 regions)
  heap() { jcmd "$server" GC.run > /dev/null
    local old; old=$(jstat -gc "$server" | awk 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "OU") c = i}
      NR == 2 {printf "%d", $c * 1024}')
    sleep 1
    printf '"old_gen_after_gc_bytes": %s, "heap_after_gc_bytes": %s' "$old" \
      "$(curl -fs "$base/metrics" | awk '/^jvm_memory_heap_used_bytes/ {print $2}')"; }
  echo "{\"soak\": \"start\", $(heap)}" | tee -a "$results"
  run centroid single 16 "$soak" > "$work/soak-wrk.json" &
  soaker=$!
  while kill -0 "$soaker" 2>/dev/null; do
    sleep 30
    kill -0 "$soaker" 2>/dev/null && echo "{\"soak\": \"sample\", \"t\": \"$(date +%T)\", $(heap)}" | tee -a "$results"
  done
  wait "$soaker"
  cat "$work/soak-wrk.json"
  echo "{\"soak\": \"end\", $(heap)}" | tee -a "$results"
fi

kill -TERM "$server"; wait "$server" && echo "serve exited 0 after SIGTERM" >&2
trap - EXIT
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end" >&2
