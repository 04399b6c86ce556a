import GraphAlgorithms
import GraphCore
import GraphIO

/// The answer of `liaison stats`.
public struct StatsResult: Codable, Sendable, Equatable {
  public var people: Int
  public var ties: Int
  public var tieClasses: [String: Int]
  public var inferredTies: Int
  /// Inferred ties by the rule they rest on (a tie resting on two rules counts under both).
  public var inferredTiesByKind: [String: Int]
  /// Ties by their evidence kind (`linkedin`, `google+linkedin-messages`, `colleague`, `inferred:same-company`, …; `none`).
  public var tiesByKind: [String: Int]
  /// Negative (signed) ties, after parallel rows were folded; absent when there are none.
  public var negativeTies: Int?
  public var components: Int
  public var largestComponent: Int
  public var isolatedPeople: Int
  public var selfTiesDropped: Int
  public var parallelTiesMerged: Int
  public var degree: DegreeSummary
  public var referenceDate: String?
  /// Bytes of the core CSR graph, and per tie.
  public var coreBytes: Int
  public var coreBytesPerTie: Double
  public var imports: [ImportReport]
  /// Files given or found in folders that were not read, with why.
  public var skipped: [SkippedFile] = []
  /// How contact records became people (only when contact exports were read).
  public var identity: IdentityReport?

  /// Computes the statistics of a loaded network.
  /// - Complexity: O(V + E).
  public static func make(_ loaded: LoadedNetwork, classifier: TieClassifier = TieClassifier()) -> StatsResult {
    let g = loaded.graph
    let components = g.components()
    var classes: [String: Int] = [:]
    for (c, n) in g.tieClassCounts(classifier: classifier) { classes[c.rawValue] = n }
    var byKind: [String: Int] = [:]
    var inferredByKind: [String: Int] = [:]
    for (k, ties, inferred) in g.ties.kindCounts() {
      let kind = k ?? "none"
      byKind[kind, default: 0] += ties
      if inferred > 0 {
        let rules = kind.hasPrefix("inferred:") ? kind.dropFirst("inferred:".count) : Substring(kind)
        for r in rules.split(separator: "+") { inferredByKind[String(r), default: 0] += inferred }
      }
    }
    let negative = g.ties.negativeCount
    return StatsResult(
      people: g.personCount, ties: g.tieCount, tieClasses: classes, inferredTies: g.ties.inferredCount,
      inferredTiesByKind: inferredByKind, tiesByKind: byKind, negativeTies: negative > 0 ? negative : nil,
      components: components.count, largestComponent: components.largest, isolatedPeople: components.isolated,
      selfTiesDropped: loaded.build.selfTiesDropped, parallelTiesMerged: loaded.build.parallelTiesMerged,
      degree: g.degreeSummary(), referenceDate: g.ties.referenceDate?.iso, coreBytes: g.coreBytes,
      coreBytesPerTie: g.tieCount > 0 ? Double(g.coreBytes) / Double(g.tieCount) : 0, imports: loaded.imports,
      skipped: loaded.skipped, identity: loaded.identity)
  }

  /// Aligned text for a terminal.
  public func table() -> String {
    var t = TextTable(["network", ""], rightAligned: [1])
    t.add(["people", grouped(people)])
    t.add(["ties", grouped(ties)])
    for c in TieClass.allCases where (tieClasses[c.rawValue] ?? 0) > 0 {
      t.add(["  \(c.rawValue)", grouped(tieClasses[c.rawValue] ?? 0)])
    }
    t.add(["  inferred", grouped(inferredTies)])
    for (k, n) in inferredTiesByKind.sorted(by: { $0.key < $1.key }) { t.add(["    \(k)", grouped(n)]) }
    if let negativeTies { t.add(["  negative", grouped(negativeTies)]) }
    t.add(["components", grouped(components)])
    t.add(["largest component", "\(grouped(largestComponent)) (\(TextFormat.percent(largestComponent, of: people)))"])
    t.add(["people without ties", grouped(isolatedPeople)])
    t.add(["contacts per person", "mean \(fixed(degree.mean, 1)), median \(degree.median), max \(grouped(degree.max))"])
    t.add(["self-ties dropped", grouped(selfTiesDropped)])
    t.add(["parallel ties merged", grouped(parallelTiesMerged)])
    if let referenceDate { t.add(["dormant as of", referenceDate]) }
    if let identity {
      t.add(["contact records", grouped(identity.contactRecords)])
      t.add(["  merged by profile URL", grouped(identity.mergedByProfileURL)])
      t.add(["  merged by email", grouped(identity.mergedByEmail)])
      t.add(["  merged by name + company", grouped(identity.mergedByNameAndCompany)])
      t.add(["  ambiguous, kept apart", grouped(identity.ambiguous.count + identity.ambiguousNotListed)])
      t.add(["people in several exports", grouped(identity.peopleInSeveralExports)])
    }
    var out = t.render() + "\n"
    var f = TextTable(
      ["file", "format", "owner", "rows", "imported", "merged", "rejected"], rightAligned: [3, 4, 5, 6])
    for r in imports {
      f.add([
        r.file, r.format, r.owner ?? "", grouped(r.rowsRead), grouped(r.imported), grouped(r.merged),
        grouped(r.rejected),
      ])
    }
    out += f.render()
    for r in imports {
      var notes: [String] = []
      if let g = r.generation { notes.append(g) }
      if let e = r.encoding, e != "utf-8" { notes.append("encoding \(e)") }
      if let p = r.preambleLinesSkipped, p > 0 { notes.append("\(p) preamble line\(p == 1 ? "" : "s") skipped") }
      if let u = r.unknownColumns, !u.isEmpty { notes.append("unknown columns: \(u.joined(separator: ", "))") }
      if let rule = r.ownerRule, r.owner != nil { notes.append("owner named by \(rule)") }
      if !notes.isEmpty { out += "\n\(r.file): " + notes.joined(separator: "; ") }
    }
    if !skipped.isEmpty {
      var k = TextTable(["skipped", "why"])
      for x in skipped { k.add([x.file, x.reason]) }
      out += "\n\n" + k.render()
    }
    if let identity, !identity.owners.isEmpty {
      var o = TextTable(["owner", "person", "name", "found by", "contacts"], rightAligned: [4])
      for x in identity.owners { o.add([x.owner, x.person, x.name, x.resolvedBy, grouped(x.contacts)]) }
      out += "\n\n" + o.render()
    }
    return out
  }

  /// `metric,value` rows with dotted keys.
  public func csv() -> String {
    var rows: [(String, String)] = [
      ("people", "\(people)"), ("ties", "\(ties)"),
    ]
    for c in TieClass.allCases { rows.append(("tieClasses.\(c.rawValue)", "\(tieClasses[c.rawValue] ?? 0)")) }
    for (k, n) in inferredTiesByKind.sorted(by: { $0.key < $1.key }) {
      rows.append(("inferredTiesByKind.\(k)", "\(n)"))
    }
    for (k, n) in tiesByKind.sorted(by: { $0.key < $1.key }) { rows.append(("tiesByKind.\(k)", "\(n)")) }
    if let negativeTies { rows.append(("negativeTies", "\(negativeTies)")) }
    rows += [
      ("inferredTies", "\(inferredTies)"), ("components", "\(components)"), ("largestComponent", "\(largestComponent)"),
      ("isolatedPeople", "\(isolatedPeople)"), ("selfTiesDropped", "\(selfTiesDropped)"),
      ("parallelTiesMerged", "\(parallelTiesMerged)"), ("degree.mean", "\(degree.mean)"),
      ("degree.median", "\(degree.median)"), ("degree.max", "\(degree.max)"), ("degree.density", "\(degree.density)"),
      ("referenceDate", referenceDate ?? ""), ("coreBytes", "\(coreBytes)"), ("coreBytesPerTie", "\(coreBytesPerTie)"),
    ]
    for (i, r) in imports.enumerated() {
      rows += [
        ("imports[\(i)].file", r.file), ("imports[\(i)].format", r.format), ("imports[\(i)].rowsRead", "\(r.rowsRead)"),
        ("imports[\(i)].imported", "\(r.imported)"), ("imports[\(i)].merged", "\(r.merged)"),
        ("imports[\(i)].rejected", "\(r.rejected)"),
      ]
    }
    for (i, x) in skipped.enumerated() {
      rows += [("skipped[\(i)].file", x.file), ("skipped[\(i)].reason", x.reason)]
    }
    return "metric,value\n"
      + rows.map { CSVEscaping.field($0.0) + "," + CSVEscaping.field($0.1) }.joined(separator: "\n")
      + "\n"
  }
}
