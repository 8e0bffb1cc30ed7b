#!/usr/bin/env bash
# Starts an MLflow tracking server from the peers venv, in the foreground, with a SQLite backend
# and a local artifact root, for tests of the MLflow REST store. Needs no network.
# Usage: tooling/peers/mlflow-server.sh [PORT (default 5000)] [DATA_DIR (default: a new temp dir)]
# Ready when GET http://127.0.0.1:PORT/health answers "OK" (first start: ~10-25 s, migrations).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${1:-5000}"
DIR="${2:-$(mktemp -d -t mlpy-mlflow-XXXXXX)}"
mkdir -p "$DIR/artifacts"
[[ -f "$HERE/.venv/.ready" ]] || { echo "peers venv not ready: run tooling/peers/setup.sh" >&2; exit 1; }
echo "mlflow server on http://127.0.0.1:$PORT, data in $DIR" >&2
exec "$HERE/.venv/bin/mlflow" server --host 127.0.0.1 --port "$PORT" --workers 1 \
  --backend-store-uri "sqlite:///$DIR/mlflow.db" --default-artifact-root "$DIR/artifacts"
