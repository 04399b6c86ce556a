#!/usr/bin/env python3
"""Writes reach_fixtures.json: two-hop reach and greedy covers computed with networkx 3.6.1.

For each classic graph (networkx's built-in karate club, Florentine families, Les Misérables,
Davis southern women) and each node: le2 = |N1 ∪ N2| and eq2 = |N2| from
nx.single_source_shortest_path_length(G, v, cutoff=2), and the greedy maximum-coverage order of
N2 by v's contacts (plain, non-lazy greedy; tie-break: larger gain, then the node that comes
first in G's node order — all ties have the same strength here) with the marginal gains and the
prefix length that reaches 80 %. Node names are written as strings in G's node order, and edges
without weights (unit strengths), so Liaison numbers people in the same order.

Run:  python3 make_reach_fixtures.py   (networkx 3.6.1)
"""
import json
import networkx as nx

GRAPHS = {
    "karate": nx.karate_club_graph(),
    "florentine": nx.florentine_families_graph(),
    "lesmis": nx.les_miserables_graph(),
    "davis": nx.davis_southern_women_graph(),
}


def greedy_cover(G, order, v, fraction=0.8):
    n1 = set(G[v])
    dist = nx.single_source_shortest_path_length(G, v, cutoff=2)
    universe = {x for x, d in dist.items() if d == 2}
    covered, picked, gains, k = set(), [], [], None
    candidates = sorted(n1, key=order.get)
    while True:
        best, best_gain = None, 0
        for c in candidates:
            if c in picked:
                continue
            g = len((set(G[c]) & universe) - covered)
            if g > best_gain:
                best, best_gain = c, g
        if best is None:
            break
        picked.append(best)
        gains.append(best_gain)
        covered |= set(G[best]) & universe
        if k is None and len(covered) >= fraction * len(universe) - 1e-9:
            k = len(picked)
    if k is None:
        k = len(picked) if universe else 0
    if not universe:
        k = 0
    return [str(x) for x in picked], gains, k


out = {"generator": "networkx " + nx.__version__, "graphs": {}, "reach": {}}
for name, G in GRAPHS.items():
    nodes = list(G.nodes())
    order = {x: i for i, x in enumerate(nodes)}
    out["graphs"][name] = {"nodes": [str(x) for x in nodes], "edges": [[str(u), str(v)] for u, v in G.edges()]}
    rows = {}
    for v in nodes:
        dist = nx.single_source_shortest_path_length(G, v, cutoff=2)
        picked, gains, k = greedy_cover(G, order, v)
        rows[str(v)] = {
            "le2": sum(1 for x, d in dist.items() if 1 <= d <= 2),
            "eq2": sum(1 for x, d in dist.items() if d == 2),
            "coverOrder": picked,
            "coverGains": gains,
            "cover80": k,
        }
    out["reach"][name] = rows

with open("reach_fixtures.json", "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print("wrote reach_fixtures.json")
