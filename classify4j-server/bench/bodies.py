#!/usr/bin/env python3
"""Request bodies for the load benchmark, one per line, from a JSONL file of {"text": ...}.

  bodies.py TEST.jsonl OUT_DIR  ->  OUT_DIR/form.txt   (suggest: text=...&limit=10, URL-encoded)
                                    OUT_DIR/batch32.txt (suggest-batch: {"documents": [32 texts]})
                                    OUT_DIR/texts.jsonl (the same texts, for `predict`)
                                    OUT_DIR/texts3.jsonl (them three times, unique ids)
"""
import json
import sys
import urllib.parse

src, out = sys.argv[1], sys.argv[2]
texts = [json.loads(l)["text"] for l in open(src, encoding="utf-8") if l.strip()]
with open(f"{out}/form.txt", "w", encoding="utf-8") as f:
    for t in texts:
        f.write("text=" + urllib.parse.quote_plus(t) + "&limit=10\n")
with open(f"{out}/batch32.txt", "w", encoding="utf-8") as f:
    for i in range(0, len(texts) - 31, 32):
        docs = [{"text": t, "document_id": str(i + j)} for j, t in enumerate(texts[i:i + 32])]
        f.write(json.dumps({"documents": docs}) + "\n")
with open(f"{out}/texts.jsonl", "w", encoding="utf-8") as f:
    for i, t in enumerate(texts):
        f.write(json.dumps({"id": str(i), "text": t}) + "\n")
with open(f"{out}/texts3.jsonl", "w", encoding="utf-8") as f:
    for k in range(3):
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"{k}-{i}", "text": t}) + "\n")
print(f"{len(texts)} texts, {len(texts) // 32} batches of 32", file=sys.stderr)
