"""Shared helpers: reading ties.csv, the prepared arrays, pairs and sources.

Person numbering is Liaison's (Guides/GraphCore.md): when every id is an integer,
people are numbered in ascending id order, so a person's index is the rank of its
id among the ids that occur in ties.csv. Every peer uses the same numbering.
"""

import math

import numpy as np

COST_SCALE = 1e6


def read_ties(path):
    """Parses source,target,strength from a Liaison ties.csv (the other columns are skipped).

    Returns (u, v, strength, ids): u, v are person indices (rank of the id), ids the sorted ids."""
    a = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2), dtype=np.float64, ndmin=2)
    src = a[:, 0].astype(np.int64)
    dst = a[:, 1].astype(np.int64)
    ids, inv = np.unique(np.concatenate([src, dst]), return_inverse=True)
    m = len(src)
    return inv[:m].astype(np.int32), inv[m:].astype(np.int32), a[:, 2], ids


def quantised_cost(strength32):
    """Liaison's TieCost.quantised: max(1, floor(-ln s * 1e6 + 0.5)) on the float32 strength."""
    s = np.asarray(strength32, dtype=np.float32).astype(np.float64)
    return np.maximum(1.0, np.floor(-np.log(s) * COST_SCALE + 0.5))


def canonical_edges(u, v, s):
    """Drops self-ties, merges parallel ties (the strongest wins, as GraphBuilder), orients u < v."""
    keep = u != v
    u, v, s = u[keep], v[keep], s[keep]
    a = np.minimum(u, v).astype(np.int64)
    b = np.maximum(u, v).astype(np.int64)
    key = a * (1 << 32) + b
    order = np.lexsort((-s, key))
    key, a, b, s = key[order], a[order], b[order], s[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return a[first].astype(np.int32), b[first].astype(np.int32), s[first]


def load_prepared(path):
    z = np.load(path)
    return {k: z[k] for k in z.files}


def edge_cost_lookup(d):
    """A function (a, b) -> quantised cost of the tie, for checking paths."""
    n = int(d["n"])
    key = d["u"].astype(np.int64) * n + d["v"].astype(np.int64)
    order = np.argsort(key)
    key = key[order]
    q = d["q"][order]

    def cost(path):
        if path is None or len(path) < 2:
            return None
        p = np.asarray(path, dtype=np.int64)
        a = np.minimum(p[:-1], p[1:])
        b = np.maximum(p[:-1], p[1:])
        k = a * n + b
        i = np.searchsorted(key, k)
        if np.any(i >= len(key)) or np.any(key[np.minimum(i, len(key) - 1)] != k):
            return None  # not a path of the graph
        return int(q[i].sum())

    return cost


def splitmix_sources(n, k, seed):
    """The k sources Liaison's approximateBetweenness(samples: k, seed:) draws
    (partial Fisher-Yates with SplitMix64), sorted."""
    mask = (1 << 64) - 1
    state = seed & mask
    swapped = {}
    for i in range(k):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z = z ^ (z >> 31)
        j = i + z % (n - i)
        vi, vj = swapped.get(i, i), swapped.get(j, j)
        swapped[i], swapped[j] = vj, vi
    return sorted(swapped.get(i, i) for i in range(k))


def hoeffding_samples(n, eps, confidence):
    """Sources Liaison needs for its stated bound (n/(n-1))·sqrt(ln(2n/α)/(2k)) <= eps."""
    alpha = 1 - confidence
    return int(math.ceil((n / (n - 1)) ** 2 * math.log(2 * n / alpha) / (2 * eps * eps)))


def topk_rows(rows, cols, vals, n, k):
    """Per row the k largest values (ties by smaller column), as (offsets, cols, vals)."""
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, np.arange(n))
    rank = np.arange(len(rows)) - starts[rows]
    keep = rank < k
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.add.at(offsets, rows + 1, 1)
    return np.cumsum(offsets), cols.astype(np.int32), vals
