"""scipy.sparse (single-threaded sparse algebra) on the benchmark workloads."""

import numpy as np

import common

NAME = "scipy"
THREADED = set()
HOW = {
    "load": "numpy.loadtxt -> symmetric scipy.sparse CSR (strength)",
    "reach": "B + B@B (binary CSR), diagonal dropped, row counts",
    "paths": "scipy.sparse.csgraph.dijkstra(indices=a, return_predecessors) per pair",
    "adamic_adar": "S = B diag(1/ln d) B minus neighbours and diagonal, top-10 per row",
    "burt": "P = D^-1 W: constraint sum_{j in N(i)} (P + P@P)_ij^2; effective size deg - sum_{j in N(i)} (P W diag(1/rowmax))_ij",
}


def version():
    import scipy
    return scipy.__version__


def _csr(n, u, v, w):
    import scipy.sparse as sp
    A = sp.csr_matrix((w, (u, v)), shape=(int(n), int(n)))
    return (A + A.T).tocsr()


def load_csv(path):
    u, v, s, ids = common.read_ties(path)
    u, v, s = common.canonical_edges(u, v, s)
    A = _csr(len(ids), u, v, s)
    return A, (A.shape[0], A.nnz // 2)


def build(d, workload):
    n, u, v = d["n"], d["u"], d["v"]
    if workload == "paths":
        return _csr(n, u, v, d["q"])
    if workload == "burt":
        return _csr(n, u, v, d["s"])
    return _csr(n, u, v, np.ones(len(u), dtype=np.int32))


def reach(B, p):
    R = (B + B @ B).tocsr()
    R.setdiag(0)
    R.eliminate_zeros()
    return np.diff(R.indptr).astype(np.int64)


def paths(C, p):
    from scipy.sparse.csgraph import dijkstra
    out = []
    for a, b in p["pairs"]:
        a, b = int(a), int(b)
        d, pred = dijkstra(C, directed=True, indices=a, return_predecessors=True)
        if np.isinf(d[b]):
            out.append(None)
            continue
        path = [b]
        while path[-1] != a:
            path.append(int(pred[path[-1]]))
        out.append(path[::-1])
    return out


def adamic_adar(B, p):
    import scipy.sparse as sp
    n = B.shape[0]
    d = np.diff(B.indptr)
    w = np.zeros(n)
    w[d > 1] = 1.0 / np.log(d[d > 1])
    B = B.astype(np.float64)
    S = (B @ sp.diags(w) @ B).tocsr()
    S = (S - S.multiply(B)).tocsr()
    S.setdiag(0)
    S.eliminate_zeros()
    S = S.tocoo()
    return common.topk_rows(S.row.astype(np.int64), S.col.astype(np.int64), S.data, n, p["k"])


def burt(A, p):
    import time
    import scipy.sparse as sp
    t0 = time.perf_counter()
    rs = np.asarray(A.sum(axis=1)).ravel()
    mx = A.max(axis=1).toarray().ravel()
    inv = np.where(rs > 0, 1.0 / np.where(rs > 0, rs, 1), 0.0)
    P = (sp.diags(inv) @ A).tocsr()
    B = A.copy()
    B.data = np.ones_like(B.data)
    Q = (P + P @ P).multiply(B).tocsr()
    constraint = np.asarray(Q.multiply(Q).sum(axis=1)).ravel()
    t1 = time.perf_counter()
    Mn = (A @ sp.diags(np.where(mx > 0, 1.0 / np.where(mx > 0, mx, 1), 0.0))).tocsr()
    R = (P @ Mn).multiply(B).tocsr()
    deg = np.diff(B.indptr).astype(float)
    effective = deg - np.asarray(R.sum(axis=1)).ravel()
    constraint[rs == 0] = np.nan
    effective[deg == 0] = np.nan
    t2 = time.perf_counter()
    return {"constraint": constraint, "effectiveSize": effective,
            "_seconds": {"constraint": t1 - t0, "effectiveSize": t2 - t1}}
