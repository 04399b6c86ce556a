@_spi(Internals) import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// An unordered pair of people, stored with `low < high`.
public struct PersonPair: Sendable, Hashable, Codable {
  public let low: PersonID
  public let high: PersonID

  public init(_ a: PersonID, _ b: PersonID) {
    low = min(a, b)
    high = max(a, b)
  }
}

/// The weights of the combined introduction score (Guides/Introductions.md; [OURS]).
///
/// score = likelihood·L + context·C + introducibility·I + bridging·B, with
/// every component in [0, 1] (see `IntroductionCandidate`). The defaults sum
/// to 1, so the score is in [0, 1].
public struct IntroductionWeights: Sendable, Codable, Equatable {
  public var likelihood: Double
  public var context: Double
  public var introducibility: Double
  public var bridging: Double

  public init(
    likelihood: Double = 0.45, context: Double = 0.25, introducibility: Double = 0.20, bridging: Double = 0.10
  ) {
    self.likelihood = likelihood
    self.context = context
    self.introducibility = introducibility
    self.bridging = bridging
  }
}

/// How `Graph.introductionCandidates(for:options:)` chooses and ranks pairs.
public struct IntroductionOptions: Sendable {
  /// Keep the best `top` pairs (nil: every pair).
  public var top: Int?
  /// Skip pairs with fewer shared contacts besides the ego (0: keep all).
  public var minCommonBesidesEgo: Int
  /// Pairs already introduced or declined.
  public var excluded: Set<PersonPair>
  /// A group label per person (e.g. communities), −1 for none. When nil,
  /// industry stands in for the group in the bridging value.
  public var groups: [Int32]?
  /// L saturates at this quantile of the positive RA₋ₑ values (1: the maximum).
  public var likelihoodQuantile: Double
  /// Strength assumed for the new tie when computing the change in the ego's
  /// constraint (default: the strength of an unrated tie).
  public var newTieStrength: Double
  /// Strength at or above which "you are close to both" is said.
  public var closeAtLeast: Double
  public var weights: IntroductionWeights
  /// Worker threads (0: all processors).
  public var threads: Int
  /// Pair at most this many of the ego's contacts: those with the strongest
  /// ties to the ego, then the lowest ids (nil: all of them). The pairs grow
  /// with the square of the contacts: 2,000 contacts make 2 million pairs,
  /// 2 million contacts 2 × 10¹² pairs.
  public var maxContacts: Int?

  /// Pairs never suggested: records identity resolution could not tell apart
  /// (`IdentityReport.ambiguousPairs`), so they may be one person; counted
  /// in `IntroductionResult.pairsKeptApart`.
  public var apart: Set<PersonPair>
  /// The diversity re-rank: in each successive block of `diversityWindow`
  /// places (1–10, 11–20, …) one person appears in at most `diversityCap`
  /// pairs (0: ranked by score alone).
  public var diversityWindow: Int
  public var diversityCap: Int
  /// Tie classes for the reasons: a dormant tie of the ego to a or b is
  /// named ("a reason to get back in touch"); it does not change the score.
  public var classifier: TieClassifier

  /// The default `maxContacts`.
  public static let defaultMaxContacts = 2_000

  public init(
    top: Int? = 20, minCommonBesidesEgo: Int = 0, excluded: Set<PersonPair> = [], groups: [Int32]? = nil,
    likelihoodQuantile: Double = 0.9, newTieStrength: Double = Double(TieClassifier.defaultStrength),
    closeAtLeast: Double = 0.55,
    weights: IntroductionWeights = IntroductionWeights(), threads: Int = 0,
    maxContacts: Int? = IntroductionOptions.defaultMaxContacts, apart: Set<PersonPair> = [],
    diversityWindow: Int = 10, diversityCap: Int = 3, classifier: TieClassifier = TieClassifier()
  ) {
    self.classifier = classifier
    self.maxContacts = maxContacts
    self.apart = apart
    self.diversityWindow = diversityWindow
    self.diversityCap = diversityCap
    self.top = top
    self.minCommonBesidesEgo = minCommonBesidesEgo
    self.excluded = excluded
    self.groups = groups
    self.likelihoodQuantile = likelihoodQuantile
    self.newTieStrength = newTieStrength
    self.closeAtLeast = closeAtLeast
    self.weights = weights
    self.threads = threads
  }
}

/// One suggested introduction: two of the ego's contacts who are not tied.
public struct IntroductionCandidate: Sendable, Codable, Equatable {
  /// The pair, `low < high` by person id, as in `PersonPair` (the command
  /// line's JSON calls them `a` and `b`).
  public var low: PersonID
  public var high: PersonID
  /// The combined score in [0, 1] (`IntroductionWeights`).
  public var score: Double
  /// Link-prediction indices on the whole graph, the ego counted as a
  /// common contact (networkx's values for the pair).
  public var whole: LinkScores
  /// The same indices without the ego: "shared contacts besides you".
  public var besidesEgo: LinkScores
  /// The ego's tie strengths to `low` and to `high`.
  public var strengthToLow: Double
  public var strengthToHigh: Double
  /// I = min(strengthToLow, strengthToHigh): the ego must be close enough to both.
  public var introducibility: Double
  /// Strength-weighted resource allocation besides the ego:
  /// Σ_w ½(s_aw + s_wb) / S_w over the shared contacts w ≠ ego, S_w = w's
  /// total tie strength (equals `besidesEgo.resourceAllocation` when every
  /// tie has the same strength).
  public var strengthResourceAllocation: Double
  /// The shared contacts' ties to the two, ½(s_aw + s_wb) averaged over the
  /// shared contacts besides the ego (0 when there are none).
  public var sharedTieStrength: Double
  /// L = x / (x + scale) with x = `strengthResourceAllocation`: grows with
  /// every shared contact but ever more slowly, 0.5 at the 90th percentile
  /// of the positive values over the pairs considered, never 1.
  public var likelihood: Double
  /// C in [0, 1]: noisy-OR of shared industry (0.5) and complementary roles
  /// (hiring × looking 0.8, founder × investor 0.8, mentor × looking or founder 0.6, founder × founder 0.3).
  public var contextFit: Double
  /// B in [0, 1]: the mean, over the labellings known for both, of "different":
  /// company, and group (communities when given, else industry).
  public var bridging: Double
  /// The industry both work in, if any.
  public var sharedIndustry: String?
  /// Complementary roles in plain words, e.g. "Ann is hiring and Bo is looking for work".
  public var complementary: [String]
  /// Whether they work at different companies (nil when either is unknown).
  public var differentCompanies: Bool?
  /// Whether they are in different groups (nil when either is unknown).
  public var differentGroups: Bool?
  /// Shared contacts besides the ego, ascending id (at most 10 listed).
  public var sharedContacts: [PersonID]
  /// Of the two, those whose tie to the ego is dormant (`IntroductionOptions.classifier`).
  public var dormant: [PersonID]
  /// The two have the same name (case and spacing ignored): maybe one person
  /// entered twice; the reasons say so first.
  public var sameName: Bool
  /// The pair's place by score and tie-breaks alone (1 = best), before the
  /// diversity re-rank moved it.
  public var scoreRank: Int
  /// The ego's Burt constraint now, and if the a–b tie is made (strength
  /// `newTieStrength`); whole-graph, strength-weighted (Guides/Brokerage.md).
  public var constraintBefore: Double
  public var constraintAfter: Double
  /// Why, in plain words, most important first.
  public var reasons: [String]
}

/// The answer of `Graph.introductionCandidates(for:options:)`.
public struct IntroductionResult: Sendable, Codable, Equatable {
  public var ego: PersonID
  /// Number of the ego's contacts.
  public var contacts: Int
  /// The contacts paired: all of them, or the `maxContacts` with the
  /// strongest ties to the ego when there are more.
  public var contactsConsidered: Int
  /// Work of one sweep: pairs of considered contacts looked at, and
  /// adjacency entries read to count their shared contacts.
  public var pairsExamined: Int
  public var entriesScanned: Int
  /// Pairs of contacts with no tie, not excluded, with enough shared contacts.
  public var pairsConsidered: Int
  /// Pairs left out by `excluded`.
  public var pairsExcluded: Int
  /// Pairs left out by `apart` (identity resolution could not tell them apart).
  public var pairsKeptApart: Int
  /// The maximum strength-weighted resource allocation besides the ego over the pairs considered.
  public var maxResourceAllocationBesidesEgo: Double
  /// The half-point of L: the `likelihoodQuantile` (default 90th percentile)
  /// of the positive strength-weighted resource-allocation values besides the ego.
  public var likelihoodScale: Double
  /// The ego's constraint before any introduction.
  public var constraint: Double?
  /// The best pairs: by score and its tie-breaks (`introductionCandidates`),
  /// then re-ranked for diversity (Guides/Introductions.md).
  public var candidates: [IntroductionCandidate]
}

extension Graph {
  /// Mutual-introduction candidates for `ego` (Guides/Introductions.md): pairs {a, b}
  /// of the ego's contacts with no tie between them, ranked by one combined
  /// score, with the evidence and plain-word reasons.
  ///
  /// score = 0.45·L + 0.25·C + 0.20·I + 0.10·B (default weights), where
  /// L = x / (x + q₉₀), x the strength-weighted resource allocation without
  /// the ego, Σ_w ½(s_aw + s_wb) / S_w over the shared contacts w (Zhou, Lü &
  /// Zhang 2009; weighted form after Lü & Zhou 2010), q₉₀ the 90th percentile
  /// of its positive values over the pairs considered: every shared contact
  /// adds, ever less, and L never reaches 1, so the score does not saturate;
  /// C the context fit (shared industry, complementary roles from tags and
  /// titles), I = min(s_ea, s_eb) the introducibility and B the bridging
  /// value (different companies, different groups — Obstfeld's *tertius
  /// iungens*, ASQ 50:100, 2005). The change in the ego's Burt constraint if
  /// the tie is made shows what the ego gives up as a broker (Burt's
  /// *tertius gaudens*).
  ///
  /// Order: score descending; then more shared contacts besides the ego;
  /// then the ego's stronger ties to the two (s_ea + s_eb); then the two
  /// display names (the pair whose first name in alphabetical order comes
  /// first, then the second); person ids decide only between namesakes.
  /// Then the diversity re-rank: in each block of
  /// 10 places nobody appears in more than 3 pairs. Pairs of records that
  /// identity resolution could not tell apart (`apart`) are never
  /// suggested; a pair sharing a name is flagged (`sameName`) and says so first.
  ///
  /// Link-prediction values are networkx's on the whole graph (ego included)
  /// and also reported without the ego. Two sweeps over the two-paths
  /// a–w–b inside the ego network (one for the normaliser, one for scores),
  /// parallel over a with per-thread accumulators of the ego's size;
  /// details (merges, constraint, reasons) only for the pairs kept. When the
  /// re-rank runs out of pairs that respect the cap among those kept, the
  /// second sweep runs again keeping four times as many.
  ///
  /// Only the `maxContacts` contacts with the strongest ties to the ego are
  /// paired (default 2,000, i.e. at most 2 million pairs; ties broken by
  /// lower id); `contactsConsidered` says how many were. The constraint
  /// values still use every contact. The two-paths are read grouped by their
  /// middle person (`IntroductionMiddles`), so a hub in the middle costs the
  /// contacts it shares with the ego, not its whole row; each pair's sums
  /// are added in the order of the middle people's ids.
  ///
  /// - Complexity: with d = deg(ego), c = min(d, maxContacts) contacts
  ///   considered, T = the two-paths a–w–b between considered contacts
  ///   (the ego not in the middle), W = the contacts of the considered
  ///   contacts, and K kept pairs: O(d log d + Σ_{w∈W} deg w + T + c² +
  ///   K·(d + Σ deg)) time per
  ///   sweep (the c² term is the pairs; a re-run of the second sweep is rare
  ///   and multiplies K by 4), O(V + c·threads + K) extra space.
  public func introductionCandidates(
    for ego: PersonID, options: IntroductionOptions = IntroductionOptions()
  ) -> IntroductionResult {
    let n = personCount
    let allContacts = Array(neighbors(of: ego))
    let allStrength = strengths(of: ego).map { Double($0) }
    let d = allContacts.count
    // Constants from here on (`let`): the pair loop's closures read them
    // without an exclusivity check per access.
    let (contacts, egoStrength): ([PersonID], [Double]) = {
      guard let cap = options.maxContacts, d > max(cap, 2) else { return (allContacts, allStrength) }
      // The strongest ties, then the lowest ids (positions ascend with id); kept in id order.
      var order = Array(0..<d)
      order.sort { allStrength[$0] != allStrength[$1] ? allStrength[$0] > allStrength[$1] : $0 < $1 }
      var chosen = Array(order.prefix(max(cap, 2)))
      chosen.sort()
      return (chosen.map { allContacts[$0] }, chosen.map { allStrength[$0] })
    }()
    let c = contacts.count
    let workers = options.threads > 0 ? options.threads : Parallel.defaultThreads
    let pos: [Int32] = {
      var pos = [Int32](repeating: -1, count: n)
      for (i, x) in contacts.enumerated() { pos[Int(x)] = Int32(i) }
      return pos
    }()
    let features = IntroductionFeatures(graph: self, contacts: contacts, groups: options.groups)
    let weights = options.weights
    // Each contact's place in the order of display names (then ids, for namesakes).
    let nameRank: [Int32] = {
      var rank = [Int32](repeating: 0, count: c)
      for (r, i) in (0..<c).sorted(by: { x, y in
        features.names[x] != features.names[y] ? features.names[x] < features.names[y] : contacts[x] < contacts[y]
      }).enumerated() {
        rank[i] = Int32(r)
      }
      return rank
    }()
    // The two-paths a–w–b between considered contacts, grouped by the middle person w.
    let middles = IntroductionMiddles(self, contacts: contacts, ego: ego)

    // One sweep: for each a (index i), the two-path counts to later contacts.
    // `visit(i, j, cn, ra, wra)` is called for every non-tied pair i < j.
    func sweep(_ visit: (Int, Int, Int, Double, Double, inout IntroductionSink) -> Void) -> [IntroductionSink] {
      let sinkBox = IntroductionSinks(count: 0)
      withCSR { offsets, targets, _ in
        pos.withUnsafeBufferPointer { pos in
          middles.withBuffers { m in
            Parallel.parallelFor(
              count: c, threads: workers, chunk: 4,
              makeScratch: { () -> IntroductionScratch in
                let s = IntroductionScratch(count: c)
                sinkBox.add(s)
                return s
              }
            ) { range, s in
              let cnA = s.cn
              let wrA = s.wr
              let raA = s.ra
              let tied = s.tied
              // The sink is a local while the range runs: a class property would be
              // checked for exclusive access on every pair.
              var sink = IntroductionSink()
              swap(&sink, &s.sink)
              defer { swap(&sink, &s.sink) }
              for i in range {
                let a = contacts[i]
                s.generation &+= 1
                if s.generation == 0 {
                  tied.update(repeating: 0)
                  s.generation = 1
                }
                let gen = s.generation
                // Contacts tied to a are not candidates.
                for p in Int(offsets[Int(a)])..<Int(offsets[Int(a) + 1]) {
                  let x = Int(pos[Int(targets[p])])
                  if x > i { tied[x] = gen }
                }
                let later = c - i - 1
                sink.pairsExamined += later
                sink.entriesScanned += Int(offsets[Int(a) + 1] - offsets[Int(a)])
                // a's ties in row order (ascending w), each with the later
                // contacts of its w: every pair's sums are added in w order.
                for e in Int(m.entryStart[i])..<Int(m.entryStart[i + 1]) {
                  let w = Int(m.middleAt[e])
                  if w < 0 { continue }
                  let raW = m.inverseDegree[w]
                  let invW = m.inverseTotal[w]
                  let sAW = m.strength[Int(m.place[e])]
                  let end = Int(m.start[w + 1])
                  sink.entriesScanned += end - Int(m.place[e])
                  for q in (Int(m.place[e]) + 1)..<end {
                    let x = Int(m.member[q])
                    if x <= i { continue }
                    cnA[x] &+= 1
                    raA[x] += raW
                    wrA[x] += LinkKernel.strengthTerm(sAW, m.strength[q], invW)
                  }
                }
                for j in (i + 1)..<max(i + 1, c) {
                  let cn = cnA[j]
                  let ra = raA[j]
                  let wr = wrA[j]
                  cnA[j] = 0
                  raA[j] = 0
                  wrA[j] = 0
                  if tied[j] == gen { continue }
                  visit(i, j, Int(cn), ra, wr, &sink)
                }
              }
            }
          }
        }
      }
      return sinkBox.scratches.map(\.sink)
    }

    let excluded = options.excluded
    let apart = options.apart
    let minCommon = options.minCommonBesidesEgo
    /// 0: the pair qualifies; 1: excluded; 2: kept apart; 3: too few shared contacts or one person.
    @inline(__always) func verdict(_ i: Int, _ j: Int, _ cn: Int) -> Int {
      if cn < minCommon || contacts[i] == contacts[j] { return 3 }
      if !excluded.isEmpty && excluded.contains(PersonPair(contacts[i], contacts[j])) { return 1 }
      if !apart.isEmpty && apart.contains(PersonPair(contacts[i], contacts[j])) { return 2 }
      return 0
    }
    // Pass 1: the normaliser, counts.
    let pass1 = sweep(
      { i, j, cn, _, wr, sink in
        switch verdict(i, j, cn) {
        case 0: break
        case 1:
          sink.excluded += 1
          return
        case 2:
          sink.apart += 1
          return
        default: return
        }
        sink.considered += 1
        if wr > sink.maxRA { sink.maxRA = wr }
        if wr > 0 { sink.positiveRA.append(wr) }
      })
    var maxRA = 0.0
    var considered = 0
    var excludedCount = 0
    var apartCount = 0
    var positive: [Double] = []
    var pairsExamined = 0
    var entriesScanned = 0
    for s in pass1 {
      pairsExamined += s.pairsExamined
      entriesScanned += s.entriesScanned
      maxRA = max(maxRA, s.maxRA)
      considered += s.considered
      excludedCount += s.excluded
      apartCount += s.apart
      positive += s.positiveRA
    }
    let scale = Self.likelihoodScale(positive, quantile: options.likelihoodQuantile)
    // Pass 2: scores, the best `pool` per thread; the pool grows when the re-rank runs out.
    let window = options.diversityCap > 0 ? max(1, options.diversityWindow) : 1
    var pool: Int? = options.top.map { top in
      options.diversityCap > 0 ? 4 * window * ((max(top, 1) + window - 1) / window) : top
    }
    var kept: [IntroductionPair] = []
    var order: [Int] = []
    // Context fit and bridging are at most 1, so with no negative weight a
    // pair's score is at most its likelihood and introducibility terms plus
    // the other two weights (rounding is monotone): a pair whose bound is
    // below the sink's floor cannot be kept and is not scored.
    let bounded = [weights.likelihood, weights.context, weights.introducibility, weights.bridging].allSatisfy {
      $0 >= 0 && $0.isFinite
    }
    while true {
      let keep = pool
      let pass2 = sweep(
        { i, j, cn, _, wr, sink in
          if verdict(i, j, cn) != 0 { return }
          let l = Self.likelihood(wr, scale: scale)
          let intro = min(egoStrength[i], egoStrength[j])
          if bounded, let floor = sink.floor,
            weights.likelihood * l + weights.context * 1 + weights.introducibility * intro + weights.bridging * 1
              < floor.score
          {
            return
          }
          let c = features.contextFit(i, j)
          let b = features.bridging(i, j)
          let score =
            weights.likelihood * l + weights.context * c + weights.introducibility * intro + weights.bridging * b
          let (x, y) = contacts[i] < contacts[j] ? (contacts[i], contacts[j]) : (contacts[j], contacts[i])
          sink.add(
            IntroductionPair(
              score: score, shared: Int32(cn), egoTies: egoStrength[i] + egoStrength[j],
              nameLow: min(nameRank[i], nameRank[j]), nameHigh: max(nameRank[i], nameRank[j]), a: x, b: y,
              i: Int32(i), j: Int32(j)), keep: keep)
        })
      kept = []
      for s in pass2 { kept += s.pairs }
      kept.sort(by: IntroductionPair.before)
      let truncated = keep.map { considered > $0 } ?? false
      if let keep, kept.count > keep { kept.removeLast(kept.count - keep) }
      let limit = options.top.map { min($0, kept.count) } ?? kept.count
      if options.diversityCap > 0 {
        let ranked = IntroductionDiversity.order(
          kept.map { PersonPair($0.a, $0.b) }, window: window, cap: options.diversityCap, limit: limit)
        if ranked.ranOut && truncated, let p = pool {
          pool = 4 * p
          continue
        }
        order = ranked.order
      } else {
        order = Array(0..<limit)
      }
      break
    }

    // Details for the kept pairs.
    // The constraint is over every contact, considered or not.
    var posAll = pos
    if c < d {
      posAll = [Int32](repeating: -1, count: n)
      for (i, x) in allContacts.enumerated() { posAll[Int(x)] = Int32(i) }
    }
    let egoConstraint = IntroductionEgoConstraint(graph: self, ego: ego, contacts: allContacts, pos: posAll)
    var candidates: [IntroductionCandidate] = []
    candidates.reserveCapacity(order.count)
    for place in order {
      let k = kept[place]
      let i = Int(k.i)
      let j = Int(k.j)
      let (ia, ib) = contacts[i] == k.a ? (i, j) : (j, i)
      let besides = linkScores(k.a, k.b, excluding: ego)
      let weighted = strengthOverlap(k.a, k.b, excluding: ego)
      var shared = commonContacts(k.a, k.b).filter { $0 != ego }
      if shared.count > 10 { shared.removeLast(shared.count - 10) }
      let after = egoConstraint.after(adding: k.a, k.b, strength: options.newTieStrength)
      var cand = IntroductionCandidate(
        low: k.a, high: k.b, score: k.score, whole: linkScores(k.a, k.b), besidesEgo: besides,
        strengthToLow: egoStrength[ia], strengthToHigh: egoStrength[ib],
        introducibility: min(egoStrength[ia], egoStrength[ib]),
        strengthResourceAllocation: weighted.resourceAllocation, sharedTieStrength: weighted.meanTie,
        likelihood: Self.likelihood(weighted.resourceAllocation, scale: scale),
        contextFit: features.contextFit(ia, ib), bridging: features.bridging(ia, ib),
        sharedIndustry: features.sharedIndustry(ia, ib), complementary: features.complementary(ia, ib),
        differentCompanies: features.differentCompanies(ia, ib), differentGroups: features.differentGroups(ia, ib),
        sharedContacts: shared,
        dormant: [k.a, k.b].filter { x in
          tieID(between: ego, and: x).map { tieClass($0, classifier: options.classifier) == .dormant } ?? false
        }, sameName: haveSameName(k.a, k.b), scoreRank: place + 1,
        constraintBefore: egoConstraint.before ?? 0, constraintAfter: after ?? 0, reasons: [])
      cand.reasons = introductionReasons(
        cand, ego: ego, groupsAreCommunities: options.groups != nil, closeAtLeast: options.closeAtLeast)
      candidates.append(cand)
    }
    return IntroductionResult(
      ego: ego, contacts: d, contactsConsidered: c, pairsExamined: pairsExamined, entriesScanned: entriesScanned,
      pairsConsidered: considered, pairsExcluded: excludedCount, pairsKeptApart: apartCount,
      maxResourceAllocationBesidesEgo: maxRA, likelihoodScale: scale, constraint: egoConstraint.before,
      candidates: candidates)
  }

  /// L = x / (x + scale): 0 at 0, ½ at the scale, below 1 always (0 when the scale is 0).
  @inline(__always) static func likelihood(_ x: Double, scale: Double) -> Double {
    scale > 0 && x > 0 ? x / (x + scale) : 0
  }

  /// The nearest-rank `quantile` of the positive values (0 when there are none).
  static func likelihoodScale(_ values: [Double], quantile: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let rank = Int((quantile * Double(values.count)).rounded(.up))
    var values = values
    return Selection.kthSmallest(&values, min(values.count, max(1, rank)) - 1)
  }

  /// Whether a and b (two people) carry the same name, case and spacing
  /// ignored; people without a name (shown by id) never do.
  package func haveSameName(_ a: PersonID, _ b: PersonID) -> Bool {
    guard a != b else { return false }
    let x = Identity.normalizeName(people.name(of: a))
    return !x.isEmpty && people.name(of: a) != people.id(of: a) && people.name(of: b) != people.id(of: b)
      && x == Identity.normalizeName(people.name(of: b))
  }

  /// The warning that opens the reasons of a pair of namesakes.
  func sameNameWarning(_ a: PersonID, _ b: PersonID) -> String {
    "same name, ids \(people.id(of: a)) and \(people.id(of: b)): check they are two people"
  }

  /// Plain-word reasons for one candidate, most important first.
  func introductionReasons(
    _ c: IntroductionCandidate, ego: PersonID? = nil, groupsAreCommunities: Bool, closeAtLeast: Double
  ) -> [String] {
    var out: [String] = []
    let nameA = displayName(c.low)
    let nameB = displayName(c.high)
    if c.sameName { out.append(sameNameWarning(c.low, c.high)) }
    out += c.complementary
    if let industry = c.sharedIndustry { out.append("both work in \(industry)") }
    let k = c.besidesEgo.commonNeighbors
    if k > 0 {
      let names = c.sharedContacts.prefix(2).map { displayName($0) }
      let more = k - names.count
      let list = names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
      let tail = k >= 10 ? ": they move in the same circles yet have no tie" : ""
      let mean = c.sharedTieStrength
      let close = mean >= closeAtLeast ? "; close ties on both sides (strength \(TextFormat.fixed(mean, 2)))" : ""
      out.append("\(k) shared contact\(k == 1 ? "" : "s") besides you (\(list))\(tail)\(close)")
    } else {
      out.append("no shared contacts besides you: you are their only link, so each gains a new circle")
    }
    if c.differentCompanies == true {
      out.append("they work at different companies (\(people.company(of: c.low)); \(people.company(of: c.high)))")
    } else if c.differentCompanies == false {
      out.append("both at \(people.company(of: c.low)), yet not tied")
    }
    if groupsAreCommunities, c.differentGroups == true { out.append("they are in different communities") }
    if !c.dormant.isEmpty {
      let who = c.dormant.map { displayName($0) }.joined(separator: " and ")
      out.append(
        "your tie to \(who) is dormant: the introduction is a reason to get back in touch")
    }
    if let ego {
      let touched = [c.low, c.high].compactMap { x in personalEvidence(ego, x).map { "\(displayName(x)) (\($0))" } }
      if !touched.isEmpty { out.append("you have been in touch with " + touched.joined(separator: " and ")) }
    }
    let weaker = min(c.strengthToLow, c.strengthToHigh)
    if weaker >= closeAtLeast {
      out.append("you are close to both")
    } else if case .none = ties.rated {
      out.append("your ties to both are unrated (the data gives no strengths)")
    } else if c.strengthToLow == c.strengthToHigh {
      out.append("your ties to both have strength \(TextFormat.fixed(weaker, 2))")
    } else {
      let who = c.strengthToLow <= c.strengthToHigh ? nameA : nameB
      out.append("your weaker tie is to \(who) (strength \(TextFormat.fixed(weaker, 2)))")
    }
    return out
  }

  /// The evidence of the tie between `ego` and `x` when it comes from the
  /// ego's own mail, calendar or interaction log ("mail: 5 interactions both
  /// ways, last contact 2026-10-02, source mary@example.com"); nil for
  /// ties known only from tables and exports. O(1).
  func personalEvidence(_ ego: PersonID, _ x: PersonID) -> String? {
    guard let t = tieID(between: ego, and: x), let last = ties.lastContact(t) else { return nil }
    let kinds = (ties.kind(t) ?? "").split(separator: " + ").map(String.init)
    let sources = (ties.source(t) ?? "").split(separator: " + ").map(String.init)
    let personalKinds = kinds.filter { k in ["mail", "calendar", "meeting"].contains { k.contains($0) } }
    let logged = sources.filter { $0.hasPrefix("log #") }
    guard !personalKinds.isEmpty || !logged.isEmpty else { return nil }
    var parts: [String] = []
    if let n = ties.interactions(t), n > 0 {
      var count = "\(n) interaction\(n == 1 ? "" : "s")"
      if let o = ties.interactionsOut(t), let i = ties.interactionsIn(t), o > 0, i > 0 { count += " both ways" }
      if sources.count > 1 { count += " across \(sources.count) sources" }
      parts.append(count)
    }
    parts.append("last contact \(last)")
    let files = sources.filter { !$0.hasPrefix("log #") }
    if !personalKinds.isEmpty, !files.isEmpty { parts.append("source " + files.joined(separator: ", ")) }
    if !logged.isEmpty { parts.append("logged as " + logged.joined(separator: ", ")) }
    let what = personalKinds.isEmpty ? "logged" : personalKinds.joined(separator: ", ")
    return what + ": " + parts.joined(separator: ", ")
  }

  func displayName(_ p: PersonID) -> String {
    let name = people.name(of: p)
    return name.isEmpty ? people.id(of: p) : name
  }
}

/// A suggested introduction network-wide (no ego): two people at distance 2.
public struct NetworkIntroduction: Sendable, Codable, Equatable {
  /// The pair, `low < high` by person id, as in `PersonPair` (the command
  /// line's JSON calls them `a` and `b`).
  public var low: PersonID
  public var high: PersonID
  /// The ranking index's value (`LinkIndex`).
  public var score: Double
  /// All four link-prediction indices (networkx's values).
  public var scores: LinkScores
  /// Shared contacts, ascending id (at most 3 listed; `scores.commonNeighbors` counts them all).
  public var sharedContacts: [PersonID]
  public var sharedIndustry: String?
  public var complementary: [String]
  public var differentCompanies: Bool?
  /// The two have the same name (case and spacing ignored); the reasons say so first.
  public var sameName: Bool
  /// Why, in plain words.
  public var reasons: [String]
}

/// The answer of `Graph.networkIntroductions`.
public struct NetworkIntroductionResult: Sendable, Codable, Equatable {
  /// Unordered distance-2 pairs scored (with enough common contacts).
  public var pairsScored: Int
  /// Pairs dropped because they were excluded.
  public var pairsExcluded: Int
  /// Pairs dropped because identity resolution could not tell them apart.
  public var pairsKeptApart: Int
  /// The union of every person's best `k` pairs, each pair once, score
  /// descending, then `low`, then `high` ascending.
  public var candidates: [NetworkIntroduction]

  /// The best `limit` candidates reordered so that one person appears in at
  /// most `cap` of each block of `window` (the diversity re-rank, Guides/Introductions.md):
  /// a hub is not the whole of a short list.
  /// - Complexity: O(P·⌈limit / window⌉) for P candidates.
  public func diverseCandidates(limit: Int, window: Int = 10, cap: Int = 3) -> [NetworkIntroduction] {
    let pairs = candidates.map { PersonPair($0.low, $0.high) }
    return IntroductionDiversity.order(pairs, window: window, cap: cap, limit: limit).order.map { candidates[$0] }
  }
}

/// One pair of the network-wide selection, as kept while computing and
/// sorting: 16 bytes, no strings.
package struct NetworkPairRecord: Sendable, Equatable {
  /// The ranking index's value.
  package var score: Double
  /// The pair, `a < b`.
  package var a: PersonID
  package var b: PersonID

  /// Score descending, then a, then b ascending (the answer's order).
  @inline(__always) static func before(_ x: NetworkPairRecord, _ y: NetworkPairRecord) -> Bool {
    if x.score != y.score { return x.score > y.score }
    if x.a != y.a { return x.a < y.a }
    return x.b < y.b
  }
}

/// The network-wide selection in compact form (`Graph.networkIntroductionPairs`):
/// the pairs in the answer's order, with the graph and the people's context
/// needed to describe any slice of them on demand (`introductions(_:)`), so
/// an answer can be written a slice at a time.
package struct NetworkIntroductionPairs: Sendable {
  /// Unordered distance-2 pairs scored (with enough common contacts).
  package let pairsScored: Int
  /// Pairs dropped because they were excluded.
  package let pairsExcluded: Int
  /// Pairs dropped because identity resolution could not tell them apart.
  package let pairsKeptApart: Int
  /// The ranking index and the number of candidates kept per person.
  package let index: LinkIndex
  package let perPerson: Int
  /// The pairs: every person's best `perPerson`, each pair once, score
  /// descending, then a, then b ascending.
  package let records: [NetworkPairRecord]
  /// Records held while computing: at most people × `perPerson`.
  package let recordsHeld: Int
  let graph: Graph
  let features: IntroductionFeatures
  let threads: Int

  package var count: Int { records.count }

  /// The pairs of `range` with all four indices, shared contacts, context and
  /// plain-word reasons, in order (parallel over the pairs; the same for any
  /// thread count).
  ///
  /// - Complexity: O(Σ (d(a) + d(b))) over the range; O(range) space.
  package func introductions(_ range: Range<Int>) -> [NetworkIntroduction] {
    var out = [NetworkIntroduction?](repeating: nil, count: range.count)
    let g = graph
    let features = features
    let records = records
    out.withUnsafeMutableBufferPointer { res in
      Parallel.parallelFor(count: range.count, threads: threads, chunk: 256, makeScratch: { () }) { slice, _ in
        for r in slice { res[r] = g.networkIntroduction(records[range.lowerBound + r], features: features) }
      }
    }
    return out.map { $0! }
  }
}

extension Graph {
  /// The best introductions network-wide: every person's `k` best people at
  /// distance 2 by `index` (`topLinkPredictions`), each unordered pair once,
  /// with all four indices, shared contacts, context and plain-word reasons.
  /// Excluded pairs, and pairs identity resolution could not tell apart
  /// (`apart`), are dropped after the per-person selection (a person may
  /// then show fewer than `k`). A pair sharing a name is flagged (`sameName`).
  ///
  /// Describes every pair at once; to write a large answer, take
  /// `networkIntroductionPairs` and describe it a slice at a time.
  ///
  /// - Complexity: that of `networkIntroductionPairs`, then
  ///   O(P·(d(a) + d(b))) for the P ≤ n·k pairs kept (parallel).
  public func networkIntroductions(
    perPerson k: Int = 10, by index: LinkIndex = .adamicAdar, minCommon: Int = 1, excluded: Set<PersonPair> = [],
    apart: Set<PersonPair> = [], threads: Int = 0
  ) -> NetworkIntroductionResult {
    let pairs = networkIntroductionPairs(
      perPerson: k, by: index, minCommon: minCommon, excluded: excluded, apart: apart, threads: threads)
    return NetworkIntroductionResult(
      pairsScored: pairs.pairsScored, pairsExcluded: pairs.pairsExcluded, pairsKeptApart: pairs.pairsKeptApart,
      candidates: pairs.introductions(0..<pairs.count))
  }

  /// The pairs of `networkIntroductions`, compact: each person's best `k` is
  /// selected during the two-hop sweep (a bounded buffer per person, never
  /// every scored pair), written as 16-byte records (score, a, b) into one
  /// array of n·k slots, compacted, sorted (score descending, then a, then
  /// b) and deduplicated — a pair listed by both people has the same score
  /// from both rows (the same terms summed in the same order), so its two
  /// records are adjacent. Excluded pairs and pairs in `apart` are then dropped.
  ///
  /// - Complexity: the two-hop sweep of `topLinkPredictions`, then
  ///   O(P log P) for the P ≤ n·k records; 16·n·k bytes at most for the
  ///   records (slots of people with fewer candidates are never touched), plus
  ///   the sort's buffer and the people's context (O(n)).
  package func networkIntroductionPairs(
    perPerson k: Int = 10, by index: LinkIndex = .adamicAdar, minCommon: Int = 1, excluded: Set<PersonPair> = [],
    apart: Set<PersonPair> = [], threads: Int = 0
  ) -> NetworkIntroductionPairs {
    precondition(k >= 0, "k must be non-negative")
    let workers = threads > 0 ? threads : Parallel.defaultThreads
    let n = personCount
    let slots = n * k
    var rowCount = [Int](repeating: 0, count: n)
    var scored = 0
    var records = [NetworkPairRecord](unsafeUninitializedCapacity: slots) { buffer, initialized in
      scored = rowCount.withUnsafeMutableBufferPointer { rowCount in
        twoHopTopK(k: k, by: index, minCommon: minCommon, threads: workers) { u, ids, values in
          rowCount[u] = ids.count
          for i in 0..<ids.count {
            let x = ids[i]
            let pair = PersonPair(PersonID(u), x)
            let record = NetworkPairRecord(score: values[i], a: pair.low, b: pair.high)
            (buffer.baseAddress! + u * k + i).initialize(to: record)
          }
        }
      }
      // Compact the rows in place (each record moves to a lower or equal slot).
      var used = 0
      for u in 0..<n {
        for i in 0..<rowCount[u] {
          buffer[used] = buffer[u * k + i]
          used += 1
        }
      }
      initialized = used
    }
    rowCount = []
    records.sort(by: NetworkPairRecord.before)
    // Each pair once; excluded pairs out.
    var kept = 0
    var dropped = 0
    var keptApart = 0
    var previous = PersonPair(-1, -1)
    for r in 0..<records.count {
      let x = records[r]
      if previous.low == x.a && previous.high == x.b { continue }
      previous = PersonPair(x.a, x.b)
      if !excluded.isEmpty && excluded.contains(PersonPair(x.a, x.b)) {
        dropped += 1
        continue
      }
      if !apart.isEmpty && apart.contains(PersonPair(x.a, x.b)) {
        keptApart += 1
        continue
      }
      records[kept] = x
      kept += 1
    }
    records.removeLast(records.count - kept)
    let everyone = (0..<PersonID(n)).map { $0 }
    return NetworkIntroductionPairs(
      pairsScored: scored, pairsExcluded: dropped, pairsKeptApart: keptApart, index: index, perPerson: k,
      records: records, recordsHeld: slots,
      graph: self, features: IntroductionFeatures(graph: self, contacts: everyone, groups: nil), threads: workers)
  }

  /// One network-wide pair with its indices, shared contacts, context and reasons.
  func networkIntroduction(_ p: NetworkPairRecord, features: IntroductionFeatures) -> NetworkIntroduction {
    let scores = linkScores(p.a, p.b)
    var shared = commonContacts(p.a, p.b)
    if shared.count > 3 { shared.removeLast(shared.count - 3) }
    let (i, j) = (Int(p.a), Int(p.b))
    var item = NetworkIntroduction(
      low: p.a, high: p.b, score: p.score, scores: scores, sharedContacts: shared,
      sharedIndustry: features.sharedIndustry(i, j), complementary: features.complementary(i, j),
      differentCompanies: features.differentCompanies(i, j), sameName: haveSameName(p.a, p.b), reasons: [])
    var reasons = item.sameName ? [sameNameWarning(p.a, p.b)] : []
    reasons += item.complementary
    if let industry = item.sharedIndustry { reasons.append("both work in \(industry)") }
    let names = shared.prefix(2).map { displayName($0) }
    let more = scores.commonNeighbors - names.count
    reasons.append(
      "\(scores.commonNeighbors) shared contact\(scores.commonNeighbors == 1 ? "" : "s") ("
        + names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "") + ")")
    if item.differentCompanies == true {
      reasons.append("they work at different companies (\(people.company(of: p.a)); \(people.company(of: p.b)))")
    }
    item.reasons = reasons
    return item
  }
}

/// A scored pair during selection.
struct IntroductionPair: Sendable {
  var score: Double
  /// Shared contacts besides the ego.
  var shared: Int32
  /// s_ea + s_eb.
  var egoTies: Double
  /// The two contacts' places in the order of display names (then ids), lower first.
  var nameLow: Int32
  var nameHigh: Int32
  var a: PersonID
  var b: PersonID
  var i: Int32
  var j: Int32

  /// Score descending; then more shared contacts besides the ego; then the
  /// ego's stronger ties to the two; then by name (the lower-placed name of
  /// each pair, then the other; ids only between namesakes). A strict total
  /// order, so the answer does not depend on threads or input order.
  static func before(_ x: IntroductionPair, _ y: IntroductionPair) -> Bool {
    if x.score != y.score { return x.score > y.score }
    if x.shared != y.shared { return x.shared > y.shared }
    if x.egoTies != y.egoTies { return x.egoTies > y.egoTies }
    if x.nameLow != y.nameLow { return x.nameLow < y.nameLow }
    return x.nameHigh < y.nameHigh
  }
}

/// The diversity re-rank of ranked introductions (Guides/Introductions.md).
package enum IntroductionDiversity {
  /// Reorders `pairs` (best first) so that in each successive block of
  /// `window` places one person appears in at most `cap` pairs: each block
  /// takes, in rank order, the remaining pairs whose two people are both
  /// under the cap in that block; pairs passed over wait, in rank order, for
  /// the next block. When too few remaining pairs respect the cap, the block
  /// is completed with the best of the others, after those that respect it,
  /// and `ranOut` is true. Stops after `limit` places. Deterministic, and the
  /// answer for a smaller `limit` is a prefix of the answer for a larger one.
  ///
  /// - Returns: the indices into `pairs`, in the new order.
  /// - Complexity: O(P·B) for P pairs and B = ⌈limit / window⌉ blocks, O(P) space.
  package static func order(_ pairs: [PersonPair], window: Int, cap: Int, limit: Int) -> (order: [Int], ranOut: Bool) {
    precondition(window >= 1 && cap >= 1, "window and cap must be positive")
    var remaining = Array(pairs.indices)
    var out: [Int] = []
    var ranOut = false
    let limit = min(limit, pairs.count)
    while out.count < limit {
      let need = min(window, limit - out.count)
      var count: [PersonID: Int] = [:]
      var taken = [Bool](repeating: false, count: remaining.count)
      var block: [Int] = []
      for (k, index) in remaining.enumerated() where block.count < need {
        let p = pairs[index]
        if count[p.low, default: 0] < cap && count[p.high, default: 0] < cap {
          count[p.low, default: 0] += 1
          count[p.high, default: 0] += 1
          taken[k] = true
          block.append(index)
        }
      }
      if block.count < need {
        ranOut = true
        for (k, index) in remaining.enumerated() where block.count < need && !taken[k] {
          taken[k] = true
          block.append(index)
        }
      }
      out += block
      remaining = remaining.indices.filter { !taken[$0] }.map { remaining[$0] }
    }
    return (out, ranOut)
  }
}

/// What one worker collects in a sweep.
struct IntroductionSink {
  var maxRA = 0.0
  var positiveRA: [Double] = []
  var considered = 0
  var excluded = 0
  var apart = 0
  var pairsExamined = 0
  var entriesScanned = 0
  var pairs: [IntroductionPair] = []
  /// The `keep`-th best pair at the last trim: a pair not before it can never
  /// be kept (stable sorting puts it after `keep` pairs at least as good).
  var floor: IntroductionPair?

  /// Appends; keeps at most `keep` best (amortised by sorting at 2·keep, and
  /// pairs no better than the last trim's `keep`-th best not appended at all).
  mutating func add(_ p: IntroductionPair, keep: Int?) {
    if let floor, !IntroductionPair.before(p, floor) { return }
    pairs.append(p)
    if let keep, pairs.count >= 2 * max(keep, 16) {
      pairs.sort(by: IntroductionPair.before)
      pairs.removeLast(pairs.count - keep)
      floor = pairs.last
    }
  }
}

/// Per-thread accumulators over the ego's contacts (by position), allocated
/// once per worker thread (raw buffers: no bounds or exclusivity checks in the
/// pair loop).
final class IntroductionScratch: @unchecked Sendable {
  let cn: UnsafeMutableBufferPointer<Int32>
  let wr: UnsafeMutableBufferPointer<Double>
  let ra: UnsafeMutableBufferPointer<Double>
  let tied: UnsafeMutableBufferPointer<UInt32>
  var generation: UInt32 = 0
  var sink = IntroductionSink()

  init(count: Int) {
    cn = .allocate(capacity: count)
    cn.initialize(repeating: 0)
    wr = .allocate(capacity: count)
    wr.initialize(repeating: 0)
    ra = .allocate(capacity: count)
    ra.initialize(repeating: 0)
    tied = .allocate(capacity: count)
    tied.initialize(repeating: 0)
  }

  deinit {
    cn.deallocate()
    wr.deallocate()
    ra.deallocate()
    tied.deallocate()
  }
}

/// The two-paths a–w–b between an ego's considered contacts, grouped by the
/// middle person w (the ego aside): for each w, the considered contacts tied
/// to w (their positions, ascending) with the strength of each tie. A sweep
/// from a reads, for each of a's ties to some w, only the later contacts in
/// w's group, so a hub in the middle costs the contacts it shares with the
/// ego, not its whole row.
///
/// - Complexity: O(Σ deg(a) over the considered contacts a, plus the rows of
///   their contacts for the strength totals) time to build, O(V) for the
///   person-to-group table and O(Σ deg(a)) for the rest.
struct IntroductionMiddles {
  /// Per considered contact i, its ties at `entryStart[i]..<entryStart[i + 1]` (row order).
  var entryStart: [Int]
  /// Per tie of a considered contact: the group of its other end (−1: the ego),
  /// and the place of this tie in that group's lists.
  var middleAt: [Int32]
  var place: [UInt32]
  /// Per group w, its entries at `start[w]..<start[w + 1]`: the contact's
  /// position and the strength of its tie to w, ascending by position.
  var start: [UInt32]
  var member: [Int32]
  var strength: [Float]
  /// Per group: 1 / the middle person's degree, and 1 / the sum of its ties' strengths.
  var inverseDegree: [Double]
  var inverseTotal: [Double]

  init(_ graph: Graph, contacts: [PersonID], ego: PersonID) {
    let c = contacts.count
    var group = [Int32](repeating: -1, count: graph.personCount)
    var counts: [UInt32] = []
    var entryStart = [Int](repeating: 0, count: c + 1)
    var middleAt: [Int32] = []
    graph.withCSR { o, t, _ in
      var total = 0
      for a in contacts { total += Int(o[Int(a) + 1] - o[Int(a)]) }
      middleAt.reserveCapacity(total)
      for (i, a) in contacts.enumerated() {
        entryStart[i] = middleAt.count
        for e in Int(o[Int(a)])..<Int(o[Int(a) + 1]) {
          let w = t[e]
          if w == ego {
            middleAt.append(-1)
            continue
          }
          if group[Int(w)] < 0 {
            group[Int(w)] = Int32(counts.count)
            counts.append(0)
          }
          let m = Int(group[Int(w)])
          counts[m] += 1
          middleAt.append(Int32(m))
        }
      }
      entryStart[c] = middleAt.count
    }
    let groups = counts.count
    var start = [UInt32](repeating: 0, count: groups + 1)
    for m in 0..<groups { start[m + 1] = start[m] + counts[m] }
    var fill = start
    let entries = Int(start[groups])
    var member = [Int32](repeating: 0, count: entries)
    var strength = [Float](repeating: 0, count: entries)
    var place = [UInt32](repeating: 0, count: middleAt.count)
    var inverseDegree = [Double](repeating: 0, count: groups)
    var inverseTotal = [Double](repeating: 0, count: groups)
    graph.withCSR { o, t, s in
      for (i, a) in contacts.enumerated() {
        var e = entryStart[i]
        for f in Int(o[Int(a)])..<Int(o[Int(a) + 1]) {
          defer { e += 1 }
          let m = Int(middleAt[e])
          if m < 0 { continue }
          let at = fill[m]
          fill[m] += 1
          place[e] = at
          member[Int(at)] = Int32(i)
          strength[Int(at)] = s[f]
          if at == start[m] {
            let w = Int(t[f])
            let row = Int(o[w])..<Int(o[w + 1])
            inverseDegree[m] = 1 / Double(row.count)
            inverseTotal[m] = LinkKernel.inverseTotal(s[row])
          }
        }
      }
    }
    self.entryStart = entryStart
    self.middleAt = middleAt
    self.place = place
    self.start = start
    self.member = member
    self.strength = strength
    self.inverseDegree = inverseDegree
    self.inverseTotal = inverseTotal
  }

  /// The lists as raw buffers for the pair loop (no bounds or exclusivity checks).
  func withBuffers<R>(_ body: (Buffers) -> R) -> R {
    entryStart.withUnsafeBufferPointer { entryStart in
      middleAt.withUnsafeBufferPointer { middleAt in
        place.withUnsafeBufferPointer { place in
          start.withUnsafeBufferPointer { start in
            member.withUnsafeBufferPointer { member in
              strength.withUnsafeBufferPointer { strength in
                inverseDegree.withUnsafeBufferPointer { inverseDegree in
                  inverseTotal.withUnsafeBufferPointer { inverseTotal in
                    body(
                      Buffers(
                        entryStart: entryStart, middleAt: middleAt, place: place, start: start, member: member,
                        strength: strength, inverseDegree: inverseDegree, inverseTotal: inverseTotal))
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  struct Buffers {
    let entryStart: UnsafeBufferPointer<Int>
    let middleAt: UnsafeBufferPointer<Int32>
    let place: UnsafeBufferPointer<UInt32>
    let start: UnsafeBufferPointer<UInt32>
    let member: UnsafeBufferPointer<Int32>
    let strength: UnsafeBufferPointer<Float>
    let inverseDegree: UnsafeBufferPointer<Double>
    let inverseTotal: UnsafeBufferPointer<Double>
  }
}

/// Collects the scratch objects of a sweep (one per worker) to read their sinks after.
final class IntroductionSinks: @unchecked Sendable {
  private let lock = PthreadLock()
  private(set) var scratches: [IntroductionScratch] = []
  init(count: Int) {}
  func add(_ s: IntroductionScratch) { lock.locked { scratches.append(s) } }
}

/// Company, industry, group and role flags of the ego's contacts, as small
/// integers for cheap comparisons in the pair loop (companies and industries
/// are the graph's interned key groups, `PersonTable.companyGroups`).
struct IntroductionFeatures: Sendable {
  static let hiring: UInt8 = 1
  static let looking: UInt8 = 2
  static let founder: UInt8 = 4
  static let investor: UInt8 = 8
  static let mentor: UInt8 = 16

  var company: [Int32]
  var industry: [Int32]
  var group: [Int32]
  var roles: [UInt8]
  var industryNames: StringColumn
  var names: [String]

  init(graph: Graph, contacts: [PersonID], groups: [Int32]?) {
    let companies = graph.people.companyGroups
    let industries = graph.people.industryGroups
    company = []
    industry = []
    group = []
    roles = []
    industryNames = industries.labels
    names = []
    for c in contacts {
      // Companies and industries by their interned keys ("Apple Inc." = "Apple").
      company.append(companies.group(of: c) ?? -1)
      industry.append(industries.group(of: c) ?? -1)
      if let groups { group.append(Int(c) < groups.count ? groups[Int(c)] : -1) }
      roles.append(Self.roles(tags: graph.people.tags(of: c), title: graph.people.title(of: c)))
      names.append(graph.displayName(c))
    }
    if groups == nil { group = industry }
  }

  /// Role flags from tags (hiring, looking, founder, investor, mentor, and
  /// common spellings) and title words (founder, investor / venture, recruiter / talent).
  static func roles(tags: [String], title: String) -> UInt8 {
    var r: UInt8 = 0
    for t in tags {
      switch t.lowercased().trimmingSpaces {
      case "hiring", "recruiting": r |= hiring
      case "looking", "open-to-work", "open to work", "job-seeking": r |= looking
      case "founder", "cofounder", "co-founder": r |= founder
      case "investor", "vc", "angel": r |= investor
      case "mentor": r |= mentor
      default: break
      }
    }
    // An ASCII title (most are) is searched byte by byte, which for ASCII is
    // the same as searching its characters; others go through String.
    var ascii = title.utf8.allSatisfy { $0 < 0x80 }
    var lower: [UInt8] = []
    if ascii {
      lower = title.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
      // "\r\n" is one character, which byte matching would not respect: such titles go through String.
      ascii = !lower.contains(13)
    }
    let other = ascii ? "" : title.lowercased()
    func has(_ word: String) -> Bool {
      guard ascii else { return other.contains(word) }
      let w = Array(word.utf8)
      guard lower.count >= w.count else { return false }
      return (0...(lower.count - w.count)).contains { lower[$0..<($0 + w.count)].elementsEqual(w) }
    }
    if has("founder") { r |= founder }
    if has("investor") || has("venture") { r |= investor }
    if has("recruit") || has("talent acquisition") { r |= hiring }
    return r
  }

  @inline(__always) func has(_ i: Int, _ flag: UInt8) -> Bool { roles[i] & flag != 0 }

  /// Complementary-role strengths for the pair, largest first.
  func complementaryWeight(_ i: Int, _ j: Int) -> Double {
    var keep = 1.0
    if (has(i, Self.hiring) && has(j, Self.looking)) || (has(j, Self.hiring) && has(i, Self.looking)) {
      keep *= 1 - 0.8
    }
    if (has(i, Self.founder) && has(j, Self.investor)) || (has(j, Self.founder) && has(i, Self.investor)) {
      keep *= 1 - 0.8
    }
    if (has(i, Self.mentor) && (has(j, Self.looking) || has(j, Self.founder)))
      || (has(j, Self.mentor) && (has(i, Self.looking) || has(i, Self.founder)))
    {
      keep *= 1 - 0.6
    }
    if has(i, Self.founder) && has(j, Self.founder) { keep *= 1 - 0.3 }
    return keep
  }

  /// C = 1 − (1 − 0.5·[same industry]) · Π (1 − w_role) over complementary roles.
  func contextFit(_ i: Int, _ j: Int) -> Double {
    var keep = complementaryWeight(i, j)
    if industry[i] >= 0 && industry[i] == industry[j] { keep *= 0.5 }
    return 1 - keep
  }

  /// B = mean over {company, group} known for both of [different].
  func bridging(_ i: Int, _ j: Int) -> Double {
    var known = 0
    var different = 0
    if company[i] >= 0 && company[j] >= 0 {
      known += 1
      if company[i] != company[j] { different += 1 }
    }
    if group[i] >= 0 && group[j] >= 0 {
      known += 1
      if group[i] != group[j] { different += 1 }
    }
    return known == 0 ? 0 : Double(different) / Double(known)
  }

  func sharedIndustry(_ i: Int, _ j: Int) -> String? {
    industry[i] >= 0 && industry[i] == industry[j] ? industryNames[Int(industry[i])] : nil
  }

  func differentCompanies(_ i: Int, _ j: Int) -> Bool? {
    company[i] >= 0 && company[j] >= 0 ? company[i] != company[j] : nil
  }

  func differentGroups(_ i: Int, _ j: Int) -> Bool? { group[i] >= 0 && group[j] >= 0 ? group[i] != group[j] : nil }

  /// Complementary roles in plain words, for the pair (i = a, j = b).
  func complementary(_ i: Int, _ j: Int) -> [String] {
    var out: [String] = []
    for (x, y) in [(i, j), (j, i)] {
      if has(x, Self.hiring) && has(y, Self.looking) {
        out.append("\(names[x]) is hiring and \(names[y]) is looking for work")
      }
    }
    for (x, y) in [(i, j), (j, i)] {
      if has(x, Self.founder) && has(y, Self.investor) {
        out.append("\(names[x]) is a founder and \(names[y]) invests")
      }
    }
    for (x, y) in [(i, j), (j, i)] where has(x, Self.mentor) {
      if has(y, Self.looking) {
        out.append("\(names[x]) mentors and \(names[y]) is looking for work")
      } else if has(y, Self.founder) {
        out.append("\(names[x]) mentors and \(names[y]) is a founder")
      }
    }
    if has(i, Self.founder) && has(j, Self.founder) { out.append("both are founders") }
    return out
  }
}

extension String {
  fileprivate var trimmingSpaces: String { Identity.trim(self) }
}

/// The ego's Burt constraint (strength-weighted, whole graph;
/// Guides/Brokerage.md), and its value if one tie between two contacts were added.
///
/// p_ij = s_ij / Σ_k s_ik (the factor 2 of undirected mutual weight
/// cancels); C_e = Σ_{j∈N(e)} (p_ej + Σ_{q∈N(e), q≠j} p_eq p_qj)². Adding
/// {a, b} with strength s changes only a's and b's rows (their totals grow
/// by s, p_ab and p_ba appear), so the indirect terms are updated in O(d)
/// per pair after an O(Σ_{q∈N(e)} deg q) set-up.
///
/// Private to introductions: `Graph.burtMeasures(of:)` (StructuralHoles)
/// gives the same value for the graph as it is, but has no "what if this
/// tie existed" form; tests check both against networkx.
struct IntroductionEgoConstraint {
  let graph: Graph
  let ego: PersonID
  let contacts: [PersonID]
  let pos: [Int32]
  /// p_ej by contact position.
  var pe: [Double] = []
  /// Σ_k s_qk for each contact q.
  var total: [Double] = []
  /// Σ_{q≠j} p_eq p_qj by contact position j.
  var indirect: [Double] = []
  /// The constraint now (nil for an isolated ego).
  var before: Double?

  init(graph: Graph, ego: PersonID, contacts: [PersonID], pos: [Int32]) {
    self.graph = graph
    self.ego = ego
    self.contacts = contacts
    self.pos = pos
    let d = contacts.count
    guard d > 0 else { return }
    let es = graph.strengths(of: ego).map { Double($0) }
    let se = es.reduce(0, +)
    pe = es.map { $0 / se }
    total = contacts.map { q in graph.strengths(of: q).reduce(0.0) { $0 + Double($1) } }
    indirect = [Double](repeating: 0, count: d)
    for (qi, q) in contacts.enumerated() {
      for (j, s) in zip(graph.neighbors(of: q), graph.strengths(of: q)) {
        let jj = Int(pos[Int(j)])
        if jj >= 0 && jj != qi { indirect[jj] += pe[qi] * Double(s) / total[qi] }
      }
    }
    var c = 0.0
    for j in 0..<d { c += (pe[j] + indirect[j]) * (pe[j] + indirect[j]) }
    before = c
  }

  /// The constraint if {a, b} (both contacts, not tied) were tied with strength s.
  func after(adding a: PersonID, _ b: PersonID, strength s: Double) -> Double? {
    guard before != nil else { return nil }
    let ia = Int(pos[Int(a)])
    let ib = Int(pos[Int(b)])
    guard ia >= 0 && ib >= 0 else { return before }
    let d = contacts.count
    // s_aj and s_bj over the contacts.
    var sa = [Double](repeating: 0, count: d)
    var sb = [Double](repeating: 0, count: d)
    for (j, w) in zip(graph.neighbors(of: a), graph.strengths(of: a)) where pos[Int(j)] >= 0 {
      sa[Int(pos[Int(j)])] = Double(w)
    }
    for (j, w) in zip(graph.neighbors(of: b), graph.strengths(of: b)) where pos[Int(j)] >= 0 {
      sb[Int(pos[Int(j)])] = Double(w)
    }
    let ta = total[ia]
    let tb = total[ib]
    let ta2 = ta + s
    let tb2 = tb + s
    var c = 0.0
    for j in 0..<d {
      var ind = indirect[j]
      if j != ia { ind += pe[ia] * ((sa[j] + (j == ib ? s : 0)) / ta2 - sa[j] / ta) }
      if j != ib { ind += pe[ib] * ((sb[j] + (j == ia ? s : 0)) / tb2 - sb[j] / tb) }
      c += (pe[j] + ind) * (pe[j] + ind)
    }
    return c
  }
}
