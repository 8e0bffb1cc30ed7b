"""Peer side of the tracking benchmark: MLflow's own Python client logs the same metric points.

Usage: mlflow_peer.py <tracking uri> <points> <batch size>
Prints one JSON object: {"name", "version", "seconds", "pointsPerS", "stored"}.
"""
import json
import sys
import time
import uuid

import mlflow
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient


def main() -> None:
    uri, points, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    client = MlflowClient(tracking_uri=uri)
    experiment_id = client.create_experiment(f"bench-peer-{uuid.uuid4().hex[:8]}")
    run = client.create_run(experiment_id)
    run_id = run.info.run_id
    now = int(time.time() * 1000)
    all_metrics = [Metric("loss", i / points, now + i, i) for i in range(points)]
    start = time.perf_counter()
    for offset in range(0, points, batch):
        client.log_batch(run_id, metrics=all_metrics[offset : offset + batch], synchronous=True)
    seconds = time.perf_counter() - start
    stored = len(client.get_metric_history(run_id, "loss"))
    client.set_terminated(run_id)
    print(json.dumps({
        "name": "mlflow (Python client)",
        "version": mlflow.__version__,
        "seconds": seconds,
        "pointsPerS": points / seconds,
        "stored": stored,
    }))


if __name__ == "__main__":
    main()
