import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphAlgorithms

/// The plan over time: a person who follows it for 26 weeks (Guides/Plan.md,
/// "The scenario"). The rules are checked here independently of the plan's
/// own bookkeeping, from the simulated log.
@Suite struct NetworkingPlanScenarioTests {
  /// Seed of the generated network and of the skipped actions.
  static let seed: UInt64 = 2026_12_07
  static let start = Day(year: 2027, month: 1, day: 4)!  // a Monday

  struct World {
    var graph: Graph
    var ego: PersonID
    var contacts: [PersonID]
    var cadence: [PersonID: Int]
    var targets: [PlanTarget]
  }

  /// An ego with 60 contacts (10 kept every 30 days, 50 every 90, their last
  /// contacts spread evenly over their windows), 120 second-degree people,
  /// some ties among the contacts, and three targets two steps away.
  static func world() throws -> World {
    var rng = SplitMix64(seed: seed)
    var b = GraphBuilder()
    let ego = b.person(key: "ego")
    b.setAttributes(ego, .init(name: "Eve Ego", industry: "Fintech", location: "Berlin"))
    let industries = ["Fintech", "Health", "Retail", "Energy"]
    let places = ["Berlin", "Lisbon", "Austin"]
    var contacts: [PersonID] = []
    var cadence: [PersonID: Int] = [:]
    for i in 0..<60 {
      let c = b.person(key: "c\(i)")
      b.setAttributes(
        c,
        .init(
          name: "Contact \(i)", company: "Company \(i % 17)", industry: industries[rng.nextInt(below: 4)],
          location: places[rng.nextInt(below: 3)]))
      let days = i < 10 ? 30 : 90
      cadence[c] = days
      // Spread evenly: contact i was last in touch `offset` days before the start.
      let offset = i < 10 ? (i * 3) : ((i - 10) * 90 / 50)
      let strength = 0.3 + 0.6 * rng.nextDouble()
      _ = try b.addTie(
        ego, c,
        evidence: TieEvidence(
          strength: strength, lastContact: start.adding(days: -offset), since: Day(year: 2020, month: 1, day: 1)))
      contacts.append(c)
    }
    for i in 0..<60 {
      for j in (i + 1)..<60 where rng.chance(0.05) {
        _ = try b.addTie(contacts[i], contacts[j], evidence: TieEvidence(strength: 0.4))
      }
    }
    var second: [PersonID] = []
    for s in 0..<120 {
      let p = b.person(key: "s\(s)")
      b.setAttributes(p, .init(name: "Second \(s)", company: "Far \(s % 9)"))
      for _ in 0..<(1 + rng.nextInt(below: 2)) {
        _ = try b.addTie(p, contacts[rng.nextInt(below: 60)], evidence: TieEvidence(strength: 0.5))
      }
      second.append(p)
    }
    let targets = (0..<3).map { PlanTarget(name: "Far \($0)", people: second.filter { Int($0) % 9 == 0 }) }
    let (g, _) = try b.build()
    return World(graph: g, ego: ego, contacts: contacts, cadence: cadence, targets: targets)
  }

  @Test func twentySixWeeksOfFollowingThePlan() throws {
    let w = try Self.world()
    let g = w.graph
    var rules = CadenceRules()
    rules.byPerson = w.cadence
    var rng = SplitMix64(seed: Self.seed, stream: 1)
    var log: [PlanLogEntry] = []
    var lastContact: [PersonID: Day] = [:]
    for c in w.contacts { lastContact[c] = g.ties.lastContact(g.tieID(between: w.ego, and: c)!) }
    var skippedReconnect = Set<PersonID>()
    var lastLogged: [String: Day] = [:]
    var counts: [String: Int] = [:]
    func window(_ a: PlanAction) -> Int {
      switch a.kind {
      case .introduce, .followUp: Int.max
      case .group: 90
      default: w.cadence[a.people[0]] ?? 90
      }
    }
    for week in 0..<26 {
      let today = Self.start.adding(days: 7 * week)
      // Every contact never skipped is reached within its cadence and a week.
      for c in w.contacts where !skippedReconnect.contains(c) {
        let gap = lastContact[c]!.days(until: today)
        #expect(gap <= w.cadence[c]! + 7, "week \(week): \(g.people.name(of: c)) last reached \(gap) days ago")
      }
      var request = PlanRequest(ego: w.ego, today: today)
      request.budget = 10
      request.cadences = rules
      request.log = log
      request.targets = w.targets
      let plan = g.networkingPlan(request)
      #expect(plan.actions.count <= 10, "week \(week): \(plan.actions.count) actions")
      #expect(plan.actions == g.networkingPlan(request).actions, "the same request gives the same plan")
      for a in plan.actions {
        counts[a.kind.rawValue, default: 0] += 1
        // Nothing logged comes back within its window.
        if let last = lastLogged[a.key] {
          #expect(
            last.days(until: today) >= window(a), "week \(week): \(a.key) again after \(last.days(until: today)) days")
        }
        // No ask without rapport: a two-way contact within the cadence, and a give within 12 months.
        if a.kind == .ask {
          let p = a.people[0]
          let cadence = w.cadence[p] ?? 90
          let twoWay = log.contains { e in
            e.people.contains(p) && e.date <= today && e.date.days(until: today) <= cadence
              && (e.kind == "met" || e.kind == "call" || e.direction == "both")
          }
          let gave = log.contains { e in
            e.people.contains(p) && e.date <= today && e.date.days(until: today) <= 365
              && (e.kind == "gave" || e.kind == "intro")
          }
          #expect(twoWay && gave, "week \(week): ask through \(g.people.name(of: p)) without rapport")
        }
      }
      // The person follows the plan, skipping a seeded 20 % of the actions.
      for a in plan.actions {
        if rng.chance(0.2) {
          if a.kind == .reconnect { skippedReconnect.insert(a.people[0]) }
          continue
        }
        let both = ["met", "call", "intro"].contains(a.logKind)
        log.append(
          PlanLogEntry(
            id: log.count + 1, date: today, kind: a.logKind, direction: both ? "both" : "out", people: a.people,
            followUp: a.kind == .ask ? today.adding(days: 14) : nil))
        lastLogged[a.key] = today
        for p in a.people { lastContact[p] = today }
      }
    }
    // The plan did all four kinds of work over the half year.
    #expect(counts["reconnect", default: 0] > 60, "\(counts)")
    #expect(counts["introduce", default: 0] + counts["group", default: 0] + counts["help", default: 0] > 5)
    #expect(counts["ask", default: 0] + counts["give-first", default: 0] > 0)
    #expect(counts["ask", default: 0] > 0, "\(counts)")
  }
}
