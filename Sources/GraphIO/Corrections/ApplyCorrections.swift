import GraphCore

extension NetworkCorrections {
  /// The network with every correction applied, and what each one did.
  ///
  /// Rebuilds the graph through `GraphBuilder` (people keep their ids, order
  /// and every attribute column; the import reports are kept, the build
  /// report's counts follow the new graph). Order: `different` and `same`
  /// (union–find; the person with the lower id is kept, attributes merged
  /// first-non-empty-wins with emails and tags unioned, ties re-pointed,
  /// parallel ties merged as `GraphBuilder` merges them, self-ties dropped),
  /// then tie and attribute corrections, then the interaction log (tie
  /// evidence: counts, last contact, strength through the tie-strength
  /// model). Rules and precedence: Guides/Corrections.md.
  ///
  /// A correction that names a key not in the network is reported
  /// (`CorrectionsReport.unknownKeys`), never fatal.
  ///
  /// - Parameters:
  ///   - network: the network read from files.
  ///   - asOf: the reference date of the new graph (dormancy, model
  ///     strengths); default: the network's, or the latest logged interaction when later.
  /// - Throws: `GraphBuildError.tooLarge` only when the corrected graph would not fit.
  /// - Complexity: O(V + E + c log c) time and O(V + E + c) space for c
  ///   corrections and log entries (key lookups are O(1) expected).
  public func apply(to network: LoadedNetwork, asOf: Day? = nil) throws(GraphBuildError) -> (
    LoadedNetwork, CorrectionsReport
  ) {
    var applier = CorrectionsApplier(network: network, corrections: self)
    return try applier.run(asOf: asOf)
  }
}

/// The state `NetworkCorrections.apply` works through, phase by phase.
struct CorrectionsApplier {
  typealias Family = CorrectionsReport.Family
  let network: LoadedNetwork
  let corrections: NetworkCorrections
  var report = CorrectionsReport()
  /// Each person's representative (the lowest id of its `same` set).
  var rep: [PersonID] = []
  var identityOutcomes: [CorrectionsReport.Outcome] = []
  var differentOutcomes: [CorrectionsReport.Outcome] = []

  /// The final state of the tie corrections naming one pair: the index (in
  /// `corrections.ties`) of the one in force for each change.
  struct PairState {
    var reject: Int?
    var confirm: Int?
    var strength: Int?
    var kind: Int?
    var asserted: Bool { confirm != nil || strength != nil || kind != nil }
  }
  var pairs: [UInt64: PairState] = [:]
  /// Pairs in the order a tie correction first named them.
  var pairOrder: [UInt64] = []
  var pairOfTie: [UInt64?] = []
  var supersededBy: [Int?] = []
  var tieOutcomes: [CorrectionsReport.Outcome?] = []

  var companyOf: [PersonID: (company: String, index: Int)] = [:]
  var tagsOf: [PersonID: [String]] = [:]
  var setOutcomes: [CorrectionsReport.Outcome] = []

  /// What the log says about one pair.
  struct LogEvidence {
    var out = 0
    var inbound = 0
    var first: Day
    var last: Day
    /// The id of the entry with the latest date (the highest id among equals).
    var lastEntry: Int
  }
  var logs: [UInt64: LogEvidence] = [:]
  var logOrder: [UInt64] = []
  var logOutcomes: [CorrectionsReport.Outcome] = []
  var latestLogDay: Day?

  /// What the data holds for a pair a correction or the log names.
  struct Seen {
    var exists = false
    var allInferred = true
    var given: Float?
    var stored: Float = 0
    var unsplit = false
    var interactions: Int?
    var last: Day?
    var since: Day?
    var kind: String?
  }
  var seen: [UInt64: Seen] = [:]

  init(network: LoadedNetwork, corrections: NetworkCorrections) {
    self.network = network
    self.corrections = corrections
  }

  static func pairKey(_ a: PersonID, _ b: PersonID) -> UInt64 {
    let (x, y) = a < b ? (a, b) : (b, a)
    return UInt64(UInt32(bitPattern: x)) << 32 | UInt64(UInt32(bitPattern: y))
  }

  static func ends(_ key: UInt64) -> (PersonID, PersonID) {
    (PersonID(truncatingIfNeeded: key >> 32), PersonID(truncatingIfNeeded: key & 0xFFFF_FFFF))
  }

  var people: PersonTable { network.graph.people }

  func name(_ p: PersonID) -> String { people.name(of: p) }

  func pairName(_ key: UInt64) -> String {
    let (a, b) = Self.ends(key)
    return "\(name(a)) and \(name(b))"
  }

  /// The people `keys` name, or nil (the unknown keys reported) when one names nobody.
  mutating func resolve(_ keys: [String], _ family: Family, _ id: Int) -> [PersonID]? {
    var found: [PersonID] = []
    var missing: [String] = []
    for key in keys {
      if let p = people.person(stableKey: key) {
        found.append(p)
      } else {
        missing.append(key)
        report.unknownKeys.append(.init(family: family, id: id, key: key))
      }
    }
    return missing.isEmpty ? found : nil
  }

  static func namesNobody(_ keys: [String], in report: CorrectionsReport, _ family: Family, _ id: Int) -> String {
    let unknown = report.unknownKeys.filter { $0.family == family && $0.id == id && keys.contains($0.key) }
    return "names nobody in the network: " + unknown.map(\.key).joined(separator: ", ")
  }

  // MARK: Phases

  mutating func run(asOf: Day?) throws(GraphBuildError) -> (LoadedNetwork, CorrectionsReport) {
    mergeIdentities()
    collectTieCorrections()
    collectAttributeCorrections()
    collectInteractions()
    let (graph, build) = try rebuild(asOf: asOf)
    var out = network
    out.graph = graph
    out.build.people = build.people
    out.build.ties = build.ties
    out.build.selfTiesDropped += report.selfTiesDropped
    out.build.parallelTiesMerged += report.parallelTiesMerged
    report.outcomes = identityOutcomes + differentOutcomes + tieOutcomes.compactMap { $0 } + setOutcomes + logOutcomes
    return (out, report)
  }

  /// `different` pairs kept apart, then `same` pairs joined.
  mutating func mergeIdentities() {
    let n = network.graph.personCount
    var sets = PersonUnionFind(count: n)
    for d in corrections.different {
      let keys = [d.keys.a, d.keys.b]
      guard let found = resolve(keys, .different, d.id) else {
        differentOutcomes.append(
          .init(
            family: .different, id: d.id, applied: false,
            effect: Self.namesNobody(keys, in: report, .different, d.id)))
        continue
      }
      if found[0] == found[1] {
        differentOutcomes.append(
          .init(
            family: .different, id: d.id, applied: false,
            effect:
              "both keys name one person (\(name(found[0]))): the records were merged on import; load with "
              + "ContactOptions.keptApart to keep them apart"))
      } else {
        sets.keepApart(found[0], found[1])
        differentOutcomes.append(
          .init(
            family: .different, id: d.id, applied: true,
            effect: "\(name(found[0])) and \(name(found[1])) kept apart"))
      }
    }
    for s in corrections.same {
      let keys = [s.keys.a, s.keys.b]
      guard let found = resolve(keys, .same, s.id) else {
        identityOutcomes.append(
          .init(family: .same, id: s.id, applied: false, effect: Self.namesNobody(keys, in: report, .same, s.id)))
        continue
      }
      let (a, b) = (found[0], found[1])
      let effect: String
      var applied = false
      switch sets.union(a, b) {
      case .joined:
        applied = true
        effect = "merged \(name(max(a, b))) into \(name(min(a, b)))"
      case .alreadyOne:
        effect = a == b ? "both keys name one person already" : "already one person through other `same` corrections"
      case .keptApart:
        effect =
          "not merged: a `different` correction keeps \(name(a)) and \(name(b)) (or people merged with them) apart"
      }
      identityOutcomes.append(.init(family: .same, id: s.id, applied: applied, effect: effect))
    }
    rep = [PersonID](repeating: 0, count: n)
    for p in 0..<n {
      rep[p] = corrections.same.isEmpty ? PersonID(p) : sets.find(PersonID(p))
      if rep[p] != PersonID(p) { report.peopleMerged += 1 }
    }
  }

  /// Tie corrections in list order: a later one for the same pair overrides
  /// an earlier one of the same change, and `reject` overrides (and is
  /// overridden by) any other.
  mutating func collectTieCorrections() {
    let list = corrections.ties
    pairOfTie = Array(repeating: nil, count: list.count)
    supersededBy = Array(repeating: nil, count: list.count)
    tieOutcomes = Array(repeating: nil, count: list.count)
    for (i, c) in list.enumerated() {
      let keys = [c.keys.a, c.keys.b]
      guard let found = resolve(keys, .tie, c.id) else {
        tieOutcomes[i] = .init(
          family: .tie, id: c.id, applied: false, effect: Self.namesNobody(keys, in: report, .tie, c.id))
        continue
      }
      let (a, b) = (rep[Int(found[0])], rep[Int(found[1])])
      if a == b {
        tieOutcomes[i] = .init(family: .tie, id: c.id, applied: false, effect: "both keys name one person (\(name(a)))")
        continue
      }
      if case .strength(let s) = c.change, !(s > 0 && s <= 1 && s.isFinite) {
        tieOutcomes[i] = .init(
          family: .tie, id: c.id, applied: false, effect: "strength \(s) is not a number in (0, 1]")
        continue
      }
      let key = Self.pairKey(a, b)
      var state =
        pairs[key]
        ?? {
          pairOrder.append(key)
          return PairState()
        }()
      func supersede(_ j: Int?) { if let j { supersededBy[j] = i } }
      supersede(state.reject)
      state.reject = nil
      switch c.change {
      case .reject:
        for j in [state.confirm, state.strength, state.kind] { supersede(j) }
        state = PairState(reject: i)
      case .confirm:
        supersede(state.confirm)
        state.confirm = i
      case .strength:
        supersede(state.strength)
        state.strength = i
      case .kind:
        supersede(state.kind)
        state.kind = i
      }
      pairs[key] = state
      pairOfTie[i] = key
    }
  }

  /// `set` corrections: the last company given for a person wins; tags add up.
  mutating func collectAttributeCorrections() {
    var outcomeIndex: [Int] = []
    for (i, c) in corrections.attributes.enumerated() {
      guard let found = resolve([c.key], .set, c.id) else {
        setOutcomes.append(
          .init(family: .set, id: c.id, applied: false, effect: Self.namesNobody([c.key], in: report, .set, c.id)))
        outcomeIndex.append(-1)
        continue
      }
      let p = rep[Int(found[0])]
      var parts: [String] = []
      if let company = c.company {
        if let earlier = companyOf[p] {
          let k = outcomeIndex[earlier.index]
          setOutcomes[k].effect += " (company overridden by #\(c.id))"
        }
        companyOf[p] = (company, i)
        let before = people.company(of: p)
        parts.append(company.isEmpty ? "company \"\(before)\" cleared" : "company \"\(before)\" → \"\(company)\"")
      }
      let newTags = c.tags.filter { !$0.isEmpty }
      if !newTags.isEmpty {
        tagsOf[p, default: []].append(contentsOf: newTags)
        parts.append("tags added: " + newTags.joined(separator: ", "))
      }
      outcomeIndex.append(setOutcomes.count)
      setOutcomes.append(
        .init(
          family: .set, id: c.id, applied: !parts.isEmpty,
          effect: parts.isEmpty ? "nothing to set for \(name(p))" : "\(name(p)): " + parts.joined(separator: "; ")))
    }
  }

  /// The owner: `corrections.owner`, else the first contact export's owner.
  func ownerKey() -> String? {
    corrections.owner ?? network.identity?.owners.first.map { "id:" + $0.person }
  }

  /// Log entries as evidence per pair {owner, person} (and {introduced,
  /// introduced} for introductions), those older than a rejection of the
  /// pair left out.
  mutating func collectInteractions() {
    guard !corrections.interactions.isEmpty else { return }
    let key = ownerKey()
    let owner = key.flatMap { people.person(stableKey: $0) }.map { rep[Int($0)] }
    if let key, owner == nil { report.unknownKeys.append(.init(family: .log, id: 0, key: key)) }
    for e in corrections.interactions {
      guard let owner else {
        let why =
          key.map { "the owner \($0) names nobody in the network" }
          ?? "no owner to log it against (NetworkCorrections.owner)"
        logOutcomes.append(.init(family: .log, id: e.id, applied: false, effect: why))
        continue
      }
      var named: [PersonID] = []
      var missing: [String] = []
      for k in e.people {
        guard let p = people.person(stableKey: k) else {
          missing.append(k)
          report.unknownKeys.append(.init(family: .log, id: e.id, key: k))
          continue
        }
        let r = rep[Int(p)]
        if r != owner && !named.contains(r) { named.append(r) }
      }
      var evidence: [(UInt64, Interaction.Direction)] = named.map { (Self.pairKey(owner, $0), e.direction) }
      if e.kind == .intro {
        for i in named.indices {
          for j in named.indices where j > i { evidence.append((Self.pairKey(named[i], named[j]), .both)) }
        }
      }
      var used: [UInt64] = []
      var rejectedBy: [Int] = []
      for (pair, direction) in evidence {
        if let r = pairs[pair]?.reject, corrections.ties[r].made > e.date {
          rejectedBy.append(corrections.ties[r].id)
          continue
        }
        var ev =
          logs[pair]
          ?? {
            logOrder.append(pair)
            return LogEvidence(first: e.date, last: e.date, lastEntry: e.id)
          }()
        if direction != .in { ev.out += 1 }
        if direction != .out { ev.inbound += 1 }
        ev.first = min(ev.first, e.date)
        if e.date > ev.last || (e.date == ev.last && e.id > ev.lastEntry) {
          ev.last = e.date
          ev.lastEntry = e.id
        }
        logs[pair] = ev
        used.append(pair)
      }
      if !used.isEmpty { latestLogDay = max(latestLogDay ?? e.date, e.date) }
      var parts: [String] = []
      if !used.isEmpty { parts.append("evidence for the ties of " + used.map(pairName).joined(separator: "; ")) }
      if !rejectedBy.isEmpty {
        parts.append(
          "left out where a later rejection holds (" + rejectedBy.map { "#\($0)" }.joined(separator: ", ") + ")")
      }
      if !missing.isEmpty { parts.append("names nobody in the network: " + missing.joined(separator: ", ")) }
      if named.isEmpty && missing.isEmpty { parts.append("names no one but the owner") }
      logOutcomes.append(.init(family: .log, id: e.id, applied: !used.isEmpty, effect: parts.joined(separator: "; ")))
    }
  }

  // MARK: Rebuilding

  /// The evidence of tie `t` of the network as a builder takes it: the
  /// strength only when the data gave it (a model strength is made again).
  func evidence(_ t: Int, _ strength: Float) -> TieEvidence {
    let a = network.graph.ties
    return TieEvidence(
      strength: a.isRated(t) && !a.hasModelStrength(t) ? Double(strength) : nil, interactions: a.interactions(t),
      interactionsOut: a.interactionsOut(t), interactionsIn: a.interactionsIn(t), lastContact: a.lastContact(t),
      since: a.since(t), kind: a.kind(t), source: a.source(t), inferredConfidence: a.confidence(t),
      negative: a.isNegative(t))
  }

  func strengthValue(_ i: Int?) -> Double? {
    guard let i, case .strength(let s) = corrections.ties[i].change else { return nil }
    return s
  }

  func kindValue(_ i: Int?) -> String? {
    guard let i, case .kind(let k) = corrections.ties[i].change else { return nil }
    return k
  }

  mutating func rebuild(asOf: Day?) throws(GraphBuildError) -> (Graph, BuildReport) {
    let g = network.graph
    let n = g.personCount
    let reference: Day? =
      asOf
      ?? {
        switch (g.ties.referenceDate, latestLogDay) {
        case (let a?, let b?): max(a, b)
        case (let a, let b): a ?? b
        }
      }()
    var b = GraphBuilder(expectedPeople: n, expectedTies: g.tieCount + pairs.count + logs.count)
    b.referenceDate = reference
    // String ids stay string ids (in order of appearance), even when those
    // merged away were the only ones that were not integers.
    switch people.keys {
    case .strings, .packed: b.reservePeople(n)
    case .integers: break
    }
    // People, in id order: the kept person of a set before the others.
    var newID = [PersonID](repeating: -1, count: n)
    for p in 0..<n {
      let r = rep[p]
      var a = attributes(of: PersonID(p))
      if let corrected = companyOf[r] { a.company = Int(r) == p ? corrected.company : "" }
      if Int(r) == p {
        if let tags = tagsOf[r] { a.tags += tags }
        newID[p] = b.person(key: people.id(of: PersonID(p)))
        b.setAttributes(newID[p], a)
      } else {
        b.setAttributes(newID[Int(r)], a, overwrite: false)
      }
    }
    // Ties, re-pointed and corrected.
    let watch = !pairs.isEmpty || !logs.isEmpty
    for (t, (u, v, s)) in g.tieList().enumerated() {
      let (ru, rv) = (rep[Int(u)], rep[Int(v)])
      var e = evidence(t, s)
      if ru == rv {
        report.selfTiesDropped += 1
        continue
      }
      if watch {
        let key = Self.pairKey(ru, rv)
        let state = pairs[key]
        let log = logs[key]
        if state != nil || log != nil {
          var info = seen[key] ?? Seen()
          info.exists = true
          info.allInferred = info.allInferred && e.inferredConfidence != nil
          info.stored = max(info.stored, s)
          if let given = e.strength { info.given = max(info.given ?? 0, Float(given)) }
          if e.interactions != nil {
            info.interactions = (info.interactions ?? 0) + (e.interactions ?? 0)
            if e.interactionsOut == nil && e.interactionsIn == nil { info.unsplit = true }
          }
          if let d = e.lastContact { info.last = max(info.last ?? d, d) }
          if let d = e.since ?? e.lastContact { info.since = min(info.since ?? d, d) }
          if info.kind == nil { info.kind = e.kind }
          seen[key] = info
        }
        if state?.reject != nil { continue }
        if let state {
          if state.confirm != nil { e.inferredConfidence = nil }
          if let strength = strengthValue(state.strength) { e.strength = strength }
          if let kind = kindValue(state.kind) { e.kind = kind }
        }
        if let log {
          e.inferredConfidence = nil
          e.source = (e.source.map { $0 + " + " } ?? "") + "log #\(log.lastEntry)"
        }
      }
      _ = try b.addTie(newID[Int(ru)], newID[Int(rv)], evidence: e)
    }
    try addCorrectedTies(&b, newID: newID)
    let foldedLogRows = try addLogTies(&b, newID: newID, reference: reference)
    writeTieOutcomes()
    let (graph, build) = try b.build()
    report.parallelTiesMerged = build.parallelTiesMerged - foldedLogRows
    return (graph, build)
  }

  /// Ties that corrections assert and the data lacks (those the log also
  /// names are added with the log's evidence).
  mutating func addCorrectedTies(_ b: inout GraphBuilder, newID: [PersonID]) throws(GraphBuildError) {
    for key in pairOrder {
      guard let state = pairs[key], state.asserted else { continue }
      let info = seen[key] ?? Seen()
      if info.exists {
        if state.confirm != nil && info.allInferred { report.tiesConfirmed += 1 }
        continue
      }
      report.tiesAdded += 1
      guard logs[key] == nil else { continue }
      let (a, c) = Self.ends(key)
      let id = corrections.ties[state.confirm ?? state.strength ?? state.kind ?? 0].id
      _ = try b.addTie(
        newID[Int(a)], newID[Int(c)],
        evidence: TieEvidence(
          strength: strengthValue(state.strength), kind: kindValue(state.kind), source: "correction #\(id)"))
    }
  }

  /// One tie row per pair the log names, folded by the builder into the
  /// pair's tie when there is one. - Returns: how many were folded.
  mutating func addLogTies(_ b: inout GraphBuilder, newID: [PersonID], reference: Day?) throws(GraphBuildError) -> Int {
    var folded = 0
    for key in logOrder {
      guard let log = logs[key] else { continue }
      let state = pairs[key]
      var info = seen[key] ?? Seen()
      if state?.reject != nil { info = Seen() }  // the data's tie stays rejected: the log alone makes it again
      let total = log.out + log.inbound
      var e = TieEvidence(interactions: total, lastContact: log.last, source: "log #\(log.lastEntry)")
      if !info.unsplit {
        e.interactionsOut = log.out
        e.interactionsIn = log.inbound
      }
      e.since = min(log.first, info.since ?? log.first)
      report.tiesWithLoggedEvidence += 1
      if info.exists {
        folded += 1
        if info.allInferred && state?.confirm == nil { report.tiesConfirmed += 1 }
      } else {
        e.kind = kindValue(state?.kind) ?? "log"
        if state?.asserted != true { report.tiesAdded += 1 }
      }
      if let pinned = strengthValue(state?.strength) {
        e.strength = pinned
      } else if let given = info.given, info.exists {
        // A strength the data gave is a floor: the model rates the evidence with the log added.
        let model = b.strengthModel.strength(
          interactions: (info.interactions ?? 0) + total, lastContact: max(info.last ?? log.last, log.last),
          since: e.since, sharedContext: nil, asOf: reference ?? log.last)
        e.strength = max(Double(given), model ?? 0)
      }
      let (a, c) = Self.ends(key)
      _ = try b.addTie(newID[Int(a)], newID[Int(c)], evidence: e)
    }
    return folded
  }

  /// The outcome of each tie correction, now that the data's ties are known.
  mutating func writeTieOutcomes() {
    for (i, c) in corrections.ties.enumerated() where tieOutcomes[i] == nil {
      guard let key = pairOfTie[i] else { continue }
      if let j = supersededBy[i] {
        tieOutcomes[i] = .init(
          family: .tie, id: c.id, applied: false,
          effect: "overridden by the later correction #\(corrections.ties[j].id)")
        continue
      }
      let info = seen[key] ?? Seen()
      let pair = pairName(key)
      var applied = true
      var effect: String
      switch c.change {
      case .reject:
        if info.exists {
          report.tiesRemoved += 1
          if info.allInferred { report.inferredTiesRemoved += 1 }
          effect = "removed the \(info.allInferred ? "inferred " : "")tie between \(pair)"
        } else {
          applied = false
          effect = "no tie between \(pair) to remove; none will be added"
        }
        if let log = logs[key] {
          effect += "; made again by log #\(log.lastEntry), dated on or after the rejection"
        }
      case .confirm:
        if !info.exists {
          effect = "added the tie between \(pair)"
        } else if info.allInferred {
          effect = "confirmed the inferred tie between \(pair) (now observed)"
        } else {
          applied = false
          effect = "the tie between \(pair) is already observed"
        }
      case .strength(let s):
        effect =
          info.exists
          ? "strength of the tie between \(pair): \(Self.short(info.stored)) → \(Self.short(Float(s)))"
          : "added the tie between \(pair) with strength \(Self.short(Float(s)))"
      case .kind(let k):
        effect =
          info.exists
          ? "kind of the tie between \(pair): \(info.kind ?? "none") → \(k)"
          : "added the tie between \(pair) of kind \(k)"
      }
      tieOutcomes[i] = .init(family: .tie, id: c.id, applied: applied, effect: effect)
    }
  }

  static func short(_ s: Float) -> String { TextFormat.fixed(Double(s), 3) }

  /// Every attribute column of `p` as stored (no id in place of a missing name).
  func attributes(of p: PersonID) -> GraphBuilder.PersonAttributes {
    let i = Int(p)
    func get(_ c: StringColumn) -> String { i < c.count ? c[i] : "" }
    return GraphBuilder.PersonAttributes(
      name: get(people.names), emails: people.emails(of: p), company: get(people.companies),
      title: get(people.titles), industry: get(people.industries), location: get(people.locations),
      tags: people.tags(of: p), profileURL: get(people.profileURLs))
  }
}
