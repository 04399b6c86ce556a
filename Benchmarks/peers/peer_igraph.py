"""igraph (C core, single-threaded) on the benchmark workloads."""

import random

import numpy as np

import common

NAME = "igraph"
THREADED = set()
HOW = {
    "load": "numpy.loadtxt -> ig.Graph(n, edges) + es['strength']",
    "reach": "g.neighborhood_size(order=2, mindist=1)",
    "paths": "g.get_shortest_path(a, b, weights=quantised cost) per pair (one-sided Dijkstra)",
    "kpaths": "g.get_k_shortest_paths(a, b, k=5, weights=quantised cost) (Yen)",
    "betweenness": "g.betweenness(directed=False[, sources=S])",
    "betweenness_weighted": "g.betweenness(directed=False, weights=quantised cost[, sources=S])",
    "adamic_adar": "g.similarity_inverse_log_weighted(vertices=chunk) dense rows, neighbours masked, top-10",
    "burt": "g.constraint(weights='strength') (no effective size in igraph)",
    "communities": "g.community_multilevel(weights='strength') + g.modularity",
}


def version():
    import igraph
    return igraph.__version__


def _graph(n, u, v, s, q=None):
    import igraph as ig
    g = ig.Graph(n=int(n), edges=np.column_stack([u, v]).astype(np.int64))
    g.es["strength"] = s
    if q is not None:
        g.es["q"] = q
    return g


def load_csv(path):
    u, v, s, ids = common.read_ties(path)
    u, v, s = common.canonical_edges(u, v, s)
    g = _graph(len(ids), u, v, s)
    return g, (g.vcount(), g.ecount())


def build(d, workload):
    return _graph(d["n"], d["u"], d["v"], d["s"], d["q"])


def reach(g, p):
    return np.asarray(g.neighborhood_size(order=2, mindist=1), dtype=np.int64)


def paths(g, p):
    out = []
    for a, b in p["pairs"]:
        out.append(g.get_shortest_path(int(a), int(b), weights="q", output="vpath") or None)
    return out


def kpaths(g, p):
    return [g.get_k_shortest_paths(int(a), to=int(b), k=p["k"], mode="all", weights="q", output="vpath")
            for a, b in p["pairs"]]


def betweenness(g, p, weights=None):
    src = p.get("sources")
    if src is None:
        return np.asarray(g.betweenness(directed=False, weights=weights))
    return np.asarray(g.betweenness(directed=False, weights=weights, sources=src))


def betweenness_weighted(g, p):
    return betweenness(g, p, weights="q")


def adamic_adar(g, p):
    import scipy.sparse as sp
    n = g.vcount()
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    A = sp.csr_matrix((np.ones(2 * len(el), dtype=np.int8),
                       (np.r_[el[:, 0], el[:, 1]], np.r_[el[:, 1], el[:, 0]])), shape=(n, n))
    chunk = max(1, int(4e6 // max(n, 1)))
    R, C, V = [], [], []
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        S = np.array(g.similarity_inverse_log_weighted(vertices=range(start, stop), mode="all"))
        rows = np.arange(stop - start)
        S[rows, np.arange(start, stop)] = 0.0
        sub = A[start:stop]
        S[np.repeat(rows, np.diff(sub.indptr)), sub.indices] = 0.0
        r, c = np.nonzero(S)
        R.append(r + start); C.append(c); V.append(S[r, c])
    return common.topk_rows(np.concatenate(R), np.concatenate(C), np.concatenate(V), n, p["k"])


def burt(g, p):
    return {"constraint": np.asarray(g.constraint(weights="strength"))}


def communities(g, p):
    random.seed(p["seed"])
    cl = g.community_multilevel(weights="strength")
    return {"membership": np.asarray(cl.membership), "modularity": g.modularity(cl.membership, weights="strength")}
