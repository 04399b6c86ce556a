#!/usr/bin/env python3
"""Expected counts for the matrix, GEXF and two-mode test files, computed
independently of Liaison with networkx (pip install networkx).

Usage: scripts/expected-counts.py REAL_DATA_FOLDER

Liaison's ties are undirected, one per pair of people (a pair written in both
directions, or several times, is one tie), self-loops dropped: a directed
graph is counted as networkx's to_undirected() simple graph. Two-mode data is
projected with bipartite.weighted_projected_graph (a tie per pair sharing at
least one group, weighted by the number of groups shared).

Output with networkx 3.6.1:
  padgett-florentine/florentine_business.csv matrix: 16 people, 15 ties (30 arcs)
  padgett-florentine/florentine_marital.csv matrix: 16 people, 20 ties (40 arcs)
  krackhardt-hightech/krackhardt_advice.csv matrix: 21 people, 145 ties (190 arcs)
  krackhardt-hightech/krackhardt_friendship.csv matrix: 21 people, 79 ties (102 arcs)
  kapferer-tailor-shop/kapf-1.gexf gexf: 39 people, 175 ties (425 edges)
  kapferer-tailor-shop/kapf-2.gexf gexf: 39 people, 248 ties (593 edges)
  freeman-eies/EIES-1.gexf gexf: 32 people, 385 ties (650 edges)
  freeman-eies/EIES-2.gexf gexf: 32 people, 430 ties (759 edges)
  galaskiewicz-ceo-clubs/ceo.csv twomode: 26 people, 284 ties, 98 memberships, weights {1: 150, 2: 101, 3: 27, 4: 4, 5: 2}
  networkx-classics/davis_southern_women twomode: 18 people, 139 ties, 89 memberships, weights {1: 44, 2: 49, 3: 22, 4: 15, 5: 1, 6: 7, 7: 1}
"""
import csv
import sys
from collections import Counter

import networkx as nx
from networkx.algorithms import bipartite

root = sys.argv[1].rstrip("/")


def rows(path):
    out = []
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if not s or s[0] in "#%":
            continue
        out.append([c.strip() for c in s.split(",")])
    return out


def matrix(rel):
    r = rows(f"{root}/{rel}")
    labels = None
    if any(not c.replace(".", "").isdigit() for c in r[0]):
        labels, r = r[0], r[1:]
    n = len(r)
    labels = labels or [str(i + 1) for i in range(n)]
    d = nx.DiGraph()
    d.add_nodes_from(labels)
    for i, row in enumerate(r):
        for j, v in enumerate(row):
            if float(v) != 0 and i != j:
                d.add_edge(labels[i], labels[j])
    u = d.to_undirected()
    print(f"{rel} matrix: {u.number_of_nodes()} people, {u.number_of_edges()} ties ({d.number_of_edges()} arcs)")


def gexf(rel):
    g = nx.read_gexf(f"{root}/{rel}")
    u = nx.Graph(g.to_undirected())
    u.remove_edges_from(nx.selfloop_edges(u))
    print(f"{rel} gexf: {u.number_of_nodes()} people, {u.number_of_edges()} ties ({g.number_of_edges()} edges)")


def projected(name, b, people):
    p = bipartite.weighted_projected_graph(b, people)
    w = Counter(d["weight"] for _, _, d in p.edges(data=True))
    print(
        f"{name} twomode: {p.number_of_nodes()} people, {p.number_of_edges()} ties, {b.number_of_edges()} memberships, "
        f"weights {dict(sorted(w.items()))}")


for rel in [
    "padgett-florentine/florentine_business.csv", "padgett-florentine/florentine_marital.csv",
    "krackhardt-hightech/krackhardt_advice.csv", "krackhardt-hightech/krackhardt_friendship.csv",
]:
    matrix(rel)
for rel in ["kapferer-tailor-shop/kapf-1.gexf", "kapferer-tailor-shop/kapf-2.gexf", "freeman-eies/EIES-1.gexf",
            "freeman-eies/EIES-2.gexf"]:
    gexf(rel)

ceo = rows(f"{root}/galaskiewicz-ceo-clubs/ceo.csv")
b = nx.Graph()
people = [str(i + 1) for i in range(len(ceo))]
b.add_nodes_from(people, bipartite=0)
for i, row in enumerate(ceo):
    for j, v in enumerate(row):
        if float(v) != 0:
            b.add_edge(people[i], f"group {j + 1}")
projected("galaskiewicz-ceo-clubs/ceo.csv", b, people)

davis = nx.Graph()
with open(f"{root}/networkx-classics/davis_southern_women_nodes.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        davis.add_node(r["node"], bipartite=int(r["bipartite"]))
with open(f"{root}/networkx-classics/davis_southern_women_edges.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        davis.add_edge(r["source"], r["target"])
women = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
projected("networkx-classics/davis_southern_women", davis, women)
