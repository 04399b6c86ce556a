import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// Options for loading a network from files.
public struct LoadOptions: Sendable {
  /// Stop at the first bad row (throw its error) instead of skipping it.
  public var strict = false
  /// Format for every file; a file's own `InputSpec.format` still wins.
  public var format: InputFormat?
  /// Reference date for dormancy and model strengths (default: the latest date in the data).
  public var referenceDate: Day?
  /// Owners and inference for contact exports.
  public var contacts = ContactOptions()
  /// Mailboxes and calendars: recipients limit, the owner's addresses.
  public var mail = MailOptions()
  /// Called as each phase of loading ends, with its name (`read FILE`,
  /// `contact ties`, `build`) and its duration.
  public var onPhaseEnd: (@Sendable (String, Duration) -> Void)?
  /// Called now and then while a large file is read (mailboxes: every 1,024
  /// messages; ties tables and edge lists: every 65,536 rows) with the file,
  /// the bytes read so far and its size when known.
  public var onProgress: (@Sendable (_ file: String, _ bytesRead: Int, _ size: Int?) -> Void)?
  /// Called as each file has been read, with how many of how many are done
  /// and the file (`batch` shows it as per-file progress). When a file is set
  /// aside after reading began, the count starts again for the rest.
  public var onFileRead: (@Sendable (_ done: Int, _ total: Int, _ file: String) -> Void)?
  /// How weights become strengths (nil: chosen per file from its values; Guides/Importing.md, "Weights").
  public var weights: WeightMapping?
  /// Column names for ties tables and edge lists; a file's own `InputSpec.columns` wins.
  public var columns: ColumnMap?
  /// The largest share of a file's data rows that may be rejected (self-ties
  /// aside) before the file counts as unusable: 1 (the default) refuses only a
  /// file whose every row was rejected; the command line uses 0.1.
  public var maxRejected = 1.0
  /// Set aside files that cannot be used (not network or contact data, or
  /// unusable as read) and load the rest, listing each in
  /// `LoadedNetwork.skipped`, instead of stopping at the first. Loading still
  /// fails when no file is left.
  public var skipUnusable = false
  /// Called when a file is set aside after reading began: the remaining files
  /// are read again from the start, so row errors already reported for them
  /// will be reported again.
  public var onSkip: (@Sendable (SkippedFile) -> Void)?
  /// Threads for reading a file: 1 reads it in one pass on the calling
  /// thread; nil (the default) or more parses rows on the calling thread
  /// and adds them to the network on a second one, where there is a second
  /// processor. The network, the reports and the error positions are the
  /// same either way.
  public var threads: Int?
  /// Whether importers run their two stages on two threads.
  var pipelined: Bool { (threads ?? 2) > 1 && Pipeline.defaultParallel }
  public init(
    strict: Bool = false, format: InputFormat? = nil, referenceDate: Day? = nil,
    contacts: ContactOptions = ContactOptions()
  ) {
    self.strict = strict
    self.format = format
    self.referenceDate = referenceDate
    self.contacts = contacts
  }
}

/// A network read from files: the graph, one report per file, and the build report.
public struct LoadedNetwork: Sendable {
  public var graph: Graph
  public var imports: [ImportReport]
  public var build: BuildReport
  /// How contact records became people, when any contact export was read.
  public var identity: IdentityReport?
  /// Files given (or found in folders) that were not read, with why, in argument order.
  public var skipped: [SkippedFile] = []
}

/// Reads input files into one `Graph`.
///
/// People files are read first (so their ids and attributes are known), then
/// ties and edge lists, then contact lists, then activity logs, each group in
/// argument order, all into one import session. A bad row is reported through
/// `onRowError` (file, line, column, reason), counted as rejected, and skipped
/// — or, with `strict`, thrown. A file that cannot be used at all (missing,
/// empty, binary, unknown format, no usable rows) throws `ImportError`.
///
/// - Complexity: O(bytes + V + E) time; memory O(V + E) plus one 1 MiB chunk per open file.
public enum NetworkLoader: Sendable {
  /// Reads `inputs` into a new session, which is released on return.
  public static func load(
    _ inputs: [InputSpec], options: LoadOptions = LoadOptions(),
    onRowError: @escaping (ImportError) -> Void = { _ in }
  ) throws(ImportError) -> LoadedNetwork {
    var session = ImportSession(options: options, onRowError: onRowError)
    return try load(inputs, in: &session)
  }

  /// Reads `inputs` into `session` (a new one) and builds the network. The
  /// session keeps its working indexes afterwards, for a caller that would
  /// rather not pay for freeing them (see `ImportSession`).
  ///
  /// The same file named twice (also through a link or a folder) is read
  /// once. With `skipUnusable`, a file that cannot be used is set aside with
  /// its reason: before reading when it is not network or contact data, else
  /// after, the others being read again into a new session (once per failed
  /// pass: the owners who match several people are all found in one pass).
  package static func load(_ inputs: [InputSpec], in session: inout ImportSession) throws(ImportError) -> LoadedNetwork
  {
    var (planned, skipped) = try plan(inputs, options: session.options)
    while true {
      do {
        var loaded = try load(planned: planned, in: &session)
        loaded.skipped = skipped.sorted { $0.order < $1.order }.map(\.file)
        return loaded
      } catch {
        // The file at fault, and any others found unusable in the same pass.
        let unusable = ([error] + error.others).filter { e in planned.contains { $0.spec.path == e.file } }
        guard session.options.skipUnusable, !unusable.isEmpty, planned.count > 1 else { throw error }
        // Set aside all but the last file left, which then fails on its own.
        for e in unusable.prefix(planned.count - 1) {
          guard let i = planned.firstIndex(where: { $0.spec.path == e.file }) else { continue }
          var one = e
          one.others = []
          let file = SkippedFile(one, unusable: true)
          skipped.append((planned[i].index, file))
          planned.remove(at: i)
          session.options.onSkip?(file)
        }
        session = ImportSession(options: session.options, onRowError: session.onRowError)
      }
    }
  }

  typealias Planned = (index: Int, spec: InputSpec, format: InputFormat)

  /// Each input's format, detected unless named; files named twice and,
  /// with `skipUnusable`, files that are not network or contact data are set aside.
  static func plan(_ inputs: [InputSpec], options: LoadOptions) throws(ImportError) -> (
    [Planned], [(order: Int, file: SkippedFile)]
  ) {
    var planned: [Planned] = []
    var skipped: [(order: Int, file: SkippedFile)] = []
    var refused: [ImportError] = []
    var seen: [FileIdentity: String] = [:]
    for (i, spec) in inputs.enumerated() {
      if let id = FileIdentity(path: spec.path) {
        if let first = seen[id] {
          let same = first == spec.path ? "given twice" : "the same file as \(first)"
          skipped.append((i, SkippedFile(file: spec.path, reason: "\(same); read once")))
          continue
        }
        seen[id] = spec.path
      }
      if options.skipUnusable, spec.fromFolder, let reason = SkippedFile.notData(path: spec.path) {
        skipped.append((i, SkippedFile(file: spec.path, reason: reason)))
        continue
      }
      do {
        planned.append((i, spec, try format(of: spec, options: options)))
      } catch {
        guard options.skipUnusable else { throw error }
        refused.append(error)
        let reason = spec.fromFolder ? "not network or contact data: \(error.message)" : error.message
        skipped.append((i, SkippedFile(error, reason: reason, unusable: !spec.fromFolder)))
      }
    }
    if planned.isEmpty {
      // One file refused: its own error, hints and all.
      if refused.count == 1 && skipped.count == refused.count { throw refused[0] }
      let list = skipped.prefix(5).map { "\($0.file.file) (\($0.file.reason))" }.joined(separator: "; ")
      throw ImportError(
        file: inputs.first?.path ?? "-", line: 0, column: 0,
        message:
          "no network or contact data among the \(TextFormat.count(skipped.count, "file")): \(list)\(skipped.count > 5 ? "; …" : "")",
        hint: "pass people/ties CSV, edge lists, network files or contact exports")
    }
    return (TwoModeImporter.arrange(planned) { ($0.format ?? options.format) != nil }, skipped)
  }

  /// The format a file is read as: named, else detected from its first 64 KiB.
  static func format(of spec: InputSpec, options: LoadOptions) throws(ImportError) -> InputFormat {
    if let f = spec.format ?? options.format { return f }
    let source = try ByteSource(path: spec.path, text: true, detectionBytes: 65536)
    var probe: [UInt8] = []
    while probe.count < 65536, try source.read(into: &probe, count: 65536 - probe.count) > 0 {}
    var head = probe[...]
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    return try FormatDetector.detect(head: head, path: spec.path, columns: spec.columns ?? options.columns)
  }

  /// Contact CSVs of at most 4 MiB are parsed ahead (a few at a time, held
  /// whole until merged); larger ones stream through their own pipeline.
  static func readsAhead(_ p: Planned) -> Bool {
    ContactImporter.isCSV(p.format) && (ByteSource.fileSize(p.spec.path) ?? .max) <= 4 << 20
  }

  /// Reads the planned files in their reading order and builds the network:
  /// with several contact CSVs and a second processor, each is parsed while
  /// the one before is merged (the merge order, and so the result, is the same).
  static func load(planned: [Planned], in session: inout ImportSession) throws(ImportError) -> LoadedNetwork {
    let options = session.options
    let clock = ContinuousClock()
    var phaseStart = clock.now
    func phaseEnded(_ name: String) {
      guard let onPhaseEnd = options.onPhaseEnd else { return }
      let now = clock.now
      onPhaseEnd(name, now - phaseStart)
      phaseStart = now
    }
    // Refuse before reading what could not fit: an allocation that fails aborts the process.
    try MemoryBudget.check(
      planned.map { p in
        var st = stat()
        return (p.spec.path, stat(p.spec.path, &st) == 0 ? Int(st.st_size) : 0, p.format)
      })
    // Tables first (their ids and attributes are known to identity
    // resolution), then contact lists, then activity logs.
    let order =
      planned.filter { $0.format == .people }
      + planned.filter { !$0.format.isContactExport && $0.format != .people }
      + planned.filter { $0.format.listsContacts }
      + planned.filter { $0.format.isContactExport && !$0.format.listsContacts }
    var done = 0
    func fileRead(_ path: String) {
      done += 1
      phaseEnded("read \(path)")
      options.onFileRead?(done, order.count, path)
    }
    if options.pipelined && order.count(where: readsAhead) >= 2 {
      // Contact CSVs are parsed a few files ahead on this thread while the
      // session merges the one before on a worker, in the same order.
      var failure: ImportError?
      Pipeline.run(
        batch: 1, depth: 2,
        produce: { (emit: (consuming (Planned, ContactCSVReader.Parsed?)) -> Bool) in
          for p in order {
            let parsed =
              readsAhead(p)
              ? ContactCSVReader.parse(file: p.spec.path, expected: ContactImporter.csvFlavour(p.format)) : nil
            if !emit((p, parsed)) { return }
          }
        },
        consume: { (item: consuming (Planned, ContactCSVReader.Parsed?)) in
          let (p, parsed) = item
          do throws(ImportError) {
            try session.read(p.spec, as: p.format, slot: p.index, parsed: parsed)
          } catch {
            failure = error
            return false
          }
          fileRead(p.spec.path)
          return true
        })
      if let failure { throw failure }
    } else {
      for (index, spec, format) in order {
        try session.read(spec, as: format, slot: index)
        fileRead(spec.path)
      }
    }
    if try session.addContactTies() { phaseEnded("contact ties") }
    let (graph, build) = try session.build(threads: options.pipelined ? 2 : 1)
    phaseEnded("build")
    let imports = try session.reports(after: build)
    return LoadedNetwork(graph: graph, imports: imports, build: build, identity: session.identity)
  }
}
