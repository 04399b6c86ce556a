import Foundation
import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// A people table and a ties table loaded as the command line would.
private func network(people: String? = nil, ties: String) throws -> LoadedNetwork {
  var files = [("ties.csv", ties)]
  if let people { files.append(("people.csv", people)) }
  let (loaded, errors) = try loadText(files)
  #expect(errors.isEmpty)
  return loaded
}

private func day(_ s: String) -> Day { Day(parsing: s)! }

/// The person with external id `id`.
private func pid(_ g: Graph, _ id: String) -> PersonID? { g.people.person(stableKey: "id:" + id) }

private func tie(_ g: Graph, _ a: String, _ b: String) -> Int? {
  guard let x = pid(g, a), let y = pid(g, b) else { return nil }
  return g.tieID(between: x, and: y)
}

/// Every tie as (id, id, strength, inferred, kind, source), sorted: what two graphs must agree on.
private func tieRows(_ g: Graph) -> [String] {
  g.tieList().enumerated().map { t, row in
    let (u, v, s) = row
    let (a, b) = (g.people.id(of: u), g.people.id(of: v))
    let ends = a < b ? "\(a)-\(b)" : "\(b)-\(a)"
    return "\(ends) \(s) \(g.ties.isInferred(t)) \(g.ties.kind(t) ?? "") \(g.ties.source(t) ?? "")"
  }.sorted()
}

private let made = Day(year: 2024, month: 3, day: 1)!

@Suite struct IdentityCorrectionTests {
  let people = """
    id,name,company,email,tags
    1,Ann Lee,,ann@x.com,alpha
    2,Ann Lee,Acme,ann.lee@y.com,beta
    3,Bob Ray,Beta Co,,
    4,Cy Dee,,,

    """
  let ties = """
    source,target,strength
    1,2,0.9
    1,3,0.4
    2,3,0.7
    2,4,0.2

    """

  @Test func sameMergesPeopleAttributesAndTies() throws {
    let loaded = try network(people: people, ties: ties)
    let corrections = NetworkCorrections(same: [IdentityCorrection(id: 1, "email:ann.lee@y.com", "id:1")])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    try g.checkInvariants()
    #expect(g.personCount == 3)
    #expect(pid(g, "2") == nil)
    let ann = try #require(pid(g, "1"))
    #expect(g.people.company(of: ann) == "Acme")
    #expect(g.people.emails(of: ann) == ["ann@x.com", "ann.lee@y.com"])
    #expect(g.people.tags(of: ann) == ["alpha", "beta"])
    // 1–3 (0.4) and 2–3 (0.7) are one tie now: the strongest wins; 1–2 was a self-tie.
    #expect(g.strength(between: ann, and: try #require(pid(g, "3"))) == 0.7)
    #expect(g.strength(between: ann, and: try #require(pid(g, "4"))) == 0.2)
    #expect(g.tieCount == 2)
    #expect(report.peopleMerged == 1)
    #expect(report.selfTiesDropped == 1)
    #expect(report.parallelTiesMerged == 1)
    #expect(report.outcomes == [.init(family: .same, id: 1, applied: true, effect: "merged Ann Lee into Ann Lee")])
    #expect(fixed.build.people == 3 && fixed.build.ties == 2)
    #expect(fixed.imports == loaded.imports)
  }

  @Test func unionFindChainsJoinEveryone() throws {
    let loaded = try network(people: people, ties: ties)
    let corrections = NetworkCorrections(same: [
      IdentityCorrection(id: 1, "id:3", "id:4"), IdentityCorrection(id: 2, "id:2", "id:3"),
      IdentityCorrection(id: 3, "id:4", "id:2"),
    ])
    let (fixed, report) = try corrections.apply(to: loaded)
    #expect(fixed.graph.personCount == 2)
    #expect(fixed.graph.people.name(of: try #require(pid(fixed.graph, "2"))) == "Ann Lee")
    #expect(report.outcomes.map(\.applied) == [true, true, false])
    #expect(report.outcomes[2].effect.contains("already one person"))
    // 1–2, 1–3 re-pointed to 2: one tie, strength 0.9; 2–3 and 2–4 became self-ties.
    #expect(tieRows(fixed.graph) == ["1-2 0.9 false  "])
  }

  @Test func differentBlocksSameThroughAChain() throws {
    let loaded = try network(people: people, ties: ties)
    let corrections = NetworkCorrections(
      same: [IdentityCorrection(id: 1, "id:1", "id:2"), IdentityCorrection(id: 2, "id:2", "id:3")],
      different: [IdentityCorrection(id: 3, "id:3", "id:1")])
    let (fixed, report) = try corrections.apply(to: loaded)
    #expect(fixed.graph.personCount == 3)
    #expect(report.outcomes.map(\.applied) == [true, false, true])
    #expect(report.outcomes[1].effect.hasPrefix("not merged: a `different` correction"))
  }

  /// People keep their ids and order when the only id that was not an
  /// integer is merged away.
  @Test func idsKeepTheirOrderWhenTheOnlyNonIntegerIdGoes() throws {
    let loaded = try network(ties: "source,target\n5,x\nx,2\n2,7\n")
    #expect((0..<4).map { loaded.graph.people.id(of: PersonID($0)) } == ["5", "x", "2", "7"])
    let corrections = NetworkCorrections(same: [IdentityCorrection(id: 1, "id:x", "id:5")])
    let (fixed, _) = try corrections.apply(to: loaded)
    #expect((0..<3).map { fixed.graph.people.id(of: PersonID($0)) } == ["5", "2", "7"])
    #expect(tieRows(fixed.graph) == ["2-5 0.5 false  ", "2-7 0.5 false  "])
  }

  /// Random multigraphs and random `same` pairs against the brute-force oracle.
  @Test(arguments: 1...40) func sameAgreesWithTheOracle(seed: UInt64) throws {
    let random = RandomMultigraph(seed: seed, maxPeople: 30)
    let (graph, build) = try random.build()
    let loaded = LoadedNetwork(graph: graph, imports: [], build: build, identity: nil)
    var rng = SplitMix64(seed: seed &* 7919)
    let pairs = (0..<Int(rng.next() % 12)).map { _ in
      (Int(rng.next() % UInt64(random.people)), Int(rng.next() % UInt64(random.people)))
    }
    let corrections = NetworkCorrections(
      same: pairs.enumerated().map { IdentityCorrection(id: $0.offset, "id:\($0.element.0)", "id:\($0.element.1)") })
    let (fixed, report) = try corrections.apply(to: loaded)
    let oracle = MergeOracle(people: random.people, ties: random.ties, same: pairs)
    let g = fixed.graph
    try g.checkInvariants()
    #expect((0..<g.personCount).map { Int(g.people.id(of: PersonID($0)))! } == oracle.kept, "\(random)")
    var got: [[Int]: Float] = [:]
    for (u, v, s) in g.tieList() {
      let (a, b) = (Int(g.people.id(of: u))!, Int(g.people.id(of: v))!)
      got[[min(a, b), max(a, b)]] = s
    }
    #expect(got == oracle.ties, "\(random)")
    #expect(report.selfTiesDropped == oracle.selfTiesDropped, "\(random)")
    #expect(report.peopleMerged == random.people - oracle.kept.count)
  }

  /// Merged ties whose strengths came from the model get the model's
  /// strength for the merged evidence (interactions add up, latest last
  /// contact, earliest since).
  @Test func mergedModelStrengthsAreRemade() throws {
    let ties = """
      source,target,interactions,last_contact,since
      me,a,4,2024-01-10,2020-01-01
      me,b,10,2023-06-01,2018-05-01
      me,c,1,2024-05-01,2024-05-01

      """
    let loaded = try network(ties: ties)
    let corrections = NetworkCorrections(same: [IdentityCorrection(id: 1, "id:a", "id:b")])
    let (fixed, _) = try corrections.apply(to: loaded)
    let g = fixed.graph
    let t = try #require(tie(g, "me", "a"))
    #expect(g.ties.interactions(t) == 14)
    #expect(g.ties.lastContact(t) == day("2024-01-10"))
    #expect(g.ties.since(t) == day("2018-05-01"))
    #expect(g.ties.hasModelStrength(t))
    let expected = TieStrengthModel.standard.strength(
      interactions: 14, lastContact: day("2024-01-10"), since: day("2018-05-01"), sharedContext: nil,
      asOf: day("2024-05-01"))!
    #expect(g.strength(between: pid(g, "me")!, and: pid(g, "a")!) == Float(expected))
  }

  /// A `different` correction acts inside identity resolution: the two
  /// records that name and company merge today stay two people.
  @Test func differentKeepsContactRecordsApart() throws {
    let a =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Marie,Curie,https://www.linkedin.com/in/mcurie,,"Radium, Inc.",Chemist,01 Jan 2020

        """
    let b = "First Name,Last Name,Primary Email,Organization\nMarie,Curie,marie@radium.fr,Radium\n"
    let (merged, _) = try loadContactText([("a.csv", a), ("b.csv", b)])
    #expect(merged.identity?.mergedByNameAndCompany == 1)
    let marie = try #require(person(merged.graph, "Marie Curie"))
    #expect(merged.graph.people.stableKey(of: marie) == "url:linkedin.com/in/mcurie")

    var options = LoadOptions()
    let corrections = NetworkCorrections(different: [
      IdentityCorrection(id: 1, "email:marie@radium.fr", "url:linkedin.com/in/mcurie")
    ])
    options.contacts.keptApart = corrections.keptApart
    let (apart, _) = try loadContactText([("a.csv", a), ("b.csv", b)], options: options)
    #expect(apart.graph.personCount == merged.graph.personCount + 1)
    #expect(apart.identity?.mergedByNameAndCompany == 0)
    #expect(apart.identity?.keptApartByCorrection == 1)
    #expect(apart.identity?.ambiguous.last?.reason == "kept apart by a `different` correction")
    #expect(apart.identity?.ambiguousPairs.isEmpty == true)
    let maries = (0..<apart.graph.personCount).filter { apart.graph.people.name(of: PersonID($0)) == "Marie Curie" }
    #expect(maries.count == 2)
    // Applied afterwards, the correction reports both kept apart; on the merged network it says why it cannot split.
    let (_, kept) = try corrections.apply(to: apart)
    #expect(kept.outcomes.map(\.applied) == [true])
    let (_, cannot) = try corrections.apply(to: merged)
    #expect(cannot.outcomes.map(\.applied) == [false])
    #expect(cannot.outcomes[0].effect.contains("ContactOptions.keptApart"))
  }
}

@Suite struct TieCorrectionTests {
  let ties = """
    source,target,strength,kind,confidence
    1,2,0.5,colleague,0.6
    1,3,0.8,friend,
    3,4,0.3,,0.4

    """

  @Test func rejectRemovesAnInferredTieAndKeepsItRemoved() throws {
    let loaded = try network(ties: ties)
    #expect(loaded.graph.ties.isInferred(try #require(tie(loaded.graph, "1", "2"))))
    let corrections = NetworkCorrections(ties: [TieCorrection(id: 7, "id:1", "id:2", .reject, made: made)])
    let (fixed, report) = try corrections.apply(to: loaded)
    #expect(tie(fixed.graph, "1", "2") == nil)
    #expect(fixed.graph.personCount == loaded.graph.personCount)
    #expect(report.tiesRemoved == 1 && report.inferredTiesRemoved == 1)
    #expect(report.outcomes[0].effect == "removed the inferred tie between 1 and 2")
    // A re-import brings the tie back; the stored rejection removes it again.
    let again = try network(ties: ties)
    #expect(tie(try corrections.apply(to: again).0.graph, "1", "2") == nil)
    // Rejecting what is not there is reported, not fatal.
    let twice = NetworkCorrections(ties: [TieCorrection(id: 8, "id:2", "id:4", .reject, made: made)])
    let (_, nothing) = try twice.apply(to: loaded)
    #expect(nothing.outcomes.map(\.applied) == [false])
  }

  @Test func confirmMakesInferredObservedAndAddsMissing() throws {
    let loaded = try network(ties: ties)
    let corrections = NetworkCorrections(ties: [
      TieCorrection(id: 1, "id:3", "id:4", .confirm, made: made),
      TieCorrection(id: 2, "id:2", "id:4", .confirm, made: made),
      TieCorrection(id: 3, "id:1", "id:3", .confirm, made: made),
    ])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    let t34 = try #require(tie(g, "3", "4"))
    #expect(!g.ties.isInferred(t34))
    #expect(g.strength(between: pid(g, "3")!, and: pid(g, "4")!) == 0.3)
    let t24 = try #require(tie(g, "2", "4"))
    #expect(!g.ties.isInferred(t24))
    #expect(g.ties.source(t24) == "correction #2")
    #expect(g.tieClass(t24) == .unrated)
    #expect(report.tiesConfirmed == 1 && report.tiesAdded == 1)
    #expect(report.outcomes.map(\.applied) == [true, true, false])
  }

  @Test func strengthAndKindWinAndLaterCorrectionsOverride() throws {
    let loaded = try network(ties: ties)
    let corrections = NetworkCorrections(ties: [
      TieCorrection(id: 1, "id:1", "id:3", .strength(0.9), made: made),
      TieCorrection(id: 2, "id:3", "id:1", .strength(0.25), made: made),
      TieCorrection(id: 3, "id:1", "id:3", .kind("mentor"), made: made),
      TieCorrection(id: 4, "id:1", "id:4", .strength(1.5), made: made),
      TieCorrection(id: 5, "id:1", "id:2", .reject, made: made),
      TieCorrection(id: 6, "id:1", "id:2", .kind("friend"), made: made),
    ])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    #expect(g.strength(between: pid(g, "1")!, and: pid(g, "3")!) == 0.25)
    #expect(g.ties.kind(try #require(tie(g, "1", "3"))) == "mentor")
    #expect(tie(g, "1", "4") == nil)
    // The later kind overrides the rejection: the (inferred) tie stays, relabelled.
    let t12 = try #require(tie(g, "1", "2"))
    #expect(g.ties.kind(t12) == "friend")
    #expect(g.ties.isInferred(t12))
    #expect(report.outcomes.map(\.applied) == [false, true, true, false, false, true])
    #expect(report.outcomes[0].effect == "overridden by the later correction #2")
    #expect(report.outcomes[1].effect == "strength of the tie between 1 and 3: 0.800 → 0.250")
    #expect(report.outcomes[3].effect == "strength 1.5 is not a number in (0, 1]")
  }

  @Test func setReplacesCompanyAndAddsTags() throws {
    let people = "id,name,company,tags\n1,Ann,Acme,alpha\n2,Bob,Beta,\n"
    let loaded = try network(people: people, ties: "source,target\n1,2\n")
    let corrections = NetworkCorrections(attributes: [
      AttributeCorrection(id: 1, "id:1", company: "Old Co", tags: ["vip"]),
      AttributeCorrection(id: 2, "id:1", company: "NewCo", tags: ["alpha", "board"]),
      AttributeCorrection(id: 3, "id:2", company: ""),
    ])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    let ann = try #require(pid(g, "1"))
    #expect(g.people.company(of: ann) == "NewCo")
    #expect(g.people.tags(of: ann) == ["alpha", "vip", "board"])
    #expect(g.people.company(of: try #require(pid(g, "2"))) == "")
    let groups = g.people.companyGroups
    #expect(groups.group(key: Identity.companyKey("NewCo")).map { groups.members($0) } == [ann])
    #expect(report.outcomes[0].effect.hasSuffix("(company overridden by #2)"))
    #expect(report.outcomes[2].effect == "Bob: company \"Beta\" cleared")
  }
}

@Suite struct InteractionLogTests {
  let ties = """
    source,target,interactions,last_contact,since
    me,ann,5,2019-01-01,2015-01-01
    me,bob,3,2024-05-01,2020-01-01

    """
  let today = Day(year: 2024, month: 6, day: 1)!

  @Test func aLoggedCoffeeMovesADormantTieOutOfDormant() throws {
    let loaded = try network(ties: ties)
    let before = try #require(tie(loaded.graph, "me", "ann"))
    #expect(loaded.graph.tieClass(before, asOf: today) == .dormant)
    let oldStrength = loaded.graph.strength(between: pid(loaded.graph, "me")!, and: pid(loaded.graph, "ann")!)!
    let corrections = NetworkCorrections(
      owner: "id:me", interactions: [Interaction(id: 12, date: today, kind: .met, people: ["id:ann"], note: "coffee")])
    let (fixed, report) = try corrections.apply(to: loaded, asOf: today)
    let g = fixed.graph
    let t = try #require(tie(g, "me", "ann"))
    #expect(g.tieClass(t) != .dormant)
    #expect(g.tieClass(t, asOf: today) != .dormant)
    #expect(g.ties.referenceDate == today)
    #expect(g.ties.lastContact(t) == today)
    #expect(g.ties.since(t) == day("2015-01-01"))
    // Five interactions with no direction, and a meeting both ways.
    #expect(g.ties.interactions(t) == 7)
    #expect(g.ties.interactionsOut(t) == nil)
    #expect(g.ties.source(t) == "log #12")
    let newStrength = g.strength(between: pid(g, "me")!, and: pid(g, "ann")!)!
    #expect(newStrength > oldStrength)
    let expected = TieStrengthModel.standard.strength(
      interactions: 7, lastContact: today, since: day("2015-01-01"), sharedContext: nil, asOf: today)!
    #expect(newStrength == Float(expected))
    #expect(report.tiesWithLoggedEvidence == 1)
    #expect(
      report.outcomes == [
        .init(family: .log, id: 12, applied: true, effect: "evidence for the ties of me and ann")
      ])
    // Without a date given, the log's latest entry is the reference date.
    #expect(try corrections.apply(to: loaded).0.graph.ties.referenceDate == today)
  }

  @Test func anIntroductionIsEvidenceBetweenTheTwoIntroduced() throws {
    let loaded = try network(ties: ties)
    #expect(tie(loaded.graph, "ann", "bob") == nil)
    let corrections = NetworkCorrections(
      owner: "id:me",
      interactions: [
        Interaction(id: 13, date: today, kind: .intro, people: ["id:ann", "id:bob"]),
        Interaction(id: 14, date: day("2024-05-20"), kind: .email, people: ["id:bob"]),
      ])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    let t = try #require(tie(g, "ann", "bob"))
    #expect(!g.ties.isInferred(t))
    #expect(g.ties.source(t) == "log #13")
    #expect(g.ties.kind(t) == "log")
    #expect(g.ties.interactionsOut(t) == 1 && g.ties.interactionsIn(t) == 1)
    #expect(g.ties.lastContact(t) == today)
    #expect(g.ties.hasModelStrength(t))
    // The owner's tie to Bob: the introduction and an email, the latest named.
    let mb = try #require(tie(g, "me", "bob"))
    #expect(g.ties.interactions(mb) == 3 + 3)
    #expect(g.ties.source(mb) == "log #13")
    #expect(report.tiesAdded == 1)
    #expect(report.tiesWithLoggedEvidence == 3)
  }

  @Test func aRejectionWinsOnlyOverOlderEntries() throws {
    let loaded = try network(ties: ties)
    let reject = TieCorrection(id: 1, "id:me", "id:bob", .reject, made: made)
    let older = NetworkCorrections(
      owner: "id:me", ties: [reject],
      interactions: [Interaction(id: 20, date: day("2024-02-01"), kind: .call, people: ["id:bob"])])
    let (kept, report) = try older.apply(to: loaded)
    #expect(tie(kept.graph, "me", "bob") == nil)
    #expect(report.outcomes.last?.applied == false)
    #expect(report.outcomes.last?.effect == "left out where a later rejection holds (#1)")

    let newer = NetworkCorrections(
      owner: "id:me", ties: [reject],
      interactions: [Interaction(id: 21, date: made, kind: .call, people: ["id:bob"])])
    let (back, _) = try newer.apply(to: loaded)
    let t = try #require(tie(back.graph, "me", "bob"))
    // Made again from the log alone: the rejected import's evidence is gone.
    #expect(back.graph.ties.interactions(t) == 2)
    #expect(back.graph.ties.since(t) == made)
    #expect(back.graph.ties.source(t) == "log #21")
  }

  @Test func unknownKeysAreReportedNeverFatal() throws {
    let loaded = try network(ties: ties)
    let corrections = NetworkCorrections(
      owner: "id:nobody",
      same: [IdentityCorrection(id: 1, "id:ann", "url:linkedin.com/in/ghost")],
      different: [IdentityCorrection(id: 2, "id:ghost", "id:bob")],
      ties: [TieCorrection(id: 3, "id:ann", "email:ghost@x.org", .confirm, made: made)],
      attributes: [AttributeCorrection(id: 4, "id:ghost", company: "X")],
      interactions: [Interaction(id: 5, date: today, kind: .met, people: ["id:ann"])])
    let (fixed, report) = try corrections.apply(to: loaded)
    #expect(tieRows(fixed.graph) == tieRows(loaded.graph))
    #expect(report.outcomes.allSatisfy { !$0.applied })
    #expect(report.outcomes.count == 5)
    #expect(
      report.unknownKeys.map(\.key) == [
        "id:ghost", "url:linkedin.com/in/ghost", "email:ghost@x.org", "id:ghost", "id:nobody",
      ])
    #expect(report.outcomes[0].effect == "names nobody in the network: url:linkedin.com/in/ghost")
    #expect(report.outcomes[4].effect == "the owner id:nobody names nobody in the network")
    // A log entry naming someone unknown still counts for those it knows.
    let partly = NetworkCorrections(
      owner: "id:me", interactions: [Interaction(id: 6, date: today, kind: .met, people: ["id:ann", "id:ghost"])])
    let (_, partial) = try partly.apply(to: loaded)
    #expect(partial.outcomes[0].applied)
    #expect(partial.outcomes[0].effect.hasSuffix("names nobody in the network: id:ghost"))
  }

  /// With no owner given, the log is the first contact export's owner's.
  @Test func theOwnerDefaultsToTheExportOwner() throws {
    let export =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Engineer,01 Jan 2020

        """
    let (loaded, _) = try loadContactText([("Connections.csv", export)], owners: ["mary"])
    let corrections = NetworkCorrections(interactions: [
      Interaction(id: 3, date: today, kind: .call, people: ["url:linkedin.com/in/ann-lee"])
    ])
    let (fixed, report) = try corrections.apply(to: loaded)
    let g = fixed.graph
    let t = try #require(tie(g, "mary", "linkedin.com/in/ann-lee"))
    #expect(g.ties.lastContact(t) == today)
    #expect(g.ties.source(t) == "mary + log #3")
    #expect(g.ties.interactionsOut(t) == 1 && g.ties.interactionsIn(t) == 1)
    #expect(report.unknownKeys.isEmpty)
  }

  @Test func applyingTwiceGivesTheSameGraph() throws {
    let loaded = try network(ties: ties + "ann,bob,2,2023-01-01,2022-01-01\ncy,dee,1,2020-01-01,\n")
    let corrections = NetworkCorrections(
      owner: "id:me",
      same: [IdentityCorrection(id: 1, "id:cy", "id:dee")],
      ties: [
        TieCorrection(id: 2, "id:ann", "id:cy", .confirm, made: made),
        TieCorrection(id: 3, "id:me", "id:ann", .kind("friend"), made: made),
      ],
      interactions: [
        Interaction(id: 4, date: today, kind: .intro, people: ["id:bob", "id:cy"]),
        Interaction(id: 5, date: today, kind: .message, direction: .in, people: ["id:ann"]),
      ])
    let (first, r1) = try corrections.apply(to: loaded)
    let (second, r2) = try corrections.apply(to: loaded)
    #expect(first.graph.tieList().map { "\($0)" } == second.graph.tieList().map { "\($0)" })
    #expect(tieRows(first.graph) == tieRows(second.graph))
    #expect(r1 == r2)
    // Applying to the corrected network changes nothing more but the log's counts (they add up again).
    let corrected = NetworkCorrections(owner: "id:me", same: corrections.same, ties: corrections.ties)
    let (third, _) = try corrected.apply(to: first)
    #expect(tieRows(third.graph) == tieRows(first.graph))
  }
}

@Suite struct CorrectionsCodingTests {
  /// What a store keeps reads back equal (JSON through Foundation's coder).
  @Test func roundTripsThroughJSON() throws {
    let corrections = NetworkCorrections(
      owner: "id:me", same: [IdentityCorrection(id: 1, "id:a", "email:b@x.org")],
      different: [IdentityCorrection(id: 2, "url:linkedin.com/in/c", "id:d")],
      ties: [
        TieCorrection(id: 3, "id:a", "id:d", .strength(0.8), made: made),
        TieCorrection(id: 4, "id:a", "id:c", .kind("mentor"), made: made),
        TieCorrection(id: 5, "id:c", "id:d", .reject, made: made),
      ],
      attributes: [AttributeCorrection(id: 6, "id:a", company: "Acme", tags: ["vip"])],
      interactions: [Interaction(id: 7, date: made, kind: .intro, people: ["id:c", "id:d"], note: "lunch")])
    let data = try JSONEncoder().encode(corrections)
    #expect(try JSONDecoder().decode(NetworkCorrections.self, from: data) == corrections)
    #expect(corrections.interactions[0].direction == .both)
    #expect(Interaction(date: made, kind: .email, people: []).direction == .out)
    #expect(corrections.keptApart == [PersonKeyPair("url:linkedin.com/in/c", "id:d")])
  }
}

/// The bundled team (people, ties, four LinkedIn exports, inferred ties).
@Suite struct TeamCorrectionsTests {
  func team() throws -> LoadedNetwork {
    let root = SharedData.repositoryRoot() + "/datasets/team"
    let specs = try InputSpec.expandingFolders([
      InputSpec(path: root + "/people.csv"), InputSpec(path: root + "/ties.csv"), InputSpec(path: root + "/exports"),
    ])
    return try NetworkLoader.load(specs)
  }

  /// Every person's attributes and every tie's evidence, as text.
  func everything(_ g: Graph) -> [String] {
    let p = g.people
    let people = (0..<g.personCount).map { i -> String in
      let q = PersonID(i)
      return [
        p.id(of: q), p.name(of: q), p.company(of: q), p.title(of: q), p.industry(of: q), p.location(of: q),
        p.profileURL(of: q), p.emails(of: q).joined(separator: ";"), p.tags(of: q).joined(separator: ";"),
      ].joined(separator: "|")
    }
    let a = g.ties
    let ties = g.tieList().enumerated().map { t, row in
      "\(row) \(a.isRated(t)) \(a.hasModelStrength(t)) \(String(describing: a.interactions(t))) "
        + "\(String(describing: a.interactionsOut(t))) \(String(describing: a.interactionsIn(t))) "
        + "\(String(describing: a.lastContact(t))) \(String(describing: a.since(t))) "
        + "\(String(describing: a.confidence(t))) \(a.kind(t) ?? "") \(a.source(t) ?? "") \(a.isNegative(t))"
    }
    return people + ties + ["\(String(describing: a.referenceDate))"]
  }

  /// No corrections: the same network, person for person and tie for tie.
  @Test func noCorrectionsRebuildTheSameNetwork() throws {
    let loaded = try team()
    #expect(loaded.graph.ties.inferredCount > 0)
    let (fixed, report) = try NetworkCorrections().apply(to: loaded)
    #expect(everything(fixed.graph) == everything(loaded.graph))
    #expect(fixed.build == loaded.build)
    #expect(report == CorrectionsReport())
  }

  /// Merging two owners' contacts, rejecting every inferred tie of one
  /// person and logging with a contact: the graph stays valid and every
  /// inferred tie named is gone.
  @Test func correctionsOnTheTeam() throws {
    let loaded = try team()
    let g = loaded.graph
    let owner = try #require(loaded.identity?.owners.first)
    let me = try #require(g.people.person(stableKey: "id:" + owner.person))
    let contacts = g.neighbors(of: me).prefix(3).map { g.people.stableKey(of: $0) }
    let inferred = (0..<g.tieCount).filter { g.ties.isInferred($0) }.prefix(5).map { g.endpoints(ofTie: $0) }
    let day = try #require(g.ties.referenceDate)
    let corrections = NetworkCorrections(
      same: [IdentityCorrection(id: 1, contacts[0], contacts[1])],
      ties: inferred.enumerated().map {
        TieCorrection(
          id: 10 + $0.offset, g.people.stableKey(of: $0.element.0), g.people.stableKey(of: $0.element.1), .reject,
          made: day)
      },
      interactions: [Interaction(id: 20, date: day, kind: .met, people: [contacts[2]])])
    let (fixed, report) = try corrections.apply(to: loaded)
    try fixed.graph.checkInvariants()
    #expect(fixed.graph.personCount == g.personCount - 1)
    #expect(report.unknownKeys.isEmpty)
    #expect(report.notApplied.isEmpty, "\(report.notApplied)")
    #expect(report.inferredTiesRemoved == inferred.count)
    // Ids after the merged person's moved down: find both again by key.
    let f = fixed.graph
    let me2 = try #require(f.people.person(stableKey: "id:" + owner.person))
    let met = try #require(f.people.person(stableKey: contacts[2]))
    let t = try #require(f.tieID(between: me2, and: met))
    #expect(fixed.graph.ties.source(t)?.hasSuffix("log #20") == true)
  }
}
