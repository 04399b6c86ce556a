import GraphCore

/// Formats `liaison export` writes, for Gephi, networkx, igraph and Neo4j.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// GraphML (networkx `read_graphml`, igraph, Gephi, yEd).
  case graphml
  /// GEXF 1.3 (Gephi's own format).
  case gexf
  /// networkx node-link JSON (`json_graph.node_link_graph`).
  case json
  /// Two spreadsheet-safe CSV files, people and ties (Gephi's spreadsheet import, Neo4j `LOAD CSV`).
  case csv
  /// Graphviz DOT, undirected, attributes escaped.
  case dot
}

/// Writes a whole network with every person attribute and every tie's
/// evidence. Streaming: rows go straight to an `AtomicFileWriter`, so memory
/// stays O(1) beyond the graph.
///
/// Person columns: `id, name, email, company, title, industry, location,
/// tags, url, degree`. Tie columns: `source, target, strength, rated,
/// tieClass, interactions, interactionsOut, interactionsIn, lastContact,
/// since, kind, sourceFile, inferred, confidence`. Absent values are left
/// out (XML, JSON) or empty (CSV). Emails and tags are joined with `;`.
/// A negative (signed) tie's `strength` is written negative (−0.7: a negative
/// tie of strength 0.7), so `liaison` reads it back as the same signed tie;
/// GEXF's edge `weight` and DOT's `penwidth`, which drive drawings, stay the
/// magnitude.
public enum GraphExport {
  /// One person's attributes as (column, value) text pairs, absent values omitted.
  static func personFields(_ g: Graph, _ p: PersonID) -> [(String, String)] {
    var out: [(String, String)] = [("name", g.people.name(of: p))]
    let emails = g.people.emails(of: p).filter { !$0.isEmpty }
    if !emails.isEmpty { out.append(("email", emails.joined(separator: ";"))) }
    for (k, v) in [
      ("company", g.people.company(of: p)), ("title", g.people.title(of: p)), ("industry", g.people.industry(of: p)),
      ("location", g.people.location(of: p)),
    ] where !v.isEmpty {
      out.append((k, v))
    }
    let tags = g.people.tags(of: p).filter { !$0.isEmpty }
    if !tags.isEmpty { out.append(("tags", tags.joined(separator: ";"))) }
    let url = g.people.profileURL(of: p)
    if !url.isEmpty { out.append(("url", url)) }
    return out
  }

  /// The typed columns of a person (name, type) in file order.
  static let personColumns: [(String, String)] = [
    ("name", "string"), ("email", "string"), ("company", "string"), ("title", "string"), ("industry", "string"),
    ("location", "string"), ("tags", "string"), ("url", "string"), ("degree", "int"),
  ]

  /// The typed columns of a tie (name, type) in file order (after source and target).
  static let tieColumns: [(String, String)] = [
    ("strength", "double"), ("rated", "boolean"), ("tieClass", "string"), ("interactions", "int"),
    ("interactionsOut", "int"), ("interactionsIn", "int"), ("lastContact", "string"), ("since", "string"),
    ("kind", "string"), ("sourceFile", "string"), ("inferred", "boolean"), ("confidence", "double"),
  ]

  /// One tie's evidence as (column, value) pairs, absent values omitted.
  static func tieFields(_ g: Graph, _ t: Int, _ u: PersonID, _ v: PersonID, _ s: Float, _ classifier: TieClassifier)
    -> [(String, String)]
  {
    let ties = g.ties
    var out: [(String, String)] = [
      ("strength", (ties.isNegative(t) ? -s : s).description), ("rated", ties.isRated(t) ? "true" : "false"),
      ("tieClass", g.tieClass(t, classifier: classifier).rawValue),
    ]
    if let x = ties.interactions(t) { out.append(("interactions", "\(x)")) }
    if let x = ties.interactionsOut(t) { out.append(("interactionsOut", "\(x)")) }
    if let x = ties.interactionsIn(t) { out.append(("interactionsIn", "\(x)")) }
    if let d = ties.lastContact(t) { out.append(("lastContact", d.iso)) }
    if let d = ties.since(t) { out.append(("since", d.iso)) }
    if let k = ties.kind(t) { out.append(("kind", k)) }
    if let src = ties.source(t) { out.append(("sourceFile", src)) }
    out.append(("inferred", ties.isInferred(t) ? "true" : "false"))
    if let c = ties.confidence(t) { out.append(("confidence", Float(c).description)) }
    return out
  }

  /// Calls `body(t, u, v, strength)` for every tie once (u < v), in tie-id order.
  /// - Complexity: O(V + E).
  static func forEachTie(_ g: Graph, _ body: (Int, PersonID, PersonID, Float) -> Void) {
    var t = 0
    for u in 0..<PersonID(g.personCount) {
      for (v, s) in zip(g.neighbors(of: u), g.strengths(of: u)) where v > u {
        body(t, u, v, s)
        t += 1
      }
    }
  }

  /// Writes `g` as `format` to `path` atomically (CSV: two files, see `csvPaths`).
  /// - Complexity: O(V + E + text length) time, O(1) extra memory.
  public static func write(
    _ g: Graph, as format: ExportFormat, to path: String, classifier: TieClassifier = TieClassifier()
  ) throws(OutputError) {
    switch format {
    case .csv:
      let (people, ties) = csvPaths(for: path)
      let pw = try AtomicFileWriter(path: people)
      writeCSVPeople(g, to: pw)
      let tw = try AtomicFileWriter(path: ties)
      writeCSVTies(g, to: tw, classifier: classifier)
      try pw.commit()
      try tw.commit()
    default:
      let w = try AtomicFileWriter(path: path)
      switch format {
      case .graphml: writeGraphML(g, to: w, classifier: classifier)
      case .gexf: writeGEXF(g, to: w, classifier: classifier)
      case .json: writeJSON(g, to: w, classifier: classifier)
      case .dot: writeDOT(g, to: w, classifier: classifier)
      case .csv: break
      }
      try w.commit()
    }
  }

  /// The two CSV files for `--output F`: `F-people.csv` and `F-ties.csv`
  /// (a trailing `.csv` on F is dropped first).
  public static func csvPaths(for path: String) -> (people: String, ties: String) {
    let base = path.hasSuffix(".csv") ? String(path.dropLast(4)) : path
    return (base + "-people.csv", base + "-ties.csv")
  }
}

/// Escaping for the exporters.
enum ExportEscaping {
  /// XML 1.0 text or attribute value: `& < > " '` as entities; characters
  /// XML cannot hold (controls other than TAB, LF, CR; U+FFFE, U+FFFF) as U+FFFD;
  /// TAB, LF, CR as character references so attribute values keep them.
  static func xml(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t": out += "&#9;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      default:
        if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }

  /// A JSON string literal (RFC 8259), with `<`, `>`, `&`, U+2028 and U+2029
  /// escaped too so the text is safe inside HTML script blocks.
  static func json(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}":
        out += unicodeEscape(c.value)
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += unicodeEscape(c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  private static func unicodeEscape(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: false)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// A DOT quoted string: `\` and `"` escaped, control characters as spaces.
  static func dot(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      default: out.unicodeScalars.append(c.value < 0x20 || c.value == 0x7F ? " " : c)
      }
    }
    return out + "\""
  }
}
