#!/usr/bin/env python3
"""The Python side of the local-LLM timing bench: makes the workload and times skorch's algorithm.

    python scripts/bench_llm_reference.py MODEL_DIR WORKLOAD.json [--docs 3] [--threads 2]

MODEL_DIR is a model made by ``scripts/make_tiny_llms.py OUT --mid`` (ONNX graph + torch weights of
the same random model). The workload (written to WORKLOAD.json, read by the Java bench
``org.classify4j.onnx.llm.LocalLlmBench``) is four label sets — 10 and 77 labels, single-token
labels (words that are one token of the vocabulary) and two-token ones (pairs of such words) —
each with ``--docs`` plain-text zero-shot prompts of 300 tokens.

Timing: skorch's ZeroShotClassifier algorithm (skorch/llm/classifier.py, _CacheModelWrapper and
_LogitsRecorder, re-stated here because skorch is not installed): a logits cache keyed by token
prefix; on a miss, ``model.generate`` over prompt + cached prefix with a logits processor that
records the scores and forces the label's tokens. transformers + torch on CPU, ``--threads``
threads. The per-label log-probabilities are written too, so the Java side can check it computes
the same numbers on the mid-sized model.
"""
import json
import random
import sys
import time

import torch
from transformers import AutoModelForCausalLM, LogitsProcessor, PreTrainedTokenizerFast

WORDS = ("the movie was wonderful and actors were great story food terrible cold late never "
         "come back stocks fell sharply today markets reacted news team won match after goal "
         "second half new vaccine shows promise early clinical trials government announced tax "
         "policy small businesses raining north sunny south phone fast processor bright screen "
         "parliament voted budget tuesday night product broke two days disappointing excellent "
         "friendly hotel view sea").split()
ZERO = "Classify the text into one of these labels: {labels}.\n\nText: {text}\nLabel:"
PROMPT_TOKENS = 300


class LogitsRecorder(LogitsProcessor):
    def __init__(self, label_ids):
        self.recorded_scores = []
        self.label_ids = label_ids

    def __call__(self, input_ids, scores):
        idx = len(self.recorded_scores)
        self.recorded_scores.append(scores[0].clone())
        mask = torch.ones(scores.size(), dtype=torch.bool)
        mask[0, self.label_ids[idx]] = False
        scores[mask] = -float("inf")
        return scores


class CacheModelWrapper:
    def __init__(self, model, eos):
        self.model, self.eos, self.cache = model, eos, {}

    def generate_logits(self, label_id, input_ids, attention_mask):
        recorded = []
        key = tuple(input_ids[0].tolist())
        cached = self.cache.get(key)
        while cached is not None:
            if label_id[0] == self.eos:
                break
            recorded.append(cached)
            extra = torch.tensor([label_id[:1]])
            input_ids = torch.cat((input_ids, extra), dim=-1)
            attention_mask = torch.cat((attention_mask, torch.ones_like(extra)), dim=-1)
            label_id = label_id[1:]
            if not label_id:
                return recorded
            cached = self.cache.get(tuple(input_ids[0].tolist()))
        rec = LogitsRecorder(label_id)
        self.model.generate(input_ids=input_ids, attention_mask=attention_mask,
                            logits_processor=[rec], max_new_tokens=len(label_id),
                            do_sample=False, pad_token_id=self.eos)
        ids = input_ids[0].tolist()
        self.cache[tuple(ids)] = rec.recorded_scores[0]
        for lid, score in zip(label_id, rec.recorded_scores[1:]):
            ids.append(lid)
            self.cache[tuple(ids)] = score
        return recorded + rec.recorded_scores


def skorch_logprobs(model, tok, prompt, labels):
    """log P(label | prompt) per label, skorch's way (fresh cache per document)."""
    inputs = tok(prompt, return_tensors="pt")
    wrapper = CacheModelWrapper(model, tok.eos_token_id)
    out = []
    for label in labels:
        label_id = tok(" " + label, add_special_tokens=False)["input_ids"]
        logits = torch.vstack(wrapper.generate_logits(label_id, inputs["input_ids"],
                                                      inputs["attention_mask"]))
        logp = torch.log_softmax(logits.double(), dim=-1)
        out.append(float(sum(logp[i, t] for i, t in enumerate(label_id))))
    return out


def workload(tok, docs):
    rnd = random.Random(7)
    vocab = tok.get_vocab()
    single = sorted(t[1:] for t in vocab if t.startswith("\u0120") and len(t) >= 4
                    and t[1:].isalpha())
    sets = []
    for n in (10, 77):
        # two-token labels: pairs of one-token words, each pair a new first token where possible
        pairs = [f"{a} {b}" for a, b in zip(rnd.sample(single, len(single)),
                                            rnd.sample(single, len(single)))]
        for kind, pool in (("single-token", single), ("two-token", pairs)):
            if len(pool) < n:
                print(f"only {len(pool)} {kind} labels in the vocabulary, skipping {n}",
                      file=sys.stderr)
                continue
            labels = rnd.sample(pool, n)
            prompts = []
            for _ in range(docs):
                words = []
                while True:
                    words.append(rnd.choice(WORDS))
                    p = ZERO.format(labels=", ".join(labels), text=" ".join(words))
                    if len(tok(p)["input_ids"]) >= PROMPT_TOKENS:
                        break
                prompts.append(p)
            sets.append({"name": f"{n} {kind} labels", "labels": labels, "prompts": prompts})
    return sets


def main():
    model_dir, out = sys.argv[1], sys.argv[2]
    docs = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else 3
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    torch.set_num_threads(threads)
    tok = PreTrainedTokenizerFast(tokenizer_file=f"{model_dir}/tokenizer.json",
                                  eos_token="<|endoftext|>", bos_token="<|endoftext|>")
    model = AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation="sdpa").eval()
    sets = workload(tok, docs)
    if "--sets" in sys.argv:  # e.g. --sets "10 single-token labels,77 single-token labels"
        keep = sys.argv[sys.argv.index("--sets") + 1].split(",")
        sets = [s for s in sets if s["name"] in keep]
    with torch.inference_mode():
        skorch_logprobs(model, tok, sets[0]["prompts"][0], sets[0]["labels"])  # warm-up
        for s in sets:
            times, lps = [], []
            for p in s["prompts"]:
                t0 = time.perf_counter()
                lps.append(skorch_logprobs(model, tok, p, s["labels"]))
                times.append(time.perf_counter() - t0)
            s["python_ms_per_doc"] = 1000 * sum(times) / len(times)
            s["python_logprobs"] = lps
            s["label_tokens"] = sum(len(tok(" " + l, add_special_tokens=False)["input_ids"])
                                    for l in s["labels"]) / len(s["labels"])
            print(json.dumps({"set": s["name"], "python_ms_per_doc": round(s["python_ms_per_doc"], 1),
                              "mean_label_tokens": round(s["label_tokens"], 2),
                              "prompt_tokens": [len(tok(p)["input_ids"]) for p in s["prompts"]]}))
    with open(out, "w") as f:
        json.dump({"threads": threads, "sets": sets}, f)


if __name__ == "__main__":
    main()
