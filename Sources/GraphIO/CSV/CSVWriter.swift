/// Escaping and row writing for RFC 4180 CSV output.
package enum CSVEscaping {
  /// Quotes `field` when it holds a comma, quote, CR or LF (doubling quotes).
  ///
  /// With `neutralizeFormulas`, a cell that starts with `=`, `+`, `-`, `@`,
  /// TAB or CR gets a leading `'`, so a spreadsheet shows it as text instead of
  /// running it (OWASP "CSV injection"). Numbers written by Liaison itself are
  /// written with `neutralizeFormulas: false`.
  ///
  /// - Complexity: O(n) in the length of `field`.
  package static func field(_ field: String, neutralizeFormulas: Bool = true) -> String {
    var text = field
    if neutralizeFormulas, let first = text.utf8.first,
      first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    {
      text = "'" + text
    }
    var needsQuotes = false
    for byte in text.utf8
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes { return text }
    var out = "\""
    for ch in text.unicodeScalars {
      if ch == "\"" { out.unicodeScalars.append("\"") }
      out.unicodeScalars.append(ch)
    }
    out += "\""
    return out
  }

  /// One CSV line (with a trailing `\n`) from already-stringified fields.
  package static func row(_ fields: [String], neutralizeFormulas: Bool = true) -> String {
    var line = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { line += "," }
      line += field(f, neutralizeFormulas: neutralizeFormulas)
    }
    line += "\n"
    return line
  }
}

/// Writes CSV rows to an `AtomicFileWriter`.
package struct CSVWriter {
  package let writer: AtomicFileWriter
  package var neutralizeFormulas: Bool

  package init(writer: AtomicFileWriter, neutralizeFormulas: Bool = true) {
    self.writer = writer
    self.neutralizeFormulas = neutralizeFormulas
  }

  package func writeRow(_ fields: [String]) {
    writer.write(CSVEscaping.row(fields, neutralizeFormulas: neutralizeFormulas))
  }
}
