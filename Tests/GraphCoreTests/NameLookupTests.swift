import GraphCore
import Testing

/// Person references as people type them (case, accents and punctuation
/// ignored; a nameless person's id stands for the name) and the suggestions
/// after a miss (Guides/GraphCore.md, "Identity index").
@Suite struct NameLookupTests {
  /// People with these (key, name, company); an empty name leaves the person nameless.
  static func table(_ people: [(String, String, String)]) throws -> PersonTable {
    var b = GraphBuilder()
    for (key, name, company) in people {
      let p = b.person(key: key)
      b.setAttributes(p, .init(name: name, company: company))
    }
    return try b.build().0.people
  }

  @Test func namesIgnoreCaseAccentsAndPunctuation() throws {
    let t = try Self.table([
      ("p0", "José Müller", "Acme"), ("p1", "Anne-Marie O'Neil", "Globex"), ("p2", "Ann Lee", "Acme"),
    ])
    for typed in ["jose muller", "JOSÉ MÜLLER", "José  Müller", "jose-muller"] {
      #expect(t.resolve(typed) == .person(0), "\(typed)")
    }
    #expect(t.resolve("anne marie oneil") == .person(1))
    #expect(t.resolve("ann") == .notFound, "a name is matched whole, never by a part")
  }

  @Test func aNamelessPersonIsFoundByTheirIdInAnyCase() throws {
    let t = try Self.table([("Medici", "", ""), ("Strozzi", "", ""), ("Pazzi", "Pazzi family", "")])
    #expect(t.resolve("Medici") == .person(0))
    #expect(t.resolve("medici") == .person(0))
    #expect(t.resolve("STROZZI") == .person(1))
    #expect(t.resolve("pazzi") == .notFound, "a person with a name is found by it or by their exact id")
    #expect(t.resolve("Pazzi") == .person(2))
  }

  @Test func stableKeysPreferProfileURLThenEmailThenIdAndResolveBack() throws {
    var b = GraphBuilder()
    let a = b.person(key: "a")
    b.setAttributes(
      a, .init(name: "Ada", emails: ["Ada@X.org"], profileURL: "https://www.linkedin.com/in/ada-l/"))
    let c = b.person(key: "c")
    b.setAttributes(c, .init(name: "Cy", emails: ["  Cy@Y.org"]))
    let d = b.person(key: "d (2)")
    let t = try b.build().0.people
    #expect(t.stableKey(of: a).hasPrefix("url:"))
    #expect(t.stableKey(of: c) == "email:cy@y.org")
    #expect(t.stableKey(of: d) == "id:d (2)")
    for p in [a, c, d] { #expect(t.person(stableKey: t.stableKey(of: p)) == p) }
    #expect(t.person(stableKey: "email:nobody@y.org") == nil)
    #expect(t.person(stableKey: "Cy") == nil, "a key names its kind")
  }

  @Test func sameLooseKeyIsAmbiguous() throws {
    let t = try Self.table([("a", "Zoë Hart", "X"), ("b", "Zoe Hart", "Y")])
    #expect(t.resolve("Zoë Hart") == .person(0), "as written first")
    #expect(t.resolve("ZOE-HART") == .ambiguous([0, 1]))
  }

  @Test func suggestionsNearestFirst() throws {
    let t = try Self.table([
      ("1", "Medici", ""), ("2", "Strozzi", ""), ("3", "Cosimo de Medici", "Bank"), ("4", "Mediterranean Co", ""),
      ("5", "Pazzi", ""),
    ])
    // One edit from "medici", as a whole name and as a word of one.
    let near = t.suggestions(for: "Medicci", as: .person)
    #expect(near.map(\.name) == ["Cosimo de Medici", "Medici"])
    #expect(near.first?.person == 2)
    // Word prefixes come first.
    #expect(t.suggestions(for: "Medi", as: .person).map(\.name) == ["Cosimo de Medici", "Medici", "Mediterranean Co"])
    #expect(t.suggestions(for: "Strozz", as: .person).map(\.name) == ["Strozzi"])
    #expect(t.suggestions(for: "Qwxyz", as: .person).isEmpty)
    #expect(t.suggestions(for: "  ", as: .person).isEmpty)
    #expect(t.suggestions(for: "Medi", as: .person, limit: 1).count == 1)
  }

  @Test func companySuggestions() throws {
    let t = try Self.table([("a", "A", "Globex Clinic"), ("b", "B", "Initech"), ("c", "C", "Globex Clinic Ltd")])
    #expect(t.suggestions(for: "Globx Clinic", as: .company).map(\.name) == ["Globex Clinic"])
    #expect(t.suggestions(for: "Initek", as: .company).map(\.name) == ["Initech"])
    #expect(t.suggestions(for: "Globx Clinic", as: .company).first?.person == nil)
  }

  @Test(arguments: [
    ("kitten", "sitting", 3), ("medici", "medicci", 1), ("", "abc", 3), ("abc", "abc", 0), ("flaw", "lawn", 2),
  ])
  func editDistance(a: String, b: String, d: Int) {
    #expect(PersonTable.editDistance(Array(a.utf8), Array(b.utf8), atMost: 5) == d)
    #expect(PersonTable.editDistance(Array(b.utf8), Array(a.utf8), atMost: 5) == d)
    if d > 0 { #expect(PersonTable.editDistance(Array(a.utf8), Array(b.utf8), atMost: d - 1) == d) }
  }
}
