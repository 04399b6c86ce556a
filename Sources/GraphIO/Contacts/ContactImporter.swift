import GraphCore

/// Reads one owner's export of any contact format into the resolver.
///
/// Counting: each data row (a card for vCard) is read; a row
/// that became a new person is `imported`, one folded into a person already
/// known (from another export, a people table or an earlier row) is
/// `merged`, one that names nobody or cannot be read is `rejected` with its
/// line and reason.
enum ContactImporter {
  /// Reads the session's current file, `owner`'s export in `format`.
  /// `parsed`: the file read ahead (`ContactCSVReader.parse`), for a contact CSV.
  static func importExport(
    format: InputFormat, owner ownerName: String, into session: inout ImportSession,
    parsed: ContactCSVReader.Parsed? = nil
  ) throws(ImportError) {
    let file = session.file
    let owner = session.resolver.owner(ownerName, file: file)
    switch format {
    case .linkedin, .google, .outlook, .thunderbird, .contacts:
      let expected = csvFlavour(format)
      // About 100 bytes per contact row in real exports.
      if let size = ByteSource.fileSize(file) {
        session.resolver.reserve(contacts: size / 100, owner: owner, builder: &session.builder)
      }
      let sourceKind = expected?.rawValue ?? "address-book"
      let header = try ContactCSVReader.read(
        expected: expected, owner: owner, sourceKind: sourceKind, into: &session, parsed: parsed)
      if expected == nil { session.report.format = header.flavour.rawValue }
    case .vcard:
      // Folds may split a UTF-8 character: the encoding is judged on unfolded bytes.
      let source = try ByteSource(path: file, text: true, folded: true)
      session.report.encoding = source.encoding.rawValue
      var parser = try VCardParser(source: source, file: file)
      while let item = try parser.next() {
        switch item {
        case .card(let record, let warnings):
          for w in warnings { session.report.warn(line: w.line, column: w.column, w.message) }
          session.addContact(PreparedContact(record), file: file, owner: owner, sourceKind: "vcard")
        case .rejected(let line, let column, let reason):
          session.report.rowsRead += 1
          try session.reject(line: line, column: column, reason)
        }
      }
      try session.checkEnd(of: source)
      let versions = parser.versions.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
      session.report.generation = "vCard " + (versions.isEmpty ? "(no cards)" : versions.joined(separator: ", "))
    case .linkedinMessages:
      try ContactActivity.read(kind: .linkedinMessages, owner: owner, into: &session)
    case .linkedinInvitations:
      try ContactActivity.read(kind: .linkedinInvitations, owner: owner, into: &session)
    case .interactions:
      try ContactActivity.read(kind: .interactions, owner: owner, into: &session)
    case .people, .ties, .edges, .pajek, .dl, .matrix, .graphml, .gexf, .twomode:
      preconditionFailure("tables are not contact exports")
    case .mbox, .eml, .ics:
      preconditionFailure("mailboxes and calendars are read by MailImporter")
    }
  }

  /// Whether `format` is a contact CSV, read by `ContactCSVReader`.
  static func isCSV(_ format: InputFormat) -> Bool {
    [.linkedin, .google, .outlook, .thunderbird, .contacts].contains(format)
  }

  /// The flavour a contact CSV format expects (nil: any address book).
  static func csvFlavour(_ format: InputFormat) -> ContactCSVFlavour? {
    switch format {
    case .linkedin: .linkedin
    case .google: .google
    case .outlook: .outlook
    case .thunderbird: .thunderbird
    default: nil
    }
  }
}
