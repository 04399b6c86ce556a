/// A plain aligned text table for terminals: columns padded to their widest
/// cell (counted in characters), numbers right-aligned.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  var rightAligned: Set<Int> = []

  init(_ headers: [String], rightAligned: Set<Int> = []) {
    self.headers = headers
    self.rightAligned = rightAligned
  }

  mutating func add(_ row: [String]) { rows.append(row) }

  /// Replaces control characters so untrusted text cannot move the cursor.
  static func clean(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }

  func render() -> String {
    let all = [headers] + rows
    var widths = [Int](repeating: 0, count: headers.count)
    for r in all { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.clean(c).count) } }
    var out = ""
    for (k, r) in all.enumerated() {
      var line = ""
      for (i, c) in r.enumerated() where i < widths.count {
        let cell = Self.clean(c)
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        if i > 0 { line += "  " }
        line += rightAligned.contains(i) ? pad + cell : cell + (i == r.count - 1 ? "" : pad)
      }
      out += line + "\n"
      if k == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
    }
    return out
  }
}

/// Thousands separators for counts in tables.
func grouped(_ n: Int) -> String {
  let s = String(abs(n))
  var out = ""
  for (i, ch) in s.reversed().enumerated() {
    if i > 0 && i % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return (n < 0 ? "-" : "") + String(out.reversed())
}
