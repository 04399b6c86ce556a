import Foundation
import GRDB
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// A small network in a temporary folder: people, ties, one owner's export.
struct SmallFiles {
  let tmp = TempFolder()
  var people: String { "\(tmp.path)/people.csv" }
  var ties: String { "\(tmp.path)/ties.csv" }
  var workspace: String { "\(tmp.path)/data/liaison/workspace.sqlite" }

  init() {
    tmp.write("people.csv", "id,name,company\n1,Ada,Acme\n2,Bo,Acme\n3,Cy,Beta\n4,Di,Beta\n")
    tmp.write("ties.csv", "source,target,strength\n1,2,0.9\n2,3,0.3\n3,4,0.6\n")
  }

  func specs(_ paths: String...) -> [InputSpec] { paths.map { InputSpec(path: $0) } }
}

@Suite struct WorkspaceTests {
  @Test func everyMigrationFromEveryEarlierSchema() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    for (i, version) in WorkspaceSchema.versions.enumerated() {
      let path = "\(f.tmp.path)/schema-\(i).sqlite"
      // A database made by the migrations up to `version` only, as an older Liaison left it.
      let old = try DatabaseQueue(path: path)
      try WorkspaceSchema.migrate(old, upTo: version)
      try old.write { db in try db.execute(sql: "UPDATE meta SET generation = 7 WHERE id = 1") }
      try old.close()
      let workspace = try Workspace.open(at: path, create: false)
      let applied = try workspace.queue.read { db in try WorkspaceSchema.migrator().appliedIdentifiers(db) }
      #expect(applied == Set(WorkspaceSchema.versions))
      #expect(try workspace.generation() == 7, "data survives the migration")
      let tables = try workspace.queue.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      }
      for table in ["meta", "source", "import", "person", "identity", "company", "tie", "evidence", "correction"] {
        #expect(tables.contains(table), "table \(table)")
      }
      #expect(tables.contains("interaction") && tables.contains("interaction_person"))
      let mode = try workspace.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
      #expect(mode == "wal")
    }
  }

  @Test func ownerOnlyPermissions() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    #expect(WorkspaceLocation.mode(of: "\(f.tmp.path)/data") == 0o700)
    #expect(WorkspaceLocation.mode(of: "\(f.tmp.path)/data/liaison") == 0o700)
    for file in [f.workspace, f.workspace + "-wal", f.workspace + "-shm", workspace.snapshotPath] {
      #expect(WorkspaceLocation.mode(of: file) == 0o600, "\(file)")
    }
    let backup = "\(f.tmp.path)/backup.sqlite"
    try workspace.backup(to: backup)
    #expect(WorkspaceLocation.mode(of: backup) == 0o600)
    let copy = try Workspace.open(at: backup, create: false)
    #expect(try copy.info().ties == 3)
    #expect(throws: WorkspaceError.self) { try workspace.backup(to: backup) }
  }

  @Test func readingNeverCreates() {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    #expect(throws: WorkspaceError.self) { try Workspace.open(at: f.workspace, create: false) }
    #expect(!WorkspaceLocation.exists("\(f.tmp.path)/data"))
  }

  @Test func anotherProgramsDatabaseIsLeftAlone() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let path = "\(f.tmp.path)/other.sqlite"
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
    try other.close()
    #expect(throws: WorkspaceError.self) { try Workspace.open(at: path, create: false) }
    let (tables, mode) = try DatabaseQueue(path: path).read { db in
      (
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
      )
    }
    #expect(tables == ["notes"] && mode == "delete")
  }

  @Test func copiesLeftByAKilledRunAreRemoved() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    // A process id above the kernel's limit (pid_max is at most 2^22) is never alive.
    let stale = f.workspace + ".sources-99999999-abcdef"
    let mine = f.workspace + ".sources-\(getpid())-abcdef"
    for dir in [stale, mine] { mkdir(dir, 0o700) }
    _ = try Workspace.open(at: f.workspace, create: false)
    #expect(!WorkspaceLocation.exists(stale))
    #expect(WorkspaceLocation.exists(mine), "a live process's copies stay")
    // A load leaves none of its own behind.
    rmdir(mine)
    _ = try workspace.rebuild(
      try workspace.read { db in try StoredImport.current(db) }, extra: [], options: LoadOptions())
    let left = try FileManager.default.contentsOfDirectory(atPath: WorkspaceLocation.folder(of: f.workspace))
    #expect(!left.contains { $0.contains(".sources-") })
  }

  @Test func locationOrder() {
    let env: [String: String] = ["LIAISON_WORKSPACE": "/a/w.sqlite", "XDG_DATA_HOME": "/x", "HOME": "/h"]
    #expect(WorkspaceLocation.resolve(explicit: "/e.sqlite") { env[$0] } == "/e.sqlite")
    #expect(WorkspaceLocation.resolve(explicit: nil) { env[$0] } == "/a/w.sqlite")
    #expect(
      WorkspaceLocation.resolve(explicit: nil) { ["XDG_DATA_HOME": "/x/", "HOME": "/h"][$0] }
        == "/x/liaison/workspace.sqlite")
    #expect(
      WorkspaceLocation.resolve(explicit: nil) { ["HOME": "/h"][$0] } == "/h/.local/share/liaison/workspace.sqlite")
  }

  @Test func sameFileAgainChangesNothing() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    let first = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    #expect(first.imported.count == 2 && first.unchanged.isEmpty)
    let generation = try workspace.generation()
    let again = try workspace.importFiles(f.specs(f.ties), options: LoadOptions())
    #expect(again.imported.isEmpty && again.loaded == nil)
    #expect(again.unchanged.map(\.importID) == [first.imported[1].id])
    #expect(try workspace.generation() == generation)
    #expect(try workspace.info().imports.count == 2)
    // The stored checksum is the file's SHA-256.
    let bytes = try #require(GraphSnapshot.readFile(f.ties))
    #expect(first.imported[1].sha256 == SHA256.hex(bytes))
  }

  @Test func badInputWritesNothing() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    let before = try workspace.info()
    let bad = f.tmp.write("bad.bin", bytes: [0, 1, 2, 3, 0xFF, 0xFE, 0, 0])
    #expect(throws: ImportError.self) { try workspace.importFiles(f.specs(bad), options: LoadOptions()) }
    let after = try workspace.info()
    #expect(after.imports == before.imports && after.generation == before.generation && after.ties == before.ties)
  }

  @Test func newerFileOfTheSameNameReplacesTheOlder() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    let first = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    f.tmp.write("ties.csv", "source,target,strength\n1,2,0.9\n1,4,0.5\n")
    let second = try workspace.importFiles(f.specs(f.ties), options: LoadOptions())
    #expect(second.superseded.map(\.old) == [first.imported[1].id])
    let (loaded, _) = try workspace.load(options: LoadOptions())
    #expect(loaded.graph.tieCount == 2, "the old ties file no longer counts")
    let info = try workspace.info()
    #expect(info.imports.count == 3 && info.imports[1].supersededBy == second.imported[0].id)
  }

  @Test func staleOrDamagedSnapshotIsRebuilt() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    let (fresh, path) = try workspace.load(options: LoadOptions())
    #expect(path == .snapshot)
    let good = try #require(GraphSnapshot.readFile(workspace.snapshotPath))

    // Truncated.
    try GraphSnapshot.write(Array(good.dropLast(9)), to: workspace.snapshotPath)
    #expect(throws: (any Error).self) {
      try workspace.readSnapshot(
        generation: workspace.generation(),
        fingerprint: Workspace.fingerprint(Workspace.workspaceOptions(LoadOptions())))
    }
    let (rebuilt, how) = try workspace.load(options: LoadOptions())
    #expect(how == .sources)
    #expect(rebuilt.graph.tieList().map { "\($0)" } == fresh.graph.tieList().map { "\($0)" })
    #expect(GraphSnapshot.readFile(workspace.snapshotPath) == good, "rewritten whole")
    #expect(try workspace.load(options: LoadOptions()).1 == .snapshot)

    // One byte changed in the payload.
    var damaged = good
    damaged[damaged.count - 20] ^= 0x40
    try GraphSnapshot.write(damaged, to: workspace.snapshotPath)
    #expect(try workspace.check().snapshotProblem != nil)
    #expect(try workspace.load(options: LoadOptions()).1 == .sources)

    // Stale: an older generation's snapshot after another import.
    f.tmp.write("more.csv", "source,target\n1,3\n")
    _ = try workspace.importFiles(f.specs("\(f.tmp.path)/more.csv"), options: LoadOptions())
    try GraphSnapshot.write(good, to: workspace.snapshotPath)
    let (current, stale) = try workspace.load(options: LoadOptions())
    #expect(stale == .sources && current.graph.tieCount == 4)
    #expect(try workspace.check().snapshotProblem == nil)
  }

  /// A byte flipped in each section a command reads only when it needs it
  /// (names, companies, tie columns, the indexes): opening the snapshot
  /// succeeds, the damage is found when the section is first read, and the
  /// answer comes from a snapshot made again from the sources — never from
  /// the damaged bytes. `workspace check` finds every one.
  @Test func damageInALaterSectionIsNeverRead() throws {
    let root = SharedData.repositoryRoot()
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let team = "\(root)/datasets/team"
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(
      ["people.csv", "ties.csv", "exports/mary-reed.csv"].map { InputSpec(path: "\(team)/\($0)") },
      options: LoadOptions())
    let (fresh, _) = try workspace.load(options: LoadOptions())
    let expected = Self.everything(fresh.graph)
    let good = try #require(GraphSnapshot.readFile(workspace.snapshotPath))
    let file = try SnapshotFile(path: workspace.snapshotPath, generation: nil, fingerprint: nil)
    let later = file.table.keys.sorted().filter { id in
      !GraphSnapshot.Section.checkedOnOpen.map(\.rawValue).contains(id) && (file.table[id]?.range.count ?? 0) > 0
    }
    #expect(later.count > 20)
    for id in later {
      var damaged = good
      damaged[file.table[id]!.range.lowerBound] ^= 0x01
      try GraphSnapshot.write(damaged, to: workspace.snapshotPath)
      #expect(try workspace.check().snapshotProblem != nil, "check finds section \(id)")
      let (loaded, how) = try workspace.load(options: LoadOptions())
      #expect(how == .snapshot, "the header and the sections read on open are sound")
      #expect(Self.everything(loaded.graph) == expected, "section \(id)")
      #expect(GraphSnapshot.readFile(workspace.snapshotPath) == good, "section \(id): the snapshot was made again")
    }
    // The snapshot as loaded from files, column by column.
    #expect(Self.everything(try workspace.load(options: LoadOptions()).0.graph) == expected)
  }

  /// Every person and tie column, the indexes and the groups, as text.
  static func everything(_ g: Graph) -> [String] {
    var out: [String] = []
    let people = g.people
    for p in g.personIDs {
      out.append(
        [
          people.id(of: p), people.name(of: p), people.company(of: p), people.title(of: p), people.industry(of: p),
          people.location(of: p), people.profileURL(of: p), people.emails(of: p).joined(separator: ";"),
          people.tags(of: p).joined(separator: ";"), people.stableKey(of: p),
          "\(people.resolve(people.name(of: p)))", "\(people.resolve(people.id(of: p)))",
          // The loose index: the trailing dot misses the exact names.
          "\(people.resolve(people.name(of: p) + "."))",
          "\(people.companyGroups.group(of: p) ?? -1)", "\(people.industryGroups.group(of: p) ?? -1)",
        ].joined(separator: "|"))
    }
    for t in 0..<g.tieCount {
      let s = g.ties
      out.append(
        "\(g.endpoints(ofTie: t)) \(s.isRated(t)) \(String(describing: s.interactions(t))) \(String(describing: s.lastContact(t))) \(String(describing: s.since(t))) \(String(describing: s.confidence(t))) \(String(describing: s.kind(t))) \(String(describing: s.source(t))) \(s.isNegative(t)) \(s.hasModelStrength(t)) \(String(describing: s.interactionsOut(t)))"
      )
    }
    for g in [people.companyGroups, people.industryGroups] {
      for i in 0..<g.count { out.append("\(g.keys[i]) \(g.labels[i]) \(g.sizes[i]) \(g.group(key: g.keys[i]) ?? -1)") }
    }
    out.append("\(people.ambiguousNames.map { "\($0.name) \($0.people)" })")
    return out
  }

  @Test func snapshotKeepsEveryColumn() throws {
    // Contact exports give string ids, emails, sources, inferred ties and an identity report.
    let root = SharedData.repositoryRoot()
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let team = "\(root)/datasets/team"
    let specs = ["people.csv", "ties.csv", "exports/mary-reed.csv", "exports/daan-mulder.csv"].map {
      InputSpec(path: "\(team)/\($0)")
    }
    let direct = try NetworkLoader.load(specs)
    let back = try SnapshotRoundTrip.network(of: direct, in: f.tmp)
    let (a, b) = (direct.graph, back.graph)
    #expect(a.personCount == b.personCount && a.tieCount == b.tieCount)
    #expect(a.tieList().map { "\($0)" } == b.tieList().map { "\($0)" })
    for p in 0..<PersonID(a.personCount) {
      #expect(a.people.id(of: p) == b.people.id(of: p) && a.people.name(of: p) == b.people.name(of: p))
      #expect(a.people.emails(of: p) == b.people.emails(of: p) && a.people.tags(of: p) == b.people.tags(of: p))
      #expect(a.people.stableKey(of: p) == b.people.stableKey(of: p))
    }
    for t in 0..<a.tieCount {
      #expect(a.ties.source(t) == b.ties.source(t) && a.ties.kind(t) == b.ties.kind(t))
      #expect(a.ties.confidence(t) == b.ties.confidence(t) && a.ties.isRated(t) == b.ties.isRated(t))
      #expect(a.ties.lastContact(t) == b.ties.lastContact(t) && a.ties.interactions(t) == b.ties.interactions(t))
      #expect(a.ties.hasModelStrength(t) == b.ties.hasModelStrength(t) && a.ties.isNegative(t) == b.ties.isNegative(t))
    }
    #expect(direct.imports == back.imports && direct.identity == back.identity && direct.build == back.build)
    #expect(direct.identity?.ambiguousPairs == back.identity?.ambiguousPairs)
  }

  @Test func snapshotKeepsWhichStrengthsTheModelMade() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let ties = f.tmp.write(
      "evidence.csv", "source,target,interactions,last_contact\na,b,5,2026-01-01\nb,c,1,2020-03-01\n")
    let direct = try NetworkLoader.load([InputSpec(path: ties)])
    let back = try SnapshotRoundTrip.network(of: direct, in: f.tmp)
    #expect(direct.graph.tieCount == 2 && (0..<2).allSatisfy { direct.graph.ties.hasModelStrength($0) })
    #expect((0..<2).allSatisfy { back.graph.ties.hasModelStrength($0) })
  }
}

/// A network written as a snapshot file and read back in place.
enum SnapshotRoundTrip {
  static func network(of loaded: LoadedNetwork, in tmp: TempFolder) throws -> LoadedNetwork {
    let zeros = String(repeating: "0", count: 64)
    let path = "\(tmp.path)/round-trip.graph"
    try GraphSnapshot.write(try GraphSnapshot.encode(loaded, generation: 3, fingerprint: zeros), to: path)
    let file = try SnapshotFile(path: path, generation: 3, fingerprint: zeros)
    try file.checkAll()
    return try file.network(recover: { fatalError("a sound snapshot needs no recovery") })
  }
}
