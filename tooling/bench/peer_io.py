"""Python side of tooling/bench/lib.mjs: read the arrays a JS benchmark wrote, time calls, report
the BLAS/OpenMP libraries that ran, and answer requests (one-shot or as a long-lived peer).

A peer script in a package's bench/ folder does:
    sys.path.insert(0, <repo>/tooling/bench); from peer_io import load, serve
    serve(handle)          # handle(request: dict) -> dict; one JSON line in, one JSON line out
"""
import json
import sys
import time
import traceback

import numpy as np


def load(desc):
    """An array from a header {path, dtype, shape} written by lib.mjs dataDir().put."""
    return np.fromfile(desc["path"], dtype=desc["dtype"]).reshape(desc["shape"])


def timed(fn):
    """(seconds, value) of one call."""
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def best_of(fn, min_total_s=0.3, max_repeats=5):
    """Smallest seconds over repeated calls (until min_total_s passed or max_repeats), and the value."""
    best, value, start = float("inf"), None, time.perf_counter()
    for i in range(max_repeats):
        if i > 0 and time.perf_counter() - start >= min_total_s:
            break
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


def thread_info():
    """The native thread pools loaded (BLAS kernel and OpenMP), as threadpoolctl sees them."""
    from threadpoolctl import threadpool_info

    keep = ("user_api", "internal_api", "num_threads", "version", "architecture", "threading_layer")
    return [{k: p.get(k) for k in keep} for p in threadpool_info()]


def serve(handle):
    """Answers each JSON line on stdin with one JSON line on stdout ({error} on failure)."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = handle(json.loads(line))
        except Exception as e:  # report and keep serving
            traceback.print_exc(file=sys.stderr)
            out = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
