import Foundation
import GRDB
import GraphCore
import GraphIO

extension Workspace {
  /// What `forget` removes (or, without `--yes`, would remove).
  public struct ForgetPlan: Sendable {
    public struct SourceChange: Sendable {
      /// The imports that stored the source (its history rows are kept).
      public var imports: [Int64]
      public var path: String
      /// Records (rows, cards, lines) dropped.
      public var removed: Int
    }
    public var target: ForgetTarget
    public var sources: [SourceChange] = []
    /// Ties that end at the person in the current network.
    public var ties: Int = 0
    public var corrections: Int = 0
    public var logEntries: Int = 0
  }

  /// The stored sources rewritten without `target`, and what would go. O(stored bytes).
  func forgetPlan(_ target: ForgetTarget) throws -> (ForgetPlan, rewrites: [Int64: [UInt8]]) {
    try read { db in
      if let owner = try String.fetchOne(db, sql: "SELECT owner_key FROM meta WHERE id = 1"), owner == target.key {
        throw WorkspaceError(
          "\(target.name) is the workspace's owner — set another owner first (liaison me PERSON), then forget them")
      }
      var plan = ForgetPlan(target: target)
      var rewrites: [Int64: [UInt8]] = [:]
      let imports = try Row.fetchAll(
        db, sql: "SELECT id, source_id, path, format, columns, owner FROM \"import\" ORDER BY id")
      for row in imports {
        let owner: String? = row["owner"]
        if let owner, owner == target.id || owner == target.name || target.emails.contains(owner.lowercased()) {
          let id: Int64 = row["id"]
          throw WorkspaceError(
            "\(target.name) owns import #\(id) (their own export) — forget removes people from files, "
              + "not whole exports; start a new workspace without that file")
        }
      }
      var planIndex: [Int64: Int?] = [:]
      for row in imports {
        let sourceID: Int64 = row["source_id"]
        let importID: Int64 = row["id"]
        if let known = planIndex[sourceID] {
          if let i = known { plan.sources[i].imports.append(importID) }
          continue
        }
        planIndex[sourceID] = .some(nil)
        guard let bytes = try Data.fetchOne(db, sql: "SELECT bytes FROM source WHERE id = ?", arguments: [sourceID])
        else { continue }
        let path: String = row["path"]
        let result = try SourceRewrite.rewrite(
          Array(bytes), format: row["format"], columns: row["columns"], target: target,
          label: "import #\(importID) \(path)")
        if result.removed > 0 {
          rewrites[sourceID] = result.bytes
          planIndex[sourceID] = plan.sources.count
          plan.sources.append(.init(imports: [importID], path: path, removed: result.removed))
        }
      }
      plan.corrections =
        try Int.fetchOne(
          db, sql: "SELECT count(*) FROM correction WHERE a_key = ? OR b_key = ?", arguments: [target.key, target.key])
        ?? 0
      plan.logEntries =
        try Int.fetchOne(
          db, sql: "SELECT count(DISTINCT interaction_id) FROM interaction_person WHERE person_key = ?",
          arguments: [target.key]) ?? 0
      plan.ties =
        try Int.fetchOne(
          db,
          sql: """
            SELECT count(*) FROM tie WHERE a IN (SELECT id FROM person WHERE key = ?)
              OR b IN (SELECT id FROM person WHERE key = ?)
            """, arguments: [target.key, target.key]) ?? 0
      return (plan, rewrites)
    }
  }

  /// What `forget` would remove, without changing anything. O(stored bytes).
  public func planForget(_ target: ForgetTarget) throws -> ForgetPlan { try forgetPlan(target).0 }

  /// Removes `target` from the workspace (Guides/Workspace.md, "Erasure"):
  /// their records in every stored source (rewritten, checksums
  /// recomputed, marked rewritten; the import history stays), corrections
  /// and log entries naming their stable key, and the derived rows, rebuilt
  /// from the rewritten sources, all in one transaction; then the snapshot
  /// is rewritten, the database vacuumed and its WAL truncated, so that no
  /// deleted page keeps their data.
  /// - Throws: `WorkspaceError` when they are the owner, own an export, are
  ///   named by a file that cannot be rewritten, or are still in the network
  ///   read from the rewritten sources; nothing is changed then.
  /// - Complexity: a load of every current source, O(V + E) rows written, and a VACUUM (O(database)).
  public func forget(_ target: ForgetTarget, options: LoadOptions, now: Date = Date()) throws -> ForgetPlan {
    let (plan, rewrites) = try forgetPlan(target)
    var options = Self.workspaceOptions(options)
    options.strict = false
    options.maxRejected = 1
    options.onPhaseEnd = nil
    let current = try read { db in try StoredImport.current(db) }
    // What is left in force: their corrections and log mentions go with them.
    let corrections = try networkCorrections().forgetting(target.key)
    var loaded: LoadedNetwork?
    if !current.isEmpty {
      loaded = try rebuild(current, extra: [], options: options, corrections: corrections, replacing: rewrites).loaded
    }
    if let people = loaded?.graph.people {
      let left =
        people.person(stableKey: target.key) != nil || people.person(stableKey: "id:" + target.id) != nil
        || target.emails.contains { people.person(stableKey: "email:" + $0) != nil }
        || target.urls.contains { people.person(stableKey: "url:" + $0) != nil }
      if left {
        throw WorkspaceError(
          "\(target.name) is still in the network read from the rewritten sources (a file names them in a way "
            + "forget does not recognise) — nothing was changed; re-import those files without them")
      }
    }
    let stamp = Self.timestamp(now)
    let telltales = target.telltales
    try write { db in
      for (sourceID, bytes) in rewrites {
        let sha = SHA256.hex(bytes)
        if let other = try Int64.fetchOne(
          db, sql: "SELECT id FROM source WHERE sha256 = ? AND id != ?", arguments: [sha, sourceID])
        {
          // The rewrite equals another stored file: its imports point there.
          try db.execute(sql: "UPDATE \"import\" SET source_id = ? WHERE source_id = ?", arguments: [other, sourceID])
          try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [sourceID])
          try db.execute(sql: "UPDATE source SET rewritten_at = ? WHERE id = ?", arguments: [stamp, other])
        } else {
          try db.execute(
            sql: "UPDATE source SET sha256 = ?, size = ?, bytes = ?, rewritten_at = ? WHERE id = ?",
            arguments: [sha, bytes.count, Data(bytes), stamp, sourceID])
        }
        try db.execute(
          sql: "UPDATE \"import\" SET sha256 = ? WHERE source_id = (SELECT id FROM source WHERE sha256 = ?)",
          arguments: [sha, sha])
      }
      // Reports can quote rows (row errors): the person's values are blanked in them.
      for row in try Row.fetchAll(db, sql: "SELECT id, report FROM \"import\"") {
        var report: String = row["report"]
        let before = report
        for t in telltales {
          report = report.replacingOccurrences(of: t, with: "[forgotten]", options: .caseInsensitive)
        }
        if report != before {
          try db.execute(sql: "UPDATE \"import\" SET report = ? WHERE id = ?", arguments: [report, row["id"]])
        }
      }
      try db.execute(sql: "DELETE FROM correction WHERE a_key = ? OR b_key = ?", arguments: [target.key, target.key])
      try db.execute(sql: "DELETE FROM interaction_person WHERE person_key = ?", arguments: [target.key])
      try db.execute(sql: "DELETE FROM cadence WHERE scope = 'person' AND key = ?", arguments: [target.key])
      try db.execute(sql: "DELETE FROM dismissal WHERE instr(action_key, ?) > 0", arguments: [target.key])
      try db.execute(
        sql: "DELETE FROM interaction WHERE id NOT IN (SELECT interaction_id FROM interaction_person)")
      if let loaded {
        try DerivedTables.rebuild(db, from: loaded)
      } else {
        for table in ["evidence", "tie", "company", "identity", "person"] {
          try db.execute(sql: "DELETE FROM \(table)")
        }
      }
      try db.execute(sql: "UPDATE meta SET generation = generation + 1 WHERE id = 1")
    }
    if let loaded {
      try? writeSnapshot(loaded, generation: try generation(), fingerprint: try snapshotFingerprint(options))
    }
    try compact()
    return plan
  }

  /// `VACUUM`, then a truncating checkpoint: freed pages are rewritten and the WAL emptied. O(database).
  public func compact() throws(WorkspaceError) {
    do {
      try WorkspaceLocation.ownerOnly {
        try queue.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA secure_delete = ON")
          try db.execute(sql: "VACUUM")
          _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
      }
      restrictFiles()
    } catch {
      throw WorkspaceError("cannot compact the workspace \(path): \(Self.describe(error))")
    }
  }
}
