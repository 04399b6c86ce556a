import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// MARK: Helpers

/// Everything one parse produced.
struct VCardParse {
  var items: [VCardItem] = []
  var versions: [String: Int] = [:]
  var problems: [VCardProblem] = []
  var peak = 0

  /// The usable cards.
  var cards: [ContactRecord] {
    items.compactMap { if case .card(let r, _) = $0 { return r } else { return nil } }
  }
  /// Every card's warnings, in order.
  var warnings: [VCardProblem] {
    items.flatMap { item -> [VCardProblem] in if case .card(_, let w) = item { return w } else { return [] } }
  }
  /// The rejected cards as (line, column, reason).
  var rejected: [(Int, Int, String)] {
    items.compactMap { if case .rejected(let l, let c, let r) = $0 { return (l, c, r) } else { return nil } }
  }
}

/// Parses `bytes` from memory (or a temporary file when `viaFile`).
func parseVCard(_ bytes: [UInt8], viaFile: Bool = false, text: Bool = false) throws -> VCardParse {
  let source: ByteSource
  var tmp: TempFolder?
  if viaFile {
    let folder = TempFolder()
    tmp = folder
    source = try ByteSource(path: folder.write("t.vcf", bytes: bytes), text: text)
  } else {
    source = ByteSource(bytes: bytes, path: "t.vcf", text: text)
  }
  defer { tmp?.cleanUp() }
  var parser = try VCardParser(source: source, file: "t.vcf")
  var out = VCardParse()
  var guardCount = 0
  while let item = try parser.next() {
    out.items.append(item)
    guardCount += 1
    // Every item consumes at least one line, so more items than bytes means a loop.
    if guardCount > bytes.count + 1 {
      Issue.record("next() does not terminate")
      break
    }
  }
  #expect(try parser.next() == nil, "next() after the end stays nil")
  out.versions = parser.versions
  out.problems = parser.problems
  out.peak = parser.peakBufferedBytes
  return out
}

func parseVCard(_ text: String) throws -> VCardParse { try parseVCard(Array(text.utf8)) }

/// Lines joined with CRLF (the common vCard line end), ending with one.
func crlf(_ lines: String...) -> String { lines.joined(separator: "\r\n") + "\r\n" }

// MARK: Syntax

@Suite struct VCardParserTests {
  @Test func beginEndInAnyCaseAndBlankLinesBetweenCards() throws {
    let text = crlf(
      "", "begin:vcard", "version:3.0", "fn:Ada Lovelace", "end:vcard", "", "", "BEGIN:vCard", "VERSION:3.0",
      "FN:Grace Hopper", "End:VCard", "")
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["Ada Lovelace", "Grace Hopper"])
    #expect(p.cards.map(\.line) == [2, 8])
    #expect(p.versions == ["3.0": 2])
    #expect(p.problems.isEmpty)
  }

  @Test(arguments: ["\r\n", "\n", "\r"])
  func everyLineEndCountsLinesTheSame(end: String) throws {
    let text = [
      "BEGIN:VCARD", "VERSION:3.0", "FN:A", "EMAIL:a@x.org", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0",
      "FN:B", "EMAIL;FOO=\"unclosed:b@x.org", "END:VCARD",
    ].joined(separator: end)  // no final line end
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["A", "B"])
    #expect(p.cards.map(\.line) == [1, 6])
    #expect(p.cards[0].emails == ["a@x.org"])
    #expect(p.cards[1].emails == ["b@x.org"], "a stray quote does not hide the colon")
  }

  @Test func utf8ByteOrderMarkIsSkipped() throws {
    let p = try parseVCard([0xEF, 0xBB, 0xBF] + Array(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Zoë", "END:VCARD").utf8))
    #expect(p.cards.map(\.fullName) == ["Zoë"])
    #expect(p.problems.isEmpty)
  }

  @Test func unfoldingRemovesTheLineEndAndExactlyOneWhitespace() throws {
    // Folds split words ("floo r"); a tab folds too; a second space is content.
    let text = crlf(
      "BEGIN:VCARD", "VERSION:3.0", "FN:Wolfgang Ama", " deus Mozart", "TITLE:Second floo", "\tr", "NOTE:two",
      "  spaces",
      "EMAIL;TYPE=wo", " rk:wam@example", " .org", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.fullName == "Wolfgang Amadeus Mozart")
    #expect(r.title == "Second floor")
    #expect(r.notes == "two spaces")
    #expect(r.emails == ["wam@example.org"])
  }

  @Test func versionMayComeLastAndStillDecidesTheEscapes() throws {
    // Old Thunderbird writes VERSION last: the escapes must follow it, not a guess.
    let v30 = crlf("BEGIN:VCARD", "ORG:Smith\\, Jones\\; Partners;Tax", "FN:A\\, B", "VERSION:3.0", "END:VCARD")
    let v21 = crlf("BEGIN:VCARD", "ORG:Company, The;TheDepartment", "FN:C\\nD", "VERSION:2.1", "END:VCARD")
    let p = try parseVCard(v30 + v21)
    #expect(p.cards.count == 2)
    #expect(p.cards[0].companies == ["Smith, Jones; Partners"])
    #expect(p.cards[0].department == "Tax")
    #expect(p.cards[0].fullName == "A, B")
    #expect(p.cards[1].companies == ["Company, The"])
    #expect(p.cards[1].department == "TheDepartment")
    #expect(p.cards[1].fullName == "C\\nD", "2.1 has no \\n escape")
    #expect(p.versions == ["3.0": 1, "2.1": 1])
  }

  @Test func escapesOf30And40() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:4.0", "FN:Back\\\\slash\\, comma\\; semi", "NOTE:line1\\nline2\\Nline3",
      "URL:http\\://example.org/a\\,b", "ORG:Dept\\;Store;Unit", "TITLE:C:\\temp stays", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.fullName == "Back\\slash, comma; semi")
    #expect(r.notes == "line1\nline2\nline3")
    #expect(r.urls == ["http://example.org/a,b"])
    #expect(r.companies == ["Dept;Store"])
    #expect(r.department == "Unit")
    #expect(r.title == "C:\\temp stays", "an unknown escape is kept as written")
  }

  @Test func escapesOf21KeepCommasAndBackslashes() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "N:O\\;Brien;Pat", "ORG:Company, The;TheDepartment", "NOTE:C:\\new\\dir",
      "CATEGORIES:Friends,Work;VIP", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.familyName == "O;Brien")
    #expect(r.givenName == "Pat")
    #expect(r.companies == ["Company, The"])
    #expect(r.notes == "C:\\new\\dir")
    #expect(r.labels == ["Friends", "Work", "VIP"])
  }

  @Test func quotedPrintableWithSoftLineBreaksAndCharset() throws {
    // Android 2.1: UTF-8 bytes QP-encoded, soft breaks (= at line end, next line NOT indented).
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;",
      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=", "ller",
      "NOTE;QUOTED-PRINTABLE:first=0D=0Asecond=", "=3D third", "ORG;QUOTED-PRINTABLE:A=3BB;Unit", "END:VCARD")
    let p = try parseVCard(text)
    let r = try #require(p.cards.first)
    #expect(r.familyName == "Müller")
    #expect(r.givenName == "Jörg")
    #expect(r.fullName == "Jörg Müller")
    #expect(r.notes == "first\r\nsecond= third")
    #expect(r.companies == ["A;B"], "=3B is a literal semicolon, not a separator")
    #expect(r.department == "Unit")
    #expect(p.warnings.isEmpty)
  }

  @Test func quotedPrintableSoftBreakNeverSwallowsEndVCard() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "FN:A", "NOTE;ENCODING=QUOTED-PRINTABLE:dangling=", "END:VCARD", "BEGIN:VCARD",
      "FN:B", "END:VCARD")
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["A", "B"])
    #expect(p.cards[0].notes == "dangling")
  }

  @Test func charsetsLatin1Windows1252AndUnknown() throws {
    var bytes = Array(crlf("BEGIN:VCARD", "VERSION:2.1").utf8)
    bytes += Array("FN;CHARSET=ISO-8859-1:Zo".utf8) + [0xEB] + Array("\r\n".utf8)
    bytes += Array("NOTE;CHARSET=windows-1252:".utf8) + [0x80, 0x20, 0x93, 0x71, 0x94] + Array("\r\n".utf8)
    bytes += Array("TITLE;CHARSET=latin1;ENCODING=QUOTED-PRINTABLE:Caf=E9".utf8) + Array("\r\n".utf8)
    bytes += Array("ORG;CHARSET=KOI8-R:Acme\r\n".utf8)
    bytes += Array(crlf("END:VCARD", "BEGIN:VCARD", "VERSION:3.0").utf8)
    bytes += Array("FN;CHARSET=ISO-8859-1:Ren".utf8) + [0xE9] + Array("\r\nEND:VCARD\r\n".utf8)
    let p = try parseVCard(bytes)
    #expect(p.cards.count == 2)
    let r = p.cards[0]
    #expect(r.fullName == "Zoë")
    #expect(r.notes == "€ \u{201C}q\u{201D}")
    #expect(r.title == "Café")
    #expect(r.companies == ["Acme"])
    #expect(p.warnings.contains { $0.message.contains("unknown CHARSET=KOI8-R") && $0.line == 6 })
    #expect(p.cards[1].fullName == "René", "CHARSET also works in 3.0")
  }

  @Test func invalidUTF8WithoutCharsetIsWindows1252AndReportedWhereTheValueStarts() throws {
    var bytes = Array(crlf("BEGIN:VCARD", "VERSION:3.0").utf8)
    bytes += Array("FN:Bad ".utf8) + [0xFF, 0xC3] + Array(" name\r\n".utf8)
    bytes += Array("EMAIL:ok@example.org\r\nEND:VCARD\r\n".utf8)
    let p = try parseVCard(bytes)
    let r = try #require(p.cards.first)
    #expect(r.fullName == "Bad ÿÃ name")
    #expect(r.emails == ["ok@example.org"])
    #expect(
      p.warnings == [
        VCardProblem(line: 3, column: 4, message: "FN has no CHARSET and is not valid UTF-8; read as windows-1252")
      ])
  }

  @Test func quotedPrintableWithoutCharset() throws {
    let utf8 = try parseVCard(
      crlf("BEGIN:VCARD", "VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=C5=84ski", "END:VCARD"))
    #expect(utf8.cards.first?.fullName == "Piotr Iksiński" && utf8.warnings.isEmpty)
    let cp1252 = try parseVCard(
      crlf("BEGIN:VCARD", "VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:Jos=E9 P=E9rez", "END:VCARD"))
    #expect(cp1252.cards.first?.fullName == "José Pérez")
    #expect(cp1252.warnings.map(\.message) == ["FN has no CHARSET and is not valid UTF-8; read as windows-1252"])
    #expect(cp1252.cards.first?.fullName.unicodeScalars.contains("\u{FFFD}") == false)
  }

  // MARK: Parameters and groups

  @Test func parameterStylesOfEveryVersion() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "FN:Bare", "TEL;WORK;VOICE:111", "EMAIL;INTERNET:second@x.org",
      "EMAIL;PREF;INTERNET:first@x.org", "END:VCARD",
      "BEGIN:VCARD", "VERSION:3.0", "FN:Typed", "EMAIL;TYPE=INTERNET:b@x.org", "EMAIL;type=INTERNET;type=pref:a@x.org",
      "EMAIL;TYPE=WORK,PREF:c@x.org", "END:VCARD",
      "BEGIN:VCARD", "VERSION:4.0", "FN:Quoted", "EMAIL;TYPE=\"work,voice\":w@x.org", "EMAIL;PREF=2:p2@x.org",
      "EMAIL;PREF=1:p1@x.org", "TEL;VALUE=uri;PREF=1;TYPE=\"voice,home\":tel:+1-555-555-5555;ext=5555",
      "EMAIL;VALUE=uri:mailto:m@x.org", "END:VCARD")
    let p = try parseVCard(text)
    #expect(p.cards.count == 3)
    #expect(p.cards[0].phones == ["111"])
    #expect(p.cards[0].emails == ["first@x.org", "second@x.org"])
    #expect(p.cards[1].emails == ["a@x.org", "c@x.org", "b@x.org"])
    #expect(p.cards[2].emails == ["p1@x.org", "p2@x.org", "w@x.org", "m@x.org"])
    #expect(p.cards[2].phones == ["+1-555-555-5555;ext=5555"])
  }

  @Test func groupsArePeeledAndAppleLabelsIgnored() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:3.0", "FN:Grouped", "item1.EMAIL;type=INTERNET:g@x.org",
      "item1.X-ABLabel:_$!<Other>!$_", "item2.URL:http\\://example.org", "ITEM2.x-ablabel:_$!<HomePage>!$_",
      "item3.X-ABRELATEDNAMES:Someone", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.emails == ["g@x.org"])
    #expect(r.urls == ["http://example.org"])
    #expect(r.related.isEmpty)
  }

  @Test func propertyNamesAreCaseInsensitive() throws {
    let text = crlf("begin:vcard", "fn:lower", "Email;Type=work:l@x.org", "oRg:Acme", "version:2.1", "end:vcard")
    let r = try #require(try parseVCard(text).cards.first)
    #expect((r.fullName, r.emails, r.companies) == ("lower", ["l@x.org"], ["Acme"]))
  }

  // MARK: Mapping

  @Test func everyMappedProperty() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:4.0", "UID:urn:uuid:1234", "FN:Dr. Ada King", "N:King;Ada;Augusta,Byron;Dr.;PhD,FRS",
      "NICKNAME:Ada,Countess", "ORG:Analytical Engines;Research;Mill", "ORG:Royal Society",
      "ROLE:Mathematician", "URL:https://example.org/ada", "URL:https://www.linkedin.com/in/adaking",
      "X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/ada-two", "X-SOCIALPROFILE;type=twitter:https://x.com/ada",
      "TEL;VALUE=uri:tel:+44-20-1234", "TEL:+44 20 5678", "CATEGORIES:Friends,Math\\, Science,Friends",
      "RELATED;TYPE=friend:urn:uuid:5678", "RELATED;VALUE=text:Charles Babbage", "BDAY:--1210", "NOTE:first",
      "NOTE:second", "END:VCARD")
    let p = try parseVCard(text)
    let r = try #require(p.cards.first)
    #expect(r.uid == "urn:uuid:1234")
    #expect(r.fullName == "Dr. Ada King")
    #expect(
      [r.familyName, r.givenName, r.middleName, r.namePrefix, r.nameSuffix]
        == ["King", "Ada", "Augusta Byron", "Dr.", "PhD, FRS"])
    #expect(r.nickname == "Ada, Countess")
    #expect(r.companies == ["Analytical Engines", "Royal Society"])
    #expect(r.department == "Research, Mill")
    #expect(r.title == "Mathematician", "ROLE stands in for a missing TITLE")
    #expect(
      r.urls == ["https://www.linkedin.com/in/adaking", "https://linkedin.com/in/ada-two", "https://example.org/ada"])
    #expect(r.phones == ["+44-20-1234", "+44 20 5678"])
    #expect(r.labels == ["Friends", "Math, Science"])
    #expect(r.related == ["urn:uuid:5678", "Charles Babbage"])
    #expect(r.birthday == "--1210")
    #expect(r.notes == "first\nsecond")
    #expect(p.warnings.isEmpty)
  }

  @Test func titleWinsOverRoleAndTwoComponentN() throws {
    let text = crlf("BEGIN:VCARD", "VERSION:3.0", "ROLE:Role", "TITLE:Title", "N:Doe;Jane", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.title == "Title")
    #expect((r.familyName, r.givenName, r.middleName) == ("Doe", "Jane", ""))
  }

  @Test func emptyFNLeavesFullNameEmptyAndDisplayNameUsesTheParts() throws {
    let text = crlf("BEGIN:VCARD", "VERSION:3.0", "FN:", "N:Curie;Marie;;Mme;", "END:VCARD")
    let r = try #require(try parseVCard(text).cards.first)
    #expect(r.fullName == "")
    #expect(r.displayName == "Mme Marie Curie")
  }

  @Test func hostileTextIsKeptAsData() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:3.0", "FN:<script>alert(\"x\")</script>", "N:\"Quoted\";O'Neil\\nNew line;;;",
      "ORG:</svg><svg onload=alert(1)>;'; DROP TABLE people;--", "EMAIL:\"evil\"@example.org",
      "NOTE:=cmd|' /C calc'!A0", "END:VCARD")
    let p = try parseVCard(text)
    let r = try #require(p.cards.first)
    #expect(r.fullName == "<script>alert(\"x\")</script>")
    #expect(r.familyName == "\"Quoted\"")
    #expect(r.givenName == "O'Neil\nNew line")
    #expect(r.companies == ["</svg><svg onload=alert(1)>"])
    #expect(r.department == "', DROP TABLE people, --")
    #expect(r.emails == ["\"evil\"@example.org"])
    #expect(r.notes == "=cmd|' /C calc'!A0")
  }

  // MARK: Rejections and problems

  @Test func truncatedFileRejectsTheLastCardAtItsBegin() throws {
    let text =
      crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Whole", "END:VCARD", "", "BEGIN:VCARD", "VERSION:3.0") + "FN:Cut of"
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["Whole"])
    #expect(p.rejected.count == 1)
    #expect(p.rejected.first?.0 == 6)
    #expect(p.rejected.first?.1 == 1)
    #expect(p.rejected.first?.2 == "the file ends inside this card (truncated?)")
    #expect(p.versions == ["3.0": 2])
  }

  @Test func aCardNamingNobodyIsRejected() throws {
    let text = crlf("BEGIN:VCARD", "VERSION:3.0", "REV:2020-01-01", "PHOTO;VALUE=uri:http://x/p.jpg", "END:VCARD")
    let p = try parseVCard(text)
    #expect(p.cards.isEmpty)
    #expect(p.rejected.map(\.0) == [1])
    #expect(p.rejected.first?.2.contains("names nobody") == true)
  }

  @Test func aMissingEndIsRejectedAndTheNextCardStillReads() throws {
    let text = crlf("BEGIN:VCARD", "FN:No end", "BEGIN:VCARD", "FN:Next", "END:VCARD")
    let p = try parseVCard(text)
    #expect(p.rejected.map(\.0) == [1])
    #expect(p.rejected.first?.2.contains("line 3") == true)
    #expect(p.cards.map(\.fullName) == ["Next"])
    #expect(p.cards.first?.line == 3)
  }

  @Test func embeddedAgentCardIsSkipped() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD", "VERSION:2.1", "FN:Secretary", "END:VCARD",
      "EMAIL:boss@x.org", "END:VCARD")
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["Boss"])
    #expect(p.cards.first?.emails == ["boss@x.org"])
    #expect(p.warnings.map(\.line) == [5])
  }

  @Test func textOutsideCardsAndNonPropertiesAreReported() throws {
    let text = crlf(
      "garbage before", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "FN:Kept", "this line has no colon", "END:VCARD",
      "trailing: junk")
    let p = try parseVCard(text)
    #expect(p.cards.map(\.fullName) == ["Kept"])
    #expect(p.problems.map(\.line) == [1, 2, 8])
    #expect(p.problems[1].message.contains("END:VCARD without"))
    #expect(p.warnings == [VCardProblem(line: 6, column: 1, message: "not a property (no ':'); ignored")])
  }

  @Test func versionsAreCounted() throws {
    let text = crlf(
      "BEGIN:VCARD", "VERSION:2.1", "FN:a", "END:VCARD", "BEGIN:VCARD", "VERSION:4.0", "FN:b", "END:VCARD",
      "BEGIN:VCARD", "FN:c", "END:VCARD", "BEGIN:VCARD", "VERSION:9.9", "FN:d", "END:VCARD", "BEGIN:VCARD",
      "VERSION: 3.0 ", "FN:e", "END:VCARD")
    #expect(try parseVCard(text).versions == ["2.1": 1, "4.0": 1, "unknown": 2, "3.0": 1])
  }

  // MARK: Memory

  /// A 10 MB photo in each of the writers' forms is streamed past, never held.
  @Test(arguments: ["3.0-b-folded", "2.1-base64-block", "4.0-data-uri", "one-huge-line"])
  func tenMegabytePhotoIsNeverHeld(form: String) throws {
    let b64 = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3".utf8)
    let lines = 10_000_000 / b64.count
    var bytes = Array(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Before").utf8)
    switch form {
    case "3.0-b-folded":
      bytes += Array("PHOTO;ENCODING=b;TYPE=JPEG:".utf8)
      for _ in 0..<lines { bytes += b64 + [0x0D, 0x0A, 0x20] }
    case "2.1-base64-block":
      bytes += Array("PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n".utf8)
      for i in 0..<lines { bytes += (i % 2 == 0 ? [0x20, 0x20] : []) + b64 + [0x0D, 0x0A] }
    case "4.0-data-uri":
      bytes += Array("PHOTO:data:image/jpeg;base64,".utf8)
      for _ in 0..<lines { bytes += b64 + [0x0A, 0x09] }
    default:
      bytes += Array("LOGO;BASE64:".utf8)
      for _ in 0..<lines { bytes += b64 }
    }
    bytes += Array("\r\n\r\n".utf8) + Array(crlf("EMAIL:after@x.org", "END:VCARD").utf8)
    #expect(bytes.count > 10_000_000)
    let p = try parseVCard(bytes, viaFile: true)
    #expect(p.cards.map(\.fullName) == ["Before"])
    #expect(p.cards.first?.emails == ["after@x.org"])
    #expect(p.warnings.isEmpty)
    #expect(p.peak < 200_000, "peak buffered \(p.peak) bytes for a \(bytes.count)-byte photo")
  }

  @Test func tenMegabyteNoteIsTruncatedWithAWarning() throws {
    var bytes = Array(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Verbose").utf8)
    bytes += Array("NOTE:".utf8)
    let chunk = Array("All work and no play makes Jack a dull boy; ".utf8)
    for _ in 0..<(10_000_000 / chunk.count) { bytes += chunk }
    bytes += Array("\r\n".utf8) + Array(crlf("EMAIL:jack@x.org", "END:VCARD").utf8)
    let p = try parseVCard(bytes, viaFile: true)
    let r = try #require(p.cards.first)
    #expect(r.emails == ["jack@x.org"])
    #expect(r.notes.utf8.count <= VCardParser.maxValueBytes)
    #expect(r.notes.utf8.count > VCardParser.maxValueBytes - 64)
    #expect(r.notes.hasPrefix("All work and no play"))
    #expect(p.warnings.count == 1)
    #expect(p.warnings.first?.line == 4)
    #expect(p.warnings.first?.column == 6)
    #expect(p.warnings.first?.message.contains("NOTE is 9") == true)
    #expect(p.peak < VCardParser.maxValueBytes + 300_000, "peak \(p.peak)")
  }

  @Test func aCardIsCappedInTotal() throws {
    var text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many notes\r\n"
    let note = "NOTE:" + String(repeating: "x", count: 900_000) + "\r\n"
    for _ in 0..<6 { text += note }
    text += "EMAIL:late@x.org\r\nEND:VCARD\r\n"
    let p = try parseVCard(text)
    let r = try #require(p.cards.first)
    #expect(r.emails.isEmpty, "the card's budget is spent: EMAIL is dropped too")
    #expect(p.warnings.contains { $0.message.contains("dropped") && $0.line == 10 })
    #expect(p.peak < VCardParser.maxCardBytes + 300_000)
  }

  /// Line ends and folds that straddle the reader's 64 KiB chunks.
  @Test func chunkBoundariesChangeNothing() throws {
    for pad in 65_440..<65_545 {
      let text = crlf(
        "BEGIN:VCARD", "VERSION:3.0", "NOTE:" + String(repeating: "n", count: pad - 28), "FN:Edge",
        " case", "EMAIL;QUOTED-PRINTABLE:e=", "@x.org", "END:VCARD")
      let p = try parseVCard(text)
      #expect(p.cards.map(\.fullName) == ["Edgecase"], "pad \(pad)")
      #expect(p.cards.first?.emails == ["e@x.org"], "pad \(pad)")
      #expect(p.cards.first?.line == 1)
    }
  }

  // MARK: Robustness

  /// Random bytes (biased towards vCard syntax) never crash or hang. Seed named per case.
  @Test(arguments: [UInt64(0x5EED_0001), 0x5EED_0002, 0x5EED_0003])
  func randomBytesNeverCrash(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let tokens: [[UInt8]] = [
      "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "FN:", "N:", ";", ":", ",", "\\", "\\n", "=", "=0D",
      "=C3=", "\r\n", "\n", "\r", " ", "\t", "\"", "ENCODING=QUOTED-PRINTABLE", "CHARSET=", "PHOTO;ENCODING=b:",
      "item1.", "EMAIL;TYPE=", "AGENT:", "ORG:", "\u{FEFF}", "é",
    ].map { Array($0.utf8) }
    for round in 0..<300 {
      var bytes: [UInt8] = []
      let length = rng.nextInt(below: 2000)
      while bytes.count < length {
        if rng.chance(0.5) {
          bytes += tokens[rng.nextInt(below: tokens.count)]
        } else {
          bytes.append(UInt8(truncatingIfNeeded: rng.next()))
        }
      }
      let p = try parseVCard(bytes)
      let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
      for (l, c, _) in p.rejected { #expect(l >= 1 && l <= lineCount && c >= 1, "seed \(seed) round \(round)") }
      for w in p.warnings + p.problems { #expect(w.line >= 1 && w.line <= lineCount, "seed \(seed) round \(round)") }
    }
  }
}

// MARK: Real files

/// What a real file must yield: per card, the name, emails and companies.
struct VCardExpectation: Sendable, CustomStringConvertible {
  var file: String
  var cards: [(name: String, emails: [String], companies: [String])]
  var rejected = 0
  var versions: [String: Int]
  var description: String { file }
}

extension VCardExpectation {
  init(_ file: String, _ versions: [String: Int], _ cards: [(String, [String], [String])], rejected: Int = 0) {
    self.file = file
    self.versions = versions
    self.cards = cards.map { (name: $0.0, emails: $0.1, companies: $0.2) }
    self.rejected = rejected
  }
}

let ezvcard = "datasets/real/contacts-vcard-ezvcard/"
let nodevcf = "datasets/real/contacts-vcard-nodevcf/"
let roundcube = "datasets/real/contacts-roundcube/"
let n4 = String(repeating: "Ñ", count: 4)

/// Expectations written from reading each file (see each folder's SOURCE.md).
let realVCardFiles: [VCardExpectation] = [
  .init(
    ezvcard + "John_Doe_ANDROID.vcf", ["2.1": 6],
    [
      ("john.doe@company.com", ["john.doe@company.com"], []),
      ("jane.doe@company.com", ["jane.doe@company.com"], []),
      ("Ñ Ñ Ñ Ñ Ñ", [], []),
      ("Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", [], []),
      ("Ñ Ñ Ñ Ñ", ["bob@company.com", String(repeating: "Ñ", count: 14)], [String(repeating: "Ñ", count: 12)]),
      (n4, ["henry@company.com"], [String(repeating: "Ñ", count: 44), String(repeating: "Ñ", count: 44) + "\u{FFFD}"]),
    ]),
  .init(ezvcard + "John_Doe_BLACK_BERRY.vcf", ["2.1": 1], [("John Doe", [], ["Acme Solutions"])]),
  .init(
    ezvcard + "John_Doe_EVOLUTION.vcf", ["3.0": 1], [("Mr. John Richter, James Doe Sr.", ["john.doe@ibm.com"], ["IBM"])]
  ),
  .init(
    ezvcard + "John_Doe_GMAIL.vcf", ["3.0": 1], [("Mr. John Richter, James Doe Sr.", ["john.doe@ibm.com"], ["IBM"])]),
  .init(
    ezvcard + "John_Doe_IPHONE.vcf", ["3.0": 1], [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.com"], ["IBM"])]),
  .init(
    ezvcard + "John_Doe_LOTUS_NOTES.vcf", ["3.0": 1],
    [
      ("Mr. Doe John I Johny", ["john.doe@ibm.com", "billy_bob@gmail.com"], ["IBM"])
    ]),
  .init(
    ezvcard + "John_Doe_MAC_ADDRESS_BOOK.vcf", ["3.0": 1],
    [("Mr. John Richter,James Doe Sr.", ["john.doe@ibm.com"], ["IBM"])]),
  .init(
    ezvcard + "John_Doe_MS_OUTLOOK.vcf", ["2.1": 1], [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.cm"], ["IBM"])]),
  .init(
    ezvcard + "fullcontact.vcf", ["4.0": 1],
    [
      (
        "Prefix FirstName MiddleName LastName Suffix",
        ["home@example.com", "work@example.com", "school@example.com", "other@example.com", "custom@example.com"],
        ["Organization1", "Organization2"]
      )
    ]),
  .init(
    ezvcard + "gmail-list.vcf", ["3.0": 3],
    [
      ("Arnold Smith", ["asmithk@gmail.com"], []), ("Chris Beatle", ["chrisy55d@yahoo.com"], []),
      ("Doug White", ["dwhite@gmail.com"], []),
    ]),
  .init(ezvcard + "gmail-single.vcf", ["3.0": 1], [("Greg Dartmouth", ["gdartmouth@hotmail.com"], ["TheCompany"])]),
  .init(
    ezvcard + "gmail-single2.vcf", ["3.0": 1],
    [
      (
        "VCard Test",
        [
          "email@example.com", "homeemail@example.com", "workemail@example.com", "otheremail@example.com",
          "customcategory@example.com",
        ],
        ["TheCompany"]
      )
    ]),
  .init(ezvcard + "outlook-2003.vcf", ["2.1": 1], [("John Doe III", ["jdoe@hotmail.com"], ["Company, The"])]),
  .init(
    ezvcard + "outlook-2007.vcf", ["2.1": 1],
    [("Mr. Michael Angstadt Jr.", ["mike.angstadt@gmail.com"], ["TheCompany"])]),
  .init(
    ezvcard + "rfc2426-example.vcf", ["3.0": 2],
    [
      ("Frank Dawson", ["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"], ["Lotus Development Corporation"]),
      ("Tim Howes", ["howes@netscape.com"], ["Netscape Communications Corp."]),
    ]),
  .init(
    ezvcard + "rfc6350-example.vcf", ["4.0": 1], [("Simon Perreault", ["simon.perreault@viagenie.ca"], ["Viagenie"])]),
  .init(
    ezvcard + "thunderbird-MoreFunctionsForAddressBook-extension.vcf", ["3.0": 1],
    [
      (
        "John Doe",
        [
          "doe.john@hotmail.com", "additional-email@company.com", "additional-email1@company.com",
          "additional-email2@company.com", "additional-email3@company.com",
        ],
        ["TheOrganization"]
      )
    ]),
  .init(nodevcf + "empty-lines.vcf", ["3.0": 1], [("Dr. Erika Mustermann", ["erika@mustermann.de"], ["Wikimedia"])]),
  .init(
    nodevcf + "multiple.vcf", ["4.0": 1, "2.1": 1, "3.0": 1],
    Array(repeating: ("Dr. Erika Mustermann", ["erika@mustermann.de"], ["Wikimedia"]), count: 3)),
  .init(nodevcf + "photo-base64.vcf", ["4.0": 1], [], rejected: 1),
  .init(nodevcf + "quoted-list.vcf", ["4.0": 1], [("", [], [])]),
  .init(
    nodevcf + "vcard-2.1.vcf", ["2.1": 1], [("Forrest Gump", ["forrestgump@example.com"], ["Bubba Gump Shrimp Co."])]),
  .init(
    nodevcf + "vcard-3.0.vcf", ["3.0": 1], [("Forrest Gump", ["forrestgump@example.com"], ["Bubba Gump Shrimp Co."])]),
  .init(
    nodevcf + "vcard-4.0.vcf", ["4.0": 1], [("Forrest Gump", ["forrestgump@example.com"], ["Bubba Gump Shrimp Co."])]),
  .init(nodevcf + "xing.vcf", ["2.1": 1], [("Hans-Peter Mustermann", [], ["Example GmbH"])]),
  .init(roundcube + "vcard/apple.vcf", ["3.0": 1], [("Apple Computer AG", [], ["Apple Computer AG"])]),
  .init(
    roundcube + "vcard/johndoe.vcf", ["2.1": 1],
    [("John Doë", ["roundcube@gmail.com", "inbox@roundcube.net"], ["roundcube.net"])]),
  .init(roundcube + "vcard/photo.vcf", ["3.0": 1], [("Apple Computer AG", [], ["Apple Computer AG"])]),
  .init(roundcube + "vcard/thebat.vcf", ["2.1": 1], [("Piotr Iksiñski", ["piotr.iksinski@somedomain.com"], [])]),
  .init(roundcube + "vcard/utf-16_sample.vcf", ["3.0": 1], [("Ǽgean ĽdaMonté", [], [])]),
  .init(
    roundcube + "Csv2vcard/all.vcf", ["3.0": 1],
    [
      ("Display Name", ["home@example.com", "work@example.com", "other@example.com"], ["Company"])
    ]),
  .init(
    roundcube + "Csv2vcard/email.vcf", ["3.0": 4],
    (1...4).map { ("test\($0)@domain.tld", ["test\($0)@domain.tld"], []) }),
  .init(
    roundcube + "Csv2vcard/gmail.vcf", ["3.0": 1],
    [
      (
        "Prefix Firstname Middle Lastname Suffix",
        ["home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"],
        ["company"]
      )
    ]),
  .init(
    roundcube + "Csv2vcard/outlook.vcf", ["3.0": 1],
    [
      ("test1@domain.tld", ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"], [])
    ]),
  .init(
    roundcube + "Csv2vcard/tb_plain.vcf", ["3.0": 1],
    [("Displayname", ["test@domain.tld", "next@domain.tld"], ["Organization"])]),
]

/// The real vCards (skipped, with a note, when the real-data folder is absent).
@Suite struct VCardRealFileTests {
  /// Parses a shared file as the importer would (ByteSource in text mode: UTF-16 and cp1252 arrive as UTF-8).
  func parseShared(_ relative: String) throws -> VCardParse? {
    guard let path = SharedData.path(relative) else { return nil }
    let source = try ByteSource(path: path, text: true, folded: true)
    var parser = try VCardParser(source: source, file: path)
    var out = VCardParse()
    while let item = try parser.next() { out.items.append(item) }
    out.versions = parser.versions
    out.problems = parser.problems
    out.peak = parser.peakBufferedBytes
    return out
  }

  @Test(arguments: realVCardFiles)
  func namesEmailsAndCompanies(_ e: VCardExpectation) throws {
    guard let p = try parseShared(e.file) else {
      print("note: real-data file \(e.file) is absent; skipping")
      return
    }
    #expect(p.cards.count == e.cards.count, "\(e.file)")
    #expect(p.rejected.count == e.rejected, "\(e.file)")
    #expect(p.versions == e.versions, "\(e.file)")
    #expect(p.problems.isEmpty, "\(e.file): \(p.problems)")
    for (r, want) in zip(p.cards, e.cards) {
      #expect(r.displayName == want.name, "\(e.file) line \(r.line)")
      #expect(r.emails == want.emails, "\(e.file) line \(r.line)")
      #expect(r.companies == want.companies, "\(e.file) line \(r.line)")
    }
  }

  /// Every file of the four folders has an expectation above (a new file fails here).
  @Test func everySharedVCardIsCovered() throws {
    let covered = Set(realVCardFiles.map(\.file))
    var missing: [String] = []
    for folder in [ezvcard, nodevcf, roundcube + "vcard/", roundcube + "Csv2vcard/"] {
      guard let path = SharedData.path(folder) else {
        print("note: real-data folder \(folder) is absent; skipping")
        return
      }
      for name in listFolder(path) where name.hasSuffix(".vcf") && !covered.contains(folder + name) {
        missing.append(folder + name)
      }
    }
    #expect(missing.isEmpty)
  }

  @Test func detailsOfSelectedFiles() throws {
    guard let evolution = try parseShared(ezvcard + "John_Doe_EVOLUTION.vcf"),
      let outlook = try parseShared(ezvcard + "outlook-2003.vcf"),
      let rfc6350 = try parseShared(ezvcard + "rfc6350-example.vcf"),
      let lotus = try parseShared(ezvcard + "John_Doe_LOTUS_NOTES.vcf"),
      let android = try parseShared(ezvcard + "John_Doe_ANDROID.vcf"),
      let thebat = try parseShared(roundcube + "vcard/thebat.vcf"),
      let iphone = try parseShared(ezvcard + "John_Doe_IPHONE.vcf"),
      let thunderbird = try parseShared(ezvcard + "thunderbird-MoreFunctionsForAddressBook-extension.vcf"),
      let tb = try parseShared(roundcube + "Csv2vcard/tb_plain.vcf")
    else {
      print("note: the real-data folder is absent; skipping")
      return
    }
    let e = try #require(evolution.cards.first)
    #expect(
      [e.familyName, e.givenName, e.middleName, e.namePrefix, e.nameSuffix] == [
        "Doe", "John", "Richter, James", "Mr.", "Sr.",
      ])
    #expect(
      (e.department, e.title, e.nickname, e.birthday) == ("Accounting, Dungeon", "Money Counter", "Johny", "1980-03-22")
    )
    #expect(e.labels == ["VIP"])
    #expect(e.uid == "477343c8e6bf375a9bac1f96a5000837")
    let o = try #require(outlook.cards.first)
    #expect(
      (o.department, o.title, o.birthday, o.urls) == (
        "TheDepartment", "The Job Title", "19800321", ["http://web-page-address.com"]
      ))
    let s = try #require(rfc6350.cards.first)
    #expect(s.nameSuffix == "ing. jr, M.Sc.")
    #expect(s.phones == ["+1-418-656-9254;ext=102", "+1-418-262-6501"])
    #expect(s.birthday == "--0203")
    let l = try #require(lotus.cards.first)
    #expect(l.nickname == "Johny,JayJay", "an escaped comma is not a list separator")
    #expect((l.title, l.department) == ("Generic Accountant", "SUN"))
    #expect(
      android.warnings == [
        VCardProblem(line: 82, column: 45, message: "ORG is not valid UTF-8; invalid bytes replaced with U+FFFD")
      ])
    #expect(android.cards[3].phones == ["123456", "234567", "3456789", "45678901"])
    #expect(thebat.warnings.map(\.line) == [3, 4], "=F1 without CHARSET is not UTF-8")
    let i = try #require(iphone.cards.first)
    #expect(iphone.warnings.isEmpty, "the CR CR LF photo lines are streamed past: \(iphone.warnings.prefix(3))")
    #expect(i.phones.count == 7)
    #expect(i.urls == ["http://www.ibm.com"])
    #expect(iphone.peak < 120_000)
    let t = try #require(thunderbird.cards.first)
    #expect(t.labels == ["category1, category2, category3"], "3.0: the commas are escaped, so one category")
    #expect(t.notes.hasPrefix("This is the notes field.\nSecond Line\n\nFourth Line\n"))
    #expect(t.notes.contains("\"note\" field; even"))
    #expect(tb.cards.first?.department == "department", "Roundcube's X-DEPARTMENT")
  }
}

/// File names in a folder (via `ls`-free POSIX calls).
func listFolder(_ path: String) -> [String] {
  var names: [String] = []
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}
