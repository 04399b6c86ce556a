/// Reads a file line by line in 1 MiB chunks (LF, CRLF or CR line ends),
/// handing each line's bytes to the caller without copying. For formats
/// without quoting (edge lists) and for format detection.
package struct LineReader {
  package let source: ByteSource
  var buffer: [UInt8] = []
  var position = 0
  var atEOF = false
  /// The 1-based number of the line last returned.
  package private(set) var line = 0

  package init(source: ByteSource) throws(ImportError) {
    self.source = source
    try fill()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  mutating func fill() throws(ImportError) {
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    if try source.read(into: &buffer, count: 1 << 20) == 0 { atEOF = true }
  }

  /// Calls `body` with the next line (without its line end); returns false at end of file.
  package mutating func next(_ body: (UnsafeBufferPointer<UInt8>) throws(ImportError) -> Void) throws(ImportError)
    -> Bool
  {
    while true {
      var end = -1
      var next = 0
      buffer.withUnsafeBufferPointer { buf in
        var i = position
        // Eight bytes at a time to the first LF or CR (lines are the hot path of mbox and edge-list reading).
        if let base = buf.baseAddress { i = ByteScan.first(base, from: i, to: buf.count, 0x0A, 0x0D, 0x0D) }
        while i < buf.count {
          let b = buf[i]
          if b == 0x0A || b == 0x0D {
            if b == 0x0D && i + 1 == buf.count && !atEOF { return }  // CR at chunk end: need the next byte
            end = i
            next = (b == 0x0D && i + 1 < buf.count && buf[i + 1] == 0x0A) ? i + 2 : i + 1
            return
          }
          i += 1
        }
      }
      if end < 0 {
        if atEOF {
          if position >= buffer.count { return false }
          end = buffer.count
          next = buffer.count
        } else {
          if buffer.count - position > CSVTokenizer.maxRecordBytes {
            throw ImportError(
              file: source.path, line: line + 1, column: 1, message: "a line is longer than 64 MiB",
              hint: "this does not look like a text file")
          }
          try fill()
          continue
        }
      }
      line += 1
      let start = position
      position = next
      var failure: ImportError?
      buffer.withUnsafeBufferPointer { buf in
        do throws(ImportError) {
          try body(UnsafeBufferPointer(rebasing: buf[start..<end]))
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
      return true
    }
  }
}
