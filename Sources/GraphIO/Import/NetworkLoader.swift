#if canImport(Glibc)
  import Glibc
#endif

import GraphCore

/// Options for loading a network from files.
public struct LoadOptions: Sendable {
  /// Stop at the first bad row (exit code 1) instead of skipping it.
  public var strict = false
  /// Format for every file (`--as`); a per-file `FORMAT:PATH` still wins.
  public var format: InputFormat?
  /// Reference date for dormancy and model strengths (default: the latest date in the data).
  public var referenceDate: Day?
  /// Owners and inference for contact exports.
  public var contacts = ContactOptions()
  /// Leave the loader's working indexes (a million profile URLs, names …)
  /// to the operating system instead of freeing them entry by entry: for a
  /// process that exits after it has used the network (the CLI), where the
  /// freeing cost about a twentieth of a large contact import.
  public var keepsWorkingMemoryUntilExit = false
  /// Called as each phase of loading ends, with its name (`read FILE`,
  /// `contact ties`, `build`) and its duration (`LIAISON_TIMINGS=1`).
  public var onPhaseEnd: (@Sendable (String, Duration) -> Void)?
  public init(
    strict: Bool = false, format: InputFormat? = nil, referenceDate: Day? = nil, contacts: ContactOptions = ContactOptions()
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
/// ties and edge lists, each in argument order. A bad row is reported through
/// `onRowError` (file, line, column, reason), counted as rejected, and skipped
/// — or, with `strict`, thrown. A file that cannot be used at all (missing,
/// empty, binary, unknown format, no usable rows) throws `ImportError`.
///
/// - Complexity: O(bytes + V + E) time; memory O(V + E) plus one 1 MiB chunk per open file.
public enum NetworkLoader {
  public static func load(
    _ inputs: [InputSpec], options: LoadOptions = LoadOptions(),
    onRowError: @escaping (ImportError) -> Void = { _ in }
  ) throws(ImportError) -> LoadedNetwork {
    var builder = GraphBuilder()
    builder.referenceDate = options.referenceDate
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
        format = try FormatDetector.detect(head: head, path: spec.path)
      }
      planned.append((i, spec, format))
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
      planned.filter { $0.format == .people } + planned.filter { $0.format == .ties || $0.format == .edges }
      + planned.filter { $0.format.listsContacts } + planned.filter { $0.format.isContactExport && !$0.format.listsContacts }
    var reports = [ImportReport?](repeating: nil, count: inputs.count)
    var resolver: ContactResolver?
    for (index, spec, format) in order {
      builder.currentOrigin = UInt16(truncatingIfNeeded: index + 1)
      var report = ImportReport(file: spec.path, format: format.rawValue)
      let context = RowErrorSink(strict: options.strict, onRowError: onRowError)
      if format.isContactExport && resolver == nil {
        resolver = ContactResolver(options: options.contacts)
        resolver!.indexExisting(builder)
      }
      switch format {
      case .people: try TableImporter.importPeople(spec.path, into: &builder, report: &report, errors: context)
      case .ties: try TableImporter.importTies(spec.path, into: &builder, report: &report, errors: context)
      case .edges: try EdgeListImporter.importEdges(spec.path, into: &builder, report: &report, errors: context)
      default:
        let ownerName = spec.owner ?? options.contacts.owner ?? ContactResolver.defaultOwner(path: spec.path)
        report.owner = ownerName
        try ContactImporter.importExport(
          spec.path, format: format, owner: ownerName, resolver: &resolver!, builder: &builder, report: &report,
          errors: context)
      }
      reports[index] = report
      phaseEnded("read \(spec.path)")
    }
    if resolver != nil {
      try resolver!.finish(builder: &builder)
      phaseEnded("contact ties")
    }
    if options.keepsWorkingMemoryUntilExit, let resolver { _ = Unmanaged.passRetained(KeptUntilExit(resolver)) }
    let (graph, build): (Graph, BuildReport)
    do {
      (graph, build) = try builder.build()
      phaseEnded("build")
    } catch {
      throw ImportError(file: inputs.first?.path ?? "-", line: 0, column: 0, message: error.description, hint: nil)
    }
    // Attribute merged parallel ties to the files that added them.
    var final: [ImportReport] = []
    for (i, r) in reports.enumerated() {
      guard var r else { continue }
      let m = build.mergedByOrigin[UInt16(truncatingIfNeeded: i + 1)] ?? 0
      if r.format != InputFormat.people.rawValue {
        r.imported -= m
        r.merged += m
      }
      precondition(r.isConsistent, "import counts must add up")
      if r.rowsRead > 0 && r.imported + r.merged == 0 {
        let first = r.errors.first
        throw ImportError(
          file: r.file, line: first?.line ?? 0, column: first?.column ?? 0,
          message: "no usable rows (\(r.rowsRead) read, all rejected)\(first.map { "; first problem: \($0.message)" } ?? "")",
          hint: "fix the rows listed above, or check that this is the file you meant")
      }
      if r.rowsRead == 0 {
        throw ImportError(
          file: r.file, line: 0, column: 0, message: "the file has a header but no data rows",
          hint: "export the data again, or remove the file from the command")
      }
      final.append(r)
    }
    return LoadedNetwork(graph: graph, imports: final, build: build, identity: resolver?.identity)
  }
}

/// Routes row errors: report and continue, or stop (`--strict`).
struct RowErrorSink {
  var strict: Bool
  var onRowError: (ImportError) -> Void

  func reject(
    _ report: inout ImportReport, file: String, line: Int, column: Int, _ message: String, hint: String? = nil
  ) throws(ImportError) {
    let error = ImportError(file: file, line: line, column: column, message: message, hint: hint)
    if strict {
      throw ImportError(
        file: file, line: line, column: column, message: message,
        hint: (hint.map { $0 + "; " } ?? "") + "run without --strict to skip bad rows")
    }
    report.reject(line: line, column: column, message)
    onRowError(error)
  }

  /// Once `source` is read to its end: a UTF-16 file that ends in half a
  /// code unit (an odd last byte, which `ByteSource` drops rather than turn
  /// into a phantom U+FFFD row) is reported as one rejected row of the whole
  /// file (line 0).
  func checkEnd(of source: ByteSource, _ report: inout ImportReport, file: String) throws(ImportError) {
    guard source.endsInHalfCodeUnit else { return }
    report.rowsRead += 1
    try reject(
      &report, file: file, line: 0, column: 0,
      "the file ends in half a UTF-16 code unit (one odd byte after the last character); that byte was not read",
      hint: "the file may have been cut short: export it again")
  }
}

/// Holds a value until the process exits (`LoadOptions.keepsWorkingMemoryUntilExit`).
private final class KeptUntilExit<T> {
  let value: T
  init(_ value: T) { self.value = value }
}
