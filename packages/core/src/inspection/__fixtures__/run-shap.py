"""Runs shap's TreeExplainer (path-dependent) on trees exported from MLPY, for tree-shap.test.ts.

stdin: {"trees": [{left, right, missingLeft, feature, threshold, value, weight, nOutputs}],
        "treeOutput": [..] | null, "nOutputs": K, "scale": s, "baseOffset": [K], "X": [[..]]}
       (NaN in X as null). stdout: {"values": [n][d][K], "expectedValue": [K], "shap": version}.
The trees go through shap's own custom-tree dictionary format (shap.explainers._tree.SingleTree).
"""
import json
import sys

import numpy as np
import shap


def main():
    req = json.load(sys.stdin)
    K = req["nOutputs"]
    trees = []
    for i, t in enumerate(req["trees"]):
        left = np.asarray(t["left"], dtype=np.int32)
        right = np.asarray(t["right"], dtype=np.int32)
        values = np.asarray(t["value"], dtype=np.float64).reshape(len(left), t["nOutputs"]) * req["scale"]
        if req.get("treeOutput") is not None:
            full = np.zeros((len(left), K))
            full[:, req["treeOutput"][i]] = values[:, 0]
            values = full
        trees.append({
            "children_left": left,
            "children_right": right,
            "children_default": np.where(np.asarray(t["missingLeft"]) == 1, left, right).astype(np.int32),
            "features": np.asarray(t["feature"], dtype=np.int32),
            "thresholds": np.asarray(t["threshold"], dtype=np.float64),
            "values": values,
            "node_sample_weight": np.asarray(t["weight"], dtype=np.float64),
        })
    model = {"trees": trees, "base_offset": np.asarray(req["baseOffset"], dtype=np.float64),
             "tree_output": "raw_value", "objective": "squared_error",
             "input_dtype": np.float64, "internal_dtype": np.float64}
    X = np.asarray([[np.nan if v is None else v for v in row] for row in req["X"]], dtype=np.float64)
    explainer = shap.TreeExplainer(model, feature_perturbation="tree_path_dependent")
    sv = np.asarray(explainer.shap_values(X, check_additivity=False), dtype=np.float64)
    sv = sv.reshape(X.shape[0], X.shape[1], K)
    ev = np.atleast_1d(np.asarray(explainer.expected_value, dtype=np.float64))
    json.dump({"values": sv.tolist(), "expectedValue": ev.tolist(), "shap": shap.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
