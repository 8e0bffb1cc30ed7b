"""Peer side of trees.bench.mjs: scikit-learn HistGradientBoosting, LightGBM and XGBoost (hist)
trained on exactly the data the JS benchmark wrote, with equal trees, leaves and bins.

argv: a JSON request {task, trainX, trainY, testX, testY (raw float64 files), rows, testRows, cols,
iters, leaves, bins, threads, categorical (column indices holding integer category codes)}.
Prints one JSON list of {name, version, fitS, predictRowsPerS, metric}. Fit uses `threads`
threads; prediction uses one thread, like ours. Only fit and predict are timed.
"""
import json
import sys
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
    with threadpool_limits(threads):
        t0 = time.perf_counter()
        model = fit()
        fit_s = time.perf_counter() - t0
    with threadpool_limits(1):
        t0 = time.perf_counter()
        p = predict(model)
        pred_s = time.perf_counter() - t0
    return {"fitS": fit_s, "predictRowsPerS": len(Xte) / pred_s, "metric": metric(task, yte, p)}


def main():
    r = json.loads(sys.argv[1])
    task, th, cat = r["task"], r["threads"], r["categorical"]
    Xtr = load(r["trainX"], r["rows"], r["cols"])
    ytr = load(r["trainY"], r["rows"], 0)
    Xte = load(r["testX"], r["testRows"], r["cols"])
    yte = load(r["testY"], r["testRows"], 0)
    clf = task == "classification"
    out = []

    # scikit-learn HistGradientBoosting (OpenMP threads limited by threadpoolctl)
    H = HistGradientBoostingClassifier if clf else HistGradientBoostingRegressor
    hgb = dict(max_iter=r["iters"], max_leaf_nodes=r["leaves"], max_bins=r["bins"], learning_rate=0.1,
               min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0,
               categorical_features=cat or None)
    res = timed(lambda: H(**hgb).fit(Xtr, ytr),
                lambda m: m.predict_proba(Xte)[:, 1] if clf else m.predict(Xte), Xte, yte, task, th)
    out.append({"name": "scikit-learn HistGradientBoosting", "version": sklearn.__version__, **res})

    # LightGBM
    L = lgb.LGBMClassifier if clf else lgb.LGBMRegressor
    lp = dict(n_estimators=r["iters"], num_leaves=r["leaves"], max_bin=r["bins"], learning_rate=0.1,
              min_child_samples=20, min_child_weight=1e-3, reg_lambda=0.0, n_jobs=th, verbose=-1)
    fit_kw = {"categorical_feature": cat} if cat else {}

    def lgb_predict(m):
        return m.predict_proba(Xte, num_threads=1)[:, 1] if clf else m.predict(Xte, num_threads=1)

    res = timed(lambda: L(**lp).fit(Xtr, ytr, **fit_kw), lgb_predict, Xte, yte, task, th)
    out.append({"name": "LightGBM", "version": lgb.__version__, **res})

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

    Xtr_x, Xte_x = frame(Xtr), frame(Xte)
    X_ = xgb.XGBClassifier if clf else xgb.XGBRegressor
    xp = dict(n_estimators=r["iters"], tree_method="hist", grow_policy="lossguide", max_leaves=r["leaves"],
              max_depth=0, max_bin=r["bins"] + 1, learning_rate=0.1, min_child_weight=1e-3, reg_lambda=0.0,
              n_jobs=th, enable_categorical=bool(cat))

    def xgb_predict(m):
        m.set_params(n_jobs=1)
        return m.predict_proba(Xte_x)[:, 1] if clf else m.predict(Xte_x)

    res = timed(lambda: X_(**xp).fit(Xtr_x, ytr), xgb_predict, Xte, yte, task, th)
    out.append({"name": "XGBoost (hist)", "version": xgb.__version__, **res})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
