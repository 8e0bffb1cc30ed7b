"""Peer side of trees.bench.mjs: scikit-learn HistGradientBoosting, LightGBM and XGBoost (hist)
trained on exactly the data the JS benchmark wrote, with equal trees, leaves and bins.

argv: a JSON request {task, trainX, trainY, testX, testY (raw float64 files), rows, testRows, cols,
iters, leaves, bins, threads, categorical (column indices holding integer category codes)}.
Prints one JSON list of {name, version, firstFitS, fitS, predictRowsPerS, metric}: each peer
fits twice (the first fit, then the one fitS times and predictions use). Fit uses `threads`
threads; prediction uses one thread, like ours. Only fit and predict are timed.
With "memoryOf": a peer's name in the request, fits only that peer and prints its fit memory
({name, peakOverBaselineMB, baselineMB}); trees.bench.mjs runs each in a fresh process.
"""
import gc
import json
import os
import sys
import threading
import time

import lightgbm as lgb
import numpy as np
import pandas as pd
import sklearn
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import mean_squared_error, roc_auc_score
from threadpoolctl import threadpool_limits


def load(path, rows, cols):
    a = np.fromfile(path, dtype=np.float64)
    return a.reshape(rows, cols) if cols else a


def metric(task, y, p):
    return float(roc_auc_score(y, p)) if task == "classification" else float(np.sqrt(mean_squared_error(y, p)))


def timed(fit, predict, Xte, yte, task, threads):
    """Fits twice, as trees.bench.mjs fits ours: the first fit of a workload and a second one."""
    with threadpool_limits(threads):
        t0 = time.perf_counter()
        fit()
        first_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        model = fit()
        fit_s = time.perf_counter() - t0
    with threadpool_limits(1):
        t0 = time.perf_counter()
        p = predict(model)
        pred_s = time.perf_counter() - t0
    return {"firstFitS": first_s, "fitS": fit_s, "predictRowsPerS": len(Xte) / pred_s,
            "metric": metric(task, yte, p)}


def peer_models(r, Xtr, ytr, Xte):
    """Each peer as (name, version, fit(X, y, iters), predict(model), its test matrix)."""
    task, th, cat = r["task"], r["threads"], r["categorical"]
    clf = task == "classification"

    # scikit-learn HistGradientBoosting (OpenMP threads limited by threadpoolctl)
    H = HistGradientBoostingClassifier if clf else HistGradientBoostingRegressor

    def hgb(X, y, iters):
        return H(max_iter=iters, max_leaf_nodes=r["leaves"], max_bins=r["bins"], learning_rate=0.1,
                 min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0,
                 categorical_features=cat or None).fit(X, y)

    # LightGBM
    L = lgb.LGBMClassifier if clf else lgb.LGBMRegressor

    def lgbm(X, y, iters):
        return L(n_estimators=iters, num_leaves=r["leaves"], max_bin=r["bins"], learning_rate=0.1,
                 min_child_samples=20, min_child_weight=1e-3, reg_lambda=0.0, n_jobs=th,
                 verbose=-1).fit(X, y, **({"categorical_feature": cat} if cat else {}))

    def lgb_predict(m):
        return m.predict_proba(Xte, num_threads=1)[:, 1] if clf else m.predict(Xte, num_threads=1)

    # XGBoost, hist method, leaf-wise like the others
    levels = {c: list(range(int(np.nanmax(Xtr[:, c])) + 1)) for c in cat}

    def frame(X):
        if not cat:
            return X
        df = pd.DataFrame(X)
        for c in cat:
            codes = df[c].astype("Int64")  # integer category codes; NaN stays missing
            df[c] = pd.Categorical(codes, categories=levels[c])
        return df

    # Converted before timing, as the numpy input of the other peers needs no conversion.
    Xtr_x, Xte_x = frame(Xtr), frame(Xte)
    X_ = xgb.XGBClassifier if clf else xgb.XGBRegressor

    def xgbm(X, y, iters):
        return X_(n_estimators=iters, tree_method="hist", grow_policy="lossguide", max_leaves=r["leaves"],
                  max_depth=0, max_bin=r["bins"] + 1, learning_rate=0.1, min_child_weight=1e-3,
                  reg_lambda=0.0, n_jobs=th, enable_categorical=bool(cat)).fit(Xtr_x if X is Xtr else frame(X), y)

    def xgb_predict(m):
        m.set_params(n_jobs=1)
        return m.predict_proba(Xte_x)[:, 1] if clf else m.predict(Xte_x)

    return [
        ("scikit-learn HistGradientBoosting", sklearn.__version__, hgb,
         lambda m: m.predict_proba(Xte)[:, 1] if clf else m.predict(Xte)),
        ("LightGBM", lgb.__version__, lgbm, lgb_predict),
        ("XGBoost (hist)", xgb.__version__, xgbm, xgb_predict),
    ]


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def fit_memory(name, fit, Xtr, ytr, r):
    """Peak resident set over the baseline during one fit, sampled every millisecond by a thread
    (the peers' training releases the GIL). A warm-up fit on 5,000 rows and a collection come
    first, as on our side (trees-memory.mjs)."""
    w = min(5000, len(ytr))
    with threadpool_limits(r["threads"]):
        fit(Xtr[:w], ytr[:w], 10)
        gc.collect()
        base = rss_bytes()
        peak = [base]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_bytes())
                time.sleep(0.001)

        t = threading.Thread(target=sample)
        t.start()
        try:
            fit(Xtr, ytr, r["iters"])
        finally:
            done.set()
            t.join()
    peak[0] = max(peak[0], rss_bytes())
    return {"name": name, "peakOverBaselineMB": (peak[0] - base) / 2**20, "baselineMB": base / 2**20}


def main():
    r = json.loads(sys.argv[1])
    task, th = r["task"], r["threads"]
    Xtr = load(r["trainX"], r["rows"], r["cols"])
    ytr = load(r["trainY"], r["rows"], 0)
    Xte = load(r["testX"], r["testRows"], r["cols"])
    yte = load(r["testY"], r["testRows"], 0)
    models = peer_models(r, Xtr, ytr, Xte)
    if "memoryOf" in r:
        # One peer's fit memory, alone in this process.
        name, _, fit, _ = next(m for m in models if m[0] == r["memoryOf"])
        print(json.dumps(fit_memory(name, fit, Xtr, ytr, r)))
        return
    out = []
    for name, version, fit, predict in models:
        res = timed(lambda: fit(Xtr, ytr, r["iters"]), predict, Xte, yte, task, th)
        out.append({"name": name, "version": version, **res})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
