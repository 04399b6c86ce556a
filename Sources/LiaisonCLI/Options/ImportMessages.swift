import GraphIO

/// How the command line words what GraphIO suggests about an input it could
/// not use: hints that depend on how the loader was called name the flags and
/// argument forms that do it (Guides/Importing.md, "Errors and hints").
extension ImportHint {
  /// The hint in the command line's words.
  var commandLineText: String {
    switch self {
    case .advice(let text): text
    case .retryWithoutStrict: "run without --strict to skip bad rows"
    case .nameTheOwner: "name the owner by id, email or profile URL instead: ID=PATH, or --owner ID"
    case .nameTheFormat(let examples):
      "or name the format, e.g. " + examples.map { "\($0.rawValue):PATH" }.joined(separator: ", ")
    case .looksLike(let format):
      "this looks like a \(format.rawValue) file: read it as one (\(format.rawValue):PATH, or without --as)"
    case .allowMoreRejected: "fix the rows listed, or allow more with --max-rejected"
    }
  }
}

extension ImportError {
  /// `file:line:column: message — hints`, as every command prints it.
  var commandLineText: String { description(wordingHints: \.commandLineText) }

  /// The hints as one sentence in the command line's words (batch failures list it).
  var commandLineHint: String? { hintText(wording: \.commandLineText) }
}
