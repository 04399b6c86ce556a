import GraphCore

/// Whitespace edge lists (SNAP style): lines `u v` or `u v weight`,
/// separated by spaces or tabs (or commas for header-less CSV); lines that
/// start with `#` or `%` are comments. The weight is a strength in (0, 1].
enum EdgeListImporter {
  static func importEdges(into session: inout ImportSession) throws(ImportError) {
    let source = try ByteSource(path: session.file, text: true)
    session.report.encoding = source.encoding.rawValue
    var reader = try LineReader(source: source)
    var fields: [(Int, Int)] = []
    fields.reserveCapacity(4)
    var rejection: (line: Int, column: Int, message: String)?
    var stop: ImportError?
    var lineNumber = 0
    while true {
      lineNumber += 1
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
        session.report.rowsRead += 1
        guard fields.count >= 2 else {
          rejection = (lineNumber, fields[0].0 + 1, "needs two people (source and target), found one value")
          return
        }
        guard fields.count <= 3 else {
          rejection = (
            lineNumber, fields[3].0 + 1, "has \(fields.count) values; an edge list line is: source target [weight]"
          )
          return
        }
        var strength: Float?
        if fields.count == 3 {
          let w = NumberParsing.decimal(UnsafeBufferPointer(rebasing: line[fields[2].0..<fields[2].1]))
          guard let w, NumberParsing.isStrength(w) else {
            let shown = String(decoding: line[fields[2].0..<fields[2].1], as: UTF8.self)
            let problem =
              w.map { $0 > 0 && $0 <= 1 } == true ? NumberParsing.strengthProblem(w) : "is not a strength in (0, 1]"
            rejection = (lineNumber, fields[2].0 + 1, "weight \"\(shown)\" \(problem)")
            return
          }
          strength = Float(w)
        }
        var ids: [PersonID] = []
        for k in 0..<2 {
          let slice = UnsafeBufferPointer(rebasing: line[fields[k].0..<fields[k].1])
          if let v = Identity.canonicalInteger(bytes: slice) {
            ids.append(session.builder.person(integerKey: v))
          } else if let s = ByteScan.text(slice) {
            ids.append(session.builder.person(key: s))
          } else {
            rejection = (lineNumber, fields[k].0 + 1, "invalid UTF-8 text")
            return
          }
        }
        do throws(GraphBuildError) {
          if try session.builder.addTie(ids[0], ids[1], strength: strength) == .selfTieDropped {
            session.report.selfTies += 1
            session.report.reject(line: lineNumber, column: fields[0].0 + 1, "self-tie (source equals target) dropped")
          } else {
            session.report.imported += 1
          }
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
    try session.checkEnd(of: source)
  }
}
