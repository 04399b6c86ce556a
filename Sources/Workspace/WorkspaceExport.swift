import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#endif

/// `liaison workspace export DIR` and `liaison workspace import DIR`: every
/// table as an RFC 4180 CSV file (UTF-8, a header row of column names,
/// CRLF line ends), and each stored source as a file of its own
/// (Guides/Workspace.md, "Export and import"). An empty unquoted field is
/// NULL; an empty text is `""`. Values are written as they are, without
/// guarding against spreadsheet formulas: the files are for programs.
extension Workspace {
  /// The tables exported, in the order they are read back (referenced tables first).
  static let exportedTables = [
    "meta", "source", "import", "person", "identity", "company", "tie", "evidence", "correction", "interaction",
    "interaction_person", "cadence", "dismissal",
  ]

  /// Writes the workspace to the new folder `dir` (0700; files 0600). O(database size).
  public func export(to dir: String) throws(WorkspaceError) {
    if WorkspaceLocation.exists(dir) {
      throw WorkspaceError("\(dir) already exists — choose a new folder for the export")
    }
    try WorkspaceLocation.makeFolders(dir)
    try WorkspaceLocation.makeFolders(dir + "/sources")
    try read { db in
      for table in Self.exportedTables {
        let columns = try Self.columns(db, table).filter { !(table == "source" && $0 == "bytes") }
        var text = Self.csvLine(columns.map { Optional($0) })
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY rowid")
        while let row = try rows.next() {
          text += Self.csvLine(
            (0..<columns.count).map { i -> String? in
              let value: DatabaseValue = row[i]
              switch value.storage {
              case .int64(let n): return String(n)
              case .double(let d): return "\(d)"
              case .string(let s): return s
              case .blob(let b): return String(decoding: b, as: UTF8.self)
              case .null: return nil
              }
            })
        }
        try Self.writePrivate(Array(text.utf8), to: "\(dir)/\(table).csv")
      }
      let sources = try Row.fetchCursor(db, sql: "SELECT sha256, bytes FROM source ORDER BY id")
      while let row = try sources.next() {
        let sha: String = row["sha256"]
        let bytes: Data = row["bytes"]
        try Self.writePrivate(Array(bytes), to: "\(dir)/sources/\(sha)")
      }
    }
  }

  /// Reads an export made by `export(to:)` into the new workspace at `path`,
  /// in one transaction, then writes its snapshot.
  /// - Throws: `WorkspaceError` naming the file, line and what is wrong; nothing is left behind then.
  public static func importExport(from dir: String, to path: String) throws(WorkspaceError) -> Workspace {
    if WorkspaceLocation.exists(path) {
      throw WorkspaceError("\(path) already exists — choose a new workspace path to import \(dir) into")
    }
    let workspace = try open(at: path, create: true)
    do {
      try workspace.write { db in
        try db.execute(sql: "DELETE FROM meta")
        for table in exportedTables {
          let file = "\(dir)/\(table).csv"
          guard let data = FileManager.default.contents(atPath: file) else {
            throw WorkspaceError("cannot read \(file) — is \(dir) a folder made by liaison workspace export?")
          }
          let records = try parseCSV(Array(data), file: file)
          guard let header = records.first?.map({ $0 ?? "" }) else { throw WorkspaceError("\(file): no header row") }
          let known = Set(try columns(db, table))
          for name in header where !known.contains(name) {
            throw WorkspaceError("\(file), line 1: unknown column \(name) for table \(table)")
          }
          var names = header
          if table == "source" { names.append("bytes") }
          let sql =
            "INSERT INTO \"\(table)\" (\(names.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES ("
            + names.map { _ in "?" }.joined(separator: ", ") + ")"
          let statement = try db.makeStatement(sql: sql)
          for (n, record) in records.dropFirst().enumerated() {
            guard record.count == header.count else {
              throw WorkspaceError("\(file), line \(n + 2): \(record.count) fields, the header has \(header.count)")
            }
            var values: [(any DatabaseValueConvertible)?] = record.map { $0 }
            if table == "source" {
              guard let i = header.firstIndex(of: "sha256"), let sha = record[i],
                let bytes = FileManager.default.contents(atPath: "\(dir)/sources/\(sha)")
              else { throw WorkspaceError("\(file), line \(n + 2): its file is missing from \(dir)/sources") }
              values.append(bytes)
            }
            try statement.execute(arguments: StatementArguments(values))
          }
        }
      }
    } catch {
      erase(at: path)
      throw error
    }
    return workspace
  }

  static func columns(_ db: Database, _ table: String) throws -> [String] {
    try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map { $0["name"] }
  }

  /// One RFC 4180 record: fields quoted when they hold a comma, quote, CR or LF, or are empty text; nil is empty.
  static func csvLine(_ fields: [String?]) -> String {
    fields.map { field -> String in
      guard let field else { return "" }
      if field.isEmpty { return "\"\"" }
      if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      return field
    }.joined(separator: ",") + "\r\n"
  }

  /// RFC 4180 records; an empty unquoted field is nil.
  static func parseCSV(_ b: [UInt8], file: String) throws(WorkspaceError) -> [[String?]] {
    var records: [[String?]] = []
    var record: [String?] = []
    var field: [UInt8] = []
    var quoted = false
    var wasQuoted = false
    var line = 1
    var i = 0
    func endField() {
      record.append(field.isEmpty && !wasQuoted ? nil : String(decoding: field, as: UTF8.self))
      field = []
      wasQuoted = false
    }
    while i < b.count {
      let c = b[i]
      if quoted {
        if c == UInt8(ascii: "\"") {
          if i + 1 < b.count && b[i + 1] == UInt8(ascii: "\"") {
            field.append(c)
            i += 1
          } else {
            quoted = false
          }
        } else {
          if c == UInt8(ascii: "\n") { line += 1 }
          field.append(c)
        }
      } else if c == UInt8(ascii: "\"") {
        if !field.isEmpty { throw WorkspaceError("\(file), line \(line): a quote inside an unquoted field") }
        quoted = true
        wasQuoted = true
      } else if c == UInt8(ascii: ",") {
        endField()
      } else if c == UInt8(ascii: "\r") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "\n") {
        // CRLF: the newline ends the record.
      } else if c == UInt8(ascii: "\n") {
        endField()
        records.append(record)
        record = []
        line += 1
      } else {
        field.append(c)
      }
      i += 1
    }
    if quoted { throw WorkspaceError("\(file), line \(line): a quoted field is not closed") }
    if !field.isEmpty || wasQuoted || !record.isEmpty {
      endField()
      records.append(record)
    }
    return records
  }

  /// Writes `bytes` to the new file `path`, 0600.
  static func writePrivate(_ bytes: [UInt8], to path: String) throws(WorkspaceError) {
    let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw WorkspaceError("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { Glibc.close(fd) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
      if n <= 0 { throw WorkspaceError("cannot write \(path): \(String(cString: strerror(errno)))") }
      written += n
    }
  }
}
