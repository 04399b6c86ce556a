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
    var given = config.inputs.map(InputSpec.init(argument:))
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
    // A file listed twice (a folder and a manifest) is read once; the first owner wins.
    var seen = Set<String>()
    specs = specs.filter { seen.insert($0.path).inserted }
    return (specs, failures)
  }

  /// Loads everything; a file that cannot be used is set aside with its reason and the rest loaded again.
  static func load(
    _ specs: [InputSpec], options: LoadOptions, threads: Int, progress: BatchProgress
  ) -> (LoadedNetwork?, [BatchSummary.Failure], rowErrors: Int) {
    var specs = specs
    var failures: [BatchSummary.Failure] = []
    let counter = RowErrorCounter()
    var checkedAlone = false
    while !specs.isEmpty {
      if failures.count == 1 && !checkedAlone && specs.count > 1 {
        // After the first failure, read every remaining file on its own, in
        // parallel, so files that are unusable by themselves are set aside in
        // one step instead of one full reload each.
        checkedAlone = true
        progress.phase("checking \(specs.count) files one by one")
        let (kept, unusable) = checkEachAlone(specs, options: options, threads: threads)
        for f in unusable { progress.note("skipped \(f.file): \(f.reason)") }
        failures += unusable
        specs = kept
        if specs.isEmpty { break }
      }
      progress.phase("reading \(TextFormat.count(specs.count, "file"))")
      counter.count = 0
      do {
        let loaded = try NetworkLoader.load(specs, options: options) { _ in counter.count += 1 }
        return (loaded, failures, counter.count)
      } catch {
        failures.append(Failure(error))
        guard let i = specs.firstIndex(where: { $0.path == error.file }) else {
          // Not one file's fault (e.g. the network is too large): nothing to analyse.
          return (nil, failures, counter.count)
        }
        specs.remove(at: i)
        progress.note("skipped \(error.file): \(error.message)")
      }
    }
    return (nil, failures, 0)
  }

  /// Reads each file on its own (without inference), in parallel: the files
  /// usable by themselves, and a failure for each of the others.
  static func checkEachAlone(
    _ specs: [InputSpec], options: LoadOptions, threads: Int
  ) -> (kept: [InputSpec], unusable: [BatchSummary.Failure]) {
    var alone = options
    alone.contacts.infer = false
    let verdicts = Parallel.map(count: specs.count, threads: threads) { i -> ImportError? in
      do { _ = try NetworkLoader.load([specs[i]], options: alone) } catch let error as ImportError
        where error.file == specs[i].path
      {
        return error
      } catch {}
      return nil
    }
    var kept: [InputSpec] = []
    var unusable: [BatchSummary.Failure] = []
    for (spec, verdict) in zip(specs, verdicts) {
      if let verdict { unusable.append(Failure(verdict)) } else { kept.append(spec) }
    }
    return (kept, unusable)
  }
}

extension BatchSummary.Failure {
  /// The failure of an input as the summary lists it.
  init(_ error: ImportError) {
    self.init(
      file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.commandLineHint)
  }
}
