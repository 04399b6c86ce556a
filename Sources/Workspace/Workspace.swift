import Foundation
import GRDB
import GraphCore
import GraphIO

/// The workspace: one SQLite database (through GRDB, WAL mode) that keeps
/// imported files, the people and ties derived from them, and (as they come)
/// corrections and an interaction log; plus a graph snapshot file beside it
/// (Guides/Workspace.md).
///
/// Every write is one transaction. Everything the workspace creates is
/// owner-only: folders 0700, the database, its `-wal` and `-shm` files, the
/// snapshot and backups 0600.
///
/// Not `Sendable`: a `Workspace` also reads and rewrites the snapshot file
/// beside the database outside any transaction, so use one from one task at a
/// time; another task opens its own (`open(at:create:)`), and SQLite's locking
/// keeps the two apart.
public final class Workspace {
  /// The database file.
  public let path: String
  let queue: DatabaseQueue

  /// The graph snapshot kept beside the database.
  public var snapshotPath: String { path + ".graph" }

  private init(path: String, queue: DatabaseQueue) {
    self.path = path
    self.queue = queue
  }

  /// Opens the workspace at `path`, migrating it to the current schema.
  /// With `create`, a missing workspace (and its folders) is created,
  /// owner-only; without, a missing one is `WorkspaceError.missing`, and
  /// nothing is created.
  /// - Complexity: O(1) plus the migrations still to run.
  public static func open(at path: String, create: Bool) throws(WorkspaceError) -> Workspace {
    let exists = WorkspaceLocation.exists(path)
    if !exists && !create { throw .missing(path) }
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // 64 MiB of page cache: an import of a million ties rewrites large tables.
      try db.execute(sql: "PRAGMA cache_size = -65536")
    }
    do {
      let queue = try WorkspaceLocation.ownerOnly { () throws -> DatabaseQueue in
        if !exists { try WorkspaceLocation.makeFolders(WorkspaceLocation.folder(of: path)) }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try refuseForeign(queue, path: path)
        // WAL (kept by the file): readers go on while an import writes, and a crash mid-write leaves the last commit.
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try WorkspaceSchema.migrate(queue)
        return queue
      }
      let workspace = Workspace(path: path, queue: queue)
      workspace.restrictFiles()
      MaterializedSources.removeStale(beside: path)
      return workspace
    } catch let error as WorkspaceError {
      throw error
    } catch {
      throw WorkspaceError("cannot open the workspace \(path): \(Self.describe(error))")
    }
  }

  /// Throws when the database at `path` holds tables but is not a workspace
  /// (no migration record): another program's database is never changed.
  static func refuseForeign(_ queue: DatabaseQueue, path: String) throws {
    let (tables, migrated) = try queue.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0,
        try db.tableExists("grdb_migrations")
      )
    }
    if tables > 0 && !migrated {
      throw WorkspaceError("\(path) is an SQLite database but not a Liaison workspace — give another --workspace path")
    }
  }

  /// Deletes the workspace at `path`: the database, its `-wal` and `-shm`
  /// files and the snapshot (folders stay). Erasing is this, or deleting those files by hand.
  public static func erase(at path: String) {
    for file in [path, path + "-wal", path + "-shm", path + ".graph"] { unlink(file) }
  }

  /// Sets the database, its `-wal` and `-shm` files and the snapshot to 0600.
  func restrictFiles() {
    for file in [path, path + "-wal", path + "-shm", snapshotPath] { WorkspaceLocation.restrict(file) }
  }

  /// The message of a database error, without GRDB's SQL text.
  static func describe(_ error: any Error) -> String {
    if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
    return "\(error)"
  }

  /// Runs `body` in one write transaction; a failure rolls everything back.
  func write<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
    do {
      let result = try WorkspaceLocation.ownerOnly { try queue.write(body) }
      restrictFiles()
      return result
    } catch let error as WorkspaceError {
      throw error
    } catch {
      throw WorkspaceError("cannot write the workspace \(path): \(Self.describe(error))")
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
    do { return try queue.read(body) } catch let error as WorkspaceError { throw error } catch {
      throw WorkspaceError("cannot read the workspace \(path): \(Self.describe(error))")
    }
  }

  // MARK: meta

  /// The counter bumped by every write that changes the graph; the snapshot names the one it was made from.
  package func generation() throws(WorkspaceError) -> UInt64 {
    try read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT generation FROM meta WHERE id = 1") ?? 0) }
  }

  /// The owner ("me"): a `PersonTable.stableKey`, or nil before the first
  /// export is imported; and what set it (`liaison me`, or the first export).
  public func owner() throws(WorkspaceError) -> (key: String, setBy: String)? {
    try read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT owner_key, owner_set_by FROM meta WHERE id = 1"),
        let key: String = row["owner_key"]
      else { return nil }
      return (key, row["owner_set_by"] ?? "")
    }
  }

  /// Sets the owner to the person with stable key `key` (`liaison me`).
  public func setOwner(key: String) throws(WorkspaceError) {
    try write { db in
      try db.execute(sql: "UPDATE meta SET owner_key = ?, owner_set_by = 'me' WHERE id = 1", arguments: [key])
    }
  }

  // MARK: info

  /// One import as `liaison workspace info` lists it.
  public struct ImportEntry: Sendable, Equatable {
    public var id: Int64
    public var path: String
    public var format: String
    public var owner: String?
    public var importedAt: String
    public var sha256: String
    public var supersededBy: Int64?
  }

  /// What `liaison workspace info` shows.
  public struct Info: Sendable {
    public var path: String
    public var owner: String?
    public var ownerName: String?
    public var ownerSetBy: String?
    public var files: [(path: String, bytes: Int)]
    public var imports: [ImportEntry]
    public var people: Int
    public var ties: Int
    public var generation: UInt64
  }

  /// Everything `liaison workspace info` reports. O(imports).
  public func info() throws(WorkspaceError) -> Info {
    let owner = try owner()
    let (imports, people, ties, ownerName) = try read { db in
      let imports = try importEntries(db)
      let people = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
      let ties = try Int.fetchOne(db, sql: "SELECT count(*) FROM tie") ?? 0
      let name = try owner.flatMap {
        try String.fetchOne(db, sql: "SELECT name FROM person WHERE key = ? ORDER BY id LIMIT 1", arguments: [$0.key])
      }
      return (imports, people, ties, name)
    }
    let files = [path, path + "-wal", path + "-shm", snapshotPath].compactMap { p in
      WorkspaceLocation.size(of: p).map { (p, $0) }
    }
    return Info(
      path: path, owner: owner?.key, ownerName: ownerName, ownerSetBy: owner?.setBy, files: files, imports: imports,
      people: people, ties: ties, generation: try generation())
  }

  func importEntries(_ db: Database, currentOnly: Bool = false) throws -> [ImportEntry] {
    let sql =
      "SELECT id, path, format, owner, imported_at, sha256, superseded_by FROM \"import\""
      + (currentOnly ? " WHERE superseded_by IS NULL" : "") + " ORDER BY id"
    return try Row.fetchAll(db, sql: sql).map { row in
      ImportEntry(
        id: row["id"], path: row["path"], format: row["format"], owner: row["owner"], importedAt: row["imported_at"],
        sha256: row["sha256"], supersededBy: row["superseded_by"])
    }
  }

  // MARK: safety

  /// Copies the database to `destination` with SQLite's online backup
  /// (consistent even while another process writes), owner-only (0600).
  /// - Throws: when `destination` exists or cannot be written.
  public func backup(to destination: String) throws(WorkspaceError) {
    if WorkspaceLocation.exists(destination) {
      throw WorkspaceError("\(destination) already exists — choose a new file for the backup")
    }
    do {
      try WorkspaceLocation.ownerOnly {
        let target = try DatabaseQueue(path: destination)
        try queue.backup(to: target)
        try target.writeWithoutTransaction { db in
          // A backup is one file: no -wal beside it.
          _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        }
        try target.close()
      }
      for file in [destination, destination + "-wal", destination + "-shm", destination + "-journal"] {
        WorkspaceLocation.restrict(file)
      }
    } catch {
      throw WorkspaceError("cannot back up to \(destination): \(Self.describe(error))")
    }
  }

  /// What `liaison workspace check` found.
  public struct CheckResult: Sendable {
    /// `PRAGMA integrity_check`'s lines (`ok` when sound).
    public var integrity: [String]
    /// The snapshot's state: nil when it is sound and current, else why not.
    public var snapshotProblem: String?
    public var isSound: Bool { integrity == ["ok"] }
  }

  /// Runs `PRAGMA integrity_check` and verifies the snapshot's checksums and generation. O(size of the files).
  public func check() throws(WorkspaceError) -> CheckResult {
    let integrity = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    let generation = try generation()
    var problem: String?
    do { try SnapshotFile(path: snapshotPath, generation: generation, fingerprint: nil).checkAll() } catch {
      problem = error.description
    }
    return CheckResult(integrity: integrity, snapshotProblem: problem)
  }
}
