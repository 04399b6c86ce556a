import GraphCore

/// One import: everything a network read from files is made of while it is
/// being read (Guides/Importing.md, "The import session").
///
/// The session owns the `GraphBuilder` (people and tie rows), the contact
/// resolver (identity resolution, owners, inference), one report per file
/// and the sink of row errors. It reads one file at a time and knows which:
/// a row counts as imported, merged or rejected in that file's report when it
/// is read, and every tie row it adds carries the file, so that a parallel tie
/// folded when the network is frozen is credited to the file that added it.
/// Importers take the session, never its parts one by one.
///
/// `NetworkLoader.load` drives a session: tables first, then contact exports,
/// then the owner and inferred ties, then the build. After that the session
/// holds only the resolver's working indexes (every profile URL, email and
/// name read); they go when the session goes. A process about to exit may
/// keep the session instead, so that they are not freed entry by entry.
///
/// - Complexity: reading is O(bytes) per file plus identity resolution per
///   contact record (Guides/ContactExports.md); the build is O(V + E).
package struct ImportSession {
  /// How rows are read: strictness, owners and inference, reference date.
  package let options: LoadOptions
  var builder: GraphBuilder
  var resolver: ContactResolver
  /// Whether a contact export was read (the resolver is in use).
  private(set) var readsContacts = false
  /// The report of the file being read.
  var report = ImportReport(file: "", format: "")
  /// Names of the groups of two-mode data, from a nodes file (`TwoModeImporter`).
  var twoModeGroups: Set<String> = []
  /// The column names of the file being read, when they were given.
  var columns: ColumnMap?
  /// Where the file being read is in the argument order (-1: none).
  private var slot = -1
  /// Finished reports, by argument order.
  private var reports: [ImportReport?] = []
  let onRowError: (ImportError) -> Void
  private var built = false
  /// Files read as a format named for them rather than detected.
  private var formatsNamed: [String: InputFormat] = [:]

  /// A session that reads with `options` and hands every row it skips to
  /// `onRowError` (unless `options.strict`, which stops at the first).
  package init(options: LoadOptions = LoadOptions(), onRowError: @escaping (ImportError) -> Void = { _ in }) {
    self.options = options
    self.onRowError = onRowError
    builder = GraphBuilder()
    builder.referenceDate = options.referenceDate
    resolver = ContactResolver(options: options.contacts)
  }

  /// The path of the file being read.
  var file: String { report.file }

  // MARK: Files

  /// Reads one file as `format`; its report takes place `slot` in the
  /// argument order. Tables must come before contact exports (the people
  /// they name are known to identity resolution from the first export on).
  /// - Parameter detectionBytes: how much of a table the encoding is judged on (tests make it small).
  mutating func read(
    _ spec: InputSpec, as format: InputFormat, slot: Int, detectionBytes: Int = TextEncoding.detectionBytes,
    parsed: ContactCSVReader.Parsed? = nil
  ) throws(ImportError) {
    precondition(!built && self.slot < 0, "one file at a time, before the build")
    precondition(slot >= 0 && (slot >= reports.count || reports[slot] == nil), "one report per place")
    self.slot = slot
    report = ImportReport(file: spec.path, format: format.rawValue)
    if spec.format ?? options.format != nil { formatsNamed[spec.path] = format }
    columns = spec.columns ?? options.columns
    // Tie rows carry their file until it ends (derived ties carry none).
    builder.currentOrigin = UInt16(truncatingIfNeeded: slot + 1)
    defer {
      builder.currentOrigin = 0
      self.slot = -1
    }
    do {
      try readContent(spec, as: format, detectionBytes: detectionBytes, parsed: parsed)
    } catch {
      var error = error
      if let detected = detectedFormat(spec.path) { error.hints.insert(.looksLike(detected), at: 0) }
      throw error
    }
    if reports.count <= slot { reports += repeatElement(nil, count: slot + 1 - reports.count) }
    reports[slot] = report
  }

  /// `read` without the bookkeeping: the importer of `format`.
  private mutating func readContent(
    _ spec: InputSpec, as format: InputFormat, detectionBytes: Int, parsed: ContactCSVReader.Parsed?
  ) throws(ImportError) {
    switch format {
    case .people: try TableImporter.importPeople(into: &self, detectionBytes: detectionBytes)
    case .ties: try TableImporter.importTies(into: &self, detectionBytes: detectionBytes)
    case .edges: try EdgeListImporter.importEdges(into: &self)
    case .pajek: try PajekImporter.importPajek(into: &self)
    case .dl: try DLImporter.importDL(into: &self)
    case .matrix: try MatrixImporter.importMatrix(into: &self, twoMode: false)
    case .graphml, .gexf: try GraphXMLImporter.importXML(into: &self, gexf: format == .gexf)
    case .twomode: try TwoModeImporter.importTwoMode(into: &self)
    default:
      if !readsContacts {
        // Every table has been read: their people become known to identity resolution.
        resolver.indexExisting(builder)
        readsContacts = true
      }
      if format.isMailOrCalendar { return try MailImporter.read(format: format, spec: spec, into: &self) }
      let (owner, rule) = OwnerRules.owner(of: spec, format: format, option: options.contacts.owner)
      report.owner = owner
      report.ownerRule = rule.rawValue
      try ContactImporter.importExport(format: format, owner: owner, into: &self, parsed: parsed)
    }
  }

  /// Resolves the owners of the contact exports read and adds the owner →
  /// contact, `RELATED` and (unless turned off) inferred ties.
  /// - Returns: whether there were contact exports.
  /// - Throws: when an owner's name matches several people (hint `.nameTheOwner`).
  mutating func addContactTies() throws(ImportError) -> Bool {
    guard readsContacts else { return false }
    try resolver.finish(builder: &builder)
    return true
  }

  /// Freezes the network. Reading ends here; the session keeps the
  /// resolver's indexes (see the type's documentation).
  /// - Throws: when the network is too large for the graph.
  /// `threads` above 1 builds the CSR on two threads (the same graph).
  mutating func build(threads: Int = 1) throws(ImportError) -> (Graph, BuildReport) {
    precondition(!built, "a session builds once")
    built = true
    var frozen = GraphBuilder()
    swap(&frozen, &builder)
    do {
      return try (consume frozen).build(threads: threads)
    } catch {
      throw ImportError(
        file: reports.first??.file ?? "-", line: 0, column: 0, message: error.description, hint: nil)
    }
  }

  /// Every file's report in argument order, each with the parallel ties that
  /// `build` folded credited to the file that added the folded row.
  /// - Throws: for the first file (in argument order) that has a header but
  ///   no data rows, or more rejected rows than `options.maxRejected` allows
  ///   (every row, by default).
  func reports(after build: BuildReport) throws(ImportError) -> [ImportReport] {
    var final: [ImportReport] = []
    for (i, r) in reports.enumerated() {
      guard var r else { continue }
      let folded = build.mergedByOrigin[UInt16(truncatingIfNeeded: i + 1)] ?? 0
      // (Mailboxes count messages, not tie rows: nothing to move.)
      if r.format != InputFormat.people.rawValue && r.mail == nil {
        r.imported -= folded
        r.merged += folded
      }
      precondition(r.isConsistent, "import counts must add up")
      if let refusal = RejectionCheck.refusal(r, maxRejected: options.maxRejected, detected: { detectedFormat(r.file) })
      {
        throw refusal
      }
      if r.rowsRead == 0, let mail = r.mail { throw MailImporter.nothingUsed(r.file, mail) }
      if r.rowsRead == 0 {
        throw ImportError(
          file: r.file, line: 0, column: 0, message: "the file has a header but no data rows",
          hint: "export the data again, or remove the file from the command")
      }
      final.append(r)
    }
    return final
  }

  /// The format `file`'s content looks like, when it was read as a format it
  /// does not look like (named with `--as` or `FORMAT:`); else nil.
  private func detectedFormat(_ file: String) -> InputFormat? {
    guard let named = formatsNamed[file] else { return nil }
    let detected = try? NetworkLoader.format(of: InputSpec(path: file), options: LoadOptions())
    return detected == named ? nil : detected
  }

  /// How contact records became people, when a contact export was read.
  var identity: IdentityReport? { readsContacts ? resolver.identity : nil }

  // MARK: Rows

  /// Refuses one row of the file being read: with `options.strict`, throws
  /// (adding the hint `.retryWithoutStrict`); otherwise counts it as rejected
  /// in the file's report and hands it to `onRowError`.
  mutating func reject(line: Int, column: Int, _ message: String, hint: String? = nil) throws(ImportError) {
    let error = ImportError(file: report.file, line: line, column: column, message: message, hint: hint)
    if options.strict {
      throw ImportError(
        file: report.file, line: line, column: column, message: message,
        hints: error.hints + [.retryWithoutStrict])
    }
    report.reject(line: line, column: column, message)
    // Rows and cards that name nobody are how exports list hidden or deleted
    // members: dropped by rule, not malformed (RejectionCheck).
    if message.hasPrefix("the row names nobody") || message.hasPrefix("the card names nobody") {
      report.emptyRecords = (report.emptyRecords ?? 0) + 1
    }
    onRowError(error)
  }

  /// Once `source` is read to its end: a UTF-16 file that ends in half a
  /// code unit (an odd last byte, which `ByteSource` drops rather than turn
  /// into a phantom U+FFFD row) is reported as one rejected row of the whole
  /// file (line 0).
  mutating func checkEnd(of source: ByteSource) throws(ImportError) {
    try checkEnd(halfCodeUnit: source.endsInHalfCodeUnit)
  }

  /// `checkEnd(of:)` for a file read earlier: whether it ended in half a UTF-16 code unit.
  mutating func checkEnd(halfCodeUnit: Bool) throws(ImportError) {
    guard halfCodeUnit else { return }
    report.rowsRead += 1
    try reject(
      line: 0, column: 0,
      "the file ends in half a UTF-16 code unit (one odd byte after the last character); that byte was not read",
      hint: "the file may have been cut short: export it again")
  }

  // MARK: Contacts

  /// Resolves one contact record of the file being read (owner `owner`) to a
  /// person, creating or merging; counts the row in the file's report.
  /// (`file` is the file being read, passed in so that it is not copied out of the report per row.)
  @inline(__always)
  mutating func addContact(_ c: consuming PreparedContact, file: String, owner: Int, sourceKind: String) {
    report.rowsRead += 1
    let isNew = resolver.add(consume c, file: file, owner: owner, sourceKind: sourceKind, builder: &builder).isNew
    if isNew { report.imported += 1 } else { report.merged += 1 }
  }
}

extension ImportSession {
  /// Reads the current file as text, line by line (its encoding noted in the
  /// report), handing each line and its 1-based number to `read`: the loop
  /// shared by the line-oriented readers (Pajek, UCINET DL).
  /// Returns the number of lines and the source (for `checkEnd(of:)`).
  /// - Complexity: O(bytes) plus `read`; memory one read chunk.
  @discardableResult mutating func forEachLine(
    _ read: (UnsafeBufferPointer<UInt8>, Int, inout ImportSession) throws(ImportError) -> Void
  ) throws(ImportError) -> (lines: Int, source: ByteSource) {
    let source = try ByteSource(path: file, text: true)
    report.encoding = source.encoding.rawValue
    var reader = try LineReader(source: source)
    var lineNumber = 0
    while true {
      lineNumber += 1
      let number = lineNumber
      let more = try reader.next { (line: UnsafeBufferPointer<UInt8>) throws(ImportError) -> Void in
        try read(line, number, &self)
      }
      if !more { break }
    }
    return (lineNumber - 1, source)
  }
}
