"""networkit (C++ with OpenMP: setNumberOfThreads) on the benchmark workloads."""

import numpy as np

import common

NAME = "networkit"
THREADED = {"betweenness", "betweenness_weighted", "betweenness_approx", "adamic_adar", "communities"}
HOW = {
    "load": "numpy.loadtxt -> nk.GraphFromCoo(strength)",
    "paths": "nk.distance.BidirectionalDijkstra on quantised costs, per pair",
    "betweenness": "nk.centrality.Betweenness (exact) / EstimateBetweenness(k samples, own random sources); halved",
    "betweenness_weighted": "as betweenness, on quantised costs",
    "betweenness_approx": "nk.centrality.ApproxBetweenness(epsilon, delta) (Riondato-Kornaropoulos)",
    "adamic_adar": "MissingLinksFinder.findAtDistance(2) -> AdamicAdarIndex.runOn, top-10",
    "communities": "nk.community.PLM(refine=False) + Modularity().getQuality",
}


def version():
    import networkit
    return networkit.__version__


def setup(threads):
    import networkit as nk
    nk.setNumberOfThreads(threads)
    try:
        nk.engineering.setLogLevel("ERROR")
    except Exception:
        pass


def load_csv(path):
    import networkit as nk
    u, v, s, ids = common.read_ties(path)
    u, v, s = common.canonical_edges(u, v, s)
    G = nk.GraphFromCoo((s, (u, v)), n=len(ids), directed=False, weighted=True)
    return G, (G.numberOfNodes(), G.numberOfEdges())


def build(d, workload):
    import networkit as nk
    n, u, v = int(d["n"]), d["u"], d["v"]
    if workload in ("paths", "betweenness_weighted"):
        return nk.GraphFromCoo((d["q"], (u, v)), n=n, directed=False, weighted=True)
    if workload == "communities":
        return nk.GraphFromCoo((d["s"], (u, v)), n=n, directed=False, weighted=True)
    return nk.GraphFromCoo((np.ones(len(u)), (u, v)), n=n, directed=False, weighted=False)


def paths(G, p):
    import networkit as nk
    out = []
    for a, b in p["pairs"]:
        a, b = int(a), int(b)
        d = nk.distance.BidirectionalDijkstra(G, a, b, True)
        d.run()
        path = d.getPath()
        out.append([a] + list(path) + [b] if d.getDistance() < 1e300 else None)
    return out


def betweenness(G, p):
    import networkit as nk
    k = p.get("samples")
    if k is None:
        b = nk.centrality.Betweenness(G, normalized=False)
    else:
        b = nk.centrality.EstimateBetweenness(G, k, False, True)
    b.run()
    return np.asarray(b.scores()) / 2.0


betweenness_weighted = betweenness


def betweenness_approx(G, p):
    import networkit as nk
    nk.setSeed(p["seed"], False)
    a = nk.centrality.ApproxBetweenness(G, epsilon=p["epsilon"], delta=p["delta"])
    a.run()
    return {"normalised": np.asarray(a.scores()), "samples": a.numberOfSamples()}


def adamic_adar(G, p):
    import networkit as nk
    n = G.numberOfNodes()
    pairs = nk.linkprediction.MissingLinksFinder(G).findAtDistance(2)
    aa = nk.linkprediction.AdamicAdarIndex(G)
    A, B, S = [], [], []
    step = 2_000_000
    for i in range(0, len(pairs), step):
        preds = aa.runOn(pairs[i:i + step])
        A.append(np.fromiter((x[0][0] for x in preds), dtype=np.int64, count=len(preds)))
        B.append(np.fromiter((x[0][1] for x in preds), dtype=np.int64, count=len(preds)))
        S.append(np.fromiter((x[1] for x in preds), dtype=np.float64, count=len(preds)))
    a, b, s = np.concatenate(A), np.concatenate(B), np.concatenate(S)
    return common.topk_rows(np.r_[a, b], np.r_[b, a], np.r_[s, s], n, p["k"])


def communities(G, p):
    import networkit as nk
    nk.setSeed(p["seed"], False)
    plm = nk.community.PLM(G, refine=False)
    plm.run()
    part = plm.getPartition()
    q = nk.community.Modularity().getQuality(part, G)
    return {"membership": np.asarray(part.getVector()), "modularity": q}
