import GRDB

/// The workspace's tables, versioned through GRDB's `DatabaseMigrator`
/// (Guides/Workspace.md, "Schema"). A migration is never edited once
/// released: a later schema is a new migration appended to `migrator`.
enum WorkspaceSchema {
  /// The migrations, oldest first.
  static let versions = ["v1", "erasure", "mail", "plan"]

  /// The migrator with every migration, in `versions` order.
  static func migrator() -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in try v1(db) }
    // `liaison forget`: when a stored source was rewritten without a forgotten person's records.
    migrator.registerMigration("erasure") { db in
      try db.execute(sql: "ALTER TABLE source ADD COLUMN rewritten_at TEXT")
    }
    // Mailboxes and calendars: the options each was imported with (`--me`, `--max-recipients`, `--since`), as JSON.
    migrator.registerMigration("mail") { db in
      try db.execute(sql: "ALTER TABLE \"import\" ADD COLUMN mail_options TEXT")
    }
    // The plan: keep-in-touch cadences, and suggestions dismissed for good.
    migrator.registerMigration("plan") { db in
      try db.execute(
        sql: """
          CREATE TABLE cadence (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL CHECK (scope IN ('class', 'tag', 'company', 'person')),
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            days INTEGER NOT NULL CHECK (days >= 0),
            created_at TEXT NOT NULL,
            UNIQUE (scope, key)
          );
          CREATE TABLE dismissal (
            id INTEGER PRIMARY KEY,
            action_key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
          );
          """)
    }
    return migrator
  }

  /// Brings `writer`'s database to the newest schema (or to `target`). O(size of the changes).
  static func migrate(_ writer: some DatabaseWriter, upTo target: String? = nil) throws {
    let migrator = migrator()
    if let target { try migrator.migrate(writer, upTo: target) } else { try migrator.migrate(writer) }
  }

  /// Version 1: sources and imports, the derived people and ties, and the
  /// (empty until the corrections and the log arrive) corrections and interactions.
  private static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE meta (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          owner_key TEXT,
          owner_set_by TEXT,
          generation INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO meta (id, generation) VALUES (1, 0);

        CREATE TABLE source (
          id INTEGER PRIMARY KEY,
          sha256 TEXT NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          bytes BLOB NOT NULL
        );

        CREATE TABLE "import" (
          id INTEGER PRIMARY KEY,
          run INTEGER NOT NULL,
          position INTEGER NOT NULL,
          source_id INTEGER NOT NULL REFERENCES source(id),
          path TEXT NOT NULL,
          file_name TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          format TEXT NOT NULL,
          forced_format TEXT,
          columns TEXT,
          owner TEXT,
          owner_rule TEXT,
          imported_at TEXT NOT NULL,
          report TEXT NOT NULL,
          superseded_by INTEGER REFERENCES "import"(id)
        );
        CREATE INDEX import_sha256 ON "import"(sha256);
        CREATE INDEX import_current ON "import"(superseded_by, id);

        CREATE TABLE person (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          external_id TEXT NOT NULL,
          name TEXT NOT NULL,
          company TEXT NOT NULL,
          title TEXT NOT NULL,
          industry TEXT NOT NULL,
          location TEXT NOT NULL
        );
        CREATE INDEX person_key ON person(key);

        CREATE TABLE identity (
          person INTEGER NOT NULL REFERENCES person(id),
          kind TEXT NOT NULL CHECK (kind IN ('email', 'url', 'id', 'name')),
          value TEXT NOT NULL
        );
        CREATE INDEX identity_value ON identity(kind, value);
        CREATE INDEX identity_person ON identity(person);

        CREATE TABLE company (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          people INTEGER NOT NULL
        );

        CREATE TABLE tie (
          id INTEGER PRIMARY KEY,
          a INTEGER NOT NULL REFERENCES person(id),
          b INTEGER NOT NULL REFERENCES person(id),
          strength REAL NOT NULL,
          rated INTEGER NOT NULL,
          interactions INTEGER,
          interactions_out INTEGER,
          interactions_in INTEGER,
          last_contact TEXT,
          since TEXT,
          kind TEXT,
          source TEXT,
          inferred_confidence REAL,
          negative INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tie_a ON tie(a);
        CREATE INDEX tie_b ON tie(b);

        CREATE TABLE evidence (
          tie INTEGER NOT NULL REFERENCES tie(id),
          import_id INTEGER REFERENCES "import"(id),
          what TEXT NOT NULL
        );
        CREATE INDEX evidence_tie ON evidence(tie);

        CREATE TABLE correction (
          id INTEGER PRIMARY KEY,
          created_at TEXT NOT NULL,
          kind TEXT NOT NULL,
          a_key TEXT NOT NULL,
          b_key TEXT,
          field TEXT,
          value TEXT,
          undone_at TEXT
        );

        CREATE TABLE interaction (
          id INTEGER PRIMARY KEY,
          date TEXT NOT NULL,
          kind TEXT NOT NULL,
          direction TEXT NOT NULL,
          note TEXT,
          follow_up TEXT,
          created_at TEXT NOT NULL,
          undone_at TEXT
        );

        CREATE TABLE interaction_person (
          interaction_id INTEGER NOT NULL REFERENCES interaction(id),
          person_key TEXT NOT NULL
        );
        CREATE INDEX interaction_person_key ON interaction_person(person_key);
        """)
  }
}
