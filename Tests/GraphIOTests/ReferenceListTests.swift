import GraphIO
import LiaisonTestSupport
import Testing

/// The one reader of targets lists and pairs files (`ReferenceLists`).
@Suite struct ReferenceListTests {
  @Test func plainTargetsOnePerLine() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // Windows line ends, a BOM, a header word, comments, blank lines; commas stay inside a line.
    let text = "\u{FEFF}company\r\nAcme, Inc.\r\n\r\n# a comment\r\n  Lazega Providence  \r\nmary@example.org\rLast\n"
    let path = tmp.write("targets.txt", text)
    #expect(try ReferenceLists.targets(path: path) == ["Acme, Inc.", "Lazega Providence", "mary@example.org", "Last"])
    #expect(try ReferenceLists.targets(path: tmp.write("empty.txt", "\n\n")) == [])
  }

  @Test func csvTargetsColumn() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let text = "\nnote,Target\nfirst,Globex Clinic\nsecond,\"Acme, Inc.\"\nthird\n,   \nfourth, Initech \n"
    #expect(try ReferenceLists.targets(path: tmp.write("t.csv", text)) == ["Globex Clinic", "Acme, Inc.", "Initech"])
  }

  @Test func utf16Targets() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var bytes: [UInt8] = [0xFF, 0xFE]
    for u in "Nestlé\nSiemens\n".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
    #expect(try ReferenceLists.targets(path: tmp.write("t.txt", bytes: bytes)) == ["Nestlé", "Siemens"])
  }

  @Test func pairsRowsWithLines() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let text = "from,to\n a , d \n\nonly-one\n\"Roe, Jane\",b,extra\r\n"
    let pairs = try ReferenceLists.pairs(path: tmp.write("p.csv", text))
    #expect(pairs.map(\.from) == ["a", "Roe, Jane"] && pairs.map(\.to) == ["d", "b"])
    #expect(pairs.map(\.line) == [2, 5], "lines of the file, blank lines counted")
    let headless = try ReferenceLists.pairs(path: tmp.write("q.csv", "42,7\n"))
    #expect(headless == [ReferenceLists.Pair(from: "42", to: "7", line: 1)])
  }

  @Test func missingFileIsAnImportError() {
    #expect(throws: ImportError.self) { try ReferenceLists.targets(path: "/nonexistent/targets.txt") }
    #expect(throws: ImportError.self) { try ReferenceLists.pairs(path: "/nonexistent/pairs.csv") }
  }
}
