#if canImport(Glibc)
  import Glibc
#endif

/// Messages to standard error (written with write(2): unbuffered, no shared C state).
enum Terminal {
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { buf in
      var offset = 0
      while offset < buf.count {
        let n = Glibc.write(2, buf.baseAddress! + offset, buf.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }
  static func warn(_ message: String) { write("warning: \(message)\n") }
  static func error(_ message: String) { write("error: \(message)\n") }
  static func note(_ message: String) { write("\(message)\n") }
}
