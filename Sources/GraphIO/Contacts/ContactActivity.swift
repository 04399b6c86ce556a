import GraphCore

/// Interaction evidence: LinkedIn `messages.csv` / `Messages.csv` /
/// `Invitations.csv` and a generic `interactions.csv`.
///
/// Each row is an event between the file's owner and the other people it
/// names, joined to people by profile URL, else email or id, else a name that
/// is unique (among the owner's contacts first). A person the owner's
/// connections do not list (a recruiter's InMail) becomes a new person.
/// Events count toward the owner → person tie's interactions (out and in),
/// first and last contact; several other people in one message or meeting
/// are co-participants (an inference rule).
///
/// Counting: a row that starts a new owner → person tie is `imported`, a row
/// that adds to known ties is `merged`, a row naming no one but the owner is
/// `rejected`.
///
/// - Complexity: O(bytes + rows · participants); message texts are never kept.
enum ContactActivity {
  enum Kind { case linkedinMessages, linkedinInvitations, interactions }

  struct Row {
    var line: Int
    var from: String
    var fromURL: String
    var to: [String]
    var toURLs: [String]
    var date: Day?
    var dateText: String
    /// true: sent by the owner; false: received; nil: unknown or mutual.
    var outgoing: Bool?
    var kind: String
  }

  /// Reads the session's current file, an activity log of `owner`.
  static func read(kind: Kind, owner: Int, into session: inout ImportSession) throws(ImportError) {
    let file = session.file
    let source = try ByteSource(path: file, text: true)
    session.report.encoding = source.encoding.rawValue
    var csv = try CSVTokenizer(source: source)
    var header: [String] = []
    while let r = try csv.next() {
      if r.isBlank { continue }
      header = (0..<r.count).map { ColumnNames.normalize(r.string($0) ?? "") }
      break
    }
    func col(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
    let fromC: Int?
    let toC: Int?
    let dateC: Int?
    let fromURLC = col(["senderprofileurl", "inviterprofileurl", "fromprofileurl"])
    let toURLC = col(["recipientprofileurls", "inviteeprofileurl", "recipientprofileurl", "toprofileurl"])
    let directionC = col(["direction"])
    let folderC = col(["folder"])
    let kindC = col(["kind", "type", "channel"])
    switch kind {
    case .linkedinMessages, .linkedinInvitations:
      fromC = col(["from", "sender"])
      toC = col(["to", "recipients", "recipient"])
      dateC = col(["date", "sentat", "sent", "datetime"])
      session.report.generation =
        kind == .linkedinInvitations
        ? (fromURLC != nil ? "Invitations.csv (with profile URLs)" : "Invitations.csv 2018")
        : (header.contains("conversationid") ? "messages.csv (current, CONVERSATION ID)" : "Messages.csv 2018")
    case .interactions:
      fromC = col(["owner", "from", "organizer", "organiser"])
      toC = col(["participants", "with", "people", "attendees", "contacts", "to"])
      dateC = col(["date", "when", "datetime", "time", "day"])
      session.report.generation = "generic interactions.csv (date, participants, kind, direction)"
    }
    guard let toC, let dateC else {
      throw ImportError(
        file: file, line: 1, column: 1,
        message: "the header has no \(toC == nil ? "participants (To)" : "date") column",
        hint: kind == .interactions
          ? "an interactions file needs columns date and participants (optionally kind and direction)"
          : "check that this is LinkedIn's messages.csv or Invitations.csv")
    }
    let known = Set([fromC, toC, dateC, fromURLC, toURLC, directionC, folderC, kindC].compactMap { $0 })
    let ignored: Set<String> = [
      "conversationid", "conversationtitle", "subject", "content", "message", "attachments", "ismessagedraft",
      "isconversationarchived", "notes", "duration", "title",
    ]
    session.report.unknownColumns = header.indices.filter { !known.contains($0) && !ignored.contains(header[$0]) }.map {
      header[$0]
    }
    // Read the rows (without message texts) so the owner's own name can be found first.
    var rows: [Row] = []
    rowLoop: while let r = try csv.next() {
      if r.isBlank { continue }
      session.report.rowsRead += 1
      func text(_ c: Int?) -> String { c.flatMap { r.trimmed($0) } ?? "" }
      for c in [fromC, toC, dateC, fromURLC, toURLC].compactMap({ $0 }) where c < r.count && r.string(c) == nil {
        try session.reject(
          line: r.line, column: TableImporter.invalidTextColumn(r, c) ?? r.column(c),
          "invalid UTF-8 text")
        continue rowLoop
      }
      let separators: (Character) -> Bool =
        kind == .interactions ? { $0 == ";" || $0 == "|" } : { $0 == "," || $0 == ";" }
      func list(_ s: String) -> [String] {
        s.split(whereSeparator: separators).map { Identity.trim(String($0)) }.filter { !$0.isEmpty }
      }
      let dateText = text(dateC)
      var outgoing: Bool?
      let direction = text(directionC).lowercased()
      if ["outgoing", "out", "sent", "outbound"].contains(direction) { outgoing = true }
      if ["incoming", "in", "received", "inbound"].contains(direction) { outgoing = false }
      if outgoing == nil, text(folderC).lowercased() == "sent" { outgoing = true }
      rows.append(
        Row(
          line: r.line, from: text(fromC), fromURL: text(fromURLC), to: list(text(toC)), toURLs: list(text(toURLC)),
          date: Day(parsing: dateText), dateText: dateText, outgoing: outgoing, kind: text(kindC)))
    }
    try session.checkEnd(of: source)
    let sourceKind =
      switch kind {
      case .linkedinMessages: "linkedin-messages"
      case .linkedinInvitations: "linkedin-invitations"
      case .interactions: "interactions"
      }
    // The owner's own name: the sender of outgoing rows, the recipient of
    // incoming ones, else the most frequent participant.
    var selfName = ""
    var selfURL = ""
    if kind != .interactions {
      var counts: [String: Int] = [:]
      for row in rows {
        if row.outgoing == true {
          counts[Identity.nameKey(row.from), default: 0] += 1000
        } else if row.outgoing == false {
          for t in row.to { counts[Identity.nameKey(t), default: 0] += 1000 }
        }
        counts[Identity.nameKey(row.from), default: 0] += 1
        for t in row.to { counts[Identity.nameKey(t), default: 0] += 1 }
      }
      selfName = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key ?? ""
      for row in rows where Identity.nameKey(row.from) == selfName && !row.fromURL.isEmpty {
        selfURL = Identity.normalizeProfileURL(row.fromURL)
        break
      }
      if let shown = rows.first(where: { Identity.nameKey($0.from) == selfName })?.from, !shown.isEmpty {
        session.resolver.setSelfName(owner: owner, shown)
      }
    }
    func isSelf(_ name: String, _ url: String) -> Bool {
      if !selfURL.isEmpty && !url.isEmpty && Identity.normalizeProfileURL(url) == selfURL { return true }
      return !selfName.isEmpty && Identity.nameKey(name) == selfName
    }
    for row in rows {
      var others: [(String, String)] = []
      let fromIsSelf =
        kind == .interactions
        ? (row.from.isEmpty || isOwnerName(row.from, session.resolver, owner)) : isSelf(row.from, row.fromURL)
      if !fromIsSelf && !row.from.isEmpty { others.append((row.from, row.fromURL)) }
      for (i, t) in row.to.enumerated() where !isSelf(t, i < row.toURLs.count ? row.toURLs[i] : "") {
        others.append((t, i < row.toURLs.count ? row.toURLs[i] : ""))
      }
      if others.isEmpty {
        try session.reject(
          line: row.line, column: 1, "names no one but the owner", hint: nil)
        continue
      }
      var outgoing = row.outgoing
      if kind != .interactions && outgoing == nil { outgoing = fromIsSelf }
      var people: [PersonID] = []
      var startedTie = false
      for (name, url) in others {
        guard
          let p = session.resolver.resolveParticipant(
            name: name, url: url, owner: owner, builder: &session.builder, create: true)
        else { continue }
        people.append(p)
        if session.resolver.addEvent(
          owner: owner, person: p, date: row.date, outgoing: outgoing, sourceKind: sourceKind, file: file)
        {
          startedTie = true
        }
      }
      if people.isEmpty {
        try session.reject(
          line: row.line, column: 1,
          "no participant could be identified (\(others.map { $0.0 }.joined(separator: ", ")))",
          hint: "several people share that name; give profile URLs or emails")
        continue
      }
      if row.date == nil && !row.dateText.isEmpty {
        let problem = TableImporter.dateMessage(row.dateText)
        session.report.warn(line: row.line, column: 1, "\(problem); the event counts without a date")
      }
      if people.count >= 2 { session.resolver.addCoParticipation(people) }
      if startedTie { session.report.imported += 1 } else { session.report.merged += 1 }
    }
  }

  static func isOwnerName(_ name: String, _ resolver: ContactResolver, _ owner: Int) -> Bool {
    let spec = resolver.owners[owner]
    let key = Identity.nameKey(name)
    return key == Identity.nameKey(String(spec.owner.map { $0 == "-" || $0 == "_" ? " " : $0 })) || name == spec.owner
  }
}

extension ImportReport {
  mutating func warn(line: Int, column: Int, _ message: String) {
    var w = warnings ?? []
    if w.count < Self.errorLimit { w.append(RowError(line: line, column: column, message: message)) }
    warnings = w
  }
}
