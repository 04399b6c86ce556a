import Foundation
import GRDB
import GraphCore
import GraphIO

/// An import as stored: enough to read its file again exactly as it was read.
struct StoredImport: Sendable {
  var id: Int64
  var sourceID: Int64
  var path: String
  var fileName: String
  var format: String
  var forcedFormat: String?
  var columns: String?
  var owner: String?
  var ownerRule: String?
  /// For mailboxes and calendars, the options they were imported with.
  var mail: MailOptions?

  static let columnsSQL =
    "id, source_id, path, file_name, format, forced_format, columns, owner, owner_rule, mail_options"

  init(row: Row) {
    id = row["id"]
    sourceID = row["source_id"]
    path = row["path"]
    fileName = row["file_name"]
    format = row["format"]
    forcedFormat = row["forced_format"]
    columns = row["columns"]
    owner = row["owner"]
    ownerRule = row["owner_rule"]
    mail = (row["mail_options"] as String?).flatMap {
      try? JSONDecoder().decode(MailOptions.self, from: Data($0.utf8))
    }
  }

  /// The imports the graph is built from (not superseded), in import order.
  static func current(_ db: Database) throws -> [StoredImport] {
    try Row.fetchAll(
      db, sql: "SELECT \(columnsSQL) FROM \"import\" WHERE superseded_by IS NULL ORDER BY id"
    ).map(StoredImport.init(row:))
  }

  /// The input spec that reads the stored copy at `path` as the original was
  /// read: its forced format, column names and owner (as found then, so that
  /// a rule that looked beside the file, such as `Profile.csv`, gives the same owner).
  func spec(at path: String) -> InputSpec {
    var spec = InputSpec(
      path: path, format: forcedFormat.flatMap(InputFormat.init(rawValue:)), owner: owner,
      columns: columns.flatMap { try? ColumnMap(parsing: $0) })
    spec.mail = mail
    return spec
  }

  /// How the workspace decides that a newer import replaces this one: the
  /// same owner and format for contact exports, else the same file name and format.
  static func supersedeKey(format: String, owner: String?, fileName: String) -> String {
    if let owner { return "owner\u{1F}\(owner)\u{1F}\(format)" }
    return "file\u{1F}\(fileName)\u{1F}\(format)"
  }

  var supersedeKey: String { Self.supersedeKey(format: format, owner: owner, fileName: fileName) }
}

extension ColumnMap {
  /// `role=name,…` in role order: the text `ColumnMap(parsing:)` reads back.
  var storedText: String? {
    names.isEmpty ? nil : names.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }
}

/// Copies of stored sources written to a private temporary folder (0700,
/// files 0600) beside the database, so that `NetworkLoader` reads them as it
/// reads any file; removed when done.
final class MaterializedSources {
  let folder: String
  /// Spec of each stored import, in import order.
  private(set) var specs: [InputSpec] = []
  /// Temporary path → the path the file was imported from, and its owner rule.
  private(set) var originals: [String: (path: String, ownerRule: String?)] = [:]

  /// `replacing`: bytes to write instead of the stored ones, by source id (`forget` reads its rewrites).
  init(
    _ imports: [StoredImport], db: Database, beside databasePath: String, replacing: [Int64: [UInt8]] = [:]
  ) throws {
    var template = Array((databasePath + ".sources-\(getpid())-XXXXXX").utf8CString)
    let made = WorkspaceLocation.ownerOnly { template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) } }
    guard made != nil else {
      throw WorkspaceError("cannot make a temporary folder beside \(databasePath): \(String(cString: strerror(errno)))")
    }
    folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    do {
      for stored in imports {
        let dir = "\(folder)/\(stored.id)"
        guard mkdir(dir, 0o700) == 0 else { throw WorkspaceError("cannot create \(dir)") }
        let file = "\(dir)/\(stored.fileName)"
        guard
          let bytes = try replacing[stored.sourceID].map({ Data($0) })
            ?? Data.fetchOne(db, sql: "SELECT bytes FROM source WHERE id = ?", arguments: [stored.sourceID])
        else { throw WorkspaceError("import #\(stored.id): its source is missing from the workspace") }
        try WorkspaceLocation.ownerOnly { try bytes.write(to: URL(fileURLWithPath: file)) }
        specs.append(stored.spec(at: file))
        originals[file] = (stored.path, stored.ownerRule)
      }
    } catch {
      remove()
      throw error
    }
  }

  /// Whether `path` is one of the temporary copies.
  func isCopy(_ path: String) -> Bool { path.hasPrefix(folder + "/") }

  /// `loaded` with every temporary path replaced by the original's, and the
  /// owner rules as found at import time.
  /// `text` (a path, or `path:line`) with a temporary copy's path replaced by the original's.
  func original(_ text: String) -> String {
    guard isCopy(text) else { return text }
    if let o = originals[text] { return o.path }
    // `file:line` references.
    if let colon = text.lastIndex(of: ":"), let o = originals[String(text[..<colon])] {
      return o.path + text[colon...]
    }
    return text
  }

  func restoringPaths(_ loaded: LoadedNetwork) -> LoadedNetwork {
    var loaded = loaded
    for i in loaded.imports.indices {
      let file = loaded.imports[i].file
      if let o = originals[file] {
        loaded.imports[i].file = o.path
        if loaded.imports[i].ownerRule != nil { loaded.imports[i].ownerRule = o.ownerRule }
      }
    }
    for i in loaded.skipped.indices { loaded.skipped[i].file = original(loaded.skipped[i].file) }
    if var identity = loaded.identity {
      for i in identity.owners.indices { identity.owners[i].files = identity.owners[i].files.map(original) }
      for i in identity.merges.indices { identity.merges[i].record = original(identity.merges[i].record) }
      for i in identity.ambiguous.indices { identity.ambiguous[i].record = original(identity.ambiguous[i].record) }
      loaded.identity = identity
    }
    return loaded
  }

  /// Deletes the temporary folder and everything in it.
  func remove() {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Removes the temporary folders beside `databasePath` left by runs that
  /// were killed (`NAME.sources-PID-XXXXXX` whose process is gone). O(entries in the folder).
  static func removeStale(beside databasePath: String) {
    let folder = WorkspaceLocation.folder(of: databasePath)
    let prefix = (databasePath.split(separator: "/").last.map(String.init) ?? databasePath) + ".sources-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: "\(folder)/\(name)") }
    }
  }
}
