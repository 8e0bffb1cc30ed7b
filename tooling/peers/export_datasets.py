"""Export scikit-learn's bundled datasets (and one generated blobs set) as JSON fixtures.

Writes tooling/fixtures/datasets/<name>.json for iris, wine, breast_cancer, diabetes, digits
(scikit-learn's bundled copies of public UCI datasets) and blobs (sklearn.datasets.make_blobs,
used by the DBSCAN parity cases). Each file holds:

  name, source, task ("classification" | "regression" | "clustering"), featureNames,
  targetNames (classification only), nRows, nFeatures, X (rows), y,
  trainIndex, testIndex  -- a 75/25 split, stratified for classification, random_state=0.

trainIndex/testIndex are row indices into X in the order train_test_split returns them; both
the scikit-learn side (parity_scores.py) and the TypeScript tests train on X[trainIndex] and
score on X[testIndex], in that order. Numbers are lossless: integral values are written as
integers, other float64 values as their shortest round-trip repr (what json.dumps emits).

Run: tooling/peers/python tooling/peers/export_datasets.py
"""

import json
import math
import pathlib

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.model_selection import train_test_split

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tooling" / "fixtures" / "datasets"
SEED = 0

# make_blobs parameters of the generated clustering set (well-separated, clean blobs).
BLOBS = dict(n_samples=300, n_features=2, centers=4, cluster_std=0.6, random_state=SEED)


def num(v):
    """A float64 as a JSON number: integral values as int, others as float (lossless)."""
    v = float(v)
    if not math.isfinite(v):
        raise ValueError(f"non-finite value {v!r} in a dataset fixture")
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def dumps_compact(obj):
    """JSON with one matrix row per line: compact, yet diffable."""
    parts = []
    for key, value in obj.items():
        if key == "X":
            rows = ",\n".join(json.dumps(r, separators=(",", ":")) for r in value)
            parts.append(f'"X":[\n{rows}\n]')
        else:
            parts.append(f"{json.dumps(key)}:{json.dumps(value, separators=(',', ':'))}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def load(name):
    """(X, y, featureNames, targetNames|None, task, source) for one dataset."""
    v = sklearn.__version__
    if name == "blobs":
        X, y = datasets.make_blobs(**BLOBS)
        args = ", ".join(f"{k}={v_!r}" for k, v_ in BLOBS.items())
        return X, y, ["x0", "x1"], None, "clustering", f"scikit-learn {v} sklearn.datasets.make_blobs({args})"
    bunch = getattr(datasets, f"load_{name}")()
    task = "regression" if name == "diabetes" else "classification"
    target_names = [str(t) for t in bunch.target_names] if task == "classification" else None
    return (bunch.data, bunch.target, [str(f) for f in bunch.feature_names], target_names, task,
            f"scikit-learn {v} sklearn.datasets.load_{name}")


def split(y, task):
    idx = np.arange(len(y))
    strat = y if task in ("classification", "clustering") else None
    train, test = train_test_split(idx, test_size=0.25, stratify=strat, random_state=SEED)
    return [int(i) for i in train], [int(i) for i in test]


def export(name):
    X, y, features, targets, task, source = load(name)
    train, test = split(y, task)
    obj = {"name": name, "source": source, "task": task, "featureNames": features}
    if targets is not None:
        obj["targetNames"] = targets
    obj.update({
        "nRows": int(X.shape[0]), "nFeatures": int(X.shape[1]),
        "X": [[num(v) for v in row] for row in X],
        "y": [num(v) for v in y],
        "trainIndex": train, "testIndex": test,
    })
    path = OUT / f"{name}.json"
    path.write_text(dumps_compact(obj))
    print(f"{path.relative_to(ROOT)}: {X.shape[0]}x{X.shape[1]}, {path.stat().st_size / 1024:.0f} KiB")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name in ["iris", "wine", "breast_cancer", "diabetes", "digits", "blobs"]:
        export(name)


if __name__ == "__main__":
    main()
