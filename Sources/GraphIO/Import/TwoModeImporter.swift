import GraphCore

/// Two-mode (affiliation) data as a membership list (Guides/Importing.md,
/// "Two-mode data"): one `person,group` per line, with or without a header
/// naming the columns (`source`/`target` and their aliases), or the nodes file
/// that says which names are groups (a `bipartite` column: 0 for people,
/// anything else for groups). The incidence-matrix layout is read by
/// `MatrixImporter`.
///
/// A list is read as two-mode only when asked (`--as twomode`,
/// `twomode:PATH`) or when a nodes file is among the inputs (then every
/// detected `source,target` table is a membership list; `arrange`).
///
/// - Complexity: O(bytes + memberships) time plus the projection (`TwoModeProjection`).
enum TwoModeImporter {
  static func importList(into session: inout ImportSession) throws(ImportError) {
    var state = TwoModeListReader(options: session.options)
    let (lines, source) = try session.forEachLine { (line, number, session) throws(ImportError) in
      try state.read(line, number: number, into: &session)
    }
    if !state.sawFirst {
      throw ImportError(
        file: session.file, line: lines, column: 0, message: "the two-mode list has no rows",
        hint: "write one person,group pair per line")
    }
    if !state.isNodesFile { try state.memberships.finish(into: &session) }
    try session.checkEnd(of: source)
  }

  /// Whether the first line of `head` (after `#`/`%` comments) is the header of
  /// a nodes file: it names a `bipartite` column and no source and target.
  static func isNodesFile(head: some Collection<UInt8>) -> Bool {
    // Lines one at a time (not split up front): the first that is not a comment decides.
    var rest = head[...]
    for _ in 0..<64 {
      guard let start = rest.firstIndex(where: { $0 != 0x0A && $0 != 0x0D }) else { break }
      let end = rest[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? rest.endIndex
      let line = rest[start..<end]
      rest = rest[end...]
      let text = String(decoding: line, as: UTF8.self)
      let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("%") { continue }
      let fields = ColumnNames.normalizedFields(text)
      let ends = ColumnNames.endpoints(in: fields, map: nil)
      return fields.contains("bipartite") && fields.count >= 2 && (ends.source == nil || ends.target == nil)
    }
    return false
  }

  /// `isNodesFile` on the first 64 KiB of the file at `path` (false when it cannot be read).
  static func isNodesFile(path: String) -> Bool {
    guard let source = try? ByteSource(path: path, text: true) else { return false }
    var head: [UInt8] = []
    while head.count < 65536, let n = try? source.read(into: &head, count: 65536 - head.count), n > 0 {}
    return isNodesFile(head: head)
  }

  /// The loader's plan once formats are known: a detected ties table is a
  /// two-mode list when a two-mode nodes file is among the inputs and pairs
  /// with it — their names share the part before the last `_` or `-`
  /// (`davis_nodes.csv`, `davis_edges.csv`), or they are the only nodes file
  /// and the only ties table given. Nodes files are read before lists.
  /// Formats given by the user are kept; other tables (a folder of several
  /// networks) stay tables.
  /// - Complexity: O(files), reading the head of each two-mode file.
  static func arrange(
    _ planned: [(index: Int, spec: InputSpec, format: InputFormat)], given: (InputSpec) -> Bool
  ) -> [(index: Int, spec: InputSpec, format: InputFormat)] {
    let nodes = planned.filter { $0.format == .twomode && isNodesFile(path: $0.spec.path) }
    guard !nodes.isEmpty else { return planned }
    let nodeIndexes = Set(nodes.map(\.index))
    let tables = planned.filter { $0.format == .ties && !given($0.spec) }
    let prefixes = Set(nodes.compactMap { pairingPrefix($0.spec.path) })
    let onlyPair = nodes.count == 1 && tables.count == 1
    let rest = planned.filter { !nodeIndexes.contains($0.index) }.map { p in
      guard p.format == .ties, !given(p.spec),
        onlyPair || pairingPrefix(p.spec.path).map(prefixes.contains) == true
      else { return p }
      return (p.index, p.spec, InputFormat.twomode)
    }
    return nodes + rest
  }

  /// The folder and the name before its last `_` or `-` (`data/davis` for
  /// `data/davis_edges.csv`), or nil for a name without one.
  static func pairingPrefix(_ path: String) -> String? {
    let folderEnd = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let name = path[folderEnd...]
    guard let cut = name.lastIndex(where: { $0 == "_" || $0 == "-" }), cut != name.startIndex else { return nil }
    return String(path[..<cut])
  }
}

/// The state of a two-mode list being read.
struct TwoModeListReader {
  var sawFirst = false
  var delimiter: UInt8?
  var isNodesFile = false
  var personColumn = 0
  var groupColumn = 1
  var memberships: TwoModeProjection

  init(options: LoadOptions) {
    memberships = TwoModeProjection(options: options)
  }

  mutating func read(_ line: UnsafeBufferPointer<UInt8>, number: Int, into session: inout ImportSession)
    throws(ImportError)
  {
    guard
      let cells = try MatrixCell.dataCells(
        line, number: number, delimiter: &delimiter, sawFirst: sawFirst, into: &session)
    else { return }
    if !sawFirst {
      sawFirst = true
      let names = cells.map { ColumnNames.normalize($0.text) }
      if let b = names.firstIndex(of: "bipartite"), names.count >= 2 {
        isNodesFile = true
        groupColumn = b
        personColumn = b == 0 ? 1 : 0
        return
      }
      let ends = ColumnNames.endpoints(in: names, map: session.columns)
      if let s = ends.source, let t = ends.target {
        personColumn = s
        groupColumn = t
        return
      }
    }
    guard cells.count > max(personColumn, groupColumn) else {
      session.report.rowsRead += 1
      return try session.reject(
        line: number, column: cells.last?.column ?? 1,
        isNodesFile ? "a line of a nodes file is: name, bipartite" : "a membership line is: person, group")
    }
    let name = cells[personColumn].text
    let other = cells[groupColumn]
    session.report.rowsRead += 1
    if name.isEmpty || other.text.isEmpty {
      return try session.reject(
        line: number, column: name.isEmpty ? cells[personColumn].column : other.column, "an empty name")
    }
    if isNodesFile {
      // bipartite 0: a person; anything else: a group.
      if other.number == 0 {
        let p = session.builder.insertPerson(key: name)
        session.builder.setAttributes(p.person, GraphBuilder.PersonAttributes(name: name), overwrite: false)
        if p.inserted { session.report.imported += 1 } else { session.report.merged += 1 }
      } else {
        if session.twoModeGroups.insert(name).inserted {
          session.report.imported += 1
        } else {
          session.report.merged += 1
        }
      }
      return
    }
    var person = name
    var group = other.text
    if !session.twoModeGroups.isEmpty {
      let firstIsGroup = session.twoModeGroups.contains(person)
      let secondIsGroup = session.twoModeGroups.contains(group)
      if firstIsGroup && !secondIsGroup {
        swap(&person, &group)
      } else if !secondIsGroup {
        return try session.reject(
          line: number, column: other.column, "neither \"\(person)\" nor \"\(group)\" is a group of the nodes file",
          hint: "a group has a bipartite value other than 0 in the nodes file")
      }
    }
    let p = MatrixReader.person(person, named: true, into: &session)
    if memberships.add(person: p, group: memberships.declareGroup(group)) {
      session.report.imported += 1
    } else {
      session.report.merged += 1
    }
  }
}

/// People's memberships in groups, and their projection: when the file
/// ends, each person's groups are added to their tags, and every pair of
/// people sharing at least one group gets one tie whose weight is the number
/// of groups they share (mapped to a strength by `WeightCollector`) and whose
/// kind names those groups (at most `PairTies.kindLimit`). Projected ties
/// carry no file (they are derived): the file's rows are its memberships.
///
/// A group of more than `largestProjected` members, or one that would take
/// the projection past `projectionBudget` pairs of members, is kept in the
/// tags but not projected (its pairs could outnumber the file many times
/// over); the report warns.
///
/// - Complexity: O(memberships + Σ members(g)²) time; memory O(memberships + projected pairs).
struct TwoModeProjection {
  static let largestProjected = 2000
  /// Most shared memberships (pairs of members, summed over groups) projected in one file.
  static let projectionBudget = 4_000_000
  private(set) var groups: [String] = []
  private var groupIndex: [String: Int] = [:]
  private var members: [[PersonID]] = []
  private var seen: Set<UInt64> = []
  private var ties: PairTies

  init(options: LoadOptions) {
    ties = PairTies(options: options)
  }

  /// The number of group `name`, declared now if new.
  @discardableResult mutating func declareGroup(_ name: String) -> Int {
    if let g = groupIndex[name] { return g }
    groups.append(name)
    members.append([])
    groupIndex[name] = groups.count - 1
    return groups.count - 1
  }

  /// Records that `person` belongs to group `group`.
  /// - Returns: whether the membership is new.
  mutating func add(person: PersonID, group: Int) -> Bool {
    guard seen.insert(UInt64(UInt32(bitPattern: person)) << 32 | UInt64(group)).inserted else { return false }
    members[group].append(person)
    return true
  }

  /// Adds the tags and the projected ties to `session`'s network.
  mutating func finish(into session: inout ImportSession) throws(ImportError) {
    var groupsOf: [PersonID: [Int]] = [:]
    for (g, list) in members.enumerated() { for p in list { groupsOf[p, default: []].append(g) } }
    for (p, gs) in groupsOf.sorted(by: { $0.key < $1.key }) {
      session.builder.setAttributes(p, GraphBuilder.PersonAttributes(tags: gs.map { groups[$0] }))
    }
    // Per pair: the groups shared (the first `PairTies.kindLimit` named) and how many.
    var index: [UInt64: Int] = [:]
    var pairs: [(PersonID, PersonID)] = []
    var counts: [Int] = []
    var named: [[Int]] = []
    var work = 0
    for (g, list) in members.enumerated() {
      let pairCount = list.count * (list.count - 1) / 2
      if list.count > Self.largestProjected || work + pairCount > Self.projectionBudget {
        session.report.warn(
          line: 0, column: 0,
          "group \"\(groups[g])\" (\(TextFormat.count(list.count, "member"))) is kept in their tags but not projected into ties: "
            + (list.count > Self.largestProjected
              ? "groups of more than \(TextFormat.count(Self.largestProjected, "member")) are not"
              : "the projection reached its limit of \(Self.projectionBudget) shared memberships"))
        continue
      }
      work += pairCount
      for i in list.indices {
        for j in list.indices where j > i {
          let a = min(list[i], list[j])
          let b = max(list[i], list[j])
          let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
          if let t = index[key] {
            counts[t] += 1
            if named[t].count < PairTies.kindLimit { named[t].append(g) }
          } else {
            index[key] = pairs.count
            pairs.append((a, b))
            counts.append(1)
            named.append([g])
          }
        }
      }
    }
    index = [:]
    for (t, (a, b)) in pairs.enumerated() {
      guard case .success(let w) = ties.check(Double(counts[t])) else { continue }
      var kinds = named[t].map { groups[$0] }
      if counts[t] > kinds.count { kinds.append("\(counts[t] - kinds.count) more") }
      _ = ties.add(a, b, TieEvidence(), weight: w, kinds: kinds)
    }
    try ties.flush(into: &session, derived: true)
  }
}

extension TwoModeImporter {
  /// Reads a two-mode file: an incidence matrix when its first data line has
  /// more than two cells (or a corner cell), else a membership list or nodes file.
  static func importTwoMode(into session: inout ImportSession) throws(ImportError) {
    let source = try ByteSource(path: session.file, text: true)
    var head: [UInt8] = []
    while head.count < 65536, try source.read(into: &head, count: 65536 - head.count) > 0 {}
    if FormatDetector.twoModeLayoutIsMatrix(head) {
      try MatrixImporter.importMatrix(into: &session, twoMode: true)
    } else {
      try importList(into: &session)
    }
  }
}

extension InputFormat {
  /// The network formats added with the matrix, XML and two-mode readers (read with the tables).
  var isNetworkFile: Bool { [.matrix, .graphml, .gexf, .twomode].contains(self) }
}
