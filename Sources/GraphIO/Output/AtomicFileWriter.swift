#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error while writing an output file.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var message: String
  /// The command line asked for something unsafe (writing onto an input):
  /// a usage error (exit 2), not a failure of the disk.
  public var isUsageError: Bool
  public init(path: String, message: String, isUsageError: Bool = false) {
    self.path = path
    self.message = message
    self.isUsageError = isUsageError
  }
  public var description: String { "\(path): \(message)" }
}

/// Where an output path really leads, decided before anything is written.
enum OutputDestination: Equatable {
  /// A regular file (or none yet): written to a temporary file beside it, then renamed over it.
  case file(String)
  /// An open descriptor (`-`, `/dev/stdout`, `/dev/fd/N`): written as a stream.
  case descriptor(Int32)
  /// A device, FIFO or socket: opened and written as a stream, never replaced.
  case stream(String)

  /// Follows symbolic links (as `cp` and shells do: writing through a link
  /// writes its target, and the link stays) to decide how `path` is written.
  /// - Throws: for a folder, or a chain of links that does not end.
  static func resolve(_ path: String) throws(OutputError) -> OutputDestination {
    if path == "-" { return .descriptor(1) }
    var p = path
    for _ in 0..<40 {
      if let fd = descriptorPath(p) { return .descriptor(fd) }
      var st = stat()
      guard lstat(p, &st) == 0 else { return .file(p) }
      switch st.st_mode & S_IFMT {
      case S_IFLNK:
        guard let target = readLink(p) else { return .file(p) }
        if target.hasPrefix("/") {
          p = target
        } else if let slash = p.lastIndex(of: "/") {
          p = String(p[...slash]) + target
        } else {
          p = target
        }
      case S_IFREG: return .file(p)
      case S_IFDIR:
        throw OutputError(path: path, message: "is a folder; give a file name inside it", isUsageError: true)
      default: return .stream(p)
      }
    }
    throw OutputError(path: path, message: "too many levels of symbolic links", isUsageError: true)
  }

  /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name a
  /// descriptor this process already holds.
  private static func descriptorPath(_ p: String) -> Int32? {
    switch p {
    case "/dev/stdout": return 1
    case "/dev/stderr": return 2
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where p.hasPrefix(prefix) {
        if let n = Int32(p.dropFirst(prefix.count)), n >= 0 { return n }
      }
      return nil
    }
  }

  private static func readLink(_ p: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(p, &buffer, buffer.count - 1)
    guard n > 0 else { return nil }
    return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// The one way Liaison writes an output file. A regular file is written to a
/// temporary file beside it and renamed over it on `commit()`, so an
/// interrupted run leaves the old file or the new one, never half of one.
///
/// - It refuses (a usage error) to write onto any input of the run
///   (`OutputGuard.protectInputs`), through any link.
/// - Through a symbolic link it writes the link's target; the link stays.
/// - `-`, `/dev/stdout`, devices and FIFOs are written as streams, never replaced.
/// - Its temporary file (`.NAME.tmp-PID`) is removed if the writer is dropped
///   without `commit()` or the run is stopped by SIGINT, SIGTERM or SIGHUP;
///   temporaries of killed runs beside the same file are removed on open.
///
/// Writes go through a 1 MiB buffer; `commit()` flushes, `fsync`s and renames.
///
/// - Complexity: O(bytes written); memory O(1) (the buffer).
///
/// Not `Sendable`: it owns a mutable buffer and a file descriptor; one task
/// writes a file from start to `commit()`.
public final class AtomicFileWriter {
  public let path: String
  private let target: String
  private let tempPath: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var committed = false
  /// Written in place (standard output, a device or a FIFO): nothing to rename.
  private let isStream: Bool
  private let ownsDescriptor: Bool
  private var slot: Int?
  private static let bufferSize = 1 << 20

  /// Opens `path` for writing (see the type's rules).
  /// - Throws: `OutputError` (with `isUsageError`) for an input or a folder;
  ///   `OutputError` when the file cannot be created.
  public init(path: String) throws(OutputError) {
    self.path = path
    buffer.reserveCapacity(Self.bufferSize)
    let destination = try OutputDestination.resolve(path)
    switch destination {
    case .descriptor(let n):
      isStream = true
      target = path
      tempPath = ""
      if n <= 2 {
        fd = n
        ownsDescriptor = false
      } else {
        fd = dup(n)
        ownsDescriptor = true
        if fd < 0 { throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
      }
      return
    case .stream(let device):
      if let input = OutputGuard.input(at: device) {
        throw OutputError(
          path: path, message: "refusing to write onto the input \(input); choose another output path",
          isUsageError: true)
      }
      isStream = true
      target = device
      tempPath = ""
      ownsDescriptor = true
      fd = open(device, O_WRONLY | O_CLOEXEC | O_NOCTTY)
      if fd < 0 { throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
      return
    case .file(let file):
      try OutputGuard.checkNotInput(file)
      target = file
    }
    isStream = false
    ownsDescriptor = true
    var dir = "."
    var base = target
    if let slash = target.lastIndex(of: "/") {
      dir = String(target[..<slash])
      if dir.isEmpty { dir = "/" }
      base = String(target[target.index(after: slash)...])
    }
    OutputGuard.removeStaleTemporaries(dir: dir, base: base)
    tempPath = "\(dir)/.\(base).tmp-\(getpid())"
    // Published before the file exists, so a signal at any moment finds it.
    slot = OutputGuard.registerTemporary(tempPath)
    var existing = stat()
    let mode: mode_t = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
    fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    if fd < 0 {
      let reason = String(cString: strerror(errno))
      OutputGuard.unregisterTemporary(slot)
      throw OutputError(
        path: path,
        message: "cannot create \(tempPath): \(reason); check that the folder exists and is writable")
    }
    // Keep an existing file's permissions (open applies the umask).
    if mode != 0o644 { fchmod(fd, mode) }
  }

  deinit {
    if committed { return }
    if !isStream {
      close(fd)
      unlink(tempPath)
      OutputGuard.unregisterTemporary(slot)
    } else if ownsDescriptor {
      close(fd)
    }
  }

  /// Appends UTF-8 text.
  @inlinable
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { writeBytes($0) }
  }

  /// Appends raw bytes. A block of at least the buffer's size (a page, a
  /// picture) goes to the file as it is, not copied through the buffer.
  public func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count >= Self.bufferSize else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.bufferSize { try? flush() }
      return
    }
    if !buffer.isEmpty { try? flush() }
    guard flushError == nil else { return }
    flushError = Self.writeAll(fd, UnsafeRawBufferPointer(bytes))
  }

  /// Appends raw bytes.
  public func writeBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { writeBytes($0) }
  }

  private var flushError: String?

  private func flush() throws(OutputError) {
    let fd = self.fd
    let failure = buffer.withUnsafeBytes { Self.writeAll(fd, $0) }
    buffer.removeAll(keepingCapacity: true)
    if let failure {
      flushError = failure
      throw OutputError(path: path, message: "write failed: \(failure)")
    }
  }

  /// Writes all of `raw` to `fd` (again after a partial write or EINTR);
  /// the reason on failure.
  private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> String? {
    var offset = 0
    while offset < raw.count {
      let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      offset += n
    }
    return nil
  }

  /// Flushes, syncs and atomically renames the temporary file over the
  /// target (a stream is only flushed).
  public func commit() throws(OutputError) {
    try flush()
    if let flushError { throw OutputError(path: path, message: "write failed: \(flushError)") }
    committed = true
    if isStream {
      if ownsDescriptor && close(fd) != 0 && errno != EINTR {
        throw OutputError(path: path, message: "write failed: \(String(cString: strerror(errno)))")
      }
      return
    }
    defer { OutputGuard.unregisterTemporary(slot) }
    if fsync(fd) != 0 {
      let message = String(cString: strerror(errno))
      close(fd)
      unlink(tempPath)
      throw OutputError(path: path, message: "fsync failed: \(message)")
    }
    close(fd)
    if rename(tempPath, target) != 0 {
      let message = String(cString: strerror(errno))
      unlink(tempPath)
      throw OutputError(path: path, message: "cannot replace the file: \(message)")
    }
  }

  /// Writes `text` to `path` atomically in one call.
  public static func write(_ text: String, to path: String) throws(OutputError) {
    let writer = try AtomicFileWriter(path: path)
    writer.write(text)
    try writer.commit()
  }

  /// Writes `bytes` (a picture) to `path` atomically in one call.
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    try bytes.withUnsafeBufferPointer { b throws(OutputError) in try write(b, to: path) }
  }

  /// Writes `bytes` (lent for the call: a page from its writer's buffer) to
  /// `path` atomically in one call.
  public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws(OutputError) {
    let writer = try AtomicFileWriter(path: path)
    writer.writeBytes(bytes)
    try writer.commit()
  }
}
