"""networkx (pure Python, single-threaded) on the benchmark workloads."""

from itertools import islice

import numpy as np

import common

NAME = "networkx"
THREADED = set()
HOW = {
    "load": "numpy.loadtxt -> nx.Graph.add_weighted_edges_from",
    "reach": "neighbour sets, union of the neighbours' neighbour sets",
    "paths": "nx.bidirectional_dijkstra(weight=quantised cost) per pair",
    "kpaths": "nx.shortest_simple_paths(weight=quantised cost), first 5 (Yen)",
    "betweenness": "nx.betweenness_centrality(normalized=False) (exact only)",
    "betweenness_weighted": "nx.betweenness_centrality(weight=quantised cost, normalized=False)",
    "burt": "nx.constraint(weight='strength') + nx.effective_size(nodes=list(G), weight='strength')",
    "communities": "nx.community.louvain_communities(weight='strength', seed) + modularity",
}


def version():
    import networkx
    return networkx.__version__


def _graph(n, u, v, s, q=None):
    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(int(n)))
    if q is None:
        G.add_weighted_edges_from(zip(u.tolist(), v.tolist(), s.tolist()), weight="strength")
    else:
        G.add_edges_from((a, b, {"strength": x, "q": y}) for a, b, x, y in zip(u.tolist(), v.tolist(), s.tolist(), q.tolist()))
    return G


def load_csv(path):
    u, v, s, ids = common.read_ties(path)
    u, v, s = common.canonical_edges(u, v, s)
    G = _graph(len(ids), u, v, s)
    return G, (G.number_of_nodes(), G.number_of_edges())


def build(d, workload):
    return _graph(d["n"], d["u"], d["v"], d["s"], d["q"])


def reach(G, p):
    adj = {x: set(G[x]) for x in G}
    out = np.zeros(G.number_of_nodes(), dtype=np.int64)
    for x, nb in adj.items():
        r = set(nb)
        for y in nb:
            r |= adj[y]
        r.discard(x)
        out[x] = len(r)
    return out


def paths(G, p):
    import networkx as nx
    out = []
    for a, b in p["pairs"]:
        try:
            out.append(nx.bidirectional_dijkstra(G, int(a), int(b), weight="q")[1])
        except nx.NetworkXNoPath:
            out.append(None)
    return out


def kpaths(G, p):
    import networkx as nx
    return [list(islice(nx.shortest_simple_paths(G, int(a), int(b), weight="q"), p["k"])) for a, b in p["pairs"]]


def betweenness(G, p, weight=None):
    import networkx as nx
    if p.get("sources") is not None:
        b = nx.betweenness_centrality_subset(G, p["sources"], list(G), normalized=False, weight=weight)
    else:
        b = nx.betweenness_centrality(G, normalized=False, weight=weight)
    return np.asarray([b[i] for i in range(G.number_of_nodes())])


def betweenness_weighted(G, p):
    return betweenness(G, p, weight="q")


def burt(G, p):
    import networkx as nx
    c = nx.constraint(G, weight="strength")
    e = nx.effective_size(G, nodes=list(G), weight="strength")
    n = G.number_of_nodes()
    return {"constraint": np.asarray([c[i] for i in range(n)]), "effectiveSize": np.asarray([e[i] for i in range(n)])}


def communities(G, p):
    import networkx as nx
    comms = nx.community.louvain_communities(G, weight="strength", seed=p["seed"])
    m = np.zeros(G.number_of_nodes(), dtype=np.int64)
    for i, c in enumerate(comms):
        m[list(c)] = i
    return {"membership": m, "modularity": nx.community.modularity(G, comms, weight="strength")}
