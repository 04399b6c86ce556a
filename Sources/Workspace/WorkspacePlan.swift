import Foundation
import GRDB
import GraphCore

/// A keep-in-touch rule as the workspace keeps it (table `cadence`).
package struct StoredCadence: Sendable, Equatable, Codable {
  package enum Scope: String, Sendable, Codable, CaseIterable {
    case `class`, tag, company, person
  }
  package var scope: Scope
  /// The class name, the tag (lowercased), the company key or the person's stable key.
  package var key: String
  /// As the user wrote it (the person's or company's name).
  package var label: String
  /// Days between contacts; 0: not on a clock.
  package var days: Int
  package var createdAt: String
}

extension Workspace {
  /// Sets (or replaces) the rule for `scope` and `key` in one transaction. O(1).
  package func setCadence(
    _ scope: StoredCadence.Scope, key: String, label: String, days: Int, now: Date = Date()
  ) throws(WorkspaceError) {
    let stamp = Self.timestamp(now)
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO cadence (scope, key, label, days, created_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (scope, key) DO UPDATE SET label = excluded.label, days = excluded.days,
            created_at = excluded.created_at
          """, arguments: [scope.rawValue, key, label, days, stamp])
    }
  }

  /// Removes the rule for `scope` and `key`; false when there was none. O(1).
  @discardableResult
  package func removeCadence(_ scope: StoredCadence.Scope, key: String) throws(WorkspaceError) -> Bool {
    try write { db in
      try db.execute(sql: "DELETE FROM cadence WHERE scope = ? AND key = ?", arguments: [scope.rawValue, key])
      return db.changesCount > 0
    }
  }

  /// The stored rules, by scope then key. O(rules).
  package func cadences() throws(WorkspaceError) -> [StoredCadence] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT scope, key, label, days, created_at FROM cadence ORDER BY scope, key")
        .compactMap { row in
          guard let scope = StoredCadence.Scope(rawValue: row["scope"]) else { return nil }
          return StoredCadence(
            scope: scope, key: row["key"], label: row["label"], days: row["days"], createdAt: row["created_at"])
        }
    }
  }

  /// Records `key` as dismissed for good (again: nothing changes). O(1).
  package func dismiss(actionKey key: String, now: Date = Date()) throws(WorkspaceError) {
    let stamp = Self.timestamp(now)
    try write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO dismissal (action_key, created_at) VALUES (?, ?)", arguments: [key, stamp])
    }
  }

  /// Every dismissed action key. O(dismissals).
  package func dismissedActions() throws(WorkspaceError) -> Set<String> {
    try read { db in Set(try String.fetchAll(db, sql: "SELECT action_key FROM dismissal")) }
  }
}
