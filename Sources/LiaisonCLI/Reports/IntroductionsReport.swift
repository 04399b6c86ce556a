import GraphAlgorithms
import GraphCore
import GraphIO

/// One suggested introduction in the JSON and CSV answers of `liaison introduce`.
struct IntroductionJSON: Codable, Equatable {
  var a: PersonReference.Ref
  var b: PersonReference.Ref
  /// Present (true) only when a and b have the same name: check they are two people.
  var sameName: Bool?
  var score: Double
  /// Ego mode: the place by score and tie-breaks alone, before the diversity re-rank.
  var scoreRank: Int?
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
  /// Ego mode: Σ ½(s_aw + s_wb) / S_w over the shared contacts besides the ego (what the likelihood uses).
  var strengthResourceAllocationBesidesEgo: Double?
  /// Ego mode: the shared contacts' mean tie strength to the two, ½(s_aw + s_wb).
  var sharedTieStrength: Double?
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
  /// Ego mode: of a and b, those whose tie to the ego is dormant (absent when none).
  var dormant: [PersonReference.Ref]?
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
  /// Pairs never suggested because identity resolution could not tell them apart (absent when none).
  var pairsKeptApart: Int?
  /// The ranking: "combined" (ego mode) or the link-prediction index (network mode).
  var rankedBy: String
  /// Network mode: candidates kept per person.
  var topPerPerson: Int?
  var candidates: [IntroductionJSON]

  static func make(_ r: IntroductionResult, in g: Graph) -> IntroduceResult {
    let candidates = r.candidates.map { c in
      IntroductionJSON(
        a: PersonReference.ref(c.low, in: g), b: PersonReference.ref(c.high, in: g), sameName: c.sameName ? true : nil,
        score: c.score, scoreRank: c.scoreRank, commonContacts: c.whole.commonNeighbors, adamicAdar: c.whole.adamicAdar,
        resourceAllocation: c.whole.resourceAllocation, jaccard: c.whole.jaccard,
        commonContactsBesidesEgo: c.besidesEgo.commonNeighbors, adamicAdarBesidesEgo: c.besidesEgo.adamicAdar,
        resourceAllocationBesidesEgo: c.besidesEgo.resourceAllocation, jaccardBesidesEgo: c.besidesEgo.jaccard,
        strengthResourceAllocationBesidesEgo: c.strengthResourceAllocation, sharedTieStrength: c.sharedTieStrength,
        strengthToA: c.strengthToLow, strengthToB: c.strengthToHigh, introducibility: c.introducibility,
        likelihood: c.likelihood, contextFit: c.contextFit, bridging: c.bridging, sharedIndustry: c.sharedIndustry,
        complementary: c.complementary, differentCompanies: c.differentCompanies, differentGroups: c.differentGroups,
        constraintBefore: c.constraintBefore, constraintAfter: c.constraintAfter,
        constraintChange: c.constraintAfter - c.constraintBefore,
        sharedContacts: c.sharedContacts.map { PersonReference.ref($0, in: g) },
        dormant: c.dormant.isEmpty ? nil : c.dormant.map { PersonReference.ref($0, in: g) }, reasons: c.reasons)
    }
    return IntroduceResult(
      mode: "ego", ego: PersonReference.ref(r.ego, in: g), contacts: r.contacts,
      contactsConsidered: r.contactsConsidered < r.contacts ? r.contactsConsidered : nil, constraint: r.constraint,
      pairsConsidered: r.pairsConsidered, pairsExcluded: r.pairsExcluded,
      pairsKeptApart: r.pairsKeptApart > 0 ? r.pairsKeptApart : nil, rankedBy: "combined", topPerPerson: nil,
      candidates: candidates)
  }

  /// The whole network-wide answer in memory (small networks and tests; the
  /// command streams it with `IntroductionsReport.writeNetwork`).
  static func make(_ r: NetworkIntroductionResult, index: LinkIndex, k: Int, in g: Graph) -> IntroduceResult {
    network(
      pairsScored: r.pairsScored, pairsExcluded: r.pairsExcluded, pairsKeptApart: r.pairsKeptApart, index: index, k: k,
      candidates: r.candidates.map { row($0, in: g) })
  }

  /// A network-wide answer with the given candidates.
  static func network(
    pairsScored: Int, pairsExcluded: Int, pairsKeptApart: Int = 0, index: LinkIndex, k: Int,
    candidates: [IntroductionJSON]
  ) -> IntroduceResult {
    IntroduceResult(
      mode: "network", ego: nil, contacts: nil, contactsConsidered: nil, constraint: nil, pairsConsidered: pairsScored,
      pairsExcluded: pairsExcluded, pairsKeptApart: pairsKeptApart > 0 ? pairsKeptApart : nil, rankedBy: index.rawValue,
      topPerPerson: k, candidates: candidates)
  }

  /// One network-wide pair as it appears in the answer.
  static func row(_ c: NetworkIntroduction, in g: Graph) -> IntroductionJSON {
    IntroductionJSON(
      a: PersonReference.ref(c.low, in: g), b: PersonReference.ref(c.high, in: g), sameName: c.sameName ? true : nil,
      score: c.score, commonContacts: c.scores.commonNeighbors, adamicAdar: c.scores.adamicAdar,
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
      out +=
        "Introductions among the \(among) \(TextFormat.noun(contacts ?? 0, "contact")) of \(ego.name.isEmpty ? ego.id : ego.name)"
      out += " (\(grouped(pairsConsidered)) pair\(pairsConsidered == 1 ? "" : "s") without a tie"
      out += pairsExcluded > 0 ? ", \(grouped(pairsExcluded)) excluded)\n" : ")\n"
    } else {
      let index = LinkIndex(rawValue: rankedBy).map(Self.indexName) ?? rankedBy
      out += "Best introductions network-wide: top \(topPerPerson ?? 0) per person by \(index)"
      out += " (\(TextFormat.count(pairsConsidered, "pair")) at distance 2 scored)\n"
    }
    if total == 0 { return out + "No pair qualifies.\n" }
    out += "\n"
    let shown = candidates.prefix(limit)
    var t: TextTable
    if ego != nil {
      t = TextTable(
        ["#", "introduce", "to", "score", "shared besides you", "you↔them", "constraint"], rightAligned: [0, 3, 4, 6])
      for (i, c) in shown.enumerated() {
        t.add([
          "\(i + 1)", Self.cut(Self.label(c.a, c), 28), Self.cut(Self.label(c.b, c), 28), fixed(c.score, 3),
          "\(c.commonContactsBesidesEgo ?? 0)", "\(fixed(c.strengthToA ?? 0, 2)) / \(fixed(c.strengthToB ?? 0, 2))",
          Self.percentChange(c.constraintBefore ?? 0, c.constraintAfter ?? 0),
        ])
      }
    } else {
      t = TextTable(["#", "introduce", "to", "Adamic–Adar", "shared contacts", "Jaccard"], rightAligned: [0, 3, 4, 5])
      for (i, c) in shown.enumerated() {
        t.add([
          "\(i + 1)", Self.cut(Self.label(c.a, c), 30), Self.cut(Self.label(c.b, c), 30), fixed(c.adamicAdar, 3),
          "\(c.commonContacts)", fixed(c.jaccard, 3),
        ])
      }
    }
    out += t.render() + "\nWhy:\n"
    for (i, c) in shown.enumerated() {
      out +=
        TextTable.wrapLine(
          "\(i + 1). \(Self.label(c.a, c)) and \(Self.label(c.b, c)): " + c.reasons.joined(separator: "; ") + ".",
          to: TextTable.proseWidth(110), continuation: "    ") + "\n"
    }
    if total > shown.count {
      out += "\n… and \(grouped(total - shown.count)) more pairs (--format json or csv lists them all).\n"
    }
    if ego != nil {
      var entries: [(label: String, text: String)] = [
        (
          "score =",
          "0.45 × shared contacts besides you (strength-weighted resource allocation, half marks at the top 10 %)"
            + " + 0.25 × context fit + 0.20 × your weaker tie to the two + 0.10 × bridging (different companies"
            + " or industries). Equal scores: more shared contacts first, then your stronger ties, then by name."
        ),
        ("order:", "nobody is in more than 3 of each 10 places (the best pair that keeps to this comes next)."),
      ]
      if candidates.contains(where: { $0.sameName == true }) {
        entries.append(("⚠:", "the two have the same name: check they are two people before introducing them."))
      }
      entries.append(
        (
          "constraint:",
          "relative change in your Burt constraint once they are tied; + means fewer structural holes around you"
            + " (you give up some brokerage — the point of giving)."
        ))
      out += "\n" + TextTable.legend(entries, preferred: 110)
    }
    return out
  }

  func csv() -> String {
    var out = Self.csvHeader
    for c in candidates { out += Self.csvRow(c) }
    return out
  }

  static let csvHeader = CSVTable([
    "a_id", "a_name", "b_id", "b_name", "score", "commonContacts", "adamicAdar", "resourceAllocation", "jaccard",
    "commonContactsBesidesEgo", "adamicAdarBesidesEgo", "resourceAllocationBesidesEgo", "jaccardBesidesEgo",
    "introducibility", "contextFit", "bridging", "constraintChange", "reasons", "sameName",
  ]).text

  /// One CSV line, newline included.
  static func csvRow(_ c: IntroductionJSON) -> String {
    CSVTable.line([
      .text(c.a.id), .text(c.a.name), .text(c.b.id), .text(c.b.name), .number(c.score), .int(c.commonContacts),
      .number(c.adamicAdar), .number(c.resourceAllocation), .number(c.jaccard), .int(c.commonContactsBesidesEgo),
      .number(c.adamicAdarBesidesEgo), .number(c.resourceAllocationBesidesEgo), .number(c.jaccardBesidesEgo),
      .number(c.introducibility), .number(c.contextFit), .number(c.bridging), .number(c.constraintChange),
      .text(c.reasons.joined(separator: "; ")), .text(c.sameName == true ? "true" : "false"),
    ])
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

  /// A person of a suggested pair: the name, and the id too when the two share a name ("Priya Sharma [p7] ⚠").
  static func label(_ r: PersonReference.Ref, _ pair: IntroductionJSON) -> String {
    pair.sameName == true ? "\(label(r)) [\(r.id)] ⚠" : label(r)
  }

  static func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

  /// Relative change in percent, e.g. "+0.02 %".
  static func percentChange(_ before: Double, _ after: Double) -> String {
    guard before > 0 else { return "" }
    let x = 100 * (after - before) / before
    return (x >= 0 ? "+" : "") + fixed(x, 2) + " %"
  }
}

/// Writers for the answers of `liaison introduce` that can be too large to
/// hold as text (network-wide pairs, per-person lists), and its notices.
enum IntroductionsReport {
  /// The pairs identity resolution could not tell apart (a contact record
  /// that could have been either person), as people of the loaded network:
  /// they are never suggested to meet.
  ///
  /// - Complexity: O(P) expected for P ambiguous pairs.
  static func keptApart(_ loaded: LoadedNetwork) -> Set<PersonPair> {
    guard let identity = loaded.identity, !identity.ambiguousPairs.isEmpty else { return [] }
    let g = loaded.graph
    var out = Set<PersonPair>()
    for pair in identity.ambiguousPairs {
      guard case .person(let p) = g.people.resolve(pair.person), case .person(let q) = g.people.resolve(pair.other),
        p != q
      else { continue }
      out.insert(PersonPair(p, q))
    }
    return out
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
    return
      "\(IntroduceResult.label(PersonReference.ref(r.ego, in: g))) has \(TextFormat.count(d, "contact")); only the "
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
        pairsScored: r.pairsScored, pairsExcluded: r.pairsExcluded, pairsKeptApart: r.pairsKeptApart, index: r.index,
        k: r.perPerson, candidates: candidates)
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
      try JSONText.streamList(count: r.count, chunk: chunk, answer: answer, items: rows, write: write)
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
      try JSONText.streamList(count: n, chunk: chunk, answer: answer, items: people, write: write)
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
    if g.personCount > 30 {
      out += "… \(grouped(g.personCount - 30)) more people (--format csv or json lists everyone).\n"
    }
    return out
  }
}
