import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

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
    return .init(
      from: g.people.id(of: a), to: g.people.id(of: b), strength: Double(g.strength(between: a, and: b) ?? 0),
      tieClass: g.tieClass(t, classifier: classifier).rawValue, lastContact: g.ties.lastContact(t)?.iso,
      since: g.ties.since(t)?.iso, kind: g.ties.kind(t), interactions: g.ties.interactions(t),
      inferred: g.ties.isInferred(t))
  }

  /// One plain sentence a person would act on.
  static func sentence(_ g: Graph, _ p: StrongestPath, _ evidence: [PathAnswer.Hop]) -> String {
    func name(_ x: PersonID) -> String {
      let n = g.people.name(of: x)
      let c = g.people.company(of: x)
      return c.isEmpty ? n : "\(n) at \(c)"
    }
    func describe(_ h: PathAnswer.Hop) -> String {
      var parts = ["\(h.tieClass) tie"]
      if let d = h.lastContact { parts.append("last contact \(d)") }
      if let k = h.kind { parts.append(k.replacingOccurrences(of: "-", with: " ")) }
      if h.inferred { parts.append("inferred") }
      return parts.joined(separator: ", ")
    }
    let people = p.people
    if p.hops == 1 {
      return "You know \(name(people[1])) directly (\(describe(evidence[0]))): reach out yourself."
    }
    var s = "Ask \(name(people[1])) (your \(describe(evidence[0]))) to introduce you to \(name(people[2]))"
    if p.hops > 2 {
      for i in 3..<people.count { s += ", who can introduce you to \(name(people[i]))" }
    }
    let w = p.weakestHop
    s += "; the weakest link is \(g.people.name(of: people[w])) – \(g.people.name(of: people[w + 1]))"
    s += " (strength \(fixed(p.strengths[w], 2)), \(evidence[w].tieClass))"
    s += "; overall strength \(fixed(p.strength, 3))."
    return s
  }

  static func make(_ s: StrongestPath, _ g: Graph, _ classifier: TieClassifier) -> PathAnswer.Path {
    let evidence = (0..<s.hops).map { hop(g, s.people[$0], s.people[$0 + 1], classifier) }
    return .init(
      people: s.people.map { person($0, g) }, strengths: s.strengths, strength: s.strength, cost: s.cost, hops: s.hops,
      weakestHop: s.weakestHop, evidence: evidence, sentence: sentence(g, s, evidence))
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
    let to = target.kind == "person" ? target.name : "\(target.name) (\(target.people) \(target.people == 1 ? "person" : "people"))"
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
    out += maxHops.map { ", at most \($0) hops" } ?? ""
    out += disjoint ? ", sharing no broker" : ""
    out += ":\n"
    for (i, p) in paths.enumerated() {
      out += "\n\(i + 1). strength \(fixed(p.strength, 4)) over \(p.hops) hop\(p.hops == 1 ? "" : "s")\n"
      var t = TextTable(["", "person", "company", "tie", "strength", "last contact", "how"], rightAligned: [4])
      t.add(["", String(p.people[0].name.prefix(28)), String(p.people[0].company.prefix(24)), "", "", "", ""])
      for (h, e) in p.evidence.enumerated() {
        let who = p.people[h + 1]
        let mark = h == p.weakestHop && p.hops > 1 ? "weakest" : ""
        t.add([
          "→", String(who.name.prefix(28)), String(who.company.prefix(24)), e.tieClass + (e.inferred ? " (inferred)" : ""),
          fixed(e.strength, 2) + (mark.isEmpty ? "" : " ←"), e.lastContact ?? "-", e.kind ?? "-",
        ])
      }
      out += t.render()
      out += wrapped(p.sentence, width: 100, indent: "   ")
    }
    return out
  }

  /// Word-wraps prose for a terminal.
  func wrapped(_ text: String, width: Int, indent: String) -> String {
    var out = ""
    var line = indent
    for word in text.split(separator: " ") {
      if line.count > indent.count && line.count + 1 + word.count > width {
        out += line + "\n"
        line = indent
      }
      line += (line.count > indent.count ? " " : "") + word
    }
    return out + line + "\n"
  }

  func csv() -> String {
    var rows = ["path,position,id,name,company,hopStrength,tieClass,lastContact,kind,inferred,pathStrength,cost,hops\n"]
    for (i, p) in paths.enumerated() {
      for (j, person) in p.people.enumerated() {
        let e = j > 0 ? p.evidence[j - 1] : nil
        rows.append(
          CSVEscaping.row([
            "\(i + 1)", "\(j)", person.id, person.name, person.company, e.map { "\($0.strength)" } ?? "",
            e?.tieClass ?? "", e?.lastContact ?? "", e?.kind ?? "", e.map { "\($0.inferred)" } ?? "",
            "\(p.strength)", "\(p.cost)", "\(p.hops)",
          ]))
      }
    }
    return rows.joined()
  }
}

struct PathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path",
    abstract: "The strongest chains of introductions to a person, a company or an industry.",
    discussion: """
      A chain's strength is the product of its ties' strengths (the chance it works if every
      introduction succeeds independently); the k strongest loopless chains are listed (Yen),
      ties broken by fewer hops, then by person id. The first hop must be a tie you can use:
      strong, weak, unrated, or dormant but formerly strong (never nominal or one-sided).
      Each chain shows every hop's evidence, the weakest link and one sentence to act on.
      --disjoint lists alternatives that share no broker. With no chain, the nearest
      reachable people at the target are named.

      Examples:
        liaison path datasets/team/people.csv datasets/team/ties.csv --from "Mary Reed" --to-company "Acme"
        liaison path people.csv ties.csv --from 42 --to 7 --k 5 --max-hops 4
        liaison path people.csv ties.csv --from me@example.com --to-industry Insurance --disjoint
        liaison path edges.csv --pairs pairs.csv --format csv     (strongest chain per from,to row)
        liaison path people.csv ties.csv --from 42 --to 7 --svg chains.svg   (also draw the chains)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var picture: SVGOption

  @Option(help: "The person asking: an id, email, profile URL or exact name.")
  var from: String?

  @Option(help: "The person to reach.")
  var to: String?

  @Option(
    name: .customLong("to-company"),
    help: "Reach anyone at this company (case, accents, punctuation, legal forms ignored; word starts suffice).")
  var toCompany: String?

  @Option(
    name: .customLong("to-industry"),
    help: "Reach anyone in this industry (case, accents, punctuation ignored; word starts suffice).")
  var toIndustry: String?

  @Option(parsing: .unconditional, help: "Number of chains.")
  var k: Int = 3

  @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Longest chain in hops (0 = no limit).")
  var maxHops: Int = 3

  @Flag(help: "Alternatives that share no broker.")
  var disjoint = false

  @Flag(name: .customLong("any-first-hop"), help: "Allow any of your ties as the first hop (nominal, one-sided).")
  var anyFirstHop = false

  @Option(help: "A CSV file of from,to person references: the strongest chain for each row (no hop limit).")
  var pairs: String?

  func validate() throws {
    if pairs == nil {
      if from == nil { throw ValidationError("Give --from PERSON (or --pairs FILE).") }
      let n = [to, toCompany, toIndustry].compactMap { $0 }.count
      if n != 1 { throw ValidationError("Give exactly one of --to, --to-company, --to-industry.") }
    }
    if k < 1 { throw ValidationError("--k must be at least 1.") }
    if maxHops < 0 { throw ValidationError("--max-hops must be 0 (no limit) or more.") }
  }


  func run() throws {
    let loaded = try input.load(writing: [output.output, picture.svg], alsoReading: [pairs])
    let g = loaded.graph
    if let pairs { return try runPairs(g, file: pairs) }
    let classifier = input.classifier
    let source = try PersonReference.resolve(from!, in: g, option: "--from")
    let resolved = try TargetReference.chainTarget(
      from: source, to: to, toCompany: toCompany, toIndustry: toIndustry, in: g)
    let targets = resolved.people
    let target = PathAnswer.Target(kind: resolved.kind.rawValue, name: resolved.name, people: targets.count)
    let limit = maxHops == 0 ? nil : maxHops
    var search = PathSearch(g)
    let found = search.strongestPaths(
      from: source, to: targets,
      query: PathQuery(k: k, maxHops: limit, disjoint: disjoint, firstHop: anyFirstHop ? .any : .usable(classifier)))
    var answer = PathAnswer(
      from: IntroductionChains.person(source, g), target: target, k: k, maxHops: limit, disjoint: disjoint,
      paths: found.map { IntroductionChains.make($0, g, classifier) }, noPath: nil, nearest: [])
    if found.isEmpty {
      let nearest = IntroductionChains.nearest(g, from: source, targets: targets, limit: 3)
      let who = target.kind == "person" ? target.name : "anyone \(target.kind == "company" ? "at" : "in") \(target.name)"
      var message = "No introduction chain from \(g.people.name(of: source)) to \(who)"
      message += limit.map { " within \($0) hops" } ?? ""
      message += anyFirstHop ? "." : " starting with a usable tie (strong, weak, unrated or formerly strong)."
      if let n = nearest.first {
        message +=
          " The nearest reachable: \(n.person.name) at \(n.hops) hops (strength \(fixed(n.strength, 4)))"
          + (limit.map { n.hops > $0 ? "; try --max-hops \(n.hops)" : "" } ?? "")
          + (anyFirstHop ? "" : " or --any-first-hop") + "."
      } else {
        message +=
          (target.kind == "person" ? " \(target.name) is" : " Nobody there is")
          + " not connected to \(g.people.name(of: source))'s network at all."
      }
      answer.noPath = message
      answer.nearest = nearest
      Terminal.warn(message)
    }
    switch output.format {
    case .table: try output.emit(answer.table())
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(answer.csv())
    }
    if found.isEmpty { throw ExitCode.failure }
    if let svg = picture.svg {
      var o = picture.viewOptions
      o.classifier = classifier
      try Drawing.write(.path(g, paths: found, options: o), to: svg)
    }
  }

  /// Many single queries: one reusable search (bidirectional Dijkstra).
  func runPairs(_ g: Graph, file: String) throws {
    let list: [ReferenceLists.Pair]
    do { list = try ReferenceLists.pairs(path: file) } catch {
      Terminal.error("cannot read the pairs file: \(error)")
      throw ExitCode.failure
    }
    var search = PathSearch(g)
    var rows: [PairPathsAnswer.Row] = []
    for pair in list {
      let a = try PersonReference.resolve(pair.from, in: g, option: "\(file) line \(pair.line)")
      let b = try PersonReference.resolve(pair.to, in: g, option: "\(file) line \(pair.line)")
      let p = search.strongestPath(from: a, to: b)
      rows.append(
        .init(
          from: pair.from, to: pair.to, people: p?.people.map { g.people.id(of: $0) } ?? [], strength: p?.strength,
          cost: p?.cost, hops: p?.hops))
    }
    let answer = PairPathsAnswer(pairs: rows)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .table, .csv:
      var out = ["from,to,cost,strength,hops,people\n"]
      for r in rows {
        out.append(
          CSVEscaping.row([
            r.from, r.to, r.cost.map { "\($0)" } ?? "", r.strength.map { "\($0)" } ?? "", r.hops.map { "\($0)" } ?? "",
            r.people.joined(separator: " "),
          ]))
      }
      try output.emit(out.joined())
    }
  }
}
