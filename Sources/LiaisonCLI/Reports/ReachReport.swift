import GraphAlgorithms
import GraphCore
import GraphIO

/// The JSON answer of `liaison reach --ego`.
struct ReachAnswer: Codable {
  struct Contact: Codable {
    var id: String
    var name: String
    var company: String
    var tieClass: String
    var strength: Double
    var secondDegree: Int
    var uniqueReach: Int
    var mutualContacts: Int
    var jobValue: Double
    var inferred: Bool
    var reopens: Int?
    /// The interaction-log entry that is evidence for the tie (`log #12`); absent when none.
    var logged: String? = nil
  }
  struct Cover: Codable {
    var fraction: Double
    var contacts: [PersonReference.Ref]
    var covered: Int
    var universe: Int
    var atMost: Int
    var gains: [Int]
  }
  struct Group: Codable {
    var name: String
    var contacts: Int
    var secondDegree: Int
    var onlyThroughWeakTies: Bool
  }
  struct Door: Codable {
    var via: PersonReference.Ref
    var reaches: [PersonReference.Ref]
    var pathStrength: Double
    var direct: Bool
  }
  struct Target: Codable {
    var target: String
    var kind: String
    var people: Int
    var doors: [Door]
  }
  var ego: PersonReference.Ref
  var firstDegree: Int
  var secondDegree: Int
  var reach: Int
  var weakReach: Int
  var weakOnlyReach: Int
  var effectiveSize: Double?
  var efficiency: Double?
  var constraint: Double?
  var contactsByClass: [String: Int]
  var contacts: [Contact]
  var cover: Cover
  var dormant: [Contact]
  var companies: [Group]
  var industries: [Group]
  var targets: [Target]?
  var inferredContacts: Int
  var unratedContacts: Int
  var notes: [String]
}

/// The JSON answer of `liaison reach --all`.
struct ReachAllAnswer: Codable {
  struct Row: Codable {
    var id: String
    var firstDegree: Int
    var secondDegree: Int
  }
  var people: [Row]
}

extension ReachAnswer {
  /// The answer for one ego (shared with `liaison batch`); `cover` is the fraction asked for.
  static func make(
    _ g: Graph, _ r: EgoReach, _ burt: BurtMeasures, _ targets: [ReachAnswer.Target]?, cover: Double
  ) -> ReachAnswer {
    func contact(_ c: ContactReach) -> ReachAnswer.Contact {
      ReachAnswer.Contact(
        id: g.people.id(of: c.person), name: g.people.name(of: c.person), company: g.people.company(of: c.person),
        tieClass: c.tieClass.rawValue, strength: c.strength, secondDegree: c.secondDegree, uniqueReach: c.uniqueReach,
        mutualContacts: c.mutualContacts, jobValue: c.jobValue, inferred: c.inferred,
        reopens: c.tieClass == .dormant ? c.reopens : nil, logged: LoggedEvidence.entry(g, r.ego, c.person))
    }
    func group(_ x: GroupReach) -> ReachAnswer.Group {
      ReachAnswer.Group(
        name: x.name, contacts: x.direct, secondDegree: x.secondDegree, onlyThroughWeakTies: !x.throughStrongTie)
    }
    var notes: [String] = []
    let logged = r.contacts.compactMap { c in
      LoggedEvidence.entry(g, r.ego, c.person).map { (c, $0) }
    }
    if !logged.isEmpty {
      let shown = logged.prefix(5).map { c, entry in
        let t = g.tieID(between: r.ego, and: c.person)
        let last = t.flatMap { g.ties.lastContact($0) }.map { ", last contact \($0.iso)" } ?? ""
        return "\(g.people.name(of: c.person)) (\(entry), \(c.tieClass.rawValue) tie\(last))"
      }
      notes.append(
        "Logged interactions are evidence for \(TextFormat.count(logged.count, "tie")): "
          + shown.joined(separator: "; ") + (logged.count > 5 ? "; …" : "") + ".")
    }
    if r.inferredContacts > 0 {
      notes.append(
        "\(grouped(r.inferredContacts)) of the contacts \(r.inferredContacts == 1 ? "is" : "are") joined by inferred "
          + "ties; the figures rest on them in part.")
    }
    if r.unratedContacts == r.firstDegree && r.firstDegree > 0 {
      notes.append(
        "No tie has a strength or evidence, so the weak/strong split (weakReach, weakOnlyReach) cannot be made.")
    }
    if r.cover.universe == 0 {
      notes.append(
        "Nobody is two steps away: everyone this person reaches is a direct contact (or there is nobody), "
          + "so there is no second-degree reach to cover.")
    } else {
      notes.append(
        "The cover is greedy: at most \(TextFormat.count(r.cover.contacts.count, "contact")) "
          + "\(r.cover.contacts.count == 1 ? "reaches" : "reach") \(Int((cover * 100).rounded())) % "
          + "of the second-degree reach; a smaller set may exist.")
    }
    return ReachAnswer(
      ego: PersonReference.ref(r.ego, in: g), firstDegree: r.firstDegree, secondDegree: r.secondDegree,
      reach: r.firstDegree + r.secondDegree, weakReach: r.weakReach, weakOnlyReach: r.weakOnlyReach,
      effectiveSize: burt.effectiveSize, efficiency: burt.efficiency, constraint: burt.constraint,
      contactsByClass: r.contactsByClass, contacts: r.contacts.map(contact),
      cover: ReachAnswer.Cover(
        fraction: r.cover.fraction, contacts: r.cover.contacts.map { PersonReference.ref($0, in: g) },
        covered: r.cover.covered, universe: r.cover.universe, atMost: r.cover.contacts.count,
        gains: Array(r.cover.gains.prefix(r.cover.contacts.count))),
      dormant: r.dormant.map(contact), companies: r.companies.map(group), industries: r.industries.map(group),
      targets: targets, inferredContacts: r.inferredContacts, unratedContacts: r.unratedContacts, notes: notes)
  }

  /// Aligned text for a terminal, each list cut to `top` rows.
  func table(top: Int) -> String {
    let a = self
    var out = "Reach of \(a.ego.name)\n\n"
    let classes = TieClass.allCases.compactMap { c in
      a.contactsByClass[c.rawValue].map { "\(grouped($0)) \(c.rawValue)" }
    }
    out += "  \(TextFormat.count(a.firstDegree, "contact")) (\(classes.joined(separator: ", ")))\n"
    if a.unratedContacts == a.firstDegree {
      out +=
        "  \(TextFormat.count(a.secondDegree, "person", plural: "people")) two steps away "
        + "(tie strengths unknown, so no weak/strong split)\n"
    } else {
      out +=
        "  \(TextFormat.count(a.secondDegree, "person", plural: "people")) two steps away; "
        + "\(grouped(a.weakReach)) through weak ties, "
        + "\(grouped(a.weakOnlyReach)) only through weak or dormant ties\n"
    }
    if let es = a.effectiveSize, let c = a.constraint {
      out +=
        "  effective size \(fixed(es, 1)) of \(a.firstDegree) (distinct circles), constraint \(fixed(c, 3)) (lower = more brokerage)\n"
    }
    out += "\n"
    if a.cover.universe > 0 {
      out +=
        (a.cover.atMost == 1 ? "This contact opens " : "These \(TextFormat.count(a.cover.atMost, "contact")) open ")
        + "\(TextFormat.percent(a.cover.covered, of: a.cover.universe)) of your second-degree reach "
        + "(greedy: at most \(grouped(a.cover.atMost)) \(a.cover.atMost == 1 ? "is" : "are") needed):\n"
      var t = TextTable(["#", "contact", "company", "opens"], rightAligned: [0, 3])
      for (i, p) in a.cover.contacts.prefix(top).enumerated() {
        let company = a.contacts.first { $0.id == p.id }?.company ?? ""
        t.add(["\(i + 1)", p.name, company, "+\(grouped(a.cover.gains[i]))"])
      }
      out += t.render()
      if a.cover.atMost > top { out += "  … and \(a.cover.atMost - top) more (--top, or --format json)\n" }
      out += "\n"
    }
    out += "Contacts who open the most that nobody else does:\n"
    var c = TextTable(
      ["contact", "company", "tie", "strength", "only via them", "2nd degree", "job value"], rightAligned: [3, 4, 5, 6])
    for x in a.contacts.prefix(top) {
      c.add([
        x.name + (x.inferred ? " (inferred)" : ""), x.company, x.tieClass, fixed(x.strength, 2), grouped(x.uniqueReach),
        grouped(x.secondDegree), fixed(x.jobValue, 2),
      ])
    }
    out += c.render()
    if !a.contacts.isEmpty {
      out += TextFormat.wrap(
        "only via them: people two steps away whom no other contact reaches. 2nd degree: people two steps away "
          + "this contact knows. job value: a ranking heuristic for news of jobs (Granovetter), highest for a weak "
          + "tie with about 10 mutual contacts: (m/10)·e^(1 − m/10)·(1 − strength), m the mutual contacts; "
          + "0 to 1, never a probability.",
        width: TextTable.proseWidth(100), indent: "  ")
    }
    out += "\n"
    if !a.dormant.isEmpty {
      out += "Reconnect first — dormant ties by the reach they would reopen:\n"
      var d = TextTable(["contact", "company", "reopens", "2nd degree"], rightAligned: [2, 3])
      for x in a.dormant.prefix(top) { d.add([x.name, x.company, grouped(x.reopens ?? 0), grouped(x.secondDegree)]) }
      out += d.render() + "\n"
    }
    if !a.companies.isEmpty {
      out += "Companies within two steps:\n"
      var t = TextTable(["company", "contacts", "2nd degree", "only via weak ties"], rightAligned: [1, 2])
      for x in a.companies.prefix(top) {
        t.add([x.name, grouped(x.contacts), grouped(x.secondDegree), x.onlyThroughWeakTies ? "yes" : ""])
      }
      out += t.render()
      let weakOnly = a.companies.filter(\.onlyThroughWeakTies).count
      out +=
        "  \(TextFormat.count(a.companies.count, "company", plural: "companies")) in all; \(grouped(weakOnly)) "
        + "reachable only through weak or dormant ties.\n\n"
    }
    for target in a.targets ?? [] {
      out +=
        "Doors to \(target.target) (\(target.kind), \(TextFormat.count(target.people, "person", plural: "people"))):\n"
      if target.doors.isEmpty { out += "  no one within two steps\n" }
      for d in target.doors {
        out +=
          "  \(d.via.name)\(d.direct ? " (works there)" : " → \(d.reaches.prefix(3).map(\.name).joined(separator: ", "))")"
          + "  path strength \(fixed(d.pathStrength, 2))\n"
      }
      out += "\n"
    }
    for note in a.notes { out += "Note: \(note)\n" }
    return out
  }

  /// Every contact: `id,name,company,tieClass,strength,…,inCover`.
  func csv() -> String {
    let a = self
    var text = CSVTable([
      "id", "name", "company", "tieClass", "strength", "secondDegree", "uniqueReach", "mutualContacts", "jobValue",
      "inferred", "inCover",
    ])
    let coverIDs = Set(a.cover.contacts.map(\.id))
    for c in a.contacts {
      text.add([
        .text(c.id), .text(c.name), .text(c.company), .text(c.tieClass), .number(c.strength), .int(c.secondDegree),
        .int(c.uniqueReach), .int(c.mutualContacts), .number(c.jobValue), .flag(c.inferred),
        .flag(coverIDs.contains(c.id)),
      ])
    }
    return text.text
  }
}

extension ReachAnswer {
  /// The best doors from `ego` to each target of the list at `file` (company
  /// or person reference, one per line or a CSV `target` column): `Graph.doors`.
  static func targetDoors(_ g: Graph, ego: PersonID, list file: String) throws -> [Target] {
    try TargetReference.readList(file).map { line in
      let target = try TargetReference.resolveListEntry(line, in: g, list: file)
      return ReachAnswer.Target(
        target: line, kind: target.kind.rawValue, people: target.people.count,
        doors: g.doors(from: ego, to: target.people, limit: 5).map { door in
          ReachAnswer.Door(
            via: PersonReference.ref(door.via, in: g), reaches: door.reaches.map { PersonReference.ref($0, in: g) },
            pathStrength: door.pathStrength, direct: door.direct)
        })
    }
  }
}

extension ReachAllAnswer {
  /// Every person's first and second degree.
  static func make(_ g: Graph, _ reach: TwoHopReach) -> ReachAllAnswer {
    ReachAllAnswer(
      people: (0..<g.personCount).map {
        Row(
          id: g.people.id(of: PersonID($0)), firstDegree: Int(reach.firstDegree[$0]),
          secondDegree: Int(reach.secondDegree[$0]))
      })
  }

  /// `id,firstDegree,secondDegree` for everyone.
  /// - Complexity: O(V).
  static func csv(_ g: Graph, _ reach: TwoHopReach) -> String {
    var text = "id,firstDegree,secondDegree\n"
    text.reserveCapacity(g.personCount * 24)
    for p in 0..<g.personCount {
      text += CSVEscaping.field(g.people.id(of: PersonID(p))) + ",\(reach.firstDegree[p]),\(reach.secondDegree[p])\n"
    }
    return text
  }

  /// The `top` people with the widest second-degree reach.
  static func table(_ g: Graph, _ reach: TwoHopReach, top: Int) -> String {
    let order = (0..<g.personCount).sorted {
      (reach.secondDegree[$0], -$0) > (reach.secondDegree[$1], -$1)
    }
    var t = TextTable(["person", "company", "contacts", "2nd degree"], rightAligned: [2, 3])
    for p in order.prefix(top) {
      t.add([
        g.people.name(of: PersonID(p)), g.people.company(of: PersonID(p)), grouped(Int(reach.firstDegree[p])),
        grouped(Int(reach.secondDegree[p])),
      ])
    }
    return "Widest second-degree reach (top \(min(top, g.personCount)) of \(grouped(g.personCount)); "
      + "--format csv for everyone)\n\n" + t.render()
  }
}
