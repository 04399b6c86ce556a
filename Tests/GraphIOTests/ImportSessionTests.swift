import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// The import session: reports by file, attribution of folded ties, row errors, hints.
@Suite struct ImportSessionTests {
  /// Reads `files` (name, text, format) into one session in the given order,
  /// each report at its place; returns the session and the build.
  func read(
    _ files: [(String, String, InputFormat)], in tmp: TempFolder, onRowError: @escaping (ImportError) -> Void = { _ in }
  ) throws -> (ImportSession, Graph, BuildReport) {
    var session = ImportSession(onRowError: onRowError)
    for (slot, (name, text, format)) in files.enumerated() {
      try session.read(InputSpec(path: tmp.write(name, text)), as: format, slot: slot)
    }
    _ = try session.addContactTies()
    let (graph, build) = try session.build()
    return (session, graph, build)
  }

  /// Per-file progress: one call per file read, in reading order, counting up to the total.
  @Test func eachFileReadIsReported() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let files = [tmp.write("a.txt", "1 2\n"), tmp.write("b.txt", "2 3\n"), tmp.write("c.txt", "3 4\n")]
    final class Calls: @unchecked Sendable { var list: [(Int, Int, String)] = [] }
    let calls = Calls()
    var options = LoadOptions()
    options.onFileRead = { done, total, file in calls.list.append((done, total, file)) }
    let loaded = try NetworkLoader.load(files.map { InputSpec(path: $0) }, options: options)
    #expect(loaded.graph.tieCount == 3)
    #expect(calls.list.map(\.0) == [1, 2, 3] && calls.list.allSatisfy { $0.1 == 3 })
    #expect(calls.list.map(\.2) == files)
  }

  /// `threads: 1` reads each file in one pass on the calling thread; the
  /// default parses on one thread and adds on another. Both give the same
  /// network, reports and row errors (a ties table and a contact export,
  /// each with bad rows, ordered so that later rows depend on earlier ones).
  @Test func oneThreadAndTwoReadTheSame() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var ties = "source,target,strength,interactions,last_contact,kind\n"
    for i in 0..<5_000 {
      let strength = i % 97 == 0 ? "strong" : String(Double(i % 10) / 10 + 0.05)
      let last = i % 89 == 0 ? "2024-13-40" : "2024-0\(1 + i % 9)-1\(i % 10)"
      ties += "p\(i % 700),p\((i * 7 + 1) % 900),\(strength),\(i % 5),\(last),\(i % 3 == 0 ? "work" : "")\n"
      if i % 1_000 == 999 { ties += "p1,p1,0.5,1,2024-01-01,\n" }
    }
    var contacts = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    for i in 0..<800 {
      let day = i % 53 == 0 ? "31 Foo 2023" : "0\(1 + i % 9) Mar 2023"
      contacts += "Name\(i),Last\(i % 40),,n\(i)@example.org,Co \(i % 13),Engineer,\(day)\n"
    }
    let specs = [
      InputSpec(path: tmp.write("ties.csv", ties)),
      InputSpec(path: tmp.write("Connections.csv", contacts)),
    ]
    func load(threads: Int?) throws -> (LoadedNetwork, [ImportError]) {
      final class Errors: @unchecked Sendable { var list: [ImportError] = [] }
      let errors = Errors()
      var options = LoadOptions()
      options.threads = threads
      options.contacts.owner = "Ana Owner"
      #expect(options.pipelined == (threads != 1 && Pipeline.defaultParallel))
      let loaded = try NetworkLoader.load(specs, options: options) { errors.list.append($0) }
      return (loaded, errors.list)
    }
    let (one, oneErrors) = try load(threads: 1)
    let (two, twoErrors) = try load(threads: nil)
    #expect(!oneErrors.isEmpty, "the files have bad rows")
    #expect(oneErrors == twoErrors)
    #expect(one.graph.personCount == two.graph.personCount && one.graph.tieCount == two.graph.tieCount)
    #expect(
      (0..<one.graph.personCount).map { one.graph.people.name(of: PersonID($0)) }
        == (0..<two.graph.personCount).map { two.graph.people.name(of: PersonID($0)) })
    for p in 0..<one.graph.personCount {
      let id = PersonID(p)
      #expect(Array(one.graph.neighbors(of: id)) == Array(two.graph.neighbors(of: id)))
      #expect(Array(one.graph.strengths(of: id)) == Array(two.graph.strengths(of: id)))
    }
    #expect(
      one.imports.map { [$0.rowsRead, $0.imported, $0.merged, $0.rejected] }
        == two.imports.map { [$0.rowsRead, $0.imported, $0.merged, $0.rejected] })
  }

  /// Several contact exports: with a second processor each is parsed while
  /// the one before is merged. The network, every report (encoding, header,
  /// counts, row errors) and the errors are those of reading one file after
  /// another on one thread; in strict mode both stop at the same row, and a
  /// file without a header fails the same way.
  @Test func exportsReadAheadReadTheSame() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    func export(_ k: Int, rows: Int, bad: Int) -> String {
      var text = k % 2 == 0 ? "Notes:\n\"Some preamble\"\n\n" : ""
      text += "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Mystery\n"
      for i in 0..<rows {
        let who = (i * (k + 3)) % 150
        let row = "P\(who),L\(who % 9),https://www.linkedin.com/in/p\(who),,Co \(who % 7),Role,01 Mar 2023,"
        text += i % bad == bad - 1 ? row + "x,extra\n" : row + "\n"
      }
      return text
    }
    var utf16: [UInt8] = [0xFF, 0xFE]
    for u in "First Name,Last Name,Email Address\nZoë,Ang,zoe@example.org\n".utf16 {
      utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)]
    }
    utf16.append(0x41)  // half a code unit at the end
    var specs = (0..<5).map { k in
      InputSpec(path: tmp.write("export\(k).csv", export(k, rows: 300 + 50 * k, bad: 37 + k)), owner: "Owner \(k)")
    }
    specs.append(InputSpec(path: tmp.write("utf16.csv", bytes: utf16), owner: "Owner 5"))
    func load(_ specs: [InputSpec], threads: Int?, strict: Bool = false) -> Result<
      (LoadedNetwork, [ImportError]), ImportError
    > {
      final class Errors: @unchecked Sendable { var list: [ImportError] = [] }
      let errors = Errors()
      var options = LoadOptions()
      options.threads = threads
      options.strict = strict
      do throws(ImportError) {
        let loaded = try NetworkLoader.load(specs, options: options) { errors.list.append($0) }
        return .success((loaded, errors.list))
      } catch {
        return .failure(error)
      }
    }
    let one = try load(specs, threads: 1).get()
    let two = try load(specs, threads: nil).get()
    #expect(one.1.count > 20 && one.1 == two.1)
    #expect(one.0.imports == two.0.imports)
    #expect(one.0.imports.contains { $0.encoding?.contains("16") == true && $0.rejected == 1 })
    #expect(one.0.graph.personCount == two.0.graph.personCount && one.0.graph.tieCount == two.0.graph.tieCount)
    for p in 0..<one.0.graph.personCount {
      let id = PersonID(p)
      #expect(one.0.graph.people.id(of: id) == two.0.graph.people.id(of: id))
      #expect(Array(one.0.graph.neighbors(of: id)) == Array(two.0.graph.neighbors(of: id)))
    }
    // Strict: the first bad row stops both.
    guard case .failure(let strictOne) = load(specs, threads: 1, strict: true),
      case .failure(let strictTwo) = load(specs, threads: nil, strict: true)
    else {
      Issue.record("strict mode let a bad row through")
      return
    }
    #expect(strictOne == strictTwo && strictOne.file.hasSuffix("export0.csv"))
    // A file with no header, between two good ones.
    var headless = specs
    headless.insert(
      InputSpec(path: tmp.write("notes.csv", "just,some\nwords,here\n"), format: .linkedin, owner: "Owner 9"), at: 1)
    guard case .failure(let noHeaderOne) = load(headless, threads: 1),
      case .failure(let noHeaderTwo) = load(headless, threads: nil)
    else {
      Issue.record("a file without a header was read")
      return
    }
    #expect(noHeaderOne == noHeaderTwo && noHeaderOne.message.contains("no contact header"))
  }

  @Test func foldedParallelTiesAreCreditedToTheFileThatAddedThem() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let (session, graph, build) = try read(
      [
        ("a.txt", "1 2\n2 3\n", .edges), ("b.txt", "2 1\n3 4\n1 2\n", .edges), ("c.csv", "source,target\n3,2\n", .ties),
      ],
      in: tmp)
    #expect(graph.tieCount == 3)
    #expect(build.mergedByOrigin == [2: 2, 3: 1])
    let reports = try session.reports(after: build)
    #expect(reports.map { [$0.rowsRead, $0.imported, $0.merged] } == [[2, 2, 0], [3, 1, 2], [1, 0, 1]])
    #expect(reports.allSatisfy { $0.isConsistent })
  }

  /// An owner tie is made after every file is read; when it repeats a row of
  /// a ties table, the fold is nobody's (the table's row came first, and the
  /// export's report counts its record, merged by profile URL, and nothing more).
  @Test func derivedTiesCarryNoFile() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = "id,name,url\nmary,Mary Reed,\nann,Ann Lee,https://www.linkedin.com/in/annlee\n"
    let connections = """
      First Name,Last Name,URL,Email Address,Company,Position,Connected On
      Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,01 Jan 2024

      """
    var session = ImportSession()
    try session.read(InputSpec(path: tmp.write("people.csv", people)), as: .people, slot: 0)
    try session.read(InputSpec(path: tmp.write("ties.csv", "source,target\nmary,ann\n")), as: .ties, slot: 1)
    try session.read(
      InputSpec(path: tmp.write("Connections.csv", connections), owner: "mary"), as: .linkedin, slot: 2)
    #expect(try session.addContactTies())
    let (graph, build) = try session.build()
    #expect(graph.tieCount == 1)
    #expect(build.parallelTiesMerged == 1)
    #expect(build.mergedByOrigin == [0: 1])
    let reports = try session.reports(after: build)
    #expect(reports.map { [$0.rowsRead, $0.imported, $0.merged] } == [[2, 2, 0], [1, 1, 0], [1, 0, 1]])
    #expect(reports[2].owner == "mary")
    #expect(session.identity?.mergedByProfileURL == 1)
  }

  @Test func rowErrorsGoToTheSinkAndToTheFileBeingRead() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    final class Box: @unchecked Sendable { var errors: [ImportError] = [] }
    let box = Box()
    let (session, _, build) = try read(
      [("good.csv", "source,target\na,b\n", .ties), ("bad.csv", "source,target,strength\na,c,0\nc,d,0.5\n", .ties)],
      in: tmp, onRowError: { box.errors.append($0) })
    let reports = try session.reports(after: build)
    #expect(reports.map(\.rejected) == [0, 1])
    #expect(reports[1].errors.map(\.line) == [2])
    #expect(box.errors.count == 1)
    #expect(box.errors.first?.file.hasSuffix("bad.csv") == true)
    #expect(box.errors.first?.hints == [.advice(NumberParsing.strengthHint)])
  }

  @Test func noIdentityWithoutContactExports() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var (session, _, _) = try read([("t.csv", "source,target\na,b\n", .ties)], in: tmp)
    #expect(session.identity == nil)
    #expect(try session.addContactTies() == false)
  }

  @Test func loadingIntoASessionEqualsLoading() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let specs = [
      InputSpec(path: tmp.write("ties.csv", "source,target\n1,2\n2,1\n2,3\n")),
      InputSpec(path: tmp.write("people.csv", "id,name\n1,Ada\n2,Bea\n")),
    ]
    var session = ImportSession()
    let kept = try NetworkLoader.load(specs, in: &session)
    let plain = try NetworkLoader.load(specs)
    #expect(kept.imports == plain.imports)
    #expect(kept.build == plain.build)
    #expect(kept.imports.map(\.file) == specs.map(\.path), "reports in argument order")
  }
}

/// Hints: advice in plain words, the rest worded by the caller.
@Suite struct ImportHintTests {
  let error = ImportError(
    file: "t.csv", line: 3, column: 5, message: "strength \"2\" is not a number in (0, 1]",
    hints: [.advice("use a value above 0 and at most 1"), .retryWithoutStrict])

  @Test func theLibraryNamesNoFlag() {
    #expect(
      error.description
        == "t.csv:3:5: strength \"2\" is not a number in (0, 1] — use a value above 0 and at most 1; "
        + "load without the strict option to skip bad rows")
    for hint in [ImportHint.retryWithoutStrict, .nameTheOwner, .nameTheFormat(examples: [.ties, .vcard])] {
      #expect(!hint.description.contains("--") && !hint.description.contains("PATH"))
    }
  }

  @Test func theCallerWordsTheHints() {
    let worded = error.description { hint in hint == .retryWithoutStrict ? "drop --strict" : hint.description }
    #expect(
      worded
        == "t.csv:3:5: strength \"2\" is not a number in (0, 1] — use a value above 0 and at most 1; drop --strict")
    #expect(error.advice == "use a value above 0 and at most 1")
    #expect(ImportError(file: "f", line: 0, column: 0, message: "m", hint: nil).description == "f: m")
    #expect(ImportError(file: "f", line: 0, column: 0, message: "m", hint: nil).hintText(wording: \.description) == nil)
  }

  @Test func anUnknownFormatSuggestsNamingIt() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = tmp.write("t.csv", "who,whom\nx,y\n")
    #expect {
      _ = try NetworkLoader.load([InputSpec(path: path)])
    } throws: { e in
      guard let e = e as? ImportError, e.hints.count == 2, case .nameTheFormat(let examples) = e.hints[1] else {
        return false
      }
      return e.advice?.hasPrefix("a ties file needs") == true && examples.first == .ties && examples.count == 8
    }
  }
}

/// `owner,path` manifests are told apart from network files.
@Suite struct ManifestDetectionTests {
  @Test(arguments: [
    ("owner,path\nada,ada.csv\n", true),
    ("\u{FEFF}Owner , \"PATH\"\n", true),
    ("path,owner", true),
    ("owner,,path\n", true),
    ("\towner\u{00A0},path\n", true),
    ("owner,path,notes\n", false),
    ("owner\n", false),
    ("source,target\n", false),
    ("\" owner\",path\n", false),
    ("owner,path\r\nada,ada.csv\r\n", true),  // Excel's line ends
    ("owner,path\rada,ada.csv\r", true),
    ("", false),
  ])
  func header(text: String, isManifest: Bool) {
    #expect(FormatDetector.isManifest(head: Array(text.utf8)) == isManifest)
  }

  @Test func onlyCSVFilesAreManifests() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    #expect(FormatDetector.isManifest(path: tmp.write("team.csv", "owner,path\n")))
    #expect(FormatDetector.isManifest(path: tmp.write("TEAM.CSV", "owner,path\n")))
    #expect(!FormatDetector.isManifest(path: tmp.write("team.txt", "owner,path\n")))
    #expect(!FormatDetector.isManifest(path: "\(tmp.path)/missing.csv"))
  }
}
