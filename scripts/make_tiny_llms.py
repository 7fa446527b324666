#!/usr/bin/env python3
"""Tiny random decoder LMs for classify4j-onnx's local-LLM tests, and their reference scores.

Makes two 2-layer causal LMs with random weights and a small trained BPE vocabulary:

  tiny-llama  LlamaForCausalLM (grouped-query attention, rotary positions), SentencePiece-style
              Metaspace tokenizer that adds <s>, a ChatML chat template in tokenizer_config.json
  tiny-gpt2   GPT2LMHeadModel (learned positions), byte-level BPE, no chat template

and exports each to ONNX the way Hugging Face Optimum's ``text-generation-with-past`` task does:
one graph ``model.onnx`` with inputs ``input_ids``, ``attention_mask``, [``position_ids``,]
``past_key_values.N.key|value`` and outputs ``logits``, ``present.N.key|value``. The one graph
takes an empty past (length 0) for the first pass, as Optimum's merged decoder does (we do not
emit Optimum's older ``use_cache_branch`` If-node variant). The GPT-2 graph has no
``position_ids`` input (older Optimum GPT-2 exports look like that), the Llama one has it, so
both input sets are exercised.

Reference scores (``reference.json`` in each model dir) are computed with transformers on the
same weights, by the definition skorch's ZeroShotClassifier uses: log P(label | prompt) =
sum over the label's tokens of log softmax(logits) at that token, each from one full forward
pass over prompt + label (no cache, no trie), so the Java side (KV cache + trie) is checked
against the plain definition.

Usage: python scripts/make_tiny_llms.py OUT_DIR [--mid]   (--mid: the 8x512 timing model only)
"""
import json
import os
import sys

import numpy as np
import torch

torch.manual_seed(0)

CORPUS = """
The movie was wonderful and the actors were great. I loved the story.
The food was terrible, cold and late. I will never come back.
Stocks fell sharply today as markets reacted to the news.
The team won the match after a late goal in the second half.
A new vaccine shows promise in early clinical trials.
The government announced a new tax policy for small businesses.
Classify the text into one of these labels: positive, negative, neutral, sports, business,
science, politics, health, technology, weather. Text: Label: Answer: yes no
Does this label apply to the text? Answer yes or no.
It is raining in the north and sunny in the south.
The new phone has a fast processor and a bright screen.
Parliament voted on the budget late on Tuesday night.
This product broke after two days; very disappointing.
An excellent, friendly hotel with a view of the sea.
""" * 3

ZERO = "Classify the text into one of these labels: {labels}.\n\nText: {text}\nLabel:"
FEW = "Classify the text into one of these labels: {labels}.\n\n{examples}Text: {text}\nLabel:"
EXAMPLE = "Text: {text}\nLabel: {label}\n\n"
MULTI = ("Does this label apply to the text? Answer yes or no.\n\n"
         "Label: {label}\nText: {text}\nAnswer:")
CHATML = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + "
          "message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}"
          "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")

LABELS = ["positive", "negative", "neutral", "sports", "business", "science", "politics",
          "posture", "weather forecast"]
TEXTS = ["The movie was wonderful and the actors were great.",
         "Stocks fell sharply today; a very disappointing day for business."]
EXAMPLES = [("The team won the match after a late goal.", "sports"),
            ("The food was terrible, cold and late.", "negative"),
            ("A new vaccine shows promise in early trials.", "science")]


def make_tokenizer(kind, vocab_size):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    if kind == "metaspace":
        specials = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
        tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=False))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first")
        tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="first")
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials,
                                      initial_alphabet=list("abcdefghijklmnopqrstuvwxyz"
                                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                            "0123456789.,;:!?'\"-()\n\u2581"))
        tok.train_from_iterator([CORPUS], trainer)
        tok.post_processor = processors.TemplateProcessing(
            single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", tok.token_to_id("<s>"))])
    else:
        specials = ["<|endoftext|>"]
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        tok.train_from_iterator([CORPUS], trainer)
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
    return tok


def hf_tokenizer(kind, tok):
    from transformers import PreTrainedTokenizerFast
    if kind == "metaspace":
        t = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>",
                                    unk_token="<unk>")
        t.chat_template = CHATML
    else:
        t = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>",
                                    eos_token="<|endoftext|>")
    return t


def make_model(arch, vocab, layers, hidden, heads, kv_heads, inter, init_range, max_pos):
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM
    if arch == "llama":
        cfg = LlamaConfig(vocab_size=vocab, hidden_size=hidden, intermediate_size=inter,
                          num_hidden_layers=layers, num_attention_heads=heads,
                          num_key_value_heads=kv_heads, max_position_embeddings=max_pos,
                          initializer_range=init_range, bos_token_id=1, eos_token_id=2,
                          tie_word_embeddings=False, attn_implementation="eager")
        m = LlamaForCausalLM(cfg)
    else:
        cfg = GPT2Config(vocab_size=vocab, n_embd=hidden, n_layer=layers, n_head=heads,
                         n_positions=max_pos, n_inner=inter, initializer_range=init_range,
                         bos_token_id=0, eos_token_id=0, attn_implementation="eager",
                         tie_word_embeddings=False)
        m = GPT2LMHeadModel(cfg)
    m.eval()
    return m


class WithPast(torch.nn.Module):
    """Optimum's text-generation-with-past signature over a transformers causal LM."""

    def __init__(self, model, layers, with_position_ids):
        super().__init__()
        self.model = model
        self.layers = layers
        self.with_position_ids = with_position_ids

    def forward(self, input_ids, attention_mask, *rest):
        from transformers import DynamicCache
        if self.with_position_ids:
            position_ids, past = rest[0], rest[1:]
        else:
            # No position_ids input: positions from the mask, as transformers' generate does
            # (a traced cache length would be frozen into the graph).
            past = rest
            position_ids = (attention_mask.cumsum(-1) - 1)[:, -input_ids.shape[1]:]
        cache = DynamicCache()
        for i in range(self.layers):
            cache.update(past[2 * i], past[2 * i + 1], i)
        out = self.model(input_ids=input_ids, attention_mask=attention_mask,
                         position_ids=position_ids, past_key_values=cache, use_cache=True)
        flat = []
        for i in range(self.layers):
            layer = out.past_key_values.layers[i]
            flat += [layer.keys, layer.values]
        return (out.logits, *flat)


def export(model, out_dir, layers, kv_heads, head_dim, with_position_ids):
    """torch.onnx's dynamo exporter (the TorchScript one mis-exports transformers 5's GPT-2)."""
    wrapper = WithPast(model, layers, with_position_ids)
    past_len, seq = 3, 4
    seq_dim = torch.export.Dim("sequence_length", min=1, max=4096)
    past_dim = torch.export.Dim("past_sequence_length", min=0, max=4096)
    total_dim = torch.export.Dim("total_sequence_length", min=1, max=8192)
    args = [torch.randint(0, model.config.vocab_size, (1, seq)),
            torch.ones(1, past_len + seq, dtype=torch.long)]
    names = ["input_ids", "attention_mask"]
    shapes = [{1: seq_dim}, {1: total_dim}]
    rest_shapes = []
    if with_position_ids:
        args.append(torch.arange(past_len, past_len + seq).unsqueeze(0))
        names.append("position_ids")
        rest_shapes.append({1: seq_dim})
    outs = ["logits"]
    past = []
    for i in range(layers):
        for kv in ("key", "value"):
            past.append(torch.randn(1, kv_heads, past_len, head_dim))
            names.append(f"past_key_values.{i}.{kv}")
            outs.append(f"present.{i}.{kv}")
    args += past
    shapes.append(tuple(rest_shapes + [{2: past_dim} for _ in past]))
    path = os.path.join(out_dir, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(wrapper, tuple(args), path, input_names=names, output_names=outs,
                          dynamic_shapes=tuple(shapes), dynamo=True, external_data=False)
    return path


def check_onnx(path, model, layers, kv_heads, head_dim, with_position_ids):
    """ORT logits equal torch's for an empty past and for a continued past."""
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    ids = torch.randint(3, model.config.vocab_size, (1, 9))
    with torch.no_grad():
        ref = model(input_ids=ids).logits.numpy()

    def feed(step_ids, past, start):
        n = step_ids.shape[1]
        f = {"input_ids": step_ids.numpy(),
             "attention_mask": np.ones((1, start + n), dtype=np.int64)}
        if with_position_ids:
            f["position_ids"] = np.arange(start, start + n, dtype=np.int64)[None, :]
        for i in range(layers):
            f[f"past_key_values.{i}.key"] = past[2 * i]
            f[f"past_key_values.{i}.value"] = past[2 * i + 1]
        return f

    empty = [np.zeros((1, kv_heads, 0, head_dim), dtype=np.float32)] * (2 * layers)
    full = sess.run(None, feed(ids, empty, 0))
    assert np.allclose(full[0], ref, atol=1e-4), np.abs(full[0] - ref).max()
    first = sess.run(None, feed(ids[:, :5], empty, 0))
    second = sess.run(None, feed(ids[:, 5:], first[1:], 5))
    assert np.allclose(second[0], ref[:, 5:], atol=1e-4), np.abs(second[0] - ref[:, 5:]).max()


def answer_ids(tok, prompt, answer, special):
    p = tok(prompt, add_special_tokens=special)["input_ids"]
    full = tok(prompt + answer, add_special_tokens=special)["input_ids"]
    if full[:len(p)] == p:
        return p, full[len(p):]
    return p, tok(answer, add_special_tokens=False)["input_ids"]


def score(model, prompt_ids, label_ids):
    ids = torch.tensor([prompt_ids + label_ids])
    with torch.no_grad():
        logp = torch.log_softmax(model(input_ids=ids).logits[0].double(), dim=-1)
    n = len(prompt_ids)
    return float(sum(logp[n - 1 + i, t] for i, t in enumerate(label_ids)))


def references(model, tok, chat):
    cases = []

    def render(user):
        if chat:
            return tok.apply_chat_template([{"role": "user", "content": user}],
                                           add_generation_prompt=True, tokenize=False)
        return user

    end = [tok.convert_tokens_to_ids("<|im_end|>")] if chat else []
    sep = "" if chat else " "
    special = not chat

    def case(name, kind, text, user, answers):
        prompt = render(user)
        out = {"name": name, "kind": kind, "text": text, "prompt": prompt, "answers": []}
        for a in answers:
            p, ids = answer_ids(tok, prompt, sep + a, special)
            ids = ids + end
            out["prompt_ids"] = p
            out["answers"].append({"answer": a, "ids": ids, "logprob": score(model, p, ids)})
        cases.append(out)

    for i, text in enumerate(TEXTS):
        case(f"zero-{i}", "zero-shot", text,
             ZERO.format(labels=", ".join(LABELS), text=text), LABELS)
        ex = "".join(EXAMPLE.format(text=t, label=l) for t, l in EXAMPLES)
        case(f"few-{i}", "few-shot", text,
             FEW.format(labels=", ".join(LABELS), examples=ex, text=text), LABELS)
        for j, label in enumerate(LABELS[:3]):
            case(f"multi-{i}-{j}", "multi-label", text,
                 MULTI.format(label=label, text=text), ["yes", "no"])
    return {"chat_template": chat, "end_of_answer": end, "labels": LABELS,
            "examples": [{"text": t, "label": l} for t, l in EXAMPLES],
            "templates": {"zero": ZERO, "few": FEW, "example": EXAMPLE, "multi": MULTI},
            "cases": cases}


def build(out_dir, name, arch, tok_kind, vocab, layers, hidden, heads, kv_heads, inter,
          init_range, with_position_ids, refs=True, max_pos=512):
    d = os.path.join(out_dir, name)
    os.makedirs(d, exist_ok=True)
    raw = make_tokenizer(tok_kind, vocab)
    tok = hf_tokenizer(tok_kind, raw)
    model = make_model(arch, len(tok), layers, hidden, heads, kv_heads, inter, init_range, max_pos)
    tok.save_pretrained(d)
    model.config.save_pretrained(d)
    model.generation_config.save_pretrained(d)
    for extra in ("special_tokens_map.json",):
        p = os.path.join(d, extra)
        if os.path.exists(p):
            os.remove(p)
    head_dim = hidden // heads
    path = export(model, d, layers, kv_heads, head_dim, with_position_ids)
    check_onnx(path, model, layers, kv_heads, head_dim, with_position_ids)
    if not refs:
        model.save_pretrained(d)  # the torch weights, for the Python side of the timing bench
    if refs:
        ref = references(model, tok, tok_kind == "metaspace")
        with open(os.path.join(d, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1)
    print(name, {f: os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)})


def main():
    out = sys.argv[1]
    if "--mid" in sys.argv:
        # Timing model: 8 layers x 512 wide, byte-level BPE, random weights (not committed).
        build(out, "mid-llama", "llama", "bytelevel", 1000, 8, 512, 8, 8, 1376, 0.02, True,
              refs=False, max_pos=2048)
        return
    build(out, "tiny-llama", "llama", "metaspace", 400, 2, 64, 4, 2, 128, 0.3, True)
    build(out, "tiny-gpt2", "gpt2", "bytelevel", 500, 2, 64, 4, 4, 128, 0.3, False)


if __name__ == "__main__":
    main()
