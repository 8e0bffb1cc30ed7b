"""Regenerates sklearn-expected.json, the reference values the metrics tests assert against.

Usage (from this folder):
    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn==1.7.2
    /tmp/skl/bin/python generate.py > sklearn-expected.json
"""
import json
import math
import sys
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M

warnings.simplefilter("ignore")  # sklearn warns on ill-defined metrics; the values are what we test
rng = np.random.default_rng(42)


def clean(x):
    """Make numpy values JSON-serialisable; NaN/inf become strings the tests decode."""
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, np.str_):
        return str(x)
    return x


def classification_case(y_true, y_pred, w, labels_subset):
    out = {"yTrue": y_true, "yPred": y_pred, "sampleWeight": w}
    out["accuracy"] = M.accuracy_score(y_true, y_pred)
    out["accuracyCount"] = M.accuracy_score(y_true, y_pred, normalize=False)
    out["accuracyWeighted"] = M.accuracy_score(y_true, y_pred, sample_weight=w)
    prfs = {}
    for avg in [None, "micro", "macro", "weighted"]:
        for beta in [1.0, 0.5, 2.0]:
            for sw in [None, w]:
                p, r, f, s = M.precision_recall_fscore_support(y_true, y_pred, average=avg, beta=beta, sample_weight=sw)
                key = f"{avg}|{beta}|{'w' if sw is not None else '-'}"
                prfs[key] = {"precision": p, "recall": r, "fScore": f, "support": s}
        p, r, f, s = M.precision_recall_fscore_support(y_true, y_pred, average=avg, labels=labels_subset)
        prfs[f"{avg}|labels"] = {"precision": p, "recall": r, "fScore": f, "support": s}
    out["prfs"] = prfs
    out["labelsSubset"] = labels_subset
    out["confusion"] = M.confusion_matrix(y_true, y_pred)
    out["confusionWeighted"] = M.confusion_matrix(y_true, y_pred, sample_weight=w)
    out["confusionLabels"] = M.confusion_matrix(y_true, y_pred, labels=labels_subset)
    for norm in ["true", "pred", "all"]:
        out[f"confusion_{norm}"] = M.confusion_matrix(y_true, y_pred, normalize=norm)
    out["balancedAccuracy"] = M.balanced_accuracy_score(y_true, y_pred)
    out["balancedAccuracyAdjusted"] = M.balanced_accuracy_score(y_true, y_pred, adjusted=True)
    out["balancedAccuracyWeighted"] = M.balanced_accuracy_score(y_true, y_pred, sample_weight=w)
    out["mcc"] = M.matthews_corrcoef(y_true, y_pred)
    out["mccWeighted"] = M.matthews_corrcoef(y_true, y_pred, sample_weight=w)
    out["report"] = M.classification_report(y_true, y_pred)
    out["reportDict"] = M.classification_report(y_true, y_pred, output_dict=True)
    out["reportWeighted"] = M.classification_report(y_true, y_pred, sample_weight=w, digits=4)
    out["reportLabels"] = M.classification_report(y_true, y_pred, labels=labels_subset)
    out["reportLabelsDict"] = M.classification_report(y_true, y_pred, labels=labels_subset, output_dict=True)
    return out


def weights(n):
    return np.round(rng.uniform(0.1, 3.0, n), 2).tolist()


res = {"sklearn": sklearn.__version__}

n = 40
yt = rng.integers(0, 2, n).tolist()
yp = rng.integers(0, 2, n).tolist()
case = classification_case(yt, yp, weights(n), [1])
for sw in [None, case["sampleWeight"]]:
    for beta in [1.0, 0.5, 2.0]:
        p, r, f, _ = M.precision_recall_fscore_support(yt, yp, average="binary", beta=beta, sample_weight=sw)
        case["prfs"][f"binary|{beta}|{'w' if sw is not None else '-'}"] = {"precision": p, "recall": r, "fScore": f}
p, r, f, _ = M.precision_recall_fscore_support(yt, yp, average="binary", pos_label=0)
case["prfs"]["binary|pos0"] = {"precision": p, "recall": r, "fScore": f}
res["binary"] = case

n = 60
yt = rng.integers(0, 4, n).tolist()
yp = np.where(rng.uniform(size=n) < 0.5, yt, rng.integers(0, 4, n)).tolist()
res["multiclass"] = classification_case(yt, yp, weights(n), [2, 0, 7])

names = np.array(["cat", "dog", "bird"])
yt = names[rng.integers(0, 3, 30)].tolist()
yp = names[rng.integers(0, 3, 30)].tolist()
res["strings"] = classification_case(yt, yp, weights(30), ["dog", "cat"])
res["strings"]["reportTargetNames"] = M.classification_report(yt, yp, target_names=["B", "C", "D"], digits=3)

# Zero division: class 2 never predicted, class 3 only predicted.
zt, zp = [0, 1, 2, 2, 0, 1], [0, 1, 1, 0, 3, 1]
zd = {}
for z in ["warn", 0, 1, np.nan]:
    for avg in [None, "macro", "weighted", "micro"]:
        p, r, f, s = M.precision_recall_fscore_support(zt, zp, average=avg, zero_division=z)
        zd[f"{avg}|{z}"] = {"precision": p, "recall": r, "fScore": f}
res["zeroDivision"] = {"yTrue": zt, "yPred": zp, "cases": zd}
res["zeroDivisionReport"] = M.classification_report(zt, zp, zero_division=0)
res["binaryAllNegative"] = {
    "warn": M.precision_score([0, 0, 1, 1], [0, 0, 0, 0]),
    "one": M.precision_score([0, 0, 1, 1], [0, 0, 0, 0], zero_division=1),
    "f1": M.f1_score([0, 0, 0, 0], [0, 0, 0, 0]),
    "f1One": M.f1_score([0, 0, 0, 0], [0, 0, 0, 0], zero_division=1.0),
}

# Ranking.
n = 50
yt = rng.integers(0, 2, n)
score = np.round(np.clip(yt * 0.3 + rng.uniform(0, 0.8, n), 0, 1), 1)
w = weights(n)
roc = {"yTrue": yt, "yScore": score, "sampleWeight": w}
fpr, tpr, thr = M.roc_curve(yt, score)
roc["curve"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
fpr, tpr, thr = M.roc_curve(yt, score, drop_intermediate=False)
roc["curveAll"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
fpr, tpr, thr = M.roc_curve(yt, score, sample_weight=w)
roc["curveWeighted"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
roc["auc"] = M.roc_auc_score(yt, score)
roc["aucWeighted"] = M.roc_auc_score(yt, score, sample_weight=w)
roc["aucMaxFpr"] = M.roc_auc_score(yt, score, max_fpr=0.3)
roc["aucMaxFprWeighted"] = M.roc_auc_score(yt, score, max_fpr=0.05, sample_weight=w)
roc["aucNeg"] = M.roc_auc_score(np.where(yt == 1, 1, -1), score)
roc["aucStrings"] = M.roc_auc_score(np.where(yt == 1, "yes", "no"), score)
fpr, tpr, thr = M.roc_curve(np.where(yt == 1, "yes", "no"), score, pos_label="no")
roc["curveStringsNo"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
res["roc"] = roc

n, k = 60, 4
yt = rng.integers(0, k, n)
logits = rng.normal(size=(n, k)) + np.eye(k)[yt] * 1.5
proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
proba = np.round(proba, 6)
proba[:, -1] = 1 - proba[:, :-1].sum(axis=1)
w = weights(n)
mc = {"yTrue": yt, "proba": proba, "sampleWeight": w}
for avg in ["macro", "weighted", "micro", None]:
    mc[f"ovr|{avg}"] = M.roc_auc_score(yt, proba, multi_class="ovr", average=avg)
    mc[f"ovr|{avg}|w"] = M.roc_auc_score(yt, proba, multi_class="ovr", average=avg, sample_weight=w)
for avg in ["macro", "weighted"]:
    mc[f"ovo|{avg}"] = M.roc_auc_score(yt, proba, multi_class="ovo", average=avg)
names = np.array(["a", "b", "c", "d"])
mc["ovrStrings"] = M.roc_auc_score(names[yt], proba, multi_class="ovr")
mc["logLoss"] = M.log_loss(yt, proba)
mc["logLossWeighted"] = M.log_loss(yt, proba, sample_weight=w)
mc["logLossSum"] = M.log_loss(yt, proba, normalize=False)
mc["logLossSumWeighted"] = M.log_loss(yt, proba, normalize=False, sample_weight=w)
# yTrue missing class 3: labels name the columns.
yt3 = np.where(yt == 3, 0, yt)
mc["yTrueNo3"] = yt3
mc["logLossLabels"] = M.log_loss(yt3, proba, labels=[0, 1, 2, 3])
res["multiclassProba"] = mc

yb = rng.integers(0, 2, 20)
pb = np.round(rng.uniform(0, 1, 20), 3)
pb[0], pb[1] = 0.0, 1.0
res["logLossBinary"] = {
    "yTrue": yb,
    "p": pb,
    "loss": M.log_loss(yb, pb),
    "lossStrings": M.log_loss(np.where(yb == 1, "spam", "ham"), pb),
    "docExample": M.log_loss(["spam", "ham", "ham", "spam"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]),
}

# Regression.
n = 51
yt = np.round(rng.normal(10, 5, n), 3)
yp = np.round(yt + rng.normal(0.5, 2, n), 3)
w = weights(n)
reg = {"yTrue": yt, "yPred": yp, "sampleWeight": w}
for name, f in [
    ("mse", M.mean_squared_error),
    ("rmse", M.root_mean_squared_error),
    ("mae", M.mean_absolute_error),
    ("r2", M.r2_score),
    ("ev", M.explained_variance_score),
    ("medae", M.median_absolute_error),
    ("mape", M.mean_absolute_percentage_error),
]:
    reg[name] = f(yt, yp)
    reg[name + "Weighted"] = f(yt, yp, sample_weight=w)
    reg[name + "Even"] = f(yt[:50], yp[:50])
reg["mapeZero"] = M.mean_absolute_percentage_error([0.0, 1.0], [1.0, 1.0])
reg["r2ConstantWrong"] = M.r2_score([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])
reg["r2ConstantPerfect"] = M.r2_score([2.0, 2.0, 2.0], [2.0, 2.0, 2.0])
reg["r2ConstantWrongNotFinite"] = M.r2_score([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], force_finite=False)
reg["evBiased"] = M.explained_variance_score([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
reg["r2Biased"] = M.r2_score([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
reg["medaeWeightedSmall"] = M.median_absolute_error([0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0], sample_weight=[1, 1, 1, 5])
res["regression"] = reg

# Clustering.
n = 80
a = rng.integers(0, 4, n)
b = np.where(rng.uniform(size=n) < 0.6, a, rng.integers(0, 5, n))
cl = {"a": a, "b": b}
cl["ari"] = M.adjusted_rand_score(a, b)
cl["mi"] = M.mutual_info_score(a, b)
for method in ["min", "geometric", "arithmetic", "max"]:
    cl[f"nmi|{method}"] = M.normalized_mutual_info_score(a, b, average_method=method)
    cl[f"ami|{method}"] = M.adjusted_mutual_info_score(a, b, average_method=method)
h, c, v = M.homogeneity_completeness_v_measure(a, b)
cl["hcv"] = [h, c, v]
cl["hcvBeta2"] = list(M.homogeneity_completeness_v_measure(a, b, beta=2.0))
cl["smallAri"] = M.adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1])
cl["smallAriNeg"] = M.adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1])
cl["smallAmi"] = M.adjusted_mutual_info_score([0, 0, 1, 2], [0, 0, 1, 1])
cl["singleVsMany"] = {
    "ari": M.adjusted_rand_score([0, 0, 0, 0], [0, 1, 2, 3]),
    "nmi": M.normalized_mutual_info_score([0, 0, 0, 0], [0, 1, 2, 3]),
    "ami": M.adjusted_mutual_info_score([0, 0, 0, 0], [0, 1, 2, 3]),
    "hcv": list(M.homogeneity_completeness_v_measure([0, 0, 0, 0], [0, 1, 2, 3])),
}
centers = np.array([[0, 0, 0], [4, 4, 0], [0, 5, 5]])
lab = rng.integers(0, 3, 60)
X = np.round(centers[lab] + rng.normal(0, 1.2, (60, 3)), 4)
cl["X"] = X
cl["labels"] = lab
cl["silhouette"] = M.silhouette_score(X, lab)
cl["silhouetteSamples"] = M.silhouette_samples(X, lab)
lab2 = lab.copy()
lab2[0] = 9  # a singleton cluster scores 0
cl["labelsSingleton"] = lab2
cl["silhouetteSingleton"] = M.silhouette_score(X, lab2)
res["clustering"] = cl

json.dump(clean(res), sys.stdout, indent=None, separators=(",", ":"))
