#!/usr/bin/env bash
# The outside cases of issue 22, items 1, 4, 6, 7 and 15, in a scratch directory: one line per
# case (exit status and the first line of stderr), plus what became of the files at stake.
#
#   scripts/reliability-cases.sh [LAUNCHER]      (default: ./classify4j)
set -u
LAUNCHER="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/classify4j}"
C="$(cd "$(dirname "$LAUNCHER")" && pwd)/$(basename "$LAUNCHER")"
W=$(mktemp -d); cd "$W"
seq 40 | awk '{l = NR % 2 ? "sports" : "cooking"; t = NR % 2 ? "a goal in the match" : "bake it in the oven"; printf "{\"id\": \"t%d\", \"text\": \"%s %d\", \"labels\": [\"%s\"]}\n", NR, t, NR, l}' > train.jsonl
head -6 train.jsonl > gold.jsonl
seq 30 | awk '{printf "{\"id\": \"d%d\", \"text\": \"text %d about a goal\"}\n", NR, NR}' > docs.jsonl
r() { local name="$1"; shift; "$@" > out.txt 2> err.txt; local code=$?; echo "$name | exit $code | $(head -c 160 err.txt | tr '\n' ' ')"; }
"$C" train -q --method tfidf-linear --train train.jsonl --out model >/dev/null 2>&1
# item 1
mkdir -p big/b && echo keep > big/keep.txt 
(cd big/b && r "1 train -o .. --overwrite (cwd big/b)" "$C" train -q --method tfidf-linear -t ../../train.jsonl -o .. --overwrite)
echo "   big/keep.txt: $([ -f big/keep.txt ] && echo kept || echo DELETED); big/b: $([ -d big/b ] && echo kept || echo DELETED)"
mkdir -p notes && echo mine > notes/a.txt
r "1 train -o notes (not a model, no --overwrite)" "$C" train -q --method tfidf-linear -t train.jsonl -o notes
echo '' > llm.jsonl
r "1 distill -o notes --overwrite" "$C" distill -t llm.jsonl --audit gold.jsonl -o notes --overwrite
echo "   notes/a.txt: $([ -f notes/a.txt ] && echo kept || echo DELETED)"
# item 4
for c in "predict -q --model model --input docs.jsonl" "classify -q --labels a,b hello" "eval -q --model model --test gold.jsonl" "check-data gold.jsonl" "models"; do
  $C $c > /dev/full 2> err.txt; echo "4 $c > /dev/full | exit $? | $(head -c 120 err.txt | tr '\n' ' ')"; done
# item 6
cp gold.jsonl g2.jsonl
r "6 predict -o gold.jsonl --resume" "$C" predict -q --model model --input docs.jsonl -o g2.jsonl --resume
echo "   gold lines: 6 before, $(wc -l < g2.jsonl) after"
# item 7
"$C" predict -q --model model --input docs.jsonl -o old.jsonl
(head -20 docs.jsonl; echo '{"id": "x", "text": '; tail -5 docs.jsonl) > bad.jsonl
r "7 predict bad input -o old.jsonl --overwrite" "$C" predict -q --model model --input bad.jsonl -o old.jsonl --overwrite --batch-size 8
echo "   old.jsonl lines: 30 before, $(wc -l < old.jsonl) after"
mkfifo fifo
r "7 predict -o FIFO --overwrite" timeout 20 "$C" predict -q --model model --input docs.jsonl -o fifo --overwrite
echo "   fifo: $([ -p fifo ] && echo 'still a FIFO' || echo 'REPLACED')"
mkdir outdir
r "15 predict -o DIR" "$C" predict -q --model model --input docs.jsonl -o outdir
r "15 predict -o DIR --overwrite" "$C" predict -q --model model --input docs.jsonl -o outdir --overwrite
echo "   outdir: $([ -d outdir ] && echo kept || echo DELETED)"
# item 15
r "15 label --budget -1" "$C" label -i docs.jsonl --labels a,b -o l.jsonl --budget -1 --dry-run
r "15 label --budget NaN" "$C" label -i docs.jsonl --labels a,b -o l.jsonl --budget NaN --dry-run
r "15 label --max-requests -1" "$C" label -i docs.jsonl --labels a,b -o l.jsonl --max-requests -1 --dry-run
r "15 classify --top -2" "$C" classify --labels a,b --top -2 hello
printf '{"text": "caf\xe9"}\n' > bad-utf8.jsonl
r "15 classify bad UTF-8" "$C" classify --labels a,b -i bad-utf8.jsonl
r "15 predict bad UTF-8" "$C" predict --model model -i bad-utf8.jsonl
echo '["a", "b"]' > arr.txt
r "15 classify JSON array line" "$C" classify --labels a,b -i arr.txt
printf 'id,text,labels\n1,"a 12" pipe" x,sports\n' > q.csv
r "15 check-data bad CSV quotes" "$C" check-data q.csv
r "15 check-data --rare 0" "$C" check-data gold.jsonl --rare 0
r "15 predict --top -1" "$C" predict --model model -i docs.jsonl --top -1
cp -r model dmg && echo '{"kind": 4' > dmg/decision.json
r "15 damaged model (decision.json)" "$C" predict --model dmg -i docs.jsonl
head -1 gold.jsonl > one.jsonl
r "15 tune on one document" "$C" tune -q --model model --validation one.jsonl
r "15 tune on the training file" "$C" tune -q --model model --validation train.jsonl
cd / && rm -rf "$W"
