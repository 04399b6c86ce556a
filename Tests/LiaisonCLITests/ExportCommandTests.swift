import Foundation
import GraphCore
import GraphIO
import GraphRendering
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A GraphML reader for the round trip: node ids with their data, edges
/// with theirs (keys resolved to attribute names).
final class GraphMLReader: NSObject, XMLParserDelegate {
  var keyName: [String: String] = [:]
  var nodes: [String: [String: String]] = [:]
  var edges: [(String, String, [String: String])] = []
  var parsed = false
  private var current: [String: String] = [:]
  private var node: String?
  private var edge: (String, String)?
  private var dataKey: String?
  private var text = ""

  init(_ data: Data) {
    super.init()
    let p = XMLParser(data: data)
    p.delegate = self
    parsed = p.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes a: [String: String] = [:]
  ) {
    switch name {
    case "key": keyName[a["id"]!] = a["attr.name"]
    case "node":
      node = a["id"]
      current = [:]
    case "edge":
      edge = (a["source"]!, a["target"]!)
      current = [:]
    case "data":
      dataKey = a["key"]
      text = ""
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { if dataKey != nil { text += string } }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    switch name {
    case "data":
      current[keyName[dataKey!]!] = text
      dataKey = nil
    case "node":
      nodes[node!] = current
    case "edge":
      edges.append((edge!.0, edge!.1, current))
    default: break
    }
  }
}

/// The text of every `<text>` element of an SVG, read with a real XML parser.
final class SVGTexts: NSObject, XMLParserDelegate {
  var texts: [String] = []
  var parsed = false
  private var text: String?

  init(_ bytes: [UInt8]) {
    super.init()
    let p = XMLParser(data: Data(bytes))
    p.shouldResolveExternalEntities = false
    p.delegate = self
    parsed = p.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if name == "text" { text = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "text", let t = text { texts.append(t) }
    if name == "text" { text = nil }
  }
}

@Suite struct ExportCommandTests {
  static let hostile = [
    "<script>alert(1)</script>", "Ann \"Q\" Lee", "Tom & Jerry", "]]>", "back\\slash", "=SUM(A1:A9)", "+1 555", "-dash",
    "@at", "tab\tinside", "line\nbreak", "ctrl\u{01}x", "emoji 🙂 ünïcödé",
  ]

  /// A graph with hostile names and full evidence.
  static func graph() throws -> Graph {
    var b = GraphBuilder()
    for (i, n) in hostile.enumerated() {
      let p = b.person(key: "id\(i)")
      b.setAttributes(
        p,
        .init(
          name: n, emails: ["p\(i)@example.com"], company: "Co \(i % 3)", title: n, industry: "Software",
          tags: ["a", "b"]))
    }
    for i in 0..<hostile.count {
      for j in (i + 1)..<hostile.count where (i * 7 + j) % 3 == 0 {
        try b.addTie(
          PersonID(i), PersonID(j),
          evidence: TieEvidence(
            strength: Double((i * 13 + j) % 97 + 1) / 100, interactions: i + j,
            lastContact: Day(daysSinceEpoch: Int32(20_000 + i)), kind: j % 2 == 0 ? "colleague" : nil,
            inferredConfidence: (i + j) % 5 == 0 ? 0.4 : nil))
      }
    }
    return try b.build().0
  }

  static func expectedTies(_ g: Graph) -> [String: Float] {
    var out: [String: Float] = [:]
    for (u, v, s) in g.tieList() { out["\(g.people.id(of: u))|\(g.people.id(of: v))"] = s }
    return out
  }

  @Test func graphMLRoundTrip() throws {
    let g = try Self.graph()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .graphml, to: "\(tmp.path)/g.graphml")
    let r = GraphMLReader(try Data(contentsOf: URL(fileURLWithPath: "\(tmp.path)/g.graphml")))
    #expect(r.parsed)
    #expect(r.nodes.count == g.personCount)
    for p in 0..<PersonID(g.personCount) {
      let d = try #require(r.nodes[g.people.id(of: p)])
      #expect(d["name"] == g.people.name(of: p).replacingOccurrences(of: "\u{01}", with: "\u{FFFD}"))
      #expect(d["title"] == g.people.title(of: p).replacingOccurrences(of: "\u{01}", with: "\u{FFFD}"))
      #expect(d["email"] == g.people.emails(of: p).joined(separator: ";"))
      #expect(d["degree"] == "\(g.degree(of: p))")
    }
    let expected = Self.expectedTies(g)
    #expect(r.edges.count == g.tieCount)
    for (a, b, d) in r.edges {
      let s = try #require(expected["\(a)|\(b)"], "edge \(a)-\(b) exists")
      #expect(Float(d["strength"]!) == s, "strength round-trips exactly")
      let ids = Dictionary(uniqueKeysWithValues: (0..<PersonID(g.personCount)).map { (g.people.id(of: $0), $0) })
      let t = g.tieID(between: ids[a]!, and: ids[b]!)!
      #expect(d["inferred"] == (g.ties.isInferred(t) ? "true" : "false"))
      #expect(d["interactions"] == g.ties.interactions(t).map { "\($0)" })
      #expect(d["lastContact"] == g.ties.lastContact(t)?.iso)
      #expect(d["kind"] == g.ties.kind(t))
    }
  }

  @Test func jsonRoundTrip() throws {
    let g = try Self.graph()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .json, to: "\(tmp.path)/g.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(tmp.path)/g.json")))
        as? [String: Any])
    #expect(json["directed"] as? Bool == false)
    #expect(json["schemaVersion"] as? Int == GraphExport.schemaVersion)
    #expect(json["links"] == nil, "networkx 3.6 reads `edges` by default")
    let nodes = try #require(json["nodes"] as? [[String: Any]])
    let links = try #require(json["edges"] as? [[String: Any]])
    #expect(nodes.count == g.personCount && links.count == g.tieCount)
    for (i, n) in nodes.enumerated() {
      #expect(n["id"] as? String == g.people.id(of: PersonID(i)))
      #expect(
        n["name"] as? String == g.people.name(of: PersonID(i)), "names round-trip exactly, control characters included")
      #expect(n["degree"] as? Int == g.degree(of: PersonID(i)))
    }
    let expected = Self.expectedTies(g)
    for l in links {
      let key = "\(l["source"] as! String)|\(l["target"] as! String)"
      let s = try #require(expected[key])
      #expect(Float((l["strength"] as! NSNumber).doubleValue) == s)
      #expect(l["inferred"] is Bool)
    }
    // The older spelling, for node_link_graph(d, edges="links"): the same bytes but the key.
    try GraphExport.write(g, as: .jsonLinks, to: "\(tmp.path)/links.json")
    let old = try #require(tmp.read("links.json"))
    let new = try #require(tmp.read("g.json"))
    #expect(old == new.replacingOccurrences(of: "\n \"edges\": [", with: "\n \"links\": ["))
    #expect(old != new)
  }

  @Test func csvIsSpreadsheetSafeAndGEXFAndDOTParse() throws {
    let g = try Self.graph()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .csv, to: "\(tmp.path)/net.csv")
    let people = try #require(tmp.read("net-people.csv"))
    // location and url are empty for everyone, so they are left out.
    #expect(people.hasPrefix("id,name,email,company,title,industry,tags,degree\n"))
    #expect(
      people.contains(",'=SUM(A1:A9),") && people.contains(",'+1 555,") && people.contains(",'-dash,")
        && people.contains(",'@at,"))
    #expect(!people.contains(",=SUM"))
    // --raw-csv (for databases) keeps the cells as they are.
    try GraphExport.write(g, as: .csv, to: "\(tmp.path)/raw.csv", guardFormulas: false)
    let raw = try #require(tmp.read("raw-people.csv"))
    #expect(raw.contains(",=SUM(A1:A9),") && raw.contains(",-dash,") && !raw.contains(",'-dash,"))
    let ties = try #require(tmp.read("net-ties.csv"))
    #expect(ties.split(separator: "\n").count == g.tieCount + 1)
    try GraphExport.write(g, as: .gexf, to: "\(tmp.path)/g.gexf")
    let gexf = try Data(contentsOf: URL(fileURLWithPath: "\(tmp.path)/g.gexf"))
    #expect(XMLParser(data: gexf).parse())
    let text = String(decoding: gexf, as: UTF8.self)
    #expect(text.components(separatedBy: "<node ").count - 1 == g.personCount)
    #expect(text.components(separatedBy: "<edge ").count - 1 == g.tieCount)
    try GraphExport.write(g, as: .dot, to: "\(tmp.path)/g.dot")
    let dot = try #require(tmp.read("g.dot"))
    #expect(dot.components(separatedBy: " -- ").count - 1 == g.tieCount)
  }

  /// `export --to dot` read back by Graphviz: every name with HTML entities,
  /// Graphviz escapes or quotes is drawn as typed (the SVG text decoded once as XML).
  @Test func dotExportLabelsShowAsTypedInGraphviz() throws {
    let names = [
      "A &amp; B &lt;x&gt; &#38; &#x26;", "back\\N \\G \\E \\T \\n \\l \\r \\\\ x\\", "Tom & Jerry",
      "&quot;Q&quot; \"q\" &#92;n", "<b>bold</b>", "Co &amp; Sons &nbsp;x",
    ]
    var b = GraphBuilder()
    for (i, n) in names.enumerated() { b.setAttributes(b.person(key: "id\(i)"), .init(name: n, company: n)) }
    for i in 1..<names.count { _ = try b.addTie(0, PersonID(i), evidence: TieEvidence(strength: 0.5)) }
    let g = try b.build().0
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .dot, to: "\(tmp.path)/g.dot")
    let dot = try #require(tmp.read("g.dot"))
    let svg = try GraphvizRenderer().renderSynchronously(dot: dot, engine: .dot)
    let texts = SVGTexts(svg)
    #expect(texts.parsed)
    #expect(Set(texts.texts.map { $0.replacingOccurrences(of: "\u{A0}", with: " ") }) == Set(names))
    #expect(
      String(decoding: svg, as: UTF8.self).contains(">A &amp;amp; B &amp;lt;x&amp;gt; &amp;#38; &amp;#x26;</text>"))
  }

  /// Gephi's spreadsheet import and Neo4j's bulk importer: their header
  /// spellings, typed headers, and raw cells for Neo4j.
  @Test func gephiAndNeo4jTables() throws {
    let g = try Self.graph()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .gephiCSV, to: "\(tmp.path)/gephi")
    let nodes = try #require(tmp.read("gephi-nodes.csv"))
    let edges = try #require(tmp.read("gephi-edges.csv"))
    #expect(nodes.hasPrefix("Id,Label,email,company,title,industry,tags,degree\n"))
    #expect(nodes.contains(",'=SUM(A1:A9),"), "guarded by default")
    #expect(edges.hasPrefix("Source,Target,Type,Weight,strength,rated,tieClass,interactions,lastContact,kind,"))
    #expect(edges.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",")[2] == "Undirected" })
    try GraphExport.write(g, as: .neo4j, to: "\(tmp.path)/neo.csv")
    let people = try #require(tmp.read("neo-nodes.csv"))
    let ties = try #require(tmp.read("neo-relationships.csv"))
    #expect(
      people.hasPrefix(
        "personId:ID(Person),name,email:string[],company,title,industry,location,tags:string[],url,degree:int,:LABEL\n"
      ))
    #expect(people.contains(",=SUM(A1:A9),") && !people.contains("'=SUM"), "Neo4j's files are raw")
    #expect(
      ties.hasPrefix(
        ":START_ID(Person),:END_ID(Person),:TYPE,strength:double,rated:boolean,tieClass,interactions:int,"
          + "interactionsOut:int,interactionsIn:int,lastContact:date,since:date,kind,sourceFile,inferred:boolean,"
          + "confidence:double\n"))
    #expect(ties.split(separator: "\n").count == g.tieCount + 1)
    #expect(
      GraphExport.neo4jImportCommand(nodes: "a/n.csv", relationships: "it's.csv")
        == "neo4j-admin database import full neo4j --nodes=a/n.csv --relationships='it'\\''s.csv' --multiline-fields=true"
    )
  }

  /// Neo4j's arrays: `;` unless an email or tag holds one, then U+001F, named in the command.
  @Test func neo4jArraysKeepASemicolonInATag() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    b.setAttributes(a, .init(name: "Ann", emails: ["a@x.com", "ann@y.org"], tags: ["mentor;friend", "hiring"]))
    let c = b.person(key: "c")
    b.setAttributes(c, .init(name: "Cy", tags: ["x"]))
    _ = try b.addTie(a, c, evidence: TieEvidence(strength: 0.5))
    let g = try b.build().0
    #expect(GraphExport.neo4jArrayDelimiter(g) == "\u{1F}")
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .neo4j, to: "\(tmp.path)/n")
    let nodes = try #require(tmp.read("n-nodes.csv"))
    #expect(nodes.contains("a@x.com\u{1F}ann@y.org") && nodes.contains("mentor;friend\u{1F}hiring"), "\(nodes)")
    #expect(
      GraphExport.neo4jImportCommand(nodes: "n", relationships: "r", arrayDelimiter: "\u{1F}")
        .hasSuffix("--multiline-fields=true --array-delimiter=U+001F"))
    // Without a `;` in any element, the importer's default.
    var plain = GraphBuilder()
    let p = plain.person(key: "p")
    plain.setAttributes(p, .init(name: "P", emails: ["p@x.com", "q@x.com"]))
    #expect(GraphExport.neo4jArrayDelimiter(try plain.build().0) == ";")
    // A prefix the importer would read as syntax is refused before any work.
    var code: Int32 = 0
    let err = capturingStandardError {
      code = runCLI(arguments: [
        "export", "\(SharedData.repositoryRoot())/datasets/network/ties.csv", "--to", "neo4j", "-o", "\(tmp.path)/a=b",
      ])
    }
    #expect(code == 2 && err.contains("'='"), "\(err)")
  }

  /// DOT's link attribute is `URL`, the one Graphviz makes into a link, for web links only.
  @Test func dotLinksPeopleWithURL() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    b.setAttributes(a, .init(name: "Ann", profileURL: "https://www.linkedin.com/in/ann"))
    let c = b.person(key: "c")
    b.setAttributes(c, .init(name: "Cy", profileURL: "javascript:alert(1)"))
    _ = try b.addTie(a, c, evidence: TieEvidence(strength: 0.5))
    let g = try b.build().0
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    try GraphExport.write(g, as: .dot, to: "\(tmp.path)/g.dot")
    let dot = try #require(tmp.read("g.dot"))
    #expect(dot.contains("URL=\"https://www.linkedin.com/in/ann\"") && dot.contains("url=\"javascript:alert(1)\""))
    #expect(!dot.contains("URL=\"javascript"))
    // Graphviz's own `dot` (Liaison's renderer refuses links in its pictures) makes it a link.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
    p.arguments = ["-Tsvg", "\(tmp.path)/g.dot"]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let svg = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(svg.contains("xlink:href=\"https://www.linkedin.com/in/ann\""), "\(svg)")
  }

  @Test func exportCommandOnTheBundledNetwork() throws {
    let root = SharedData.repositoryRoot()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let inputs = ["\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv"]
    let outputs = [
      ("graphml", "n.graphml"), ("gexf", "n.gexf"), ("json", "n.json"), ("json-links", "links.json"),
      ("csv", "n.csv"), ("gephi-csv", "n"), ("neo4j", "neo"), ("dot", "n.dot"),
    ]
    for (format, file) in outputs {
      #expect(
        runCLI(arguments: ["export"] + inputs + ["--to", format, "--output", "\(tmp.path)/\(file)"]) == 0)
    }
    let r = GraphMLReader(try Data(contentsOf: URL(fileURLWithPath: "\(tmp.path)/n.graphml")))
    #expect(r.nodes.count == 300 && r.edges.count == 3003)
    #expect(tmp.read("n-ties.csv")?.split(separator: "\n").count == 3004)
    #expect(tmp.read("n-edges.csv")?.split(separator: "\n").count == 3004)
    #expect(tmp.read("neo-relationships.csv")?.split(separator: "\n").count == 3004)
    #expect(runCLI(arguments: ["export"] + inputs + ["--to", "xls", "--output", "\(tmp.path)/x"]) == 2)
  }

  /// Every export loaded into the tool it is written for (networkx, igraph,
  /// DuckDB, Neo4j's header grammar), by scripts/interop/check_exports.py, on the
  /// team with its mailbox and on a network of hostile names. Runs when
  /// LIAISON_PYTHON names a Python with networkx, igraph and duckdb (scripts/test
  /// installs them) and the executable is built.
  @Test func exportsLoadIntoTheirConsumers() throws {
    guard let python = getenv("LIAISON_PYTHON").map({ String(cString: $0) }),
      let liaison = LiaisonExecutable.path
    else { return }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: python)
    probe.arguments = ["-c", "import networkx, igraph, duckdb"]
    try probe.run()
    probe.waitUntilExit()
    guard probe.terminationStatus == 0 else { return }
    let root = SharedData.repositoryRoot()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let names = [
      "-Ann Dash", "=SUM(A1:A9)", "+1 555", "@handle", "Tom \"Q\" O'Neil, Jr.", "<b>Ö & Æ</b>", "José 🙂",
      "李 小龙", "semi;colon",
    ]
    var people = "id,name,company,title,tags,url\n"
    for (i, n) in names.enumerated() {
      people +=
        "p\(i),\"\(n.replacingOccurrences(of: "\"", with: "\"\""))\",\"Co, \(i % 3)\",=cmd|x,tag\(i % 2),https://e.com/\(i)\n"
    }
    var ties = "source,target,strength,interactions,last_contact,kind\n"
    for i in 1..<names.count {
      ties += "p0,p\(i),0.\(i),\(i * 3),2026-0\(i % 9 + 1)-15,\(i % 2 == 0 ? "-former" : "")\n"
    }
    ties += "p1,p2,-0.5,,,\n"
    let hostile = [tmp.write("people.csv", people), tmp.write("ties.csv", ties)]
    let team = ["people.csv", "ties.csv", "mail/mary-reed.mbox"].map { "\(root)/datasets/team/\($0)" }
    for (label, inputs) in [("hostile", hostile), ("team", team)] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: python)
      p.arguments = ["\(root)/scripts/interop/check_exports.py", liaison, "\(tmp.path)/\(label)"] + inputs
      let pipe = Pipe()
      p.standardOutput = pipe
      p.standardError = pipe
      try p.run()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      #expect(p.terminationStatus == 0, "\(label): \(out)")
      #expect(out.components(separatedBy: "\nok: ").count >= 8, "\(label): \(out)")
    }
  }
}
