import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

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

  /// Replaces the characters a terminal acts on, so untrusted text (names,
  /// companies, file contents) cannot move the cursor, clear the screen or
  /// reorder what is shown: C0 controls (ESC included), DEL, C1 controls
  /// (U+0080–U+009F, e.g. CSI U+009B), the line and paragraph separators and
  /// the bidirectional formatting characters (U+061C, U+200E, U+200F,
  /// U+202A–U+202E, U+2066–U+2069) become spaces. The one neutralisation for
  /// every table and message Liaison writes to a terminal; `keepingLineBreaks`
  /// keeps `\n` (for messages of several lines).
  static func clean(_ s: String, keepingLineBreaks: Bool = false) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map { ($0 == "\n" && keepingLineBreaks) || !actsOnTerminal($0.value) ? $0 : " " }))
  }

  /// Whether a terminal acts on `v` instead of showing it (see `clean`).
  static func actsOnTerminal(_ v: UInt32) -> Bool { Unicode.Scalar(v).map(DOTLabel.isControl) ?? false }

  /// Terminal columns a string takes: East Asian wide and fullwidth
  /// characters (and most emoji) take two, combining marks none.
  static func displayWidth(_ s: String) -> Int {
    var width = 0
    for ch in s {
      guard let v = ch.unicodeScalars.first?.value else { continue }
      switch v {
      case 0x0300...0x036F, 0x200B...0x200F: break
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        width += 2
      default: width += 1
      }
    }
    return width
  }

  /// The width tables must fit (a terminal's columns), or nil to keep them
  /// whole: set once per run by the command line (`InputOptions`), before
  /// any table is drawn; nil when standard output is not a terminal or with `--wide`.
  nonisolated(unsafe) static var fitWidth: Int?

  /// The columns of the terminal on standard output (`COLUMNS` first, then
  /// the terminal's own size), or nil when standard output is not a terminal.
  static func terminalWidth() -> Int? {
    guard isatty(1) != 0 else { return nil }
    if let text = getenv("COLUMNS").map({ String(cString: $0) }), let n = Int(text), n >= 20 { return n }
    var size = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
    return nil
  }

  /// Column widths shrunk until the table fits `limit`: the widest text
  /// column first, never below 8 (numbers are never cut).
  func fitted(_ widths: [Int], to limit: Int) -> [Int] {
    var widths = widths
    let total = { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
    while total() > limit {
      let text = widths.indices.filter { !rightAligned.contains($0) && widths[$0] > 8 }
      guard let widest = text.max(by: { (widths[$0], -$0) < (widths[$1], -$1) }) else { break }
      widths[widest] -= 1  // one column at a time: equally wide names shrink together
    }
    return widths
  }

  /// The width to wrap prose at: `preferred`, or the terminal's when tables fit a narrower one.
  static func proseWidth(_ preferred: Int) -> Int { min(preferred, fitWidth ?? preferred) }

  /// `cell` cut to `width` display columns with "…" at the end.
  static func cut(_ cell: String, to width: Int) -> String {
    guard displayWidth(cell) > width else { return cell }
    var out = ""
    var used = 0
    for ch in cell {
      let w = displayWidth(String(ch))
      if used + w > width - 1 { break }
      out.append(ch)
      used += w
    }
    return out + "…"
  }

  func render() -> String {
    let all = [headers] + rows
    var widths = [Int](repeating: 0, count: headers.count)
    for r in all {
      for (i, c) in r.enumerated() where i < widths.count {
        widths[i] = max(widths[i], Self.displayWidth(Self.clean(c)))
      }
    }
    if let limit = Self.fitWidth { widths = fitted(widths, to: limit) }
    var out = ""
    for (k, r) in all.enumerated() {
      var line = ""
      for (i, c) in r.enumerated() where i < widths.count {
        let cell = Self.cut(Self.clean(c), to: widths[i])
        let pad = String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
        if i > 0 { line += "  " }
        line += rightAligned.contains(i) ? pad + cell : cell + (i == r.count - 1 ? "" : pad)
      }
      out += line + "\n"
      if k == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
    }
    return out
  }
}
