import GraphCore

/// Pajek network (`.net`) and project (`.paj`) files, read line by line
/// (Guides/Importing.md, "Pajek").
///
/// Read: `*Network` blocks (several in a project), `*Vertices N [N1]` with
/// quoted or bare labels, `*Edges`, `*Arcs` (with `:k "name"` relations and
/// `k:` line prefixes), `*Edgeslist`, `*Arcslist`, `*Matrix`, and
/// `*Partition` / `*Vector` blocks, kept as tags `name=value` on the people.
/// `%` lines are comments. People are keyed by their label (by their number
/// when they have none), so a person listed in two networks is one person.
///
/// - Complexity: O(bytes + V + E) time; memory O(V + distinct pairs) plus one read chunk.
enum PajekImporter {
  /// Most vertices one `*Vertices` line may declare.
  static let maxVertices = 1 << 24

  static func importPajek(into session: inout ImportSession) throws(ImportError) {
    var state = PajekReader()
    let (_, source) = try session.forEachLine { (line, number, session) throws(ImportError) in
      try state.read(line, number: number, into: &session)
    }
    try state.finishVertices(into: &session)
    try state.ties.flush(into: &session, sole: state.soleRelationIsUnnamed)
    try session.checkEnd(of: source)
  }
}

/// The state of a Pajek file being read: the block the lines belong to and
/// the current network's people.
struct PajekReader {
  enum Block {
    case none
    case vertices
    case ties(relation: Int?)
    case list(relation: Int?)
    case matrix(relation: Int?, row: Int)
    /// After `*Partition NAME` or `*Vector NAME`, before its `*Vertices` line.
    case valuesHeader(name: String)
    case values(name: String, next: Int, count: Int)
    /// A section Liaison does not read (`*Permutation`, `*Cluster`, …).
    case skipped
  }

  var block = Block.none
  var ties = RelationTies()
  /// The current network's people, by vertex number − 1.
  var people: [PersonID] = []
  /// `*Vertices N` of the current network, and `N1` (rows of a two-mode network; 0 for one-mode).
  var vertexCount = 0
  var firstMode = 0
  /// Labels listed in the `*Vertices` block being read, by vertex number, and their lines.
  var labels: [Int: (label: String?, line: Int)] = [:]
  var networkName: String?
  var networks = 0
  /// `:k` relation numbers of the current network → relation.
  var relationNumbers: [Int: Int] = [:]
  var namedRelations = 0

  /// Whether the file's only relation is the implicit one (no `:k` name, at most one network):
  /// then ties get no kind.
  var soleRelationIsUnnamed: Bool { namedRelations == 0 && networks <= 1 }

  mutating func read(
    _ line: UnsafeBufferPointer<UInt8>, number: Int, into session: inout ImportSession
  ) throws(ImportError) {
    guard let tokens = LineToken.split(line) else {
      session.report.rowsRead += 1
      return try session.reject(line: number, column: 1, "invalid UTF-8 text", hint: "save the file as UTF-8")
    }
    guard let first = tokens.first, !first.text.hasPrefix("%") || first.quoted else { return }
    if !first.quoted && first.text.hasPrefix("*") {
      return try header(tokens, number: number, into: &session)
    }
    switch block {
    case .none:
      session.report.rowsRead += 1
      try session.reject(
        line: number, column: first.column, "a line outside any section",
        hint: "a Pajek file starts with *Vertices N (or *Network NAME)")
    case .skipped, .valuesHeader: return
    case .vertices: try vertex(tokens, number: number, into: &session)
    case .ties(let relation): try tie(tokens, relation: relation, number: number, into: &session)
    case .list(let relation):
      guard let u = try vertexNumber(tokens[0], number: number, into: &session) else { return }
      if tokens.count < 2 {
        session.report.rowsRead += 1
        return try session.reject(
          line: number, column: tokens[0].column, "a list line needs a vertex and its neighbours")
      }
      for t in tokens.dropFirst() {
        guard let v = try vertexNumber(t, number: number, into: &session) else { continue }
        try add(u, v, relation: relation, weight: nil, at: t, number: number, into: &session)
      }
    case .matrix(let relation, let row):
      try matrixRow(tokens, relation: relation, row: row, number: number, into: &session)
    case .values(let name, let next, let count):
      session.report.rowsRead += 1
      if next > count || next > people.count {
        return try session.reject(
          line: number, column: first.column,
          "more values than the \(TextFormat.count(min(count, people.count), "vertex", plural: "vertices")) of the network"
        )
      }
      block = .values(name: name, next: next + 1, count: count)
      var attributes = GraphBuilder.PersonAttributes()
      attributes.tags = ["\(name)=\(first.text)"]
      session.builder.setAttributes(people[next - 1], attributes)
      session.report.merged += 1
    }
  }

  // MARK: Sections

  private mutating func header(_ tokens: [LineToken], number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    let keyword = tokens[0].text.lowercased()
    if case .valuesHeader(let name) = block, keyword == "*vertices" {
      let count = tokens.count > 1 ? Int(tokens[1].text) ?? 0 : 0
      block = .values(name: name, next: 1, count: count)
      return
    }
    try finishVertices(into: &session)
    switch keyword {
    case "*network":
      networks += 1
      networkName = tokens.count > 1 ? tokens.dropFirst().map(\.text).joined(separator: " ") : nil
      relationNumbers = [:]
      people = []
      vertexCount = 0
      block = .none
    case "*vertices":
      guard tokens.count > 1, let n = Int(tokens[1].text), n >= 0, n <= PajekImporter.maxVertices else {
        block = .skipped
        people = []
        vertexCount = 0
        session.report.rowsRead += 1
        return try session.reject(
          line: number, column: tokens.count > 1 ? tokens[1].column : tokens[0].column,
          "*Vertices needs the number of vertices (0 to \(PajekImporter.maxVertices))",
          hint: "write the line as *Vertices N")
      }
      vertexCount = n
      firstMode = tokens.count > 2 ? min(max(Int(tokens[2].text) ?? 0, 0), n) : 0
      people = []
      block = .vertices
    case "*edges", "*arcs", "*edgeslist", "*arcslist", "*matrix":
      var relation: Int?
      if tokens.count > 1, tokens[1].text.hasPrefix(":"), let k = Int(tokens[1].text.dropFirst()) {
        let name = tokens.count > 2 ? tokens.dropFirst(2).map(\.text).joined(separator: " ") : "relation \(k)"
        relation = ties.relation(named: name)
        relationNumbers[k] = relation
        namedRelations += 1
      }
      switch keyword {
      case "*edgeslist", "*arcslist": block = .list(relation: relation)
      case "*matrix": block = .matrix(relation: relation, row: 0)
      default: block = .ties(relation: relation)
      }
    case "*partition", "*vector":
      var name = tokens.count > 1 ? tokens.dropFirst().map(\.text).joined(separator: " ") : String(keyword.dropFirst())
      for suffix in [".clu", ".vec"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count) }
      block = .valuesHeader(name: name)
    default:
      block = .skipped
      session.report.warn(
        line: number, column: tokens[0].column, "section \(tokens[0].text) is not read; its lines were skipped")
    }
  }

  /// Ends a `*Vertices` block: every vertex becomes a person (keyed by its
  /// label, else its number); listed vertices count as rows.
  mutating func finishVertices(into session: inout ImportSession) throws(ImportError) {
    guard case .vertices = block else { return }
    block = .none
    people.reserveCapacity(vertexCount)
    for i in 1...max(vertexCount, 1) where i <= vertexCount {
      let listed = labels[i]
      let label = listed?.label.flatMap { $0.isEmpty ? nil : $0 }
      let (person, inserted) = session.builder.insertPerson(key: label ?? String(i))
      people.append(person)
      if let label {
        session.builder.setAttributes(person, GraphBuilder.PersonAttributes(name: label), overwrite: false)
      }
      if listed != nil {
        session.report.rowsRead += 1
        if inserted { session.report.imported += 1 } else { session.report.merged += 1 }
      }
    }
    labels = [:]
  }

  // MARK: Lines

  private mutating func vertex(_ tokens: [LineToken], number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    guard let i = Int(tokens[0].text), i >= 1, i <= vertexCount else {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: tokens[0].column,
        "\"\(tokens[0].text)\" is not a vertex number from 1 to \(vertexCount)",
        hint: "a vertex line is: number \"label\"")
    }
    if labels[i] != nil {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: tokens[0].column, "vertex \(i) is listed twice (first on line \(labels[i]!.line))")
    }
    labels[i] = (tokens.count > 1 ? tokens[1].text : nil, number)
  }

  private mutating func tie(_ tokens: [LineToken], relation: Int?, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    var tokens = tokens[...]
    var relation = relation
    if let head = tokens.first, head.text.hasSuffix(":"), let k = Int(head.text.dropLast()) {
      relation = relationNumbers[k] ?? ties.relation(named: "relation \(k)")
      if relationNumbers[k] == nil {
        relationNumbers[k] = relation
        namedRelations += 1
      }
      tokens = tokens.dropFirst()
    }
    guard tokens.count >= 2 else {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: tokens.first?.column ?? 1, "a tie needs two vertex numbers",
        hint: "a tie line is: from to [weight]")
    }
    let a = tokens[tokens.startIndex]
    let b = tokens[tokens.startIndex + 1]
    guard let u = try vertexNumber(a, number: number, into: &session),
      let v = try vertexNumber(b, number: number, into: &session)
    else { return }
    let w = tokens.count > 2 ? tokens[tokens.startIndex + 2] : nil
    try add(u, v, relation: relation, weight: w, number: number, into: &session)
  }

  private mutating func matrixRow(
    _ tokens: [LineToken], relation: Int?, row: Int, number: Int, into session: inout ImportSession
  ) throws(ImportError) {
    let rows = firstMode > 0 ? firstMode : vertexCount
    let columns = firstMode > 0 ? vertexCount - firstMode : vertexCount
    block = .matrix(relation: relation, row: row + 1)
    guard row < rows else {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: tokens[0].column, "the matrix has more than \(TextFormat.count(rows, "row"))")
    }
    guard tokens.count == columns else {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: tokens[min(tokens.count, columns)].column,
        "a matrix row needs \(TextFormat.count(columns, "value")), found \(tokens.count)")
    }
    for (j, t) in tokens.enumerated() {
      guard let value = t.number else {
        session.report.rowsRead += 1
        try session.reject(line: number, column: t.column, "\"\(t.text)\" is not a number")
        continue
      }
      if value == 0 { continue }
      let u = people[row]
      let v = people[(firstMode > 0 ? firstMode : 0) + j]
      try add(u, v, relation: relation, weight: t, number: number, into: &session)
    }
  }

  /// The person a vertex number names in the current network, or nil after rejecting the row.
  private mutating func vertexNumber(_ t: LineToken, number: Int, into session: inout ImportSession)
    throws(ImportError) -> PersonID?
  {
    if let i = Int(t.text), i >= 1, i <= people.count { return people[i - 1] }
    session.report.rowsRead += 1
    try session.reject(
      line: number, column: t.column,
      people.isEmpty
        ? "a tie before any *Vertices line" : "\"\(t.text)\" is not a vertex number from 1 to \(people.count)",
      hint: people.isEmpty ? "list the vertices first: *Vertices N" : nil)
    return nil
  }

  /// Counts one tie row and adds it (a self-tie is rejected, as in edge lists).
  private mutating func add(
    _ u: PersonID, _ v: PersonID, relation: Int?, weight: LineToken?, at place: LineToken? = nil, number: Int,
    into session: inout ImportSession
  ) throws(ImportError) {
    session.report.rowsRead += 1
    let relation = relation ?? networkRelation()
    if u == v {
      session.report.selfTies += 1
      session.report.reject(line: number, column: (place ?? weight)?.column ?? 1, "self-tie (a loop) dropped")
      return
    }
    let isNew = ties.add(
      u, v, relation: relation, weight: weight?.number, line: number, column: weight?.column ?? 0,
      weightText: weight?.text ?? "")
    if isNew { session.report.imported += 1 } else { session.report.merged += 1 }
  }

  /// The relation of ties without `:k`: the network's name, when it has one.
  private mutating func networkRelation() -> Int? {
    networkName.map { ties.relation(named: $0) }
  }
}
