import Foundation
import GRDB
import GraphCore
import GraphIO

extension Workspace {
  /// Where a network read from the workspace came from.
  public enum LoadPath: String, Sendable {
    /// The snapshot beside the database was current and sound.
    case snapshot
    /// The sources were read again (and the snapshot rewritten).
    case sources
  }

  /// The network the workspace holds, as the commands read it: from the
  /// snapshot when it is current for `options`, else rebuilt by reading the
  /// current sources with `NetworkLoader` (in import order, each as it was
  /// first read) and corrected (`corrected`), and the snapshot rewritten.
  ///
  /// The answers are those the same command gives on the imported files.
  /// - Throws: `WorkspaceError`, or the loader's `ImportError` when a stored
  ///   source cannot be read (it was read when imported; a damaged workspace).
  /// - Complexity: O(V + E + text) from the snapshot; a full load of the sources otherwise.
  public func load(options: LoadOptions) throws -> (LoadedNetwork, LoadPath) {
    let (loaded, from, _) = try loadReporting(options: options)
    return (loaded, from)
  }

  /// `load(options:)`, with what the corrections did when the network was
  /// rebuilt from the sources (nil when read from the snapshot, or when
  /// there are no corrections).
  public func loadReporting(options: LoadOptions) throws -> (LoadedNetwork, LoadPath, CorrectionsReport?) {
    var options = Self.workspaceOptions(options)
    // Each stored file passed the rejection limit of its own import; it is not judged again.
    options.strict = false
    options.maxRejected = 1
    let generation = try generation()
    let fingerprint = try snapshotFingerprint(options)
    if let loaded = try? readSnapshot(generation: generation, fingerprint: fingerprint, options: options) {
      return (loaded, .snapshot, nil)
    }
    let imports = try read { db in try StoredImport.current(db) }
    if imports.isEmpty {
      throw WorkspaceError("the workspace \(path) holds no imports — import files first: liaison import FILE…")
    }
    let rebuilt = try rebuild(imports, extra: [], options: options)
    try? writeSnapshot(rebuilt.loaded, generation: generation, fingerprint: fingerprint)
    return (rebuilt.loaded, .sources, rebuilt.report)
  }

  /// Calls `body` with specs that read copies of the current sources (in a
  /// private temporary folder, removed on return), each as it was first
  /// read: for work that reads files itself (`liaison batch`).
  package func withCurrentSources<R>(_ body: ([InputSpec]) throws -> R) throws -> R {
    let imports = try read { db in try StoredImport.current(db) }
    if imports.isEmpty {
      throw WorkspaceError("the workspace \(path) holds no imports — import files first: liaison import FILE…")
    }
    let sources = try read { db in try MaterializedSources(imports, db: db, beside: path) }
    defer { sources.remove() }
    return try body(sources.specs)
  }

  /// The network of the snapshot, mapped and used in place, when the file
  /// exists, its header and the sections every command reads are sound, and
  /// it is current for `generation` and `fingerprint` (`SnapshotFile`). A
  /// section found damaged later, on first use, is read instead from a
  /// snapshot made again from the sources (`recoverSnapshot`).
  func readSnapshot(generation: UInt64, fingerprint: String, options: LoadOptions = LoadOptions()) throws
    -> LoadedNetwork
  {
    let file = try SnapshotFile(path: snapshotPath, generation: generation, fingerprint: fingerprint)
    let path = self.path
    let recovered = OnceBox { Self.recoverSnapshot(workspace: path, options: options) }
    return try file.network(recover: { recovered.get })
  }

  /// A sound snapshot of the workspace at `path` made again from its
  /// sources, for a load whose snapshot turned out damaged after it was
  /// opened: the same network, since the generation and options are the
  /// same. When the sources cannot be read the process stops (exit 1) with
  /// why on standard error: no answer is given from damaged data.
  static func recoverSnapshot(workspace path: String, options: LoadOptions) -> SnapshotFile {
    do {
      let workspace = try Workspace.open(at: path, create: false)
      unlink(workspace.snapshotPath)
      _ = try workspace.loadReporting(options: options)
      let generation = try workspace.generation()
      let file = try SnapshotFile(
        path: workspace.snapshotPath, generation: generation,
        fingerprint: try workspace.snapshotFingerprint(workspaceOptions(options)))
      try file.checkAll()
      return file
    } catch {
      let message =
        "error: the workspace snapshot \(path).graph is damaged and the workspace could not be read again (\(error)); "
        + "run `liaison workspace check`\n"
      FileHandle.standardError.write(Data(message.utf8))
      exit(1)
    }
  }

  func writeSnapshot(_ loaded: LoadedNetwork, generation: UInt64, fingerprint: String) throws {
    let bytes = try GraphSnapshot.encode(loaded, generation: generation, fingerprint: fingerprint)
    try GraphSnapshot.write(bytes, to: snapshotPath)
  }

  /// Reads `imports` from their stored copies, then the files of `extra`
  /// from disk, into one network; corrections applied. `corrections`
  /// replaces the stored ones and `replacing` the bytes of stored sources
  /// (by source id) when given (`forget` reads what would be left).
  func rebuild(
    _ imports: [StoredImport], extra: [InputSpec], options: LoadOptions,
    corrections: NetworkCorrections? = nil, replacing: [Int64: [UInt8]] = [:],
    onRowError: @escaping (ImportError) -> Void = { _ in }
  ) throws -> (loaded: LoadedNetwork, sources: Int, report: CorrectionsReport?) {
    // The corrections and the log (WorkspaceCorrections.swift): `different`
    // pairs act inside identity resolution, the rest after the load.
    let corrections = try corrections ?? networkCorrections()
    let options = Self.keepingApart(options, corrections)
    let sources = try read { db in
      try MaterializedSources(imports, db: db, beside: path, replacing: replacing)
    }
    defer { sources.remove() }
    // Row errors of stored sources were shown when they were imported.
    let loaded: LoadedNetwork
    do {
      loaded = try NetworkLoader.load(sources.specs + extra, options: options) { error in
        if !sources.isCopy(error.file) { onRowError(error) }
      }
    } catch {
      // Name a stored file by the path it was imported from.
      var named = error
      named.file = sources.original(error.file)
      throw named
    }
    let (corrected, report) = try Self.corrected(sources.restoringPaths(loaded), corrections, options: options)
    return (corrected, imports.count, report)
  }

  /// The snapshot's fingerprint: the options' and the corrections' in force.
  func snapshotFingerprint(_ options: LoadOptions) throws -> String {
    let digest = Self.correctionsDigest(try networkCorrections())
    return digest.isEmpty ? Self.fingerprint(options) : SHA256.hex(Array((Self.fingerprint(options) + digest).utf8))
  }

  /// `options` as they apply to stored sources: the format, owner and column
  /// names of each file are stored with it, so the command's own do not apply.
  static func workspaceOptions(_ options: LoadOptions) -> LoadOptions {
    var options = options
    options.format = nil
    options.contacts.owner = nil
    options.columns = nil
    options.onSkip = nil
    return options
  }

  /// A digest of every option that changes the loaded network: a snapshot
  /// made under other options is not used. (`strict`, `maxRejected` and
  /// `skipUnusable` only refuse files; a stored file was accepted when imported.)
  static func fingerprint(_ o: LoadOptions) -> String {
    let c = o.contacts
    var parts = [
      "reference=\(o.referenceDate.map { "\($0)" } ?? "-")", "weights=\(o.weights?.rawValue ?? "-")",
      "infer=\(c.infer)", "maxGroup=\(c.maxGroupSize)", "minOwners=\(c.minSharedOwners)",
      "maxParticipants=\(c.maxParticipants)", "minConfidence=\(c.minConfidence)",
      "maxRecipients=\(o.mail.maxRecipients)", "me=\(o.mail.me.joined(separator: ","))",
      "snapshot=\(GraphSnapshot.version)",
    ]
    // Added only when given, so existing workspaces keep their fingerprint.
    if let since = o.mail.since { parts.append("since=\(since)") }
    return SHA256.hex(Array(parts.joined(separator: ";").utf8))
  }
}
