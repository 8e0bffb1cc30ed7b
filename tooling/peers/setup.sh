#!/usr/bin/env bash
# Creates or refreshes the Python peers venv at tooling/peers/.venv (scikit-learn, MLflow,
# LightGBM, XGBoost, SHAP, ONNX...). Idempotent: it installs only when requirements.txt changed
# since the last successful install, and writes .venv/.ready (holding the requirements hash)
# when the venv is usable. Safe to run concurrently: a flock on tooling/peers/.setup.lock
# serialises runs, and a waiting run finds the venv ready and exits.
#
# Usage: tooling/peers/setup.sh [--force]
#   --force       reinstall even if the hash matches
#   PYTHON=...    interpreter to build the venv with (default: python3.11, else python3 if 3.11)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
REQ="$HERE/requirements.txt"
LOCK="$HERE/.setup.lock"
READY="$VENV/.ready"
HASH_FILE="$VENV/.requirements.sha256"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { printf '[peers %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

exec 9>"$LOCK"
if ! flock -n 9; then
  log "another setup is running; waiting for its lock ($LOCK)"
  flock 9
fi

want_hash="$(sha256sum "$REQ" | cut -d' ' -f1)"

if [[ $FORCE -eq 0 && -f "$READY" && -x "$VENV/bin/python" ]] \
   && [[ "$(cat "$READY")" == "$want_hash" ]] && "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
  log "venv up to date (requirements $want_hash); nothing to do"
  exit 0
fi

pick_python() {
  if [[ -n "${PYTHON:-}" ]]; then echo "$PYTHON"; return; fi
  for c in python3.11 python3; do
    if command -v "$c" >/dev/null && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$c"; return
    fi
  done
  echo "no Python 3.11 found (set PYTHON=/path/to/python3.11)" >&2; exit 1
}

# Reuse a working 3.11 venv; rebuild a broken or wrong-version one.
if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  log "reusing venv $VENV"
else
  PY="$(pick_python)"
  log "creating venv $VENV with $PY ($("$PY" --version 2>&1))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

rm -f "$READY"
if [[ $FORCE -eq 0 && -f "$HASH_FILE" && "$(cat "$HASH_FILE")" == "$want_hash" ]]; then
  log "requirements already installed ($want_hash); verifying"
else
  log "installing requirements.txt (wheels only; a cold install takes a few minutes)"
  start=$SECONDS
  "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --only-binary=:all: \
    --progress-bar off -q -r "$REQ" 2> >(grep -v "^WARNING: Location 'file:" >&2)
  log "pip install done in $((SECONDS - start)) s"
  echo "$want_hash" > "$HASH_FILE"
fi

log "checking the environment (pip check + imports)"
"$VENV/bin/python" -m pip check --disable-pip-version-check
"$VENV/bin/python" - <<'EOF'
import importlib
mods = ["numpy", "pandas", "sklearn", "lightgbm", "xgboost", "shap", "onnx", "skl2onnx", "onnxruntime", "mlflow"]
print("  " + ", ".join(f"{m} {importlib.import_module(m).__version__}" for m in mods))
EOF

echo "$want_hash" > "$READY.tmp" && mv "$READY.tmp" "$READY"
log "ready: $READY"
