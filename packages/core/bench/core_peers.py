"""scikit-learn side of core.bench.mjs: a long-lived peer (tooling/bench/peer_io.serve) that fits
and predicts one estimator per request on the data the JS side wrote, under a thread limit.

Request: {estimator, params (sklearn names), kind (regressor | classifier | kmeans | dbscan |
transformer), threads, data: {Xtr, ytr?, Xte?, yte?} (peer_io headers), warmup? (rows of a
warm-up fit), labelsOut? (dbscan).
Answer: {fitS, predictRowsPerS, metric, ...}. Only fit and predict/transform are timed;
{"hello": true} answers the versions and the native thread pools (BLAS kernel, OpenMP).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../tooling/bench"))

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from peer_io import best_of, load, serve, thread_info, timed  # noqa: E402
from sklearn.cluster import DBSCAN, KMeans  # noqa: E402
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge  # noqa: E402
from sklearn.metrics import accuracy_score, adjusted_rand_score, r2_score  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

ESTIMATORS = {
    c.__name__: c
    for c in (LinearRegression, Ridge, Lasso, ElasticNet, LogisticRegression, KNeighborsClassifier, KMeans, DBSCAN,
              StandardScaler, OneHotEncoder, PolynomialFeatures)
}


def build(name, params):
    if name == "Pipeline":  # steps: [[step, estimator, params], ...]
        return Pipeline([(s, ESTIMATORS[e](**p)) for s, e, p in params["steps"]])
    return ESTIMATORS[name](**params)


def run(req):
    d = {k: load(v) for k, v in req["data"].items()}
    model = build(req["estimator"], req["params"])
    kind = req["kind"]
    out = {}
    if kind == "dbscan":
        fit_s, _ = timed(lambda: model.fit(d["Xtr"]))
        labels = model.labels_.astype(np.int32)
        labels.tofile(req["labelsOut"])
        out.update(metric=adjusted_rand_score(d["ytr"], labels), clusters=int(labels.max() + 1),
                   noise=int((labels == -1).sum()))
        return {"fitS": fit_s, "predictRowsPerS": None, **out}
    def fit(m, rows=None):
        X = d["Xtr"][:rows]
        return m.fit(X) if kind in ("kmeans", "transformer") else m.fit(X, d["ytr"][:rows])

    if req.get("warmup"):  # same warm-up as the JS side: fit on the first rows, predict once
        warm = fit(build(req["estimator"], req["params"]), req["warmup"])
        (warm.transform if kind == "transformer" else warm.predict)(d["Xte"])
    fit_s, _ = timed(lambda: fit(model))
    step = model.transform if kind == "transformer" else model.predict
    predict_s, pred = best_of(lambda: step(d["Xte"]))
    if kind == "regressor":
        metric = r2_score(d["yte"], pred)
    elif kind == "classifier":
        metric = accuracy_score(d["yte"], pred)
    elif kind == "kmeans":
        metric = float(model.inertia_)
        out.update(ari=adjusted_rand_score(d["ytr"], model.labels_), iterations=int(model.n_iter_))
    else:
        metric = float(np.mean(pred))
        out.update(outputCols=int(pred.shape[1]))
    if getattr(model, "n_iter_", None) is not None and kind != "kmeans":
        out.update(iterations=np.asarray(model.n_iter_).max().item())
    return {"fitS": fit_s, "predictRowsPerS": len(d["Xte"]) / predict_s, "metric": float(metric), **out}


def handle(req):
    if req.get("hello"):
        return {"version": sklearn.__version__, "numpy": np.__version__, "threadpools": thread_info()}
    with threadpool_limits(limits=req["threads"]):
        return run(req)


if __name__ == "__main__":
    serve(handle)
