import Foundation
import GRDB
import GraphCore
import GraphIO

/// What changed in the workspace (`liaison changes`): for each export that a
/// newer export of the same owner replaced, the changes in the owner's
/// connections; the owner's ties that went dormant since; and the people the
/// owner has not been in touch with within a window.
public struct WorkspaceChanges: Sendable, Equatable, Codable {
  /// One older import and the newer one that replaced it.
  public struct ExportPair: Sendable, Equatable, Codable {
    public var oldImport: Int64
    public var newImport: Int64
    public var file: String
    public var importedAt: String
    /// The owner's name and stable key in the newer export.
    public var ownerName: String
    public var ownerKey: String
    public var changes: ExportChanges
  }

  /// A tie of the workspace's owner with no contact within the window.
  public struct Quiet: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var company: String
    public var title: String
    /// The last contact the evidence and the log know of (nil: none).
    public var lastContact: Day?
  }

  public var exports: [ExportPair] = []
  /// The owner's ties dormant as of `asOf` that were not as of `since` (or of the previous import).
  public var wentDormant: [ExportChanges.DormantTie] = []
  /// The day dormancy is judged at, and the earlier day it is compared with.
  public var asOf: Day?
  public var earlier: Day?
  /// The owner's observed ties with no contact on or after `quietSince`, oldest contact first (none first).
  public var notContacted: [Quiet] = []
  public var quietSince: Day?
}

extension Workspace {
  /// What changed (see `WorkspaceChanges`).
  ///
  /// - Parameters:
  ///   - options: the load options (as for `load(options:)`).
  ///   - since: only newer imports made on or after this day; also the day
  ///     dormancy is compared with (default: the day of the latest replaced import's own data).
  ///   - today: the day the window ends on.
  ///   - window: days without contact that make a person "not contacted".
  /// - Complexity: one load of each replaced and replacing export, plus one workspace load.
  public func changes(options: LoadOptions, since: Day?, today: Day, window: Int) throws -> WorkspaceChanges {
    var options = Self.workspaceOptions(options)
    options.strict = false
    options.maxRejected = 1
    var result = WorkspaceChanges()
    let pairs = try read { db -> [(old: StoredImport, new: StoredImport, at: String)] in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT o.id AS old_id, n.id AS new_id, n.imported_at AS at FROM "import" o
          JOIN "import" n ON n.id = o.superseded_by ORDER BY n.id, o.id
          """)
      var byID: [Int64: StoredImport] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT \(StoredImport.columnsSQL) FROM \"import\"") {
        let s = StoredImport(row: row)
        byID[s.id] = s
      }
      return rows.compactMap { row in
        guard let o = byID[row["old_id"]], let n = byID[row["new_id"]] else { return nil }
        return (o, n, row["at"])
      }
    }
    var earliestOld: Day?
    for pair in pairs {
      if let since, let day = Day(parsing: pair.at.prefix(10)), day < since { continue }
      let old = try loadAlone(pair.old, options: options)
      let new = try loadAlone(pair.new, options: options)
      guard let owner = Self.ownerKey(of: new) ?? Self.ownerKey(of: old) else { continue }
      let g = new.graph
      let name = g.people.person(stableKey: owner).map { g.people.name(of: $0) } ?? owner
      result.exports.append(
        WorkspaceChanges.ExportPair(
          oldImport: pair.old.id, newImport: pair.new.id, file: pair.new.path, importedAt: pair.at, ownerName: name,
          ownerKey: owner, changes: ExportChanges.between(old: old, new: new, owner: owner)))
      if let d = old.graph.ties.referenceDate { earliestOld = min(earliestOld ?? d, d) }
    }
    let (loaded, _) = try load(options: options)
    let g = loaded.graph
    guard let ownerKey = try owner()?.key, let o = g.people.person(stableKey: ownerKey) else { return result }
    if let asOf = g.ties.referenceDate, let earlier = since ?? earliestOld, earlier < asOf {
      result.asOf = asOf
      result.earlier = earlier
      result.wentDormant = ExportChanges.dormant(in: g, owner: ownerKey, asOf: asOf, earlier: earlier)
    }
    let cutoff = Day(daysSinceEpoch: today.daysSinceEpoch - Int32(clamping: window))
    result.quietSince = cutoff
    for q in g.neighbors(of: o) {
      guard let t = g.tieID(between: o, and: q), !g.ties.isInferred(t) else { continue }
      let last = g.ties.lastContact(t)
      if let last, last >= cutoff { continue }
      result.notContacted.append(
        WorkspaceChanges.Quiet(
          key: g.people.stableKey(of: q), name: g.people.name(of: q), company: g.people.company(of: q),
          title: g.people.title(of: q), lastContact: last))
    }
    result.notContacted.sort {
      ($0.lastContact?.daysSinceEpoch ?? .min, $0.name, $0.key)
        < ($1.lastContact?.daysSinceEpoch ?? .min, $1.name, $1.key)
    }
    return result
  }

  /// One stored import read on its own, without corrections.
  func loadAlone(_ stored: StoredImport, options: LoadOptions) throws -> LoadedNetwork {
    let sources = try read { db in try MaterializedSources([stored], db: db, beside: path) }
    defer { sources.remove() }
    return sources.restoringPaths(try NetworkLoader.load(sources.specs, options: options) { _ in })
  }

  /// The stable key of the person the first export owner of `loaded` resolved to.
  static func ownerKey(of loaded: LoadedNetwork) -> String? {
    guard let first = loaded.identity?.owners.first,
      let p = loaded.graph.people.person(stableKey: "id:" + first.person)
    else { return nil }
    return loaded.graph.people.stableKey(of: p)
  }
}
