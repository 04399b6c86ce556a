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
  /// Shorter headers for a narrow terminal (the answer's legend names them),
  /// used when the table would not fit `fitWidth` with `headers`.
  var compactHeaders: [String]?

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
  static func displayWidth(_ s: String) -> Int { TextFormat.displayWidth(s) }

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

  /// `text` (lines of prose, hard-wrapped for a wide terminal) re-wrapped to
  /// the terminal when tables fit one narrower than its longest line;
  /// paragraphs (split at blank lines) keep their breaks.
  static func refill(_ text: String) -> String {
    guard let limit = fitWidth, text.split(separator: "\n").contains(where: { displayWidth(String($0)) > limit })
    else { return text }
    let lead = String(text.prefix { $0 == "\n" })
    let paragraphs = text.dropFirst(lead.count).components(separatedBy: "\n\n")
    return lead
      + paragraphs.map { p -> String in
        let words = p.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        return words.isEmpty ? p : wrapLine(words, to: limit, hanging: false)
      }.joined(separator: "\n\n") + (text.hasSuffix("\n") ? "\n" : "")
  }

  /// Every line of an answer that is wider than the terminal (when tables fit
  /// one) wrapped at spaces to its width, counted in display columns. The
  /// lines that follow keep the line's indent, plus the width of a list
  /// marker ("6. ", "- ") or of a short label ("Note: ") it starts with, so the text
  /// lines up. Table lines are already cut to the width and pass through.
  /// - Complexity: O(length of `text`).
  static func fitLines(_ text: String) -> String {
    guard let limit = fitWidth else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if i > 0 { out += "\n" }
      let line = String(line)
      if displayWidth(line) <= limit {
        out += line
        continue
      }
      out += wrapLine(line, to: limit)
    }
    return out
  }

  /// One line wrapped to `limit` display columns with a hanging indent (see `fitLines`).
  static func wrapLine(_ line: String, to limit: Int, hanging: Bool = true, continuation: String? = nil) -> String {
    let indent = String(line.prefix { $0 == " " })
    let body = line.dropFirst(indent.count)
    // The hanging part: a list marker or a short label ending in ": ".
    var hang = 0
    if hanging, let space = body.firstIndex(of: " ") {
      let head = body[..<space]
      let isMarker =
        head == "-" || head == "•" || head == "*"
        || (head.count <= 4 && head.last == "." && head.dropLast().allSatisfy(\.isNumber))
        || (head.count <= 6 && head.last == ":")
      if isMarker { hang = displayWidth(String(head)) + 1 }
    }
    let next = continuation ?? String(repeating: " ", count: min(indent.count + hang, limit / 2))
    return String(TextFormat.wrap(String(body), width: limit, indent: indent, continuation: next).dropLast())
  }

  /// A legend of labelled entries ("score = …", "order: …"): each entry's text
  /// wrapped at `preferred` columns, or the terminal's when narrower, its lines
  /// after the first indented to line up after the longest label.
  static func legend(_ entries: [(label: String, text: String)], preferred: Int) -> String {
    let pad = entries.map { displayWidth($0.label) }.max() ?? 0
    let continuation = String(repeating: " ", count: pad + 1)
    return entries.map { e in
      let head = e.label + String(repeating: " ", count: pad - displayWidth(e.label)) + " "
      return TextFormat.wrap(e.text, width: proseWidth(preferred), indent: head, continuation: continuation)
    }.joined()
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

  /// `header` on two lines, split at the space that makes the wider line
  /// narrowest, when that is narrower than `cellWidth` would need; else one line.
  static func twoLines(_ header: String, over cellWidth: Int) -> [String] {
    var best = [header]
    var bestWidth = displayWidth(header)
    for i in header.indices where header[i] == " " {
      let a = String(header[..<i])
      let b = String(header[header.index(after: i)...])
      let w = max(displayWidth(a), displayWidth(b))
      if w < bestWidth {
        best = [a, b]
        bestWidth = w
      }
    }
    return bestWidth < displayWidth(header) && displayWidth(header) > cellWidth ? best : [header]
  }

  func render() -> String {
    var widths = [Int](repeating: 0, count: headers.count)
    for r in rows {
      for (i, c) in r.enumerated() where i < widths.count {
        widths[i] = max(widths[i], Self.displayWidth(Self.clean(c)))
      }
    }
    let cellWidths = widths
    func lay(_ heads: [String], wrap: Bool) -> (lines: [[String]], widths: [Int]) {
      let split = heads.enumerated().map { i, h in wrap ? Self.twoLines(Self.clean(h), over: cellWidths[i]) : [h] }
      let w = cellWidths.indices.map { i in
        max(cellWidths[i], split[i].map { Self.displayWidth(Self.clean($0)) }.max()!)
      }
      let depth = split.map(\.count).max() ?? 1
      let lines = (0..<depth).map { k in split.map { $0.count > k ? $0[k] : "" } }
      return (lines, w)
    }
    var (headLines, allWidths) = lay(headers, wrap: false)
    if let limit = Self.fitWidth {
      // On a narrow terminal: the compact headers, then headers on two lines, before cutting names.
      func total(_ w: [Int]) -> Int { w.reduce(0, +) + 2 * max(0, w.count - 1) }
      for (heads, wrap) in [(compactHeaders ?? headers, false), (compactHeaders ?? headers, true)]
      where total(allWidths) > limit {
        (headLines, allWidths) = lay(heads, wrap: wrap)
      }
      allWidths = fitted(allWidths, to: limit)
    }
    widths = allWidths
    var out = ""
    func line(_ r: [String], trim: Bool = false) -> String {
      var line = ""
      for (i, c) in r.enumerated() where i < widths.count {
        let cell = Self.cut(Self.clean(c), to: widths[i])
        let pad = String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
        if i > 0 { line += "  " }
        line += rightAligned.contains(i) ? pad + cell : cell + (i == r.count - 1 ? "" : pad)
      }
      // A two-line header's lines end without the padding of empty cells.
      while trim && line.hasSuffix(" ") { line.removeLast() }
      // Numbers are never cut, so a table of many of them can still be too wide: its lines are cut.
      if let limit = Self.fitWidth, Self.displayWidth(line) > limit { line = Self.cut(line, to: limit) }
      return line + "\n"
    }
    for h in headLines { out += line(h, trim: headLines.count > 1) }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    out += (Self.fitWidth.map { String(rule.prefix($0)) } ?? rule) + "\n"
    for r in rows { out += line(r) }
    return out
  }
}
