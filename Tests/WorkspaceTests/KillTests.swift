import Foundation
import LiaisonTestSupport
import Testing
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// The `liaison` executable built beside the test bundle (`swift build` before `swift test`).
enum BuiltLiaison {
  static let path: String? = {
    var candidates: [String] = []
    let runner = CommandLine.arguments.first ?? ""
    if let slash = runner.lastIndex(of: "/") {
      var dir = String(runner[..<slash])
      while dir.contains(".xctest") { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
      candidates.append("\(dir)/liaison")
    }
    candidates.append("\(SharedData.repositoryRoot())/.build/debug/liaison")
    return candidates.first { access($0, X_OK) == 0 }
  }()

  /// Starts `liaison args…` with its output to files in `folder` (so no pipe can stall it).
  static func start(_ args: [String], outputTo folder: String, name: String) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path!)
    p.arguments = args
    FileManager.default.createFile(atPath: "\(folder)/\(name).out", contents: nil)
    FileManager.default.createFile(atPath: "\(folder)/\(name).err", contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: "\(folder)/\(name).out")
    p.standardError = FileHandle(forWritingAtPath: "\(folder)/\(name).err")
    try p.run()
    return p
  }

  /// Runs `liaison args…` to completion: its exit status, standard output and standard error.
  static func run(_ args: [String], in folder: String, name: String) throws -> (
    status: Int32, out: String, err: String
  ) {
    let p = try start(args, outputTo: folder, name: name)
    p.waitUntilExit()
    return (
      p.terminationStatus, TempFolder.read(path: "\(folder)/\(name).out") ?? "",
      TempFolder.read(path: "\(folder)/\(name).err") ?? ""
    )
  }
}

/// SplitMix64: the kill points' delays, the same for the same seed.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A value in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// The kill test (Guides/Workspace.md, "What atomic means here"): an import
/// stopped by SIGKILL at any moment leaves a sound database holding either
/// the state before it or the state after it, and the reading commands
/// answer from that state (a stale or half-written snapshot is never used).
///
/// Without LIAISON_HEAVY_TESTS: 6 kill points in the import of a 2 k-person
/// network. With it (.ci/run): 50 kill points: 8 in the import of a
/// 200 k-person network (`generate --people 200000 --seed 7`), 42 in that of
/// a 20 k-person one (a full 200 k import takes about a minute in a debug
/// build on a busy machine; 50 of them would not fit the CI budget).
@Suite(.serialized, .enabled(if: BuiltLiaison.path != nil, "build the liaison executable first (swift build)"))
struct KillTests {
  static let heavy = getenv("LIAISON_HEAVY_TESTS") != nil
  /// The seed of the kill points' delays.
  static let killSeed: UInt64 = 21_0007

  /// A workspace's state as the test compares it.
  struct State: Equatable, CustomStringConvertible {
    var imports: Int
    var current: Int
    var people: Int
    var ties: Int
    var description: String { "\(imports) imports (\(current) current), \(people) people, \(ties) ties" }
  }

  /// Opens the workspace (recovering its WAL as any next process does) and checks it.
  func state(_ path: String) throws -> (State, integrity: [String]) {
    let workspace = try Workspace.open(at: path, create: false)
    let check = try workspace.check()
    let info = try workspace.info()
    let current = info.imports.filter { $0.supersededBy == nil }.count
    return (State(imports: info.imports.count, current: current, people: info.people, ties: info.ties), check.integrity)
  }

  func copyFolder(_ from: String, _ to: String) throws {
    try? FileManager.default.removeItem(atPath: to)
    try FileManager.default.copyItem(atPath: from, toPath: to)
  }

  /// A prepared pair of states: `base` holds a workspace after a small
  /// import; importing `files` into it gives the new state.
  struct Setup {
    var base: String
    var files: [String]
    var old: State
    var new: State
    var oldStats: String
    var newStats: String
    /// One whole import's wall time, seconds.
    var duration: Double
  }

  func prepare(_ tmp: TempFolder, people: Int, seed: Int, name: String) throws -> Setup {
    let dir = "\(tmp.path)/\(name)"
    mkdir(dir, 0o700)
    for (label, n, s) in [("small", 300, 8), ("big", people, seed)] {
      let r = try BuiltLiaison.run(
        ["generate", "--people", "\(n)", "--seed", "\(s)", "--out", "\(dir)/\(label)", "--quiet"], in: dir,
        name: "generate-\(label)")
      #expect(r.status == 0, "\(r.err)")
    }
    let base = "\(dir)/base"
    let ws = "\(base)/workspace.sqlite"
    let small = ["\(dir)/small/people.csv", "\(dir)/small/ties.csv"]
    let first = try BuiltLiaison.run(["import"] + small + ["--workspace", ws], in: dir, name: "first")
    #expect(first.status == 0, "\(first.err)")
    let oldStats = try BuiltLiaison.run(["stats", "--workspace", ws, "--format", "json"], in: dir, name: "old-stats")
    #expect(oldStats.status == 0, "\(oldStats.err)")
    let old = try state(ws).0
    // One whole import, timed: the kill points are spread over it.
    let files = ["\(dir)/big/people.csv", "\(dir)/big/ties.csv"]
    let full = "\(dir)/full"
    try copyFolder(base, full)
    let started = Date()
    let whole = try BuiltLiaison.run(
      ["import"] + files + ["--workspace", "\(full)/workspace.sqlite"], in: dir, name: "whole")
    let duration = Date().timeIntervalSince(started)
    #expect(whole.status == 0, "\(whole.err)")
    let newStats = try BuiltLiaison.run(
      ["stats", "--workspace", "\(full)/workspace.sqlite", "--format", "json"], in: dir, name: "new-stats")
    #expect(newStats.status == 0, "\(newStats.err)")
    let new = try state("\(full)/workspace.sqlite").0
    #expect(old != new)
    return Setup(
      base: base, files: files, old: old, new: new, oldStats: oldStats.out, newStats: newStats.out,
      duration: duration)
  }

  /// Kills `points` imports of `setup` at delays spread over its duration, checking each.
  func killPoints(_ setup: Setup, points: Int, rng: inout SplitMix64, tmp: TempFolder, label: String) throws {
    let ws = "\(tmp.path)/kill/workspace.sqlite"
    var outcomes = (old: 0, new: 0)
    for i in 0..<points {
      try copyFolder(setup.base, "\(tmp.path)/kill")
      // Point i is in the i-th of `points` equal slices of the import's duration (and a little past its end).
      let delay = setup.duration * 1.05 * (Double(i) + rng.unit()) / Double(points)
      let p = try BuiltLiaison.start(["import"] + setup.files + ["--workspace", ws], outputTo: tmp.path, name: "kill")
      usleep(UInt32(delay * 1_000_000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      let point =
        "\(label) point \(i), \(String(format: "%.2f", delay)) s of \(String(format: "%.2f", setup.duration)) s"
      let (found, integrity) = try state(ws)
      #expect(integrity == ["ok"], "\(point): \(integrity)")
      #expect(found == setup.old || found == setup.new, "\(point): \(found); old \(setup.old), new \(setup.new)")
      if found == setup.old { outcomes.old += 1 } else if found == setup.new { outcomes.new += 1 }
      // A reading command answers from the state the database holds, whatever the snapshot's.
      let stats = try BuiltLiaison.run(["stats", "--workspace", ws, "--format", "json"], in: tmp.path, name: "read")
      #expect(stats.status == 0, "\(point): \(stats.err)")
      #expect(stats.out == (found == setup.new ? setup.newStats : setup.oldStats), "\(point): stats differ")
      // What the killed import left behind is owner-only.
      for entry in (try? FileManager.default.contentsOfDirectory(atPath: "\(tmp.path)/kill")) ?? [] {
        let mode = WorkspaceLocation.mode(of: "\(tmp.path)/kill/\(entry)") ?? 0
        #expect(mode & 0o077 == 0, "\(point): \(entry) has mode \(String(mode, radix: 8))")
      }
    }
    // Both outcomes are seen when the points cover the import (a note, not a failure: a busy machine shifts them).
    print("kill test, \(label): \(outcomes.old) old, \(outcomes.new) new of \(points) points")
  }

  @Test func anImportKilledAtAnyMomentLeavesTheOldStateOrTheNew() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var rng = SplitMix64(state: Self.killSeed)
    if Self.heavy {
      let big = try prepare(tmp, people: 200_000, seed: 7, name: "n200k")
      try killPoints(big, points: 8, rng: &rng, tmp: tmp, label: "200 k people")
      try FileManager.default.removeItem(atPath: "\(tmp.path)/n200k")
      let medium = try prepare(tmp, people: 20_000, seed: 7, name: "n20k")
      try killPoints(medium, points: 42, rng: &rng, tmp: tmp, label: "20 k people")
    } else {
      let small = try prepare(tmp, people: 2_000, seed: 7, name: "n2k")
      try killPoints(small, points: 6, rng: &rng, tmp: tmp, label: "2 k people")
    }
  }

  /// Two readers run to success while an import writes (WAL: readers do not wait for the writer).
  @Test func readersAnswerWhileAnImportWrites() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let setup = try prepare(tmp, people: Self.heavy ? 200_000 : 20_000, seed: 7, name: "net")
    let ws = "\(tmp.path)/w/workspace.sqlite"
    var overlapped = false
    for attempt in 1...3 where !overlapped {
      try copyFolder(setup.base, "\(tmp.path)/w")
      let writer = try BuiltLiaison.start(
        ["import"] + setup.files + ["--workspace", ws], outputTo: tmp.path, name: "w")
      // Into the write: the load comes first, the transaction after.
      usleep(UInt32(setup.duration * (0.6 - 0.15 * Double(attempt)) * 1_000_000))
      let readers = try (0..<2).map { r in
        try BuiltLiaison.start(["stats", "--workspace", ws, "--format", "json"], outputTo: tmp.path, name: "r\(r)")
      }
      for r in readers { r.waitUntilExit() }
      overlapped = writer.isRunning
      writer.waitUntilExit()
      #expect(writer.terminationStatus == 0)
      for (i, r) in readers.enumerated() {
        let out = TempFolder.read(path: "\(tmp.path)/r\(i).out") ?? ""
        #expect(r.terminationStatus == 0, "reader \(i): \(TempFolder.read(path: "\(tmp.path)/r\(i).err") ?? "")")
        #expect(out == setup.oldStats || out == setup.newStats, "reader \(i), attempt \(attempt)")
      }
    }
    #expect(overlapped, "the readers finished only after the import, three times")
  }
}
