/// A problem with an input file, at a position. `line` and `column` are
/// 1-based (column counts bytes); 0 means "the file as a whole".
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String
  /// What the user can do about it.
  public var hint: String?

  public init(file: String, line: Int, column: Int, message: String, hint: String?) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `file:line:column: message (hint)`, the form editors and terminals link.
  public var description: String {
    var s = file
    if line > 0 { s += ":\(line)" }
    if column > 0 { s += ":\(column)" }
    s += ": \(message)"
    if let hint { s += " — \(hint)" }
    return s
  }
}
