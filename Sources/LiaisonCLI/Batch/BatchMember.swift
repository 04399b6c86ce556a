import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering
import Workspace

/// One target of a batch: what was asked, whether it is a person or a
/// company, the spelling shown, and the people it stands for.
typealias BatchTarget = (name: String, kind: String, shown: String, people: [PersonID])

extension BatchReport {
  /// What one member's analysis keeps in memory (the rest is written at once).
  struct MemberResult {
    var summary: BatchSummary.Member
    var targetPaths: [BatchSummary.MemberPath?]
    var rawPaths: [StrongestPath?]
    var writeError: String?
  }

  /// One member's report: reach (as `liaison reach --ego`), introductions (as
  /// `liaison introduce --ego`) and chains to each target (as `liaison path`);
  /// writes `members/SLUG.csv`, `.json` and `.svg` (and `.html`, the explorer
  /// page, over `network` when the batch made it once for all members).
  static func analyseMember(
    _ g: Graph, member: IdentityReport.Owner, person p: PersonID, slug: String, targets: [BatchTarget],
    config: BatchConfig, reachOptions: ReachOptions, writer: BatchWriter, scratch: inout ExplorerScratch?,
    apart: Set<PersonPair> = [], network: ExplorerNetwork? = nil
  ) -> MemberResult {
    let r = g.egoReach(p, options: reachOptions)
    let burt = g.burtMeasures(of: p)
    let answer = ReachAnswer.make(g, r, burt, nil, cover: config.coverFraction)
    var intro: IntroduceResult?
    let pages = config.pictures && config.pages
    let page = ExplorerRequest()
    var found: IntroductionResult?
    if g.degree(of: p) >= 2 {
      // One search serves the report and the page: the re-ranked list for
      // fewer pairs is a prefix of the list for more.
      let all = g.introductionCandidates(
        for: p,
        options: IntroductionOptions(
          top: pages ? max(config.top, page.introductions) : config.top,
          closeAtLeast: config.classifier.strongAtLeast, threads: 1, apart: apart, classifier: config.classifier))
      found = all
      var mine = all
      mine.candidates = Array(all.candidates.prefix(config.top))
      let found = mine
      if found.contactsConsidered < found.contacts {
        Terminal.note(
          IntroductionsReport.capNotice(
            found, in: g, lift: "`liaison introduce --ego … --max-contacts 0` pairs all of them."))
      }
      intro = IntroduceResult.make(found, in: g)
    }
    if scratch == nil { scratch = ExplorerScratch(g, costs: network?.costs ?? []) }
    let (paths, raw) = memberPaths(
      g, member: member, person: p, targets: targets, config: config, search: &scratch!.search)
    var writeError: String?
    var picture: String?
    var shown = answer
    do {
      (shown, picture) = try writeMemberFiles(
        g, member: member, person: p, slug: slug, answer: answer, introductions: intro, paths: paths, config: config,
        writer: writer)
    } catch {
      writeError = "\(error)"
    }
    var planFile: String?
    var planActions: [String]?
    var plan: PlanAnswer?
    if let inputs = config.plan {
      let answer = memberPlan(g, person: p, targets: targets, inputs: inputs, config: config)
      plan = answer
      do {
        try writer.write(PlanReport.markdown(answer), to: "members/\(slug)-plan.md")
        planFile = "members/\(slug)-plan.md"
        planActions = answer.actions.prefix(3).map(\.sentence)
      } catch {
        writeError = writeError ?? "\(error)"
      }
    }
    var explorer: String?
    if pages {
      var request = page
      request.ego = p
      request.egoReach = r
      request.egoIntroductions = found
      request.classifier = config.classifier
      request.view.classifier = config.classifier
      request.apart = apart
      request.plan = plan
      do {
        let data = try ExplorerData.make(g, request, network: network, scratch: &scratch)
        try ExplorerHTML.withPage(data) { page in try writer.write(page, to: "members/\(slug).html") }
        explorer = "members/\(slug).html"
      } catch {
        writeError = writeError ?? "\(error)"
      }
    }
    var summary = BatchSummary.Member(
      owner: member.owner, slug: slug, person: PersonReference.ref(p, in: g), company: g.people.company(of: p),
      files: member.files, contacts: member.contacts, firstDegree: r.firstDegree, secondDegree: r.secondDegree,
      weakReach: r.weakReach, weakOnlyReach: r.weakOnlyReach, effectiveSize: burt.effectiveSize,
      constraint: burt.constraint, cover: r.cover.contacts.count, coverFraction: r.cover.fraction,
      coverCovered: r.cover.covered, dormant: r.dormant.count,
      topDormant: shown.dormant.prefix(3).map { .init(id: $0.id, name: $0.name) },
      topIntroductions: (intro?.candidates ?? []).prefix(3).map { "\($0.a.name) ↔ \($0.b.name)" },
      details: "members/\(slug).json", table: "members/\(slug).csv", picture: picture)
    summary.explorer = explorer
    summary.plan = planFile
    summary.planActions = planActions
    return MemberResult(summary: summary, targetPaths: paths, rawPaths: raw, writeError: writeError)
  }

  /// The member's plan for the week of `inputs.today` (budget 10), with the
  /// batch's targets as the asks; the log counts for the workspace's owner only.
  static func memberPlan(
    _ g: Graph, person p: PersonID, targets: [BatchTarget], inputs: BatchPlanInputs, config: BatchConfig
  ) -> PlanAnswer {
    var request = PlanRequest(ego: p, today: inputs.today)
    request.cadences = PlanReport.rules(inputs.cadences, graph: g)
    request.classifier = config.classifier
    request.dismissed = inputs.dismissed
    request.targets = targets.map { PlanTarget(name: $0.name, people: $0.people) }
    var notes: [String] = []
    if let owner = inputs.ownerKey, g.people.person(stableKey: owner) == p {
      request.log = PlanReport.log(inputs.log, graph: g)
    } else {
      notes.append("the log is the workspace owner's; this plan uses the evidence only")
    }
    return PlanReport.answer(g.networkingPlan(request), graph: g, notes: notes)
  }

  /// The member's strongest chain to each target (a usable first hop, at most
  /// `config.maxHops` hops), or a zero-hop chain when the member is the target.
  static func memberPaths(
    _ g: Graph, member: IdentityReport.Owner, person p: PersonID, targets: [BatchTarget], config: BatchConfig,
    search: inout PathSearch
  ) -> ([BatchSummary.MemberPath?], [StrongestPath?]) {
    var paths: [BatchSummary.MemberPath?] = []
    var raw: [StrongestPath?] = []
    for t in targets {
      if t.people.contains(p) {
        raw.append(nil)
        paths.append(
          .init(
            member: member.owner, strength: 1, hops: 0, people: [PersonReference.ref(p, in: g)],
            sentence: "\(g.people.name(of: p)) is \(t.kind == "person" ? "the target" : "there") already."))
        continue
      }
      let found = search.strongestPaths(
        from: p, to: t.people,
        query: PathQuery(k: 1, maxHops: config.maxHops, disjoint: false, firstHop: .usable(config.classifier)))
      guard let best = found.first else {
        raw.append(nil)
        paths.append(nil)
        continue
      }
      raw.append(best)
      paths.append(
        .init(
          member: member.owner, strength: best.strength, hops: best.hops,
          people: best.people.map { PersonReference.ref($0, in: g) },
          sentence: IntroductionChains.sentence(best, g, config.classifier)))
    }
    return (paths, raw)
  }

  /// The member's table (every contact), details (top lists) and picture.
  /// Returns the reach answer as the details show it (top lists cut to
  /// `config.top`) and the picture's file, if drawn.
  static func writeMemberFiles(
    _ g: Graph, member: IdentityReport.Owner, person p: PersonID, slug: String, answer: ReachAnswer,
    introductions: IntroduceResult?, paths: [BatchSummary.MemberPath?], config: BatchConfig, writer: BatchWriter
  ) throws -> (ReachAnswer, String?) {
    let coverIDs = Set(answer.cover.contacts.map(\.id))
    let w = try writer.open("members/\(slug).csv")
    w.write(
      CSVTable([
        "id", "name", "company", "tieClass", "strength", "secondDegree", "uniqueReach", "mutualContacts", "jobValue",
        "inferred", "inCover", "reopens",
      ]).text)
    for c in answer.contacts {
      w.write(
        CSVTable.line([
          .text(c.id), .text(c.name), .text(c.company), .text(c.tieClass), .number(c.strength), .int(c.secondDegree),
          .int(c.uniqueReach), .int(c.mutualContacts), .number(c.jobValue), .flag(c.inferred),
          .flag(coverIDs.contains(c.id)), .int(c.reopens),
        ]))
    }
    try w.commit()
    var shown = answer
    shown.contacts = Array(answer.contacts.prefix(config.top))
    shown.dormant = Array(answer.dormant.prefix(config.top))
    shown.companies = Array(answer.companies.prefix(config.top))
    shown.industries = Array(answer.industries.prefix(config.top))
    let detail = BatchMemberDetail(
      owner: member.owner, person: PersonReference.ref(p, in: g), files: member.files, reach: shown,
      introductions: introductions, targets: paths)
    try writer.write(try jsonText(detail), to: "members/\(slug).json")
    guard config.pictures else { return (shown, nil) }
    var o = ViewOptions()
    o.classifier = config.classifier
    o.maxNodes = config.maxNodes
    return (shown, try writer.picture(.ego(g, ego: p, options: o), to: "members/\(slug).svg"))
  }
}
