#!/usr/bin/env python3
"""Writes link_prediction.json: networkx 3.6.1 reference values for
LinkPredictionTests and IntroductionTests.

    python3 Tests/GraphAlgorithmsTests/Fixtures/make_link_prediction_fixtures.py

* graphs: karate, florentine, lesmis, davis (networkx built-ins, unweighted
  for link prediction), karate_weighted and lesmis_weighted (strength =
  weight / max weight, for the ego-constraint checks), and 120 seeded random
  graphs random_<seed> (G(n, p) with n = 2 … 30, p from the seed).
* pairs[name]: every non-edge {u, v} as [u, v, common, jaccard, adamicAdar,
  resourceAllocation] from nx.common_neighbors, nx.jaccard_coefficient,
  nx.adamic_adar_index and nx.resource_allocation_index (ebunch=None, i.e.
  all non-edges), sorted by (str(u), str(v)) so the file does not depend on
  the hash seed. The script re-runs itself with
  PYTHONHASHSEED=0: networkx sums Adamic–Adar terms in set order, which for
  string nodes depends on the hash seed, so the last bits would change.
* constraint[name]: for a few egos, nx.constraint(G, nodes=[ego],
  weight="strength") now, and for up to 6 pairs of the ego's non-tied
  contacts the value after adding that tie with strength 0.5.
"""
import json
import os
import random
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def unweighted(G):
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    H.add_edges_from((str(u), str(v)) for u, v in G.edges() if u != v)
    return H


def with_strength(G, key="weight"):
    H = nx.Graph()
    H.add_nodes_from(str(v) for v in G)
    mx = max(d.get(key, 1) for _, _, d in G.edges(data=True))
    for u, v, d in G.edges(data=True):
        H.add_edge(str(u), str(v), strength=d.get(key, 1) / mx)
    return H


def graph_json(G, weighted=False):
    edges = []
    for u, v, d in G.edges(data=True):
        edges.append([u, v, d["strength"]] if weighted else [u, v])
    return {"nodes": list(G.nodes()), "edges": edges}


def pair_values(G):
    rows = {}
    for u, v, p in nx.jaccard_coefficient(G):
        rows[frozenset((u, v))] = [u, v, len(list(nx.common_neighbors(G, u, v))), p]
    for u, v, p in nx.adamic_adar_index(G):
        rows[frozenset((u, v))].append(p)
    for u, v, p in nx.resource_allocation_index(G):
        rows[frozenset((u, v))].append(p)
    out = []
    for r in rows.values():
        u, v = sorted(r[:2], key=str)
        out.append([u, v] + r[2:])
    out.sort(key=lambda r: (str(r[0]), str(r[1])))
    return out


def constraint_cases(G, egos):
    out = []
    for e in egos:
        before = nx.constraint(G, nodes=[e], weight="strength")[e]
        contacts = sorted(G[e], key=str)
        pairs = [(a, b) for i, a in enumerate(contacts) for b in contacts[i + 1:] if not G.has_edge(a, b)][:6]
        after = []
        for a, b in pairs:
            H = G.copy()
            H.add_edge(a, b, strength=0.5)
            after.append([a, b, nx.constraint(H, nodes=[e], weight="strength")[e]])
        out.append({"ego": e, "before": before, "after": after})
    return out


def main():
    graphs, pairs, constraint = {}, {}, {}
    classic = {
        "karate": nx.karate_club_graph(),
        "florentine": nx.florentine_families_graph(),
        "lesmis": nx.les_miserables_graph(),
        "davis": nx.davis_southern_women_graph(),
    }
    for name, G0 in classic.items():
        G = unweighted(G0)
        graphs[name] = graph_json(G)
        pairs[name] = pair_values(G)
    kw = with_strength(nx.karate_club_graph())
    lw = with_strength(nx.les_miserables_graph())
    graphs["karate_weighted"] = graph_json(kw, weighted=True)
    graphs["lesmis_weighted"] = graph_json(lw, weighted=True)
    constraint["karate_weighted"] = constraint_cases(kw, ["0", "33", "5"])
    constraint["lesmis_weighted"] = constraint_cases(lw, ["Valjean", "Myriel", "Javert"])
    fl = unweighted(nx.florentine_families_graph())
    for u, v in fl.edges():
        fl[u][v]["strength"] = 1.0
    graphs["florentine_unit"] = graph_json(fl, weighted=True)
    constraint["florentine_unit"] = constraint_cases(fl, ["Medici", "Strozzi"])
    for seed in range(120):
        rng = random.Random(seed)
        n = rng.randint(2, 30)
        p = rng.uniform(0.05, 0.5)
        G = nx.gnp_random_graph(n, p, seed=seed)
        G = unweighted(G)
        name = f"random_{seed}"
        graphs[name] = graph_json(G)
        pairs[name] = pair_values(G)
    doc = {
        "generator": "make_link_prediction_fixtures.py",
        "networkx": nx.__version__,
        "graphs": graphs,
        "pairs": pairs,
        "constraint": constraint,
        "randomSeeds": list(range(120)),
    }
    with open(os.path.join(HERE, "link_prediction.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    main()
