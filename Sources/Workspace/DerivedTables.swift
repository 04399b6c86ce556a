import GRDB
import GraphCore
import GraphIO

/// The tables derived from the current sources (`person`, `identity`,
/// `company`, `tie`, `evidence`): rebuilt, in the import's transaction, from
/// the network that import loaded. They are for queries and for the
/// commands to come; the commands read the graph from the snapshot.
enum DerivedTables {
  /// Replaces the derived rows with those of `loaded`. O(V + E) rows, bound parameters only.
  static func rebuild(_ db: Database, from loaded: LoadedNetwork) throws {
    for table in ["evidence", "tie", "company", "identity", "person"] { try db.execute(sql: "DELETE FROM \(table)") }
    let g = loaded.graph
    let people = g.people
    let person = try db.makeStatement(
      sql:
        "INSERT INTO person (id, key, external_id, name, company, title, industry, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    let identity = try db.makeStatement(sql: "INSERT INTO identity (person, kind, value) VALUES (?, ?, ?)")
    for p in 0..<PersonID(people.count) {
      let id = people.id(of: p)
      try person.execute(arguments: [
        Int64(p), people.stableKey(of: p), id, people.name(of: p), people.company(of: p), people.title(of: p),
        people.industry(of: p), people.location(of: p),
      ])
      try identity.execute(arguments: [Int64(p), "id", id])
      let url = people.profileURL(of: p)
      if !url.isEmpty { try identity.execute(arguments: [Int64(p), "url", Identity.normalizeProfileURL(url)]) }
      for e in people.emails(of: p) where !e.isEmpty {
        try identity.execute(arguments: [Int64(p), "email", Identity.normalizeEmail(e)])
      }
      let name = people.name(of: p)
      if people.hasNames && name != id {
        try identity.execute(arguments: [Int64(p), "name", Identity.normalizeName(name)])
      }
    }
    let groups = people.companyGroups
    let company = try db.makeStatement(sql: "INSERT INTO company (id, key, name, people) VALUES (?, ?, ?, ?)")
    for c in 0..<groups.count {
      try company.execute(arguments: [c, groups.keys[c], groups.labels[c], groups.sizes[c]])
    }
    // Which import each export owner's ties come from (the newest current import of that owner).
    var importOfOwner: [String: Int64] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT id, owner FROM \"import\" WHERE superseded_by IS NULL AND owner IS NOT NULL ORDER BY id")
    {
      importOfOwner[row["owner"]] = row["id"]
    }
    let tie = try db.makeStatement(
      sql: """
        INSERT INTO tie (id, a, b, strength, rated, interactions, interactions_out, interactions_in, last_contact,
          since, kind, source, inferred_confidence, negative)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let evidence = try db.makeStatement(sql: "INSERT INTO evidence (tie, import_id, what) VALUES (?, ?, ?)")
    let ties = g.ties
    var t = 0
    for (u, v, s) in g.tieList() {
      let source = ties.source(t)
      let confidence = ties.confidence(t)
      try tie.execute(arguments: [
        t, Int64(u), Int64(v), Double(s), ties.isRated(t), ties.interactions(t), ties.interactionsOut(t),
        ties.interactionsIn(t), ties.lastContact(t)?.description, ties.since(t)?.description, ties.kind(t), source,
        confidence, ties.isNegative(t),
      ])
      if let confidence {
        try evidence.execute(arguments: [
          t, nil, "inferred (confidence \(confidence)): \(ties.kind(t) ?? "shared context")",
        ])
      } else if let source, let id = importOfOwner[source] {
        try evidence.execute(arguments: [t, id, "listed in \(source)'s export"])
      }
      t += 1
    }
  }
}
