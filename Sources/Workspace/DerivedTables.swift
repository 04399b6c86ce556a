import GRDB
import GRDBSQLite
import GraphCore
import GraphIO

/// The tables derived from the current sources (`person`, `identity`,
/// `company`, `tie`, `evidence`): rebuilt, in the import's transaction, from
/// the network that import loaded. They are for queries and for the
/// commands to come; the commands read the graph from the snapshot.
enum DerivedTables {
  /// The indexes of the derived tables, dropped during the bulk insert and made again after (faster than
  /// keeping them up to date row by row).
  static let indexes = [
    "CREATE INDEX person_key ON person(key)",
    "CREATE INDEX identity_value ON identity(kind, value)",
    "CREATE INDEX identity_person ON identity(person)",
    "CREATE INDEX tie_a ON tie(a)",
    "CREATE INDEX tie_b ON tie(b)",
    "CREATE INDEX evidence_tie ON evidence(tie)",
  ]

  /// Replaces the derived rows with those of `loaded`. O(V + E) rows, bound parameters only.
  /// `phase` is called as each step ends, with its name (for `LIAISON_TIMINGS`).
  static func rebuild(_ db: Database, from loaded: LoadedNetwork, phase: (String) -> Void = { _ in }) throws {
    for table in ["evidence", "tie", "company", "identity", "person"] { try db.execute(sql: "DELETE FROM \(table)") }
    for index in ["person_key", "identity_value", "identity_person", "tie_a", "tie_b", "evidence_tie"] {
      try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
    }
    let g = loaded.graph
    let people = g.people
    let person = try BulkInsert(
      db,
      "INSERT INTO person (id, key, external_id, name, company, title, industry, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    let identity = try BulkInsert(db, "INSERT INTO identity (person, kind, value) VALUES (?, ?, ?)")
    func addIdentity(_ p: Int64, _ kind: String, _ value: String) throws {
      identity.int(1, p)
      identity.text(2, kind)
      identity.text(3, value)
      try identity.step()
    }
    for p in 0..<PersonID(people.count) {
      let id = people.id(of: p)
      let name = people.name(of: p)
      person.int(1, Int64(p))
      person.text(2, people.stableKey(of: p))
      person.text(3, id)
      person.text(4, name)
      person.text(5, people.company(of: p))
      person.text(6, people.title(of: p))
      person.text(7, people.industry(of: p))
      person.text(8, people.location(of: p))
      try person.step()
      try addIdentity(Int64(p), "id", id)
      let url = people.profileURL(of: p)
      if !url.isEmpty { try addIdentity(Int64(p), "url", Identity.normalizeProfileURL(url)) }
      for e in people.emails(of: p) where !e.isEmpty { try addIdentity(Int64(p), "email", Identity.normalizeEmail(e)) }
      if people.hasNames && name != id { try addIdentity(Int64(p), "name", Identity.normalizeName(name)) }
    }
    phase("workspace: people and identities")
    let groups = people.companyGroups
    let company = try BulkInsert(db, "INSERT INTO company (id, key, name, people) VALUES (?, ?, ?, ?)")
    for c in 0..<groups.count {
      company.int(1, Int64(c))
      company.text(2, groups.keys[c])
      company.text(3, groups.labels[c])
      company.int(4, Int64(groups.sizes[c]))
      try company.step()
    }
    // Which import each export owner's ties come from (the newest current import of that owner).
    var importOfOwner: [String: Int64] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT id, owner FROM \"import\" WHERE superseded_by IS NULL AND owner IS NOT NULL ORDER BY id")
    {
      importOfOwner[row["owner"]] = row["id"]
    }
    let tie = try BulkInsert(
      db,
      """
      INSERT INTO tie (id, a, b, strength, rated, interactions, interactions_out, interactions_in, last_contact,
        since, kind, source, inferred_confidence, negative)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    let evidence = try BulkInsert(db, "INSERT INTO evidence (tie, import_id, what) VALUES (?, ?, ?)")
    phase("workspace: companies")
    let ties = g.ties
    // Dates repeat across ties: each is formatted once.
    var dayText: [Int32: String] = [:]
    func text(_ day: Day?) -> String? {
      guard let day else { return nil }
      if let known = dayText[day.daysSinceEpoch] { return known }
      let made = day.description
      dayText[day.daysSinceEpoch] = made
      return made
    }
    var t = 0
    for (u, v, s) in g.tieList() {
      let source = ties.source(t)
      let confidence = ties.confidence(t)
      tie.int(1, Int64(t))
      tie.int(2, Int64(u))
      tie.int(3, Int64(v))
      tie.double(4, Double(s))
      tie.int(5, ties.isRated(t) ? 1 : 0)
      tie.int(6, ties.interactions(t).map(Int64.init))
      tie.int(7, ties.interactionsOut(t).map(Int64.init))
      tie.int(8, ties.interactionsIn(t).map(Int64.init))
      tie.text(9, text(ties.lastContact(t)))
      tie.text(10, text(ties.since(t)))
      tie.text(11, ties.kind(t))
      tie.text(12, source)
      tie.double(13, confidence)
      tie.int(14, ties.isNegative(t) ? 1 : 0)
      try tie.step()
      if let confidence {
        evidence.int(1, Int64(t))
        evidence.int(2, nil)
        evidence.text(3, "inferred (confidence \(confidence)): \(ties.kind(t) ?? "shared context")")
        try evidence.step()
      } else if let source, let id = importOfOwner[source] {
        evidence.int(1, Int64(t))
        evidence.int(2, id)
        evidence.text(3, "listed in \(source)'s export")
        try evidence.step()
      }
      t += 1
    }
    phase("workspace: ties and evidence")
    for index in indexes { try db.execute(sql: index) }
    phase("workspace: indexes")
  }
}

/// One prepared INSERT run many times with values bound straight through
/// SQLite's C API (GRDB's per-row argument arrays cost more than the insert
/// itself at a million rows). Values are always bound, never spliced into SQL.
final class BulkInsert {
  private let statement: Statement
  private let handle: OpaquePointer
  private let db: Database

  init(_ db: Database, _ sql: String) throws {
    self.db = db
    statement = try db.makeStatement(sql: sql)
    handle = statement.sqliteStatement
  }

  func int(_ i: Int32, _ value: Int64?) {
    if let value { sqlite3_bind_int64(handle, i, value) } else { sqlite3_bind_null(handle, i) }
  }

  func double(_ i: Int32, _ value: Double?) {
    if let value { sqlite3_bind_double(handle, i, value) } else { sqlite3_bind_null(handle, i) }
  }

  func text(_ i: Int32, _ value: String?) {
    guard var value else {
      sqlite3_bind_null(handle, i)
      return
    }
    value.withUTF8 { bytes in
      // SQLITE_TRANSIENT: SQLite copies the bytes before this returns. An
      // empty string still needs a non-null pointer (null binds NULL).
      var empty: CChar = 0
      let pointer = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
      _ = withUnsafePointer(to: &empty) { fallback in
        sqlite3_bind_text(
          handle, i, pointer ?? fallback, Int32(bytes.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
      }
    }
  }

  /// Binds `bytes` without copying them: they must stay valid until `step()`.
  func blob(_ i: Int32, _ bytes: UnsafeRawBufferPointer) {
    var empty: UInt8 = 0
    _ = withUnsafePointer(to: &empty) { fallback in
      // SQLITE_STATIC (nil): SQLite reads the caller's bytes during the step.
      sqlite3_bind_blob64(handle, i, bytes.baseAddress ?? UnsafeRawPointer(fallback), sqlite3_uint64(bytes.count), nil)
    }
  }

  /// Inserts the row bound so far and clears the bindings for the next.
  func step() throws {
    let code = sqlite3_step(handle)
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    guard code == SQLITE_DONE else {
      throw WorkspaceError(
        "cannot write the derived tables: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))")
    }
  }
}
