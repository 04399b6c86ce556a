import Foundation
import GRDB
import GraphCore
import GraphIO

extension Workspace {
  /// A file recorded by an import.
  public struct ImportedFile: Sendable {
    public var id: Int64
    public var path: String
    public var sha256: String
    public var report: ImportReport
  }

  /// A file whose content is already a current import.
  public struct UnchangedFile: Sendable {
    public var path: String
    public var importID: Int64
    /// When it was imported, `YYYY-MM-DD HH:MM UTC`.
    public var importedAt: String
  }

  /// What `importFiles` did.
  public struct ImportResult: Sendable {
    /// The workspace's network after the import; nil when nothing changed.
    public var loaded: LoadedNetwork?
    public var imported: [ImportedFile] = []
    public var unchanged: [UnchangedFile] = []
    /// Older imports the new ones replace (same owner and format, or same
    /// file name and format): (old, new) import ids.
    public var superseded: [(old: Int64, by: Int64)] = []
  }

  /// Records `specs` (files; folders already expanded) in the workspace, in
  /// one transaction: each file's bytes and checksum, the import (path,
  /// format, owner and its rule, time, report), the older imports it
  /// supersedes, and the people, identities, companies, ties and evidence
  /// of the network rebuilt from every current source. A file whose
  /// checksum is already current is left alone (`unchanged`). The files are
  /// read as every command reads them; an unusable file or bad input
  /// throws the loader's `ImportError` and nothing is written.
  ///
  /// - Complexity: a load of every current source plus the new files, and
  ///   O(V + E) rows written.
  public func importFiles(
    _ specs: [InputSpec], options: LoadOptions, now: Date = Date(),
    onRowError: @escaping (ImportError) -> Void = { _ in }
  ) throws -> ImportResult {
    var result = ImportResult()
    let clock = ContinuousClock()
    var phaseStart = clock.now
    let onPhaseEnd = options.onPhaseEnd
    func phaseEnded(_ name: String) {
      guard let onPhaseEnd else { return }
      onPhaseEnd(name, clock.now - phaseStart)
      phaseStart = clock.now
    }
    // 1. Checksums; files already current are not read again.
    var fresh: [(spec: InputSpec, sha: String, bytes: [UInt8])] = []
    var seen = Set<String>()
    for var spec in specs {
      if spec.format == nil { spec.format = options.format }
      if spec.owner == nil { spec.owner = options.contacts.owner }
      if spec.columns == nil { spec.columns = options.columns }
      if spec.mail == nil { spec.mail = options.mail }
      // An unreadable file still goes to the loader, which says why in its own words.
      let bytes = GraphSnapshot.readFile(spec.path)
      let sha = bytes.map { SHA256.hex($0) } ?? "unreadable:\(spec.path)"
      if bytes != nil, let existing = try currentImport(sha256: sha) {
        result.unchanged.append(UnchangedFile(path: spec.path, importID: existing.id, importedAt: existing.at))
        continue
      }
      guard seen.insert(sha).inserted else { continue }
      // The bytes stored are the bytes checksummed, even if the file changes meanwhile.
      fresh.append((spec, sha, bytes ?? []))
    }
    phaseEnded("workspace: checksums")
    if fresh.isEmpty { return result }

    // 2. Read every current source and the new files; the new files'
    //    reports say which older imports they replace.
    var options = Self.workspaceOptions(options)
    options.onSkip = nil
    options.onPhaseEnd = nil
    var current = try read { db in try StoredImport.current(db) }
    var loaded = try rebuild(current, extra: fresh.map(\.spec), options: options, onRowError: onRowError).loaded
    let reports = Dictionary(loaded.imports.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
    let incoming = fresh.compactMap { f in reports[f.spec.path].map { (f, $0) } }
    let replacing = Set(
      incoming.map {
        StoredImport.supersedeKey(format: $0.1.format, owner: $0.1.owner, fileName: Self.fileName($0.0.spec.path))
      })
    let replaced = current.filter { replacing.contains($0.supersedeKey) }
    if !replaced.isEmpty {
      current.removeAll { replacing.contains($0.supersedeKey) }
      loaded = try rebuild(current, extra: incoming.map(\.0.spec), options: options).loaded
    }

    phaseEnded("workspace: load")
    // 3. One transaction.
    let stamp = Self.timestamp(now)
    let written = loaded
    let (imported, supersededPairs) = try write { db -> ([ImportedFile], [(Int64, Int64)]) in
      let run = (try Int64.fetchOne(db, sql: "SELECT max(run) FROM \"import\"") ?? 0) + 1
      var imported: [ImportedFile] = []
      var pairs: [(Int64, Int64)] = []
      for (position, (file, report)) in incoming.enumerated() {
        let source = try BulkInsert(db, "INSERT OR IGNORE INTO source (sha256, size, bytes) VALUES (?, ?, ?)")
        source.text(1, file.sha)
        source.int(2, Int64(file.bytes.count))
        try file.bytes.withUnsafeBytes { bytes in
          source.blob(3, bytes)
          try source.step()
        }
        let sourceID = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE sha256 = ?", arguments: [file.sha])
        try db.execute(
          sql: """
            INSERT INTO "import" (run, position, source_id, path, file_name, sha256, format, forced_format, columns,
              owner, owner_rule, imported_at, report, mail_options)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            run, position, sourceID, file.spec.path, Self.fileName(file.spec.path), file.sha, report.format,
            file.spec.format?.rawValue, file.spec.columns?.storedText, report.owner, report.ownerRule, stamp,
            ReportJSON.encode(report), report.mail == nil ? nil : Self.mailOptionsJSON(file.spec.mail),
          ])
        let id = db.lastInsertedRowID
        imported.append(ImportedFile(id: id, path: file.spec.path, sha256: file.sha, report: report))
        let key = StoredImport.supersedeKey(
          format: report.format, owner: report.owner, fileName: Self.fileName(file.spec.path))
        for old in replaced where old.supersedeKey == key {
          try db.execute(sql: "UPDATE \"import\" SET superseded_by = ? WHERE id = ?", arguments: [id, old.id])
          pairs.append((old.id, id))
        }
      }
      phaseEnded("workspace: sources and imports")
      try DerivedTables.rebuild(db, from: written, phase: phaseEnded)
      try db.execute(sql: "UPDATE meta SET generation = generation + 1 WHERE id = 1")
      try Self.setDefaultOwner(db, from: written)
      return (imported, pairs)
    }
    phaseEnded("workspace: commit")
    result.loaded = loaded
    result.imported = imported
    result.superseded = supersededPairs.map { (old: $0.0, by: $0.1) }
    // The snapshot follows the commit: if this write is lost, the generation tells it is stale.
    try? writeSnapshot(loaded, generation: try generation(), fingerprint: try snapshotFingerprint(options))
    restrictFiles()
    phaseEnded("workspace: snapshot")
    return result
  }

  /// The current import of content `sha256`, with its date, if any.
  func currentImport(sha256: String) throws(WorkspaceError) -> (id: Int64, at: String)? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: "SELECT id, imported_at FROM \"import\" WHERE sha256 = ? AND superseded_by IS NULL ORDER BY id LIMIT 1",
          arguments: [sha256])
      else { return nil }
      let at: String = row["imported_at"]
      return (row["id"], Self.readableTime(at))
    }
  }

  /// The owner of the first imported export, when the workspace has no owner yet.
  static func setDefaultOwner(_ db: Database, from loaded: LoadedNetwork) throws {
    guard try String.fetchOne(db, sql: "SELECT owner_key FROM meta WHERE id = 1") == nil,
      let first = loaded.identity?.owners.first,
      let p = loaded.graph.people.person(stableKey: "id:" + first.person)
    else { return }
    try db.execute(
      sql: "UPDATE meta SET owner_key = ?, owner_set_by = 'first export' WHERE id = 1",
      arguments: [loaded.graph.people.stableKey(of: p)])
  }

  /// The mail options stored with a mailbox or calendar import (sorted keys: stable bytes).
  static func mailOptionsJSON(_ mail: MailOptions?) -> String? {
    guard let mail, let data = try? JSONEncoder.sorted.encode(mail) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// `2026-12-05T12:34:56Z`.
  static func timestamp(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
  }

  /// `2026-12-05T12:34:56Z` as `2026-12-05 12:34 UTC`.
  static func readableTime(_ stamp: String) -> String {
    guard stamp.count >= 16 else { return stamp }
    return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5)) + " UTC"
  }
}
