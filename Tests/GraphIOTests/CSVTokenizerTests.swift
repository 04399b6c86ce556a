import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// Tokenizes `text` written to a temporary file; returns records as string arrays with their lines.
func tokenize(_ bytes: [UInt8], delimiter: UInt8? = nil) throws -> (rows: [[String]], lines: [Int], delimiter: UInt8) {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let path = tmp.write("t.csv", bytes: bytes)
  var csv = try CSVTokenizer(source: ByteSource(path: path), delimiter: delimiter)
  var rows: [[String]] = []
  var lines: [Int] = []
  while let r = try csv.next() {
    rows.append((0..<r.count).map { r.string($0) ?? "<invalid>" })
    lines.append(r.line)
  }
  return (rows, lines, csv.delimiter)
}

@Suite struct CSVTokenizerTests {
  @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
    let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,end\n"
    let (rows, lines, _) = try tokenize(Array(text.utf8))
    #expect(rows == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", "end"]])
    #expect(lines == [1, 2, 4])
  }

  @Test func crlfBomAndMissingFinalNewline() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,Ada\r\n2,\"Grace\r\nHopper\"\r\n3,Zoë".utf8)
    let (rows, lines, _) = try tokenize(bytes)
    #expect(rows == [["id", "name"], ["1", "Ada"], ["2", "Grace\r\nHopper"], ["3", "Zoë"]])
    #expect(lines == [1, 2, 3, 5])
  }

  @Test func loneCarriageReturnsEndLines() throws {
    let (rows, _, _) = try tokenize(Array("a,b\r1,2\r".utf8))
    #expect(rows == [["a", "b"], ["1", "2"]])
  }

  @Test(arguments: [(",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\t", UInt8(0x09))])
  func detectsTheDelimiter(sep: String, expected: UInt8) throws {
    let text =
      ["id", "name", "company"].joined(separator: sep) + "\n" + ["1", "A, B", "C"].joined(separator: sep) + "\n"
    let (rows, _, delimiter) = try tokenize(Array(text.utf8))
    #expect(delimiter == expected)
    if expected != UInt8(ascii: ",") { #expect(rows[1] == ["1", "A, B", "C"]) }
  }

  @Test func delimiterDetectionIgnoresQuotedText() throws {
    let (_, _, d) = try tokenize(Array("\"a;b;c;d\",x,y\n1,2,3\n".utf8))
    #expect(d == UInt8(ascii: ","))
  }

  @Test func unterminatedQuoteIsAnErrorAtTheOpeningQuote() throws {
    let text = "a,b\n1,2\n3,\"never closed\n4,5\n"
    #expect {
      _ = try tokenize(Array(text.utf8))
    } throws: { error in
      guard let e = error as? ImportError else { return false }
      return e.line == 3 && e.column == 3 && e.message.contains("never closed")
    }
  }

  @Test func recordsSpanningReadChunksAreWhole() throws {
    // Over 2 MiB so records cross the 1 MiB read boundary, including a long quoted field.
    var text = "id,note\n"
    var expected: [[String]] = [["id", "note"]]
    for i in 0..<40_000 {
      let note =
        i % 997 == 0
        ? "\"multi\nline, \"\"quoted\"\" \(String(repeating: "x", count: 3000))\""
        : "row \(i) ..........................."
      text += "\(i),\(note)\n"
      expected.append([
        "\(i)", note.hasPrefix("\"") ? "multi\nline, \"quoted\" \(String(repeating: "x", count: 3000))" : note,
      ])
    }
    let (rows, _, _) = try tokenize(Array(text.utf8))
    #expect(rows.count == expected.count)
    #expect(rows == expected)
  }

  /// Seeded random files (seed 20261128) mixing plain records (the fast path) with quoted
  /// fields holding delimiters, quotes, LF, CR and CRLF (the slow path), LF / CRLF / lone CR
  /// line ends, blank fields and non-ASCII text, large enough to cross read chunks. The
  /// oracle is the writer itself: the fields it wrote and each field's line and column.
  @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(0x09)])
  func randomRecordsRoundTripWithLinesAndColumns(delimiter: UInt8) throws {
    var rng = SplitMix64(seed: 20_261_128)
    let alphabet: [[UInt8]] = [
      [0x61], [0x62], [0x20], [0x31], Array("é".utf8), [delimiter], [0x22], [0x0A], [0x0D], [0x0D, 0x0A],
    ]
    var text: [UInt8] = []
    var expected: [[[UInt8]]] = []
    var positions: [[(line: Int, column: Int)]] = []
    var line = 1
    var lineStart = 0
    var scanned = 0
    // Line counting as the tokenizer does: LF, CRLF (one line end) and a lone CR.
    func sync() {
      while scanned < text.count {
        if text[scanned] == 0x0A || (text[scanned] == 0x0D && !(scanned + 1 < text.count && text[scanned + 1] == 0x0A))
        {
          line += 1
          lineStart = scanned + 1
        }
        scanned += 1
      }
    }
    let columns = 4
    for _ in 0..<30_000 {
      var record: [[UInt8]] = []
      var places: [(line: Int, column: Int)] = []
      let plain = rng.next() % 4 != 0
      for f in 0..<columns {
        if f > 0 { text.append(delimiter) }
        sync()
        places.append((line, text.count - lineStart + 1))
        var field: [UInt8] = []
        let length = Int(rng.next() % (rng.next() % 8 == 0 ? 400 : 12))
        for _ in 0..<length { field += alphabet[Int(rng.next() % UInt64(plain ? 5 : alphabet.count))] }
        // A first field of nothing could read as a blank line; keep it non-empty.
        if f == 0 && field.isEmpty { field = [0x78] }
        if plain {
          text += field
        } else {
          text.append(0x22)
          for b in field {
            if b == 0x22 { text.append(0x22) }
            text.append(b)
          }
          text.append(0x22)
        }
        record.append(field)
      }
      text += [[0x0A], [0x0D, 0x0A], [0x0D]][Int(rng.next() % 3)]
      sync()
      expected.append(record)
      positions.append(places)
    }
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var csv = try CSVTokenizer(source: ByteSource(path: tmp.write("r.csv", bytes: text)), delimiter: delimiter)
    var n = 0
    while let r = try csv.next() {
      try #require(n < expected.count)
      try #require(r.count == columns, "record \(n) at line \(r.line)")
      for f in 0..<columns {
        let bytes = r.withField(f) { Array($0) }
        #expect(bytes == expected[n][f], "record \(n) field \(f)")
      }
      #expect(r.line == positions[n][0].line, "record \(n)")
      for f in 0..<columns { #expect(r.column(f) == positions[n][f].column, "record \(n) field \(f)") }
      n += 1
    }
    #expect(n == expected.count)
  }

  @Test func strayQuotesInsideUnquotedFieldsAreKept() throws {
    let (rows, _, _) = try tokenize(Array("a,b\n5'11\",x\n\"ab\"cd,y\n".utf8))
    #expect(rows[1] == ["5'11\"", "x"])
    #expect(rows[2] == ["abcd", "y"])
  }
}

@Suite struct InputSpecTests {
  @Test func parsesFormatAndOwnerPrefixes() {
    #expect(InputSpec(argument: "ties.csv") == InputSpec(path: "ties.csv"))
    #expect(InputSpec(argument: "edges:net.txt") == InputSpec(path: "net.txt", format: .edges))
    #expect(InputSpec(argument: "ada=exports/a.csv") == InputSpec(path: "exports/a.csv", owner: "ada"))
    #expect(InputSpec(argument: "./dir/x=y.csv") == InputSpec(path: "./dir/x=y.csv"))
    #expect(InputSpec(argument: "C:/x.csv") == InputSpec(path: "C:/x.csv"))
  }
}
