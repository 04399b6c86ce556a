import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

/// One suggested introduction in the JSON and CSV answers of `liaison introduce`.
struct IntroductionJSON: Codable, Equatable {
  var a: PersonReference.Ref
  var b: PersonReference.Ref
  var score: Double
  // Whole-graph link prediction (networkx's values; the ego counts as a common contact).
  var commonContacts: Int
  var adamicAdar: Double
  var resourceAllocation: Double
  var jaccard: Double
  // Without the ego ("shared contacts besides you"); ego mode only.
  var commonContactsBesidesEgo: Int?
  var adamicAdarBesidesEgo: Double?
  var resourceAllocationBesidesEgo: Double?
  var jaccardBesidesEgo: Double?
  var strengthToA: Double?
  var strengthToB: Double?
  var introducibility: Double?
  var likelihood: Double?
  var contextFit: Double?
  var bridging: Double?
  var sharedIndustry: String?
  var complementary: [String]
  var differentCompanies: Bool?
  var differentGroups: Bool?
  var constraintBefore: Double?
  var constraintAfter: Double?
  var constraintChange: Double?
  var sharedContacts: [PersonReference.Ref]
  var reasons: [String]
}

/// The answer of `liaison introduce`.
struct IntroduceResult: Codable, Equatable {
  /// "ego" or "network".
  var mode: String
  var ego: PersonReference.Ref?
  /// The ego's contacts (ego mode).
  var contacts: Int?
  /// Ego mode, only when capped by --max-contacts: the contacts paired (those
  /// with the strongest ties to the ego).
  var contactsConsidered: Int?
  /// The ego's Burt constraint now (ego mode).
  var constraint: Double?
  /// Ego mode: pairs of contacts with no tie that qualified; network mode: distance-2 pairs scored.
  var pairsConsidered: Int
  var pairsExcluded: Int
  /// The ranking: "combined" (ego mode) or the link-prediction index (network mode).
  var rankedBy: String
  /// Network mode: candidates kept per person.
  var topPerPerson: Int?
  var candidates: [IntroductionJSON]

  static func make(_ r: IntroductionResult, in g: Graph) -> IntroduceResult {
    let candidates = r.candidates.map { c in
      IntroductionJSON(
        a: PersonReference.ref(c.a, in: g), b: PersonReference.ref(c.b, in: g), score: c.score,
        commonContacts: c.whole.commonNeighbors, adamicAdar: c.whole.adamicAdar,
        resourceAllocation: c.whole.resourceAllocation, jaccard: c.whole.jaccard,
        commonContactsBesidesEgo: c.besidesEgo.commonNeighbors, adamicAdarBesidesEgo: c.besidesEgo.adamicAdar,
        resourceAllocationBesidesEgo: c.besidesEgo.resourceAllocation, jaccardBesidesEgo: c.besidesEgo.jaccard,
        strengthToA: c.strengthToA, strengthToB: c.strengthToB, introducibility: c.introducibility,
        likelihood: c.likelihood, contextFit: c.contextFit, bridging: c.bridging, sharedIndustry: c.sharedIndustry,
        complementary: c.complementary, differentCompanies: c.differentCompanies, differentGroups: c.differentGroups,
        constraintBefore: c.constraintBefore, constraintAfter: c.constraintAfter,
        constraintChange: c.constraintAfter - c.constraintBefore,
        sharedContacts: c.sharedContacts.map { PersonReference.ref($0, in: g) }, reasons: c.reasons)
    }
    return IntroduceResult(
      mode: "ego", ego: PersonReference.ref(r.ego, in: g), contacts: r.contacts,
      contactsConsidered: r.contactsConsidered < r.contacts ? r.contactsConsidered : nil, constraint: r.constraint,
      pairsConsidered: r.pairsConsidered, pairsExcluded: r.pairsExcluded, rankedBy: "combined", topPerPerson: nil,
      candidates: candidates)
  }

  /// The whole network-wide answer in memory (small networks and tests; the
  /// command streams it with `IntroduceCommand.writeNetwork`).
  static func make(_ r: NetworkIntroductionResult, index: LinkIndex, k: Int, in g: Graph) -> IntroduceResult {
    network(
      pairsScored: r.pairsScored, pairsExcluded: r.pairsExcluded, index: index, k: k,
      candidates: r.candidates.map { row($0, in: g) })
  }

  /// A network-wide answer with the given candidates.
  static func network(
    pairsScored: Int, pairsExcluded: Int, index: LinkIndex, k: Int, candidates: [IntroductionJSON]
  ) -> IntroduceResult {
    IntroduceResult(
      mode: "network", ego: nil, contacts: nil, contactsConsidered: nil, constraint: nil, pairsConsidered: pairsScored,
      pairsExcluded: pairsExcluded, rankedBy: index.rawValue, topPerPerson: k, candidates: candidates)
  }

  /// One network-wide pair as it appears in the answer.
  static func row(_ c: NetworkIntroduction, in g: Graph) -> IntroductionJSON {
    IntroductionJSON(
      a: PersonReference.ref(c.a, in: g), b: PersonReference.ref(c.b, in: g), score: c.score,
      commonContacts: c.scores.commonNeighbors, adamicAdar: c.scores.adamicAdar,
      resourceAllocation: c.scores.resourceAllocation, jaccard: c.scores.jaccard, sharedIndustry: c.sharedIndustry,
      complementary: c.complementary, differentCompanies: c.differentCompanies,
      sharedContacts: c.sharedContacts.map { PersonReference.ref($0, in: g) }, reasons: c.reasons)
  }

  /// Aligned text for a terminal: a ranked table, then the reasons per pair.
  /// `total` is the number of pairs in the whole answer when `candidates`
  /// holds only its first ones (default: `candidates.count`).
  func table(limit: Int = 30, total: Int? = nil) -> String {
    let total = total ?? candidates.count
    var out = ""
    if let ego {
      let all = grouped(contacts ?? 0)
      let among = contactsConsidered.map { "\(grouped($0)) closest of the \(all)" } ?? all
      out += "Introductions among the \(among) contacts of \(ego.name.isEmpty ? ego.id : ego.name)"
      out += " (\(grouped(pairsConsidered)) pair\(pairsConsidered == 1 ? "" : "s") without a tie"
      out += pairsExcluded > 0 ? ", \(grouped(pairsExcluded)) excluded)\n" : ")\n"
    } else {
      let index = LinkIndex(rawValue: rankedBy).map(Self.indexName) ?? rankedBy
      out += "Best introductions network-wide: top \(topPerPerson ?? 0) per person by \(index)"
      out += " (\(grouped(pairsConsidered)) pairs at distance 2 scored)\n"
    }
    if total == 0 { return out + "No pair qualifies.\n" }
    out += "\n"
    let shown = candidates.prefix(limit)
    var t: TextTable
    if ego != nil {
      t = TextTable(["#", "introduce", "to", "score", "shared besides you", "you↔them", "constraint"], rightAligned: [0, 3, 4, 6])
      for (i, c) in shown.enumerated() {
        t.add([
          "\(i + 1)", Self.cut(Self.label(c.a), 28), Self.cut(Self.label(c.b), 28), fixed(c.score, 3),
          "\(c.commonContactsBesidesEgo ?? 0)", "\(fixed(c.strengthToA ?? 0, 2)) / \(fixed(c.strengthToB ?? 0, 2))",
          Self.percentChange(c.constraintBefore ?? 0, c.constraintAfter ?? 0),
        ])
      }
    } else {
      t = TextTable(["#", "introduce", "to", "Adamic–Adar", "shared contacts", "Jaccard"], rightAligned: [0, 3, 4, 5])
      for (i, c) in shown.enumerated() {
        t.add([
          "\(i + 1)", Self.cut(Self.label(c.a), 30), Self.cut(Self.label(c.b), 30), fixed(c.adamicAdar, 3),
          "\(c.commonContacts)", fixed(c.jaccard, 3),
        ])
      }
    }
    out += t.render() + "\nWhy:\n"
    for (i, c) in shown.enumerated() {
      out += Self.wrap("\(i + 1). \(Self.label(c.a)) and \(Self.label(c.b)): " + c.reasons.joined(separator: "; ") + ".", width: 110)
    }
    if total > shown.count {
      out += "\n… and \(grouped(total - shown.count)) more pairs (--format json or csv lists them all).\n"
    }
    if ego != nil {
      out += "\nscore = 0.45 × shared contacts besides you (resource allocation, full marks from the top 10 %) + 0.25 × context fit"
      out += "\n        + 0.20 × your weaker tie to the two + 0.10 × bridging (different companies or industries)."
      out += "\nconstraint: relative change in your Burt constraint once they are tied; + means fewer structural"
      out += "\n            holes around you (you give up some brokerage — the point of giving).\n"
    }
    return out
  }

  func csv() -> String {
    var out = Self.csvHeader
    for c in candidates { out += Self.csvRow(c) }
    return out
  }

  static let csvHeader =
    [
      "a_id", "a_name", "b_id", "b_name", "score", "commonContacts", "adamicAdar", "resourceAllocation", "jaccard",
      "commonContactsBesidesEgo", "adamicAdarBesidesEgo", "resourceAllocationBesidesEgo", "jaccardBesidesEgo",
      "introducibility", "contextFit", "bridging", "constraintChange", "reasons",
    ].joined(separator: ",") + "\n"

  /// One CSV line, newline included.
  static func csvRow(_ c: IntroductionJSON) -> String {
    func opt(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    let text = [c.a.id, c.a.name, c.b.id, c.b.name].map { CSVEscaping.field($0) }
    let numbers = [
      "\(c.score)", "\(c.commonContacts)", "\(c.adamicAdar)", "\(c.resourceAllocation)", "\(c.jaccard)",
      c.commonContactsBesidesEgo.map { "\($0)" } ?? "", opt(c.adamicAdarBesidesEgo), opt(c.resourceAllocationBesidesEgo),
      opt(c.jaccardBesidesEgo), opt(c.introducibility), opt(c.contextFit), opt(c.bridging), opt(c.constraintChange),
    ]
    return (text + numbers + [CSVEscaping.field(c.reasons.joined(separator: "; "))]).joined(separator: ",") + "\n"
  }

  static func indexName(_ i: LinkIndex) -> String {
    switch i {
    case .adamicAdar: "Adamic–Adar"
    case .resourceAllocation: "resource allocation"
    case .jaccard: "Jaccard"
    case .commonNeighbors: "common contacts"
    }
  }

  static func label(_ r: PersonReference.Ref) -> String { r.name.isEmpty ? r.id : r.name }

  static func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

  /// Relative change in percent, e.g. "+0.02 %".
  static func percentChange(_ before: Double, _ after: Double) -> String {
    guard before > 0 else { return "" }
    let x = 100 * (after - before) / before
    return (x >= 0 ? "+" : "") + fixed(x, 2) + " %"
  }

  /// Wraps text at spaces, continuation lines indented.
  static func wrap(_ text: String, width: Int) -> String {
    var out = ""
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        out += line + "\n"
        line = "    " + word
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    return out + line + "\n"
  }
}

struct IntroduceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "introduce",
    abstract: "Who to introduce to whom: pairs of your contacts who don't know each other and would gain from meeting.",
    discussion: """
      With --ego, every pair of the ego's contacts with no tie between them is ranked by one
      score: shared contacts besides the ego (resource allocation), context fit (same industry,
      hiring × looking, founder × investor, mentor), the ego's weaker tie to the two, and
      bridging (different companies or industries). Each pair comes with plain-word reasons,
      networkx-compatible Adamic–Adar, resource allocation, Jaccard and common contacts (with
      and without the ego), and the change in the ego's Burt constraint if they meet.

      Only the 2,000 contacts with the strongest ties to the ego are paired (the pairs grow
      with the square of the contacts); standard error says so when the cap applies, and
      --max-contacts N changes it (0: every contact).

      Without --ego, the best pairs network-wide: every person's top N people at distance 2
      by Adamic–Adar (or --by), each pair once, written as they are described (a large
      answer is never held in memory as text).

      --exclude reads a CSV of pairs already introduced or declined, one `a,b` per line
      (ids, emails, profile URLs or exact names; a first line that names nobody is a header).

      Examples:
        liaison introduce datasets/team/people.csv datasets/team/ties.csv --ego "Mary Reed"
        liaison introduce people.csv ties.csv --ego 42 --top 10 --min-common 1 --exclude done.csv
        liaison introduce ties.csv --top 10 --format csv --output best-pairs.csv
        liaison introduce people.csv ties.csv --ego 42 --svg introductions.svg   (also draw them)
      """)

  @OptionGroup var input: InputOptions

  @Option(help: ArgumentHelp("The person whose contacts to introduce (id, email, profile URL or exact name).", valueName: "person"))
  var ego: String?

  @Option(parsing: .unconditional, help: "Pairs to show (with --ego; default 20), or candidates per person network-wide (default 10).")
  var top: Int?

  @Option(parsing: .unconditional, help: "Minimum shared contacts: besides the ego with --ego (default 0), in all network-wide (default 1).")
  var minCommon: Int?

  @Option(help: ArgumentHelp("CSV of pairs `a,b` already introduced or declined.", valueName: "file"))
  var exclude: String?

  // Optional so that help shows the default in kebab-case (ArgumentParser writes an enum default's raw value).
  @Option(help: "Network-wide ranking: \(LinkIndex.spelledList) (default: adamic-adar).")
  var by: LinkIndex?

  /// `--by`, Adamic–Adar when not given.
  var ranking: LinkIndex { by ?? .adamicAdar }

  @Flag(help: "Without --ego: list each person's top N as ranked rows (person, rank, candidate, score) instead of pairs with reasons.")
  var perPerson = false

  @Option(
    help: ArgumentHelp(
      "With --ego: pair only this many of the ego's contacts, those with the strongest ties to the ego "
        + "(0: all; the pairs grow with the square).",
      valueName: "n"))
  var maxContacts: Int = IntroductionOptions.defaultMaxContacts

  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption
  @OptionGroup var picture: SVGOption

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be a positive number (at least 1).") }
    if let minCommon, minCommon < 0 { throw ValidationError("--min-common must be 0 or more.") }
    if maxContacts < 0 { throw ValidationError("--max-contacts must be 0 (all) or more.") }
    if perPerson && ego != nil { throw ValidationError("--per-person lists the whole network; leave out --ego.") }
  }

  func run() throws {
    let loaded = try input.load(writing: [output.output, picture.svg], alsoReading: [exclude])
    let g = loaded.graph
    let threads = threading.threads ?? 0
    let excluded = try exclude.map { try Self.readExcluded($0, in: g) } ?? []
    let start = Clock.now()
    let result: IntroduceResult
    var egoID: PersonID?
    var pairs: [SuggestedPair] = []
    if let ego {
      let e = try PersonReference.resolve(ego, in: g, option: "--ego")
      egoID = e
      if g.degree(of: e) < 2 {
        Terminal.error(
          "\(IntroduceResult.label(PersonReference.ref(e, in: g))) has \(g.degree(of: e)) contact\(g.degree(of: e) == 1 ? "" : "s"): "
            + "an introduction needs two. Pick someone with more ties (`liaison stats` shows the network).")
        throw ExitCode.failure
      }
      let options = IntroductionOptions(
        top: top ?? 20, minCommonBesidesEgo: minCommon ?? 0, excluded: excluded,
        closeAtLeast: input.strongAtLeast, threads: threads, maxContacts: maxContacts == 0 ? nil : maxContacts)
      let found = g.introductionCandidates(for: e, options: options)
      if found.contactsConsidered < found.contacts {
        Terminal.note(Self.capNotice(found, in: g))
      }
      pairs = found.candidates.map { SuggestedPair(a: $0.a, b: $0.b, score: $0.score, reasons: $0.reasons) }
      result = IntroduceResult.make(found, in: g)
    } else {
      let k = top ?? 10
      if getenv("LIAISON_TIMINGS") != nil {
        // The bare two-hop sweep (W5 of the peer benchmark), timed on its own.
        let t0 = Clock.now()
        let bare = g.topLinkPredictions(k: k, by: ranking, minCommon: minCommon ?? 1, threads: threads)
        Terminal.note(
          "top-\(k) \(ranking.rawValue) per person: \(fixed(Clock.now() - t0, 3)) s (\(bare.pairsScored) pairs scored)")
      }
      if perPerson {
        let ranked = g.topLinkPredictions(k: k, by: ranking, minCommon: minCommon ?? 1, threads: threads)
        if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
        try output.stream { write in try Self.writePerPerson(ranked, in: g, format: output.format, write: write) }
        return
      }
      let r = g.networkIntroductionPairs(
        perPerson: k, by: ranking, minCommon: minCommon ?? 1, excluded: excluded, threads: threads)
      if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
      try output.stream { write in try Self.writeNetwork(r, format: output.format, in: g, write: write) }
      if let svg = picture.svg {
        let first = r.introductions(0..<min(20, r.count))
        pairs = first.map { SuggestedPair(a: $0.a, b: $0.b, score: $0.score, reasons: $0.reasons) }
        var o = picture.viewOptions
        o.classifier = input.classifier
        try Drawing.write(.introductions(g, ego: nil, pairs: pairs, options: o), to: svg)
      }
      return
    }
    if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
    switch output.format {
    case .table: try output.emit(result.table())
    case .json: try output.emit(try jsonText(result))
    case .csv: try output.emit(result.csv())
    }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = input.classifier
      try Drawing.write(.introductions(g, ego: egoID, pairs: pairs, options: o), to: svg)
    }
  }

  /// What standard error says when --max-contacts left contacts out.
  /// `lift` says how to pair more (the option of the command at hand).
  static func capNotice(
    _ r: IntroductionResult, in g: Graph,
    lift: String = "--max-contacts N pairs more, --max-contacts 0 all of them (the work grows with the square)."
  ) -> String {
    let d = r.contacts
    let c = r.contactsConsidered
    let all = Double(d) * Double(d - 1) / 2
    let allText = all < 1e12 ? grouped(Int(all)) : "\(fixed(all / 1e12, 1)) × 10¹²"
    return "\(IntroduceResult.label(PersonReference.ref(r.ego, in: g))) has \(grouped(d)) contacts; only the "
      + "\(grouped(c)) with the strongest ties were paired (\(grouped(c * (c - 1) / 2)) of \(allText) pairs). "
      + lift
  }

  /// Writes the network-wide answer in `format` through `write`, describing
  /// `chunk` pairs at a time (indices, shared contacts, reasons, text), so
  /// memory holds the compact pairs and one chunk, never the whole text. The
  /// bytes equal `IntroduceResult.make(…)` formatted in one piece.
  ///
  /// - Complexity: O(Σ (d(a) + d(b))) over the pairs written (all of them for
  ///   csv and json, the first 30 for the table); O(chunk) memory besides the pairs.
  static func writeNetwork(
    _ r: NetworkIntroductionPairs, format: OutputFormat, in g: Graph, chunk: Int = 4096, write: (String) throws -> Void
  ) throws {
    func answer(_ candidates: [IntroductionJSON]) -> IntroduceResult {
      IntroduceResult.network(
        pairsScored: r.pairsScored, pairsExcluded: r.pairsExcluded, index: r.index, k: r.perPerson,
        candidates: candidates)
    }
    func rows(_ range: Range<Int>) -> [IntroductionJSON] {
      r.introductions(range).map { IntroduceResult.row($0, in: g) }
    }
    switch format {
    case .table:
      let limit = 30
      try write(answer(rows(0..<min(limit, r.count))).table(limit: limit, total: r.count))
    case .csv:
      try write(IntroduceResult.csvHeader)
      for start in stride(from: 0, to: r.count, by: chunk) {
        var text = ""
        for c in rows(start..<min(r.count, start + chunk)) { text += IntroduceResult.csvRow(c) }
        try write(text)
      }
    case .json:
      guard r.count > 0 else { return try write(jsonText(answer([]))) }
      // The answer with its first pair, split around that pair's text: what
      // comes before the list's items and what comes after them.
      let first = rows(0..<1)
      let whole = try jsonText(answer(first))
      let item = try jsonItems(first)
      guard let at = whole.range(of: item) else { throw ExitCode.failure }
      try write(String(whole[..<at.lowerBound]))
      for start in stride(from: 0, to: r.count, by: chunk) {
        try write((start > 0 ? ",\n" : "") + (try jsonItems(rows(start..<min(r.count, start + chunk)))))
      }
      try write(String(whole[at.upperBound...]))
    }
  }

  /// The items of a JSON list as they appear inside the answer's `candidates`
  /// (pretty-printed at depth 2), separated by `,\n`, without the brackets.
  static func jsonItems<Item: Encodable>(_ items: [Item]) throws -> String {
    // A bare list puts its items at depth 1: drop the first line ("[") and the
    // last ("]"), indent the other lines one level more (blank lines — inside
    // an empty list — stay blank). JSON strings hold no raw newline.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(items)
    let newline = UInt8(ascii: "\n")
    let space = UInt8(ascii: " ")
    return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let firstBreak = bytes.firstIndex(of: newline), let lastBreak = bytes.lastIndex(of: newline),
        firstBreak < lastBreak
      else { return "" }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      var lineStart = firstBreak + 1
      while lineStart < lastBreak {
        var end = lineStart
        while end < lastBreak && bytes[end] != newline { end += 1 }
        if lineStart > firstBreak + 1 { out.append(newline) }
        if end > lineStart {
          out.append(space)
          out.append(space)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
        }
        lineStart = end + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Each person's ranked candidates: CSV rows `person,rank,candidate,score`,
  /// JSON `{rankedBy, k, pairsScored, people[{id, name, candidates[{id, name, score}]}]}`,
  /// or a table of the first 30 people; written `chunk` people at a time.
  ///
  /// - Complexity: O(n + n·k) time, O(chunk·k) memory besides the ranked lists.
  static func writePerPerson(
    _ r: LinkPredictionTopK, in g: Graph, format: OutputFormat, chunk: Int = 4096, write: (String) throws -> Void
  ) throws {
    let n = g.personCount
    switch format {
    case .csv:
      try write("person,rank,candidate,\(r.index.rawValue)\n")
      for start in stride(from: 0, to: n, by: chunk) {
        var out = ""
        for p in PersonID(start)..<PersonID(min(n, start + chunk)) {
          let id = CSVEscaping.field(g.people.id(of: p))
          for (rank, e) in (r.offsets[Int(p)]..<r.offsets[Int(p) + 1]).enumerated() {
            out += "\(id),\(rank + 1),\(CSVEscaping.field(g.people.id(of: r.candidates[e]))),\(r.scores[e])\n"
          }
        }
        try write(out)
      }
    case .json:
      func people(_ range: Range<Int>) -> [PerPersonJSON.Person] {
        range.map { i in
          let p = PersonID(i)
          return PerPersonJSON.Person(
            id: g.people.id(of: p), name: g.people.name(of: p),
            candidates: r.candidates(of: p).map {
              PerPersonJSON.Scored(id: g.people.id(of: $0.person), name: g.people.name(of: $0.person), score: $0.score)
            })
        }
      }
      func answer(_ list: [PerPersonJSON.Person]) -> PerPersonJSON {
        PerPersonJSON(rankedBy: r.index.rawValue, k: r.k, pairsScored: r.pairsScored, people: list)
      }
      guard n > 0 else { return try write(jsonText(answer([]))) }
      // As for pairs: the answer with its first person, split around that person's text.
      let first = people(0..<1)
      let whole = try jsonText(answer(first))
      let item = try jsonItems(first)
      guard let at = whole.range(of: item) else { throw ExitCode.failure }
      try write(String(whole[..<at.lowerBound]))
      for start in stride(from: 0, to: n, by: chunk) {
        try write((start > 0 ? ",\n" : "") + (try jsonItems(people(start..<min(n, start + chunk)))))
      }
      try write(String(whole[at.upperBound...]))
    case .table:
      try write(perPersonTable(r, in: g))
    }
  }

  /// The JSON answer of --per-person.
  struct PerPersonJSON: Codable {
    struct Scored: Codable {
      var id: String
      var name: String
      var score: Double
    }
    struct Person: Codable {
      var id: String
      var name: String
      var candidates: [Scored]
    }
    var rankedBy: String
    var k: Int
    var pairsScored: Int
    var people: [Person]
  }

  /// The first 30 people's best three candidates.
  static func perPersonTable(_ r: LinkPredictionTopK, in g: Graph) -> String {
    var t = TextTable(["person", "best candidates (\(IntroduceResult.indexName(r.index)))"])
    for p in 0..<PersonID(min(g.personCount, 30)) {
      let list = r.candidates(of: p).prefix(3).map {
        "\(IntroduceResult.label(PersonReference.ref($0.person, in: g))) \(fixed($0.score, 2))"
      }
      t.add([
        IntroduceResult.cut(IntroduceResult.label(PersonReference.ref(p, in: g)), 30),
        IntroduceResult.cut(list.joined(separator: ", "), 85),
      ])
    }
    var out = t.render()
    if g.personCount > 30 { out += "… \(grouped(g.personCount - 30)) more people (--format csv or json lists everyone).\n" }
    return out
  }

  /// Reads `a,b` pairs; references resolve like --ego (exit 1 with the line on failure).
  static func readExcluded(_ path: String, in g: Graph) throws -> Set<PersonPair> {
    var out: Set<PersonPair> = []
    do {
      var tokenizer = try CSVTokenizer(source: try ByteSource(path: path))
      var first = true
      while let record = try tokenizer.next() {
        defer { first = false }
        if record.isBlank { continue }
        let a = record.trimmed(0) ?? ""
        let b = record.count > 1 ? (record.trimmed(1) ?? "") : ""
        if first, g.people.resolve(a) == .notFound, g.people.resolve(b) == .notFound { continue }  // header
        if b.isEmpty {
          Terminal.error("\(path):\(record.line): expected two people `a,b`, found one field")
          throw ExitCode.failure
        }
        let pa = try PersonReference.resolve(a, in: g, option: "--exclude \(path):\(record.line)")
        let pb = try PersonReference.resolve(b, in: g, option: "--exclude \(path):\(record.line)")
        out.insert(PersonPair(pa, pb))
      }
    } catch let error as ImportError {
      Terminal.error("\(error)")
      throw ExitCode.failure
    }
    return out
  }
}
