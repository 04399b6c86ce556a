import ArgumentParser
import GraphCore
import GraphIO
import Workspace

/// `liaison changes [--since D] [--window 90d]`.
struct ChangesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "changes",
    abstract:
      "What changed: new and removed connections, job and title changes between exports of the same owner; ties that went dormant; people not contacted lately.",
    discussion: """
      Re-importing a newer export of the same owner keeps the older one (replaced); this compares each such \
      pair. Ties that went dormant are the owner's ties dormant now (as of the data's latest date, the log \
      included) that were not as of --since (default: the older export's latest date). "Not contacted" lists \
      the owner's connections with no contact (evidence or log) within --window of --as-of.

      Examples:
        liaison changes
        liaison changes --since 2026-10-01 --window 30d
        liaison changes --format json
      """)

  @Option(help: "Only exports imported on or after this day (YYYY-MM-DD); also the day dormancy is compared with.")
  var since: String?
  @Option(help: "No contact for this long counts as not contacted: days (90d), weeks (12w), months (3m) or years (1y).")
  var window = "90d"
  @Option(help: "The day the window ends (YYYY-MM-DD; default: today).") var asOf: String?
  @OptionGroup var output: OutputOptions
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    _ = try Self.days(window)
    _ = try WorkspaceNotes.day(since, option: "--since")
    _ = try WorkspaceNotes.day(asOf, option: "--as-of")
  }

  /// `90d`, `12w`, `3m`, `1y` or a plain number of days.
  static func days(_ text: String) throws -> Int {
    let units: [Character: Int] = ["d": 1, "w": 7, "m": 30, "y": 365]
    var digits = Substring(text)
    var unit = 1
    if let last = text.last, let u = units[Character(last.lowercased())] {
      unit = u
      digits = text.dropLast()
    }
    guard let n = Int(digits), n > 0 else {
      throw ValidationError("--window '\(text)' is not a length such as 90d, 12w, 3m or 1y.")
    }
    return n * unit
  }

  func run() throws {
    let workspace = try place.open(create: false)
    let options = try InputOptions.parse([]).loadOptions
    let changes = try WorkspaceNetwork.loading {
      try workspace.changes(
        options: options, since: try WorkspaceNotes.day(since, option: "--since"),
        today: try WorkspaceNotes.day(asOf, option: "--as-of") ?? WorkspaceNotes.today, window: try Self.days(window))
    }
    switch output.format {
    case .json: try output.emit(try jsonText(changes))
    case .csv: try output.emit(Self.csv(changes))
    case .table: try output.emit(Self.table(changes))
    }
  }

  /// One row per change: `change` (new, removed, job, title, dormant, not-contacted), the export pair, the person.
  static func csv(_ c: WorkspaceChanges) -> String {
    var t = CSVTable([
      "change", "oldImport", "newImport", "key", "name", "company", "title", "oldCompany", "oldTitle", "lastContact",
    ])
    func row(
      _ change: String, _ pair: WorkspaceChanges.ExportPair?, _ p: ExportChanges.Person,
      old: (String, String)? = nil, last: Day? = nil
    ) {
      line(change, pair, (p.key, p.name, p.company, p.title), old: old, last: last)
    }
    func line(
      _ change: String, _ pair: WorkspaceChanges.ExportPair?,
      _ p: (key: String, name: String, company: String, title: String),
      old: (String, String)? = nil, last: Day? = nil
    ) {
      t.add([
        .text(change), .int(pair.map { Int($0.oldImport) }), .int(pair.map { Int($0.newImport) }), .text(p.key),
        .text(p.name), .text(p.company), .text(p.title), old.map { .text($0.0) } ?? .empty,
        old.map { .text($0.1) } ?? .empty, last.map { .text($0.iso) } ?? .empty,
      ])
    }
    for pair in c.exports {
      for p in pair.changes.newConnections { row("new", pair, p) }
      for p in pair.changes.removedConnections { row("removed", pair, p) }
      for j in pair.changes.jobChanges { row("job", pair, j.person, old: (j.oldCompany, j.oldTitle)) }
      for j in pair.changes.titleChanges { row("title", pair, j.person, old: (j.oldCompany, j.oldTitle)) }
    }
    for d in c.wentDormant { row("dormant", nil, d.person, last: d.lastContact) }
    for q in c.notContacted { line("not-contacted", nil, (q.key, q.name, q.company, q.title), last: q.lastContact) }
    return t.text
  }

  static func table(_ c: WorkspaceChanges) -> String {
    var out: [String] = []
    func who(_ p: ExportChanges.Person) -> String { p.company.isEmpty ? p.name : "\(p.name) (\(p.company))" }
    if c.exports.isEmpty { out.append("No export has been re-imported yet: import a newer export of the same owner.") }
    for pair in c.exports {
      let ch = pair.changes
      out.append(
        "\(pair.ownerName): import #\(pair.oldImport) → #\(pair.newImport) (\(pair.file), \(pair.importedAt.prefix(10)))"
      )
      var t = TextTable(["change", "person", "was", "now"])
      for p in ch.newConnections { t.add(["new connection", who(p), "", p.title]) }
      for p in ch.removedConnections { t.add(["removed connection", who(p), p.title, ""]) }
      for j in ch.jobChanges {
        t.add(["job change", j.person.name, "\(j.oldTitle), \(j.oldCompany)", "\(j.person.title), \(j.person.company)"])
      }
      for j in ch.titleChanges { t.add(["title change", who(j.person), j.oldTitle, j.person.title]) }
      out.append(t.rows.isEmpty ? "  no changes in connections" : t.render())
    }
    if let asOf = c.asOf, let earlier = c.earlier {
      if c.wentDormant.isEmpty {
        out.append("No tie went dormant between \(earlier.iso) and \(asOf.iso).")
      } else {
        var t = TextTable(["went dormant (\(earlier.iso) → \(asOf.iso))", "last contact"])
        for d in c.wentDormant { t.add([who(d.person), d.lastContact?.iso ?? "never"]) }
        out.append(t.render())
      }
    }
    if let since = c.quietSince {
      let shown = 15
      var t = TextTable(["not contacted since \(since.iso)", "last contact"])
      for q in c.notContacted.prefix(shown) {
        t.add([q.company.isEmpty ? q.name : "\(q.name) (\(q.company))", q.lastContact?.iso ?? "never"])
      }
      out.append(
        c.notContacted.isEmpty
          ? "Everyone has been contacted since \(since.iso)."
          : t.render()
            + (c.notContacted.count > shown
              ? "… and \(c.notContacted.count - shown) more (--format csv lists them all)" : ""))
    }
    return out.joined(separator: "\n")
  }
}
