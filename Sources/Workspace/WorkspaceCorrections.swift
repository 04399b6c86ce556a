import Foundation
import GRDB
import GraphCore
import GraphIO

/// A correction as the user makes it, before the workspace stores it.
public enum CorrectionRequest: Sendable, Equatable {
  /// Two stable keys name one person.
  case same(String, String)
  /// Two stable keys name two people.
  case different(String, String)
  /// A change of the tie between two stable keys.
  case tie(String, String, TieCorrection.Change)
  /// The company (nil: unchanged; "": cleared) and tags (added) of one stable key.
  case set(String, company: String?, tags: [String])
}

/// A correction as the workspace keeps it (table `correction`).
public struct StoredCorrection: Sendable, Equatable, Codable {
  public var id: Int64
  /// `2026-12-05T12:34:56Z`.
  public var createdAt: String
  /// `same`, `different`, `tie` or `set`.
  public var kind: String
  public var a: String
  public var b: String?
  /// For `tie`: `reject`, `confirm`, `strength` or `kind`; for `set`: `set`.
  public var field: String?
  /// For `tie strength` the number, for `tie kind` the kind, for `set` a JSON object `{"company":…,"tags":[…]}`.
  public var value: String?
  public var undoneAt: String?

  /// The correction in words: `same url:… url:…`, `tie … reject`, `set … company=Acme tags=a,b`.
  public var summary: String {
    switch kind {
    case "tie": "tie \(a) \(b ?? "") \(field ?? "")" + (value.map { " \($0)" } ?? "")
    case "set":
      "set \(a)"
        + {
          guard let v = StoredCorrection.attributes(value) else { return "" }
          return (v.company.map { " company=\($0)" } ?? "")
            + (v.tags.isEmpty ? "" : " tags=" + v.tags.joined(separator: ","))
        }()
    default: "\(kind) \(a) \(b ?? "")"
    }
  }

  struct Attributes: Codable {
    var company: String?
    var tags: [String]
  }

  static func attributes(_ value: String?) -> Attributes? {
    value.flatMap { try? JSONDecoder().decode(Attributes.self, from: Data($0.utf8)) }
  }
}

/// A logged interaction as the workspace keeps it (tables `interaction` and `interaction_person`).
public struct StoredInteraction: Sendable, Equatable, Codable {
  public var id: Int64
  public var date: String
  public var kind: String
  public var direction: String
  /// Stable keys of the people named, in the order given.
  public var people: [String]
  public var note: String
  /// The day the owner means to follow up, when given (kept in the workspace only).
  public var followUp: String?
  public var createdAt: String
  public var undoneAt: String?
}

extension Workspace {
  // MARK: corrections

  /// Stores `request` (one transaction, bound parameters) and bumps the
  /// generation, so the next read rebuilds the network with it. O(1).
  /// - Returns: the correction's id.
  @discardableResult
  public func addCorrection(_ request: CorrectionRequest, now: Date = Date()) throws(WorkspaceError) -> Int64 {
    let (kind, a, b, field, value): (String, String, String?, String?, String?)
    switch request {
    case .same(let x, let y): (kind, a, b, field, value) = ("same", x, y, nil, nil)
    case .different(let x, let y): (kind, a, b, field, value) = ("different", x, y, nil, nil)
    case .tie(let x, let y, let change):
      switch change {
      case .reject: (kind, a, b, field, value) = ("tie", x, y, "reject", nil)
      case .confirm: (kind, a, b, field, value) = ("tie", x, y, "confirm", nil)
      case .strength(let s): (kind, a, b, field, value) = ("tie", x, y, "strength", "\(s)")
      case .kind(let k): (kind, a, b, field, value) = ("tie", x, y, "kind", k)
      }
    case .set(let key, let company, let tags):
      let json = (try? JSONEncoder().encode(StoredCorrection.Attributes(company: company, tags: tags)))
        .map { String(decoding: $0, as: UTF8.self) }
      (kind, a, b, field, value) = ("set", key, nil, "set", json)
    }
    let stamp = Self.timestamp(now)
    return try write { db in
      try db.execute(
        sql: "INSERT INTO correction (created_at, kind, a_key, b_key, field, value) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [stamp, kind, a, b, field, value])
      let id = db.lastInsertedRowID
      try Self.bumpGeneration(db)
      return id
    }
  }

  /// The stored corrections in id order (undone ones too when `includeUndone`). O(c).
  public func corrections(includeUndone: Bool = false) throws(WorkspaceError) -> [StoredCorrection] {
    try read { db in try Self.corrections(db, includeUndone: includeUndone) }
  }

  static func corrections(_ db: Database, includeUndone: Bool) throws -> [StoredCorrection] {
    let filter = includeUndone ? "" : " WHERE undone_at IS NULL"
    return try Row.fetchAll(
      db, sql: "SELECT id, created_at, kind, a_key, b_key, field, value, undone_at FROM correction\(filter) ORDER BY id"
    ).map { row in
      StoredCorrection(
        id: row["id"], createdAt: row["created_at"], kind: row["kind"], a: row["a_key"], b: row["b_key"],
        field: row["field"], value: row["value"], undoneAt: row["undone_at"])
    }
  }

  /// Marks correction `id` undone (kept, no longer applied) and bumps the generation. O(1).
  /// - Throws: when there is no such correction or it is already undone.
  public func undoCorrection(id: Int64, now: Date = Date()) throws(WorkspaceError) {
    try undo(table: "correction", what: "correction", id: id, now: now)
  }

  // MARK: the interaction log

  /// Logs an interaction of the owner with `people` (stable keys; an
  /// introduction names the two people introduced): one transaction, bound
  /// parameters; bumps the generation. O(people).
  /// - Returns: the entry's id.
  @discardableResult
  public func addInteraction(
    date: Day, kind: Interaction.Kind, direction: Interaction.Direction? = nil, people: [String],
    note: String = "", followUp: Day? = nil, now: Date = Date()
  ) throws(WorkspaceError) -> Int64 {
    let stamp = Self.timestamp(now)
    let direction = direction ?? kind.defaultDirection
    return try write { db in
      try db.execute(
        sql: "INSERT INTO interaction (date, kind, direction, note, follow_up, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [date.iso, kind.rawValue, direction.rawValue, note, followUp?.iso, stamp])
      let id = db.lastInsertedRowID
      for key in people {
        try db.execute(
          sql: "INSERT INTO interaction_person (interaction_id, person_key) VALUES (?, ?)", arguments: [id, key])
      }
      try Self.bumpGeneration(db)
      return id
    }
  }

  /// The logged interactions in date order, then id (undone ones too when
  /// `includeUndone`), only those naming `person` when given. O(log size).
  public func interactions(naming person: String? = nil, includeUndone: Bool = false) throws(WorkspaceError)
    -> [StoredInteraction]
  {
    try read { db in try Self.interactions(db, naming: person, includeUndone: includeUndone) }
  }

  static func interactions(_ db: Database, naming person: String?, includeUndone: Bool) throws -> [StoredInteraction] {
    var people: [Int64: [String]] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT interaction_id, person_key FROM interaction_person ORDER BY rowid") {
      people[row["interaction_id"], default: []].append(row["person_key"])
    }
    let filter = includeUndone ? "" : " WHERE undone_at IS NULL"
    let entries = try Row.fetchAll(
      db,
      sql: """
        SELECT id, date, kind, direction, note, follow_up, created_at, undone_at FROM interaction\(filter)
        ORDER BY date, id
        """
    ).map { row in
      StoredInteraction(
        id: row["id"], date: row["date"], kind: row["kind"], direction: row["direction"],
        people: people[row["id"]] ?? [], note: row["note"] ?? "", followUp: row["follow_up"],
        createdAt: row["created_at"], undoneAt: row["undone_at"])
    }
    guard let person else { return entries }
    return entries.filter { $0.people.contains(person) }
  }

  /// Marks log entry `id` undone and bumps the generation. O(1).
  public func undoInteraction(id: Int64, now: Date = Date()) throws(WorkspaceError) {
    try undo(table: "interaction", what: "log entry", id: id, now: now)
  }

  private func undo(table: String, what: String, id: Int64, now: Date) throws(WorkspaceError) {
    let stamp = Self.timestamp(now)
    let outcome = try write { db -> String? in
      guard let row = try Row.fetchOne(db, sql: "SELECT undone_at FROM \(table) WHERE id = ?", arguments: [id]) else {
        return "there is no \(what) #\(id)"
      }
      if let at: String = row["undone_at"] { return "\(what) #\(id) was already undone at \(at)" }
      try db.execute(sql: "UPDATE \(table) SET undone_at = ? WHERE id = ?", arguments: [stamp, id])
      try Self.bumpGeneration(db)
      return nil
    }
    if let outcome { throw WorkspaceError(outcome) }
  }

  static func bumpGeneration(_ db: Database) throws {
    try db.execute(sql: "UPDATE meta SET generation = generation + 1 WHERE id = 1")
  }

  // MARK: what the engine applies

  /// The stored corrections and log entries that are not undone, as the
  /// engine takes them; the owner is the workspace's owner. Values that no
  /// longer parse are left out. O(c + log size).
  public func networkCorrections() throws(WorkspaceError) -> NetworkCorrections {
    let owner = try owner()?.key
    return try read { db in
      var result = NetworkCorrections(owner: owner)
      for c in try Self.corrections(db, includeUndone: false) {
        let id = Int(c.id)
        let made = Day(parsing: c.createdAt.prefix(10)) ?? Day(daysSinceEpoch: 0)
        switch (c.kind, c.b) {
        case ("same", let b?): result.same.append(IdentityCorrection(id: id, c.a, b))
        case ("different", let b?): result.different.append(IdentityCorrection(id: id, c.a, b))
        case ("tie", let b?):
          let change: TieCorrection.Change?
          switch c.field {
          case "reject": change = .reject
          case "confirm": change = .confirm
          case "strength": change = c.value.flatMap(Double.init).map { .strength($0) }
          case "kind": change = c.value.map { .kind($0) }
          default: change = nil
          }
          if let change { result.ties.append(TieCorrection(id: id, c.a, b, change, made: made)) }
        case ("set", _):
          if let v = StoredCorrection.attributes(c.value) {
            result.attributes.append(AttributeCorrection(id: id, c.a, company: v.company, tags: v.tags))
          }
        default: break
        }
      }
      for e in try Self.interactions(db, naming: nil, includeUndone: false) {
        guard let date = Day(parsing: e.date), let kind = Interaction.Kind(rawValue: e.kind) else { continue }
        result.interactions.append(
          Interaction(
            id: Int(e.id), date: date, kind: kind, direction: Interaction.Direction(rawValue: e.direction),
            people: e.people, note: e.note))
      }
      result.interactions.sort { ($0.date, $0.id) < ($1.date, $1.id) }
      return result
    }
  }

  /// A digest of what the corrections make of a network (the owner and
  /// every correction and log entry in force), added to the snapshot's
  /// fingerprint so that a snapshot made under other corrections is not used.
  static func correctionsDigest(_ c: NetworkCorrections) -> String {
    guard !c.isEmpty else { return "" }
    let data = (try? JSONEncoder.sorted.encode(c)) ?? Data()
    return SHA256.hex(Array(data))
  }

  /// `options` with the `different` pairs kept apart by identity resolution. O(pairs).
  static func keepingApart(_ options: LoadOptions, _ c: NetworkCorrections) -> LoadOptions {
    guard !c.different.isEmpty else { return options }
    var options = options
    options.contacts.keptApart += c.keptApart
    return options
  }

  /// `loaded` with `corrections` applied as of the load's reference date (the
  /// engine's default when none was given: the network's, or the latest
  /// logged day when later). No corrections: `loaded` as it is.
  static func corrected(_ loaded: LoadedNetwork, _ c: NetworkCorrections, options: LoadOptions) throws -> (
    LoadedNetwork, CorrectionsReport?
  ) {
    guard !c.isEmpty else { return (loaded, nil) }
    let (network, report) = try c.apply(to: loaded, asOf: options.referenceDate)
    return (network, report)
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys (stable bytes for digests).
  static var sorted: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
  }
}
