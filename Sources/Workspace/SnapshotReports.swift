import Foundation
import GraphCore
import GraphIO

/// The reports of the load a snapshot was made from, kept in the snapshot
/// as JSON so that a command reading it reports what the files would have.
struct SnapshotReports: Codable {
  struct Build: Codable {
    var people: Int
    var ties: Int
    var selfTiesDropped: Int
    var parallelTiesMerged: Int
    var mergedByOrigin: [String: Int]
  }

  var imports: [ImportReport]
  var build: Build
  var identity: IdentityReport?
  /// `identity.ambiguousPairs`, which the identity report's JSON leaves out.
  var ambiguousPairs: [[String]]
  var skipped: [SkippedFile]

  init(_ loaded: LoadedNetwork) {
    imports = loaded.imports
    let b = loaded.build
    build = Build(
      people: b.people, ties: b.ties, selfTiesDropped: b.selfTiesDropped, parallelTiesMerged: b.parallelTiesMerged,
      mergedByOrigin: Dictionary(uniqueKeysWithValues: b.mergedByOrigin.map { (String($0.key), $0.value) }))
    identity = loaded.identity
    ambiguousPairs = loaded.identity?.ambiguousPairs.map { [$0.person, $0.other] } ?? []
    skipped = loaded.skipped
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }

  static func decode(_ text: String) throws -> SnapshotReports {
    try JSONDecoder().decode(SnapshotReports.self, from: Data(text.utf8))
  }

  func network(graph: Graph) -> LoadedNetwork {
    var identity = identity
    identity?.ambiguousPairs = ambiguousPairs.compactMap {
      $0.count == 2 ? IdentityReport.AmbiguousPair($0[0], $0[1]) : nil
    }
    let build = BuildReport(
      people: build.people, ties: build.ties, selfTiesDropped: build.selfTiesDropped,
      parallelTiesMerged: build.parallelTiesMerged,
      mergedByOrigin: Dictionary(
        uniqueKeysWithValues: build.mergedByOrigin.compactMap { k, v in UInt16(k).map { ($0, v) } }))
    return LoadedNetwork(graph: graph, imports: imports, build: build, identity: identity, skippedFiles: skipped)
  }
}

/// JSON text of an import report, as stored in the `import` table.
enum ReportJSON {
  static func encode(_ report: ImportReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  static func decode(_ text: String) -> ImportReport? {
    try? JSONDecoder().decode(ImportReport.self, from: Data(text.utf8))
  }
}
