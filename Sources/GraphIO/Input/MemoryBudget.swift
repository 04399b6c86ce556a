import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The up-front memory check of a load. Swift's runtime aborts the process
/// when an allocation fails, so a load that cannot fit must be refused before
/// it starts: the memory it will need is estimated from the input sizes and
/// compared with what the process may use — its address-space limit
/// (`ulimit -v`, counted against the virtual size already mapped) and its
/// control group's `memory.max` (counted against `memory.current`).
///
/// The estimate is deliberately on the safe side (measured peaks per input
/// byte, plus room for arrays that double as they grow); set
/// `LIAISON_SKIP_MEMORY_CHECK=1` to try a load the check refuses.
package enum MemoryBudget {
  /// Peak bytes of memory per byte of input file, by format, measured on
  /// generated networks (people 2.8, ties 1.4, a LinkedIn export about 4)
  /// and rounded up.
  static func bytesPerInputByte(_ format: InputFormat) -> Double {
    switch format {
    case .ties, .edges: 1.6
    case .people: 3.0
    case .linkedinMessages, .linkedinInvitations, .interactions: 2.0
    default: 4.5
    }
  }

  /// Room for the arrays that double while they grow, and the reading thread's
  /// own malloc arena and stack (reserved address space, mostly untouched).
  static let growthFactor = 1.25
  static let threadReserve = 80 << 20

  /// Estimated peak memory, in bytes, to load files of these sizes and formats.
  /// - Complexity: O(files).
  package static func estimate(_ files: [(bytes: Int, format: InputFormat)]) -> Int {
    let data = files.reduce(0.0) { $0 + Double($1.bytes) * bytesPerInputByte($1.format) }
    return Int(data * growthFactor)
  }

  /// What this process may still use, in bytes; nil where there is no limit.
  package struct Headroom: Sendable, Equatable {
    /// Address space left under `RLIMIT_AS` (after what is mapped now).
    package var addressSpace: Int?
    /// Memory left under the control group's `memory.max`.
    package var controlGroup: Int?
  }

  /// Reads the limits of this process.
  package static func headroom() -> Headroom {
    var result = Headroom()
    var limit = rlimit()
    #if os(Linux)
      let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
      let resource = RLIMIT_AS
    #endif
    if getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max {
      let mapped = statusField("VmSize") ?? 0
      result.addressSpace = Int(clamping: limit.rlim_cur) - mapped
    }
    if let group = controlGroupPath(),
      let max = readNumber("/sys/fs/cgroup\(group)/memory.max"),
      let current = readNumber("/sys/fs/cgroup\(group)/memory.current")
    {
      result.controlGroup = max - current
    }
    return result
  }

  /// Throws when loading these files would need more memory than the process
  /// may use: exit 1 with the sizes, the limit and what to do.
  package static func check(_ files: [(path: String, bytes: Int, format: InputFormat)]) throws(ImportError) {
    guard getenv("LIAISON_SKIP_MEMORY_CHECK") == nil, !files.isEmpty else { return }
    let need = estimate(files.map { ($0.bytes, $0.format) })
    let room = headroom()
    let total = files.reduce(0) { $0 + $1.bytes }
    let largest = files.max { $0.bytes < $1.bytes }!
    let what = files.count == 1 ? "this file" : "these \(TextFormat.count(files.count, "file"))"
    if getenv("LIAISON_TIMINGS") != nil {
      let mapped = statusField("VmSize") ?? 0
      let line = "memory check: need ~\(megabytes(need)) MB; mapped \(megabytes(mapped)) MB; headroom \(room)\n"
      _ = line.withCString { write(2, $0, strlen($0)) }
    }
    func refuse(needs: Int, of kind: String, left: Int, limit: String, raise: String) -> ImportError {
      ImportError(
        file: largest.path, line: 0, column: 0,
        message:
          "reading \(what) (\(megabytes(total)) MB) needs about \(megabytes(needs)) MB of \(kind), "
          + "but this process has only \(megabytes(max(left, 0))) MB left (\(limit))",
        hint: "\(raise), or read fewer or smaller files at once; LIAISON_SKIP_MEMORY_CHECK=1 tries anyway")
    }
    if let space = room.addressSpace, need + threadReserve > space {
      throw refuse(
        needs: need + threadReserve, of: "address space", left: space, limit: "ulimit -v",
        raise: "raise the limit (ulimit -v unlimited)")
    }
    if let group = room.controlGroup, need > group {
      throw refuse(
        needs: need, of: "memory", left: group, limit: "its control group's memory.max",
        raise: "raise the container's memory limit")
    }
  }

  static func megabytes(_ bytes: Int) -> String { "\((bytes + (1 << 19)) >> 20)" }

  /// A `kB` field of /proc/self/status, in bytes.
  static func statusField(_ name: String) -> Int? {
    guard let text = readSmallFile("/proc/self/status") else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
      return Int(digits).map { $0 * 1024 }
    }
    return nil
  }

  /// This process's cgroup v2 path (`0::/path` in /proc/self/cgroup).
  static func controlGroupPath() -> String? {
    guard let text = readSmallFile("/proc/self/cgroup") else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("0::") {
      let path = String(line.dropFirst(3))
      return path == "/" ? "" : path
    }
    return nil
  }

  /// A number in a small file; nil for "max" or when it cannot be read.
  static func readNumber(_ path: String) -> Int? {
    readSmallFile(path).flatMap { Int($0.filter { !$0.isWhitespace }) }
  }

  static func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
      if n <= 0 { break }
      bytes += chunk[0..<n]
      if bytes.count > 1 << 16 { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
