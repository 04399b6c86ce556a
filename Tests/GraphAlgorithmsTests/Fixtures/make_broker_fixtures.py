#!/usr/bin/env python3
"""Writes broker_fixtures.json: networkx 3.6.1 reference values for Liaison's
structural-holes, betweenness, ego-betweenness, brokerage and Yen tests.

Run from this folder:  PYTHONHASHSEED=0 python3 make_broker_fixtures.py
(networkx sums Burt's terms over Python sets, whose order for string node
names depends on the hash seed: values move in the last bit without it.)

Conventions pinned here (see Guides/Brokerage.md and Guides/BrokerPaths.md):
* Strengths are written as float32-exact values (dyadic or float32-rounded), so
  Liaison's Float strengths equal networkx's doubles exactly.
  Karate weights w (1..7) become w/8, Les Miserables weights (1..31) w/32;
  the other named graphs get seeded strengths k/64.
* Burt measures: weight = strength, always called with nodes=list(G) (the
  correct loop path of effective_size; trap 1). NaN (isolates) -> null.
  "unweighted" = weight=None (Borgatti's n - 2t/n for effective size).
* Betweenness: "unweighted" = weight=None; "weighted" = Liaison's quantised
  cost, the integer max(1, floor(-ln(s) * 1e6 + 0.5)), so shortest-path ties are
  exact integers in both implementations (the float-tie policy, trap 8).
  Raw = normalized=False (unordered pairs); normalised = normalized=True.
* Ego betweenness: nx.betweenness_centrality(nx.ego_graph(G, v), normalized=False)[v].
* Brokerage: R sna::brokerage(g, cl)$raw.nli ordered counts, computed by
  Rscript when R and sna are installed (apt-get install r-cran-sna; sna 2.7.1
  here) and asserted equal to the re-implementation of sna's counting rule
  below; without R the re-implementation alone is written ("brokerageSource").
* Yen: the first k paths of nx.shortest_simple_paths with weight = quantised
  cost, written with their costs; compared per cost tier.
"""
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import tempfile

import networkx as nx
import numpy as np

SCALE = 1e6


def qcost(s):
    return max(1, int(math.floor(-math.log(s) * SCALE + 0.5)))


def f32(x):
    return float(np.float32(x))


def named_graphs():
    out = {}
    k = nx.karate_club_graph()
    for u, v, d in k.edges(data=True):
        d["strength"] = d["weight"] / 8
    out["karate"] = k
    lm = nx.les_miserables_graph()
    for u, v, d in lm.edges(data=True):
        d["strength"] = d["weight"] / 32
    out["lesmis"] = lm
    rng = random.Random(5)
    for name, g in [
        ("florentine", nx.florentine_families_graph()),
        ("davis", nx.davis_southern_women_graph()),
        ("kite", nx.krackhardt_kite_graph()),
    ]:
        g = nx.Graph(g)
        for u, v, d in g.edges(data=True):
            d["strength"] = rng.randint(1, 64) / 64
        out[name] = g
    return out


def random_graph(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    p = rng.random() * 0.35
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a in range(n):
        for b in range(a + 1, n):
            if rng.random() < p:
                g.add_edge(a, b, strength=f32(rng.randint(1, 1000) / 1000))
    return g


def clean(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return float(x)


def brokerage_counts(g, group):
    """sna::brokerage raw counts on an undirected graph seen as a symmetric
    digraph: every ordered two-path i->j->k, i != k, no arc i->k."""
    cols = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    res = {v: dict.fromkeys(cols, 0) for v in g}
    for j in g:
        nb = list(g[j])
        for i in nb:
            for k in nb:
                if i == k or g.has_edge(i, k):
                    continue
                gi, gj, gk = group[i], group[j], group[k]
                if gi == gj == gk:
                    role = "coordinator"
                elif gi == gk:
                    role = "itinerant"
                elif gj == gi:
                    role = "representative"
                elif gj == gk:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                res[j][role] += 1
    return res


SNA_SCRIPT = """
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
A <- as.matrix(read.csv(args[1], header = FALSE))
cl <- scan(args[2], quiet = TRUE)
b <- brokerage(A, cl)$raw.nli
write.table(b[, 1:5, drop = FALSE], args[3], sep = ",", row.names = FALSE, col.names = FALSE)
cat(as.character(packageVersion("sna")))
"""


def sna_counts(g, group):
    """R sna's counts, or None when R/sna are unavailable."""
    if not shutil.which("Rscript"):
        return None, None
    nodes = list(g)
    index = {v: i for i, v in enumerate(nodes)}
    labels = {x: i + 1 for i, x in enumerate(sorted(set(group.values())))}
    with tempfile.TemporaryDirectory() as d:
        adj, grp, out, script = (os.path.join(d, f) for f in ("a.csv", "g.txt", "o.csv", "s.R"))
        with open(adj, "w") as f:
            for v in nodes:
                row = [0] * len(nodes)
                for w in g[v]:
                    row[index[w]] = 1
                f.write(",".join(map(str, row)) + "\n")
        with open(grp, "w") as f:
            f.write("\n".join(str(labels[group[v]]) for v in nodes) + "\n")
        with open(script, "w") as f:
            f.write(SNA_SCRIPT)
        r = subprocess.run(["Rscript", script, adj, grp, out], capture_output=True, text=True)
        if r.returncode != 0:
            return None, None
        cols = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
        with open(out) as f:
            rows = [list(map(int, map(float, line.strip().split(",")))) for line in f if line.strip()]
        return {v: dict(zip(cols, row)) for v, row in zip(nodes, rows)}, "R sna " + r.stdout.strip()


def brokerage_entry(g, group):
    ours = brokerage_counts(g, group)
    sna, source = sna_counts(g, group) if g.number_of_nodes() >= 2 else (None, None)
    if sna is not None:
        assert sna == ours, "re-implementation disagrees with R sna"
        ours = sna
    return {"groups": [group[v] for v in g], "counts": [ours[v] for v in g],
            "source": source or "re-implementation of sna's counting rule"}


def yen_cases(g, pairs, k):
    for u, v, d in g.edges(data=True):
        d["cost"] = qcost(d["strength"])
    cases = []
    for s, t in pairs:
        try:
            paths = list(itertools.islice(nx.shortest_simple_paths(g, s, t, weight="cost"), k))
        except nx.NetworkXNoPath:
            paths = []
        cases.append({
            "from": str(s), "to": str(t), "k": k,
            "paths": [[str(x) for x in p] for p in paths],
            "costs": [sum(g[a][b]["cost"] for a, b in zip(p, p[1:])) for p in paths],
        })
    return cases


def describe(g):
    nodes = list(g)
    for u, v, d in g.edges(data=True):
        d["cost"] = qcost(d["strength"])
    entry = {
        "nodes": [str(v) for v in nodes],
        "edges": [[str(u), str(v), d["strength"]] for u, v, d in g.edges(data=True)],
    }
    res = {}
    res["constraintWeighted"] = [clean(x) for x in map(nx.constraint(g, nodes=nodes, weight="strength").get, nodes)]
    res["effectiveSizeWeighted"] = [
        clean(x) for x in map(nx.effective_size(g, nodes=nodes, weight="strength").get, nodes)]
    res["constraintUnweighted"] = [clean(x) for x in map(nx.constraint(g, nodes=nodes).get, nodes)]
    res["effectiveSizeUnweighted"] = [clean(x) for x in map(nx.effective_size(g, nodes=nodes).get, nodes)]
    for label, w in [("Unweighted", None), ("Weighted", "cost")]:
        raw = nx.betweenness_centrality(g, normalized=False, weight=w)
        norm = nx.betweenness_centrality(g, normalized=True, weight=w)
        res["betweenness" + label] = [raw[v] for v in nodes]
        res["betweennessNormalised" + label] = [norm[v] for v in nodes]
    res["egoBetweenness"] = [
        nx.betweenness_centrality(nx.ego_graph(g, v), normalized=False)[v] for v in nodes]
    return entry, res


def main():
    graphs = {}
    results = {}
    for name, g in named_graphs().items():
        graphs[name], results[name] = describe(g)
    seeds = list(range(1000, 1120))
    for seed in seeds:
        name = f"random_{seed}"
        graphs[name], results[name] = describe(random_graph(seed))

    # Brokerage: karate factions (published sna values checked in Swift) and
    # random graphs with seeded group labels.
    brokerage = {}
    k = nx.karate_club_graph()
    group = {v: k.nodes[v]["club"] for v in k}
    brokerage["karate"] = brokerage_entry(k, group)
    for seed in seeds[:40]:
        g = random_graph(seed)
        rng = random.Random(seed + 7)
        group = {v: "g%d" % rng.randint(0, 3) for v in g}
        brokerage[f"random_{seed}"] = brokerage_entry(g, group)

    # Yen: a few named pairs plus random pairs on random graphs.
    yen = {}
    ng = named_graphs()
    yen["florentine"] = yen_cases(ng["florentine"], [("Medici", "Strozzi"), ("Acciaiuoli", "Pazzi")], 6)
    yen["karate"] = yen_cases(ng["karate"], [(16, 25), (0, 33), (5, 29)], 8)
    yen["lesmis"] = yen_cases(ng["lesmis"], [("Napoleon", "Brujon"), ("Myriel", "Javert")], 5)
    yen["kite"] = yen_cases(ng["kite"], [(0, 9), (2, 8)], 10)
    for seed in seeds:
        g = random_graph(seed)
        rng = random.Random(seed + 11)
        nodes = list(g)
        pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(3)]
        pairs = [(s, t) for s, t in pairs if s != t]
        yen[f"random_{seed}"] = yen_cases(g, pairs, 5)

    out = {
        "networkx": nx.__version__,
        "costScale": SCALE,
        "randomSeeds": seeds,
        "graphs": graphs,
        "results": results,
        "brokerage": brokerage,
        "yen": yen,
    }
    with open("broker_fixtures.json", "w") as f:
        json.dump(out, f, sort_keys=True, separators=(",", ":"))


if __name__ == "__main__":
    main()
