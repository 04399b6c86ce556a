import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

extension BatchReport {
  // MARK: helpers

  /// A safe file-name stem: lowercase ASCII letters, digits and single dashes, at most 60 characters.
  static func slug(_ s: String) -> String {
    var out = ""
    var dash = false
    for u in s.unicodeScalars {
      var c = u
      if c.value >= 65 && c.value <= 90 { c = Unicode.Scalar(c.value + 32)! }
      if (c.value >= 97 && c.value <= 122) || (c.value >= 48 && c.value <= 57) {
        if dash && !out.isEmpty { out += "-" }
        dash = false
        out.unicodeScalars.append(c)
        if out.count >= 60 { break }
      } else {
        dash = true
      }
    }
    return out
  }

  /// Unique slugs in order (`name`, `name-2`, …); empty ones become `fallback-N`.
  static func uniqueSlugs(_ names: [String], fallback: String) -> [String] {
    var used = Set<String>()
    var out: [String] = []
    for (i, n) in names.enumerated() {
      var base = slug(n)
      if base.isEmpty { base = "\(fallback)-\(i + 1)" }
      var s = base
      var k = 2
      while used.contains(s) {
        s = "\(base)-\(k)"
        k += 1
      }
      used.insert(s)
      out.append(s)
    }
    return out
  }
}

/// The one writer of a report folder: it creates the folder (with `members/`,
/// `targets/` and the marker that keeps the folder from being read as input)
/// and writes every file atomically. Safe to use from the member workers
/// (each writes its own files).
struct BatchWriter: Sendable {
  let folder: String

  /// Creates the folders and the marker; exit 1 when the folder cannot be made.
  init(folder: String) throws {
    self.folder = folder
    guard Self.makeFolder(folder), Self.makeFolder("\(folder)/members"), Self.makeFolder("\(folder)/targets") else {
      Terminal.error(
        "\(folder): cannot create the report folder (\(String(cString: strerror(errno)))) — check the path and permissions"
      )
      throw ExitCode.failure
    }
    do {
      try AtomicFileWriter.write(
        "A Liaison batch report. Folders holding this file are not read as input.\n",
        to: "\(folder)/\(InputSpec.reportMarker)")
    } catch {
      throw OutputFailure.report(error)
    }
  }

  /// Writes `text` to `name` inside the folder.
  func write(_ text: String, to name: String) throws(OutputError) {
    try AtomicFileWriter.write(text, to: "\(folder)/\(name)")
  }

  /// Writes `bytes` to `name` inside the folder, atomically.
  func write(_ bytes: [UInt8], to name: String) throws(OutputError) {
    try AtomicFileWriter.write(bytes, to: "\(folder)/\(name)")
  }

  /// Writes `bytes` (lent for the call) to `name` inside the folder, atomically.
  func write(_ bytes: UnsafeBufferPointer<UInt8>, to name: String) throws(OutputError) {
    try AtomicFileWriter.write(bytes, to: "\(folder)/\(name)")
  }

  /// An atomic writer for `name` inside the folder, for files written row by row.
  func open(_ name: String) throws(OutputError) -> AtomicFileWriter {
    try AtomicFileWriter(path: "\(folder)/\(name)")
  }

  /// Lays out `model`, checks the SVG and writes it to `name`; returns `name`,
  /// or nil when Graphviz could not draw it (the report says so instead).
  func picture(_ model: RenderModel, to name: String) throws(OutputError) -> String? {
    guard let bytes = try? model.render(as: .svg) else { return nil }
    try AtomicFileWriter.write(bytes, to: "\(folder)/\(name)")
    return name
  }

  static func makeFolder(_ path: String) -> Bool {
    if mkdir(path, 0o755) == 0 || errno == EEXIST {
      var st = stat()
      return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
    return false
  }
}

extension BatchReport {
  /// Writes the team's pictures and tables, `summary.json` and `index.html`;
  /// returns the summary.
  static func writeTeam(
    _ team: TeamAnalysis, loaded: LoadedNetwork, failures: [BatchSummary.Failure], config: BatchConfig,
    writer: BatchWriter
  ) throws -> BatchSummary {
    let g = loaded.graph
    var targetRows = team.targetRows
    var brokersPicture: String?
    var notes: [String] = []
    if config.pictures, g.personCount > 1 {
      var o = ViewOptions()
      o.classifier = config.classifier
      o.maxNodes = max(config.maxNodes, 80)
      brokersPicture = try writer.picture(
        BrokersReport.picture(g, team.brokersResult, groupBy: .company, top: 15, options: o), to: "brokers.svg")
      if brokersPicture == nil { notes.append("The brokers picture could not be drawn (Graphviz failed).") }
      for t in team.targets.indices where !team.pathPictures[t].isEmpty {
        var po = ViewOptions()
        po.classifier = config.classifier
        targetRows[t].picture = try writer.picture(
          .path(g, paths: team.pathPictures[t], options: po), to: "targets/\(team.targetSlugs[t]).svg")
      }
    }
    let memberRows = team.results.map(\.summary)
    var introductions = team.introductions
    introductions.candidates = Array(introductions.candidates.prefix(50))
    let teamSummary = BatchSummary.Team(
      members: team.members.count, contactsInAll: team.contactsInAll, uniqueContacts: team.uniqueContacts,
      overlaps: Array(team.overlaps.prefix(50)), overlapsListed: team.overlaps.count, targets: targetRows,
      introductions: introductions, brokers: team.brokers, brokersPicture: brokersPicture)
    notes += teamNotes(g, members: team.members.count, sample: team.sample)
    try writeTables(team, memberRows: memberRows, targetRows: targetRows, writer: writer)
    var written = ["summary.json", "index.html", "members.csv", "overlaps.csv", "targets.csv", "introductions.csv"]
    written += ["brokers.csv"] + (brokersPicture.map { [$0] } ?? [])
    for m in memberRows { written += [m.details, m.table] + (m.picture.map { [$0] } ?? []) }
    written += targetRows.compactMap(\.picture)
    let stats = StatsResult.make(loaded, classifier: config.classifier)
    let summary = BatchSummary(
      inputs: .init(
        given: config.inputs + (config.manifest.map { [$0] } ?? []), files: loaded.imports.count + failures.count,
        analysed: loaded.imports.count, failed: failures.count),
      failures: failures, people: stats.people, ties: stats.ties, tieClasses: stats.tieClasses,
      inferredTies: stats.inferredTies, components: stats.components, largestComponent: stats.largestComponent,
      imports: stats.imports, stats: stats, members: memberRows, team: teamSummary, notes: notes,
      files: written.sorted())
    try writer.write(try jsonText(summary), to: "summary.json")
    try writer.write(BatchHTML.page(summary), to: "index.html")
    return summary
  }

  /// What the reader should know about the whole report.
  static func teamNotes(_ g: Graph, members: Int, sample: Int?) -> [String] {
    var notes: [String] = []
    if members == 0 {
      notes.append(
        "No contact export was read, so there are no members: pass each member's export (LinkedIn Connections.csv, "
          + "vCard, …).")
    }
    if g.ties.inferredCount > 0 {
      notes.append(
        "\(TextFormat.count(g.ties.inferredCount, "tie")) are inferred (shared employer, email domain, labels, several members' "
          + "exports); answers rest on them in part. --no-infer switches them off.")
    }
    if let s = sample {
      notes.append("Betweenness is estimated from \(s) sampled people (the network has more than 5,000).")
    }
    return notes
  }

  /// `members.csv`, `overlaps.csv`, `targets.csv`, `introductions.csv` (first 500) and `brokers.csv`.
  static func writeTables(
    _ team: TeamAnalysis, memberRows: [BatchSummary.Member], targetRows: [BatchSummary.Target], writer: BatchWriter
  ) throws {
    var members = CSVTable([
      "owner", "id", "name", "company", "contacts", "secondDegree", "weakReach", "weakOnlyReach", "effectiveSize",
      "constraint", "cover", "coverCovered", "dormant", "files",
    ])
    for m in memberRows {
      members.add([
        .text(m.owner), .text(m.person.id), .text(m.person.name), .text(m.company), .int(m.contacts),
        .int(m.secondDegree), .int(m.weakReach), .int(m.weakOnlyReach), .number(m.effectiveSize),
        .number(m.constraint), .int(m.cover), .int(m.coverCovered), .int(m.dormant),
        .text(m.files.joined(separator: " ")),
      ])
    }
    try writer.write(members.text, to: "members.csv")
    let ow = try writer.open("overlaps.csv")
    ow.write(CSVTable(["a", "b", "sharedContacts", "jaccard", "tied"]).text)
    for x in team.overlaps {
      ow.write(CSVTable.line([.text(x.a), .text(x.b), .int(x.sharedContacts), .number(x.jaccard), .flag(x.tied)]))
    }
    try ow.commit()
    var targets = CSVTable(["target", "kind", "people", "rank", "member", "strength", "hops", "chain"])
    for t in targetRows {
      if t.members.isEmpty {
        targets.add([
          .text(t.target), .text(t.kind), .int(t.people), .empty, .empty, .empty, .empty, .text(t.note ?? ""),
        ])
      }
      for (i, p) in t.members.enumerated() {
        targets.add([
          .text(t.target), .text(t.kind), .int(t.people), .int(i + 1), .text(p.member), .number(p.strength),
          .int(p.hops), .text(p.people.map(\.name).joined(separator: " > ")),
        ])
      }
    }
    try writer.write(targets.text, to: "targets.csv")
    var introductions = team.introductions
    introductions.candidates = Array(introductions.candidates.prefix(Self.introductionsListed))
    try writer.write(introductions.csv(), to: "introductions.csv")
    try writer.write(team.brokers.csv(), to: "brokers.csv")
  }
}
