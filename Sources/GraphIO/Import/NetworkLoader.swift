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
  /// Called as each phase of loading ends, with its name (`read FILE`,
  /// `contact ties`, `build`) and its duration.
  public var onPhaseEnd: (@Sendable (String, Duration) -> Void)?
  /// How weights become strengths (nil: chosen per file from its values; Guides/Importing.md, "Weights").
  public var weights: WeightMapping?
  /// Keep negative (signed) ties, their kind `negative`, instead of leaving them out.
  public var includeNegative = false
  /// Column names for ties tables and edge lists; a file's own `InputSpec.columns` wins.
  public var columns: ColumnMap?
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
}

/// Reads input files into one `Graph`.
///
/// People files are read first (so their ids and attributes are known), then
/// ties and edge lists, then contact lists, then activity logs, each group in
/// argument order, all into one `ImportSession`. A bad row is reported through
/// `onRowError` (file, line, column, reason), counted as rejected, and skipped
/// — or, with `strict`, thrown. A file that cannot be used at all (missing,
/// empty, binary, unknown format, no usable rows) throws `ImportError`.
///
/// - Complexity: O(bytes + V + E) time; memory O(V + E) plus one 1 MiB chunk per open file.
public enum NetworkLoader {
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
  public static func load(_ inputs: [InputSpec], in session: inout ImportSession) throws(ImportError) -> LoadedNetwork {
    let options = session.options
    let clock = ContinuousClock()
    var phaseStart = clock.now
    func phaseEnded(_ name: String) {
      guard let onPhaseEnd = options.onPhaseEnd else { return }
      let now = clock.now
      onPhaseEnd(name, now - phaseStart)
      phaseStart = now
    }
    // Detect formats first.
    var planned: [(index: Int, spec: InputSpec, format: InputFormat)] = []
    for (i, spec) in inputs.enumerated() {
      let format: InputFormat
      if let f = spec.format ?? options.format {
        format = f
      } else {
        let source = try ByteSource(path: spec.path, text: true, detectionBytes: 65536)
        var probe: [UInt8] = []
        while probe.count < 65536, try source.read(into: &probe, count: 65536 - probe.count) > 0 {}
        var head = probe[...]
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        format = try FormatDetector.detect(head: head, path: spec.path, columns: spec.columns ?? options.columns)
      }
      planned.append((i, spec, format))
    }
    planned = TwoModeImporter.arrange(planned) { ($0.format ?? options.format) != nil }
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
      + planned.filter { [.ties, .edges, .pajek, .dl].contains($0.format) || $0.format.isNetworkFile }
      + planned.filter { $0.format.listsContacts }
      + planned.filter { $0.format.isContactExport && !$0.format.listsContacts }
    for (index, spec, format) in order {
      try session.read(spec, as: format, slot: index)
      phaseEnded("read \(spec.path)")
    }
    if try session.addContactTies() { phaseEnded("contact ties") }
    let (graph, build) = try session.build()
    phaseEnded("build")
    let imports = try session.reports(after: build)
    return LoadedNetwork(graph: graph, imports: imports, build: build, identity: session.identity)
  }
}
