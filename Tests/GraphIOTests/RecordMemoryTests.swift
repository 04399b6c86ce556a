import LiaisonTestSupport
import Testing

@testable import GraphIO

/// A record's buffers grow with its fields and bytes, not with the length of
/// its line: a long unquoted field costs its bytes, as a quoted one does.
@Suite struct RecordMemoryTests {
  @Test func aLongUnquotedFieldReservesItsBytesNotOneSlotPerByte() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let long = String(repeating: "x", count: 4 << 20)
    let wide = (0..<1000).map { "f\($0)" }.joined(separator: ",")
    let text = "a,b,c\n1,\(long),3\n\(wide)\n\(wide)\n\"q\",\"\(long)\",z\n4,5,6\n"
    let path = tmp.write("t.csv", text)
    var csv = try CSVTokenizer(source: ByteSource(path: path))
    var rows: [[String]] = []
    var mostSlots = 0
    while let r = try csv.next() {
      rows.append((0..<r.count).map { r.string($0) ?? "<invalid>" })
      mostSlots = max(mostSlots, csv.record.storage.buffers.ends.count)
    }
    #expect(rows.count == 6)
    #expect(rows[1] == ["1", long, "3"])
    #expect(rows[2].count == 1000 && rows[2][999] == "f999" && rows[3] == rows[2])
    #expect(rows[4] == ["q", long, "z"] && rows[5] == ["4", "5", "6"])
    // Field slots: enough for the widest row (1,000 fields), not 4 M.
    #expect(mostSlots <= 4096, "field slots reserved: \(mostSlots)")
  }
}
