import GraphCore

extension GraphExport {
  /// networkx node-link JSON: `{"schemaVersion": 1, "directed": false,
  /// "multigraph": false, "graph": {…}, "nodes": [{"id", "name", …}],
  /// "edges": [{"source", "target", "strength", …}]}`, read by
  /// `json_graph.node_link_graph(d)` with its defaults (networkx 3.6 and
  /// later); `edgesKey: "links"` writes the older spelling. Numbers are typed
  /// (int, double, boolean).
  /// - Complexity: O(V + E + text length).
  public static func writeJSON(
    _ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier(), edgesKey: String = "edges"
  ) {
    let types = Dictionary(uniqueKeysWithValues: (personColumns + tieColumns).map { ($0.0, $0.1) })
    func value(_ k: String, _ v: String) -> String {
      switch types[k] ?? "string" {
      case "int", "double", "boolean": v
      default: ExportEscaping.json(v)
      }
    }
    w.write(
      "{\"schemaVersion\": \(schemaVersion), \"directed\": false, \"multigraph\": false, \"graph\": {\"people\": \(g.personCount), \"ties\": \(g.tieCount)},\n \"nodes\": [\n"
    )
    for p in 0..<PersonID(g.personCount) {
      var line = "  {\"id\": \(ExportEscaping.json(g.people.id(of: p)))"
      for (k, v) in personFields(g, p) { line += ", \"\(k)\": \(value(k, v))" }
      line += ", \"degree\": \(g.degree(of: p))}"
      w.write(line + (Int(p) + 1 < g.personCount ? ",\n" : "\n"))
    }
    w.write(" ],\n \"\(edgesKey)\": [\n")
    var first = true
    forEachTie(g) { t, u, v, s in
      var line = first ? "  " : ",\n  "
      first = false
      line +=
        "{\"source\": \(ExportEscaping.json(g.people.id(of: u))), \"target\": \(ExportEscaping.json(g.people.id(of: v)))"
      for (k, x) in tieFields(g, t, u, v, s, classifier) { line += ", \"\(k)\": \(value(k, x))" }
      w.write(line + "}")
    }
    w.write("\n ]\n}\n")
  }

  /// Undirected DOT: node ids are the people's ids (quoted, escaped), every
  /// attribute quoted, `label` = name (`DOTLabel.quoted`, so Graphviz shows it
  /// as typed), `penwidth` from strength, inferred ties dotted.
  /// - Complexity: O(V + E + text length).
  public static func writeDOT(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    w.write("graph liaison {\n  node [shape=\"box\", style=\"rounded\"];\n")
    for p in 0..<PersonID(g.personCount) {
      var attrs = ["label=\(DOTLabel.quoted(g.people.name(of: p)))"]
      for (k, v) in personFields(g, p) where k != "name" {
        // Graphviz makes `URL` (upper case) the node's link in SVG and image maps: only
        // for web links, so that a `javascript:` profile link stays inert text.
        let link = k == "url" && (v.lowercased().hasPrefix("https://") || v.lowercased().hasPrefix("http://"))
        attrs.append("\(link ? "URL" : k)=\(ExportEscaping.dot(v))")
      }
      w.write("  \(ExportEscaping.dot(g.people.id(of: p))) [\(attrs.joined(separator: ", "))];\n")
    }
    forEachTie(g) { t, u, v, s in
      var attrs = tieFields(g, t, u, v, s, classifier).map { "\($0.0)=\(ExportEscaping.dot($0.1))" }
      attrs.append("penwidth=\"\(Float(0.5 + 3 * s).description)\"")
      if g.ties.isInferred(t) { attrs.append("style=\"dotted\"") }
      w.write(
        "  \(ExportEscaping.dot(g.people.id(of: u))) -- \(ExportEscaping.dot(g.people.id(of: v))) [\(attrs.joined(separator: ", "))];\n"
      )
    }
    w.write("}\n")
  }
}
