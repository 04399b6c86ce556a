import GraphIO

/// One cell of a CSV answer. Text is quoted when it needs to be and guarded
/// against spreadsheet formulas (`CSVEscaping.field`); numbers are written in
/// full precision (Swift's shortest round-trip form), so programs read back
/// exactly what was computed; an absent value is an empty cell.
enum CSVCell: ExpressibleByStringLiteral {
  case text(String)
  case int(Int)
  case number(Double)
  case flag(Bool)
  case empty

  init(stringLiteral value: String) { self = .text(value) }

  /// An optional number: the number, or an empty cell.
  static func number(_ x: Double?) -> CSVCell { x.map { .number($0) } ?? .empty }
  /// An optional count: the count, or an empty cell.
  static func int(_ n: Int?) -> CSVCell { n.map { .int($0) } ?? .empty }

  var field: String {
    switch self {
    case .text(let s): CSVEscaping.field(s)
    case .int(let n): "\(n)"
    case .number(let x): "\(x)"
    case .flag(let b): "\(b)"
    case .empty: ""
    }
  }
}

/// A CSV answer built row by row: a header, then rows of typed cells, each
/// line ending in `\n`. Streaming writers use `line` for one row at a time.
struct CSVTable {
  private(set) var text: String

  init(_ columns: [String]) { text = Self.line(columns.map(CSVCell.text)) }

  mutating func add(_ cells: [CSVCell]) { text += Self.line(cells) }

  /// One row as text, newline included.
  static func line(_ cells: [CSVCell]) -> String { cells.map(\.field).joined(separator: ",") + "\n" }
}
