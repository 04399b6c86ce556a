#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file (or standard input, `-`) in chunks with `read(2)`, so memory
/// stays bounded however large the file is. The only place GraphIO touches
/// file descriptors.
public final class ByteSource {
  public let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  /// Bytes handed out so far.
  public private(set) var bytesRead = 0
  /// File size when known (regular files), for progress.
  public let size: Int?

  /// Opens `path` for reading.
  /// - Throws: `ImportError` (line 0) when it cannot be opened or is a directory.
  public init(path: String) throws(ImportError) {
    self.path = path
    if path == "-" {
      fd = 0
      ownsDescriptor = false
      size = nil
      return
    }
    var st = stat()
    if stat(path, &st) != 0 {
      let reason = String(cString: strerror(errno))
      throw ImportError(file: path, line: 0, column: 0, message: "cannot open: \(reason)", hint: "check the path")
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      throw ImportError(
        file: path, line: 0, column: 0, message: "is a folder, not a file", hint: "pass the files inside it")
    }
    let opened = open(path, O_RDONLY | O_CLOEXEC)
    if opened < 0 {
      let reason = String(cString: strerror(errno))
      throw ImportError(file: path, line: 0, column: 0, message: "cannot open: \(reason)", hint: "check the permissions")
    }
    fd = opened
    ownsDescriptor = true
    size = Int(st.st_size)
  }

  deinit { if ownsDescriptor { close(fd) } }

  /// Appends up to `count` bytes to `buffer`; returns the number read (0 at end of file).
  public func read(into buffer: inout [UInt8], count: Int) throws(ImportError) -> Int {
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: count))
    var got = 0
    var failure: Int32 = 0
    buffer.withUnsafeMutableBytes { raw in
      while true {
        let n = Glibc.read(fd, raw.baseAddress! + old, count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failure = errno } else { got = n }
        break
      }
    }
    buffer.removeLast(count - got)
    if failure != 0 {
      throw ImportError(
        file: path, line: 0, column: 0, message: "read failed: \(String(cString: strerror(failure)))", hint: nil)
    }
    bytesRead += got
    return got
  }
}
