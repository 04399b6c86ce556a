import GraphCore
import GraphIO

/// The rows a load skipped, shown on standard error at most `perFile` per
/// file, then a count (the JSON report lists them all, up to its limit).
/// Kept until the load ends, because a file set aside makes the loader read
/// the others again (their rows would otherwise be shown twice).
final class RowErrorLog: @unchecked Sendable {  // used by the loading thread only
  static let perFile = 20
  private var shown: [String: [ImportError]] = [:]
  private var counts: [String: Int] = [:]

  func record(_ error: ImportError) {
    counts[error.file, default: 0] += 1
    if shown[error.file, default: []].count < Self.perFile { shown[error.file, default: []].append(error) }
  }

  /// Forgets everything: the load starts again.
  func reset() {
    shown = [:]
    counts = [:]
  }

  /// Prints each file's first rows and, past `perFile`, how many more.
  func show(files: [String]) {
    for file in files {
      for error in shown[file] ?? [] { Terminal.warn(error.commandLineText) }
      let more = (counts[file] ?? 0) - (shown[file]?.count ?? 0)
      if more > 0 {
        Terminal.warn(
          "\(file): \(TextFormat.count(more, "more row")) skipped (`liaison stats --format json` lists them)")
      }
    }
  }
}
