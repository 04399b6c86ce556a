import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

extension BatchReport {
  typealias Failure = BatchSummary.Failure

  // MARK: inputs

  /// `owner,path` rows of a manifest; relative paths are taken from the manifest's folder.
  static func readManifest(_ path: String) throws(ImportError) -> [InputSpec] {
    var tokenizer = try CSVTokenizer(source: try ByteSource(path: path))
    var out: [InputSpec] = []
    var ownerColumn = 0
    var pathColumn = 1
    var first = true
    let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    while let r = try tokenizer.next() {
      if r.isBlank { continue }
      let fields = (0..<r.count).map { (r.trimmed($0) ?? "").lowercased() }
      if first {
        first = false
        if let o = fields.firstIndex(of: "owner"), let p = fields.firstIndex(of: "path") {
          ownerColumn = o
          pathColumn = p
          continue
        }
      }
      guard r.count > max(ownerColumn, pathColumn), let file = r.trimmed(pathColumn), !file.isEmpty else {
        throw ImportError(
          file: path, line: r.line, column: 1, message: "expected `owner,path`",
          hint: "one export per row, e.g. `Ada Lovelace,ada.csv`")
      }
      let owner = r.trimmed(ownerColumn) ?? ""
      let full = file.hasPrefix("/") ? file : "\(dir)/\(file)"
      out.append(InputSpec(path: full, owner: owner.isEmpty ? nil : owner))
    }
    return out
  }

  /// Expands folders and manifests; inputs that cannot even be listed are failures.
  static func gather(_ config: BatchConfig) -> (specs: [InputSpec], failures: [BatchSummary.Failure]) {
    var specs: [InputSpec] = []
    var failures: [BatchSummary.Failure] = []
    var given = config.specs ?? config.inputs.map(InputSpec.init(argument:))
    if let m = config.manifest { given.append(InputSpec(path: m)) }
    for spec in given {
      let expanded: [InputSpec]
      // The report folder (and any earlier report, by its marker) is never read as input.
      do { expanded = try InputSpec.expandingFolders([spec], skipping: [config.out]) } catch {
        failures.append(Failure(error))
        continue
      }
      for s in expanded {
        if s.format == nil && (s.path == config.manifest || FormatDetector.isManifest(path: s.path)) {
          do { specs += try readManifest(s.path) } catch {
            failures.append(Failure(error))
          }
        } else {
          specs.append(s)
        }
      }
    }
    // A file listed twice (a folder and a manifest) is read once, in its first
    // place, with the first owner named for it (a manifest's beats none).
    var place: [String: Int] = [:]
    var kept: [InputSpec] = []
    for s in specs {
      if let i = place[s.path] {
        if kept[i].owner == nil, s.owner != nil { kept[i].owner = s.owner }
        continue
      }
      place[s.path] = kept.count
      kept.append(s)
    }
    return (kept, failures)
  }

  /// Loads everything; a file that cannot be used is set aside with its
  /// reason (the loader's `skipUnusable`) and the rest loaded.
  static func load(
    _ specs: [InputSpec], options: LoadOptions, progress: BatchProgress
  ) -> (LoadedNetwork?, [BatchSummary.Failure], rowErrors: Int) {
    var options = options
    options.skipUnusable = true
    let counter = RowErrorCounter()
    options.onSkip = { skipped in
      counter.count = 0
      progress.note("skipped \(skipped.file): \(skipped.reason)")
    }
    progress.phase("reading \(TextFormat.count(specs.count, "file"))")
    options.onFileRead = { done, total, _ in progress.count(done, of: total, what: "read") }
    do {
      let loaded = try NetworkLoader.load(specs, options: options) { _ in counter.count += 1 }
      for s in loaded.skipped where !s.unusable { progress.note("skipped \(s.file): \(s.reason)") }
      return (loaded, loaded.skipped.filter(\.unusable).map(Failure.init), counter.count)
    } catch {
      return (nil, [Failure(error)], counter.count)
    }
  }
}

extension BatchSummary.Failure {
  /// A file the loader set aside as unusable.
  init(_ skipped: SkippedFile) {
    self.init(
      file: skipped.file, line: skipped.line ?? 0, column: skipped.column ?? 0, reason: skipped.reason,
      hint: skipped.hints.isEmpty ? nil : skipped.hints.map(\.commandLineText).joined(separator: "; "))
  }

  /// The failure of an input as the summary lists it.
  init(_ error: ImportError) {
    self.init(
      file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.commandLineHint)
  }
}
