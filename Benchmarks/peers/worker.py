"""One peer library, one workload, one dataset: runs in its own process.

    python worker.py SPEC.json

SPEC: {"lib", "workload", "ties" (CSV path), "prepared" (npz path), "threads",
"repeats", "params", "out"}. Thread variables are set before any library is
imported. Writes OUT.json (timings) and OUT.pkl (the answer of the last repeat).
The workload "load" times ties.csv -> the library's graph; every other workload
builds its graph from the prepared arrays (not timed: load is its own workload)
and times only the computation.
"""

import importlib
import json
import os
import pickle
import sys
import time


def main():
    spec = json.load(open(sys.argv[1]))
    threads = str(spec["threads"])
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ[var] = threads
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import warnings
    warnings.filterwarnings("ignore")
    import common

    mod = importlib.import_module("peer_" + spec["lib"])
    if hasattr(mod, "setup"):
        mod.setup(int(threads))
    params = spec.get("params") or {}
    timings = {"compute": [], "build": None}
    answer = None
    if spec["workload"] == "load":
        for _ in range(spec["repeats"]):
            t0 = time.perf_counter()
            g, answer = mod.load_csv(spec["ties"])
            timings["compute"].append(time.perf_counter() - t0)
            del g
            if timings["compute"][-1] > spec.get("single_run_above", 1e9):
                break
    else:
        d = common.load_prepared(spec["prepared"])
        t0 = time.perf_counter()
        g = mod.build(d, spec["workload"])
        timings["build"] = time.perf_counter() - t0
        fn = getattr(mod, spec["workload"])
        for _ in range(spec["repeats"]):
            t0 = time.perf_counter()
            answer = fn(g, params)
            timings["compute"].append(time.perf_counter() - t0)
            if timings["compute"][-1] > spec.get("single_run_above", 1e9):
                break
    with open(spec["out"] + ".pkl", "wb") as f:
        pickle.dump(answer, f, protocol=pickle.HIGHEST_PROTOCOL)
    with open(spec["out"] + ".json", "w") as f:
        json.dump(timings, f)


if __name__ == "__main__":
    main()
