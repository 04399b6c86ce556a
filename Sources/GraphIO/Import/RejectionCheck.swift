import GraphCore

/// The check that keeps a mostly rejected file from passing as data
/// (Guides/Importing.md, "Never silent garbage"): a file whose malformed
/// rows are more than `LoadOptions.maxRejected` of its data rows is refused,
/// with its first problems and the likely cause.
enum RejectionCheck {
  /// Rows rejected as malformed: self-ties and records that name nobody are dropped by rule.
  static func badRows(_ r: ImportReport) -> Int { r.rejected - r.selfTies - (r.emptyRecords ?? 0) }

  /// The error for a file rejected beyond `maxRejected`, or nil.
  /// - Parameter detected: what the file's content looks like, when it differs from how it was read (asked only on refusal).
  /// - Complexity: O(listed errors).
  static func refusal(_ r: ImportReport, maxRejected: Double, detected: () -> InputFormat?) -> ImportError? {
    let bad = badRows(r)
    guard r.rowsRead > 0, r.imported + r.merged == 0 || (bad > 0 && Double(bad) > maxRejected * Double(r.rowsRead))
    else { return nil }
    let first = r.errors.first
    let shown = r.errors.prefix(3).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
    let share = Double(bad) / Double(r.rowsRead) * 100
    let message =
      r.imported + r.merged == 0
      ? "no usable rows (\(r.rowsRead) read, all rejected)"
      : "\(bad) of \(TextFormat.count(r.rowsRead, "row")) rejected (\(share < 99.5 ? "\(Int(share.rounded()))" : ">99") %)"
    var hints: [ImportHint] = []
    if let detected = detected(), detected.rawValue != r.format { hints.append(.looksLike(detected)) }
    if let cause = likelyCause(r) { hints.append(.advice(cause)) }
    hints.append(
      r.imported + r.merged == 0
        ? .advice("fix the rows listed, or check that this is the file you meant") : .allowMoreRejected)
    return ImportError(
      file: r.file, line: first?.line ?? 0, column: first?.column ?? 0,
      message: message + (shown.isEmpty ? "" : "; first problems: \(shown)"), hints: hints)
  }

  /// What the listed errors have most in common, in words a person can act on.
  static func likelyCause(_ r: ImportReport) -> String? {
    let messages = r.errors.map(\.message)
    func share(_ test: (String) -> Bool) -> Bool { messages.filter(test).count * 2 > messages.count }
    /// The value a `strength "…" …` message quotes.
    func quoted(_ m: String) -> Substring {
      m.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first ?? ""
    }
    if share({ $0.hasPrefix("strength") && quoted($0).contains(",") }) {
      return "decimal commas are read only in `;`-separated files: save the file with `;` or with decimal points"
    }
    if share({ $0.hasPrefix("strength") && Double(quoted($0)).map { $0 > 1 } == true }) {
      return "the weights are not strengths: try --weights count, scale or rank"
    }
    if share({ $0.contains("field") && $0.contains("header") }) || share({ $0.contains("values;") }) {
      return "the rows do not have the header's columns: check the delimiter, or name the columns with --columns"
    }
    if share({ $0.contains("invalid UTF-8") }) { return "save the file as UTF-8" }
    return nil
  }
}
