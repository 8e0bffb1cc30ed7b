"""LightGBM reference for MLPY's HistGradientBoosting NaN and categorical handling.

Generates a seeded dataset with missing values (that carry signal) and a categorical column,
trains LightGBM with the same settings as MLPY's defaults, and prints JSON: the data, the split,
LightGBM's test AUC (classification) and RMSE (regression), and its predictions on probe rows.
Run: tooling/peers/.venv/bin/python packages/core/src/ensemble/hist-gradient-boosting/__fixtures__/lightgbm_reference.py
"""
import json
import sys

import lightgbm as lgb
import numpy as np
from sklearn.metrics import mean_squared_error, roc_auc_score

rng = np.random.default_rng(0)
n = 4000
x0 = rng.uniform(-2, 2, n)
x1 = rng.normal(size=n)
cat = rng.integers(0, 8, n)
missing = rng.random(n) < 0.2
x0[missing] = np.nan
cat_effect = np.array([-1.5, 0.0, 1.0, 2.0, -0.5, 0.5, -2.0, 1.5])
signal = np.where(missing, 2.5, np.sin(2 * np.nan_to_num(x0))) + 0.8 * x1 + cat_effect[cat]
y_clf = (signal + rng.logistic(size=n) * 0.7 > 0.5).astype(int)
y_reg = signal + rng.normal(scale=0.3, size=n)
X = np.column_stack([x0, x1, cat.astype(float)])
train, test = np.arange(3000), np.arange(3000, n)

common = dict(n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20, min_child_weight=1e-3,
              reg_lambda=0.0, max_bin=255, subsample=1.0, colsample_bytree=1.0, n_jobs=1, verbose=-1,
              min_data_per_group=10, cat_smooth=10.0, max_cat_threshold=32)
clf = lgb.LGBMClassifier(**common).fit(X[train], y_clf[train], categorical_feature=[2])
reg = lgb.LGBMRegressor(**common).fit(X[train], y_reg[train], categorical_feature=[2])
# Probe rows: x0 missing vs x0 = 0, for every category, x1 = 0.
probe = np.array([[v, 0.0, c] for c in range(8) for v in (np.nan, 0.0)])
out = {
    "lightgbmVersion": lgb.__version__,
    "X": [[None if np.isnan(v) else float(v) for v in row] for row in X],
    "yClf": y_clf.tolist(),
    "yReg": y_reg.tolist(),
    "nTrain": len(train),
    "auc": roc_auc_score(y_clf[test], clf.predict_proba(X[test])[:, 1]),
    "rmse": mean_squared_error(y_reg[test], reg.predict(X[test])) ** 0.5,
    "probe": [[None if np.isnan(v) else float(v) for v in row] for row in probe],
    "probeProba": clf.predict_proba(probe)[:, 1].tolist(),
    "probeReg": reg.predict(probe).tolist(),
}
json.dump(out, sys.stdout)
