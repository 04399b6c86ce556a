/// A file given, or found in a folder, that was not read, and why
/// (`skipped` in the JSON answers; Guides/Importing.md, "Folders").
public struct SkippedFile: Sendable, Codable, Equatable {
  public var file: String
  public var reason: String
  /// Where the problem that made the file unusable is, when it is one place.
  public var line: Int?
  public var column: Int?
  /// Whether the file was meant as data but could not be used (a file named
  /// on the command line that cannot be read, a file rejected as read), as
  /// opposed to a file that is not data at all (found in a folder beside the
  /// data) or a file given twice.
  public var unusable: Bool
  /// What the user can do about it (not in the JSON: the caller words hints).
  public var hints: [ImportHint] = []

  enum CodingKeys: String, CodingKey { case file, reason, line, column, unusable }

  public init(file: String, reason: String, line: Int? = nil, column: Int? = nil, unusable: Bool = false) {
    self.file = file
    self.reason = reason
    self.unusable = unusable
    self.line = line.flatMap { $0 > 0 ? $0 : nil }
    self.column = column.flatMap { $0 > 0 ? $0 : nil }
  }

  /// A file set aside for `error`, its hints kept.
  init(_ error: ImportError, reason: String? = nil, unusable: Bool) {
    self.init(
      file: error.file, reason: reason ?? error.message, line: error.line, column: error.column, unusable: unusable)
    hints = error.hints
  }

  /// Extensions of files a folder may hold beside its data that are never
  /// network or contact data (documents, pictures, archives, pages).
  static let notDataExtensions: Set<String> = [
    "md", "markdown", "rst", "pdf", "doc", "docx", "odt", "rtf", "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif",
    "tiff", "heic", "svg", "html", "htm", "zip", "gz", "tgz", "bz2", "xz", "7z", "tar", "xlsx", "xls", "ods", "json",
    "js", "css", "py", "sh", "swift", "log", "pem", "key", "msf",
  ]

  /// Why a file found in a folder is not read without looking inside, or nil:
  /// its extension is a document's, a picture's or an archive's (see
  /// `notDataExtensions`), or it is LinkedIn's `Profile.csv` (read only for
  /// the owner's name). Everything else is judged by its content.
  static func notData(path: String) -> String? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.lowercased() == "profile.csv" { return "LinkedIn profile (read for its owner's name)" }
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let ext = name[name.index(after: dot)...].lowercased()
    return notDataExtensions.contains(ext) ? "not network or contact data (.\(ext))" : nil
  }
}
