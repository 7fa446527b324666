#!/usr/bin/env bash
# Interrupts `classify` and `predict` (with the bundled ONNX embedder) at random moments and counts
# crashes: an exit status other than 0 (finished before the signal) or 130 (interrupted), a JVM
# error file (hs_err_pid*.log), a JVM banner ("fatal error", "#  SIGSEGV") anywhere, or a line on
# standard output that is not a whole JSON object.
#
#   scripts/interrupt-test.sh [RUNS_PER_COMMAND] [MAX_DELAY_SECONDS] [COMMANDS]
#
# Defaults: 64 runs of each command, signals sent after a uniformly random delay in
# [0, MAX_DELAY_SECONDS] (default 12 s: JVM start-up, ONNX session creation, scoring).
# COMMANDS: "classify predict" (default), or one of them. CLASSIFY4J (default: ./classify4j, the
# launcher) is the command run. Prints one line per run and a
# summary; exits 1 when any run crashed.
set -uo pipefail
set -m # background jobs of this script must not ignore SIGINT
# a script started in the background by a non-interactive shell (or under nohup) inherits SIGINT
# ignored and cannot reset it itself: perl restores the default for each run before exec
RESTORE=()
if [[ $(awk '/^SigIgn:/ { print $2 }' /proc/self/status 2>/dev/null) =~ [2367abef]$ ]]; then
  RESTORE=(perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die "exec: $!"')
fi

RUNS="${1:-64}"
MAX_DELAY="${2:-12}"
COMMANDS="${3:-classify predict}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLASSIFY4J="${CLASSIFY4J:-$ROOT/classify4j}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/classify4j-interrupt.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# inputs: 3000 texts for classify, the same as JSON lines for predict, a small training set
words=(invoice refund parcel courier password login crash charged delivery account screen error)
for ((i = 0; i < 3000; i++)); do
  a=${words[$((i % 12))]} b=${words[$(((i * 7 + 3) % 12))]}
  echo "message $i about the $a and the $b"
done > "$WORK/texts.txt"
awk '{printf "{\"id\": \"d%04d\", \"text\": \"%s\"}\n", NR, $0}' "$WORK/texts.txt" > "$WORK/docs.jsonl"
{
  for t in "I was charged twice" "refund my invoice" "the invoice amount is wrong"; do
    echo "{\"text\": \"$t\", \"labels\": \"billing\"}"; done
  for t in "the parcel has not arrived" "courier lost my delivery" "where is my parcel"; do
    echo "{\"text\": \"$t\", \"labels\": \"delivery\"}"; done
  for t in "the app crashes" "error on the screen" "it crashes at start"; do
    echo "{\"text\": \"$t\", \"labels\": \"technical problem\"}"; done
  for t in "cannot log in" "reset my password" "my account is locked"; do
    echo "{\"text\": \"$t\", \"labels\": \"account access\"}"; done
} > "$WORK/train.jsonl"
(cd "$WORK" && "$CLASSIFY4J" train -q --method centroid --train train.jsonl --out model) \
  || { echo "training the predict model failed" >&2; exit 2; }

LABELS="billing,delivery,technical problem,account access"
crashes=0 interrupted=0 finished=0
for cmd in $COMMANDS; do
  for ((run = 1; run <= RUNS; run++)); do
    dir="$WORK/$cmd-$run"
    mkdir -p "$dir"
    if [[ $cmd == classify ]]; then
      args=(classify -q --labels "$LABELS" --batch-size 16 --input ../texts.txt)
    else
      args=(predict -q --model ../model --input ../docs.jsonl --output pred.jsonl --batch-size 16)
    fi
    # run in its own directory: a JVM error file (hs_err_pid*.log) lands there
    (cd "$dir" && exec "${RESTORE[@]}" "$CLASSIFY4J" "${args[@]}") > "$dir/stdout" 2> "$dir/stderr" &
    pid=$!
    delay=$(awk -v lo="${MIN_DELAY:-0}" -v m="$MAX_DELAY" -v s="$RANDOM$run" \
      'BEGIN { srand(s); printf "%.2f", lo + rand() * m }')
    sleep "$delay"
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    code=$?
    problems=()
    [[ $code == 0 || $code == 130 ]] || problems+=("exit $code")
    compgen -G "$dir/hs_err_pid*.log" > /dev/null && problems+=("hs_err file")
    grep -qiE "fatal error|SIGSEGV|SIGBUS|hs_err" "$dir/stdout" "$dir/stderr" \
      && problems+=("JVM crash banner")
    out="$dir/stdout"
    [[ $cmd == predict && -f "$dir/pred.jsonl" ]] && out="$dir/pred.jsonl"
    bad=$(grep -cvE '^\{.*\}$' "$out")
    [[ $bad == 0 ]] || problems+=("$bad lines that are not JSON objects")
    if ((${#problems[@]})); then
      crashes=$((crashes + 1))
      echo "$cmd run $run: signal after ${delay}s: CRASH: ${problems[*]}"
      sed 's/^/    stderr: /' "$dir/stderr" | head -5
    else
      [[ $code == 130 ]] && interrupted=$((interrupted + 1)) || finished=$((finished + 1))
      echo "$cmd run $run: signal after ${delay}s: exit $code, $(wc -l < "$out") lines"
    fi
  done
done
echo "runs: $((interrupted + finished + crashes)) ($RUNS each of: $COMMANDS); interrupted (exit 130): $interrupted;" \
  "finished before the signal: $finished; crashes: $crashes"
((crashes == 0))
