import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import Workspace

/// `liaison cadence …`: keep-in-touch rules.
struct CadenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cadence",
    abstract: "Set how often to be in touch, by tie class, tag, company or person; list the rules.",
    discussion: """
      A rule is NAME=LENGTH: days (30d), weeks (6w), months (3m, 30 days each), years (1y), or off (not on a \
      clock). The most specific rule wins: person, then company, then tag (the shortest of a person's tags), \
      then class. Defaults: strong ties every 30 days, weak every 90, dormant every 180; nominal, \
      unreciprocated and unrated ties are not on a clock until a rule names them. The clock restarts at the \
      last contact: logged (liaison log) or in the evidence (messages, meetings).

      Examples:
        liaison cadence --class strong=21d --tag mentor=60d
        liaison cadence --person "Ada Lovelace=14d" --company "Acme=6w"
        liaison cadence --class nominal=1y
        liaison cadence --remove --person "Ada Lovelace"
        liaison cadence --list
      """)

  @Option(help: "CLASS=LENGTH (strong, weak, nominal, dormant, unreciprocated, unrated).") var `class`: [String] = []
  @Option(help: "TAG=LENGTH (tags come from `liaison set PERSON --tag T` and the data).") var tag: [String] = []
  @Option(help: "COMPANY=LENGTH.") var company: [String] = []
  @Option(help: "PERSON=LENGTH (an id, email, profile URL or name).") var person: [String] = []
  @Flag(help: "Remove the rules named (give names without =LENGTH).") var remove = false
  @Flag(help: "List the rules in force (also what the command does with no rule given).") var list = false
  @OptionGroup var output: OutputOptions
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    let all = `class` + tag + company + person
    if list && !all.isEmpty { throw ValidationError("--list goes alone.") }
    if remove && all.isEmpty { throw ValidationError("--remove needs a rule to remove (--person NAME …).") }
    for c in `class` {
      let name = remove ? c : try Self.split(c, option: "--class").0
      if TieClass(rawValue: name.lowercased()) == nil {
        throw ValidationError(
          "--class '\(name)' is not a tie class (\(TieClass.allCases.map(\.rawValue).joined(separator: ", "))).")
      }
    }
    if !remove { for (v, o) in all.map({ ($0, "rule") }) { _ = try Self.split(v, option: o) } }
  }

  /// `NAME=LENGTH` → (NAME, days); `off` and `0` are 0 days.
  static func split(_ text: String, option: String) throws -> (String, Int) {
    guard let eq = text.lastIndex(of: "=") else {
      throw ValidationError("\(option) '\(text)' needs NAME=LENGTH, such as \"Ada Lovelace=14d\".")
    }
    let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
    let length = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { throw ValidationError("\(option) '\(text)' names nothing before =.") }
    if length.lowercased() == "off" || length == "0" { return (name, 0) }
    do { return (name, try ChangesCommand.days(length)) } catch {
      throw ValidationError("\(option) '\(text)': '\(length)' is not a length such as 30d, 6w, 3m, 1y or off.")
    }
  }

  func run() throws {
    let all = `class` + tag + company + person
    if list || all.isEmpty { return try printList() }
    let net = try WorkspaceNetwork.open(place)
    // Every rule is read and every person resolved before anything is written.
    var rules: [(scope: StoredCadence.Scope, key: String, label: String, days: Int)] = []
    func read(_ scope: StoredCadence.Scope, _ values: [String], key: (String) throws -> (String, String)) throws {
      for v in values {
        let (name, days) = remove ? (v, 0) : try Self.split(v, option: "--\(scope.rawValue)")
        let (k, label) = try key(name)
        rules.append((scope, k, label, days))
      }
    }
    try read(.class, `class`) { ($0.lowercased(), $0.lowercased()) }
    try read(.tag, tag) { ($0.lowercased(), $0) }
    try read(.company, company) { (Identity.companyKey($0), $0) }
    try read(.person, person) { name in
      let p = try net.person(name, option: "--person")
      return (net.graph.people.stableKey(of: p), net.graph.people.name(of: p))
    }
    var said: [String] = []
    for r in rules {
      if remove {
        let gone = try orExit { () throws(WorkspaceError) in try net.workspace.removeCadence(r.scope, key: r.key) }
        said.append(
          gone ? "Removed the \(r.scope.rawValue) rule for \(r.label)." : "No \(r.scope.rawValue) rule for \(r.label).")
      } else {
        try orExit { () throws(WorkspaceError) in
          try net.workspace.setCadence(r.scope, key: r.key, label: r.label, days: r.days)
        }
        said.append(
          r.days == 0
            ? "\(r.label) (\(r.scope.rawValue)): not on a clock."
            : "\(r.label) (\(r.scope.rawValue)): every \(r.days) days.")
      }
    }
    print(said.joined(separator: "\n"))
  }

  func printList() throws {
    let workspace = try place.open(create: false)
    let stored = try orExit { () throws(WorkspaceError) in try workspace.cadences() }
    var rows: [(scope: String, name: String, days: Int, origin: String)] = []
    for c in TieClass.allCases {
      let s = stored.first { $0.scope == .class && $0.key == c.rawValue }
      if let s {
        rows.append(("class", c.rawValue, s.days, "set \(s.createdAt.prefix(10))"))
      } else if let d = CadenceRules.defaultByClass[c.rawValue] {
        rows.append(("class", c.rawValue, d, "default"))
      } else {
        rows.append(("class", c.rawValue, 0, "default"))
      }
    }
    for s in stored where s.scope != .class {
      rows.append((s.scope.rawValue, s.label, s.days, "set \(s.createdAt.prefix(10))"))
    }
    switch output.format {
    case .json:
      struct Rule: Codable {
        var scope: String
        var name: String
        var days: Int
        var origin: String
      }
      try output.emit(
        try jsonText(
          JSONList(
            key: "rules", items: rows.map { Rule(scope: $0.scope, name: $0.name, days: $0.days, origin: $0.origin) })))
    case .csv:
      var t = CSVTable(["scope", "name", "days", "origin"])
      for r in rows { t.add([.text(r.scope), .text(r.name), .int(r.days), .text(r.origin)]) }
      try output.emit(t.text)
    case .table:
      var t = TextTable(["scope", "name", "every", "origin"])
      for r in rows { t.add([r.scope, r.name, r.days == 0 ? "off" : "\(r.days) days", r.origin]) }
      try output.emit(t.render() + "The most specific rule wins: person, company, tag, class.")
    }
  }
}

/// Options shared by `due` and `plan`: whose, on which day.
struct PlanDayOptions: ParsableArguments {
  @Option(help: "Whose contacts (an id, email, profile URL or name; default: the workspace's owner).")
  var ego: String?
  @Option(help: "The day to plan from (YYYY-MM-DD; default: today).") var today: String?

  func validate() throws { _ = try WorkspaceNotes.day(today, option: "--today") }
}

/// What `due` and `plan` read: the network, the owner, the rules and the log.
struct PlanContext {
  let net: WorkspaceNetwork
  let ego: PersonID
  let today: Day
  let rules: CadenceRules
  /// The log, when the ego is the workspace's owner (the log is theirs).
  let log: [PlanLogEntry]
  var notes: [String] = []

  init(place: WorkspaceOption, ego given: String?, today: Day) throws {
    net = try WorkspaceNetwork.open(place)
    let g = net.graph
    let owner = try? net.workspace.owner()?.key
    if let given {
      ego = try net.person(given, option: "--ego")
    } else {
      guard let owner, let p = g.people.person(stableKey: owner) else {
        Terminal.error("the workspace has no owner to plan for — set one with `liaison me PERSON`, or give --ego")
        throw ExitCode.failure
      }
      ego = p
    }
    self.today = today
    let workspace = net.workspace
    rules = PlanReport.rules(try orExit { () throws(WorkspaceError) in try workspace.cadences() }, graph: g)
    if let owner, g.people.person(stableKey: owner) == ego {
      log = PlanReport.log(try orExit { () throws(WorkspaceError) in try workspace.interactions() }, graph: g)
    } else {
      log = []
      notes.append("the log is the owner's; \(g.people.name(of: ego))'s plan uses the evidence only")
    }
  }
}

/// `liaison due [--within 14d]`.
struct DueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "due",
    abstract: "Who is due or overdue for a contact by their cadence, most valuable first.",
    discussion: """
      Lists the ego's contacts whose keep-in-touch clock (liaison cadence) runs out within --within of \
      --today: overdue first, then by the worth the plan ranks reconnects by (the reach only they open, \
      doors, time since, strength).

      Examples:
        liaison due
        liaison due --within 30d --format csv
      """)

  @Option(help: "Also list who falls due within this long: days (14d), weeks (2w), months (1m).") var within = "14d"
  @OptionGroup var day: PlanDayOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var place: WorkspaceOption

  func validate() throws { _ = try ChangesCommand.days(within) }

  func run() throws {
    let today = try WorkspaceNotes.day(day.today, option: "--today") ?? WorkspaceNotes.today
    let ctx = try PlanContext(place: place, ego: day.ego, today: today)
    let g = ctx.net.graph
    let horizon = today.adding(days: try ChangesCommand.days(within))
    var list = g.dueContacts(
      ego: ctx.ego, today: today, cadences: ctx.rules, classifier: TieClassifier(), log: ctx.log
    ).filter { ($0.due ?? today) <= horizon }
    list.sort { a, b in
      let oa = (a.due ?? today) <= today
      let ob = (b.due ?? today) <= today
      if oa != ob { return oa }
      if a.value != b.value { return a.value > b.value }
      return a.person < b.person
    }
    switch output.format {
    case .json:
      struct Row: Codable {
        var person: PersonReference.Ref
        var tieClass: String
        var lastContact: String?
        var cadenceDays: Int
        var rule: String
        var due: String?
        var overdueDays: Int?
        var uniqueReach: Int
        var value: Double
      }
      try output.emit(
        try jsonText(
          JSONList(
            key: "due",
            items: list.map {
              Row(
                person: PersonReference.ref($0.person, in: g), tieClass: $0.tieClass.rawValue,
                lastContact: $0.lastContact?.iso, cadenceDays: $0.cadenceDays, rule: $0.cadenceRule, due: $0.due?.iso,
                overdueDays: $0.overdueDays, uniqueReach: $0.uniqueReach, value: ($0.value * 1e6).rounded() / 1e6)
            })))
    case .csv:
      var t = CSVTable([
        "id", "name", "tieClass", "lastContact", "cadenceDays", "rule", "due", "overdueDays", "uniqueReach",
      ])
      for d in list {
        t.add([
          .text(g.people.id(of: d.person)), .text(g.people.name(of: d.person)), .text(d.tieClass.rawValue),
          d.lastContact.map { .text($0.iso) } ?? .empty, .int(d.cadenceDays), .text(d.cadenceRule),
          d.due.map { .text($0.iso) } ?? .empty, d.overdueDays.map { .int($0) } ?? .empty, .int(d.uniqueReach),
        ])
      }
      try output.emit(t.text)
    case .table:
      guard !list.isEmpty else {
        try output.emit(
          "Nobody is due within \(within) of \(today.iso) (\(TextFormat.count(ctx.rules.byClass.count, "class rule")); liaison cadence --list)."
        )
        return
      }
      var t = TextTable(["name", "class", "last contact", "every", "due", "reach"], rightAligned: [3, 5])
      for d in list {
        let when: String
        if let o = d.overdueDays {
          when = o > 0 ? "\(o)d overdue" : o == 0 ? "today" : "in \(-o)d"
        } else {
          when = "now (none)"
        }
        t.add([
          PlanReport.withCompany(d.person, in: g), d.tieClass.rawValue, d.lastContact?.iso ?? "—",
          "\(d.cadenceDays)d", when, "\(d.uniqueReach)",
        ])
      }
      try output.emit(
        "Due by \(horizon.iso) for \(g.people.name(of: ctx.ego)): \(list.count)\n" + t.render()
          + "reach: people only they open. Log a contact: liaison log PERSON --kind met")
    }
  }
}

/// `liaison plan`.
struct PlanCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown
  }

  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "The week's networking plan: follow up, reconnect, give, ask — at most --budget actions.",
    discussion: """
      Follow up: log entries whose follow-up day falls in the week. Reconnect: contacts due by their \
      cadence (overdue first, then the few who cover 80 % of your reach, then worth), and a few dormant \
      ties. Give: introductions among contacts you know well, a small group who share an industry or place, \
      help to contacts who changed jobs or are new in your industry. Ask: for each target (--targets), the \
      warmest door — only where rapport exists (a two-way contact within their cadence and a give in the \
      last 12 months); otherwise what to give first. Each action shows its evidence and the `liaison log` \
      command that records it as done; an action logged is not suggested again within its window. The \
      same day gives the same plan.

      Examples:
        liaison plan
        liaison plan --today 2026-12-07 --targets targets.txt
        liaison plan --week 2026-W50 --budget 6 --format markdown -o plan.md
        liaison plan --ics plan.ics
        liaison plan --dismiss 3fa9c2d1
      """)

  @OptionGroup var day: PlanDayOptions
  @Option(help: "The ISO week to plan (YYYY-Www, from its Monday) instead of --today.") var week: String?
  @Option(help: "A file of target companies or people, one per line: the asks.") var targets: String?
  @Option(help: "At most this many actions.") var budget = 10
  @Option(help: "Drop the action with this id (from this week's plan) for good.") var dismiss: String?
  @Option(help: "Also write the actions as iCalendar to-dos (VTODO) to this file.") var ics: String?
  @Option(help: "Output format: table, json, csv or markdown (a checklist).") var format: Format = .table
  @Option(name: .shortAndLong, help: "Write the plan to this file (atomically) instead of standard output.")
  var output: String?
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    if week != nil && day.today != nil { throw ValidationError("Give --week or --today, not both.") }
    if let week, Self.monday(ofWeek: week) == nil {
      throw ValidationError("--week '\(week)' is not an ISO week such as 2026-W50.")
    }
    try OptionRange.atLeast(1, budget, "--budget")
  }

  /// The Monday of ISO week `YYYY-Www` (week 1 holds the year's first Thursday).
  static func monday(ofWeek text: String) -> Day? {
    let parts = text.uppercased().split(separator: "-W")
    guard parts.count == 2, let year = Int(parts[0]), let w = Int(parts[1]), (1...53).contains(w),
      let jan4 = Day(year: year, month: 1, day: 4)
    else { return nil }
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = ((Int(jan4.daysSinceEpoch) + 3) % 7 + 7) % 7
    let start = jan4.adding(days: -weekday + (w - 1) * 7)
    // Week 53 exists only in years whose next year's week 1 starts later.
    if w == 53, let next = Self.monday(ofWeek: "\(year + 1)-W01"), start >= next { return nil }
    return start
  }

  func run() throws {
    let today =
      try week.flatMap(Self.monday(ofWeek:)) ?? WorkspaceNotes.day(day.today, option: "--today")
      ?? WorkspaceNotes.today
    let (answer, plan, net) = try Self.make(
      place: place, ego: day.ego, today: today, targets: targets, budget: budget)
    if let dismiss {
      guard let a = answer.actions.first(where: { $0.id == dismiss.lowercased() }) else {
        Terminal.error(
          "no action \(dismiss) in the plan for \(today.iso) — its ids: "
            + (answer.actions.isEmpty ? "none" : answer.actions.map(\.id).joined(separator: ", ")))
        throw ExitCode.failure
      }
      try orExit { () throws(WorkspaceError) in try net.workspace.dismiss(actionKey: a.key) }
      print("Dismissed [\(a.id)] for good: \(Terminal.safe(a.sentence))")
      return
    }
    _ = plan
    if let ics {
      do { try AtomicFileWriter.write(PlanCalendar.ics(answer), to: ics) } catch {
        throw OutputFailure.report(error)
      }
    }
    let text: String
    switch format {
    case .table: text = Terminal.safe(PlanReport.table(answer))
    case .json: text = try jsonText(answer)
    case .csv: text = PlanReport.csv(answer)
    case .markdown: text = PlanReport.markdown(answer)
    }
    guard let output, output != "-" else {
      print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
      return
    }
    do { try AtomicFileWriter.write(text.hasSuffix("\n") ? text : text + "\n", to: output) } catch {
      throw OutputFailure.report(error)
    }
  }

  /// The plan for `ego` (default: the owner) on `today`: shared by the command, batch and the demo.
  static func make(place: WorkspaceOption, ego: String?, today: Day, targets: String?, budget: Int) throws -> (
    PlanAnswer, NetworkingPlan, WorkspaceNetwork
  ) {
    let ctx = try PlanContext(place: place, ego: ego, today: today)
    let g = ctx.net.graph
    var request = PlanRequest(ego: ctx.ego, today: today)
    request.budget = budget
    request.cadences = ctx.rules
    request.log = ctx.log
    request.dismissed = try orExit { () throws(WorkspaceError) in try ctx.net.workspace.dismissedActions() }
    var notes = ctx.notes
    if let targets {
      request.targets = try TargetReference.readList(targets).map { line in
        let t = try TargetReference.resolveListEntry(line, in: g, list: targets)
        if t.people.isEmpty { notes.append(TargetReference.emptyNote(line, in: g)) }
        return PlanTarget(name: line, people: t.people)
      }
    } else {
      notes.append("no --targets: the plan has no asks (a file of companies or people, one per line)")
    }
    let options = try InputOptions.parse([]).loadOptions
    if let changes = try? ctx.net.workspace.changes(options: options, since: nil, today: today, window: 90) {
      request.help = PlanReport.help(changes, graph: g)
    }
    let plan = g.networkingPlan(request)
    return (PlanReport.answer(plan, graph: g, notes: notes), plan, ctx.net)
  }
}
