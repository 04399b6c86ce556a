import ArgumentParser
import Foundation
import GraphCore
import GraphIO
import Workspace

/// `liaison same A B`: two records are one person.
struct SameCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "same",
    abstract:
      "Record that two people in the workspace are one person (kept over every import; undo with corrections --undo).",
    discussion: """
      Examples:
        liaison same "Mary Reed" mary.reed@example.com
        liaison same p12 p40
      """)

  @Argument(help: "The first person: an id, email, profile URL or name.") var a: String
  @Argument(help: "The second person.") var b: String
  @OptionGroup var place: WorkspaceOption

  func run() throws {
    try IdentityCorrectionRun.run(a, b, same: true, place: place)
  }
}

/// `liaison different A B`: two records are two people.
struct DifferentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "different",
    abstract: "Record that two people are two people: imports never merge them (undo with corrections --undo).",
    discussion: """
      Examples:
        liaison different "John Smith" john.smith@other.example
      """)

  @Argument(help: "The first person: an id, email, profile URL or name.") var a: String
  @Argument(help: "The second person.") var b: String
  @OptionGroup var place: WorkspaceOption

  func run() throws {
    try IdentityCorrectionRun.run(a, b, same: false, place: place)
  }
}

enum IdentityCorrectionRun {
  static func run(_ a: String, _ b: String, same: Bool, place: WorkspaceOption) throws {
    let net = try WorkspaceNetwork.open(place)
    let pa = try net.person(a, option: "A")
    let pb = try net.person(b, option: "B")
    guard pa != pb else {
      throw ValidationError("\"\(a)\" and \"\(b)\" are one person in the workspace already; name two people.")
    }
    let ka = net.graph.people.stableKey(of: pa)
    let kb = net.graph.people.stableKey(of: pb)
    let id = try orExit { () throws(WorkspaceError) in
      try net.workspace.addCorrection(same ? .same(ka, kb) : .different(ka, kb))
    }
    let verb = same ? "are one person" : "are two people"
    print("Correction #\(id): \(net.describe(ka)) and \(net.describe(kb)) \(verb).")
    try net.reportOutcome(family: same ? .same : .different, id: id)
  }
}

/// `liaison tie A B --confirm | --reject | --strength S | --kind K`.
struct TieCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tie",
    abstract: "Confirm, reject, rate or label the tie between two people (inferred ties too); kept over every import.",
    discussion: """
      --reject removes the tie whatever the imports say; --confirm makes an inferred tie observed (or adds a \
      missing one); --strength and --kind set the tie's strength in (0, 1] and its kind. --confirm, \
      --strength and --kind can be given together (one correction each).

      Examples:
        liaison tie "Mary Reed" "Tom Lee" --reject
        liaison tie "Mary Reed" "Tom Lee" --confirm --kind colleague
        liaison tie me@example.com "Tom Lee" --strength 0.8
      """)

  @Argument(help: "One end of the tie: an id, email, profile URL or name.") var a: String
  @Argument(help: "The other end.") var b: String
  @Flag(help: "The tie exists (an inferred tie becomes observed).") var confirm = false
  @Flag(help: "There is no tie (removed, inferred or observed).") var reject = false
  @Option(help: "The tie's strength, in (0, 1].") var strength: Double?
  @Option(help: "The tie's kind (colleague, friend, …).") var kind: String?
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    if !confirm && !reject && strength == nil && kind == nil {
      throw ValidationError("Give --confirm, --reject, --strength S or --kind K.")
    }
    if reject && (confirm || strength != nil || kind != nil) {
      throw ValidationError("--reject cannot go with --confirm, --strength or --kind.")
    }
    if let strength, !(strength > 0 && strength <= 1) {
      throw ValidationError("--strength \(strength) is not in (0, 1]: give a number such as 0.8.")
    }
    if let kind, kind.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--kind is empty.") }
  }

  func run() throws {
    let net = try WorkspaceNetwork.open(place)
    let pa = try net.person(a, option: "A")
    let pb = try net.person(b, option: "B")
    guard pa != pb else { throw ValidationError("\"\(a)\" and \"\(b)\" are one person; a tie joins two people.") }
    let ka = net.graph.people.stableKey(of: pa)
    let kb = net.graph.people.stableKey(of: pb)
    var changes: [TieCorrection.Change] = []
    if reject { changes.append(.reject) }
    if confirm { changes.append(.confirm) }
    if let strength { changes.append(.strength(strength)) }
    if let kind { changes.append(.kind(kind)) }
    var ids: [Int64] = []
    for change in changes {
      let id = try orExit { () throws(WorkspaceError) in try net.workspace.addCorrection(.tie(ka, kb, change)) }
      ids.append(id)
      let what: String
      switch change {
      case .reject: what = "no tie"
      case .confirm: what = "a tie, confirmed"
      case .strength(let s): what = "a tie of strength \(s)"
      case .kind(let k): what = "a tie of kind \(k)"
      }
      print("Correction #\(id): \(net.describe(ka)) and \(net.describe(kb)): \(what).")
    }
    for id in ids { try net.reportOutcome(family: .tie, id: id) }
  }
}

/// `liaison set PERSON --company C --tag T…`.
struct SetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Set a person's company or add tags, over what the imports say (undo with corrections --undo).",
    discussion: """
      Examples:
        liaison set "Tom Lee" --company "Northwind"
        liaison set "Tom Lee" --tag mentor --tag hiring
        liaison set "Tom Lee" --company ""        (clears the company)
      """)

  @Argument(help: "The person: an id, email, profile URL or name.") var person: String
  @Option(help: "The company (\"\" clears it).") var company: String?
  @Option(name: .customLong("tag"), help: "A tag to add (repeatable).") var tags: [String] = []
  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    if company == nil && tags.isEmpty { throw ValidationError("Give --company C or --tag T.") }
    if tags.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      throw ValidationError("--tag is empty.")
    }
  }

  func run() throws {
    let net = try WorkspaceNetwork.open(place)
    let key = try net.key(person, option: "PERSON")
    let id = try orExit { () throws(WorkspaceError) in
      try net.workspace.addCorrection(.set(key, company: company, tags: tags))
    }
    var parts: [String] = []
    if let company { parts.append(company.isEmpty ? "no company" : "company \(company)") }
    if !tags.isEmpty { parts.append("tags \(tags.joined(separator: ", "))") }
    print("Correction #\(id): \(net.describe(key)): \(parts.joined(separator: "; ")).")
    try net.reportOutcome(family: .set, id: id)
  }
}

/// `liaison corrections [--undo ID]`.
struct CorrectionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "corrections",
    abstract: "List the workspace's corrections (same, different, tie, set) with their ids, or undo one.",
    discussion: """
      Corrections win over every import and survive re-imports; an undone correction is kept (listed as \
      undone) but no longer applied.

      Examples:
        liaison corrections
        liaison corrections --format json
        liaison corrections --undo 3
      """)

  @Option(help: "Undo the correction with this id.") var undo: Int64?
  @OptionGroup var output: OutputOptions
  @OptionGroup var place: WorkspaceOption

  func run() throws {
    if let undo {
      let workspace = try place.open(create: false)
      try orExit { () throws(WorkspaceError) in try workspace.undoCorrection(id: undo) }
      print("Correction #\(undo) undone.")
      return
    }
    let net = try WorkspaceNetwork.open(place)
    let list = try orExit { () throws(WorkspaceError) in try net.workspace.corrections(includeUndone: true) }
    switch output.format {
    case .json: try output.emit(try jsonText(JSONList(key: "corrections", items: list)))
    case .csv:
      var t = CSVTable(["id", "createdAt", "kind", "a", "b", "field", "value", "undoneAt"])
      for c in list {
        t.add([
          .int(Int(c.id)), .text(c.createdAt), .text(c.kind), .text(c.a), c.b.map { .text($0) } ?? .empty,
          c.field.map { .text($0) } ?? .empty, c.value.map { .text($0) } ?? .empty,
          c.undoneAt.map { .text($0) } ?? .empty,
        ])
      }
      try output.emit(t.text)
    case .table:
      guard !list.isEmpty else {
        try output.emit("No corrections yet (liaison same, different, tie, set).")
        return
      }
      var t = TextTable(["id", "made", "correction", "status"])
      for c in list {
        t.add([
          "#\(c.id)", String(c.createdAt.prefix(10)), Self.words(c, net),
          c.undoneAt.map { "undone \($0.prefix(10))" } ?? "in force",
        ])
      }
      try output.emit(t.render())
    }
  }

  /// The correction with people named as the current network names them.
  static func words(_ c: StoredCorrection, _ net: WorkspaceNetwork) -> String {
    let a = net.name(c.a)
    let b = c.b.map(net.name) ?? ""
    switch c.kind {
    case "same": return "same: \(a) = \(b)"
    case "different": return "different: \(a) ≠ \(b)"
    case "tie": return "tie \(a) – \(b): \(c.field ?? "")\(c.value.map { " \($0)" } ?? "")"
    default: return c.summary.replacingOccurrences(of: "set \(c.a)", with: "set \(a):")
    }
  }
}
