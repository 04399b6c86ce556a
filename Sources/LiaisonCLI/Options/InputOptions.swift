import ArgumentParser
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// Monotonic seconds, for the optional phase timings (LIAISON_TIMINGS=1).
enum Clock {
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}

/// Output formats of analysis commands.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, json, csv
}

/// Inputs shared by every analysis command.
struct InputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Input files or folders: people/ties CSV, edge lists, contact exports (LinkedIn, Google, Outlook, Thunderbird, vCard, messages, interactions). Prefix FORMAT: to force a format, OWNER= to name an export's owner. None: read the workspace (`liaison import`).",
      valueName: "input"))
  var inputs: [String] = []

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp(
      "Read every input as this format (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))).",
      valueName: "format"))
  var format: String?

  @Flag(
    help:
      "Stop at the first bad row or unusable file (exit code 1) instead of skipping it and listing it on standard error."
  )
  var strict = false

  @Option(
    help: ArgumentHelp(
      "Largest share of a file's rows that may be rejected before the file is refused: 0.1 (the default), 25%, or 1 to accept any.",
      valueName: "share"))
  var maxRejected: String = "0.1"

  @Option(
    help:
      "Owner of contact exports given without OWNER= (default: the file name, or its folder for LinkedIn's fixed names)."
  )
  var owner: String?

  @Option(
    help: ArgumentHelp(
      "How weights become strengths: strength (as given, in (0, 1]), count (1 − e^(−w/median)), scale (w / max) or rank (share of weights ≤ w). Default: strength when every weight is in (0, 1], else count.",
      valueName: "mapping"))
  var weights: String?

  @Flag(help: "Let paths, reach, introductions, brokers and communities use negative (signed) ties too.")
  var includeNegative = false

  @Option(
    help: ArgumentHelp(
      "Column names of ties tables and edge lists: source=NAME,target=NAME,weight=NAME,time=NAME (also interactions, last_contact, since, kind), or a file with one ROLE=NAME per line. Per file: FORMAT[source=a,target=b]:PATH.",
      valueName: "roles"))
  var columns: String?

  @Flag(help: "Write output files whatever their extension says (by default a known extension must match the content).")
  var forceExtension = false

  @Flag(
    name: .customLong("no-infer"),
    help: "Do not infer ties among contacts (same company, email domain, labels, several owners, co-participation).")
  var noInfer = false

  @Option(parsing: .unconditional, help: "Largest company, email domain or label group used to infer ties.")
  var inferMaxGroup: Int = 50

  @Option(
    parsing: .unconditional,
    help: "Infer a tie between two contacts listed together in at least this many owners' exports.")
  var inferMinOwners: Int = 3

  @Option(parsing: .unconditional, help: "Keep inferred ties with at least this confidence (0–1).")
  var inferMinConfidence: Double = 0.1

  @Option(
    parsing: .unconditional,
    help:
      "Messages and meetings with more recipients or attendees than this give no co-recipient ties (mailboxes, calendars)."
  )
  var maxRecipients: Int = 10

  @Option(
    name: .customLong("me"),
    help: ArgumentHelp(
      "One of your own addresses, for mailboxes and calendars (repeatable; default: the most frequent sender).",
      valueName: "email"))
  var me: [String] = []

  @Option(help: "Reference date (YYYY-MM-DD) for dormant ties; default: the latest date in the data.")
  var asOf: String?

  @Option(
    help: "Mailboxes: skip messages dated before this day (YYYY-MM-DD); the import report counts them.")
  var since: String?

  @Option(parsing: .unconditional, help: "Strength at or above which a tie is strong.")
  var strongAtLeast: Double = 0.55

  @Option(parsing: .unconditional, help: "Strength at or above which a tie is weak (below: nominal).")
  var weakAtLeast: Double = 0.15

  @Option(parsing: .unconditional, help: "Days without contact after which a tie is dormant.")
  var dormantAfter: Int = 1095

  @OptionGroup var place: WorkspaceOption

  func validate() throws {
    if let format, InputFormat(rawValue: format) == nil {
      throw ValidationError(
        "Unknown --as format '\(format)'; use one of \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    if let weights, WeightMapping(rawValue: weights) == nil {
      throw ValidationError(
        "Unknown --weights '\(weights)'; use one of \(WeightMapping.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    if Self.share(maxRejected) == nil {
      throw ValidationError("--max-rejected '\(maxRejected)': give a share from 0 to 1 (0.1) or a percentage (10%).")
    }
    if let columns {
      do { _ = try ColumnMap(argument: columns) } catch { throw ValidationError("--columns: \(error.message).") }
    }
    try OptionRange.atLeast(2, inferMaxGroup, "--infer-max-group")
    try OptionRange.fraction(inferMinConfidence, "--infer-min-confidence")
    try OptionRange.atLeast(2, inferMinOwners, "--infer-min-owners")
    try OptionRange.atLeast(2, maxRecipients, "--max-recipients")
    try OptionRange.atLeast(0, dormantAfter, "--dormant-after")
    if let asOf { try DateOption.validate(asOf, option: "--as-of") }
    if let since { try DateOption.validate(since, option: "--since") }
    if !(0 < weakAtLeast && weakAtLeast <= strongAtLeast && strongAtLeast <= 1) {
      throw ValidationError("Need 0 < --weak-at-least ≤ --strong-at-least ≤ 1.")
    }
  }

  /// `0.1` or `10%` as a share in [0, 1]; nil for anything else.
  static func share(_ text: String) -> Double? {
    let percent = text.hasSuffix("%")
    guard let v = Double(percent ? String(text.dropLast()) : text), v.isFinite else { return nil }
    let share = percent ? v / 100 : v
    return (0...1).contains(share) ? share : nil
  }

  var classifier: TieClassifier {
    TieClassifier(strongAtLeast: strongAtLeast, weakAtLeast: weakAtLeast, dormantAfterDays: dormantAfter)
  }

  /// How to load, as every command (batch too) loads: strictness, formats,
  /// owners and inference, weights, columns, the rejection limit.
  var loadOptions: LoadOptions {
    var contacts = ContactOptions()
    contacts.owner = owner
    contacts.infer = !noInfer
    contacts.maxGroupSize = inferMaxGroup
    contacts.minSharedOwners = inferMinOwners
    contacts.minConfidence = inferMinConfidence
    var options = LoadOptions(
      strict: strict, format: format.flatMap(InputFormat.init(rawValue:)),
      referenceDate: asOf.flatMap { Day(parsing: $0) },
      contacts: contacts)
    options.weights = weights.flatMap(WeightMapping.init(rawValue:))
    options.columns = columns.flatMap { try? ColumnMap(argument: $0) }
    options.maxRejected = Self.share(maxRejected) ?? 0.1
    options.mail.maxRecipients = maxRecipients
    options.mail.me = me
    options.mail.since = since.flatMap { Day(parsing: $0) }
    options.skipUnusable = !strict
    return options
  }

  /// Adds what a person at a terminal sees while loading: phase timings
  /// (`LIAISON_TIMINGS`) and a progress line for large files.
  static func instrument(_ options: inout LoadOptions) -> ReadProgress? {
    if getenv("LIAISON_TIMINGS") != nil {
      options.onPhaseEnd = { phase, took in
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)  // ru_maxrss: the peak so far, in KiB on Linux
        Terminal.note("  \(phase): \(fixed(seconds, 3)) s (peak RSS so far \(usage.ru_maxrss / 1024) MiB)")
      }
    }
    return ReadProgress.attach(to: &options)
  }

  /// Loads the network, printing each bad row to stderr; exits 1 on unusable input.
  /// `outputs` are the files the command will write: writing onto an input —
  /// a network file, or one of `alsoReading` (a targets, exclude or pairs
  /// file) — is refused (exit 2) here, before any work, and again when each is opened.
  /// `threads` is the command's `--threads` (nil: all processors); 1 reads
  /// each file on one thread.
  func load(writing outputs: [OutputFile] = [], alsoReading: [String?] = [], threads: Int? = nil) throws
    -> LoadedNetwork
  {
    for file in outputs { try file.check(force: forceExtension) }
    if readsWorkspace { return try loadWorkspace(writing: outputs, alsoReading: alsoReading) }
    var options = loadOptions
    options.threads = threads
    let log = RowErrorLog()
    options.onSkip = { _ in log.reset() }
    let progress = Self.instrument(&options)
    defer { progress?.finish() }
    let specs = try expandedSpecs()
    let mappingFile = columns.flatMap { $0.contains("=") ? nil : $0 }
    OutputGuard.protectInputs(specs.map(\.path) + (alsoReading + [mappingFile]).compactMap { $0 })
    for case let output? in outputs.map(\.path) {
      do { try OutputGuard.checkNotInput(output) } catch { throw OutputFailure.report(error) }
    }
    var session = ImportSession(options: options) { error in log.record(error) }
    // The session's indexes go with the process, whatever the outcome.
    defer { ProcessLifetime.keep(session) }
    do {
      let start = Clock.now()
      let loaded = try NetworkLoader.load(specs, in: &session)
      if getenv("LIAISON_TIMINGS") != nil {
        Terminal.note(
          "load: \(fixed(Clock.now() - start, 3)) s (\(TextFormat.count(loaded.graph.personCount, "person", plural: "people")), \(TextFormat.count(loaded.graph.tieCount, "tie")))"
        )
      }
      Self.showNotes(loaded.skipped, loaded.imports, log: log)
      ProcessLifetime.keep(loaded)
      return loaded
    } catch {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    }
  }
}

extension InputOptions {
  /// The input specs, folders replaced by their files (exit 1 for a folder that cannot be read).
  func expandedSpecs() throws -> [InputSpec] {
    do {
      return try InputSpec.expandingFolders(inputs.map(InputSpec.init(argument:)))
    } catch {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    }
  }

  /// Prints what a load set aside or changed: skipped files, rejected rows
  /// (from `log`), weight mappings, dropped self-ties; for `imports` only.
  static func showNotes(_ skipped: [SkippedFile], _ imports: [ImportReport], log: RowErrorLog) {
    for s in skipped {
      let hint = s.hints.isEmpty ? "" : " — " + s.hints.map(\.commandLineText).joined(separator: "; ")
      let place = (s.line.map { ":\($0)" } ?? "") + (s.line != nil ? s.column.map { ":\($0)" } ?? "" : "")
      Terminal.warn("skipped \(s.file)\(place): \(s.reason)\(hint)")
    }
    log.show(files: imports.map(\.file))
    for r in imports {
      if let mapping = r.weights, mapping != WeightMapping.strength.rawValue {
        Terminal.note("\(r.file): weights read as \(WeightMapping.describe(mapping, reference: r.weightsReference))")
      }
    }
    for r in imports where r.selfTies > 0 {
      Terminal.warn(
        "\(r.file): \(r.selfTies) self-tie\(r.selfTies == 1 ? "" : "s") dropped (listed in the import report)")
    }
  }
}

/// Date options (`--as-of`).
enum DateOption {
  /// Throws a `ValidationError` saying why `text` is not a date: not written
  /// YYYY-MM-DD (or another accepted form), or a day, month or year that does not exist.
  static func validate(_ text: String, option: String) throws {
    guard case .failure(let problem) = Day.parse(text) else { return }
    if problem.isOutOfRange { throw ValidationError("\(option) \(text): \(problem).") }
    throw ValidationError("\(option) '\(text)' is not YYYY-MM-DD (a date such as 2026-11-01).")
  }
}

/// Output options shared by every analysis command.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: table (for people), json or csv (for programs).")
  var format: OutputFormat = .table

  @Option(name: .shortAndLong, help: "Write the answer to this file (atomically) instead of standard output.")
  var output: String?

  @Flag(help: "Tables on a terminal: keep every column whole (by default they are cut to its width with …).")
  var wide = false

  /// The answer's file, when one is named.
  var file: OutputFile {
    OutputFile(
      path: output, content: format.content,
      otherwise: format == .table ? "choose --format json or csv" : "choose another --format")
  }

  /// Writes the answer; tables (text for people) with `Terminal.safe`, so names cannot drive a terminal.
  func emit(_ text: String) throws {
    let text = format == .table ? Terminal.safe(text) : text
    guard let output, output != "-" else {
      // On a terminal narrower than the answer, its prose wraps to fit (tables already do).
      let text = format == .table ? TextTable.fitLines(text) : text
      print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
      return
    }
    do {
      try AtomicFileWriter.write(text.hasSuffix("\n") ? text : text + "\n", to: output)
    } catch {
      throw OutputFailure.report(error)
    }
  }
}

extension OutputOptions {
  /// Writes an answer made in pieces: `body` calls `write` with each piece,
  /// in order, and the pieces go to the --output file (atomically, on
  /// success only) or to standard output as they come. The answer must end
  /// with a newline.
  func stream(_ body: (_ write: (String) throws -> Void) throws -> Void) throws {
    let path = output ?? "-"
    if path == "-" { fflush(nil) }  // anything printed before goes first
    do {
      let writer = try AtomicFileWriter(path: path)
      // fitLines changes nothing unless standard output is a narrow terminal.
      let fit = format == .table && path == "-"
      try body { writer.write(fit ? TextTable.fitLines($0) : $0) }
      try writer.commit()
    } catch let error as OutputError {
      throw OutputFailure.report(error)
    }
  }
}

/// How a command reports an output it could not write.
enum OutputFailure {
  /// Prints the error and returns the exit to throw: 2 for a refused path
  /// (an input, a folder), 1 for a failed write.
  static func report(_ error: OutputError) -> ExitCode {
    Terminal.error("\(error)")
    return error.isUsageError ? ExitCode(LiaisonCommand.Exit.usage.rawValue) : .failure
  }
}
