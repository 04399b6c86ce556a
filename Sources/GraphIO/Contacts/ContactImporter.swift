import GraphCore

/// Reads one owner's export of any contact format into the resolver.
///
/// Counting: each data row (a card for vCard) is read; a row
/// that became a new person is `imported`, one folded into a person already
/// known (from another export, a people table or an earlier row) is
/// `merged`, one that names nobody or cannot be read is `rejected` with its
/// line and reason.
enum ContactImporter {
  static func importExport(
    _ file: String, format: InputFormat, owner ownerName: String, resolver: inout ContactResolver,
    builder: inout GraphBuilder, report: inout ImportReport, errors: RowErrorSink
  ) throws(ImportError) {
    let owner = resolver.owner(ownerName, file: file)
    switch format {
    case .linkedin, .google, .outlook, .thunderbird, .contacts:
      let expected: ContactCSVFlavour? =
        switch format {
        case .linkedin: .linkedin
        case .google: .google
        case .outlook: .outlook
        case .thunderbird: .thunderbird
        default: nil
        }
      // About 100 bytes per contact row in real exports.
      if let size = ByteSource.fileSize(file) { resolver.reserve(contacts: size / 100, owner: owner, builder: &builder) }
      let sourceKind = expected?.rawValue ?? "address-book"
      let header = try ContactCSVReader.read(
        file, expected: expected, report: &report, errors: errors, prepare: { PreparedContact(moving: &$0) },
        warmth: { $0.urlHash }, warm: { resolver.warm(urlHashes: $0, builder: &builder) }
      ) { (contact: consuming PreparedContact) in
        resolver.add(consume contact, file: file, owner: owner, sourceKind: sourceKind, builder: &builder).isNew
      }
      if expected == nil { report.format = header.flavour.rawValue }
    case .vcard:
      // Folds may split a UTF-8 character: the encoding is judged on unfolded bytes.
      let source = try ByteSource(path: file, text: true, folded: true)
      report.encoding = source.encoding.rawValue
      var parser = try VCardParser(source: source, file: file)
      while let item = try parser.next() {
        report.rowsRead += 1
        switch item {
        case .card(let record, let warnings):
          for w in warnings { report.warn(line: w.line, column: w.column, w.message) }
          let (_, isNew) = resolver.add(record, file: file, owner: owner, sourceKind: "vcard", builder: &builder)
          if isNew { report.imported += 1 } else { report.merged += 1 }
        case .rejected(let line, let column, let reason):
          try errors.reject(&report, file: file, line: line, column: column, reason)
        }
      }
      try errors.checkEnd(of: source, &report, file: file)
      let versions = parser.versions.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
      report.generation = "vCard " + (versions.isEmpty ? "(no cards)" : versions.joined(separator: ", "))
    case .linkedinMessages:
      try ContactActivity.read(
        file, kind: .linkedinMessages, owner: owner, resolver: &resolver, builder: &builder, report: &report,
        errors: errors)
    case .linkedinInvitations:
      try ContactActivity.read(
        file, kind: .linkedinInvitations, owner: owner, resolver: &resolver, builder: &builder, report: &report,
        errors: errors)
    case .interactions:
      try ContactActivity.read(
        file, kind: .interactions, owner: owner, resolver: &resolver, builder: &builder, report: &report,
        errors: errors)
    case .people, .ties, .edges:
      preconditionFailure("tables are not contact exports")
    }
  }
}
