import Foundation
import GraphAlgorithms
import GraphCore
import Workspace

/// The week's plan as people and programs read it (`liaison plan`, the
/// batch report, the demo): each action with a sentence, its evidence and
/// the `liaison log` command that records it as done.
struct PlanAnswer: Codable, Equatable {
  struct Action: Codable, Equatable {
    /// Short and stable (from `key`): what `liaison plan --dismiss ID` takes.
    var id: String
    var key: String
    var part: String
    var kind: String
    var people: [PersonReference.Ref]
    var sentence: String
    var evidence: [String]
    var command: String
    var due: String?
    var score: Double
    var target: String?
    /// For asks: gives and asks logged with the door.
    var gives: Int?
    var asks: Int?
  }
  var ego: PersonReference.Ref
  var today: String
  var weekEnd: String
  var budget: Int
  var actions: [Action]
  /// Candidates per part before the budget.
  var candidates: [String: Int]
  var onCadence: Int
  var dueThisWeek: Int
  var notes: [String]
}

/// Builds the plan request from the workspace and the plan answer from the plan.
enum PlanReport {
  /// The cadence rules in force: the stored ones over the defaults. O(rules).
  static func rules(_ stored: [StoredCadence], graph g: Graph) -> CadenceRules {
    var rules = CadenceRules()
    for c in stored {
      switch c.scope {
      case .class: rules.byClass[c.key] = c.days
      case .tag: rules.byTag[c.key] = c.days
      case .company: rules.byCompany[c.key] = c.days
      case .person: if let p = g.people.person(stableKey: c.key) { rules.byPerson[p] = c.days }
      }
    }
    return rules
  }

  /// The log in force, people resolved in `g` (people no longer in it left out). O(log).
  static func log(_ entries: [StoredInteraction], graph g: Graph) -> [PlanLogEntry] {
    entries.compactMap { e in
      guard let date = Day(parsing: e.date) else { return nil }
      return PlanLogEntry(
        id: Int(e.id), date: date, kind: e.kind, direction: e.direction,
        people: e.people.compactMap { g.people.person(stableKey: $0) },
        followUp: e.followUp.flatMap { Day(parsing: $0) }, note: e.note)
    }
  }

  /// Job changes the workspace saw between exports, as reasons to offer help. O(changes).
  static func help(_ changes: WorkspaceChanges?, graph g: Graph) -> [PlanHelpSignal] {
    guard let changes else { return [] }
    var out: [PlanHelpSignal] = []
    for pair in changes.exports {
      for c in pair.changes.jobChanges {
        guard let p = g.people.person(stableKey: c.person.key) else { continue }
        let from = c.oldCompany.isEmpty ? "" : " from \(c.oldCompany)"
        let to = c.person.company.isEmpty ? "" : " to \(c.person.company)"
        out.append(
          PlanHelpSignal(person: p, what: "changed jobs\(from)\(to) (export of \(pair.importedAt.prefix(10)))"))
      }
    }
    return out
  }

  /// A short, stable id for an action key: 8 hex digits of its FNV-1a hash.
  static func shortID(_ key: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).suffix(8))
  }

  /// A word a shell passes through as it is: single-quoted unless plain.
  static func shellWord(_ s: String) -> String {
    let plain =
      !s.isEmpty
      && s.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_.@:/+".unicodeScalars.contains($0))
      }
    return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// How a command names `p`: the name when it is unique and has no control
  /// characters (a line break would split the command), else the id.
  static func reference(_ p: PersonID, in g: Graph) -> String {
    let name = g.people.name(of: p)
    if !name.unicodeScalars.contains(where: { TextTable.actsOnTerminal($0.value) }),
      case .person = g.people.resolve(name)
    {
      return name
    }
    return g.people.id(of: p)
  }

  static func names(_ people: [PersonID], in g: Graph, max shown: Int = 3) -> String {
    let list = people.prefix(shown).map { g.people.name(of: $0) }
    let rest = people.count - list.count
    let joined =
      list.count <= 1
      ? list.joined() : list.dropLast().joined(separator: ", ") + (rest > 0 ? ", " : " and ") + list.last!
    return rest > 0 ? "\(joined) and \(rest) more" : joined
  }

  static func withCompany(_ p: PersonID, in g: Graph) -> String {
    let c = g.people.company(of: p)
    return c.isEmpty ? g.people.name(of: p) : "\(g.people.name(of: p)) (\(c))"
  }

  /// The answer for `plan`, in the words of Guides/Plan.md. O(actions).
  static func answer(_ plan: NetworkingPlan, graph g: Graph, notes: [String] = []) -> PlanAnswer {
    let today = plan.today
    let actions = plan.actions.map { a -> PlanAnswer.Action in
      let (sentence, evidence, note) = words(a, g: g, today: today)
      var command = "liaison log " + a.people.map { shellWord(reference($0, in: g)) }.joined(separator: " ")
      command += " --kind \(a.logKind) --date \(today.iso)"
      if let note { command += " --note \(shellWord(note))" }
      return PlanAnswer.Action(
        id: shortID(a.key), key: a.key, part: a.part.rawValue, kind: a.kind.rawValue,
        people: a.people.map { PersonReference.ref($0, in: g) }, sentence: sentence, evidence: evidence,
        command: command, due: a.due?.iso, score: (a.score * 1e6).rounded() / 1e6, target: a.target, gives: a.gives,
        asks: a.asks)
    }
    return PlanAnswer(
      ego: PersonReference.ref(plan.ego, in: g), today: today.iso, weekEnd: plan.weekEnd.iso, budget: plan.budget,
      actions: actions, candidates: plan.candidates, onCadence: plan.onCadence, dueThisWeek: plan.dueThisWeek,
      notes: notes)
  }

  static func ago(_ d: Day, _ today: Day) -> String {
    let n = d.days(until: today)
    return n == 0 ? "today" : n > 0 ? "\(TextFormat.count(n, "day")) ago" : "in \(TextFormat.count(-n, "day"))"
  }

  /// The sentence, the evidence lines and the log note of one action.
  static func words(_ a: PlanAction, g: Graph, today: Day) -> (String, [String], String?) {
    var ev: [String] = []
    let first = a.people.first.map { g.people.name(of: $0) } ?? ""
    func balance() {
      if let gives = a.gives, let asks = a.asks { ev.append("with them so far: gave \(gives), asked \(asks)") }
    }
    switch a.kind {
    case .reconnect:
      let dormant = a.tieClass == .dormant
      if let last = a.lastContact {
        ev.append("last contact \(last.iso) (\(ago(last, today)))")
      } else {
        ev.append("no contact on record")
      }
      if let days = a.cadenceDays, let rule = a.cadenceRule {
        ev.append("keep in touch every \(days) days (\(rule))" + (a.due.map { ", due \($0.iso)" } ?? ""))
      }
      if let u = a.uniqueReach, u > 0 {
        ev.append(
          "opens \(TextFormat.count(u, "person", plural: "people")) no other contact of yours reaches"
            + (a.inCover == true ? " (one of the few who cover 80\u{00A0}% of your reach)" : ""))
      }
      if let doors = a.doorTo, !doors.isEmpty { ev.append("a door to " + doors.joined(separator: ", ")) }
      if let s = a.strength, let c = a.tieClass { ev.append("tie \(c.rawValue), strength \(fixed(s, 2))") }
      let who = withCompany(a.people[0], in: g)
      return (dormant ? "Revive your dormant tie with \(who)" : "Reconnect with \(who)", ev, nil)
    case .introduce:
      ev += a.reasons ?? []
      return (
        "Introduce \(withCompany(a.people[0], in: g)) and \(withCompany(a.people[1], in: g))", ev, nil
      )
    case .group:
      let n = a.people.count
      ev.append("\(TextFormat.count(a.missingTies ?? 0, "pair")) of the \(n * (n - 1) / 2) among them not yet tied")
      ev.append("all: " + a.people.map { g.people.name(of: $0) }.joined(separator: ", "))
      return (
        "Invite \(names(a.people, in: g)) together — they share \(a.shared ?? "")", ev,
        "group: \(a.shared ?? "")"
      )
    case .help:
      ev += a.reasons ?? []
      return ("Offer help to \(withCompany(a.people[0], in: g))", ev, nil)
    case .ask:
      let target = a.target ?? ""
      if let s = a.pathStrength { ev.append("warmest path to \(target): strength \(fixed(s, 2))") }
      if let d = a.lastTwoWay { ev.append("last two-way contact \(d.iso) (\(ago(d, today)))") }
      if let d = a.lastGive { ev.append("last give \(d.iso)") }
      balance()
      return ("Ask \(first) for an introduction to \(target)", ev, "introduction to \(target)")
    case .giveFirst:
      let target = a.target ?? ""
      ev.append(
        "\(first) is your warmest door to \(target), but rapport is missing: "
          + (a.missing ?? []).joined(separator: "; "))
      ev += (a.reasons ?? []).map { "a give that would do: \($0)" }
      balance()
      let sentence =
        a.logKind == "met"
        ? "Meet \(first) (a call or coffee) before asking about \(target)"
        : "Give \(first) something first (an introduction, a lead, your help) before asking about \(target)"
      return (sentence, ev, nil)
    case .followUp:
      if let id = a.logEntry { ev.append("you planned it with log #\(id)" + (a.due.map { " for \($0.iso)" } ?? "")) }
      if let note = a.note, !note.isEmpty { ev.append("note: \(note)") }
      return ("Follow up with \(names(a.people, in: g))", ev, nil)
    }
  }

  static let partTitles: [(String, String)] = [
    ("follow-up", "Follow up"), ("reconnect", "Reconnect"), ("give", "Give"), ("ask", "Ask"),
  ]

  /// Lines for people: the week, then each part's actions with their evidence and command.
  static func table(_ a: PlanAnswer) -> String {
    var out = wrap(
      "Plan for \(a.ego.name), week \(a.today) to \(a.weekEnd): \(TextFormat.count(a.actions.count, "action")) "
        + "(budget \(a.budget)); \(a.dueThisWeek) of \(a.onCadence) contacts on a clock due this week.", indent: "")
    for note in a.notes { out += "note: \(note)\n" }
    for (part, title) in partTitles {
      let list = a.actions.filter { $0.part == part }
      guard !list.isEmpty else { continue }
      out += "\n\(title)\n"
      for x in list {
        out += wrap("  [\(x.id)] \(x.sentence)", indent: "             ")
        for e in x.evidence { out += wrap("      · \(e)", indent: "        ") }
        // The command stays on one line, to be copied.
        out += "      done: \(x.command)\n"
      }
    }
    if a.actions.isEmpty {
      out += "\nNothing to do this week: nobody is due, and there is nothing new to give or ask.\n"
    } else {
      out += "\nDrop a suggestion for good: liaison plan --dismiss ID\n"
    }
    return out
  }

  /// `text` broken at spaces into lines of at most `width` columns, the
  /// lines after the first indented; a word longer than a line stays whole.
  static func wrap(_ text: String, indent: String, width: Int = 80) -> String {
    let lead = String(text.prefix { $0 == " " })
    var out = ""
    var line = lead
    for word in text.dropFirst(lead.count).split(separator: " ") {
      let candidate = line == lead ? line + word : line + " " + word
      if TextTable.displayWidth(candidate) > width && line != lead {
        out += line + "\n"
        line = indent + word
      } else {
        line = candidate
      }
    }
    return out + line + "\n"
  }

  /// One row per action.
  static func csv(_ a: PlanAnswer) -> String {
    var t = CSVTable(["id", "part", "kind", "people", "sentence", "evidence", "command", "due", "score", "target"])
    for x in a.actions {
      t.add([
        .text(x.id), .text(x.part), .text(x.kind), .text(x.people.map(\.name).joined(separator: "; ")),
        .text(x.sentence), .text(x.evidence.joined(separator: "; ")), .text(x.command),
        x.due.map { .text($0) } ?? .empty, .number(x.score), x.target.map { .text($0) } ?? .empty,
      ])
    }
    return t.text
  }

  /// A Markdown checklist; names are escaped so they cannot format the page
  /// (inline markup and raw HTML; every text follows a list marker).
  static func markdown(_ a: PlanAnswer) -> String {
    func md(_ s: String) -> String {
      var out = ""
      for ch in s {
        // Inline markup only: every text follows a list marker or a heading's `#`.
        if "\\`*_[]<>|~".contains(ch) { out.append("\\") }
        out.append(ch == "\n" || ch == "\r" ? " " : ch)
      }
      return out
    }
    var out = "# Plan for \(md(a.ego.name)), \(md(a.today)) to \(md(a.weekEnd))\n"
    for (part, title) in partTitles {
      let list = a.actions.filter { $0.part == part }
      guard !list.isEmpty else { continue }
      out += "\n## \(title)\n\n"
      for x in list {
        out += "- [ ] \(md(x.sentence)) (\(x.id))\n"
        for e in x.evidence { out += "  - \(md(e))\n" }
        out += "  - done: `` \(x.command.replacingOccurrences(of: "`", with: "'")) ``\n"
      }
    }
    return out
  }
}

/// The plan's actions as iCalendar to-dos (RFC 5545): one VTODO per action,
/// due on its day (or the week's end), with the evidence and the command in
/// its description. Text is escaped and lines folded at 75 octets.
enum PlanCalendar {
  static func ics(_ a: PlanAnswer) -> String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Liaison//plan//EN", "CALSCALE:GREGORIAN",
    ]
    let stamp = a.today.replacingOccurrences(of: "-", with: "") + "T000000Z"
    for x in a.actions {
      let due =
        (x.due.flatMap { Day(parsing: $0) }.map { d -> String in
          let end = Day(parsing: a.weekEnd)!
          let start = Day(parsing: a.today)!
          return (d < start ? start : d > end ? end : d).iso
        } ?? a.weekEnd).replacingOccurrences(of: "-", with: "")
      lines += [
        "BEGIN:VTODO", "UID:\(x.id)-\(a.today)@liaison.plan", "DTSTAMP:\(stamp)", "DUE;VALUE=DATE:\(due)",
        "SUMMARY:" + text(x.sentence),
        "DESCRIPTION:" + text((x.evidence + ["Done: \(x.command)"]).joined(separator: "\n")),
        "CATEGORIES:" + text(x.part), "STATUS:NEEDS-ACTION", "END:VTODO",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(fold).joined(separator: "\r\n") + "\r\n"
  }

  /// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; other controls dropped.
  static func text(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      default:
        if u.value < 0x20 || u.value == 0x7F { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// Folds a content line into 75-octet pieces, never inside a UTF-8 character.
  static func fold(_ line: String) -> String {
    var pieces: [String] = []
    var current = ""
    var octets = 0
    for ch in line {
      let n = String(ch).utf8.count
      let limit = pieces.isEmpty ? 75 : 74
      if octets + n > limit {
        pieces.append(current)
        current = ""
        octets = 0
      }
      current.append(ch)
      octets += n
    }
    pieces.append(current)
    return pieces.joined(separator: "\r\n ")
  }
}
