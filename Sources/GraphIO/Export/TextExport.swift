import GraphCore

extension GraphExport {
  /// networkx node-link JSON: `{"directed": false, "multigraph": false,
  /// "graph": {…}, "nodes": [{"id", "name", …}], "links": [{"source",
  /// "target", "strength", …}]}` (read with `json_graph.node_link_graph(d,
  /// edges="links")`). Numbers are typed (int, double, boolean).
  /// - Complexity: O(V + E + text length).
  public static func writeJSON(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    let types = Dictionary(uniqueKeysWithValues: (personColumns + tieColumns).map { ($0.0, $0.1) })
    func value(_ k: String, _ v: String) -> String {
      switch types[k] ?? "string" {
      case "int", "double", "boolean": v
      default: ExportEscaping.json(v)
      }
    }
    w.write(
      "{\"directed\": false, \"multigraph\": false, \"graph\": {\"people\": \(g.personCount), \"ties\": \(g.tieCount)},\n \"nodes\": [\n"
    )
    for p in 0..<PersonID(g.personCount) {
      var line = "  {\"id\": \(ExportEscaping.json(g.people.id(of: p)))"
      for (k, v) in personFields(g, p) { line += ", \"\(k)\": \(value(k, v))" }
      line += ", \"degree\": \(g.degree(of: p))}"
      w.write(line + (Int(p) + 1 < g.personCount ? ",\n" : "\n"))
    }
    w.write(" ],\n \"links\": [\n")
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

  /// People CSV: `id,name,email,company,title,industry,location,tags,url,degree`
  /// (the layout `liaison` reads back), every text cell spreadsheet-safe.
  /// - Complexity: O(V + text length).
  public static func writeCSVPeople(_ g: Graph, to w: AtomicFileWriter) {
    w.write("id," + personColumns.map(\.0).joined(separator: ",") + "\n")
    for p in 0..<PersonID(g.personCount) {
      let fields = Dictionary(uniqueKeysWithValues: personFields(g, p))
      var row = [g.people.id(of: p)]
      for (k, _) in personColumns where k != "degree" { row.append(fields[k] ?? "") }
      w.write(CSVEscaping.row(row).dropLast() + ",\(g.degree(of: p))\n")
    }
  }

  /// Ties CSV: `source,target,strength,…` with every piece of evidence.
  /// - Complexity: O(E + text length).
  public static func writeCSVTies(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    w.write("source,target," + tieColumns.map(\.0).joined(separator: ",") + "\n")
    forEachTie(g) { t, u, v, s in
      let fields = Dictionary(uniqueKeysWithValues: tieFields(g, t, u, v, s, classifier))
      var row = [CSVEscaping.field(g.people.id(of: u)), CSVEscaping.field(g.people.id(of: v))]
      for (k, type) in tieColumns {
        let x = fields[k] ?? ""
        row.append(type == "string" ? CSVEscaping.field(x) : x)
      }
      w.write(row.joined(separator: ",") + "\n")
    }
  }

  /// Undirected DOT: node ids are the people's ids (quoted, escaped), every
  /// attribute quoted, `label` = name (`DOTLabel.quoted`, so Graphviz shows it
  /// as typed), `penwidth` from strength, inferred ties dotted.
  /// - Complexity: O(V + E + text length).
  public static func writeDOT(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    w.write("graph liaison {\n  node [shape=\"box\", style=\"rounded\"];\n")
    for p in 0..<PersonID(g.personCount) {
      var attrs = ["label=\(DOTLabel.quoted(g.people.name(of: p)))"]
      for (k, v) in personFields(g, p) where k != "name" { attrs.append("\(k)=\(ExportEscaping.dot(v))") }
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
