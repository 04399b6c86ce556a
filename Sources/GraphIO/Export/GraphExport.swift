import GraphCore

/// Formats `liaison export` writes, for Gephi, networkx, igraph, DuckDB and Neo4j.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// GraphML (networkx `read_graphml`, igraph, Gephi, yEd).
  case graphml
  /// GEXF 1.3 (Gephi's own format; networkx `read_gexf`).
  case gexf
  /// networkx node-link JSON with `edges` (`json_graph.node_link_graph(d)` with its defaults, networkx 3.6 and later).
  case json
  /// The same node-link JSON with the older `links` key, the default of networkx before 3.6.
  case jsonLinks = "json-links"
  /// Two CSV files, people and ties, in the layout `liaison` reads back (DuckDB, pandas, spreadsheets).
  case csv
  /// Two CSV files for Gephi's spreadsheet import: `Id,Label,…` nodes and `Source,Target,Type,Weight,…` edges.
  case gephiCSV = "gephi-csv"
  /// Two CSV files for `neo4j-admin database import`, with typed headers.
  case neo4j
  /// Graphviz DOT, undirected, attributes escaped.
  case dot

  /// Whether the format writes two files (people and ties) from one `--output` prefix.
  public var isTwoFiles: Bool { self == .csv || self == .gephiCSV || self == .neo4j }

  /// The files written for `--output path`, in writing order. Two-file formats
  /// add a suffix to the prefix (a trailing `.csv` on it is dropped first):
  /// csv `-people.csv`, `-ties.csv`; gephi-csv `-nodes.csv`, `-edges.csv`;
  /// neo4j `-nodes.csv`, `-relationships.csv`.
  public func paths(for path: String) -> [String] {
    let base = path.lowercased().hasSuffix(".csv") ? String(path.dropLast(4)) : path
    switch self {
    case .csv: return [base + "-people.csv", base + "-ties.csv"]
    case .gephiCSV: return [base + "-nodes.csv", base + "-edges.csv"]
    case .neo4j: return [base + "-nodes.csv", base + "-relationships.csv"]
    default: return [path]
    }
  }
}

/// Writes a whole network with every person attribute and every tie's
/// evidence. Streaming: rows go straight to an `AtomicFileWriter`, so memory
/// stays O(1) beyond the graph.
///
/// Person columns: `id, name, email, company, title, industry, location,
/// tags, url, degree`. Tie columns: `source, target, strength, rated,
/// tieClass, interactions, interactionsOut, interactionsIn, lastContact,
/// since, kind, sourceFile, inferred, confidence`. Absent values are left
/// out (XML, JSON) or empty (CSV, which leaves out a column empty for
/// everyone; Neo4j's typed files keep every column). Emails and tags are
/// joined with `;` (Neo4j's arrays: `neo4jArrayDelimiter`).
/// A negative (signed) tie's `strength` is written negative (−0.7: a negative
/// tie of strength 0.7), so `liaison` reads it back as the same signed tie;
/// GEXF's edge `weight` and DOT's `penwidth`, which drive drawings, stay the
/// magnitude.
public enum GraphExport: Sendable {
  /// The version of the node-link JSON layout (`schemaVersion`, its first key),
  /// raised when a field changes meaning.
  public static let schemaVersion = 1

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

  /// Writes `g` as `format` to `path` atomically (two-file formats: see
  /// `ExportFormat.paths(for:)`; both files are committed only once both are written).
  ///
  /// `guardFormulas` (the default) gives CSV text cells that a spreadsheet would
  /// run as a formula (starting with `= + - @`, TAB or CR) a leading `'`; pass
  /// `false` for files bound for a database. Neo4j's files are never guarded.
  /// - Complexity: O(V + E + text length) time, O(1) extra memory.
  public static func write(
    _ g: Graph, as format: ExportFormat, to path: String, classifier: TieClassifier = TieClassifier(),
    guardFormulas: Bool = true
  ) throws(OutputError) {
    let layout: TableLayout
    switch format {
    case .csv: layout = .liaison
    case .gephiCSV: layout = .gephi
    case .neo4j: layout = .neo4j
    default:
      let w = try AtomicFileWriter(path: path)
      switch format {
      case .graphml: writeGraphML(g, to: w, classifier: classifier)
      case .gexf: writeGEXF(g, to: w, classifier: classifier)
      case .json: writeJSON(g, to: w, classifier: classifier)
      case .jsonLinks: writeJSON(g, to: w, classifier: classifier, edgesKey: "links")
      case .dot: writeDOT(g, to: w, classifier: classifier)
      case .csv, .gephiCSV, .neo4j: break
      }
      try w.commit()
      return
    }
    let files = format.paths(for: path)
    let pw = try AtomicFileWriter(path: files[0])
    let tw = try AtomicFileWriter(path: files[1])
    writeTables(g, layout: layout, people: pw, ties: tw, classifier: classifier, guardFormulas: guardFormulas)
    try pw.commit()
    try tw.commit()
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
