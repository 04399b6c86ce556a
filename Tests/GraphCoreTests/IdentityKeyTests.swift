import GraphCore
import Testing

/// The one company and industry key (`Identity.companyKey`, `industryKey`),
/// its interned groups and the target resolver (Guides/GraphCore.md, "Identity keys", "Targets").
@Suite struct IdentityKeyTests {
  @Test(arguments: [
    ("Apple", "Apple Inc."), ("Apple", "Apple, Inc"), ("Apple Inc.", "APPLE INC"), ("Siemens AG", "Siemens"),
    ("Procter and Gamble", "Procter & Gamble"), ("The Boring Company", "Boring"), ("Nestlé S.A.", "Nestle"),
    ("Smith & Co.", "Smith"), ("Volkswagen GmbH & Co. KG", "Volkswagen"), ("APPLE", "apple"),
    ("Westbrook Resorts s.r.o.", "Westbrook Resorts"), ("Menon & Co. S.A.", "Menon"),
    ("TridentCore, Inc.", "TridentCore"), ("Acme Ltd", "Acme Limited"), ("Société Générale", "SOCIETE GENERALE"),
    ("Øresund  Bank", "oresund bank"), ("Yonova Ltd.", "Yonova"), ("A.B.C. Holdings", "A B C Holdings"),
    ("Hyperwise Automotive Inc.", "hyperwise automotive"),
  ])
  func companiesNormaliseTogether(a: String, b: String) {
    #expect(Identity.companyKey(a) == Identity.companyKey(b))
    #expect(!Identity.companyKey(a).isEmpty)
  }

  @Test(arguments: [
    ("Ernst & Young", "Ernst"), ("Apple", "Applied Materials"), ("Johnson & Johnson", "Johnson"),
    ("Lakeside Partners", "Lakeside Technologies"), ("Inc", "Co"),
  ])
  func differentCompaniesStayApart(a: String, b: String) {
    #expect(Identity.companyKey(a) != Identity.companyKey(b))
  }

  @Test func companyKeys() {
    #expect(Identity.companyKey("Apple Inc.") == "apple")
    #expect(Identity.companyKey("Pérez & Rivera") == "perez & rivera")
    #expect(Identity.companyKey("Pérez and Rivera, LLC") == "perez & rivera")
    #expect(Identity.companyKey("The Company") == "company", "a legal form alone is kept")
    #expect(Identity.companyKey("Inc.") == "inc")
    #expect(Identity.companyKey("—") == "" && Identity.companyKey("🚀") == "")
  }

  @Test func industryKeys() {
    #expect(Identity.industryKey("Hospitals and Health Care") == Identity.industryKey("hospitals & health care"))
    #expect(
      Identity.industryKey("Transportation, Logistics, Supply Chain and Storage")
        == "transportation logistics supply chain & storage")
    #expect(Identity.industryKey("Rétail") == "retail")
    #expect(Identity.industryKey("Oil & Gas Co") == "oil & gas co", "industries keep every word")
  }

  @Test(arguments: [
    ("Marie (Mimi) Curie", "marie curie"), ("Hughes, PMP", "hughes"), ("Jane Roe, Ph.D., MBA", "jane roe"),
    ("  ÉLODIE   Dupont ", "elodie dupont"), ("Łukasz Żółć", "lukasz zolc"), ("Seán O'Brien", "sean obrien"),
    ("Straße 🚀", "strasse"), ("李 明", "李 明"),
  ])
  func namesNormalise(raw: String, key: String) {
    #expect(Identity.nameKey(raw) == key)
  }

  /// A table of people with these companies and industries (empty: none).
  static func table(_ companies: [String], industries: [String] = []) throws -> PersonTable {
    var b = GraphBuilder()
    for (i, c) in companies.enumerated() {
      let p = b.person(key: "p\(i)")
      b.setAttributes(
        p, .init(name: "Person \(i)", company: c, industry: i < industries.count ? industries[i] : ""))
    }
    return try b.build().0.people
  }

  @Test func groupsInternOneKeyPerCompany() throws {
    let t = try Self.table(["Apple Inc.", "APPLE", "Apple", "Globex", "", "Apple", "—", "globex ltd", "Initech"])
    let g = t.companyGroups
    #expect(g.count == 3)
    let apple = try #require(g.group(of: 0))
    #expect([1, 2, 5].allSatisfy { g.group(of: $0) == apple })
    #expect(g.group(of: 3) == g.group(of: 7) && g.group(of: 3) != apple)
    #expect(g.group(of: 4) == nil && g.group(of: 6) == nil, "no company, or nothing left of it")
    #expect(g.label(apple) == "Apple", "the most frequent spelling")
    #expect(g.label(g.group(of: 3)!) == "Globex", "a tie goes to the spelling that sorts first")
    #expect(g.sizes == [4, 2, 1] && Array(g.keys) == ["apple", "globex", "initech"], "numbered by first member")
    #expect(g.members(apple) == [0, 1, 2, 5])
    #expect(g.group(key: "initech") == 2 && g.group(key: "Initech") == nil)
  }

  @Test func industriesGroupByTheirKey() throws {
    let t = try Self.table(
      ["A", "B", "C"], industries: ["Hospitals and Health Care", "hospitals & health care", "Retail"])
    #expect(t.industryGroups.count == 2 && t.industryGroups.group(of: 0) == t.industryGroups.group(of: 1))
    let none = try Self.table(["A"])
    #expect(none.industryGroups.count == 0 && none.industryGroups.group(of: 0) == nil)
  }

  @Test func resolverExactKeyThenWordPrefix() throws {
    let t = try Self.table([
      "Lazega Providence", "Lazega Providence LLP", "Apple Inc.", "APPLE", "General Hospital", "Lakeside Partners",
      "Lakeside Technologies", "Lakeside Partners",
    ])
    // Exact key: legal forms, case and punctuation ignored; the label shown.
    #expect(
      t.resolveTarget("apple, inc", as: .company) == .found(Target(kind: .company, name: "APPLE", people: [2, 3])))
    // A unique word prefix, anywhere in the name, words in order.
    #expect(
      t.resolveTarget("Providence", as: .company)
        == .found(Target(kind: .company, name: "Lazega Providence", people: [0, 1])))
    #expect(
      t.resolveTarget("gen hosp", as: .company)
        == .found(Target(kind: .company, name: "General Hospital", people: [4])))
    #expect(t.resolveTarget("hosp gen", as: .company) == .notFound(.company), "words in order")
    #expect(t.resolveTarget("ospital", as: .company) == .notFound(.company), "prefixes, not substrings")
    // Ambiguous: every candidate, largest first, then by label.
    let both: [TargetCandidate] = [
      .init(name: "Lakeside Partners", people: 2), .init(name: "Lakeside Technologies", people: 1),
    ]
    #expect(t.resolveTarget("Lake", as: .company) == .ambiguousGroups(.company, candidates: both, total: 2))
    #expect(
      t.resolveTarget("Lakeside Tech", as: .company)
        == .found(Target(kind: .company, name: "Lakeside Technologies", people: [6])))
    #expect(t.resolveTarget("Initech", as: .company) == .notFound(.company))
    #expect(t.resolveTarget("  ", as: .company) == .notFound(.company))
  }

  @Test func resolverListsAtMostTenCandidates() throws {
    let t = try Self.table((0..<14).map { "Acme Branch \($0)" })
    guard case .ambiguousGroups(_, let candidates, let total) = t.resolveTarget("acme", as: .company) else {
      Issue.record("expected an ambiguous match")
      return
    }
    #expect(total == 14 && candidates.count == PersonTable.targetCandidateLimit)
    #expect(candidates.first?.name == "Acme Branch 0" && candidates.allSatisfy { $0.people == 1 })
  }

  @Test func resolverPeopleAndIndustries() throws {
    var b = GraphBuilder()
    for (key, name, company, industry) in [
      ("a", "Ana Lima", "Apple", "Retail and Consumer Goods"), ("b", "Bo Chen", "Globex", "Retail & Consumer Goods"),
      ("c", "Bo Chen", "Initech", "Banking"),
    ] {
      let p = b.person(key: key)
      b.setAttributes(p, .init(name: name, company: company, industry: industry))
    }
    let t = try b.build().0.people
    #expect(t.resolveTarget("ana lima", as: .person) == .found(Target(kind: .person, name: "Ana Lima", people: [0])))
    #expect(t.resolveTarget("Bo Chen", as: .person) == .ambiguousPeople([1, 2]))
    #expect(t.resolveTarget("Nobody", as: .person) == .notFound(.person))
    #expect(
      t.resolveTarget("retail", as: .industry)
        == .found(Target(kind: .industry, name: "Retail & Consumer Goods", people: [0, 1])))
    #expect(t.resolveTarget("retail and consumer goods", as: .industry) == t.resolveTarget("retail", as: .industry))
    // A targets list: a person, namesakes all together, else a company.
    #expect(t.resolveTarget(personOrCompany: "b") == .found(Target(kind: .person, name: "Bo Chen", people: [1])))
    let namesakes = Target(kind: .person, name: "Bo Chen", people: [1, 2])
    #expect(t.resolveTarget(personOrCompany: "bo chen") == .found(namesakes))
    let globex = Target(kind: .company, name: "Globex", people: [1])
    #expect(t.resolveTarget(personOrCompany: "Globex Ltd") == .found(globex))
    #expect(t.resolveTarget(personOrCompany: "Umbrella") == .notFound(.company))
  }

  @Test func wordPrefixMatchTakesWordsInOrder() {
    func fits(_ key: String, _ query: String) -> Bool {
      PersonTable.wordsBegin(key, with: query.split(separator: " "))
    }
    #expect(fits("lazega providence", "providence") && fits("lazega providence", "laz prov"))
    #expect(!fits("lazega providence", "prov laz") && !fits("lazega providence", "azega"))
    #expect(fits("a a b", "a b") && fits("a b a", "a a") && !fits("a b", "a a"))
    #expect(fits("procter & gamble", "procter gamble") && fits("anything", ""))
  }
}
