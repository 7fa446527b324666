#!/usr/bin/env bash
# Where the time of single-text `suggest` requests goes: one wrk run against `classify4j serve`,
# with the service's CPU time split by thread (from /proc), wrk's own CPU time, the micro-batch
# sizes the service formed (classify4j_batch_size from /metrics, before and after), jstack
# samples during the run, and a JFR recording with its hottest Java frames.
#
#   classify4j-server/bench/profile.sh DATA_DIR WORK_DIR [MODEL] [CONCURRENCY] [DURATION]
#
# WORK_DIR holds models/banking77-MODEL (see load.sh; a symbolic link will do) and gets the bodies, serve.log, jstack-*.txt,
# serve.jfr and profile.txt (everything printed). MODEL defaults to centroid, CONCURRENCY to 32,
# DURATION to 20s. SERVE_OPTS are extra `serve` options (e.g. "--batch-window-ms 0"),
# JAVA_OPTS extra JVM options, WARMUP the warm-up run's duration (default 30s). Sends traffic to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$1"; work="$2"; model="${3:-centroid}"; c="${4:-32}"; dur="${5:-20s}"
jar="$root/classify4j-cli/target/classify4j.jar"
port="${PORT:-5078}"
base="http://127.0.0.1:$port"
mkdir -p "$work"
python3 "$here/bodies.py" "$data/test.jsonl" "$work" 2> /dev/null
exec > >(tee "$work/profile.txt") 2>&1
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

cat > "$work/projects.json" <<JSON
{"projects": {"$model": {"model_dir": "$work/models/banking77-$model"}}}
JSON
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" serve --config "$work/projects.json" --port "$port" \
  ${SERVE_OPTS:-} > "$work/serve.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "$base/health/ready" > /dev/null
path="/v1/projects/$model/suggest"
ctype="application/x-www-form-urlencoded"
# warm-up (JIT, the model's first batches) at the run's concurrency, WARMUP long (default 30s)
wrk -t 2 -c "$c" -d "${WARMUP:-30s}" -s "$here/post.lua" "$base" -- "$path" "$ctype" "$work/form.txt" \
  > /dev/null

# per-thread CPU ticks (utime + stime) of the service, by thread name
ticks() {
  for t in /proc/"$server"/task/*; do
    [[ -r $t/stat ]] || continue
    local name; name=$(tr -d '\n' < "$t/comm")
    # fields after the ")" that ends the name: 12 and 13 are utime and stime
    sed 's/.*) //' "$t/stat" | awk -v n="$name" -v tid="${t##*/}" '{print tid, n, $12 + $13}'
  done
}
batches() { curl -fs "$base/metrics" | grep "^classify4j_batch_size" || true; }

ticks > "$work/ticks-0.txt"
batches > "$work/batches-0.txt"
jcmd "$server" JFR.start name=profile settings=profile filename="$work/serve.jfr" > /dev/null
cpu0=$(awk '{print $14 + $15}' /proc/"$server"/stat)
t0=$(date +%s.%N)
/usr/bin/time -f "wrk: %U s user, %S s system, %e s wall" \
  wrk -t 2 -c "$c" -d "$dur" --timeout 10s -s "$here/post.lua" "$base" \
  -- "$path" "$ctype" "$work/form.txt" > "$work/wrk.txt" 2> "$work/wrk-time.txt" &
client=$!
sleep 5
for i in 1 2 3; do
  jstack "$server" > "$work/jstack-$i.txt"
  sleep 3
done
wait "$client"
t1=$(date +%s.%N)
cpu1=$(awk '{print $14 + $15}' /proc/"$server"/stat)
ticks > "$work/ticks-1.txt"
batches > "$work/batches-1.txt"
jcmd "$server" JFR.stop name=profile > /dev/null

hz=$(getconf CLK_TCK)
echo "--- wrk (concurrency $c, $dur)"
tail -1 "$work/wrk.txt"
cat "$work/wrk-time.txt"
echo "--- service CPU during the run: $(echo "($cpu1 - $cpu0) / $hz" | bc -l | xargs printf '%.1f') s over $(echo "$t1 - $t0" | bc -l | xargs printf '%.1f') s wall"
echo "--- service CPU by thread group (s)"
# threads started during the run count from 0
awk -v hz="$hz" 'FNR == NR { t0[$1] = $NF; next }
    { d = $NF - ($1 in t0 ? t0[$1] : 0); n = $2; gsub(/[-#0-9]+$/, "", n); g[n] += d }
    END { for (n in g) if (g[n] > 0) printf "%8.2f  %s\n", g[n] / hz, n }' \
  "$work/ticks-0.txt" "$work/ticks-1.txt" | sort -rn
echo "--- micro-batch sizes formed during the run (cumulative buckets: before -> after)"
paste "$work/batches-0.txt" "$work/batches-1.txt" | awk '{print $1, $2, "->", $4}' \
  | sed 's/classify4j_batch_size//'
echo "--- threads in ONNX Runtime's run() at each jstack sample"
for i in 1 2 3; do
  echo "sample $i: $(grep -c 'OrtSession.run(Native Method)' "$work/jstack-$i.txt" || true)"
done
echo "--- JFR: hottest top frames (Java execution samples)"
jfr print --events jdk.ExecutionSample "$work/serve.jfr" \
  | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' \
  | sort | uniq -c | sort -rn | head -15
echo "--- JFR: native samples (threads in native code, e.g. ONNX Runtime)"
jfr print --events jdk.NativeMethodSample "$work/serve.jfr" \
  | awk '/sampledThread = / {sub(/^[ \t]+sampledThread = /, ""); sub(/ \(javaThreadId.*/, ""); print}' \
  | sed 's/[-#0-9]*"$/"/' | sort | uniq -c | sort -rn | head -10

kill -TERM "$server"; wait "$server" || true
trap - EXIT
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
