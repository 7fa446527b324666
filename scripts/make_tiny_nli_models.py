"""Makes the tiny random NLI cross-encoders the Java tests of classify4j-onnx read, and the
reference outputs of transformers' own zero-shot-classification pipeline on them.

Run with a Python that has torch, transformers, tokenizers and onnx (no network needed):

    python scripts/make_tiny_nli_models.py [--corpus FILE.jsonl]
        [--mid OUT_DIR]   # also a mid-sized random model (6 layers x 384) for benchmarks

Writes classify4j-onnx/src/test/resources/nli/{tiny-bert,tiny-deberta}/ with model.onnx,
tokenizer.json, tokenizer_config.json, config.json and reference.json. The weights are random
(seeded), so the scores mean nothing; they only pin down that the Java code computes what the
pipeline computes. The tokenizers are trained on the corpus given (default: a built-in text) so
that words split into real sub-words.
"""

import argparse
import json
import os
import random

import torch
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import (
    BertConfig,
    BertForSequenceClassification,
    DebertaV2Config,
    DebertaV2ForSequenceClassification,
    PreTrainedTokenizerFast,
    pipeline,
)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "classify4j-onnx", "src", "test", "resources", "nli")

BUILTIN = """The stock market rallied on Friday as investors cheered strong earnings from technology
companies. The home team won the championship game after a dramatic overtime goal. Scientists
announced the discovery of a new planet orbiting a distant star. The government passed a new law
on taxes and spending. My card payment was declined at the shop yesterday. Where is my refund for
the cancelled order? The new phone has a faster processor and a better camera. Elections will be
held next month in several countries. The central bank raised interest rates to fight inflation.
Researchers trained a neural network to translate between languages."""

TEXTS = [
    "The stock market rallied on Friday as investors cheered strong earnings.",
    "The home team won the championship game after a dramatic overtime goal.",
    "Scientists announced the discovery of a new planet orbiting a distant star.",
    "My card payment was declined",
    # long enough to be truncated (premise first) at model_max_length
    " ".join(["The central bank raised interest rates again to fight inflation while markets fell."] * 12),
]
LABEL_SETS = [
    ["business", "sports", "science", "politics"],
    ["finance", "technology"],
    ["urgent"],  # one label: the pipeline uses the [contradiction, entailment] softmax
]
TEMPLATES = ["This example is {}.", "The topic of this text is {}."]
MAX_LEN = 64
# large random weights, so that the logits depend clearly on the text and the hypothesis
INIT = 0.6
HEAD_SCALE = 0.12


def corpus_lines(path, limit=20000):
    if not path:
        return BUILTIN.split("\n")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line)["text"])
            if len(out) >= limit:
                break
    return out


def wordpiece_tokenizer(lines, vocab_size):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(lines, trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=special))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    return tok


def unigram_tokenizer(lines, vocab_size):
    """DeBERTa-v3 style: SentencePiece-like Unigram with Metaspace, [CLS] A [SEP] B [SEP]."""
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.Sequence([normalizers.Replace("``", '"'), normalizers.NFKC()])
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    special = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"]
    tok.train_from_iterator(
        lines, trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=special, unk_token="[UNK]")
    )
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    return tok


def fast(tok, input_names):
    t = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=MAX_LEN,
    )
    t.model_input_names = input_names
    return t


def export(model, tokenizer, out_dir, input_names):
    os.makedirs(out_dir, exist_ok=True)
    model.eval()
    enc = tokenizer(["a premise here", "another"], ["this is it.", "this example is b."], padding=True, return_tensors="pt")
    args = tuple(enc[n] for n in input_names)

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, *xs):
            return self.m(**dict(zip(input_names, xs))).logits

    dyn = {n: {0: "batch_size", 1: "sequence_length"} for n in input_names}
    dyn["logits"] = {0: "batch_size"}
    torch.onnx.export(
        Wrapper(model),
        args,
        os.path.join(out_dir, "model.onnx"),
        input_names=input_names,
        output_names=["logits"],
        dynamic_axes=dyn,
        opset_version=17,
        dynamo=False,
    )
    model.config.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    # keep only what the Java side reads (and what transformers needs to rebuild the pipeline)
    for f in os.listdir(out_dir):
        if f not in ("model.onnx", "config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
            os.remove(os.path.join(out_dir, f))


def references(model, tokenizer):
    clf = pipeline("zero-shot-classification", model=model, tokenizer=tokenizer, device="cpu")
    cases = []
    for template in TEMPLATES:
        for labels in LABEL_SETS:
            for multi in (False, True):
                if len(labels) == 1 and multi:
                    continue
                for text in TEXTS:
                    r = clf(text, candidate_labels=labels, hypothesis_template=template, multi_label=multi)
                    scores = dict(zip(r["labels"], r["scores"]))
                    cases.append(
                        {
                            "text": text,
                            "labels": labels,
                            "template": template,
                            "multi_label": multi,
                            "scores": [scores[l] for l in labels],
                        }
                    )
    # raw logits of a few pairs, for the cross-encoder's own test
    pairs = [[TEXTS[0], "This example is business."], [TEXTS[4], "This example is finance."]]
    logits = []
    for p, h in pairs:
        enc = tokenizer(p, h, truncation="only_first", return_tensors="pt")
        with torch.no_grad():
            logits.append(model(**{k: enc[k] for k in tokenizer.model_input_names}).logits[0].tolist())
        # token ids too: the Java pair encoding must match
    ids = [tokenizer(p, h, truncation="only_first")["input_ids"] for p, h in pairs]
    return {"cases": cases, "pairs": pairs, "pair_logits": logits, "pair_ids": ids}


def save_refs(out_dir, refs, model):
    refs["id2label"] = {str(k): v for k, v in model.config.id2label.items()}
    with open(os.path.join(out_dir, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(refs, f, indent=1)


def tiny_bert(lines):
    torch.manual_seed(7)
    tok = fast(wordpiece_tokenizer(lines, 1200), ["input_ids", "token_type_ids", "attention_mask"])
    # a non-trivial order: contradiction, entailment, neutral
    id2label = {0: "contradiction", 1: "entailment", 2: "neutral"}
    cfg = BertConfig(
        vocab_size=tok.backend_tokenizer.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=MAX_LEN,
        type_vocab_size=2,
        num_labels=3,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
        initializer_range=INIT,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    model = BertForSequenceClassification(cfg)
    with torch.no_grad():  # larger head weights so the scores differ clearly between labels
        model.classifier.weight.mul_(HEAD_SCALE)
    out = os.path.join(OUT, "tiny-bert")
    export(model, tok, out, ["input_ids", "attention_mask", "token_type_ids"])
    save_refs(out, references(model, tok), model)


def tiny_deberta(lines):
    torch.manual_seed(11)
    tok = fast(unigram_tokenizer(lines, 1000), ["input_ids", "attention_mask"])
    # the order of MoritzLaurer's DeBERTa-v3 NLI models: entailment, neutral, contradiction
    id2label = {0: "entailment", 1: "neutral", 2: "contradiction"}
    cfg = DebertaV2Config(
        vocab_size=tok.backend_tokenizer.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=MAX_LEN,
        type_vocab_size=0,  # as deberta-v3: no token_type_ids input in the export
        relative_attention=True,
        position_buckets=16,
        max_relative_positions=-1,
        pos_att_type=["p2c", "c2p"],
        position_biased_input=False,
        norm_rel_ebd="layer_norm",
        share_att_key=True,
        pooler_hidden_size=32,
        num_labels=3,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
        initializer_range=INIT,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        pooler_dropout=0.0,
    )
    model = DebertaV2ForSequenceClassification(cfg)
    with torch.no_grad():
        model.classifier.weight.mul_(HEAD_SCALE)
    out = os.path.join(OUT, "tiny-deberta")
    export(model, tok, out, ["input_ids", "attention_mask"])
    save_refs(out, references(model, tok), model)


def mid_bert(lines, out):
    """6 layers x 384 (MiniLM-sized), random: for speed only."""
    torch.manual_seed(3)
    tok = fast(wordpiece_tokenizer(lines, 16000), ["input_ids", "token_type_ids", "attention_mask"])
    tok.model_max_length = 512
    id2label = {0: "entailment", 1: "neutral", 2: "contradiction"}
    cfg = BertConfig(
        vocab_size=tok.backend_tokenizer.get_vocab_size(),
        hidden_size=384,
        num_hidden_layers=6,
        num_attention_heads=12,
        intermediate_size=1536,
        max_position_embeddings=512,
        num_labels=3,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    model = BertForSequenceClassification(cfg)
    export(model, tok, out, ["input_ids", "attention_mask", "token_type_ids"])
    # the PyTorch weights too, so the benchmark runs transformers' pipeline on the same model
    model.save_pretrained(os.path.join(out, "pytorch"))
    tok.save_pretrained(os.path.join(out, "pytorch"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", help="JSONL with a 'text' field to train the tokenizers on")
    ap.add_argument("--mid", help="also write the mid-sized benchmark model here (outside the repo)")
    ap.add_argument("--only-mid", action="store_true")
    a = ap.parse_args()
    random.seed(0)
    lines = corpus_lines(a.corpus)
    if not a.only_mid:
        tiny_bert(lines)
        tiny_deberta(lines)
    if a.mid:
        mid_bert(lines, a.mid)
