#!/usr/bin/env python3
"""Check `liaison communities` against networkx.

For each input (anything `liaison communities` reads), runs Leiden and Louvain
with the same seed, exports the network as Liaison sees it (tie strength as the
weight, `liaison export --to csv`), and recomputes each partition's modularity
with networkx `community.modularity(G, parts, weight="weight", resolution=γ)`.
Prints one row per input: Leiden Q, Louvain Q, the networkx values, whether
Leiden >= Louvain and whether every Leiden community is connected. Exit code 1
when a check fails.

Usage:
  python3 scripts/check-modularity.py [--liaison BINARY] [--seed S] [--resolution G] INPUT...
  (needs networkx: python3 -m venv v && v/bin/pip install networkx)
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--liaison", default=".build/release/liaison")
    ap.add_argument("--seed", default="42")
    ap.add_argument("--resolution", type=float, default=1.0)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    ok = True
    print("| input | people | ties | Leiden Q | Louvain Q | networkx Q (Leiden / Louvain) | Leiden ≥ Louvain | connected |")
    print("|---|---|---|---|---|---|---|---|")
    for path in args.inputs:
        with tempfile.TemporaryDirectory() as tmp:
            run([args.liaison, "export", path, "--to", "csv", "--output", os.path.join(tmp, "g.csv")])
            g = nx.Graph()
            with open(os.path.join(tmp, "g-people.csv"), newline="") as f:
                g.add_nodes_from(row["id"] for row in csv.DictReader(f))
            with open(os.path.join(tmp, "g-ties.csv"), newline="") as f:
                for row in csv.DictReader(f):
                    g.add_edge(row["source"], row["target"], weight=float(row["strength"]))
        results = {}
        for method in ("leiden", "louvain"):
            out = run([args.liaison, "communities", path, "--method", method, "--seed", args.seed,
                       "--resolution", str(args.resolution), "--format", "json"])
            answer = json.loads(out)
            parts = [{m["id"] for m in c["members"]} for c in answer["communities"]]
            q_nx = nx.community.modularity(g, parts, weight="weight", resolution=args.resolution)
            connected = all(nx.is_connected(g.subgraph(p)) for p in parts)
            results[method] = (answer["modularity"], q_nx, connected, len(parts))
            if abs(answer["modularity"] - q_nx) > 1e-9:
                ok = False
                print(f"{path}: {method} reports Q = {answer['modularity']}, networkx says {q_nx}", file=sys.stderr)
        le, lo = results["leiden"], results["louvain"]
        at_least = le[0] >= lo[0] - 1e-12
        ok = ok and at_least and le[2]
        name = os.path.basename(path)
        print(f"| {name} | {g.number_of_nodes()} | {g.number_of_edges()} | {le[0]:.5f} ({le[3]}) | {lo[0]:.5f} ({lo[3]}) "
              f"| {le[1]:.5f} / {lo[1]:.5f} | {'yes' if at_least else 'NO'} | {'yes' if le[2] else 'NO'} |")
        sys.stdout.flush()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
