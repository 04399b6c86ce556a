#!/usr/bin/env python3
"""Loads every `liaison export` format into the tool it is written for and checks that
names, companies, strengths and every tie's evidence arrive intact.

    check_exports.py LIAISON OUTDIR INPUT...

The reference is the node-link JSON read with Python's own json module; each consumer's
view is compared with it field by field:

  graphml     networkx.read_graphml and igraph Graph.Read_GraphML
  gexf        networkx.read_gexf (edge weight = |strength|)
  json        networkx.node_link_graph(data) with its defaults (key "edges")
  json-links  networkx.node_link_graph(data, edges="links")
  csv         DuckDB read_csv with type detection, --raw-csv (values exact, columns typed)
              and default (formula cells start with ')
  gephi-csv   DuckDB, with Gephi's header spellings (Id, Label, Source, Target, Type, Weight)
  neo4j       the bulk importer's header grammar (`neo4j-admin database import`), then
              every cell converted by its declared type

Needs networkx (3.6 or later), igraph and duckdb. Prints one line per check; exits 1 on
the first difference with what differs.
"""
import csv
import datetime
import json
import math
import os
import re
import subprocess
import sys

import duckdb
import igraph
import networkx as nx

PERSON_TEXT = ["name", "email", "company", "title", "industry", "location", "tags", "url"]
TIE_FIELDS = ["strength", "rated", "tieClass", "interactions", "interactionsOut", "interactionsIn",
              "lastContact", "since", "kind", "sourceFile", "inferred", "confidence"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def export(liaison, inputs, fmt, out, *extra):
    run = subprocess.run([liaison, "export", *inputs, "--to", fmt, "-o", out, *extra],
                         capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"export --to {fmt} exited {run.returncode}: {run.stderr}")
    return run.stderr


def xml_text(s):
    """What an XML file can hold of s: controls other than TAB, LF, CR become U+FFFD."""
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in s)


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-12)
    return a == b


class Reference:
    def __init__(self, data):
        self.nodes = {n["id"]: n for n in data["nodes"]}
        self.edges = {}
        for e in data["edges"]:
            self.edges[self.key(e["source"], e["target"])] = e

    @staticmethod
    def key(u, v):
        return (u, v) if u <= v else (v, u)

    def compare_node(self, where, nid, got, text=lambda s: s):
        want = self.nodes.get(nid)
        if want is None:
            fail(f"{where}: unknown node {nid!r}")
        for k in PERSON_TEXT:
            w = want.get(k)
            g = got.get(k)
            if g == "":
                g = None
            if (text(w) if w is not None else None) != g:
                fail(f"{where}: node {nid!r} field {k}: want {w!r}, got {g!r}")
        if "degree" in got and got["degree"] is not None and int(got["degree"]) != want["degree"]:
            fail(f"{where}: node {nid!r} degree: want {want['degree']}, got {got['degree']!r}")

    def compare_edge(self, where, u, v, got, text=lambda s: s):
        want = self.edges.get(self.key(u, v))
        if want is None:
            fail(f"{where}: unknown tie {u!r}-{v!r}")
        for k in TIE_FIELDS:
            w = want.get(k)
            g = got.get(k)
            if g == "":
                g = None
            if isinstance(g, (datetime.date,)):
                g = g.isoformat()
            if isinstance(w, str):
                w = text(w)
            if isinstance(w, bool) or isinstance(g, bool):
                ok = g is not None and bool(g) == w
            elif isinstance(w, (int, float)) and not isinstance(w, bool):
                ok = g is not None and same(float(w), float(g))
            else:
                ok = w == g
            if not ok:
                fail(f"{where}: tie {u!r}-{v!r} field {k}: want {w!r}, got {g!r}")


def check_counts(where, ref, nodes, edges):
    if nodes != len(ref.nodes) or edges != len(ref.edges):
        fail(f"{where}: {nodes} nodes and {edges} edges, want {len(ref.nodes)} and {len(ref.edges)}")


def check_networkx_graph(where, ref, g, text=lambda s: s):
    check_counts(where, ref, g.number_of_nodes(), g.number_of_edges())
    for nid, data in g.nodes(data=True):
        ref.compare_node(where, nid, data, text)
    for u, v, data in g.edges(data=True):
        ref.compare_edge(where, u, v, data, text)
    print(f"ok: {where}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, every field intact")


def check_gexf(ref, path):
    g = nx.read_gexf(path)
    check_counts("networkx.read_gexf", ref, g.number_of_nodes(), g.number_of_edges())
    for nid, data in g.nodes(data=True):
        data = dict(data)
        data["name"] = data.pop("label", None)
        ref.compare_node("networkx.read_gexf", nid, data, xml_text)
    for u, v, data in g.edges(data=True):
        ref.compare_edge("networkx.read_gexf", u, v, data, xml_text)
        want = abs(ref.edges[ref.key(u, v)]["strength"])
        if not same(float(data["weight"]), want):
            fail(f"networkx.read_gexf: tie {u}-{v} weight {data['weight']} is not |strength| {want}")
    print(f"ok: networkx.read_gexf: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, every field intact")


def check_igraph(ref, path):
    g = igraph.Graph.Read_GraphML(path)
    check_counts("igraph.Read_GraphML", ref, g.vcount(), g.ecount())
    ids = g.vs["id"]
    for vertex in g.vs:
        ref.compare_node("igraph.Read_GraphML", vertex["id"], vertex.attributes(), xml_text)
    for edge in g.es:
        data = {k: v for k, v in edge.attributes().items()}
        # igraph gives absent numbers as NaN and absent text as "".
        data = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}
        ref.compare_edge("igraph.Read_GraphML", ids[edge.source], ids[edge.target], data, xml_text)
    print(f"ok: igraph.Read_GraphML: {g.vcount()} vertices, {g.ecount()} edges, every field intact")


def duck(path):
    rel = duckdb.read_csv(path, header=True)
    return rel.columns, [str(t) for t in rel.dtypes], rel.fetchall()


def check_column_types(where, columns, types, expected):
    for name, want in expected.items():
        if name in columns and types[columns.index(name)] != want:
            fail(f"{where}: column {name} types as {types[columns.index(name)]}, want {want}")


def check_duckdb_tables(ref, people_path, ties_path, guarded, layout):
    where = f"duckdb {layout}{' (raw)' if not guarded else ''}"
    unguard = (lambda s: s[1:] if s.startswith("'") and s[1:].startswith(FORMULA_START) else s) if guarded else (lambda s: s)
    columns, types, rows = duck(people_path)
    check_column_types(where, columns, types, {"degree": "BIGINT", "name": "VARCHAR", "Label": "VARCHAR"})
    id_col = "Id" if layout == "gephi" else "id"
    name_col = "Label" if layout == "gephi" else "name"
    for row in rows:
        data = dict(zip(columns, row))
        nid = str(data.pop(id_col))
        data["name"] = data.pop(name_col)
        for k in PERSON_TEXT:
            if isinstance(data.get(k), str):
                if guarded and data[k].startswith(FORMULA_START):
                    fail(f"{where}: node {nid!r} field {k} starts a formula: {data[k]!r}")
                data[k] = unguard(data[k])
        ref.compare_node(where, unguard(nid), data)
    columns, types, rows = duck(ties_path)
    check_column_types(where, columns, types, {
        "strength": "DOUBLE", "rated": "BOOLEAN", "interactions": "BIGINT", "interactionsOut": "BIGINT",
        "interactionsIn": "BIGINT", "lastContact": "DATE", "since": "DATE", "inferred": "BOOLEAN",
        "confidence": "DOUBLE", "Weight": "DOUBLE"})
    source, target = ("Source", "Target") if layout == "gephi" else ("source", "target")
    for row in rows:
        data = dict(zip(columns, row))
        u, v = unguard(str(data.pop(source))), unguard(str(data.pop(target)))
        for k in ("kind", "sourceFile", "tieClass"):
            if isinstance(data.get(k), str):
                data[k] = unguard(data[k])
        ref.compare_edge(where, u, v, data)
        if layout == "gephi":
            if data["Type"] != "Undirected" or not same(data["Weight"], abs(ref.edges[ref.key(u, v)]["strength"])):
                fail(f"{where}: tie {u}-{v} Type {data['Type']!r} Weight {data['Weight']!r}")
    check_counts(where, ref, len(duck(people_path)[2]), len(rows))
    print(f"ok: {where}: {len(ref.nodes)} people, {len(rows)} ties, every column typed, every field intact")


# The bulk importer's header grammar: name[:type[[]]], name:ID[(group)], :START_ID[(group)],
# :END_ID[(group)], :LABEL, :TYPE, :IGNORE. Type names are case-insensitive.
NEO4J_TYPES = "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration"
NEO4J_FIELD = re.compile(
    r"^(?:(?P<name>[^:]+)?:(?P<id>ID)(?:\((?P<idgroup>[^()]+)\))?"
    r"|:(?P<rel>START_ID|END_ID)(?:\((?P<relgroup>[^()]+)\))?"
    r"|:(?P<special>LABEL|TYPE|IGNORE)"
    rf"|(?P<prop>[^:]+)(?::(?P<type>(?i:{NEO4J_TYPES}))(?P<array>\[\])?)?)$")


def neo4j_header(where, header):
    fields = []
    for h in header:
        m = NEO4J_FIELD.match(h)
        if not m:
            fail(f"{where}: header field {h!r} is not in the bulk importer's grammar")
        fields.append(m.groupdict())
    return fields


def neo4j_value(kind, array, text, delimiter=";"):
    if text == "":
        return None
    if array:
        return [neo4j_value(kind, False, t) for t in text.split(delimiter)]
    kind = (kind or "string").lower()
    if kind in ("int", "long", "short", "byte"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError(f"not a boolean: {text!r}")
        return text == "true"
    if kind == "date":
        return datetime.date.fromisoformat(text)
    return text


def check_neo4j(ref, nodes_path, rels_path, delimiter):
    where = "neo4j bulk import"
    with open(nodes_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    fields = neo4j_header(where + " nodes", rows[0])
    if sum(1 for f in fields if f["id"]) != 1 or sum(1 for f in fields if f["special"] == "LABEL") != 1:
        fail(f"{where}: the nodes file needs one :ID and one :LABEL column: {rows[0]}")
    group = next(f["idgroup"] for f in fields if f["id"])
    ids = set()
    for row in rows[1:]:
        if len(row) != len(fields):
            fail(f"{where}: a node row has {len(row)} cells, the header {len(fields)}: {row}")
        data = {}
        nid = None
        for f, cell in zip(fields, row):
            if f["id"]:
                nid = cell
            elif f["special"] == "LABEL":
                if cell != "Person":
                    fail(f"{where}: label {cell!r}")
            else:
                value = neo4j_value(f["type"], f["array"], cell, delimiter)
                # The reference joins emails and tags with ";".
                data[f["prop"]] = ";".join(value) if isinstance(value, list) else value
        if nid in ids:
            fail(f"{where}: duplicate node id {nid!r}")
        ids.add(nid)
        ref.compare_node(where, nid, data)
    with open(rels_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    fields = neo4j_header(where + " relationships", rows[0])
    kinds = [f["rel"] or f["special"] for f in fields]
    if kinds.count("START_ID") != 1 or kinds.count("END_ID") != 1 or kinds.count("TYPE") != 1:
        fail(f"{where}: the relationships file needs :START_ID, :END_ID and :TYPE: {rows[0]}")
    if any(f["relgroup"] != group for f in fields if f["rel"]):
        fail(f"{where}: relationship id groups differ from the nodes' ({group})")
    for row in rows[1:]:
        if len(row) != len(fields):
            fail(f"{where}: a relationship row has {len(row)} cells, the header {len(fields)}: {row}")
        data = {}
        for f, cell in zip(fields, row):
            if f["rel"] == "START_ID":
                u = cell
            elif f["rel"] == "END_ID":
                v = cell
            elif f["special"] == "TYPE":
                if cell != "KNOWS":
                    fail(f"{where}: type {cell!r}")
            else:
                data[f["prop"]] = neo4j_value(f["type"], f["array"], cell)
        if u not in ids or v not in ids:
            fail(f"{where}: relationship {u!r}-{v!r} names a node that is not in the nodes file")
        ref.compare_edge(where, u, v, data)
    check_counts(where, ref, len(ids), len(rows) - 1)
    print(f"ok: {where}: headers in the importer's grammar, {len(ids)} nodes, {len(rows) - 1} relationships, "
          "every cell of its declared type, every field intact")


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    liaison, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    export(liaison, inputs, "json", p("net.json"))
    with open(p("net.json"), encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data.get("schemaVersion"), int) or "edges" not in data:
        fail("the node-link JSON has no integer schemaVersion or no edges key")
    ref = Reference(data)
    check_networkx_graph("networkx.node_link_graph (defaults)", ref, nx.node_link_graph(data))
    export(liaison, inputs, "json-links", p("links.json"))
    with open(p("links.json"), encoding="utf-8") as f:
        check_networkx_graph('networkx.node_link_graph(edges="links")', ref,
                             nx.node_link_graph(json.load(f), edges="links"))
    export(liaison, inputs, "graphml", p("net.graphml"))
    check_networkx_graph("networkx.read_graphml", ref, nx.read_graphml(p("net.graphml")), xml_text)
    check_igraph(ref, p("net.graphml"))
    export(liaison, inputs, "gexf", p("net.gexf"))
    check_gexf(ref, p("net.gexf"))
    note = export(liaison, inputs, "csv", p("raw"), "--raw-csv")
    if p("raw-people.csv") not in note or p("raw-ties.csv") not in note:
        fail(f"export --to csv did not name the files it wrote: {note!r}")
    check_duckdb_tables(ref, p("raw-people.csv"), p("raw-ties.csv"), guarded=False, layout="liaison")
    export(liaison, inputs, "csv", p("safe.csv"))
    check_duckdb_tables(ref, p("safe-people.csv"), p("safe-ties.csv"), guarded=True, layout="liaison")
    export(liaison, inputs, "gephi-csv", p("gephi"), "--raw-csv")
    check_duckdb_tables(ref, p("gephi-nodes.csv"), p("gephi-edges.csv"), guarded=False, layout="gephi")
    note = export(liaison, inputs, "neo4j", p("neo4j"))
    if "neo4j-admin database import full neo4j --nodes=" not in note:
        fail(f"export --to neo4j did not print the import command: {note!r}")
    delimiter = "\x1f" if "--array-delimiter=U+001F" in note else ";"
    check_neo4j(ref, p("neo4j-nodes.csv"), p("neo4j-relationships.csv"), delimiter)


if __name__ == "__main__":
    main()
