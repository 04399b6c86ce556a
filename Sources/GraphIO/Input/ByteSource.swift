import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file in chunks with `read(2)`, so memory stays bounded however
/// large the file is; standard input (`-`) is read whole once and kept, so
/// format detection and reading both see it. The only place GraphIO touches
/// file descriptors.
///
/// Opened with `text: true`, the source also finds the file's encoding
/// (see `TextEncoding`) and hands out UTF-8 whatever the file holds:
/// UTF-16 LE/BE (with a byte-order mark, or recognised by its zero bytes)
/// is transcoded chunk by chunk, and a file that is not valid UTF-8 is read
/// as windows-1252 (a superset of ISO-8859-1 for printable text) and the
/// fallback is flagged in `encoding`. UTF-16 text that ends in an odd byte
/// (half a code unit) loses that byte, flagged in `endsInHalfCodeUnit` once
/// the end is read (importers report it; see `ImportSession.checkEnd`).
package final class ByteSource {
  package let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  /// Bytes handed out so far (after transcoding).
  package private(set) var bytesRead = 0
  /// File size when known (regular files), for progress.
  package let size: Int?
  /// The encoding found (`.utf8` for sources opened without `text`).
  package private(set) var encoding: TextEncoding = .utf8
  /// The UTF-16 text ended in an odd byte, which was dropped (known once `read` has returned 0).
  package var endsInHalfCodeUnit: Bool { transcoder.endsInHalfCodeUnit }
  /// The text uses vCard line folding (see `TextEncoding.detect`).
  private let folded: Bool
  /// Raw bytes read ahead for detection, handed out before the next `read(2)`.
  private var pending: [UInt8] = []
  private var pendingStart = 0
  private var transcoder = TextTranscoder(.utf8)
  private var rawScratch: [UInt8] = []
  /// Where `read(2)` writes, kept from chunk to chunk: a fresh megabyte per
  /// chunk would be mapped, faulted in page by page and unmapped each time.
  private var readScratch: [UInt8] = []
  private let memory: [UInt8]?
  private var memoryOffset = 0

  /// Opens `path` for reading.
  /// - Parameter path: the file to read.
  /// - Parameter text: find the encoding and hand out UTF-8 (see the type's documentation).
  /// - Parameter folded: the text uses vCard line folding (UTF-8 validity is judged after unfolding).
  /// - Throws: `ImportError` (line 0) when it cannot be opened or is a directory.
  /// - Parameter detectionBytes: how much to look at when finding the encoding.
  package init(
    path: String, text: Bool = false, folded: Bool = false, detectionBytes: Int = TextEncoding.detectionBytes
  ) throws(ImportError) {
    self.path = path
    self.folded = folded
    if path == "-" {
      // Standard input can be read once: it is kept, so that detecting its
      // format and reading it (two sources) both see all of it.
      let bytes = Self.standardInput.get
      fd = -1
      ownsDescriptor = false
      size = bytes.count
      memory = bytes
    } else {
      memory = nil
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
        throw ImportError(
          file: path, line: 0, column: 0, message: "cannot open: \(reason)", hint: "check the permissions")
      }
      fd = opened
      ownsDescriptor = true
      size = Int(st.st_size)
    }
    if text { try detectEncoding(limit: detectionBytes) }
  }

  /// All of standard input, read on first use (`-` as a path).
  /// - Complexity: O(bytes), once per process.
  static let standardInput = OnceBox<[UInt8]> {
    var all: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
      if n > 0 {
        all.append(contentsOf: chunk[0..<n])
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    return all
  }

  /// The size of the regular file at `path`, or nil (standard input, missing, not a regular file).
  package static func fileSize(_ path: String) -> Int? {
    guard path != "-" else { return nil }
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(st.st_size)
  }

  /// A source over bytes in memory (tests and fuzzing); `path` names it in errors.
  package init(bytes: [UInt8], path: String = "<memory>", text: Bool = false, folded: Bool = false) {
    self.path = path
    self.folded = folded
    fd = -1
    ownsDescriptor = false
    size = bytes.count
    memory = bytes
    if text { try? detectEncoding(limit: TextEncoding.detectionBytes) }
  }

  deinit { if ownsDescriptor { close(fd) } }

  /// Reads up to `detectionBytes` raw bytes ahead and decides the encoding.
  private func detectEncoding(limit: Int) throws(ImportError) {
    var head: [UInt8] = []
    head.reserveCapacity(min(limit, size ?? limit))
    while head.count < limit, try readRaw(into: &head, count: min(1 << 20, limit - head.count)) > 0 {}
    encoding = TextEncoding.detect(head, complete: size.map { head.count >= $0 } ?? false, folded: folded)
    transcoder = TextTranscoder(encoding)
    pending = head
    pendingStart = 0
  }

  /// Appends up to `count` raw bytes from the file (or memory).
  private func readRaw(into buffer: inout [UInt8], count: Int) throws(ImportError) -> Int {
    if let memory {
      let n = min(count, memory.count - memoryOffset)
      buffer.append(contentsOf: memory[memoryOffset..<memoryOffset + n])
      memoryOffset += n
      return n
    }
    // Read into scratch space, then copy what arrived: no zero-filling of
    // `count` bytes that a short read would throw away.
    var got = 0
    var failure: Int32 = 0
    if readScratch.count < count { readScratch = [UInt8](repeating: 0, count: max(1, count)) }
    readScratch.withUnsafeMutableBufferPointer { scratch in
      while true {
        let n = Glibc.read(fd, scratch.baseAddress!, count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failure = errno } else { got = n }
        break
      }
      if got > 0 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<got])) }
    }
    if failure != 0 {
      throw ImportError(
        file: path, line: 0, column: 0, message: "read failed: \(String(cString: strerror(failure)))", hint: nil)
    }
    return got
  }

  /// Appends up to `count` raw bytes, serving read-ahead bytes first.
  private func readUndecoded(into buffer: inout [UInt8], count: Int) throws(ImportError) -> Int {
    if pendingStart < pending.count {
      let n = min(count, pending.count - pendingStart)
      buffer.append(contentsOf: pending[pendingStart..<pendingStart + n])
      pendingStart += n
      if pendingStart == pending.count {
        pending = []
        pendingStart = 0
      }
      return n
    }
    return try readRaw(into: &buffer, count: count)
  }

  /// Appends about `count` bytes of UTF-8 to `buffer`; returns the number
  /// appended (0 only at end of file). Transcoding may append somewhat more
  /// than `count` (UTF-16 and windows-1252 text grows in UTF-8).
  package func read(into buffer: inout [UInt8], count: Int) throws(ImportError) -> Int {
    if encoding.isUTF8 {
      let n = try readUndecoded(into: &buffer, count: count)
      bytesRead += n
      return n
    }
    let before = buffer.count
    while buffer.count == before {
      rawScratch.removeAll(keepingCapacity: true)
      let n = try readUndecoded(into: &rawScratch, count: count)
      transcoder.transcode(rawScratch, into: &buffer, final: n == 0)
      if n == 0 { break }
    }
    bytesRead += buffer.count - before
    return buffer.count - before
  }
}
