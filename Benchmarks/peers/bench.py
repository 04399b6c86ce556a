"""Liaison against networkx, igraph, networkit, rustworkx and scipy on the same files.

Called by ./run (which builds Liaison and prepares the virtual environment):

    python bench.py --liaison BIN --work DIR [--sizes 10000,100000,1000000] [--repeats 3]
                    [--workloads load,reach,...] [--results PATH]

Steps: generate each dataset with `liaison generate --people N --seed S` (kept in DIR
and reused), prepare the arrays every peer builds its graph from, run every workload
for Liaison (whole CLI processes) and for each peer (one subprocess per peer, workload
and thread count, with a timeout), check that the answers agree, write RESULTS.md.
See README.md for what is timed.
"""

import argparse
import hashlib
import json
import math
import os
import pickle
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import threading
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import common  # noqa: E402
import checks  # noqa: E402

PEERS = ["igraph", "networkit", "rustworkx", "scipy", "networkx"]
SEED = 42
PAIR_SEED = 12345
SOURCE_SEED = 7
LOUVAIN_SEED = 42
TOPK = 10
KPATHS = 5
APPROX_EPS = 0.05
PREPARED_VERSION = 2
APPROX_CONFIDENCE = 0.95  # `liaison brokers --sample` states its bound at 95 %

# Per size: how many pairs for k paths, and how many sampled sources for the
# betweenness workloads (None = exact). Large sizes use the documented sampled
# variant (Brandes-Pich pivots; the same sources for Liaison and igraph).
SIZE_PARAMS = {
    10_000: {"kpairs": 100, "sources": None, "eps": 0.05},
    100_000: {"kpairs": 10, "sources": 200, "eps": 0.1},
    1_000_000: {"kpairs": 5, "sources": 30, "eps": None},
}
# Peers that cannot hold the larger graphs (networkx: Python objects per tie, ~10+ GB at 10 M ties).
PEER_MAX_PEOPLE = {"networkx": 100_000}


def size_params(n):
    if n in SIZE_PARAMS:
        return SIZE_PARAMS[n]
    return ({"kpairs": 100, "sources": None, "eps": 0.05} if n <= 20_000 else
            {"kpairs": 10, "sources": 50, "eps": 0.1})

# Workloads: label, peers in the order tried (expected fastest first), whether
# Liaison's command takes --threads, and how Liaison's compute time is read.
WORKLOADS = [
    ("load", "load ties.csv into a graph", ["scipy", "rustworkx", "networkit", "igraph", "networkx"], True),
    ("reach", "2-hop reach for everyone", ["igraph", "scipy", "networkx"], True),
    ("paths", "1,000 strongest paths", ["networkit", "networkx", "igraph", "scipy", "rustworkx"], True),
    ("kpaths", "k = 5 strongest paths (Yen)", ["igraph", "networkx"], False),
    ("betweenness", "betweenness, unweighted", ["igraph", "networkit", "rustworkx", "networkx"], True),
    ("betweenness_weighted", "betweenness, weighted", ["igraph", "networkit", "networkx"], True),
    ("betweenness_approx", "approximate betweenness (±ε with 95 %)", ["networkit"], True),
    ("adamic_adar", "top-10 Adamic–Adar for everyone", ["scipy", "igraph", "networkit"], True),
    ("burt", "Burt constraint + effective size", ["igraph", "scipy", "networkx"], True),
    ("communities", "communities (Louvain) + modularity", ["networkit", "igraph", "networkx"], True),
    ("render", "rendering: ego network of the best-connected person (SVG)", [], False),
]
WORKLOAD_NAMES = [w[0] for w in WORKLOADS]


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def human_size(n):
    return f"{n // 1_000_000} M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000} k" if n % 1000 == 0 else str(n))


# ---------------------------------------------------------------------------
# Processes: wall time, peak RSS (wait4), timeout


def run_process(argv, env=None, timeout=None, stdout=subprocess.DEVNULL):
    """Runs argv; returns dict(wall, maxrss_mib, rc, stderr, timed_out).

    Peak memory comes from `/usr/bin/time -f %M`, not from wait4's ru_maxrss: on Linux a
    child's ru_maxrss starts at its parent's high-water mark at fork (it survives exec),
    so wait4 would report at least this driver's own size."""
    import tempfile
    fd, rss_file = tempfile.mkstemp(prefix="rss-", suffix=".txt")
    os.close(fd)
    argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + list(argv)
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    timed_out = {"v": False}

    def kill():
        timed_out["v"] = True
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    err_chunks = []
    reader = threading.Thread(target=lambda: err_chunks.append(p.stderr.read()))
    reader.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if timer:
        timer.cancel()
    reader.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    maxrss = None
    try:
        for line in open(rss_file):
            if line.strip().isdigit():
                maxrss = int(line.strip()) / 1024.0
        os.remove(rss_file)
    except OSError:
        pass
    return {"wall": wall, "maxrss_mib": maxrss, "rc": p.returncode,
            "stderr": b"".join(err_chunks).decode("utf-8", "replace"), "timed_out": timed_out["v"]}


# ---------------------------------------------------------------------------
# Datasets


def dataset(args, n):
    folder = os.path.join(args.work, f"people-{n}-seed-{SEED}")
    ties = os.path.join(folder, "ties.csv")
    stamp = os.path.join(folder, "generated.json")
    cmd = [args.liaison, "generate", "--people", str(n), "--seed", str(SEED), "--out", folder, "--quiet"]
    generator = args.generator
    if not (os.path.exists(stamp) and json.load(open(stamp)).get("command") == cmd[1:]
            and json.load(open(stamp)).get("generator") == generator):
        log(f"generating {n} people: {' '.join(cmd)}")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        json.dump({"command": cmd[1:], "seconds": time.perf_counter() - t0, "generator": generator}, open(stamp, "w"))
        for f in ("prepared.npz", "meta.json"):
            if os.path.exists(os.path.join(folder, f)):
                os.remove(os.path.join(folder, f))
    prepared = os.path.join(folder, "prepared.npz")
    meta_path = os.path.join(folder, "meta.json")
    if not os.path.exists(prepared) or json.load(open(meta_path)).get("prepared") != PREPARED_VERSION:
        log(f"preparing arrays for {n} people")
        prepare(folder, ties, prepared, meta_path, n)
    meta = json.load(open(meta_path))
    meta.update({"folder": folder, "ties_csv": ties, "prepared": prepared,
                 "generate": "liaison " + " ".join(shlex.quote(c) for c in cmd[1:-3] + ["--out", "DIR"])})
    return meta


def prepare(folder, ties, prepared, meta_path, n_people):
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components
    u, v, s, ids = common.read_ties(ties)
    rows = len(u)
    u, v, s = common.canonical_edges(u, v, s)
    n = len(ids)
    q = common.quantised_cost(s)
    A = sp.csr_matrix((np.ones(len(u)), (u, v)), shape=(n, n))
    ncomp, labels = connected_components(A, directed=False)
    giant = np.flatnonzero(labels == np.bincount(labels).argmax())
    rng = np.random.default_rng(PAIR_SEED)
    pairs = []
    while len(pairs) < 1000:
        a, b = rng.choice(giant, 2, replace=False)
        pairs.append((int(a), int(b)))
    kpairs = pairs[:100]
    np.savez(prepared, n=n, u=u, v=v, s=s.astype(np.float32).astype(np.float64), q=q, ids=ids,
             pairs=np.asarray(pairs, dtype=np.int64), kpairs=np.asarray(kpairs, dtype=np.int64))
    with open(os.path.join(folder, "pairs-1000.csv"), "w") as f:
        f.write("from,to\n")
        for a, b in pairs:
            f.write(f"{ids[a]},{ids[b]}\n")
    deg = np.bincount(np.r_[u, v], minlength=n)
    json.dump({"prepared": PREPARED_VERSION, "hub": int(ids[int(np.argmax(deg))]), "people": int(n), "ties": int(len(u)), "rows": int(rows), "components": int(ncomp),
               "giant": int(len(giant)), "maxDegree": int(deg.max()), "meanDegree": float(deg.mean()),
               "csvMiB": os.path.getsize(ties) / 2**20, "requestedPeople": n_people},
              open(meta_path, "w"))


# ---------------------------------------------------------------------------
# Liaison


PHASE = {
    "reach": re.compile(r"two-hop reach for all: ([0-9.]+) s"),
    "adamic_adar": re.compile(r"top-\d+ \w+ per person: ([0-9.]+) s"),
    "communities": re.compile(r"communities: ([0-9.]+) s"),
    "render": re.compile(r"render \w+ \(.*?\): ([0-9.]+) s"),
}
LOAD = re.compile(r"load: ([0-9.]+) s")
BROKERS_TOP = {"betweenness": True, "betweenness_weighted": True, "betweenness_approx": True, "burt": True}


def liaison_invocations(args, meta, workload, threads, sp):
    """[(argv, output file)] for one repetition of the workload."""
    L, ties, out = args.liaison, meta["ties_csv"], os.path.join(args.work, "out")
    os.makedirs(out, exist_ok=True)
    tag = f"{meta['people']}-{workload}-t{threads}"
    th = ["--threads", str(threads)]
    if workload == "load":
        th = th if liaison_has_option(L, "stats", "--threads") else []
        return [([L, "stats", ties, "--format", "json", "--output", f"{out}/{tag}.json"] + th, f"{out}/{tag}.json")]
    if workload == "reach":
        return [([L, "reach", ties, "--all", "--format", "csv", "--output", f"{out}/{tag}.csv"] + th, f"{out}/{tag}.csv")]
    if workload == "paths":
        pf = os.path.join(meta["folder"], "pairs-1000.csv")
        return [([L, "path", ties, "--pairs", pf, "--format", "csv", "--output", f"{out}/{tag}.csv"] + th,
                 f"{out}/{tag}.csv")]
    if workload == "kpaths":
        d = np.load(meta["prepared"])
        ids, kp = d["ids"], d["kpairs"][: sp["kpairs"]]
        return [([L, "path", ties, "--from", str(ids[a]), "--to", str(ids[b]), "--k", str(KPATHS), "--max-hops", "0",
                  "--any-first-hop", "--format", "json", "--output", f"{out}/{tag}-{i}.json"], f"{out}/{tag}-{i}.json")
                for i, (a, b) in enumerate(kp)]
    if workload in ("betweenness", "betweenness_weighted", "betweenness_approx", "burt"):
        extra = ["--weighted"] if workload == "betweenness_weighted" else []
        if workload == "burt":
            extra += ["--sample", "1"]
        elif workload == "betweenness_approx":
            extra += ["--sample", str(common.hoeffding_samples(meta["people"], sp["eps"], APPROX_CONFIDENCE))]
        elif sp["sources"] is not None:
            extra += ["--sample", str(sp["sources"]), "--seed", str(SOURCE_SEED)]
        # Timed with the command's default listing (--top 20): every value is computed for everyone,
        # only the rows written differ; the full answer (--top 0) comes from one untimed run.
        return [([L, "brokers", ties, "--top", "20", "--format", "csv", "--output", f"{out}/{tag}.csv"] + extra + th,
                 f"{out}/{tag}.csv")]
    if workload == "adamic_adar":
        return [([L, "introduce", ties, "--top", str(TOPK), "--per-person", "--format", "csv", "--output",
                  f"{out}/{tag}.csv"] + th, f"{out}/{tag}.csv")]
    if workload == "render":
        return [([L, "render", ties, "--view", "ego", "--ego", str(meta["hub"]), "--engine", "sfdp", "--output",
                  f"{out}/{tag}.svg"], f"{out}/{tag}.svg")]
    if workload == "communities":
        method = ["--method", "louvain"] if liaison_has_option(L, "communities", "--method") else []
        th = th if liaison_has_option(L, "communities", "--threads") else []
        return [([L, "communities", ties, "--seed", str(LOUVAIN_SEED)] + method + ["--format", "csv", "--output",
                  f"{out}/{tag}.csv"] + th, f"{out}/{tag}.csv")]
    raise ValueError(workload)


def run_liaison(args, meta, workload, threads, sp, timeout):
    env = dict(os.environ, LIAISON_TIMINGS="1")
    reps, walls, loads, computes, rss = [], [], [], [], []
    outputs = None
    for rep in range(args.repeats):
        wall = load = compute = 0.0
        peak = 0.0
        outputs = []
        for argv, out in liaison_invocations(args, meta, workload, threads, sp):
            r = run_process(argv, env=env, timeout=timeout)
            if r["rc"] != 0:
                return {"error": f"exit {r['rc']}{' (timeout)' if r['timed_out'] else ''}: "
                                 f"{r['stderr'].strip().splitlines()[-1:] if r['stderr'].strip() else ''}",
                        "command": " ".join(argv)}
            m = LOAD.search(r["stderr"])
            ld = float(m.group(1)) if m else float("nan")
            if workload == "load":
                c = ld
            elif workload in PHASE and PHASE[workload].search(r["stderr"]):
                c = float(PHASE[workload].search(r["stderr"]).group(1))
            else:
                c = r["wall"] - ld
            notes = [x for x in r["stderr"].splitlines() if x.strip()][-5:]
            wall += r["wall"]
            load += ld
            compute += c
            peak = max(peak, r["maxrss_mib"] or 0.0)
            outputs.append(out)
        walls.append(wall)
        loads.append(load)
        computes.append(compute)
        rss.append(peak)
        if wall > args.single_run_above:
            break
    return {"compute": computes, "wall": walls, "load": loads, "maxrss_mib": max(rss), "outputs": outputs,
            "notes": notes,
            "command": " ".join(shlex.quote(a) for a in liaison_invocations(args, meta, workload, threads, sp)[0][0]),
            "invocations": len(outputs)}


# ---------------------------------------------------------------------------
# Peers


def peer_params(workload, meta, sp):
    n = meta["people"]
    if workload == "paths":
        return {"pairs": np.load(meta["prepared"])["pairs"].tolist()}
    if workload == "kpaths":
        return {"pairs": np.load(meta["prepared"])["kpairs"][: sp["kpairs"]].tolist(), "k": KPATHS}
    if workload in ("betweenness", "betweenness_weighted"):
        if sp["sources"] is None:
            return {}
        return {"sources": common.splitmix_sources(n, sp["sources"], SOURCE_SEED), "samples": sp["sources"]}
    if workload == "betweenness_approx":
        return {"epsilon": sp["eps"], "delta": 1 - APPROX_CONFIDENCE, "seed": 1}
    if workload == "adamic_adar":
        return {"k": TOPK}
    if workload == "communities":
        return {"seed": LOUVAIN_SEED}
    return {}


def run_peer(args, meta, lib, workload, threads, params, timeout):
    out = os.path.join(args.work, "out", f"{meta['people']}-{workload}-{lib}-t{threads}")
    spec = {"lib": lib, "workload": workload, "ties": meta["ties_csv"], "prepared": meta["prepared"],
            "threads": threads, "repeats": args.repeats, "params": params, "out": out,
            "single_run_above": args.single_run_above}
    with open(out + ".spec.json", "w") as f:
        json.dump(spec, f)
    for ext in (".json", ".pkl"):
        if os.path.exists(out + ext):
            os.remove(out + ext)
    r = run_process([sys.executable, os.path.join(HERE, "worker.py"), out + ".spec.json"], timeout=timeout)
    if r["timed_out"]:
        return {"stopped": timeout, "maxrss_mib": r["maxrss_mib"]}
    if r["rc"] != 0:
        lines = [x for x in r["stderr"].strip().splitlines() if x.strip()]
        if lines and "NotImplementedError" in lines[-1]:
            return {"na": lines[-1].split(":", 1)[-1].strip()}
        return {"error": (lines[-1] if lines else f"exit {r['rc']}")[:200], "maxrss_mib": r["maxrss_mib"]}
    t = json.load(open(out + ".json"))
    return {"compute": t["compute"], "build": t["build"], "maxrss_mib": r["maxrss_mib"], "wall": r["wall"],
            "answer": out + ".pkl"}


def supports(lib, workload):
    mod = __import__("peer_" + lib)
    return workload == "load" or hasattr(mod, workload)


# ---------------------------------------------------------------------------
# Main loop


def median(xs):
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--liaison", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--single-run-above", type=float, default=5.0,
                    help="a first run longer than this (s) is not repeated")
    ap.add_argument("--workloads", default=",".join(WORKLOAD_NAMES))
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--cap", type=float, default=200.0, help="timeout (s) of any one process")
    ap.add_argument("--slack", type=float, default=1.25,
                    help="a peer is stopped after slack x the fastest peer's time so far (plus set-up)")
    ap.add_argument("--results", default=None)
    ap.add_argument("--command", default=None, help="the command line to print in RESULTS.md")
    ap.add_argument("--build-info", default="{}")
    ap.add_argument("--prepare-only", action="store_true", help="generate and prepare the datasets, then stop")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite RESULTS.md from the last run's state ($BENCH_WORK/run.json), running nothing")
    ap.add_argument("--recheck", action="store_true",
                    help="run the agreement checks again on the last run's saved answers, then rewrite RESULTS.md")
    args = ap.parse_args()
    args.generator = json.loads(args.build_info).get("generator")
    sizes = [int(x) for x in args.sizes.split(",")]
    wanted = args.workloads.split(",")
    peers_wanted = args.peers.split(",")
    thread_counts = [int(x) for x in args.threads.split(",")]
    os.makedirs(args.work, exist_ok=True)
    run = {"started": time.time(), "load_start": os.getloadavg(), "sizes": [], "rows": [], "notes": [],
           "command": args.command, "build": json.loads(args.build_info), "repeats": args.repeats,
           "cap": args.cap, "slack": args.slack, "single_run_above": args.single_run_above,
           "work": os.path.abspath(args.work), "liaison": args.liaison, "rss_method": "/usr/bin/time %M"}
    stopped_before = {}  # (lib, workload) -> size at which it was stopped
    previous = {}  # (who, workload, threads) -> (seconds, work units) at the last size that ran
    render_available = liaison_has(args.liaison, "render")
    exact_betweenness = {}  # size -> Liaison's exact normalised betweenness (checked against a peer)

    if args.recheck:
        state = json.load(open(os.path.join(args.work, "run.json")))
        recheck(state, thread_counts)
        save_state(args, state)
        args.report_only = True
    if args.report_only:
        import report
        report.write(json.load(open(os.path.join(args.work, "run.json"))),
                     args.results or os.path.join(os.path.dirname(HERE), "RESULTS.md"))
        return
    if args.prepare_only:
        for n in sizes:
            dataset(args, n)
        return
    for n in sizes:
        meta = dataset(args, n)
        sp = size_params(n)
        stats_json = None
        run["sizes"].append({"n": n, "meta": meta, "params": sp})
        for name, label, peer_order, liaison_threaded in WORKLOADS:
            if name not in wanted:
                continue
            if name == "betweenness_approx" and sp["eps"] is None:
                run["rows"].append({"size": n, "workload": name, "label": label, "threads": None,
                                    "not_run": "not run at this size: every side needs thousands of full "
                                               "shortest-path searches (estimated well over the time budget)"})
                continue
            if name == "render":
                if not render_available:
                    run["rows"].append({"size": n, "workload": name, "label": label, "threads": None,
                                        "not_run": "`liaison render` is not in this build of the CLI"})
                else:
                    run_render(args, run, meta, sp, label)
                    save_state(args, run)
                continue
            answers = {}
            peer_results_by_t = {}
            # When every peer would be skipped at this size (stopped earlier or estimated over the
            # timeout), there is nothing to compare with: do not run Liaison either.
            reasons = []
            for lib in peer_order:
                if lib not in peers_wanted or not supports(lib, name) or n > PEER_MAX_PEOPLE.get(lib, n):
                    continue
                ts = [t for t in thread_counts if (lib, name, t) not in stopped_before]
                ests = [estimate(previous.get((lib, name, t)), name, meta, sp) for t in ts]
                if ts and not all(e is not None and e > args.cap for e in ests):
                    reasons = None
                    break
                reasons.append(f"{lib} " + (f"estimated {min(ests):.0f} s from the smaller size" if ts else
                                            "stopped at a smaller size"))
            if reasons is not None and n != sizes[0]:
                run["rows"].append({"size": n, "workload": name, "label": label, "threads": None,
                                    "not_run": "not run: no peer fits the timeout at this size ("
                                               + "; ".join(reasons) + f"; timeout {args.cap:.0f} s)"})
                save_state(args, run)
                continue
            for t in thread_counts:
                row = {"size": n, "workload": name, "label": label, "threads": t, "peers": {}}
                # Liaison
                if liaison_threaded or t == thread_counts[0]:
                    est = estimate(previous.get(("liaison", name, t)), name, meta, sp)
                    if est is not None and est > args.cap:
                        lr = {"skipped": f"estimated {est:.0f} s from the smaller size (timeout {args.cap:.0f} s)"}
                    else:
                        log(f"{human_size(n)} {name} t{t}: liaison")
                        lr = run_liaison(args, meta, name, t, sp, args.cap)
                        answers[("liaison", t)] = lr.get("outputs")
                        if lr.get("outputs") and t == thread_counts[0] and BROKERS_TOP.get(name):
                            argv, out = liaison_invocations(args, meta, name, t, sp)[0]
                            full = out[:-4] + "-all.csv"
                            i = argv.index("--top")
                            argv = argv[:i + 1] + ["0"] + argv[i + 2:]
                            argv[argv.index("--output") + 1] = full
                            r = run_process(argv, timeout=args.cap)
                            if r["rc"] == 0:
                                answers[("liaison_full", t)] = [full]
                                lr["answer_command"] = "the same with --top 0 (untimed) for the agreement check"
                        c = median(lr.get("compute", []))
                        if c is not None:
                            previous[("liaison", name, t)] = (c, work_units(name, meta, sp))
                else:
                    lr = dict(run_rows_lookup(run, n, name, thread_counts[0])["liaison"], reused=True)
                row["liaison"] = lr
                # Peers
                best = None
                # Single-threaded peers measured at the first thread count come first (they set the bar).
                order = sorted(peer_order, key=lambda lib: 0 if (t != thread_counts[0] and lib in peer_results_by_t.get("_single", set())) else 1)
                for lib in order:
                    if lib not in peers_wanted:
                        continue
                    mod = __import__("peer_" + lib)
                    if not supports(lib, name):
                        continue
                    threaded = name in mod.THREADED
                    if not threaded:
                        peer_results_by_t.setdefault("_single", set()).add(lib)
                    if not threaded and t != thread_counts[0]:
                        prev = peer_results_by_t.get((lib, thread_counts[0]))
                        if prev is not None:
                            row["peers"][lib] = dict(prev, reused=True)
                            first = run_rows_lookup(run, n, name, thread_counts[0])
                            for key in ("partial_peers", "splits"):
                                if lib in first.get(key, {}):
                                    row.setdefault(key, {})[lib] = first[key][lib]
                            c = median(prev.get("compute", []))
                            if c is not None:
                                best = c if best is None else min(best, c)
                        continue
                    if (lib, name, t) in stopped_before:
                        row["peers"][lib] = {"skipped": f"stopped at {human_size(stopped_before[(lib, name, t)])} people"}
                        continue
                    if n > PEER_MAX_PEOPLE.get(lib, n):
                        row["peers"][lib] = {"skipped": "graph too large for this library's memory model"}
                        continue
                    est = estimate(previous.get((lib, name, t)), name, meta, sp)
                    if est is not None and est > args.cap:
                        row["peers"][lib] = {"skipped": f"estimated {est:.0f} s from the smaller size"}
                        continue
                    params = peer_params(name, meta, sp)
                    if name in ("betweenness", "betweenness_weighted") and sp["sources"] is not None and lib == "rustworkx":
                        continue
                    timeout = args.cap
                    if best is not None:  # stop a peer once it cannot be the fastest
                        reps = args.repeats if best < args.single_run_above else 1
                        timeout = min(args.cap, 5 + 30 * n / 1e6 + args.slack * best * reps)
                    log(f"{human_size(n)} {name} t{t}: {lib} (timeout {timeout:.0f} s)")
                    pr = run_peer(args, meta, lib, name, t, params, timeout)
                    peer_results_by_t[(lib, t)] = pr
                    row["peers"][lib] = pr
                    if "stopped" in pr:
                        stopped_before[(lib, name, t)] = n
                    c = median(pr.get("compute", []))
                    if c is not None:
                        previous[(lib, name, t)] = (c, work_units(name, meta, sp))
                        answers[(lib, t)] = pr["answer"]
                        if name == "burt":
                            a = pickle.load(open(pr["answer"], "rb"))
                            if "effectiveSize" not in a:
                                row.setdefault("partial_peers", {})[lib] = True
                                continue  # not a candidate on its own
                            if "_seconds" in a:
                                sec = a["_seconds"]
                                row.setdefault("splits", {})[lib] = {
                                    k: c * x / sum(sec.values()) for k, x in sec.items()}
                        best = c if best is None else min(best, c)
                run["rows"].append(row)
            # Agreement, once per workload and size
            try:
                cmeta = dict(meta, _exact_betweenness=exact_betweenness.get(n))
                verdict = checks.check(name, cmeta, sp, answers, run_rows(run, n, name), KPATHS, TOPK, sp["eps"])
                if name == "betweenness" and sp["sources"] is None and verdict["ok"]:
                    d = common.load_prepared(meta["prepared"])
                    out = answers.get(("liaison_full", thread_counts[0])) or answers.get(("liaison", thread_counts[0]))
                    exact_betweenness[n] = checks._brokers(out[0], d, "betweenness", missing=0.0)
            except Exception as e:  # a failing check must not lose the timings
                verdict = {"ok": False, "text": f"check crashed: {type(e).__name__}: {e}"}
            for r in run_rows(run, n, name):
                r["agreement"] = verdict
            if name == "load":
                out = answers.get(("liaison", thread_counts[0]))
                if out:
                    stats_json = json.load(open(out[0]))
                    meta["coreBytesPerTie"] = stats_json.get("coreBytesPerTie")
                    meta["coreBytes"] = stats_json.get("coreBytes")
            log(f"{human_size(n)} {name}: agreement {verdict['ok']}: {verdict['text'][:150]}")
            save_state(args, run)
    run["finished"] = time.time()
    run["load_end"] = os.getloadavg()
    save_state(args, run)
    log(f"wrote {args.results or os.path.join(os.path.dirname(HERE), 'RESULTS.md')}")


def work_units(name, meta, sp):
    """A rough measure of a workload's work at one size, to estimate the next size's time."""
    n, m = meta["people"], meta["ties"]
    if name in ("betweenness", "betweenness_weighted"):
        return (sp["sources"] or n) * m
    if name == "betweenness_approx":
        return common.hoeffding_samples(n, sp["eps"], APPROX_CONFIDENCE) * m
    if name == "kpaths":
        return sp["kpairs"] * m
    return m


def estimate(prev, name, meta, sp):
    """Estimated seconds at this size from the time at the previous size (None: no basis)."""
    if prev is None:
        return None
    seconds, units = prev
    return seconds * work_units(name, meta, sp) / units


def run_render(args, run, meta, sp, label):
    """Liaison draws the ego network of the best-connected person (sfdp, in-process libgvc);
    the peer is Graphviz's own `sfdp -Tsvg` program on the DOT text Liaison lays out."""
    n = meta["people"]
    log(f"{human_size(n)} render: liaison")
    lr = run_liaison(args, meta, "render", 1, sp, args.cap)
    row = {"size": n, "workload": "render", "label": label, "threads": 1, "liaison": lr, "peers": {}}
    verdict = {"ok": None, "text": "not compared"}
    if "outputs" in lr:
        dot = lr["outputs"][0][:-4] + ".dot"
        argv = liaison_invocations(args, meta, "render", 1, sp)[0][0]
        i = argv.index("--output")
        r = run_process(argv[:i] + ["--output", dot, "--format", "dot"])
        if r["rc"] == 0:
            svg = os.path.join(args.work, "out", f"{n}-render-graphviz.svg")
            times, rss = [], 0.0
            for _ in range(args.repeats):
                log(f"{human_size(n)} render: graphviz sfdp")
                pr = run_process(["sfdp", "-Tsvg", dot, "-o", svg], timeout=args.cap)
                if pr["rc"] != 0:
                    row["peers"]["graphviz sfdp"] = {"error": pr["stderr"].strip()[-200:] or f"exit {pr['rc']}"}
                    break
                times.append(pr["wall"])
                rss = max(rss, pr["maxrss_mib"] or 0.0)
                if pr["wall"] > args.single_run_above:
                    break
            if times:
                row["peers"]["graphviz sfdp"] = {"compute": times, "maxrss_mib": rss}
                verdict = checks.check_render(lr["outputs"][0], svg, meta)
    row["agreement"] = verdict
    run["rows"].append(row)
    run["rows"].append(dict(row, threads=2))
    log(f"{human_size(n)} render: agreement {verdict['ok']}: {verdict['text'][:150]}")


def recheck(run, thread_counts):
    """The agreement checks again, on the answers the run saved (timings untouched)."""
    for size in run["sizes"]:
        n, meta, sp = size["n"], size["meta"], size["params"]
        exact = None
        for name, *_ in WORKLOADS:
            rows = [r for r in run_rows(run, n, name) if "not_run" not in r]
            if name == "render" or not rows:
                continue
            answers = {}
            for r in rows:
                t = r["threads"]
                out = r.get("liaison", {}).get("outputs")
                if out:
                    answers[("liaison", t)] = out
                    full = out[0][:-4] + "-all.csv"
                    if BROKERS_TOP.get(name) and os.path.exists(full):
                        answers[("liaison_full", t)] = [full]
                for lib, pr in r.get("peers", {}).items():
                    if pr.get("compute") and pr.get("answer"):
                        answers[(lib, t)] = pr["answer"]
            try:
                verdict = checks.check(name, dict(meta, _exact_betweenness=exact), sp, answers, rows, KPATHS, TOPK,
                                       sp["eps"])
                if name == "betweenness" and sp["sources"] is None and verdict["ok"]:
                    d = common.load_prepared(meta["prepared"])
                    liaison = answers.get(("liaison_full", thread_counts[0])) or answers.get(("liaison", thread_counts[0]))
                    exact = checks._brokers(liaison[0], d, "betweenness", missing=0.0)
            except Exception as e:
                verdict = {"ok": False, "text": f"check crashed: {type(e).__name__}: {e}"}
            for r in rows:
                r["agreement"] = verdict
            log(f"{human_size(n)} {name}: agreement {verdict['ok']}: {verdict['text'][:150]}")
    note = ("Agreement checks run again on the answers this run saved (`bench.py --recheck`, "
            + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()) + "); the timings are the run's.")
    run["notes"] = [x for x in run.get("notes", []) if not x.startswith("Agreement checks run again")] + [note]


def run_rows(run, n, name):
    return [r for r in run["rows"] if r["size"] == n and r["workload"] == name]


def run_rows_lookup(run, n, name, t):
    return next(r for r in run["rows"] if r["size"] == n and r["workload"] == name and r["threads"] == t)


def save_state(args, run):
    with open(os.path.join(args.work, "run.json"), "w") as f:
        json.dump(run, f, indent=1, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))
    # RESULTS.md after every workload, so a run stopped early still leaves its measurements
    # (the report says that the run did not finish).
    import report
    try:
        report.write(json.loads(json.dumps(run, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))),
                     args.results or os.path.join(os.path.dirname(HERE), "RESULTS.md"))
    except Exception as e:  # the report must not stop the run
        log(f"report failed: {type(e).__name__}: {e}")


_HELP = {}


def liaison_has_option(binary, command, option):
    if (binary, command) not in _HELP:
        _HELP[(binary, command)] = subprocess.run([binary, command, "--help"], capture_output=True, text=True).stdout
    return option in _HELP[(binary, command)]


def liaison_has(binary, command):
    r = subprocess.run([binary, "--help"], capture_output=True, text=True)
    return re.search(rf"^\s+{command}\b", r.stdout, re.M) is not None


if __name__ == "__main__":
    main()
