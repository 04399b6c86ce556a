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
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// A buffered writer that writes to a temporary file beside `path` and renames
/// it over `path` on `commit()`, so an interrupted run leaves the old file or
/// the new one, never half of one.
///
/// Writes go through a 1 MiB buffer; `commit()` flushes, `fsync`s and renames.
/// If the writer is dropped without `commit()`, the temporary file is removed.
/// The path `-` means standard output (no atomicity is possible there).
///
/// - Complexity: O(bytes written); memory O(1) (the buffer).
public final class AtomicFileWriter {
  public let path: String
  private let tempPath: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var committed = false
  private let isStdout: Bool
  private static let bufferSize = 1 << 20

  /// Opens a temporary file next to `path` (or standard output for `-`).
  public init(path: String) throws(OutputError) {
    self.path = path
    buffer.reserveCapacity(Self.bufferSize)
    if path == "-" {
      isStdout = true
      tempPath = ""
      fd = 1
      return
    }
    isStdout = false
    var dir = "."
    var base = path
    if let slash = path.lastIndex(of: "/") {
      dir = String(path[..<slash])
      if dir.isEmpty { dir = "/" }
      base = String(path[path.index(after: slash)...])
    }
    tempPath = "\(dir)/.\(base).tmp-\(getpid())"
    fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 {
      throw OutputError(
        path: path,
        message: "cannot create \(tempPath): \(String(cString: strerror(errno))); check that the folder exists and is writable")
    }
  }

  deinit {
    if !committed && !isStdout {
      close(fd)
      unlink(tempPath)
    }
  }

  /// Appends UTF-8 text.
  @inlinable
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { writeBytes($0) }
  }

  /// Appends raw bytes.
  public func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferSize { try? flush() }
  }

  /// Appends raw bytes.
  public func writeBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { writeBytes($0) }
  }

  private var flushError: String?

  private func flush() throws(OutputError) {
    var offset = 0
    let fd = self.fd
    let failure: String? = buffer.withUnsafeBytes { raw -> String? in
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
    buffer.removeAll(keepingCapacity: true)
    if let failure {
      flushError = failure
      throw OutputError(path: path, message: "write failed: \(failure)")
    }
  }

  /// Flushes, syncs and atomically renames the temporary file over `path`.
  public func commit() throws(OutputError) {
    try flush()
    if let flushError { throw OutputError(path: path, message: "write failed: \(flushError)") }
    committed = true
    if isStdout { return }
    if fsync(fd) != 0 {
      let message = String(cString: strerror(errno))
      close(fd)
      unlink(tempPath)
      throw OutputError(path: path, message: "fsync failed: \(message)")
    }
    close(fd)
    if rename(tempPath, path) != 0 {
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
}
