import GraphAlgorithms
import GraphCore
import GraphIO

/// The JSON answer of `liaison path`.
struct PathAnswer: Codable, Equatable {
  struct Person: Codable, Equatable {
    var id: String
    var name: String
    var company: String
  }
  /// The evidence for one hop.
  struct Hop: Codable, Equatable {
    var from: String
    var to: String
    var strength: Double
    var tieClass: String
    var lastContact: String?
    var since: String?
    var kind: String?
    var interactions: Int?
    var inferred: Bool
    /// True for a negative (signed) tie, used only with `--include-negative`; absent otherwise.
    var negative: Bool? = nil
    /// The interaction-log entry that is evidence for the tie (`log #12`); absent when none.
    var logged: String? = nil
  }
  struct Path: Codable, Equatable {
    var people: [Person]
    var strengths: [Double]
    var strength: Double
    var cost: Double
    var hops: Int
    var weakestHop: Int
    var evidence: [Hop]
    var sentence: String
  }
  struct Target: Codable, Equatable {
    var kind: String
    var name: String
    var people: Int
  }
  struct Nearest: Codable, Equatable {
    var person: Person
    var hops: Int
    var strength: Double
  }
  var from: Person
  var target: Target
  var k: Int
  var maxHops: Int?
  var disjoint: Bool
  var paths: [Path]
  /// When there is no chain: why, and the nearest reachable people at the target.
  var noPath: String?
  var nearest: [Nearest]
}

/// The JSON answer of `liaison path --pairs`.
struct PairPathsAnswer: Codable, Equatable {
  struct Row: Codable, Equatable {
    var from: String
    var to: String
    var people: [String]
    var strength: Double?
    var cost: Double?
    var hops: Int?
  }
  var pairs: [Row]
}

enum IntroductionChains {
  static func person(_ p: PersonID, _ g: Graph) -> PathAnswer.Person {
    .init(id: g.people.id(of: p), name: g.people.name(of: p), company: g.people.company(of: p))
  }

  static func hop(_ g: Graph, _ a: PersonID, _ b: PersonID, _ classifier: TieClassifier) -> PathAnswer.Hop {
    let t = g.tieID(between: a, and: b)!
    var h = quoted(g, t, a, b, classifier)
    h.from = g.people.id(of: a)
    h.to = g.people.id(of: b)
    h.since = g.ties.since(t)?.iso
    return h
  }

  /// A hop's evidence as a sentence quotes it: everything but the two ids
  /// and the first contact, which sentences do not read (left empty).
  private static func quoted(_ g: Graph, _ t: Int, _ a: PersonID, _ b: PersonID, _ classifier: TieClassifier)
    -> PathAnswer.Hop
  {
    .init(
      from: "", to: "", strength: Double(g.strength(between: a, and: b) ?? 0),
      tieClass: g.tieClass(t, classifier: classifier).rawValue, lastContact: g.ties.lastContact(t)?.iso,
      since: nil, kind: g.ties.kind(t), interactions: g.ties.interactions(t),
      inferred: g.ties.isInferred(t), negative: g.ties.isNegative(t) ? true : nil, logged: LoggedEvidence.entry(g, t))
  }

  /// The sentence of `make(s, g, classifier)` alone: the evidence of the
  /// first and the weakest hop is all it reads (a page writes one per chain
  /// to each of a few hundred people), each made once.
  static func sentence(_ s: StrongestPath, _ g: Graph, _ classifier: TieClassifier) -> String {
    func quoted(_ i: Int) -> PathAnswer.Hop {
      let (a, b) = (s.people[i], s.people[i + 1])
      return Self.quoted(g, g.tieID(between: a, and: b)!, a, b, classifier)
    }
    let first = quoted(0)
    let w = s.weakestHop
    let weakest = w == 0 ? first : quoted(w)
    return sentence(g, s) { i in i == 0 ? first : i == w ? weakest : quoted(i) }
  }

  /// One plain sentence a person would act on; `evidence(i)` is hop i's.
  static func sentence(_ g: Graph, _ p: StrongestPath, _ evidence: (Int) -> PathAnswer.Hop) -> String {
    func name(_ x: PersonID) -> String {
      let n = g.people.name(of: x)
      let c = g.people.company(of: x)
      return c.isEmpty ? n : "\(n) at \(c)"
    }
    func describe(_ h: PathAnswer.Hop) -> String {
      var parts = ["\(h.tieClass) tie"]
      if let d = h.lastContact { parts.append("last contact \(d)") }
      if let n = h.interactions, n > 0 { parts.append("\(n) interaction\(n == 1 ? "" : "s")") }
      // Dashes as spaces, byte by byte (Foundation's replace was a fifth of a page's chain sentences).
      if let k = h.kind {
        parts.append(
          k.utf8.contains(UInt8(ascii: "-"))
            ? String(decoding: k.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self) : k)
      }
      if h.inferred { parts.append("inferred") }
      if let entry = h.logged { parts.append("logged: \(entry)") }
      return parts.joined(separator: ", ")
    }
    let people = p.people
    if p.hops == 1 {
      return "You know \(name(people[1])) directly (\(describe(evidence(0)))): reach out yourself."
    }
    var s = "Ask \(name(people[1])) (your \(describe(evidence(0)))) to introduce you to \(name(people[2]))"
    if p.hops > 2 {
      for i in 3..<people.count { s += ", who can introduce you to \(name(people[i]))" }
    }
    let w = p.weakestHop
    s += "; the weakest link is \(g.people.name(of: people[w])) – \(g.people.name(of: people[w + 1]))"
    s += " (strength \(fixed(p.strengths[w], 2)), \(evidence(w).tieClass))"
    s += "; overall strength \(fixed(p.strength, 3))."
    return s
  }

  static func make(_ s: StrongestPath, _ g: Graph, _ classifier: TieClassifier) -> PathAnswer.Path {
    let evidence = (0..<s.hops).map { hop(g, s.people[$0], s.people[$0 + 1], classifier) }
    return .init(
      people: s.people.map { person($0, g) }, strengths: s.strengths, strength: s.strength, cost: s.cost, hops: s.hops,
      weakestHop: s.weakestHop, evidence: evidence, sentence: sentence(g, s) { evidence[$0] })
  }

  /// Up to `limit` target people reachable at all (any number of hops,
  /// any first hop), strongest chain first.
  static func nearest(_ g: Graph, from source: PersonID, targets: [PersonID], limit: Int) -> [PathAnswer.Nearest] {
    var search = PathSearch(g)
    var remaining = targets
    var out: [PathAnswer.Nearest] = []
    while out.count < limit, !remaining.isEmpty {
      guard
        let p = search.strongestPaths(
          from: source, to: remaining, query: PathQuery(k: 1, maxHops: nil, disjoint: false, firstHop: .any)
        ).first
      else { break }
      let t = p.people.last!
      out.append(.init(person: person(t, g), hops: p.hops, strength: p.strength))
      remaining.removeAll { $0 == t }
    }
    return out
  }
}

extension PathAnswer {
  func table() -> String {
    var out = ""
    let to =
      target.kind == "person"
      ? target.name : "\(target.name) (\(TextFormat.count(target.people, "person", plural: "people")))"
    if paths.isEmpty {
      out += (noPath ?? "No chain.") + "\n"
      if !nearest.isEmpty {
        var t = TextTable(["nearest at the target", "company", "hops", "strength"], rightAligned: [2, 3])
        for n in nearest { t.add([n.person.name, n.person.company, "\(n.hops)", fixed(n.strength, 4)]) }
        out += t.render()
      }
      return out
    }
    out += "Strongest introduction chains from \(from.name) to \(to)"
    out += maxHops.map { ", at most \(TextFormat.count($0, "hop"))" } ?? ""
    out += disjoint ? ", sharing no broker" : ""
    out += ":\n"
    for (i, p) in paths.enumerated() {
      out += "\n\(i + 1). strength \(fixed(p.strength, 4)) over \(TextFormat.count(p.hops, "hop"))\n"
      var t = TextTable(["", "person", "company", "tie", "strength", "last contact", "how"], rightAligned: [4])
      t.add(["", String(p.people[0].name.prefix(28)), String(p.people[0].company.prefix(24)), "", "", "", ""])
      for (h, e) in p.evidence.enumerated() {
        let who = p.people[h + 1]
        let mark = h == p.weakestHop && p.hops > 1 ? "weakest" : ""
        t.add([
          "→", String(who.name.prefix(28)), String(who.company.prefix(24)),
          e.tieClass + (e.inferred ? " (inferred)" : "") + (e.negative == true ? " (negative)" : ""),
          fixed(e.strength, 2) + (mark.isEmpty ? "" : " ←"), e.lastContact ?? "-",
          (e.kind ?? "-") + (e.logged.map { ", \($0)" } ?? ""),
        ])
      }
      out += t.render()
      out += TextFormat.wrap(p.sentence, width: TextTable.proseWidth(100), indent: "   ")
    }
    return out
  }

  /// One row per person of every chain, with the evidence of the hop into them.
  func csv() -> String {
    var t = CSVTable([
      "path", "position", "id", "name", "company", "hopStrength", "tieClass", "lastContact", "kind", "inferred",
      "pathStrength", "cost", "hops",
    ])
    for (i, p) in paths.enumerated() {
      for (j, person) in p.people.enumerated() {
        let e = j > 0 ? p.evidence[j - 1] : nil
        t.add([
          .int(i + 1), .int(j), .text(person.id), .text(person.name), .text(person.company), .number(e?.strength),
          .text(e?.tieClass ?? ""), .text(e?.lastContact ?? ""), .text(e?.kind ?? ""),
          e.map { .flag($0.inferred) } ?? .empty,
          .number(p.strength), .number(p.cost), .int(p.hops),
        ])
      }
    }
    return t.text
  }

  /// The answer for chains `found` from `source` to `target`; when there are
  /// none, why (`noPath`, also the warning) and the nearest reachable people
  /// at the target.
  static func make(
    _ g: Graph, from source: PersonID, target resolved: GraphCore.Target, found: [StrongestPath], k: Int,
    maxHops: Int?, disjoint: Bool, anyFirstHop: Bool, classifier: TieClassifier
  ) -> PathAnswer {
    let shown = Target(kind: resolved.kind.rawValue, name: resolved.name, people: resolved.people.count)
    var answer = PathAnswer(
      from: IntroductionChains.person(source, g), target: shown, k: k, maxHops: maxHops, disjoint: disjoint,
      paths: found.map { IntroductionChains.make($0, g, classifier) }, noPath: nil, nearest: [])
    if found.isEmpty {
      answer.nearest = IntroductionChains.nearest(g, from: source, targets: resolved.people, limit: 3)
      answer.noPath = noPathMessage(
        g, from: source, target: shown, nearest: answer.nearest, maxHops: maxHops, anyFirstHop: anyFirstHop)
    }
    return answer
  }

  /// Why there is no chain, and what to try.
  static func noPathMessage(
    _ g: Graph, from source: PersonID, target: Target, nearest: [Nearest], maxHops limit: Int?, anyFirstHop: Bool
  ) -> String {
    let who = target.kind == "person" ? target.name : "anyone \(target.kind == "company" ? "at" : "in") \(target.name)"
    var message = "No introduction chain from \(g.people.name(of: source)) to \(who)"
    message += limit.map { " within \(TextFormat.count($0, "hop"))" } ?? ""
    message += anyFirstHop ? "." : " starting with a usable tie (strong, weak, unrated or formerly strong)."
    if let n = nearest.first {
      message +=
        " The nearest reachable: \(n.person.name) at \(TextFormat.count(n.hops, "hop")) (strength \(fixed(n.strength, 4)))"
        + (limit.map { n.hops > $0 ? "; try --max-hops \(n.hops)" : "" } ?? "")
        + (anyFirstHop ? "" : " or --any-first-hop") + "."
    } else {
      message +=
        (target.kind == "person" ? " \(target.name) is" : " Nobody there is")
        + " not connected to \(g.people.name(of: source))'s network at all."
    }
    return message
  }
}

extension PairPathsAnswer {
  /// `from,to,cost,strength,hops,people` per pair (people as ids separated by spaces).
  func csv() -> String {
    var t = CSVTable(["from", "to", "cost", "strength", "hops", "people"])
    for r in pairs {
      t.add([
        .text(r.from), .text(r.to), .number(r.cost), .number(r.strength), .int(r.hops),
        .text(r.people.joined(separator: " ")),
      ])
    }
    return t.text
  }
}
