"""NLI zero-shot speed: transformers' zero-shot-classification pipeline (PyTorch, CPU) against
classify4j's nli-zero-shot (ONNX Runtime, through the command line) on the same model, texts and
labels, in one run. The model is a random BERT made by make_tiny_nli_models.py --mid DIR (its
PyTorch weights are in DIR/pytorch, the ONNX export in DIR).

    python scripts/bench_nli.py --model DIR --texts AGNEWS_TEST.jsonl [--n 100] [--threads 2]
    python scripts/bench_nli.py --model DIR --texts BANKING77_TEST.jsonl --prune-labels LABELS.txt

Prints pairs per second of wall time and per CPU-second for each (on a shared machine the CPU
figure is the steadier one). The command line's time is taken as (time for N texts) −
(time for 1 text), so JVM start and model loading are left out, as they are for Python.
"""

import argparse
import json
import os
import resource
import subprocess
import tempfile
import time

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

LABELS = ["World", "Sports", "Business", "Sci/Tech", "health", "entertainment", "politics",
          "travel", "education", "environment"]
HERE = os.path.dirname(os.path.abspath(__file__))


def texts_of(path, n):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line)["text"])
            if len(out) == n:
                break
    return out


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli(model, texts_file, labels, threads, extra=()):
    """(wall s, CPU s of the JVM, output lines)."""
    cmd = [os.path.join(HERE, "..", "classify4j"), "classify", "-q", "--method", "nli-zero-shot",
           "-p", "model=" + model, "-p", "threads=" + str(threads), "--labels", ",".join(labels),
           "-i", texts_file, *extra]
    c = children_cpu()
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t, children_cpu() - c, out.count("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--texts", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-python", action="store_true")
    ap.add_argument("--prune-labels", help="a labels file (banking77): time per document with and "
                    "without candidates=N pruning, instead of the pipeline comparison")
    ap.add_argument("--candidates", type=int, default=10)
    a = ap.parse_args()
    if a.prune_labels:
        return prune(a)
    texts = texts_of(a.texts, a.n)
    pairs = len(texts) * len(LABELS)
    tmp = tempfile.mkdtemp()
    many = os.path.join(tmp, "texts.txt")
    one = os.path.join(tmp, "one.txt")
    with open(many, "w", encoding="utf-8") as f:
        f.write("\n".join(t.replace("\n", " ") for t in texts) + "\n")
    with open(one, "w", encoding="utf-8") as f:
        f.write(texts[0].replace("\n", " ") + "\n")

    cli(a.model, one, LABELS, a.threads)  # warm: builds the jar if needed, fills the page cache
    t1, c1, _ = cli(a.model, one, LABELS, a.threads)
    tn, cn, lines = cli(a.model, many, LABELS, a.threads)
    assert lines == len(texts), (lines, len(texts))
    n = pairs - len(LABELS)
    print(f"classify4j nli-zero-shot (ONNX Runtime, {a.threads} calls in flight x 1 thread): "
          f"{n / (tn - t1):.1f} pairs/s wall, {n / (cn - c1):.1f} pairs per CPU-second "
          f"({len(texts)} texts x {len(LABELS)} labels; wall {tn:.1f} s - {t1:.1f} s start, "
          f"CPU {cn:.1f} s - {c1:.1f} s)", flush=True)

    if a.skip_python:
        return
    torch.set_num_threads(a.threads)
    pt = os.path.join(a.model, "pytorch")
    clf = pipeline("zero-shot-classification", model=AutoModelForSequenceClassification.from_pretrained(pt),
                   tokenizer=AutoTokenizer.from_pretrained(pt), device="cpu")
    for bs in (16, 1):
        clf(texts[:2], candidate_labels=LABELS, batch_size=bs)  # warm-up
        t = time.perf_counter()
        c = time.process_time()
        with torch.inference_mode():
            clf(texts, candidate_labels=LABELS, batch_size=bs)
        dt = time.perf_counter() - t
        dc = time.process_time() - c
        print(f"transformers pipeline (PyTorch {torch.__version__}, {a.threads} threads, batch_size={bs}): "
              f"{pairs / dt:.1f} pairs/s wall, {pairs / dc:.1f} pairs per CPU-second "
              f"(wall {dt:.1f} s, CPU {dc:.1f} s)", flush=True)


def prune(a):
    """ms per document through the command line: all labels vs the retriever's top N."""
    with open(a.prune_labels, encoding="utf-8") as f:
        labels = [l.strip() for l in f if l.strip()]
    texts = texts_of(a.texts, a.n)
    tmp = tempfile.mkdtemp()
    many = os.path.join(tmp, "texts.txt")
    one = os.path.join(tmp, "one.txt")
    with open(many, "w", encoding="utf-8") as f:
        f.write("\n".join(t.replace("\n", " ") for t in texts) + "\n")
    with open(one, "w", encoding="utf-8") as f:
        f.write(texts[0].replace("\n", " ") + "\n")
    lf = ["--labels-file", a.prune_labels]
    for name, extra in (("all %d labels" % len(labels), []),
                        ("candidates=%d (retriever all-minilm-l6-v2)" % a.candidates,
                         ["-p", "candidates=%d" % a.candidates])):
        def run(path):
            cmd = [os.path.join(HERE, "..", "classify4j"), "classify", "-q", "--method", "nli-zero-shot",
                   "-p", "model=" + a.model, "-p", "threads=" + str(a.threads), *lf, *extra, "-i", path]
            c = children_cpu()
            t = time.perf_counter()
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            return time.perf_counter() - t, children_cpu() - c, out.count("\n")
        run(one)
        t1, c1, _ = run(one)
        tn, cn, lines = run(many)
        assert lines == len(texts)
        k = len(texts) - 1
        print(f"{name}: {1000 * (tn - t1) / k:.0f} ms wall, {1000 * (cn - c1) / k:.0f} ms CPU per document "
              f"({len(texts)} texts; wall {tn:.1f} s - {t1:.1f} s start, CPU {cn:.1f} s - {c1:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
