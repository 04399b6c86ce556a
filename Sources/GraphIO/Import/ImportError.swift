/// A problem with an input file, at a position. `line` and `column` are
/// 1-based (column counts bytes); 0 means "the file as a whole".
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String
  /// What the user can do about it, in the order they are shown (joined by
  /// "; "). Empty when there is nothing to suggest.
  public var hints: [ImportHint]
  /// The same problem in other files, found in the same pass (owners who
  /// match several people, all checked before any is reported): a loader
  /// that sets unusable files aside sets these aside at the same time.
  public var others: [ImportError] = []

  public init(file: String, line: Int, column: Int, message: String, hints: [ImportHint]) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hints = hints
  }

  /// An error whose only hint, if any, is advice in plain words.
  public init(file: String, line: Int, column: Int, message: String, hint: String?) {
    self.init(file: file, line: line, column: column, message: message, hints: hint.map { [.advice($0)] } ?? [])
  }

  /// The advice given in plain words (`.advice` hints), joined by "; "; nil when there is none.
  public var advice: String? {
    let texts = hints.compactMap { hint -> String? in
      if case .advice(let text) = hint { return text }
      return nil
    }
    return texts.isEmpty ? nil : texts.joined(separator: "; ")
  }

  /// The hints as one sentence, each worded by `words`; nil when there are none.
  public func hintText(wording words: (ImportHint) -> String) -> String? {
    hints.isEmpty ? nil : hints.map(words).joined(separator: "; ")
  }

  /// `file:line:column: message — hints`, the form editors and terminals
  /// link, with each hint worded by `words` (a command line names its own
  /// flags there).
  public func description(wordingHints words: (ImportHint) -> String) -> String {
    var s = file
    if line > 0 { s += ":\(line)" }
    if column > 0 { s += ":\(column)" }
    s += ": \(message)"
    if let hint = hintText(wording: words) { s += " — \(hint)" }
    return s
  }

  /// `file:line:column: message — hints`, hints in the library's own words
  /// (`ImportHint.description`).
  public var description: String { description(wordingHints: \.description) }
}

/// What the user can do about an `ImportError`. Most hints are advice in
/// plain words; the others depend on how the loader was called (its options,
/// how inputs were named), so the caller words them: a command line names
/// its flags and argument forms (Guides/Importing.md, "Errors and hints").
public enum ImportHint: Equatable, Sendable, CustomStringConvertible {
  /// Advice that holds whoever called the loader ("check the path", "save the file as UTF-8").
  case advice(String)
  /// The load was strict (`LoadOptions.strict`) and stopped at this row;
  /// without strictness the row is skipped and reported.
  case retryWithoutStrict
  /// An owner's name matched several people: name the owner by id, email or
  /// profile URL instead (`InputSpec.owner` for one export,
  /// `ContactOptions.owner` for all).
  case nameTheOwner
  /// The format could not be told from the content: name it (`InputSpec.format`
  /// for one file, `LoadOptions.format` for all), for example as one of `examples`.
  /// Follows advice on what the file would need, as its alternative.
  case nameTheFormat(examples: [InputFormat])
  /// The file was read as a format named for it, but its content looks like this one.
  case looksLike(InputFormat)
  /// Most of the file's rows were rejected (`LoadOptions.maxRejected`): fix
  /// them, or allow a larger share.
  case allowMoreRejected

  /// The hint in the library's words (options by their Swift names).
  public var description: String {
    switch self {
    case .advice(let text): text
    case .retryWithoutStrict: "load without the strict option to skip bad rows"
    case .nameTheOwner: "name the owner by id, email or profile URL instead"
    case .nameTheFormat(let examples):
      "or name the format (\(examples.map(\.rawValue).joined(separator: ", ")) …)"
    case .looksLike(let format): "this looks like a \(format.rawValue) file: read it as one"
    case .allowMoreRejected: "fix the rows listed, or raise the rejection limit (maxRejected)"
    }
  }
}
