import GraphCore

/// GraphML and GEXF files, read as a stream of XML events (`XMLReader`;
/// Guides/Importing.md, "GraphML and GEXF").
///
/// Read: nodes (their id is the person's key) and edges, with their
/// attributes declared by GraphML `<key>` or GEXF `<attributes>` (defaults
/// included) and GEXF's `label`, `weight` and `kind`. Attributes are mapped
/// by name (case, `_`, `-` and spaces ignored): a person's name (or label),
/// email, company, title, industry, location, tags, url; a tie's
/// strength/weight, rated, interactions (and by direction), last_contact,
/// since, kind, sourceFile, inferred and confidence — the attributes
/// `GraphExport` writes, so that Liaison's own GraphML and GEXF read back
/// as they were written. Other node attributes become tags `name=value`;
/// when a file declares exactly one other text attribute for edges (and no
/// kind), its value is the tie's kind. Ties are undirected: a pair written
/// several times, in either direction, is one tie listing every kind.
///
/// - Complexity: O(bytes + V + E) time; memory O(V + distinct pairs) plus one read chunk.
enum GraphXMLImporter {
  static func importXML(into session: inout ImportSession, gexf: Bool) throws(ImportError) {
    let source = try ByteSource(path: session.file, text: true)
    session.report.encoding = source.encoding.rawValue
    var reader = try XMLReader(source: source, file: session.file)
    var state = GraphXMLReader(gexf: gexf, options: session.options)
    while let event = try reader.next() {
      try state.handle(event, line: reader.eventLine, column: reader.eventColumn, into: &session)
    }
    try state.finish(into: &session)
    try session.checkEnd(of: source)
  }

  /// What a node attribute sets, by its normalised name.
  enum PersonField { case name, email, company, title, industry, location, tags, url, ignored }
  /// What an edge attribute sets, by its normalised name.
  enum TieField {
    case weight, rated, interactions, interactionsOut, interactionsIn, lastContact, since, kind, source, inferred
    case confidence, ignored
  }

  static func personField(_ name: String) -> PersonField? {
    let n = ColumnNames.normalize(name)
    if ColumnNames.name.contains(n) || n == "label" { return .name }
    if ColumnNames.email.contains(n) { return .email }
    if ColumnNames.company.contains(n) { return .company }
    if ColumnNames.title.contains(n) { return .title }
    if ColumnNames.industry.contains(n) { return .industry }
    if ColumnNames.location.contains(n) { return .location }
    if ColumnNames.tags.contains(n) { return .tags }
    if ColumnNames.url.contains(n) { return .url }
    if ["id", "degree"].contains(n) { return .ignored }
    return nil
  }

  static func tieField(_ name: String) -> TieField? {
    let n = ColumnNames.normalize(name)
    switch n {
    case "rated": return .rated
    case "interactionsout": return .interactionsOut
    case "interactionsin": return .interactionsIn
    case "sourcefile": return .source
    case "inferred": return .inferred
    case "confidence", "inferredconfidence": return .confidence
    case "id", "tieclass": return .ignored
    default: break
    }
    if ColumnNames.weight.contains(n) { return .weight }
    if ColumnNames.interactions.contains(n) { return .interactions }
    if ColumnNames.lastContact.contains(n) { return .lastContact }
    if ColumnNames.since.contains(n) { return .since }
    if ColumnNames.kind.contains(n) { return .kind }
    return nil
  }
}

/// The state of a GraphML or GEXF file being read.
struct GraphXMLReader {
  /// A declared attribute: its name, whether it is text, its default.
  struct Declared {
    var name: String
    var isText: Bool
    var defaultValue: String?
  }

  enum Item {
    case none
    case node(id: String, line: Int, column: Int)
    case edge(source: String, target: String, line: Int, column: Int)
  }

  let gexf: Bool
  var nodeKeys: [String: Declared] = [:]
  var edgeKeys: [String: Declared] = [:]
  /// The key or attribute whose `<default>` is being read (node or edge, id).
  var declaring: (node: Bool, id: String)?
  var readingDefault = false
  var item = Item.none
  /// The current node's or edge's values by attribute name, in order.
  var values: [(name: String, value: String)] = []
  /// The `<data key=…>` being read, and its text so far.
  var dataKey: String?
  var dataText = ""
  var directed = false
  /// Nodes open inside the node being read.
  var nestedNodes = 0
  /// The node (and its values so far) set aside while an edge nested in it is read.
  var stashed: (Item, [(name: String, value: String)])?
  var ties: PairTies
  /// What each attribute name sets, worked out once per name.
  var personFields: [String: GraphXMLImporter.PersonField?] = [:]
  var tieFields: [String: GraphXMLImporter.TieField?] = [:]
  /// The declared attribute names with a default, by node (true) or edge, in key order (made on first use).
  var defaults: [Bool: [(name: String, value: String)]] = [:]
  /// The declared edge attribute that gives the kind (see `GraphXMLImporter`), found once the nodes start.
  var kindAttribute: String??

  init(gexf: Bool, options: LoadOptions) {
    self.gexf = gexf
    ties = PairTies(options: options)
  }

  private static func local(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  mutating func handle(_ event: XMLReader.Event, line: Int, column: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    switch event {
    case .text(let t):
      if dataKey != nil { dataText += t }
      if readingDefault, let d = declaring {
        if d.node {
          let old = nodeKeys[d.id]?.defaultValue ?? ""
          nodeKeys[d.id]?.defaultValue = old + t
        } else {
          let old = edgeKeys[d.id]?.defaultValue ?? ""
          edgeKeys[d.id]?.defaultValue = old + t
        }
      }
    case .start(let qualified, let attributes):
      func attribute(_ n: String) -> String? { attributes.first { Self.local($0.name) == n }?.value }
      switch Self.local(qualified) {
      case "key" where !gexf:
        guard let id = attribute("id") else { return }
        let name = attribute("attr.name") ?? id
        let type = (attribute("attr.type") ?? "string").lowercased()
        let declared = Declared(name: name, isText: type == "string", defaultValue: nil)
        let target = (attribute("for") ?? "all").lowercased()
        if target == "node" || target == "all" { nodeKeys[id] = declared }
        if target == "edge" || target == "all" { edgeKeys[id] = declared }
        declaring = (target != "edge", id)
      case "attributes" where gexf:
        declaring = ((attribute("class") ?? "node").lowercased() == "node", "")
      case "attribute" where gexf:
        guard let id = attribute("id"), let d = declaring else { return }
        let type = (attribute("type") ?? "string").lowercased()
        let declared = Declared(
          name: attribute("title") ?? id, isText: type == "string" || type == "liststring", defaultValue: nil)
        if d.node { nodeKeys[id] = declared } else { edgeKeys[id] = declared }
        declaring = (d.node, id)
      case "default":
        readingDefault = declaring != nil
      case "graph":
        let kind = (attribute("edgedefault") ?? attribute("defaultedgetype") ?? "").lowercased()
        if kind == "directed" { directed = true }
      case "node":
        guard case .none = item else {
          // A node inside a node (GEXF hierarchy, GraphML nested graph): not read; its parent is.
          nestedNodes += 1
          return
        }
        item = .node(id: attribute("id") ?? "", line: line, column: column)
        values = []
        if gexf, let label = attribute("label") { values.append(("label", label)) }
      case "edge":
        // An edge of a graph nested in a node: the node is set aside until the edge ends.
        if case .node = item { stashed = (item, values) }
        item = .edge(source: attribute("source") ?? "", target: attribute("target") ?? "", line: line, column: column)
        values = []
        if attribute("directed") == "true" { directed = true }
        if gexf {
          for n in ["weight", "kind", "label"] { if let v = attribute(n) { values.append((n, v)) } }
        }
      case "data" where !gexf && nestedNodes == 0:
        dataKey = attribute("key")
        dataText = ""
      case "attvalue" where gexf && nestedNodes == 0:
        guard let key = attribute("for") ?? attribute("id"), let value = attribute("value") else { return }
        let keys: [String: Declared]
        switch item {
        case .node: keys = nodeKeys
        case .edge: keys = edgeKeys
        case .none: return
        }
        values.append((keys[key]?.name ?? key, value))
      case "hyperedge":
        session.report.rowsRead += 1
        try session.reject(line: line, column: column, "a hyperedge is not read (Liaison's ties join two people)")
      default: break
      }
    case .end(let qualified):
      switch Self.local(qualified) {
      case "data" where !gexf:
        guard let key = dataKey else { return }
        dataKey = nil
        switch item {
        case .node: values.append((nodeKeys[key]?.name ?? key, dataText))
        case .edge: values.append((edgeKeys[key]?.name ?? key, dataText))
        case .none: break
        }
      case "default":
        readingDefault = false
        defaults = [:]
      case "key", "attributes": declaring = nil
      case "node":
        if nestedNodes > 0 {
          nestedNodes -= 1
          return
        }
        guard case .node(let id, let l, let c) = item else { return }
        item = .none
        try node(id, line: l, column: c, into: &session)
      case "edge":
        guard case .edge(let s, let t, let l, let c) = item else { return }
        item = .none
        try edge(s, t, line: l, column: c, into: &session)
        if let (outer, outerValues) = stashed {
          (item, values) = (outer, outerValues)
          stashed = nil
        }
      default: break
      }
    }
  }

  /// The values of the current item with the declared defaults it lacks.
  private mutating func withDefaults(node: Bool) -> [(name: String, value: String)] {
    if defaults[node] == nil {
      let keys = node ? nodeKeys : edgeKeys
      defaults[node] = keys.sorted(by: { $0.key < $1.key }).compactMap { _, d in d.defaultValue.map { (d.name, $0) } }
    }
    var out = values
    for (name, value) in defaults[node]! where !out.contains(where: { $0.name == name }) { out.append((name, value)) }
    return out
  }

  private mutating func personField(_ name: String) -> GraphXMLImporter.PersonField? {
    if let f = personFields[name] { return f }
    let f = GraphXMLImporter.personField(name)
    personFields[name] = .some(f)
    return f
  }

  private mutating func tieField(_ name: String) -> GraphXMLImporter.TieField? {
    if let f = tieFields[name] { return f }
    let f = GraphXMLImporter.tieField(name)
    tieFields[name] = .some(f)
    return f
  }

  private mutating func node(_ id: String, line: Int, column: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    session.report.rowsRead += 1
    guard !id.isEmpty else { return try session.reject(line: line, column: column, "a node without an id") }
    var a = GraphBuilder.PersonAttributes()
    var named = false
    for (name, value) in withDefaults(node: true) where !value.isEmpty {
      func list() -> [String] { value.split(separator: ";").map(String.init).filter { !$0.isEmpty } }
      switch personField(name) {
      case .name:
        // An explicit name wins over a GEXF label.
        if !named || name != "label" { a.name = value }
        named = named || name != "label"
      case .email: a.emails = list()
      case .company: a.company = value
      case .title: a.title = value
      case .industry: a.industry = value
      case .location: a.location = value
      case .tags: a.tags += list()
      case .url: a.profileURL = value
      case .ignored: break
      case nil: a.tags.append("\(name)=\(value)")
      }
    }
    let (p, inserted) = session.builder.insertPerson(key: id)
    session.builder.setAttributes(p, a, overwrite: false)
    if inserted { session.report.imported += 1 } else { session.report.merged += 1 }
  }

  /// The edge attribute whose value is the kind when the file names none (see `GraphXMLImporter`).
  private mutating func kindFallback() -> String? {
    if let k = kindAttribute { return k }
    let names = Set(edgeKeys.values.map(\.name))
    var found: String?
    if !names.contains(where: { GraphXMLImporter.tieField($0) == .kind }) {
      let other = names.filter { n in
        GraphXMLImporter.tieField(n) == nil && edgeKeys.values.contains { $0.name == n && $0.isText }
      }
      if other.count == 1 { found = other.first }
    }
    kindAttribute = .some(found)
    return found
  }

  private mutating func edge(_ s: String, _ t: String, line: Int, column: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    session.report.rowsRead += 1
    guard !s.isEmpty, !t.isEmpty else {
      return try session.reject(line: line, column: column, "an edge without a source and a target")
    }
    if s == t {
      session.report.selfTies += 1
      session.report.reject(line: line, column: column, "self-tie (source equals target) dropped")
      return
    }
    let fallback = kindFallback()
    var e = TieEvidence()
    var weightText: String?
    var rated = true
    var inferred = false
    var confidence: Double?
    var label: String?
    for (name, value) in withDefaults(node: false) where !value.isEmpty {
      switch tieField(name) {
      case .weight: weightText = weightText ?? value
      case .rated: rated = value.lowercased() != "false"
      case .interactions: e.interactions = Int(value)
      case .interactionsOut: e.interactionsOut = Int(value)
      case .interactionsIn: e.interactionsIn = Int(value)
      case .lastContact: e.lastContact = Day(parsing: value)
      case .since: e.since = Day(parsing: value)
      case .kind: e.kind = e.kind ?? value
      case .source: e.source = value
      case .inferred: inferred = value.lowercased() == "true"
      case .confidence: confidence = Double(value)
      case .ignored: break
      case nil:
        if name == "label" && gexf { label = value } else if name == fallback { e.kind = e.kind ?? value }
      }
    }
    if e.kind == nil { e.kind = label }
    if inferred, let c = confidence, c > 0, c <= 1 { e.inferredConfidence = c }
    var weight: Double?? = .none
    if rated, let w = weightText { weight = .some(Double(w)) }
    switch ties.check(weight) {
    case .failure(let refusal):
      let message = "weight \"\(weightText ?? "")\" \(refusal.reason)"
      if refusal.reason.hasPrefix("is negative") {
        session.report.reject(line: line, column: column, message)
      } else {
        try session.reject(line: line, column: column, message)
      }
    case .success(let w):
      let a = session.builder.person(key: s)
      let b = session.builder.person(key: t)
      if ties.add(a, b, e, weight: w) { session.report.imported += 1 } else { session.report.merged += 1 }
    }
  }

  mutating func finish(into session: inout ImportSession) throws(ImportError) {
    if directed && ties.oneWay > 0 {
      session.report.warn(
        line: 0, column: 0,
        "directed edges: \(ties.oneWay) of \(TextFormat.count(ties.count, "pair")) are tied one way only; each pair is one undirected tie"
      )
    }
    try ties.flush(into: &session)
  }
}
