import Foundation
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `liaison` executable beside the test bundle, if it was built
/// (`swift build` before `swift test`, as scripts/test does).
enum LiaisonExecutable {
  static let path: String? = {
    var candidates: [String] = []
    let runner = CommandLine.arguments.first ?? ""
    if let slash = runner.lastIndex(of: "/") {
      var dir = String(runner[..<slash])
      // .../debug/LiaisonPackageTests.xctest/Contents/MacOS/… on macOS; the bundle itself on Linux.
      while dir.contains(".xctest") { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
      candidates.append("\(dir)/liaison")
    }
    candidates.append("\(SharedData.repositoryRoot())/.build/debug/liaison")
    return candidates.first { access($0, X_OK) == 0 }
  }()

  /// Runs the executable to completion (under `ulimit -v KILOBYTES` when
  /// given); returns its exit status, standard output and standard error.
  @discardableResult
  static func run(_ args: [String], addressSpaceKilobytes: Int? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let p = Process()
    if let kilobytes = addressSpaceKilobytes {
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = ["-c", "ulimit -v \(kilobytes) && exec \"$0\" \"$@\"", path!] + args
    } else {
      p.executableURL = URL(fileURLWithPath: path!)
      p.arguments = args
    }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Standard error is read on another thread, so neither pipe can fill and stall the child.
    let errors = LockedBox(Data())
    let reader = Thread { errors.value = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors.value, as: UTF8.self))
  }
}

/// Stopping a run by a signal: the temporary file goes, the previous output
/// stays, and the exit status is 128 + the signal. Runs the real executable.
/// The export is of 20 k people by default and 200 k people with
/// LIAISON_HEAVY_TESTS=1 (as .ci/run sets).
@Suite(.serialized, .enabled(if: LiaisonExecutable.path != nil, "build the liaison executable first (swift build)"))
struct SignalTests {
  static let people = getenv("LIAISON_HEAVY_TESTS") != nil ? 200_000 : 20_000

  /// The moments a run is stopped at: while loading, as soon as its output's
  /// temporary file exists, and once that file holds a megabyte.
  enum Moment: CaseIterable { case loading, startOfWrite, midWrite }

  func entries(_ dir: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: dir))?.sorted() ?? []
  }

  func size(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : -1
  }

  /// Whether process `pid` runs liaison and has a handler for `signal` (its SigCgt mask).
  func catches(_ pid: Int32, _ signal: Int32) -> Bool {
    // Until exec completes, /proc shows the spawning test process (its name, its handlers).
    guard let status = TempFolder.read(path: "/proc/\(pid)/status"), status.hasPrefix("Name:\tliaison\n"),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << UInt64(signal - 1)) != 0
  }

  @Test func aStoppedExportLeavesNoFileAndThePreviousOutput() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let data = "\(tmp.path)/data"
    let (status, _, _) = try LiaisonExecutable.run([
      "generate", "--people", "\(Self.people)", "--ties-per-person", "4", "--out", data, "--quiet",
    ])
    #expect(status == 0)
    let outDir = "\(tmp.path)/out"
    mkdir(outDir, 0o755)
    let out = "\(outDir)/network.json"
    let previous = "the previous export\n"
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      for moment in Moment.allCases {
        // On a busy machine the export can finish before the signal lands; then it is run again.
        for attempt in 1...5 {
          _ = tmp.write("out/network.json", previous)
          let p = Process()
          p.executableURL = URL(fileURLWithPath: LiaisonExecutable.path!)
          p.arguments = ["export", "\(data)/people.csv", "\(data)/ties.csv", "--to", "json", "-o", out]
          p.standardError = FileHandle.nullDevice
          try p.run()
          let temp = "\(outDir)/.network.json.tmp-\(p.processIdentifier)"
          let deadline = Date().addingTimeInterval(600)
          // Before its handlers are installed, a process just starting dies of the signal's default action.
          while p.isRunning && !catches(p.processIdentifier, signal) && Date() < deadline { usleep(1_000) }
          switch moment {
          case .loading: usleep(100_000)
          case .startOfWrite: while p.isRunning && size(temp) < 0 && Date() < deadline { usleep(1_000) }
          case .midWrite: while p.isRunning && size(temp) < 1 << 20 && Date() < deadline { usleep(1_000) }
          }
          kill(p.processIdentifier, signal)
          p.waitUntilExit()
          let label = "signal \(signal) at \(moment), attempt \(attempt)"
          if p.terminationReason == .exit && p.terminationStatus == 0 {
            #expect(attempt < 5, "the export finished before \(label) every time; use a larger network")
            continue
          }
          #expect(
            p.terminationReason == .exit && p.terminationStatus == 128 + signal,
            "\(label): exit status \(p.terminationStatus)")
          #expect(entries(outDir) == ["network.json"], "\(label): only the previous output is left")
          #expect(TempFolder.read(path: out) == previous, "\(label): the previous output is intact")
          break
        }
      }
    }
  }

  @Test func aLinkToStandardOutputIsAStreamNotAFile() throws {
    let root = SharedData.repositoryRoot()
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let link = "\(tmp.path)/stdout"
    #expect(symlink("/proc/self/fd/1", link) == 0)
    let (status, stdout, _) = try LiaisonExecutable.run([
      "stats", "\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv", "--format", "json",
      "-o", link,
    ])
    #expect(status == 0)
    #expect(stdout.contains("\"people\" : 300"))
    var st = stat()
    #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link is still a link")
    #expect(entries(tmp.path) == ["stdout"])
  }
}
