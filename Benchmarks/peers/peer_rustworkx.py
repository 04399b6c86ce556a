"""rustworkx (Rust; betweenness parallel with rayon: RAYON_NUM_THREADS) on the benchmark workloads."""

import numpy as np

import common

NAME = "rustworkx"
THREADED = {"betweenness"}
HOW = {
    "load": "numpy.loadtxt -> rx.PyGraph.extend_from_weighted_edge_list",
    "paths": "rx.graph_dijkstra_shortest_paths(a, target=b, weight_fn=float) per pair",
    "betweenness": "rx.graph_betweenness_centrality(normalized=False) (exact only)",
}


def version():
    import rustworkx
    return rustworkx.__version__


def _graph(n, u, v, w):
    import rustworkx as rx
    G = rx.PyGraph(multigraph=False)
    G.add_nodes_from(range(int(n)))
    G.extend_from_weighted_edge_list(list(zip(u.tolist(), v.tolist(), w.tolist())))
    return G


def load_csv(path):
    u, v, s, ids = common.read_ties(path)
    u, v, s = common.canonical_edges(u, v, s)
    G = _graph(len(ids), u, v, s)
    return G, (G.num_nodes(), G.num_edges())


def build(d, workload):
    return _graph(d["n"], d["u"], d["v"], d["q"] if workload == "paths" else d["s"])


def paths(G, p):
    import rustworkx as rx
    out = []
    for a, b in p["pairs"]:
        a, b = int(a), int(b)
        pm = rx.graph_dijkstra_shortest_paths(G, a, target=b, weight_fn=float)
        out.append(list(pm[b]) if b in pm else None)
    return out


def betweenness(G, p):
    import rustworkx as rx
    if p.get("sources") is not None or p.get("samples") is not None:
        raise NotImplementedError("rustworkx has no sampled betweenness")
    cm = rx.graph_betweenness_centrality(G, normalized=False)
    return np.asarray([cm[i] for i in range(G.num_nodes())])
