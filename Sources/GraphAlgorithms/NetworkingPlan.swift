import GraphCore

/// Keep-in-touch rules: how many days may pass between contacts, by tie
/// class, tag, company or person (Guides/Plan.md, "Cadences"). The most
/// specific rule wins: person, then company, then tag (the shortest of the
/// person's tags that have one), then class. 0 days means "not on a clock".
package struct CadenceRules: Sendable, Equatable, Codable {
  /// Days by tie class; a class without an entry is not on a clock.
  package var byClass: [String: Int]
  /// Days by tag (lowercased).
  package var byTag: [String: Int] = [:]
  /// Days by company key (`Identity.companyKey`).
  package var byCompany: [String: Int] = [:]
  /// Days by person.
  package var byPerson: [PersonID: Int] = [:]

  /// Strong ties every 30 days, weak every 90, dormant every 180 (they are
  /// suggested for reviving, a few at a time); nominal, unreciprocated and
  /// unrated ties are not on a clock until a rule names them.
  package static let defaultByClass: [String: Int] = ["strong": 30, "weak": 90, "dormant": 180]

  package init(byClass: [String: Int] = CadenceRules.defaultByClass) { self.byClass = byClass }

  /// The cadence of `contact` and the rule that set it (`person`,
  /// `company Acme`, `tag mentor`, `class weak`); nil when no rule applies.
  /// O(tags of the person).
  package func cadence(of contact: PersonID, tieClass: TieClass, people: PersonTable) -> (days: Int, rule: String)? {
    if let d = byPerson[contact] { return d > 0 ? (d, "person") : nil }
    let company = people.company(of: contact)
    if !company.isEmpty, let d = byCompany[Identity.companyKey(company)] {
      return d > 0 ? (d, "company \(company)") : nil
    }
    var best: (days: Int, rule: String)?
    for tag in people.tags(of: contact) {
      if let d = byTag[tag.lowercased()], best == nil || d < best!.days || (d == best!.days && tag < best!.rule) {
        best = (d, "tag \(tag)")
      }
    }
    if let best { return best.days > 0 ? (best.days, best.rule) : nil }
    if let d = byClass[tieClass.rawValue], d > 0 { return (d, "class \(tieClass.rawValue)") }
    return nil
  }
}

/// One entry of the owner's interaction log, as the plan reads it: people
/// resolved to ids (entries naming nobody in the network are left out).
package struct PlanLogEntry: Sendable, Equatable, Codable {
  package var id: Int
  package var date: Day
  /// `met`, `call`, `email`, `message`, `intro`, `gave` or `asked`.
  package var kind: String
  /// `in`, `out` or `both` (from the owner's side).
  package var direction: String
  package var people: [PersonID]
  package var followUp: Day?
  package var note: String

  package init(
    id: Int, date: Day, kind: String, direction: String, people: [PersonID], followUp: Day? = nil, note: String = ""
  ) {
    self.id = id
    self.date = date
    self.kind = kind
    self.direction = direction
    self.people = people
    self.followUp = followUp
    self.note = note
  }

  /// A meeting, a call, an introduction or any entry both ways.
  var isTwoWay: Bool { kind == "met" || kind == "call" || direction == "both" }
  /// Something given: a favour or an introduction.
  var isGive: Bool { kind == "gave" || kind == "intro" }
}

/// A target of the plan's asks: a person or a company's people.
package struct PlanTarget: Sendable, Equatable, Codable {
  package var name: String
  package var people: [PersonID]
  package init(name: String, people: [PersonID]) {
    self.name = name
    self.people = people
  }
}

/// A reason to offer help: a contact changed jobs (from `changes`).
package struct PlanHelpSignal: Sendable, Equatable, Codable {
  package var person: PersonID
  /// "moved from Acme to Initech", in words.
  package var what: String
  package init(person: PersonID, what: String) {
    self.person = person
    self.what = what
  }
}

/// What the plan is asked for.
package struct PlanRequest: Sendable {
  package var ego: PersonID
  /// The day the plan is for (the week runs from it for 7 days).
  package var today: Day
  package var budget: Int = 10
  package var cadences = CadenceRules()
  package var log: [PlanLogEntry] = []
  package var targets: [PlanTarget] = []
  package var help: [PlanHelpSignal] = []
  /// Keys of actions dismissed for good (`PlanAction.key`).
  package var dismissed: Set<String> = []
  package var classifier = TieClassifier()
  /// At most this many dormant ties to revive in one week.
  package var dormantPerWeek = 2
  /// A give counts towards rapport for this many days (12 months).
  package var giveWindow = 365
  /// A contact whose tie began within this many days, in the ego's industry, is a newcomer to welcome.
  package var newcomerDays = 90
  package var threads = 1

  package init(ego: PersonID, today: Day) {
    self.ego = ego
    self.today = today
  }

  /// The last day of the plan's week.
  package var weekEnd: Day { today.adding(days: 6) }
}

/// One suggested action (Guides/Plan.md). Names and sentences are made by
/// the report; this holds the facts.
package struct PlanAction: Sendable, Equatable, Codable {
  package enum Part: String, Sendable, Codable, CaseIterable {
    case reconnect, give, ask
    case followUp = "follow-up"
  }
  package enum Kind: String, Sendable, Codable {
    /// Get back in touch with `people[0]` (due by their cadence, or dormant).
    case reconnect
    /// Introduce `people[0]` and `people[1]`.
    case introduce
    /// Invite `people` (3–6) together: they share `shared` and do not all know each other.
    case group
    /// Offer help to `people[0]` (`help`).
    case help
    /// Ask `people[0]` for an introduction towards `target`.
    case ask
    /// Before asking `people[0]` about `target`, give first (or meet): rapport is missing.
    case giveFirst = "give-first"
    /// Follow up with `people` as log entry `logEntry` planned.
    case followUp = "follow-up"
  }

  /// A stable name of the action: the same suggestion has the same key every week.
  package var key: String
  package var part: Part
  package var kind: Kind
  package var people: [PersonID]
  /// The log kind that records the action as done (`met`, `intro`, `gave`, `asked` …).
  package var logKind: String
  /// The rank score within its part (higher first); 0 to 1.
  package var score: Double = 0
  // Evidence (what applies to the kind):
  package var tieClass: TieClass?
  package var strength: Double?
  package var lastContact: Day?
  package var daysSince: Int?
  package var cadenceDays: Int?
  package var cadenceRule: String?
  package var due: Day?
  /// Second-degree people only this contact opens; and whether they are in the 80 % cover.
  package var uniqueReach: Int?
  package var inCover: Bool?
  /// Targets this contact is a door to.
  package var doorTo: [String]?
  /// For asks: the target, the chain's strength, the last two-way contact and give.
  package var target: String?
  package var pathStrength: Double?
  package var lastTwoWay: Day?
  package var lastGive: Day?
  /// What rapport lacks (`a two-way contact within N days`, `a give in 12 months`).
  package var missing: [String]?
  /// Gives and asks logged for this contact (the give/ask balance).
  package var gives: Int?
  package var asks: Int?
  /// For groups: what they share (`industry Fintech`); pairs among them with no tie.
  package var shared: String?
  package var missingTies: Int?
  /// Introduction and help reasons, in words.
  package var reasons: [String]?
  /// For follow-ups: the log entry and its note.
  package var logEntry: Int?
  package var note: String?
}

/// The week's plan.
package struct NetworkingPlan: Sendable, Equatable, Codable {
  package var ego: PersonID
  package var today: Day
  package var weekEnd: Day
  package var budget: Int
  /// The actions chosen, in part order (follow-up, reconnect, give, ask), each part by rank.
  package var actions: [PlanAction]
  /// Candidates per part before the budget (dismissed and recently logged ones excluded).
  package var candidates: [String: Int]
  /// Contacts on a clock, and how many are due within the week.
  package var onCadence: Int
  package var dueThisWeek: Int
}

/// A contact's place on their keep-in-touch clock (`liaison due`).
package struct DueContact: Sendable, Equatable, Codable {
  package var person: PersonID
  package var tieClass: TieClass
  package var strength: Double
  package var lastContact: Day?
  package var cadenceDays: Int
  package var cadenceRule: String
  /// lastContact + cadence; nil when there is no contact on record (due now).
  package var due: Day?
  /// Days past due (negative: days left); nil when no contact is on record.
  package var overdueDays: Int?
  package var uniqueReach: Int
  package var inCover: Bool
  /// The worth score the plan ranks reconnects by (0 to 1).
  package var value: Double
}

extension Graph {
  /// The ego's contacts on a keep-in-touch clock with when each is due, by
  /// due day (no contact on record first), then worth. The clock restarts at
  /// the last contact: the tie's (message and meeting evidence, and the log
  /// when it was applied to the network) or a later entry of `log`.
  /// - Complexity: one ego reach, O(d · deg); O(log) besides.
  package func dueContacts(
    ego: PersonID, today: Day, cadences: CadenceRules, classifier: TieClassifier = TieClassifier(),
    targets: [PlanTarget] = [], log: [PlanLogEntry] = []
  ) -> [DueContact] {
    var options = ReachOptions()
    options.classifier = classifier
    options.asOf = today
    let reach = egoReach(ego, options: options)
    let inCover = Set(reach.cover.contacts)
    let maxUnique = max(1, reach.contacts.map(\.uniqueReach).max() ?? 1)
    let doorCounts = Self.doorCounts(self, ego: ego, targets: targets)
    var logged: [PersonID: Day] = [:]
    for e in log where e.date <= today {
      for p in e.people { logged[p] = max(logged[p] ?? e.date, e.date) }
    }
    var out: [DueContact] = []
    for c in reach.contacts {
      let t = tieID(between: ego, and: c.person)
      var last = t.flatMap { ties.lastContact($0) }
      var tieClass = c.tieClass
      if let l = logged[c.person], last == nil || l > last! {
        last = l
        if let t {
          tieClass = classifier.classify(
            strength: ties.isRated(t) ? c.strength : nil, lastContact: l, interactionsOut: ties.interactionsOut(t),
            interactionsIn: ties.interactionsIn(t), interactions: ties.interactions(t), asOf: today)
        }
      }
      guard let (days, rule) = cadences.cadence(of: c.person, tieClass: tieClass, people: people) else { continue }
      let due = last?.adding(days: days)
      let overdue = due.map { $0.days(until: today) }
      let since = last.map { $0.days(until: today) } ?? 2 * days
      let value =
        0.4 * Double(c.uniqueReach) / Double(maxUnique) + 0.25 * min(1, Double(doorCounts[c.person, default: 0]) / 2)
        + 0.2 * min(1, Double(since) / Double(2 * days)) + 0.15 * c.strength
      out.append(
        DueContact(
          person: c.person, tieClass: tieClass, strength: c.strength, lastContact: last, cadenceDays: days,
          cadenceRule: rule, due: due, overdueDays: overdue, uniqueReach: c.uniqueReach,
          inCover: inCover.contains(c.person), value: value))
    }
    out.sort { a, b in
      let da = a.due?.daysSinceEpoch ?? Int32.min
      let db = b.due?.daysSinceEpoch ?? Int32.min
      if da != db { return da < db }
      if a.value != b.value { return a.value > b.value }
      return a.person < b.person
    }
    return out
  }

  /// Targets each contact of `ego` is a door to. O(Σ deg of target people).
  static func doorCounts(_ g: Graph, ego: PersonID, targets: [PlanTarget]) -> [PersonID: Int] {
    var counts: [PersonID: Int] = [:]
    for t in targets {
      for d in g.doors(from: ego, to: t.people, limit: 5) { counts[d.via, default: 0] += 1 }
    }
    return counts
  }

  /// The week's networking plan for `request.ego` (Guides/Plan.md): at most
  /// `budget` actions in four parts, each with its evidence.
  ///
  /// - Follow up: log entries whose follow-up day falls in the week.
  /// - Reconnect: contacts due by their cadence on or before `today` (a
  ///   week or more overdue first, then the 80 % cover, then worth: unique
  ///   reach, doors to the targets, time since, strength), and up to
  ///   `dormantPerWeek` dormant ties by the reach they reopen.
  /// - Give: introductions among contacts the ego knows well enough (both
  ///   ties strong or weak) never introduced before; a group of 3–6
  ///   contacts who share an industry or place and do not all know each
  ///   other; help to contacts who changed jobs or are newcomers in the
  ///   ego's industry.
  /// - Ask: for each target, the warmest door with rapport (a two-way
  ///   contact within the door's cadence and a give in the last 12 months);
  ///   without rapport, what to give first instead.
  ///
  /// Nothing dismissed is suggested, nor an action logged within its
  /// cadence window. Deterministic for a given request.
  /// - Complexity: one ego reach (O(d · deg)), one introduction search, and
  ///   O(Σ deg) per target; O(log + d log d) besides.
  package func networkingPlan(_ r: PlanRequest) -> NetworkingPlan {
    let ego = r.ego
    let today = r.today
    let weekEnd = r.weekEnd
    let due = dueContacts(
      ego: ego, today: today, cadences: r.cadences, classifier: r.classifier, targets: r.targets, log: r.log)
    let dueByPerson = Dictionary(due.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
    let history = PlanHistory(r.log, today: today)
    func cadence(_ p: PersonID) -> Int { dueByPerson[p]?.cadenceDays ?? 90 }
    func key(_ p: PersonID) -> String { people.stableKey(of: p) }
    func classOf(_ p: PersonID) -> TieClass? {
      tieID(between: ego, and: p).map { tieClass($0, classifier: r.classifier, asOf: today) }
    }
    func egoStrength(_ p: PersonID) -> Double { Double(strength(between: ego, and: p) ?? 0) }
    func balance(_ a: inout PlanAction, _ p: PersonID) {
      a.gives = history.gives[p, default: []].count
      a.asks = history.asks[p, default: []].count
    }
    var targetDoors: [PersonID: [String]] = [:]
    var doorsByTarget: [(PlanTarget, [TargetDoor])] = []
    for t in r.targets {
      let d = doors(from: ego, to: t.people, limit: 5)
      doorsByTarget.append((t, d))
      for door in d { targetDoors[door.via, default: []].append(t.name) }
    }

    // Follow-ups.
    var followUps: [PlanAction] = []
    for e in r.log {
      guard let f = e.followUp, today <= f, f <= weekEnd, !e.people.isEmpty else { continue }
      var a = PlanAction(
        key: "follow-up:log\(e.id)", part: .followUp, kind: .followUp, people: e.people, logKind: "email")
      a.due = f
      a.logEntry = e.id
      a.note = e.note
      a.score = 1
      followUps.append(a)
    }

    // Reconnect: on-clock contacts due by the week's end, and dormant ties.
    var reconnect: [PlanAction] = []
    var dormant: [PlanAction] = []
    for d in due {
      // Due on or before the plan's day: never suggested before its window has run out.
      guard (d.due ?? today) <= today else { continue }
      var a = PlanAction(
        key: "reconnect:\(key(d.person))", part: .reconnect, kind: .reconnect, people: [d.person], logKind: "met")
      a.tieClass = d.tieClass
      a.strength = d.strength
      a.lastContact = d.lastContact
      a.daysSince = d.lastContact.map { $0.days(until: today) }
      a.cadenceDays = d.cadenceDays
      a.cadenceRule = d.cadenceRule
      a.due = d.due
      a.uniqueReach = d.uniqueReach
      a.inCover = d.inCover
      a.doorTo = targetDoors[d.person]
      a.score = d.value
      if d.tieClass == .dormant { dormant.append(a) } else { reconnect.append(a) }
    }
    // A week or more overdue first (deferred once, or missed), then the 80 % cover, then worth.
    reconnect.sort { a, b in
      let oa = (a.due ?? today).days(until: today) >= 7
      let ob = (b.due ?? today).days(until: today) >= 7
      if oa != ob { return oa }
      if a.inCover != b.inCover { return a.inCover == true }
      if a.score != b.score { return a.score > b.score }
      return a.people[0] < b.people[0]
    }
    dormant.sort {
      ($0.uniqueReach ?? 0, $0.score, -Int($0.people[0])) > ($1.uniqueReach ?? 0, $1.score, -Int($1.people[0]))
    }
    reconnect += dormant.filter { !r.dismissed.contains($0.key) }.prefix(r.dormantPerWeek)

    // Give: introductions.
    var give: [PlanAction] = []
    let known: (PersonID) -> Bool = { p in
      guard let c = classOf(p) else { return false }
      return c == .strong || c == .weak
    }
    var introOptions = IntroductionOptions(top: 20, classifier: r.classifier)
    introOptions.threads = r.threads
    introOptions.excluded = history.introduced
    let intro = introductionCandidates(for: ego, options: introOptions)
    for c in intro.candidates where known(c.low) && known(c.high) {
      var a = PlanAction(
        key: "introduce:\(min(key(c.low), key(c.high)))+\(max(key(c.low), key(c.high)))", part: .give, kind: .introduce,
        people: [c.low, c.high], logKind: "intro")
      a.score = c.score
      a.reasons = c.reasons
      give.append(a)
    }
    // Give: a group that shares an industry or place.
    give += groups(ego: ego, known: known, strengthOf: egoStrength)
    // Give: help to contacts who changed jobs, and newcomers in the ego's industry.
    var helped = Set<PersonID>()
    for h in r.help where areTied(ego, h.person) && !history.gaveRecently(h.person, within: cadence(h.person)) {
      guard helped.insert(h.person).inserted else { continue }
      var a = PlanAction(key: "help:\(key(h.person))", part: .give, kind: .help, people: [h.person], logKind: "gave")
      a.reasons = [h.what]
      a.score = 0.5 + 0.5 * egoStrength(h.person)
      give.append(a)
    }
    let egoIndustry = Identity.industryKey(people.industry(of: ego))
    if !egoIndustry.isEmpty {
      for (c, s) in zip(neighbors(of: ego), strengths(of: ego)) where !helped.contains(c) {
        guard let t = tieID(between: ego, and: c), let since = ties.since(t),
          since.days(until: today) >= 0, since.days(until: today) <= r.newcomerDays,
          Identity.industryKey(people.industry(of: c)) == egoIndustry,
          !history.gaveRecently(c, within: cadence(c))
        else { continue }
        var a = PlanAction(key: "help:\(key(c))", part: .give, kind: .help, people: [c], logKind: "gave")
        a.reasons = ["new in your industry (\(people.industry(of: c))) since \(since)"]
        a.score = 0.4 + 0.5 * Double(s)
        give.append(a)
      }
    }
    // By score (each kind's is in [0, 1]), then key; the best of each kind
    // (introduction, group, help) first, so a short week still holds different gives.
    give.sort { a, b in
      if a.score != b.score { return a.score > b.score }
      return a.key < b.key
    }
    var firstOfKind = Set<PlanAction.Kind>()
    let leaders = give.filter { firstOfKind.insert($0.kind).inserted }
    let leaderKeys = Set(leaders.map(\.key))
    give = leaders + give.filter { !leaderKeys.contains($0.key) }

    // Ask.
    var ask: [PlanAction] = []
    // The latest two-way contact: a logged meeting, call or two-way entry, or
    // the last contact of a tie with messages both ways.
    func twoWay(_ p: PersonID) -> Day? {
      var best = history.lastTwoWay[p]
      if let t = tieID(between: ego, and: p), (ties.interactionsIn(t) ?? 0) > 0, (ties.interactionsOut(t) ?? 0) > 0,
        let l = ties.lastContact(t), l <= today
      {
        best = max(best ?? l, l)
      }
      return best
    }
    for (t, doorList) in doorsByTarget {
      guard let first = doorList.first else { continue }
      var chosen: PlanAction?
      for door in doorList {
        let p = door.via
        let window = cadence(p)
        let lastTwoWay = twoWay(p)
        let lastGive = history.gives[p]?.last
        let twoWayOK = lastTwoWay.map { $0.days(until: today) <= window } ?? false
        let giveOK = lastGive.map { $0.days(until: today) <= r.giveWindow } ?? false
        guard twoWayOK && giveOK else { continue }
        if history.askedRecently(p, within: window) {
          chosen = nil
          break
        }
        var a = PlanAction(key: "ask:\(key(p)):\(t.name)", part: .ask, kind: .ask, people: [p], logKind: "asked")
        a.target = t.name
        a.pathStrength = door.pathStrength
        a.lastTwoWay = lastTwoWay
        a.lastGive = lastGive
        a.score = door.pathStrength
        balance(&a, p)
        chosen = a
        break
      }
      if chosen == nil {
        let p = first.via
        let window = cadence(p)
        if history.askedRecently(p, within: window) { continue }
        var missing: [String] = []
        let lastTwoWay = twoWay(p)
        let lastGive = history.gives[p]?.last
        if !(lastTwoWay.map { $0.days(until: today) <= window } ?? false) {
          missing.append("a meeting, call or two-way exchange within \(window) days")
        }
        if !(lastGive.map { $0.days(until: today) <= r.giveWindow } ?? false) {
          missing.append("something given in the last 12 months")
        }
        let givesFirst = missing.contains { $0.hasPrefix("something given") }
        if givesFirst ? history.gaveRecently(p, within: window) : history.metRecently(p, within: window) { continue }
        var a = PlanAction(
          key: "give-first:\(givesFirst ? "gave" : "met"):\(key(p)):\(t.name)", part: .ask, kind: .giveFirst,
          people: [p],
          logKind: givesFirst ? "gave" : "met")
        a.target = t.name
        a.pathStrength = first.pathStrength
        a.lastTwoWay = lastTwoWay
        a.lastGive = lastGive
        a.missing = missing
        a.score = first.pathStrength
        // A give that would do: an introduction involving them, from the give list.
        if givesFirst, let intro = give.first(where: { $0.kind == .introduce && $0.people.contains(p) }) {
          a.reasons = intro.people.filter { $0 != p }.map { "introduce them to \(people.name(of: $0))" }
        }
        balance(&a, p)
        chosen = a
      }
      if let chosen { ask.append(chosen) }
    }
    ask.sort { a, b in a.score != b.score ? a.score > b.score : a.key < b.key }

    // Dismissed and recently logged actions go; then the budget.
    func keep(_ a: PlanAction) -> Bool {
      if r.dismissed.contains(a.key) { return false }
      switch a.kind {
      case .introduce: return !history.introduced.contains(PersonPair(a.people[0], a.people[1]))
      case .group: return !history.metTogether(a.people, within: 90)
      default: return true
      }
    }
    followUps = followUps.filter(keep)
    reconnect = reconnect.filter(keep)
    give = give.filter(keep)
    ask = ask.filter(keep)
    var left = max(0, r.budget)
    let takeFollow = Array(followUps.prefix(left))
    left -= takeFollow.count
    // Reconnects first, leaving up to two slots for gives and one for an ask (at most a third of the budget).
    let reserve = min(left, max(1, r.budget / 3), min(give.count, 2) + min(ask.count, 1))
    var takeReconnect = Array(reconnect.prefix(left - reserve))
    left -= takeReconnect.count
    var takeGive: [PlanAction] = []
    var takeAsk: [PlanAction] = []
    var gi = 0
    var ai = 0
    // Then gives and asks alternately, give first; then any reconnects left.
    while left > 0 && (gi < give.count || ai < ask.count) {
      if gi < give.count && (gi <= ai || ai >= ask.count) {
        takeGive.append(give[gi])
        gi += 1
      } else {
        takeAsk.append(ask[ai])
        ai += 1
      }
      left -= 1
    }
    if left > 0 { takeReconnect += reconnect.dropFirst(takeReconnect.count).prefix(left) }
    return NetworkingPlan(
      ego: ego, today: today, weekEnd: weekEnd, budget: r.budget,
      actions: takeFollow + takeReconnect + takeGive + takeAsk,
      candidates: [
        "follow-up": followUps.count, "reconnect": reconnect.count, "give": give.count, "ask": ask.count,
      ],
      onCadence: due.count, dueThisWeek: due.filter { ($0.due ?? today) <= weekEnd }.count)
  }

  /// Groups of 3–6 of the ego's well-known contacts who share an industry or
  /// a location and do not all know each other: the best one of each kind.
  /// O(d log d + Σ_groups k²·log deg).
  func groups(ego: PersonID, known: (PersonID) -> Bool, strengthOf: (PersonID) -> Double) -> [PlanAction] {
    var out: [PlanAction] = []
    let attributes: [(label: String, value: (PersonID) -> String)] = [
      ("industry", { self.people.industry(of: $0) }), ("location", { self.people.location(of: $0) }),
    ]
    for (label, value) in attributes {
      var byValue: [String: [PersonID]] = [:]
      var shown: [String: String] = [:]
      for c in neighbors(of: ego) where known(c) {
        let v = value(c)
        guard !v.isEmpty else { continue }
        let k = Identity.industryKey(v)
        byValue[k, default: []].append(c)
        if shown[k] == nil || v < shown[k]! { shown[k] = v }
      }
      var best: PlanAction?
      for (k, members) in byValue.sorted(by: { $0.key < $1.key }) where members.count >= 3 {
        let chosen = members.sorted { (strengthOf($0), -Int($0)) > (strengthOf($1), -Int($1)) }.prefix(6)
        let list = Array(chosen).sorted()
        var missing = 0
        for i in 0..<list.count {
          for j in (i + 1)..<list.count where !areTied(list[i], list[j]) { missing += 1 }
        }
        guard missing > 0 else { continue }
        let pairs = list.count * (list.count - 1) / 2
        var a = PlanAction(
          key: "group:\(label):\(k)", part: .give, kind: .group, people: list, logKind: "met")
        a.shared = "\(label) \(shown[k] ?? k)"
        a.missingTies = missing
        // Many strangers among people who share something: the group gives the most.
        a.score = 0.3 + 0.4 * Double(missing) / Double(pairs) + 0.3 * Double(list.count) / 6
        if best == nil || a.score > best!.score || (a.score == best!.score && a.key < best!.key) { best = a }
      }
      if let best { out.append(best) }
    }
    return out
  }
}

/// What the log says per contact, for the plan's rules. O(log size · people per entry).
struct PlanHistory {
  var lastTwoWay: [PersonID: Day] = [:]
  /// Days of gives (gave, intro) and asks per contact, ascending.
  var gives: [PersonID: [Day]] = [:]
  var asks: [PersonID: [Day]] = [:]
  var lastMet: [PersonID: Day] = [:]
  var introduced: Set<PersonPair> = []
  /// Each met entry's people, with its day.
  var meetings: [(day: Day, people: Set<PersonID>)] = []
  /// Messages in and out per contact (day of the latest each way).
  var lastIn: [PersonID: Day] = [:]
  var lastOut: [PersonID: Day] = [:]
  let today: Day

  init(_ log: [PlanLogEntry], today: Day) {
    self.today = today
    for e in log.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) where e.date <= today {
      for p in e.people {
        if e.isTwoWay { lastTwoWay[p] = max(lastTwoWay[p] ?? e.date, e.date) }
        if e.direction == "in" { lastIn[p] = e.date }
        if e.direction == "out" { lastOut[p] = e.date }
        if e.isGive { gives[p, default: []].append(e.date) }
        if e.kind == "asked" { asks[p, default: []].append(e.date) }
        if e.kind == "met" || e.kind == "call" { lastMet[p] = e.date }
      }
      if e.kind == "intro" && e.people.count >= 2 {
        for i in 0..<e.people.count {
          for j in (i + 1)..<e.people.count { introduced.insert(PersonPair(e.people[i], e.people[j])) }
        }
      }
      if e.kind == "met" { meetings.append((e.date, Set(e.people))) }
    }
    // Messages both ways count as a two-way exchange, dated by the earlier of the two latest.
    for (p, i) in lastIn {
      if let o = lastOut[p] { lastTwoWay[p] = max(lastTwoWay[p] ?? min(i, o), min(i, o)) }
    }
  }

  func gaveRecently(_ p: PersonID, within days: Int) -> Bool {
    gives[p]?.last.map { $0.days(until: today) < days } ?? false
  }
  func askedRecently(_ p: PersonID, within days: Int) -> Bool {
    asks[p]?.last.map { $0.days(until: today) < days } ?? false
  }
  func metRecently(_ p: PersonID, within days: Int) -> Bool {
    lastMet[p].map { $0.days(until: today) < days } ?? false
  }
  /// Whether a meeting within `days` named at least three of `people` (or all, when fewer).
  func metTogether(_ people: [PersonID], within days: Int) -> Bool {
    let need = min(3, people.count)
    return meetings.contains { m in
      m.day.days(until: today) < days && people.filter { m.people.contains($0) }.count >= need
    }
  }
}
