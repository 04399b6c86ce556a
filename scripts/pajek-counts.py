#!/usr/bin/env python3
"""Expected counts for a Pajek file, computed independently of Liaison.

Usage: scripts/pajek-counts.py FILE.net|FILE.paj

Prints the vertices, the undirected unique pairs over every relation (what
Liaison calls ties: one per pair, in either direction, self-loops dropped),
the pairs of each relation, and what networkx's read_pajek makes of the same
file (it knows neither `:k` relations nor partitions, see Guides/Importing.md).
Handles the subset of Pajek the test files use: *Network, *Vertices, *Arcs /
*Edges with `:k "name"` headers and `k:` line prefixes, *Partition / *Vector.
"""
import shlex
import sys

path = sys.argv[1]
lines = open(path, encoding="utf-8").read().splitlines()
vertices = 0
section = None
relation_of = {}
current = None
pairs = {}
values_left = 0
for line in lines:
    s = line.strip()
    if not s or s.startswith("%"):
        continue
    words = shlex.split(s)
    head = words[0].lower()
    if head.startswith("*"):
        if values_left == -1 and head == "*vertices":
            values_left = int(words[1])
            section = "values"
            continue
        values_left = 0
        if head == "*vertices":
            vertices = int(words[1])
            section = "vertices"
        elif head in ("*arcs", "*edges"):
            section = "ties"
            current = None
            if len(words) > 1 and words[1].startswith(":"):
                k = int(words[1][1:])
                relation_of[k] = words[2] if len(words) > 2 else "relation %d" % k
                current = relation_of[k]
        elif head in ("*partition", "*vector"):
            values_left = -1
            section = None
        else:
            section = None
        continue
    if section != "ties":
        continue
    rel = current
    if words[0].endswith(":"):
        rel = relation_of[int(words[0][:-1])]
        words = words[1:]
    u, v = int(words[0]), int(words[1])
    if u == v:
        continue
    pairs.setdefault((min(u, v), max(u, v)), set()).add(rel)

print("vertices", vertices)
print("ties (undirected unique pairs)", len(pairs))
for rel in sorted({r for rs in pairs.values() for r in rs}, key=str):
    print("  pairs carrying", rel, sum(1 for rs in pairs.values() if rel in rs))
try:
    import networkx as nx

    g = nx.Graph(nx.read_pajek(path))
    print("networkx read_pajek -> Graph: nodes", g.number_of_nodes(), "edges", g.number_of_edges())
except Exception as e:  # noqa: BLE001 - report whatever networkx does
    print("networkx read_pajek fails:", type(e).__name__, e)
