# Makes sklearn-reference.json, the reference values SklearnReferenceTest checks the metrics against.
# Run in this directory with scikit-learn installed (made with scikit-learn 1.9.1, numpy seed 7):
#   python3 sklearn_reference.py
# Scores are float32 so Java reads them exactly; decisions are threshold 0.5 (multi-label) and argmax.
import json, numpy as np
from sklearn import metrics as M
rng = np.random.default_rng(7)
out = {}
# multi-label
n, k = 120, 8
S = rng.random((n, k)).astype(np.float32)
Y = (rng.random((n, k)) < (0.1 + 0.6 * S)).astype(int)
P = (S >= 0.5).astype(int)
present = [j for j in range(k) if Y[:, j].sum() + P[:, j].sum() > 0]
r = {
 "scores": S.tolist(), "gold": Y.tolist(),
 "micro_f1": M.f1_score(Y, P, average="micro", zero_division=0),
 "macro_f1": M.f1_score(Y, P, average="macro", labels=present, zero_division=0),
 "weighted_f1": M.f1_score(Y, P, average="weighted", zero_division=0),
 "samples_f1": M.f1_score(Y, P, average="samples", zero_division=0),
 "subset_accuracy": M.accuracy_score(Y, P),
 "hamming_loss": M.hamming_loss(Y, P),
 "jaccard": M.jaccard_score(Y, P, average="samples", zero_division=0),
 "kappa": M.cohen_kappa_score(Y.ravel(), P.ravel()),
 "ndcg_at_5": M.ndcg_score(Y, S.astype(np.float64), k=5),
 "ndcg": M.ndcg_score(Y, S.astype(np.float64)),
 "ap_micro": M.average_precision_score(Y, S.astype(np.float64), average="micro"),
 "ap_label0": M.average_precision_score(Y[:, 0], S[:, 0].astype(np.float64)),
}
out["multi"] = r
# single-label
n, k = 150, 5
logits = rng.normal(size=(n, k)) * 2
g = rng.integers(0, k, n)
logits[np.arange(n), g] += 1.5
E = np.exp(logits - logits.max(1, keepdims=True)); Pr = (E / E.sum(1, keepdims=True)).astype(np.float32)
pred = Pr.argmax(1)
r = {
 "scores": Pr.tolist(), "gold": g.tolist(),
 "accuracy": M.accuracy_score(g, pred),
 "macro_f1": M.f1_score(g, pred, average="macro", zero_division=0),
 "micro_f1": M.f1_score(g, pred, average="micro", zero_division=0),
 "weighted_f1": M.f1_score(g, pred, average="weighted", zero_division=0),
 "kappa": M.cohen_kappa_score(g, pred),
 "log_loss": M.log_loss(g, Pr.astype(np.float64), labels=list(range(k))),
 "hamming_loss": M.hamming_loss(np.eye(k)[g], np.eye(k)[pred]),
 "ndcg": M.ndcg_score(np.eye(k)[g], Pr.astype(np.float64)),
}
out["single"] = r
json.dump(out, open("sklearn-reference.json", "w"), separators=(",", ":"))
# print({k: v for k, v in out["multi"].items() if k not in ("scores", "gold")})
# print({k: v for k, v in out["single"].items() if k not in ("scores", "gold")})
