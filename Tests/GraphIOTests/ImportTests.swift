import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// Loads files written into a temporary folder; collects row errors.
func load(
  _ files: [(String, [UInt8])], strict: Bool = false
) throws -> (LoadedNetwork, [ImportError]) {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let paths = files.map { tmp.write($0.0, bytes: $0.1) }
  final class Box: @unchecked Sendable { var errors: [ImportError] = [] }
  let box = Box()
  let loaded = try NetworkLoader.load(paths.map { InputSpec(path: $0) }, options: LoadOptions(strict: strict)) {
    box.errors.append($0)
  }
  return (loaded, box.errors)
}

func loadText(_ files: [(String, String)], strict: Bool = false) throws -> (LoadedNetwork, [ImportError]) {
  try load(files.map { ($0.0, Array($0.1.utf8)) }, strict: strict)
}

/// The ImportError a load throws, or nil.
func loadError(_ files: [(String, [UInt8])], strict: Bool = false) -> ImportError? {
  do {
    _ = try load(files, strict: strict)
    return nil
  } catch let e as ImportError {
    return e
  } catch {
    return nil
  }
}

@Suite struct GenericImportTests {
  @Test func peopleAndTiesWithEvidence() throws {
    let people = """
      id,name,email,company,title,industry,location,tags
      a,Ada Lovelace,ada@engine.org;ada@home.net,Analytical Engines,Mathematician,Computing,London,mentor;hiring
      b,"Babbage, Charles",,Analytical Engines,Inventor,Computing,London,
      c,Grace Hopper,grace@navy.mil,US Navy,Rear Admiral,Defence,Arlington,looking
      a,,,,,,,investor

      """
    let ties = """
      source,target,strength,interactions,last_contact,since,kind
      a,b,0.9,120,2026-10-01,2018-01-01,colleague
      b,a,0.4,5,2026-01-01,2017-06-01,friend
      a,c,,3,2021-01-01,2019-01-01,conference
      c,d,0.2,,,,
      """
    let (loaded, errors) = try loadText([("ties.csv", ties), ("people.csv", people)])
    #expect(errors.isEmpty)
    let g = loaded.graph
    try g.checkInvariants()
    #expect(g.personCount == 4)
    #expect(g.tieCount == 3)
    // Reports are in argument order; people read first regardless.
    #expect(loaded.imports.map(\.format) == ["ties", "people"])
    let tieReport = loaded.imports[0]
    #expect((tieReport.rowsRead, tieReport.imported, tieReport.merged, tieReport.rejected) == (4, 3, 1, 0))
    #expect(tieReport.peopleAdded == 1)
    let peopleReport = loaded.imports[1]
    #expect((peopleReport.rowsRead, peopleReport.imported, peopleReport.merged) == (4, 3, 1))
    guard case .person(let a) = g.people.resolve("Ada Lovelace"), case .person(let b) = g.people.resolve("ada@home.net")
    else {
      Issue.record("resolve failed")
      return
    }
    #expect(a == b)
    #expect(g.people.tags(of: a) == ["mentor", "hiring", "investor"])
    #expect(g.people.name(of: g.people.resolve("b") == .person(1) ? 1 : 0) == "Babbage, Charles")
    let ab = try #require(g.tieID(between: 0, and: 1))
    #expect(g.ties.interactions(ab) == 125)
    #expect(g.ties.kind(ab) == "colleague + friend", "every part's kind, in order")
    #expect(g.strength(between: 0, and: 1) == 0.9)
    #expect(g.ties.referenceDate == Day(year: 2026, month: 10, day: 1))
    let ac = try #require(g.tieID(between: 0, and: 2))
    #expect(g.tieClass(ac) == .dormant)
  }

  @Test func snapEdgeListWithCommentsWeightsAndSelfTies() throws {
    let text = "# Directed graph\n# Nodes: 4 Edges: 5\n1\t2\n2\t1\n3 3\n\n% also a comment\n2 4 0.25\n10\t1\n"
    let (loaded, _) = try loadText([("e.txt", text)])
    let r = loaded.imports[0]
    #expect(r.format == "edges")
    #expect((r.rowsRead, r.imported, r.merged, r.rejected, r.selfTies) == (5, 3, 1, 1, 1))
    #expect(loaded.graph.personCount == 5)
    #expect(loaded.graph.tieCount == 3)
    #expect(loaded.build.selfTiesDropped == 1)
    #expect(loaded.graph.people.id(of: 4) == "10")
  }

  @Test func headerlessCommaEdgeList() throws {
    let (loaded, _) = try loadText([("e.csv", "0,1,0.5\n1,2,0.75\n")])
    #expect(loaded.imports[0].format == "edges")
    #expect(loaded.graph.strength(between: 1, and: 2) == 0.75)
  }
}

/// Bad input, file by file (issue: foundation, "Bad input is tried file by file").
@Suite struct BadInputTests {
  @Test func unterminatedQuoteRejectsTheRowAndKeepsTheRest() throws {
    let text = "source,target\na,b\nc,\"d\n"
    let e = try #require(loadError([("t.csv", Array(text.utf8))]))
    #expect(e.line == 3 && e.column == 3)
    #expect(e.description.contains("t.csv:3:3"))
  }

  @Test func raggedRowsAreRejectedWithTheirPosition() throws {
    let text = "source,target,strength\na,b,0.5\nb,c\nc,d,0.5,extra\nd,e,0.25\n"
    let (loaded, errors) = try loadText([("t.csv", text)])
    let r = loaded.imports[0]
    #expect((r.rowsRead, r.imported, r.rejected) == (4, 2, 2))
    #expect(errors.map(\.line) == [3, 4])
    #expect(errors[1].column == 9)
    #expect(errors.allSatisfy { $0.message.contains("the header has 3") })
    #expect(r.isConsistent)
  }

  @Test func noSourceColumnIsAnErrorThatSaysWhatToDo() {
    let e = loadError([("t.csv", Array("from_person,to_person\na,b\n".utf8))])
    #expect(e != nil)
    #expect(e?.advice?.contains("source") == true || e?.message.contains("cannot tell") == true)
    let forced = loadError([("t.csv", Array("who,whom\na,b\n".utf8))], strict: false)
    #expect(forced?.message.contains("cannot tell") == true)
  }

  @Test func forcedTiesFormatWithoutSourceColumn() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = tmp.write("t.csv", "who,whom\na,b\n")
    #expect {
      _ = try NetworkLoader.load([InputSpec(argument: "ties:\(path)")])
    } throws: { error in
      (error as? ImportError)?.message == "no source column in the header" && (error as? ImportError)?.line == 1
    }
  }

  @Test(arguments: ["abc", "NaN", "nan", "0", "inf", "1e400", "0x1"])
  func badStrengthsAreRejected(value: String) throws {
    let text = "source,target,strength\na,b,0.5\nb,c,\(value)\n"
    let (loaded, errors) = try loadText([("t.csv", text)])
    #expect(loaded.imports[0].rejected == 1)
    #expect(loaded.graph.tieCount == 1)
    #expect(errors.count == 1)
    #expect(errors.first?.line == 3 && errors.first?.column == 5)
    #expect(errors.first.map { $0.message.contains("is not a number") || $0.message.contains("is 0") } == true)
  }

  @Test func strictStopsAtTheFirstBadRow() {
    let text = "source,target,strength\na,b,0.5\nb,c,0\nc,d,abc\n"
    let e = loadError([("t.csv", Array(text.utf8))], strict: true)
    #expect(e?.line == 3)
    // The row's own advice, then what the caller can change (worded by the caller).
    #expect(e?.hints == [.advice(NumberParsing.strengthHint), .retryWithoutStrict])
    #expect(e?.description.contains("--") == false)
  }

  /// Invalid UTF-8 within the bytes the encoding is judged on makes the file
  /// windows-1252; beyond them (the file was judged UTF-8), it rejects its row.
  @Test func invalidUTF8RejectsTheRowWithItsColumn() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let bytes = Array("source,target\na,b\n".utf8) + [UInt8(ascii: "c"), UInt8(ascii: ","), 0x64, 0xFF, 0xFE, 0x0A]
    let path = tmp.write("t.csv", bytes: bytes)
    final class Box: @unchecked Sendable { var errors: [ImportError] = [] }
    let box = Box()
    var session = ImportSession { box.errors.append($0) }
    try session.read(InputSpec(path: path), as: .ties, slot: 0, detectionBytes: 16)
    let (_, build) = try session.build()
    let report = try #require(try session.reports(after: build).first)
    #expect(report.encoding == "utf-8")
    #expect(report.rejected == 1)
    #expect(box.errors.first?.line == 3)
    #expect(box.errors.first?.column == 4)
    #expect(box.errors.first?.message.contains("UTF-8") == true)
  }

  @Test func invalidUTF8TableIsReadAsWindows1252() throws {
    let bytes: [UInt8] = Array("source,target\n".utf8) + [0xC3, 0x28, 0x2C, 0x62, 0x0A]
    let (loaded, errors) = try load([("t.csv", bytes)])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].encoding?.hasPrefix("windows-1252 (fallback") == true)
    #expect(loaded.graph.people.id(of: 0) == "Ã(")
  }

  @Test func allRowsInvalidIsAFileError() {
    let e = loadError([("t.csv", Array("source,target,strength\na,b,0\nb,c,x\n".utf8))])
    #expect(e?.message.contains("no usable rows") == true)
  }

  @Test func emptyFilesAreErrors() {
    #expect(loadError([("empty.csv", [])])?.message == "the file is empty")
    #expect(loadError([("blank.csv", Array(" \n\n".utf8))])?.message == "the file is empty")
    #expect(loadError([("header.csv", Array("source,target\n".utf8))])?.message.contains("no data rows") == true)
  }

  @Test func binaryFilesAreErrors() {
    var rng = SplitMix64(seed: 99)
    let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let e = loadError([("random.bin", bytes)])
    #expect(e?.message.contains("binary") == true)
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    #expect(loadError([("x.png", png)])?.message.contains("binary") == true)
  }

  @Test func missingFileAndFolder() {
    #expect(throws: ImportError.self) { _ = try NetworkLoader.load([InputSpec(path: "/nonexistent/ties.csv")]) }
    #expect(throws: ImportError.self) { _ = try NetworkLoader.load([InputSpec(path: "/tmp")]) }
  }

  /// No byte sequence crashes the importer: it throws an ImportError or loads with consistent counts.
  @Test(arguments: 0..<UInt64(300))
  func randomBytesNeverCrash(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let alphabet = Array("ab,;\t\"\n\r 0.51#%".utf8) + [0xFF, 0xC3, 0x00, 0xE2]
    let header = Array(["source,target,strength\n", "id,name\n", "", "1 2\n"][Int(rng.next() % 4)].utf8)
    let body = (0..<Int(rng.next() % 400)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    do {
      let (loaded, _) = try load([("f.csv", header + body)])
      #expect(loaded.imports.allSatisfy { $0.isConsistent })
      try loaded.graph.checkInvariants()
    } catch is ImportError {
    } catch {
      Issue.record("unexpected error \(error) for seed \(seed)")
    }
  }
}
