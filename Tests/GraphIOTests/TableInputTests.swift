import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// `s` in UTF-16, little- or big-endian, with or without a byte-order mark.
func utf16Bytes(_ s: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
  var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
  for u in s.utf16 {
    let lo = UInt8(u & 0xFF)
    let hi = UInt8(u >> 8)
    out += littleEndian ? [lo, hi] : [hi, lo]
  }
  return out
}

/// `s` in windows-1252 (every character of `s` must have a windows-1252 byte).
func windows1252Bytes(_ s: String) -> [UInt8] {
  let high: [Unicode.Scalar: UInt8] = ["€": 0x80, "–": 0x96, "’": 0x92, "“": 0x93, "”": 0x94, "Œ": 0x8C, "œ": 0x9C]
  return s.unicodeScalars.map { c in
    if let b = high[c] { return b }
    precondition(c.value < 0x100 && !(0x80..<0xA0).contains(c.value), "not in windows-1252: \(c)")
    return UInt8(c.value)
  }
}

/// Everything a load produced, in a form two loads can be compared by:
/// people (id, name, emails, company, title, location, tags), ties (ids,
/// strength, kind, interactions, dates) and each file's counts and row errors.
func fingerprint(_ loaded: LoadedNetwork) -> [String] {
  let g = loaded.graph
  var out: [String] = []
  for p in 0..<g.personCount {
    let id = PersonID(p)
    let person = [
      g.people.id(of: id), g.people.name(of: id), g.people.emails(of: id).joined(separator: ";"),
      g.people.company(of: id), g.people.title(of: id), g.people.location(of: id),
      g.people.tags(of: id).joined(separator: ";"),
    ]
    out.append("person " + person.joined(separator: "|"))
  }
  for t in 0..<g.tieCount {
    let (a, b) = g.endpoints(ofTie: t)
    let tie = [
      g.people.id(of: a), g.people.id(of: b), "\(g.strength(between: a, and: b) ?? -1)", g.ties.kind(t) ?? "",
      "\(g.ties.interactions(t) ?? -1)", g.ties.since(t)?.iso ?? "",
    ]
    out.append("tie " + tie.joined(separator: "|"))
  }
  for r in loaded.imports {
    out.append("file \(r.format) \(r.rowsRead) \(r.imported) \(r.merged) \(r.rejected) \(r.peopleAdded)")
    for e in r.errors { out.append("error \(e.line) \(e.message)") }
  }
  return out
}

/// People and ties tables (and edge lists) in UTF-16 and windows-1252 load as
/// the same tables in UTF-8 do, their encoding in the import report.
@Suite struct TableEncodingTests {
  let people = """
    id,name,email,company,title,location,tags
    zoe,Zoë Dupont,zoe@example.org,Château Ltd,Directrice générale,Besançon,café;œnologie
    fr,François Château,,“Quoted” & Co,Ingénieur – R&D,Zürich,
    ren,René Müller,rene@example.org,Straße AG,,Köln,€uro

    """
  let ties = """
    source,target,strength,interactions,since,kind
    zoe,fr,0.75,12,2019-05-01,collègue
    fr,ren,0.25,3,2020-01-31,ami
    ren,élodie,,,,
    zoe,ren,1.5,,,
    """

  func loadTables(_ people: [UInt8], _ ties: [UInt8]) throws -> LoadedNetwork {
    let (loaded, _) = try load([("people.csv", people), ("ties.csv", ties)])
    return loaded
  }

  @Test(arguments: [(true, true), (false, true), (true, false), (false, false)])
  func utf16TablesEqualUTF8(littleEndian: Bool, bom: Bool) throws {
    let reference = try loadTables(Array(people.utf8), Array(ties.utf8))
    #expect(reference.imports.map(\.encoding) == ["utf-8", "utf-8"])
    let loaded = try loadTables(
      utf16Bytes(people, littleEndian: littleEndian, bom: bom), utf16Bytes(ties, littleEndian: littleEndian, bom: bom))
    #expect(fingerprint(loaded) == fingerprint(reference))
    let name = littleEndian ? "utf-16le" : "utf-16be"
    #expect(loaded.imports.map(\.encoding) == [name, name])
    #expect(loaded.imports.map(\.format) == ["people", "ties"])
    #expect(person(loaded.graph, "Zoë Dupont") != nil)
  }

  @Test func windows1252TablesEqualUTF8() throws {
    let reference = try loadTables(Array(people.utf8), Array(ties.utf8))
    let loaded = try loadTables(windows1252Bytes(people), windows1252Bytes(ties))
    #expect(fingerprint(loaded) == fingerprint(reference))
    #expect(loaded.imports.allSatisfy { $0.encoding?.hasPrefix("windows-1252 (fallback") == true })
    #expect(person(loaded.graph, "François Château") != nil)
  }

  @Test func utf8WithByteOrderMarkEqualsUTF8() throws {
    let reference = try loadTables(Array(people.utf8), Array(ties.utf8))
    let loaded = try loadTables([0xEF, 0xBB, 0xBF] + Array(people.utf8), [0xEF, 0xBB, 0xBF] + Array(ties.utf8))
    #expect(fingerprint(loaded) == fingerprint(reference))
    #expect(loaded.imports.map(\.encoding) == ["utf-8 (with BOM)", "utf-8 (with BOM)"])
  }

  @Test(arguments: ["utf-16le", "utf-16be", "windows-1252"])
  func edgeListsInOtherEncodings(encoding: String) throws {
    let text = "# edges from Zoë\nzoë élodie 0.5\nélodie rené\n3 4 0.25\n"
    let (reference, _) = try load([("e.txt", Array(text.utf8))])
    let bytes =
      encoding == "windows-1252" ? windows1252Bytes(text) : utf16Bytes(text, littleEndian: encoding == "utf-16le")
    let (loaded, errors) = try load([("e.txt", bytes)])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].format == "edges")
    #expect(loaded.imports[0].encoding?.hasPrefix(encoding) == true)
    #expect(fingerprint(loaded) == fingerprint(reference))
  }

  /// Transcoding streams: a UTF-16 table larger than the reader's chunks, with
  /// a surrogate pair on every row, loads as its UTF-8 twin.
  @Test func largeUTF16TableStreams() throws {
    var text = "source,target,strength\n"
    for i in 0..<60_000 { text += "p\(i)😀,q\(i % 977)é,0.\(i % 9 + 1)\n" }
    let (reference, _) = try load([("t.csv", Array(text.utf8))])
    let (loaded, errors) = try load([("t.csv", utf16Bytes(text, littleEndian: false))])
    #expect(errors.isEmpty)
    #expect(loaded.graph.tieCount == 60_000)
    #expect(fingerprint(loaded) == fingerprint(reference))
  }
}

/// A UTF-16 file with an odd last byte (half a code unit): the byte is
/// reported for the file, and no phantom U+FFFD person appears.
@Suite struct HalfCodeUnitTests {
  /// `bytes` plus `odd` load as `bytes` alone do, with one error for the odd byte.
  func check(_ bytes: [UInt8], odd: UInt8, file: String) throws {
    let (reference, _) = try load([(file, bytes)])
    let (loaded, errors) = try load([(file, bytes + [odd])])
    let graph = { (l: LoadedNetwork) in fingerprint(l).filter { $0.hasPrefix("person ") || $0.hasPrefix("tie ") } }
    #expect(graph(loaded) == graph(reference))
    #expect(
      !(0..<loaded.graph.personCount).contains { loaded.graph.people.name(of: PersonID($0)).contains("\u{FFFD}") })
    #expect(!(0..<loaded.graph.personCount).contains { loaded.graph.people.id(of: PersonID($0)).contains("\u{FFFD}") })
    #expect(loaded.imports[0].rowsRead == reference.imports[0].rowsRead + 1)
    #expect(loaded.imports[0].rejected == reference.imports[0].rejected + 1)
    let halves = errors.filter { $0.message.contains("half a UTF-16 code unit") }
    #expect(halves.count == 1)
    #expect(halves.first?.file.hasSuffix(file) == true)
    #expect(halves.first?.description.hasPrefix(halves.first?.file ?? "?") == true)
    #expect(loaded.imports[0].isConsistent)
    #expect(loaded.imports[0].errors.contains { $0.message.contains("half a UTF-16 code unit") })
  }

  @Test(arguments: [true, false])
  func contactExport(littleEndian: Bool) throws {
    let text = "First Name,Last Name,Primary Email\nJosé,Müller,jose@example.org\nAda,Lovelace,ada@example.org\n"
    try check(utf16Bytes(text, littleEndian: littleEndian), odd: 0x41, file: "c.csv")
  }

  @Test(arguments: [true, false])
  func tiesTable(littleEndian: Bool) throws {
    let text = "source,target\na,b\nb,c\n"
    try check(utf16Bytes(text, littleEndian: littleEndian), odd: 0x0A, file: "t.csv")
  }

  @Test(arguments: [true, false])
  func peopleTableWithoutFinalLineEnd(littleEndian: Bool) throws {
    let text = "id,name\na,Ada\nb,Bob"
    try check(utf16Bytes(text, littleEndian: littleEndian), odd: 0x00, file: "p.csv")
  }

  @Test(arguments: [true, false])
  func edgeList(littleEndian: Bool) throws {
    try check(utf16Bytes("1 2\n2 3\n", littleEndian: littleEndian), odd: 0x33, file: "e.txt")
  }

  @Test(arguments: [true, false])
  func vCard(littleEndian: Bool) throws {
    let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Dupont\nEND:VCARD\n"
    try check(utf16Bytes(text, littleEndian: littleEndian), odd: 0x0A, file: "z.vcf")
  }

  @Test func strictStopsAtTheHalfCodeUnit() {
    let e = loadError([("t.csv", utf16Bytes("source,target\na,b\n", littleEndian: true) + [0x0A])], strict: true)
    #expect(e?.message.contains("half a UTF-16 code unit") == true)
  }

  @Test func evenLengthFilesHaveNoWarning() throws {
    let (_, errors) = try load([("t.csv", utf16Bytes("source,target\na,b\n", littleEndian: true))])
    #expect(errors.isEmpty)
  }
}

/// A header that names a column twice.
@Suite struct RepeatedHeaderTests {
  @Test(arguments: [
    ("source,target,strength,strength\na,b,0.5,0.25\n", "strength", 3, 4, 24),
    ("source,source,target\na,b,c\n", "source", 1, 2, 8),
    ("Source,Target,Last Contact,last_contact\na,b,2024-01-01,2024-02-01\n", "lastcontact", 3, 4, 28),
  ])
  func repeatedTieColumnIsAnError(text: String, name: String, first: Int, second: Int, byteColumn: Int) throws {
    let e = try #require(loadError([("t.csv", Array(text.utf8))]))
    #expect(e.file.hasSuffix("t.csv"))
    #expect(e.line == 1)
    #expect(e.column == byteColumn)
    #expect(e.message == "column \"\(name)\" is in the header twice (columns \(first) and \(second))")
    #expect(e.hints == [.advice("rename or remove one of them")])
  }

  @Test func repeatedPeopleColumnIsAnError() throws {
    let e = try #require(loadError([("p.csv", Array("id,name,email,Email\na,Ada,a@x.org,b@x.org\n".utf8))]))
    #expect(e.line == 1 && e.column == 15)
    #expect(e.message.contains("\"email\" is in the header twice (columns 3 and 4)"))
  }

  @Test func repeatedIgnoredColumnIsAWarning() throws {
    let text = "source,target,note,note\na,b,x,y\n"
    let (loaded, errors) = try load([("t.csv", Array(text.utf8))])
    #expect(errors.isEmpty)
    #expect(loaded.graph.tieCount == 1)
    let warnings = loaded.imports[0].warnings ?? []
    #expect(warnings.count == 1)
    #expect(warnings.first?.line == 1 && warnings.first?.column == 20)
    #expect(warnings.first?.message.contains("\"note\" is in the header twice (columns 3 and 4)") == true)
  }

  @Test func emptyHeaderNamesAreNotRepeats() throws {
    let (loaded, _) = try load([("t.csv", Array("source,target,,\na,b,,\n".utf8))])
    #expect(loaded.graph.tieCount == 1)
    #expect(loaded.imports[0].warnings == nil)
  }
}

/// Strengths and weights too close to 0 to be kept.
@Suite struct TinyStrengthTests {
  @Test(arguments: ["1e-50", "0.0000000000000000000000000000000000000000000000001", "1E-46"])
  func tiesTable(value: String) throws {
    let text = "source,target,strength\na,b,0.5\nb,c,\(value)\n"
    let (loaded, errors) = try load([("t.csv", Array(text.utf8))])
    #expect(loaded.imports[0].rejected == 1)
    let e = try #require(errors.first)
    #expect(e.line == 3 && e.column == 5)
    #expect(e.message.hasPrefix("strength \"\(value)\" is too close to 0"))
    #expect(e.advice == "use a value above 0 and at most 1, or leave it empty")
  }

  @Test func tiesTableWithEvidence() throws {
    let text = "source,target,interactions,strength\na,b,3,0.5\nb,c,4,1e-50\n"
    let (_, errors) = try load([("t.csv", Array(text.utf8))])
    let e = try #require(errors.first)
    #expect(e.line == 3 && e.column == 7)
    #expect(e.message.hasPrefix("strength \"1e-50\" is too close to 0"))
    #expect(e.advice == "use a value above 0 and at most 1, or leave it empty")
  }

  @Test func smallestKeptStrengthIsAccepted() throws {
    let (loaded, errors) = try load([("t.csv", Array("source,target,strength\na,b,1e-44\n".utf8))])
    #expect(errors.isEmpty)
    #expect((loaded.graph.strength(between: 0, and: 1) ?? 0) > 0)
  }

  @Test func edgeListWeight() throws {
    let (_, errors) = try load([("e.txt", Array("1 2 0.5\n2 3 1e-50\n".utf8))])
    let e = try #require(errors.first)
    #expect(e.line == 2 && e.column == 5)
    #expect(e.message.hasPrefix("weight \"1e-50\" is too close to 0"))
  }
}

/// Dates with the right form whose day does not exist.
@Suite struct TableDateTests {
  @Test func dayOutOfRangeForTheMonth() throws {
    let text = "source,target,last_contact\na,b,2024-01-31\nb,c,2024-02-31\nc,d,2023-02-29\nd,e,31/02/2024\n"
    let (_, errors) = try load([("t.csv", Array(text.utf8))])
    #expect(errors.map(\.line) == [3, 4, 5])
    #expect(errors[0].column == 5)
    #expect(
      errors[0].message == "date \"2024-02-31\": day 31 is out of range for the month (February 2024 has 29 days)")
    #expect(
      errors[1].message == "date \"2023-02-29\": day 29 is out of range for the month (February 2023 has 28 days)")
    #expect(errors[2].message == "date \"31/02/2024\": month 31 is out of range (months are 1–12)")
  }

  @Test(arguments: ["2024-2-31x", "yesterday", "2024/02/01", "20240201"])
  func shapeErrorsKeepTheirMessage(value: String) throws {
    let text = "source,target,since\na,b,2024-01-31\nb,c,\(value)\n"
    let (_, errors) = try load([("t.csv", Array(text.utf8))])
    #expect(errors.first?.message == "date \"\(value)\" is not YYYY-MM-DD, DD Mon YYYY or M/D/YY")
  }
}
