import GraphCore
import Testing

@Suite struct DayTests {
  @Test(arguments: [
    ("2026-11-27", 2026, 11, 27), ("26 Dec 2025", 2025, 12, 26), ("05 Jan 2020", 2020, 1, 5),
    ("1/8/18, 6:14 PM", 2018, 1, 8), ("12/31/1999", 1999, 12, 31), ("2026-08-01 10:00:00 UTC", 2026, 8, 1),
    ("2024-02-29", 2024, 2, 29), ("1970-01-01", 1970, 1, 1),
  ])
  func parsesTheFormsFoundInContactData(text: String, y: Int, m: Int, d: Int) throws {
    let day = try #require(Day(parsing: text))
    #expect(day == Day(year: y, month: m, day: d))
    #expect(day.components == (y, m, d))
  }

  @Test(arguments: ["", "2023-02-29", "31 Foo 2020", "13/1/20", "2020-1", "abc", "2020-01-01x"])
  func rejectsNonDates(text: String) { #expect(Day(parsing: text) == nil) }

  @Test(arguments: [
    ("2024-02-31", DayParseError.dayOutOfRange(year: 2024, month: 2, day: 31)),
    ("2023-02-29", .dayOutOfRange(year: 2023, month: 2, day: 29)),
    ("2024-04-31", .dayOutOfRange(year: 2024, month: 4, day: 31)),
    ("2024-01-00", .dayOutOfRange(year: 2024, month: 1, day: 0)), ("2024-13-01", .monthOutOfRange(month: 13)),
    ("0000-01-01", .yearOutOfRange(year: 0)), ("31 Feb 2024", .dayOutOfRange(year: 2024, month: 2, day: 31)),
    ("2/30/24, 9:00 AM", .dayOutOfRange(year: 2024, month: 2, day: 30)), ("13/1/20", .monthOutOfRange(month: 13)),
    ("2024-02-31T10:00:00Z", .dayOutOfRange(year: 2024, month: 2, day: 31)),
    ("", .notADate), ("abc", .notADate), ("2024-02-31x", .notADate), ("2024/02/01", .notADate), ("2020-1", .notADate),
    ("31 Foo 2020", .notADate),
  ])
  func saysWhyATextIsNotADay(text: String, problem: DayParseError) {
    #expect(Day.parse(text) == .failure(problem))
    #expect(Day(parsing: text) == nil)
    #expect(problem.isOutOfRange == (problem != .notADate))
  }

  @Test func outOfRangeMessagesNameTheMonth() {
    #expect(
      DayParseError.dayOutOfRange(year: 2024, month: 2, day: 31).description
        == "day 31 is out of range for the month (February 2024 has 29 days)")
    #expect(DayParseError.monthOutOfRange(month: 13).description == "month 13 is out of range (months are 1–12)")
    #expect(Day.parse("2024-02-29") == .success(Day(year: 2024, month: 2, day: 29)!))
  }

  @Test func roundTripsEveryDayOfFourCenturies() {
    var d = Day(year: 1900, month: 1, day: 1)!
    let end = Day(year: 2300, month: 1, day: 1)!
    while d < end {
      let c = d.components
      #expect(Day(year: c.year, month: c.month, day: c.day) == d)
      d = d.adding(days: 1)
    }
    #expect(Day(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    #expect(Day(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11017)
    #expect(Day(year: 2025, month: 12, day: 26)!.linkedInFormat == "26 Dec 2025")
  }
}

@Suite struct TieStrengthModelTests {
  let asOf = Day(year: 2026, month: 1, day: 1)!

  @Test func componentsFollowTheirFormulas() throws {
    // One meeting exactly 90 days ago, both directions, known 3 years.
    let e = InteractionEvent(day: asOf.adding(days: -90), kind: .meeting, direction: .mutual)
    let inputs = TieStrengthInputs(events: [e], knownSince: asOf.adding(days: -1096))
    let score = try #require(TieStrengthModel.standard.score(inputs, asOf: asOf))
    let r = 0.5  // 2^(-90/90)
    let i = 1 - exp(-(1.0 * pow(2, -90.0 / 180)) / 6)
    let u = 1 - exp(-(1096 / 365.25) / 3)
    let p = 1.0
    let expected = (0.2 * r + 0.2 * i + 0.15 * u + 0.05 * p) / 0.6
    #expect(abs(score.strength - expected) < 1e-12)
    #expect(abs(score.coverage - 0.6) < 1e-12)
  }

  @Test func missingComponentsAreLeftOutOfTheMean() throws {
    // Company context only plus structure: coverage 0.15 (Guides/GraphCore.md; imported_no_log).
    let inputs = TieStrengthInputs(contexts: [(.company, 24, true)], mutual: 12, egoDegree: 200, alterDegree: 150)
    let score = try #require(TieStrengthModel.standard.score(inputs, asOf: asOf))
    #expect(abs(score.coverage - 0.15) < 1e-12)
    let x = 0.8 * (1 - exp(-2.0))
    let o = 12.0 / (199 + 149 - 12)
    #expect(abs(score.strength - (0.1 * x + 0.05 * o) / 0.15) < 1e-12)
    #expect(TieStrengthModel.standard.score(TieStrengthInputs(), asOf: asOf) == nil)
  }

  @Test func oneSidedOutreachHasNoReciprocity() throws {
    let events = (0..<5).map {
      InteractionEvent(day: asOf.adding(days: -10 * $0), kind: .message, direction: .outgoing)
    }
    let score = try #require(TieStrengthModel.standard.score(TieStrengthInputs(events: events), asOf: asOf))
    #expect(score.components["reciprocity"] == 0)
    #expect(
      TieClassifier().classify(
        strength: score.strength, lastContact: asOf, interactionsOut: 5, interactionsIn: 0, asOf: asOf)
        == .unreciprocated)
  }

  @Test func classificationOrderAndThresholds() {
    let c = TieClassifier()
    let old = asOf.adding(days: -1095)
    #expect(c.classify(strength: 0.9, lastContact: old, asOf: asOf) == .dormant)
    #expect(c.classify(strength: 0.9, lastContact: asOf.adding(days: -1094), asOf: asOf) == .strong)
    #expect(c.classify(strength: 0.55, lastContact: nil, asOf: asOf) == .strong)
    #expect(c.classify(strength: 0.5499, lastContact: nil, asOf: asOf) == .weak)
    #expect(c.classify(strength: 0.15, lastContact: nil, asOf: asOf) == .weak)
    #expect(c.classify(strength: 0.1, lastContact: nil, asOf: asOf) == .nominal)
    #expect(c.classify(strength: nil, lastContact: nil, asOf: asOf) == .unrated)
    let custom = TieClassifier(strongAtLeast: 0.8, weakAtLeast: 0.3, dormantAfterDays: 365)
    #expect(custom.classify(strength: 0.7, lastContact: nil, asOf: asOf) == .weak)
    #expect(custom.classify(strength: 0.7, lastContact: asOf.adding(days: -400), asOf: asOf) == .dormant)
  }

  @Test func summaryStrengthRisesWithRecencyAndVolume() throws {
    let m = TieStrengthModel.standard
    let since = asOf.adding(days: -2000)
    let recentMany = try #require(
      m.strength(interactions: 200, lastContact: asOf.adding(days: -3), since: since, sharedContext: nil, asOf: asOf))
    let recentFew = try #require(
      m.strength(interactions: 2, lastContact: asOf.adding(days: -3), since: since, sharedContext: nil, asOf: asOf))
    let oldMany = try #require(
      m.strength(interactions: 200, lastContact: asOf.adding(days: -900), since: since, sharedContext: nil, asOf: asOf))
    #expect(recentMany > recentFew)
    #expect(recentMany > oldMany)
    #expect((0.001...1).contains(recentMany))
    #expect(m.strength(interactions: nil, lastContact: nil, since: nil, sharedContext: nil, asOf: asOf) == nil)
  }
}

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct SummaryStrengthOracleTests {
  /// The closed form equals the event-by-event model on the same synthetic events.
  @Test(arguments: [(1, 10, 400), (2, 3, 30), (12, 40, 1000), (57, 0, 2000), (300, 700, 3650), (5, 5, 5)])
  func closedFormEqualsExplicitEvents(count: Int, daysSinceLast: Int, spanDays: Int) throws {
    let asOf = Day(year: 2026, month: 6, day: 1)!
    let last = asOf.adding(days: -daysSinceLast)
    let since = last.adding(days: -spanDays)
    let m = TieStrengthModel.standard
    let closed = try #require(
      m.strength(interactions: count, lastContact: last, since: since, sharedContext: nil, asOf: asOf))
    // Oracle: explicit, evenly spaced (fractional-day) events through the general formula.
    let w = 0.5
    var volume = 0.0
    for i in 0..<count {
      // One event: the last contact.
      let t = count == 1 ? Double(spanDays) : Double(spanDays) * Double(i) / Double(count - 1)
      let age = Double(daysSinceLast) + Double(spanDays) - t
      volume += w * pow(2, -age / 180)
    }
    let r = pow(2, -Double(daysSinceLast) / 90)
    let i = 1 - exp(-volume / 6)
    let u = 1 - exp(-(Double(daysSinceLast + spanDays) / 365.25) / 3)
    let expected = max(0.001, (0.2 * r + 0.2 * i + 0.15 * u) / 0.55)
    #expect(abs(closed - expected) < 1e-12, "count \(count)")
  }
}

@Suite struct ModelStrengthBitTests {
  /// Ties rated by the model (evidence, no strength) are marked; given and
  /// unrated ones are not; the marks survive `keepingTies`.
  @Test func marksTiesWhoseStrengthTheModelMade() throws {
    var b = GraphBuilder()
    let (a, c, d, e) = (b.person(key: "a"), b.person(key: "c"), b.person(key: "d"), b.person(key: "e"))
    let day = Day(year: 2024, month: 1, day: 1)!
    _ = try b.addTie(a, c, evidence: TieEvidence(interactions: 3, lastContact: day))
    _ = try b.addTie(a, d, evidence: TieEvidence(strength: 0.7, interactions: 3, lastContact: day))
    _ = try b.addTie(a, e)
    _ = try b.addTie(c, d, evidence: TieEvidence(lastContact: day))
    let (g, _) = try b.build()
    func t(_ x: PersonID, _ y: PersonID) -> Int { g.tieID(between: x, and: y)! }
    #expect(g.ties.hasModelStrength(t(a, c)))
    #expect(!g.ties.hasModelStrength(t(a, d)))
    #expect(!g.ties.hasModelStrength(t(a, e)))
    #expect(g.ties.hasModelStrength(t(c, d)))
    let kept = g.keepingTies { $0 != t(a, c) }
    #expect(kept.tieCount == 3)
    #expect(kept.ties.hasModelStrength(kept.tieID(between: c, and: d)!))
    #expect(!kept.ties.hasModelStrength(kept.tieID(between: a, and: d)!))
    // A graph whose strengths are all given has no marks.
    var given = GraphBuilder()
    _ = try given.addTie(given.person(key: "x"), given.person(key: "y"), strength: 0.4)
    #expect(!(try given.build().0.ties.hasModelStrength(0)))
  }
}

/// A tie is unreciprocated only when every logged interaction has a
/// direction and none came back.
@Suite struct UnreciprocatedTests {
  @Test func undirectedInteractionsLeaveReciprocityOpen() {
    let c = TieClassifier()
    let day = Day(year: 2026, month: 10, day: 1)
    #expect(
      c.classify(strength: 0.6, lastContact: day, interactionsOut: 1, interactionsIn: 0, asOf: day) == .unreciprocated)
    #expect(
      c.classify(strength: 0.6, lastContact: day, interactionsOut: 1, interactionsIn: 0, interactions: 1, asOf: day)
        == .unreciprocated)
    #expect(
      c.classify(strength: 0.6, lastContact: day, interactionsOut: 1, interactionsIn: 0, interactions: 13, asOf: day)
        == .strong, "12 interactions of a ties table have no direction")
  }
}
