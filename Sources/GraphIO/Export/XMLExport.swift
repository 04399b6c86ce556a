import GraphCore

extension GraphExport {
  /// GraphML with typed keys (`d_name`, `d_strength`, …), undirected edges,
  /// node ids = the people's ids. networkx `read_graphml` and igraph read it.
  /// - Complexity: O(V + E + text length).
  public static func writeGraphML(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    w.write(
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    )
    for (name, type) in personColumns {
      w.write("  <key id=\"n_\(name)\" for=\"node\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n")
    }
    for (name, type) in tieColumns {
      w.write("  <key id=\"e_\(name)\" for=\"edge\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n")
    }
    w.write("  <graph id=\"liaison\" edgedefault=\"undirected\">\n")
    for p in 0..<PersonID(g.personCount) {
      w.write("    <node id=\"\(ExportEscaping.xml(g.people.id(of: p)))\">")
      for (k, v) in personFields(g, p) { w.write("<data key=\"n_\(k)\">\(ExportEscaping.xml(v))</data>") }
      w.write("<data key=\"n_degree\">\(g.degree(of: p))</data></node>\n")
    }
    forEachTie(g) { t, u, v, s in
      w.write(
        "    <edge id=\"e\(t)\" source=\"\(ExportEscaping.xml(g.people.id(of: u)))\" target=\"\(ExportEscaping.xml(g.people.id(of: v)))\">"
      )
      for (k, value) in tieFields(g, t, u, v, s, classifier) {
        w.write("<data key=\"e_\(k)\">\(ExportEscaping.xml(value))</data>")
      }
      w.write("</edge>\n")
    }
    w.write("  </graph>\n</graphml>\n")
  }

  /// GEXF 1.3 for Gephi: node attributes, edge `weight` = strength plus the evidence.
  /// - Complexity: O(V + E + text length).
  public static func writeGEXF(_ g: Graph, to w: AtomicFileWriter, classifier: TieClassifier = TieClassifier()) {
    func gexfType(_ t: String) -> String { t == "int" ? "integer" : t }
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    w.write("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n")
    w.write("  <meta><creator>Liaison</creator><description>professional network</description></meta>\n")
    w.write("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n")
    w.write("    <attributes class=\"node\">\n")
    for (i, (name, type)) in personColumns.enumerated() where name != "name" {
      w.write("      <attribute id=\"\(i)\" title=\"\(name)\" type=\"\(gexfType(type))\"/>\n")
    }
    w.write("    </attributes>\n    <attributes class=\"edge\">\n")
    for (i, (name, type)) in tieColumns.enumerated() {
      w.write("      <attribute id=\"\(i)\" title=\"\(name)\" type=\"\(gexfType(type))\"/>\n")
    }
    w.write("    </attributes>\n    <nodes>\n")
    let personIndex = Dictionary(uniqueKeysWithValues: personColumns.enumerated().map { ($1.0, $0) })
    let tieIndex = Dictionary(uniqueKeysWithValues: tieColumns.enumerated().map { ($1.0, $0) })
    for p in 0..<PersonID(g.personCount) {
      let fields = personFields(g, p)
      let label = fields.first { $0.0 == "name" }?.1 ?? g.people.id(of: p)
      w.write(
        "      <node id=\"\(ExportEscaping.xml(g.people.id(of: p)))\" label=\"\(ExportEscaping.xml(label))\"><attvalues>"
      )
      for (k, v) in fields where k != "name" {
        w.write("<attvalue for=\"\(personIndex[k]!)\" value=\"\(ExportEscaping.xml(v))\"/>")
      }
      w.write("<attvalue for=\"\(personIndex["degree"]!)\" value=\"\(g.degree(of: p))\"/></attvalues></node>\n")
    }
    w.write("    </nodes>\n    <edges>\n")
    forEachTie(g) { t, u, v, s in
      w.write(
        "      <edge id=\"\(t)\" source=\"\(ExportEscaping.xml(g.people.id(of: u)))\" target=\"\(ExportEscaping.xml(g.people.id(of: v)))\" weight=\"\(s.description)\"><attvalues>"
      )
      for (k, value) in tieFields(g, t, u, v, s, classifier) {
        w.write("<attvalue for=\"\(tieIndex[k]!)\" value=\"\(ExportEscaping.xml(value))\"/>")
      }
      w.write("</attvalues></edge>\n")
    }
    w.write("    </edges>\n  </graph>\n</gexf>\n")
  }
}
