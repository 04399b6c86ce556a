import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

extension BatchReport {
  /// Everything a batch computes before it writes the team's files: each
  /// member's report (member files are written as members finish), the
  /// members' overlaps, the warm paths to every target, network-wide
  /// introductions and brokers.
  struct TeamAnalysis {
    var members: [(owner: IdentityReport.Owner, person: PersonID)]
    var results: [MemberResult]
    var targets: [BatchTarget]
    var targetSlugs: [String]
    var overlaps: [BatchSummary.Overlap]
    var contactsInAll: Int
    var uniqueContacts: Int
    var targetRows: [BatchSummary.Target]
    /// Up to three chains per target, for its picture.
    var pathPictures: [[StrongestPath]]
    var introductions: IntroduceResult
    var brokers: BrokersAnswer
    /// The brokers run behind `brokers.csv`; the picture reuses its ranking and groups.
    var brokersResult: BrokersReport.Result
    /// People sampled for betweenness (large networks), or nil when exact.
    var sample: Int?

    init(
      _ loaded: LoadedNetwork, targetNames: [String], config: BatchConfig, writer: BatchWriter, progress: BatchProgress
    ) throws {
      let g = loaded.graph
      // Members: the owners of the exports, in input order; one owner under
      // two names (an export's and a mailbox's) is one member with both files.
      var found: [(owner: IdentityReport.Owner, person: PersonID)] = []
      for o in loaded.identity?.owners ?? [] {
        guard case .person(let p) = g.people.resolve(o.person) else { continue }
        if let i = found.firstIndex(where: { $0.person == p }) {
          found[i].owner.files += o.files
          found[i].owner.contacts += o.contacts
        } else {
          found.append((o, p))
        }
      }
      members = found
      let suggested = companiesNoMemberWorksAt(g, members: members.map(\.person), count: config.suggestedTargets)
      targets = resolveTargets(targetNames + suggested, in: g)
      targetSlugs = uniqueSlugs(targets.map(\.name), fallback: "target")
      // The explorer pages' communities, tie rows and brokers: once for the team, not per page.
      var explorer: ExplorerNetwork?
      if config.pictures && config.pages && !members.isEmpty {
        progress.phase("communities and brokers for the explorer pages")
        explorer = ExplorerNetwork(g, classifier: config.classifier, threads: config.threads)
      }
      progress.phase("analysing \(TextFormat.count(members.count, "member"))")
      let apart = IntroductionsReport.keptApart(loaded)
      results = try analyseMembers(
        g, members, targets: targets, config: config, writer: writer, progress: progress, apart: apart,
        network: explorer)
      progress.phase("team overlaps")
      (overlaps, contactsInAll, uniqueContacts) = teamOverlaps(g, members)
      (targetRows, pathPictures) = targetChains(
        g, targets, slugs: targetSlugs, results: results, maxHops: config.maxHops)
      progress.phase("network-wide introductions")
      // Every person's best three, ranked compactly; only the pairs the
      // report lists (introductions.csv's) are described.
      let pairs = g.networkIntroductionPairs(
        perPerson: 3, by: .adamicAdar, minCommon: 1, apart: apart, threads: config.threads)
      introductions = IntroduceResult.network(
        pairsScored: pairs.pairsScored, pairsExcluded: pairs.pairsExcluded, pairsKeptApart: pairs.pairsKeptApart,
        index: .adamicAdar, k: 3,
        candidates: pairs.introductions(0..<min(pairs.count, BatchReport.introductionsListed)).map {
          IntroduceResult.row($0, in: g)
        })
      progress.phase("brokers")
      sample = g.personCount > 5000 ? config.sample : nil
      // Every column of brokers.csv, for the 25 listed.
      brokersResult = BrokersReport.make(
        g,
        BrokersRequest(
          top: 25, by: .betweenness, groupBy: .company, measures: Set(BrokerMeasure.allCases), sample: sample, seed: 1,
          threads: config.threads))
      brokers = brokersResult.answer
    }
  }

  /// Every member's report, in parallel (one set of searches per worker), in member order.
  static func analyseMembers(
    _ g: Graph, _ members: [(owner: IdentityReport.Owner, person: PersonID)], targets: [BatchTarget],
    config: BatchConfig, writer: BatchWriter, progress: BatchProgress, apart: Set<PersonPair> = [],
    network: ExplorerNetwork? = nil
  ) throws -> [MemberResult] {
    var reachOptions = ReachOptions()
    reachOptions.classifier = config.classifier
    reachOptions.coverFraction = config.coverFraction
    // A member named by a profile URL or an address (a manifest's owner) gets a file name from their name.
    let slugs = uniqueSlugs(
      members.map { m in
        let owner = m.owner.owner
        return owner.contains("://") || owner.contains("@") ? g.people.name(of: m.person) : owner
      }, fallback: "member")
    // Every tie's cost made once (a logarithm each) and read by every search and page.
    let costs = PathSearch.halfEdgeCosts(g)
    var withCosts = network
    withCosts?.costs = costs
    let shared = withCosts
    let counter = ProgressCounter(total: members.count, progress: progress, what: "members")
    let results = Parallel.map(
      count: members.count, threads: config.threads, makeScratch: { Optional(ExplorerScratch(g, costs: costs)) },
      transform: {
        m, scratch in
        defer { counter.tick() }
        return analyseMember(
          g, member: members[m].owner, person: members[m].person, slug: slugs[m], targets: targets, config: config,
          reachOptions: reachOptions, writer: writer, scratch: &scratch, apart: apart, network: shared)
      })
    if let e = results.lazy.compactMap(\.writeError).first {
      Terminal.error(e)
      throw ExitCode.failure
    }
    return results
  }

  /// Pairs of members who share contacts or know each other (most shared
  /// first), the contacts counted once per member, and the distinct contacts
  /// who are not members.
  ///
  /// Shared contacts are counted from the contacts' side: each contact adds
  /// one to every pair of members it knows, so the work is Σ m_c² over the
  /// contacts c known by m_c members, not a merge of every pair's lists.
  /// - Complexity: O(V + Σ_c m_c² + M²) time, O(V + M²) memory, for M members.
  static func teamOverlaps(
    _ g: Graph, _ members: [(owner: IdentityReport.Owner, person: PersonID)]
  ) -> ([BatchSummary.Overlap], contactsInAll: Int, uniqueContacts: Int) {
    let m = members.count
    let n = g.personCount
    // Which members know each person, as lists over one array (counting sort).
    var start = [Int32](repeating: 0, count: n + 1)
    var contactsInAll = 0
    for a in members {
      for c in g.neighbors(of: a.person) { start[Int(c) + 1] += 1 }
      contactsInAll += g.degree(of: a.person)
    }
    for i in 0..<n { start[i + 1] += start[i] }
    var knownBy = [Int32](repeating: 0, count: Int(start[n]))
    var fill = start
    for (i, a) in members.enumerated() {
      for c in g.neighbors(of: a.person) {
        knownBy[Int(fill[Int(c)])] = Int32(i)
        fill[Int(c)] += 1
      }
    }
    var memberIndex = [Int32](repeating: -1, count: n)
    for (i, a) in members.enumerated() { memberIndex[Int(a.person)] = Int32(i) }
    var shared = [Int32](repeating: 0, count: m * m)
    var tied = [Bool](repeating: false, count: m * m)
    var uniqueContacts = 0
    for c in 0..<n where start[c + 1] > start[c] {
      if memberIndex[c] < 0 { uniqueContacts += 1 }
      let list = knownBy[Int(start[c])..<Int(start[c + 1])]
      for x in list.indices {
        let i = Int(list[x])
        // A member who knows member c is tied to them.
        if memberIndex[c] >= 0 {
          let j = Int(memberIndex[c])
          tied[min(i, j) * m + max(i, j)] = true
        }
        for y in (x + 1)..<list.endIndex {
          let j = Int(list[y])
          shared[min(i, j) * m + max(i, j)] += 1
        }
      }
    }
    var overlaps: [BatchSummary.Overlap] = []
    for i in 0..<m {
      let da = g.degree(of: members[i].person)
      for j in (i + 1)..<max(i + 1, m) {
        let s = Int(shared[i * m + j])
        let t = tied[i * m + j]
        if s == 0 && !t { continue }
        let union = da + g.degree(of: members[j].person) - s
        overlaps.append(
          .init(
            a: members[i].owner.owner, b: members[j].owner.owner, sharedContacts: s,
            jaccard: union > 0 ? Double(s) / Double(union) : 0, tied: t))
      }
    }
    overlaps.sort { ($0.sharedContacts, $1.a, $1.b) > ($1.sharedContacts, $0.a, $0.b) }
    return (overlaps, contactsInAll, uniqueContacts)
  }

  /// Each target's row (every member with a chain, strongest first, ties by
  /// fewer hops, then member order) and its best three chains.
  static func targetChains(
    _ g: Graph, _ targets: [BatchTarget], slugs: [String], results: [MemberResult], maxHops: Int
  ) -> ([BatchSummary.Target], [[StrongestPath]]) {
    var rows: [BatchSummary.Target] = []
    var pictures: [[StrongestPath]] = []
    for (t, target) in targets.enumerated() {
      var chains: [(m: Int, path: BatchSummary.MemberPath, raw: StrongestPath?)] = []
      for (m, r) in results.enumerated() {
        if let p = r.targetPaths[t] { chains.append((m, p, r.rawPaths[t])) }
      }
      chains.sort { a, b in
        if a.path.strength != b.path.strength { return a.path.strength > b.path.strength }
        if a.path.hops != b.path.hops { return a.path.hops < b.path.hops }
        return a.m < b.m
      }
      var note: String?
      if target.people.isEmpty {
        note = TargetReference.emptyNote(target.name, in: g)
      } else if chains.isEmpty {
        note = "no member has a chain of at most \(TextFormat.count(maxHops, "hop")) starting with a usable tie"
      }
      rows.append(
        .init(
          target: target.name, slug: slugs[t], kind: target.kind, people: target.people.count,
          best: chains.first?.path, members: chains.map(\.path), note: note, picture: nil))
      pictures.append(chains.prefix(3).compactMap(\.raw))
    }
    return (rows, pictures)
  }
}
