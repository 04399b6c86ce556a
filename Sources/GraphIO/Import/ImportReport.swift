/// What happened to one input file (`imports` in the JSON answers).
///
/// Counts data rows only (not preamble, header, comments or blank lines):
/// `rowsRead == imported + merged + rejected`.
public struct ImportReport: Sendable, Codable, Equatable {
  public struct RowError: Sendable, Codable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
  }

  public var file: String
  public var format: String
  /// The export's generation or variant, when the format has several (LinkedIn, Google, Outlook, vCard).
  public var generation: String?
  /// The text encoding found (contact exports, tables and edge lists).
  public var encoding: String?
  /// Lines before the header that were skipped (LinkedIn's `Notes:` preamble).
  public var preambleLinesSkipped: Int?
  /// Header names that were not recognised (their data is not used).
  public var unknownColumns: [String]?
  /// Whose export this is (contact exports).
  public var owner: String?
  /// Which rule named the owner (`OwnerRule`: `OWNER=PATH`, `--owner`, `Profile.csv`, …).
  public var ownerRule: String?
  /// How weights became strengths (`strength`, `count`, `scale`, `rank`;
  /// Guides/Importing.md, "Weights"). Absent when the file has no weights, or
  /// when its weights were strengths in (0, 1] read as given without `--weights`.
  public var weights: String?
  /// The value the mapping divided by: k for `count` (the median weight), the largest weight for `scale`.
  public var weightsReference: Double?
  /// Rows that were negative (signed) ties, kept with their sign and counted
  /// among the imported or merged rows (Guides/Importing.md, "Signed ties").
  public var negativeTies: Int?
  /// Problems that did not cost a row (a value cut to size, an unknown charset).
  public var warnings: [RowError]?
  /// Mailboxes and calendars: messages, set-aside mail, owner addresses (Guides/MailAndCalendar.md).
  public var mail: MailImportSummary?
  public var rowsRead = 0
  /// Rows that became a new person or tie.
  public var imported = 0
  /// Rows folded into a person or tie already known.
  public var merged = 0
  /// Rows refused, each listed in `errors` (up to `errorLimit`).
  public var rejected = 0
  /// Self-ties among the rejected rows (dropped by rule, not malformed).
  public var selfTies = 0
  /// Contact rows or cards that name nobody (hidden or deleted members), among the rejected rows.
  public var emptyRecords: Int?
  /// People first named by this file's ties (not in any people file).
  public var peopleAdded = 0
  public var errors: [RowError] = []
  /// Rows whose errors were counted but not listed.
  public var errorsNotListed = 0

  public static let errorLimit = 1000

  public init(file: String, format: String) {
    self.file = file
    self.format = format
  }

  mutating func reject(line: Int, column: Int, _ message: String) {
    rejected += 1
    if errors.count < Self.errorLimit {
      errors.append(RowError(line: line, column: column, message: message))
    } else {
      errorsNotListed += 1
    }
  }

  /// Whether the counts add up (an invariant every importer keeps).
  public var isConsistent: Bool { rowsRead == imported + merged + rejected }
}
