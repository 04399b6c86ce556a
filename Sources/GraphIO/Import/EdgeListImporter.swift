import GraphCore

/// Whitespace edge lists (SNAP style): lines `u v` or `u v weight`,
/// separated by spaces or tabs (or commas for header-less CSV); lines that
/// start with `#` or `%` are comments. The weight is any number other than 0,
/// mapped to a strength as `WeightCollector` says (Guides/Importing.md,
/// "Weights").
///
/// The first line that is not a comment is a header when its words name the
/// source and target (`src dst time`, `from to weight`; not two one-letter
/// words, which may be people) or the column list does: then its columns are
/// read by name, a time column (seconds since 1970 or a date) making each line
/// one contact at that time.
enum EdgeListImporter {
  /// Which field holds what, once the header (if any) is read.
  struct Layout {
    var source = 0
    var target = 1
    var weight: Int? = 2
    var time: Int?
    /// The most fields a line may have.
    var width = 3
  }

  /// The layout a header line gives, or nil when the line is data.
  static func headerLayout(_ words: [String], map: ColumnMap?) -> Layout? {
    if words.contains(where: { w in w.first.map { $0.isNumber || $0 == "-" || $0 == "." } ?? true }) { return nil }
    let ends = ColumnNames.endpoints(in: words, map: map)
    guard let s = ends.source, let t = ends.target, ends.missing == nil else { return nil }
    if map == nil && words.count == 2 && words.allSatisfy({ $0.count == 1 }) { return nil }
    let weight = ColumnNames.column("weight", ColumnNames.weight, in: words, map: map)
    let time = ColumnNames.column("time", ColumnNames.time, in: words, map: map)
    guard weight.1 == nil && time.1 == nil else { return nil }
    return Layout(source: s, target: t, weight: weight.0, time: time.0, width: max(3, words.count))
  }

  static func importEdges(into session: inout ImportSession) throws(ImportError) {
    let source = try ByteSource(path: session.file, text: true)
    session.report.encoding = source.encoding.rawValue
    var reader = try LineReader(source: source)
    var fields: [(Int, Int)] = []
    fields.reserveCapacity(4)
    var rejection: (line: Int, column: Int, message: String)?
    var stop: ImportError?
    var lineNumber = 0
    var layout = Layout()
    var sawData = false
    var counts = TieCounts(
      weights: WeightCollector(chosen: session.options.weights), nextRow: session.builder.tieRowCount)
    let map = session.columns
    let progress = session.options.onProgress
    while true {
      lineNumber += 1
      if lineNumber & 0xFFFF == 0, let progress { progress(session.file, source.bytesRead, source.size) }
      let more = try reader.next { (line: UnsafeBufferPointer<UInt8>) throws(ImportError) -> Void in
        fields.removeAll(keepingCapacity: true)
        // (lineNumber counts every line, comments and blanks included)
        var i = 0
        let n = line.count
        while i < n {
          while i < n && (line[i] == 0x20 || line[i] == 0x09 || line[i] == UInt8(ascii: ",")) { i += 1 }
          if i >= n { break }
          let start = i
          while i < n && line[i] != 0x20 && line[i] != 0x09 && line[i] != UInt8(ascii: ",") { i += 1 }
          fields.append((start, i))
        }
        if fields.isEmpty { return }
        let first = line[fields[0].0]
        if first == UInt8(ascii: "#") || first == UInt8(ascii: "%") { return }
        if !sawData {
          sawData = true
          let words = fields.map { ColumnNames.normalize(String(decoding: line[$0.0..<$0.1], as: UTF8.self)) }
          if let l = headerLayout(words, map: map) {
            layout = l
            return
          }
        }
        session.report.rowsRead += 1
        guard fields.count >= 2 else {
          rejection = (lineNumber, fields[0].0 + 1, "needs two people (source and target), found one value")
          return
        }
        guard fields.count <= layout.width else {
          rejection = (
            lineNumber, fields[layout.width].0 + 1,
            layout.width == 3
              ? "has \(TextFormat.count(fields.count, "value")); an edge list line is: source target [weight]"
              : "has \(TextFormat.count(fields.count, "value")); the header has \(layout.width)"
          )
          return
        }
        guard layout.source < fields.count, layout.target < fields.count else {
          rejection = (
            lineNumber, fields[fields.count - 1].0 + 1,
            "has \(TextFormat.count(fields.count, "value")); the header has more"
          )
          return
        }
        var strength: Float?
        var magnitude = 0.0
        var negative = false
        if let wi = layout.weight, wi < fields.count {
          let w = NumberParsing.decimal(UnsafeBufferPointer(rebasing: line[fields[wi].0..<fields[wi].1]))
          switch counts.weights.read(w) {
          case .tie(let s, let m, let n):
            (strength, magnitude, negative) = (s.map { Float($0) }, m, n)
          case .refused(let problem):
            let shown = String(decoding: line[fields[wi].0..<fields[wi].1], as: UTF8.self)
            rejection = (lineNumber, fields[wi].0 + 1, "weight \"\(shown)\" \(problem)")
            return
          }
        }
        var time: Day?
        if let ti = layout.time, ti < fields.count {
          time = NumberParsing.day(time: UnsafeBufferPointer(rebasing: line[fields[ti].0..<fields[ti].1]))
          if time == nil {
            let shown = String(decoding: line[fields[ti].0..<fields[ti].1], as: UTF8.self)
            rejection = (lineNumber, fields[ti].0 + 1, "time \"\(shown)\" is not seconds since 1970 or a date")
            return
          }
        }
        var ids: (PersonID, PersonID) = (0, 0)
        for end in 0..<2 {
          let k = end == 0 ? layout.source : layout.target
          let slice = UnsafeBufferPointer(rebasing: line[fields[k].0..<fields[k].1])
          let id: PersonID
          if let v = Identity.canonicalInteger(bytes: slice) {
            id = session.builder.person(integerKey: v)
          } else if let s = ByteScan.text(slice) {
            id = session.builder.person(key: s)
          } else {
            rejection = (lineNumber, fields[k].0 + 1, "invalid UTF-8 text")
            return
          }
          if end == 0 { ids.0 = id } else { ids.1 = id }
        }
        let (a, b) = ids
        do throws(GraphBuildError) {
          var e: TieEvidence?
          if time != nil || negative {
            e = TieEvidence(
              strength: strength.map { Double($0) }, interactions: time == nil ? nil : 1, lastContact: time,
              since: time, negative: negative)
          }
          try counts.add(
            a, b, evidence: e, strength: strength, magnitude: magnitude, negative: negative, line: lineNumber,
            selfTieColumn: fields[0].0 + 1, to: &session)
        } catch {
          rejection = (lineNumber, 1, error.description)
        }
      }
      if let r = rejection {
        rejection = nil
        do {
          try session.reject(line: r.line, column: r.column, r.message)
        } catch {
          stop = error
        }
      }
      if let stop { throw stop }
      if !more { break }
    }
    counts.finish(&session)
    try session.checkEnd(of: source)
  }
}
