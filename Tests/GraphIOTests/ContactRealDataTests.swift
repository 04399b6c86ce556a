import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// The contacts of one export (everyone but its owner): name → sorted emails.
func contactsOf(_ path: String) throws -> [String: [String]] {
  let loaded = try NetworkLoader.load([InputSpec(path: path, owner: "the owner")])
  let g = loaded.graph
  let owner = loaded.identity?.owners.first?.person
  var out: [String: [String]] = [:]
  for p in 0..<g.personCount where g.people.id(of: PersonID(p)) != owner {
    out[g.people.name(of: PersonID(p))] = g.people.emails(of: PersonID(p)).map { $0.lowercased() }.sorted()
  }
  return out
}

/// Real contact files in the real-data folders `contacts-*` (read in place,
/// never copied). Each test says so and passes when the folder is absent.
@Suite struct RealContactFileTests {
  func shared(_ relative: String) -> String? {
    let p = SharedData.path("datasets/real/" + relative)
    if p == nil { print("skipped: real-data file \(relative) is not present") }
    return p
  }

  @Test func linkedInFixtures() throws {
    guard let dir = shared("contacts-linkedin") else { return }
    let six = try contactsOf(dir + "/sixhops_fixture_Connections.csv")
    #expect(six["Priya Sharma"] == [])
    let sixLoaded = try NetworkLoader.load([InputSpec(path: dir + "/sixhops_fixture_Connections.csv")])
    #expect(sixLoaded.imports[0].rejected == 1)  // the hidden member's row
    #expect(sixLoaded.imports[0].preambleLinesSkipped == 3)
    let label = try NetworkLoader.load([InputSpec(path: dir + "/labeldekho_Connections.csv")])
    #expect(label.imports[0].rowsRead == 10 && label.imports[0].imported == 10)
    let flash = try NetworkLoader.load([InputSpec(path: dir + "/flashesofbrilliance_sample_connections.csv")])
    #expect(flash.imports[0].isConsistent && flash.imports[0].imported > 0)
    let yang = try NetworkLoader.load([InputSpec(path: dir + "/yangdb_synthetic_Connections.csv")])
    #expect(yang.imports[0].rowsRead == 1869)
    #expect(yang.imports[0].generation?.contains("no preamble") == true)
    let lauren = (0..<yang.graph.personCount).first { yang.graph.people.name(of: PersonID($0)) == "Lauren Robinson" }
    #expect(lauren.map { yang.graph.people.company(of: PersonID($0)) } == "Cognizant")
  }

  @Test func linkedInMessagesJoinTheConnections() throws {
    guard let dir = shared("contacts-linkedin") else { return }
    let loaded = try NetworkLoader.load([
      InputSpec(path: dir + "/labeldekho_Connections.csv", owner: "me"),
      InputSpec(path: dir + "/labeldekho_Messages.csv", owner: "me"),
    ])
    let m = loaded.imports[1]
    #expect(m.rowsRead == 11 && m.rejected == 0)
    let g = loaded.graph
    let me = try #require((0..<g.personCount).first { g.people.name(of: PersonID($0)) == "Test User" })
    let alice = try #require((0..<g.personCount).first { g.people.name(of: PersonID($0)) == "Alice Johnson" })
    let t = try #require(g.tieID(between: PersonID(me), and: PersonID(alice)))
    #expect((g.ties.interactionsOut(t) ?? 0) > 0 && (g.ties.interactionsIn(t) ?? 0) > 0)
  }

  @Test func thunderbirdSemicolonFile() throws {
    guard let dir = shared("contacts-thunderbird") else { return }
    let c = try contactsOf(dir + "/csv_semicolon.csv")
    #expect(c == ["John Doe": ["john@doe.invalid"], "Jane Doe": ["jane@doe.invalid"]])
  }

  /// Each Roundcube CSV holds the same people and emails as its paired vCard.
  @Test(arguments: ["all", "email", "gmail", "outlook", "tb_plain"])
  func roundcubeCSVMatchesItsVCard(stem: String) throws {
    guard let dir = shared("contacts-roundcube/Csv2vcard") else { return }
    let csv = try contactsOf("\(dir)/\(stem).csv")
    let vcf = try contactsOf("\(dir)/\(stem).vcf")
    #expect(!csv.isEmpty)
    #expect(csv == vcf)
  }

  @Test func everyVCardFileImports() throws {
    var files: [String] = []
    for folder in ["contacts-vcard-ezvcard", "contacts-vcard-nodevcf", "contacts-roundcube/vcard"] {
      guard let dir = shared(folder) else { return }
      files += try InputSpec.expandingFolders([InputSpec(path: dir)]).map(\.path).filter { $0.hasSuffix(".vcf") }
    }
    #expect(files.count >= 25)
    for f in files {
      if f.hasSuffix("/photo-base64.vcf") {
        // Its one card holds only a photo: zero people from a non-empty file is an error.
        #expect(throws: ImportError.self) { _ = try NetworkLoader.load([InputSpec(path: f)]) }
        continue
      }
      let loaded = try NetworkLoader.load([InputSpec(path: f, owner: "the owner")])
      #expect(loaded.imports[0].isConsistent, "\(f)")
      #expect(loaded.imports[0].imported + loaded.imports[0].merged > 0, "\(f)")
    }
    let utf16 = try contactsOf(try #require(shared("contacts-roundcube/vcard")) + "/utf-16_sample.vcf")
    #expect(utf16.count == 1)
  }
}

/// The bundled team: four LinkedIn exports beside the people and ties tables.
@Suite struct TeamDatasetTests {
  let root = SharedData.repositoryRoot() + "/datasets/team"

  func load(infer: Bool) throws -> LoadedNetwork {
    var options = LoadOptions()
    options.contacts.infer = infer
    let specs = try InputSpec.expandingFolders([
      InputSpec(path: root + "/people.csv"), InputSpec(path: root + "/ties.csv"), InputSpec(path: root + "/exports"),
    ])
    return try NetworkLoader.load(specs, options: options)
  }

  @Test func exportsMergeIntoThePeopleAndInferTies() throws {
    let on = try load(infer: true)
    let identity = try #require(on.identity)
    #expect(identity.owners.count == 4)
    #expect(identity.owners.allSatisfy { $0.resolvedBy != "new" })
    // Every export row is a person of people.csv, joined by profile URL.
    #expect(identity.mergedByProfileURL == identity.contactRecords)
    #expect(identity.peopleInSeveralExports > 0)
    #expect(on.graph.personCount == 1200)
    #expect(on.graph.ties.inferredCount > 0)
    let off = try load(infer: false)
    #expect(off.graph.ties.inferredCount == 0)
    #expect(on.graph.tieCount - off.graph.tieCount == on.graph.ties.inferredCount)
  }
}
