"""scikit-learn side of forest.bench.mjs: fits and predicts a RandomForest on the same data.

argv: a JSON request {task, trainX, trainY, testX, testY (raw float64 files), rows, testRows,
cols, params (sklearn names), threads, predictThreads}. Prints JSON {fitS, predictS, metric,
version}. Only fit and predict are timed.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import mean_squared_error, roc_auc_score


def load(path, rows, cols):
    return np.fromfile(path, dtype=np.float64).reshape(rows, cols) if cols else np.fromfile(path, dtype=np.float64)


def main():
    req = json.loads(sys.argv[1])
    Xtr = load(req["trainX"], req["rows"], req["cols"])
    ytr = load(req["trainY"], req["rows"], 0)
    Xte = load(req["testX"], req["testRows"], req["cols"])
    yte = load(req["testY"], req["testRows"], 0)
    cls = RandomForestClassifier if req["task"] == "classification" else RandomForestRegressor
    model = cls(**req["params"], n_jobs=req["threads"], random_state=0)
    t0 = time.perf_counter()
    model.fit(Xtr, ytr)
    fit_s = time.perf_counter() - t0
    model.set_params(n_jobs=req["predictThreads"])
    t0 = time.perf_counter()
    if req["task"] == "classification":
        p = model.predict_proba(Xte)[:, 1]
        predict_s = time.perf_counter() - t0
        metric = float(roc_auc_score(yte, p))
    else:
        p = model.predict(Xte)
        predict_s = time.perf_counter() - t0
        metric = float(np.sqrt(mean_squared_error(yte, p)))
    print(json.dumps({"fitS": fit_s, "predictS": predict_s, "metric": metric, "version": sklearn.__version__}))


if __name__ == "__main__":
    main()
