import Foundation
import GraphIO
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The one output path: never onto an input, through links to their
/// targets, devices and FIFOs as streams, no temporary file left behind.
@Suite struct OutputSafetyTests {
  let root = SharedData.repositoryRoot()

  /// A folder holding copies of the bundled people and ties.
  func copies() -> (TempFolder, people: String, ties: String) {
    let tmp = TempFolder()
    let people = tmp.write("people.csv", TempFolder.read(path: "\(root)/datasets/network/people.csv")!)
    let ties = tmp.write("ties.csv", TempFolder.read(path: "\(root)/datasets/network/ties.csv")!)
    return (tmp, people, ties)
  }

  func entries(_ dir: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: dir))?.sorted() ?? []
  }

  @Test func outputOntoAnInputIsAUsageErrorAndTheInputStays() throws {
    let (tmp, people, ties) = copies()
    defer { tmp.cleanUp() }
    let before = [TempFolder.read(path: people)!, TempFolder.read(path: ties)!]
    symlink("ties.csv", "\(tmp.path)/link.csv")
    link(people, "\(tmp.path)/hard.csv")
    let attempts: [[String]] = [
      ["stats", people, ties, "-o", people],
      ["export", people, ties, "--to", "json", "-o", ties],
      ["export", people, ties, "--to", "json", "-o", "\(tmp.path)/link.csv"],
      ["export", people, ties, "--to", "json", "-o", "\(tmp.path)/hard.csv"],
      [
        "export", people, ties, "--to", "json", "-o", "\(tmp.path)/../\(tmp.path.split(separator: "/").last!)/ties.csv",
      ],
      // CSV export writes PREFIX-people.csv and PREFIX-ties.csv.
      ["export", "\(tmp.path)/x-ties.csv", "--to", "csv", "-o", "\(tmp.path)/x.csv"],
      ["render", people, ties, "--view", "network", "-o", ties],
      ["reach", people, ties, "--ego", "0", "--svg", people],
      ["stats", tmp.path, "-o", people],
      // Files read besides the network: targets, exclusions, pairs.
      ["reach", people, ties, "--ego", "0", "--targets", "\(tmp.path)/targets.txt", "-o", "\(tmp.path)/targets.txt"],
      ["introduce", people, ties, "--ego", "0", "--exclude", "\(tmp.path)/pairs.csv", "-o", "\(tmp.path)/pairs.csv"],
      ["path", people, ties, "--pairs", "\(tmp.path)/pairs.csv", "-o", "\(tmp.path)/pairs.csv"],
    ]
    _ = tmp.write("targets.txt", "target\nNobody Inc\n")
    _ = tmp.write("pairs.csv", "a,b\n0,1\n")
    _ = tmp.write("x-ties.csv", "source,target\na,b\n")
    for args in attempts {
      #expect(runCLI(arguments: args) == 2, "\(args)")
    }
    #expect([TempFolder.read(path: people)!, TempFolder.read(path: ties)!] == before)
    #expect(TempFolder.read(path: "\(tmp.path)/x-ties.csv") == "source,target\na,b\n")
    #expect(TempFolder.read(path: "\(tmp.path)/targets.txt") == "target\nNobody Inc\n")
    #expect(TempFolder.read(path: "\(tmp.path)/pairs.csv") == "a,b\n0,1\n")
    #expect(!entries(tmp.path).contains { $0.contains(".tmp-") })
  }

  @Test func aSymbolicLinkIsWrittenThroughAndStays() throws {
    let (tmp, people, ties) = copies()
    defer { tmp.cleanUp() }
    let out = tmp.write("answer.json", "old\n")
    symlink("answer.json", "\(tmp.path)/latest.json")
    #expect(
      runCLI(arguments: ["stats", people, ties, "--format", "json", "-o", "\(tmp.path)/latest.json"]) == 0)
    var st = stat()
    #expect(lstat("\(tmp.path)/latest.json", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link is still a link")
    #expect(TempFolder.read(path: out)?.contains("\"people\" : 300") == true, "the target holds the answer")
    // A dangling link creates its target, as cp does.
    symlink("new.json", "\(tmp.path)/dangling.json")
    #expect(
      runCLI(arguments: ["stats", people, ties, "--format", "json", "-o", "\(tmp.path)/dangling.json"]) == 0
    )
    #expect(lstat("\(tmp.path)/dangling.json", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
    #expect(TempFolder.read(path: "\(tmp.path)/new.json")?.contains("\"people\" : 300") == true)
  }

  @Test func aFIFOAndADeviceAreWrittenAsStreams() throws {
    let (tmp, people, ties) = copies()
    defer { tmp.cleanUp() }
    let fifo = "\(tmp.path)/pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    // Read the FIFO on another thread while the command writes it; the
    // reader holds the FIFO open without blocking, so it never waits forever.
    let received = LockedBox([UInt8]())
    let finished = LockedBox(false)
    let readerFD = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(readerFD >= 0)
    let reader = Thread {
      var chunk = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(readerFD, $0.baseAddress, 65536) }
        if n > 0 {
          received.value += chunk[0..<n]
        } else if finished.value {
          break
        } else {
          usleep(1000)
        }
      }
      close(readerFD)
    }
    reader.start()
    #expect(runCLI(arguments: ["stats", people, ties, "--format", "json", "-o", fifo]) == 0)
    finished.value = true
    while !reader.isFinished { usleep(1000) }
    var st = stat()
    #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "still a FIFO")
    #expect(String(decoding: received.value, as: UTF8.self).contains("\"people\" : 300"))

    // A character device (a private copy of /dev/null; needs root to make).
    let device = "\(tmp.path)/null"
    if mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 {
      #expect(runCLI(arguments: ["stats", people, ties, "-o", device]) == 0)
      #expect(lstat(device, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "still a device")
    }
    // A full device (a private copy of /dev/full) fails the write, with exit 1, and stays.
    let full = "\(tmp.path)/full"
    if mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 {
      #expect(runCLI(arguments: ["stats", people, ties, "-o", full]) == 1)
      #expect(lstat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
    }
    #expect(!entries(tmp.path).contains { $0.contains(".tmp-") })
  }

  @Test func staleTemporariesOfDeadRunsAreRemoved() throws {
    let (tmp, people, ties) = copies()
    defer { tmp.cleanUp() }
    // A process id that surely exited: a child that has been reaped.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let dead = child.processIdentifier
    tmp.write(".out.json.tmp-\(dead)", "half of an old answer")
    tmp.write(".out.json.tmp-1", "a live process's file")  // pid 1 is alive
    tmp.write(".other.json.tmp-\(dead)", "not ours to judge")
    #expect(
      runCLI(arguments: ["stats", people, ties, "--format", "json", "-o", "\(tmp.path)/out.json"]) == 0)
    let names = entries(tmp.path)
    #expect(!names.contains(".out.json.tmp-\(dead)"))
    #expect(names.contains(".out.json.tmp-1"))
    #expect(names.contains(".other.json.tmp-\(dead)"))
  }

  @Test func anExistingFileKeepsItsPermissions() throws {
    let (tmp, people, ties) = copies()
    defer { tmp.cleanUp() }
    let out = tmp.write("private.json", "old\n")
    chmod(out, 0o600)
    #expect(runCLI(arguments: ["stats", people, ties, "--format", "json", "-o", out]) == 0)
    var st = stat()
    #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o600)
  }

  @Test func smallAndLargeWritesKeepTheirOrder() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // Blocks below and above the writer's 1 MiB buffer, mixed: the large ones
    // go straight to the file, after what the buffer holds.
    let sizes = [10, (1 << 20) + 3, 5, 1 << 20, (1 << 20) - 1, 3 << 20, 0, 7]
    var expected: [UInt8] = []
    let writer = try AtomicFileWriter(path: "\(tmp.path)/out.bin")
    for (k, size) in sizes.enumerated() {
      // Every other block as ASCII text, the rest as raw bytes; each block
      // its own letter, with its place written at both ends.
      var block = [UInt8](repeating: UInt8(ascii: "a") + UInt8(k), count: size)
      if size > 1 {
        block[0] = UInt8(ascii: "0") + UInt8(k)
        block[size - 1] = k % 2 == 0 ? 0xC0 + UInt8(k) : UInt8(ascii: "0") + UInt8(k)
      }
      expected += block
      if k % 2 == 0 { writer.writeBytes(block) } else { writer.write(String(decoding: block, as: UTF8.self)) }
    }
    try writer.commit()
    #expect(FileManager.default.contents(atPath: "\(tmp.path)/out.bin").map { [UInt8]($0) } == expected)
  }
}

/// A value shared with a helper thread.
final class LockedBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T
  init(_ value: T) { stored = value }
  var value: T {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
