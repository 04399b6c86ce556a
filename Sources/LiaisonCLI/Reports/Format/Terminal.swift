#if canImport(Glibc)
  import Glibc
#endif

/// Messages to standard error (written with write(2): unbuffered, no shared C state).
/// `warn`, `error` and `note` neutralise control and bidirectional formatting
/// characters (`TextTable.clean`), so a name in a message cannot drive the terminal.
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
  static func warn(_ message: String) { write("warning: \(safe(message))\n") }
  static func error(_ message: String) { write("error: \(safe(message))\n") }
  static func note(_ message: String) { write("\(safe(message))\n") }

  /// `message` with line breaks kept and every other character a terminal acts on as a space.
  static func safe(_ message: String) -> String { TextTable.clean(message, keepingLineBreaks: true) }
}
