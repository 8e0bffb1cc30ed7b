"""Compute scikit-learn reference scores and transform outputs for the MLPY parity tests.

Reads  tooling/fixtures/parity/spec.json and tooling/fixtures/datasets/*.json
Writes tooling/fixtures/parity/scores.json         one record per case
       tooling/fixtures/parity/transforms/<id>.json  preprocessing outputs
       tooling/fixtures/parity/transforms/inputs/<name>.json  derived inputs (NaN -> null)

Protocol (also stated in spec.json): supervised cases fit on the dataset's trainIndex rows and
score on its testIndex rows; clustering cases fit on all rows. preprocess "standardize" fits a
StandardScaler on the rows the model is fitted on. Randomised estimators additionally get a
seedSpread (sklearn's score over random_state 0..9) so a tolerance can be judged against it.
Transforms fit on trainIndex rows and transform testIndex rows.

Run after export_datasets.py: tooling/peers/python tooling/peers/parity_scores.py
"""

import importlib
import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIX = ROOT / "tooling" / "fixtures"
PARITY = FIX / "parity"
TRANSFORMS = PARITY / "transforms"
SEED = 0
SPREAD_SEEDS = range(10)
# Estimators whose result depends on random_state get a seedSpread (HistGradientBoosting is left
# out: without early stopping or subsampling random_state has no effect). For those in
# MEAN_REFERENCE the reference score is the mean over the seeds, not one seed's draw: another
# RNG's result is compared with sklearn's expected score, not with its seed-0 luck.
RANDOMISED = ("RandomForest", "DecisionTree", "KMeans")
MEAN_REFERENCE = ("RandomForest", "DecisionTree")


# ---------------------------------------------------------------- data

def load_dataset(name):
    d = json.loads((FIX / "datasets" / f"{name}.json").read_text())
    return d, np.asarray(d["X"], dtype=float), np.asarray(d["y"])


def diabetes_missing():
    """diabetes with ~10% of the values set to NaN (fixed seed), diabetes' own split."""
    d, X, y = load_dataset("diabetes")
    X = X.copy()
    X[np.random.default_rng(SEED).random(X.shape) < 0.10] = np.nan
    return {"name": "diabetes_missing",
            "source": f"tooling/fixtures/datasets/diabetes.json with values where "
                      f"numpy.random.default_rng({SEED}).random(X.shape) < 0.10 set to NaN (null here)",
            "X": X, "y": y, "trainIndex": d["trainIndex"], "testIndex": d["testIndex"]}


def categorical():
    """A small synthetic categorical table; test rows include unknown categories."""
    rng = np.random.default_rng(SEED)
    n = 120
    color = rng.choice(["red", "green", "blue"], size=n, p=[0.5, 0.3, 0.2]).astype(object)
    size = rng.choice(["S", "M", "L", "XL"], size=n).astype(object)
    grade = rng.choice([1, 2, 3], size=n).astype(object)
    train, test = train_test_split(np.arange(n), test_size=0.25, random_state=SEED)
    color[test[:2]] = "purple"  # unknown at fit time
    grade[test[2]] = 9
    X = np.column_stack([color, size, grade])
    return {"name": "categorical",
            "source": f"synthetic (numpy.random.default_rng({SEED})): color, size, grade; "
                      "test rows hold unknown categories 'purple' and 9",
            "featureNames": ["color", "size", "grade"], "X": X,
            "trainIndex": [int(i) for i in train], "testIndex": [int(i) for i in test]}


DERIVED = {"diabetes_missing": diabetes_missing, "categorical": categorical}


# ---------------------------------------------------------------- JSON helpers

def jnum(v):
    """Lossless JSON value: NaN -> None, integral floats -> int, numpy scalars unwrapped."""
    if isinstance(v, (str, bool)) or v is None:
        return v
    if isinstance(v, (np.str_,)):
        return str(v)
    f = float(v)
    if np.isnan(f):
        return None
    if not np.isfinite(f):
        raise ValueError("infinite value in a fixture")
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def jarr(a):
    a = np.asarray(a, dtype=object) if np.asarray(a).dtype == object else np.asarray(a)
    if a.ndim == 0:
        return jnum(a.item())
    return [jarr(x) for x in a] if a.ndim > 1 else [jnum(x) for x in a.tolist()]


def write_json(path, obj):
    """JSON with one matrix row per line for the big arrays (compact and diffable)."""
    out = []
    for k, v in obj.items():
        if k in ("X", "output") and isinstance(v, list):
            rows = ",\n".join(json.dumps(r, separators=(",", ":")) for r in v)
            out.append(f"{json.dumps(k)}:[\n{rows}\n]")
        else:
            out.append(f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\n" + ",\n".join(out) + "\n}\n")


def make(cls_path, params):
    module, name = cls_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(**params)


# ---------------------------------------------------------------- cases

def dbscan_checks(X, eps, min_samples, labels):
    """Fail if the clustering could depend on visiting order or on rounding near eps."""
    D = metrics.pairwise_distances(X)
    margin = float(np.min(np.abs(D - eps)))
    core = (D <= eps).sum(axis=1) >= min_samples
    ambiguous = 0
    for i in np.where(~core)[0]:
        near = {int(labels[j]) for j in np.where((D[i] <= eps) & core)[0]}
        ambiguous += len(near) > 1
    if ambiguous or margin < 1e-6:
        raise SystemExit(f"DBSCAN eps={eps}: {ambiguous} ambiguous border points, eps margin {margin:.2e}")
    return {"nClusters": int(labels.max() + 1), "nNoise": int((labels == -1).sum()),
            "nCore": int(core.sum()), "epsMargin": margin, "ambiguousBorderPoints": 0}


def fit_score(case, X, y, train, test, params):
    """Fit sklearn's estimator for one case; return (score, record extras)."""
    est = make(case["sklearn"]["class"], params)
    metric = case["metric"]
    clustering = metric in ("inertia", "ari_with_sklearn")
    rows = np.arange(len(X)) if clustering else train
    if case["preprocess"] == "standardize":
        X = StandardScaler().fit(X[rows]).transform(X)
    elif case["preprocess"] is not None:
        raise SystemExit(f"unknown preprocess {case['preprocess']!r}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        est.fit(X[rows], None if clustering else y[rows])
    extra = {"warnings": sorted({str(w.message)[:200] for w in caught})}
    if metric == "inertia":
        return float(est.inertia_), {**extra, "labels": jarr(est.labels_), "nIter": int(est.n_iter_)}
    if metric == "ari_with_sklearn":
        p = case["sklearn"]["params"]
        info = dbscan_checks(X, p["eps"], p["min_samples"], est.labels_)
        return 1.0, {**extra, "labels": jarr(est.labels_), **info}
    pred = est.predict(X[test])
    if metric == "accuracy":
        score = metrics.accuracy_score(y[test], pred)
    elif metric == "r2":
        score = metrics.r2_score(y[test], pred)
    else:
        raise SystemExit(f"unknown metric {metric!r}")
    return float(score), {**extra, "predictions": jarr(pred)}


def run_case(case):
    d, X, y = load_dataset(case["dataset"])
    train, test = np.asarray(d["trainIndex"]), np.asarray(d["testIndex"])
    params = case["sklearn"]["params"]
    score, extra = fit_score(case, X, y, train, test, params)
    rec = {"id": case["id"], "sklearnVersion": sklearn.__version__, "metric": case["metric"],
           "score": score, "nTrain": int(len(train)), "nTest": int(len(test))}
    if case["metric"] in ("inertia", "ari_with_sklearn"):
        rec.update(nTrain=int(len(X)), nTest=0)
    if any(k in case["sklearn"]["class"] for k in RANDOMISED):
        s = [fit_score(case, X, y, train, test, {**params, "random_state": r})[0] for r in SPREAD_SEEDS]
        mean = float(np.mean(s))
        rec["seedSpread"] = {"seeds": len(s), "min": min(s), "max": max(s), "mean": mean,
                             "std": float(np.std(s)), "maxDeviationFromMean": max(abs(v - mean) for v in s)}
        if any(k in case["sklearn"]["class"] for k in MEAN_REFERENCE):
            rec.update(score=mean, scoreKind="mean over random_state 0..9", seed0Score=score)
    rec.update({k: v for k, v in extra.items() if v != []})
    return rec


# ---------------------------------------------------------------- transforms

def fitted_attributes(est):
    out = {}
    for k, v in vars(est).items():
        if not k.endswith("_") or k.startswith("_") or k in ("n_features_in_", "feature_names_in_"):
            continue
        if k == "categories_":
            out[k] = [jarr(c) for c in v]
        elif isinstance(v, (np.ndarray, list, int, float, np.number)):
            out[k] = jarr(v)
    return out


def run_transform(t, inputs):
    name = t["dataset"]
    if name in DERIVED:
        d = inputs.setdefault(name, DERIVED[name]())
        X = d["X"]
    else:
        d, X, _ = load_dataset(name)
    train, test = np.asarray(d["trainIndex"]), np.asarray(d["testIndex"])
    est = make(t["sklearn"]["class"], t["sklearn"]["params"])
    est.fit(X[train])
    out = np.asarray(est.transform(X[test]), dtype=float)
    if np.isnan(out).any():
        raise SystemExit(f"{t['id']}: NaN in output")
    obj = {"id": t["id"], "sklearnVersion": sklearn.__version__, "dataset": name,
           "input": f"transforms/inputs/{name}.json" if name in DERIVED else f"datasets/{name}.json",
           "fitRows": "trainIndex", "transformRows": "testIndex",
           "ours": t["ours"], "sklearn": t["sklearn"],
           "featureNamesOut": [str(f) for f in est.get_feature_names_out()],
           "fitted": fitted_attributes(est), "shape": list(out.shape), "output": jarr(out)}
    write_json(TRANSFORMS / f"{t['id']}.json", obj)
    return out.shape


def main():
    spec = json.loads((PARITY / "spec.json").read_text())
    results = []
    for case in spec["cases"]:
        rec = run_case(case)
        results.append(rec)
        spread = rec.get("seedSpread")
        extra = (f"  (seeds 0..9: {spread['min']:.4f}..{spread['max']:.4f}, max dev "
                 f"{spread['maxDeviationFromMean']:.4f}, tol {case['tolerance']})") if spread else ""
        print(f"{case['id']:45s} {case['metric']:17s} {rec['score']:.6g}{extra}"
              + ("  WARN " + "; ".join(rec["warnings"]) if rec.get("warnings") else ""))
    write_json(PARITY / "scores.json", {
        "generatedBy": "tooling/peers/parity_scores.py", "sklearnVersion": sklearn.__version__,
        "numpyVersion": np.__version__, "results": results})
    inputs = {}
    for t in spec["transforms"]:
        print(f"{t['id']:45s} transform -> {run_transform(t, inputs)}")
    for name, d in inputs.items():
        obj = {k: v for k, v in d.items() if k not in ("X", "y")}
        obj["X"] = [[jnum(v) for v in row] for row in d["X"]]
        if "y" in d:
            obj["y"] = jarr(d["y"])
        write_json(TRANSFORMS / "inputs" / f"{name}.json", obj)


if __name__ == "__main__":
    main()
