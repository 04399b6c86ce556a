import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// How the raw weights of a ties table or edge list become strengths in
/// (0, 1] (`--weights`; Guides/Importing.md, "Weights").
public enum WeightMapping: String, Sendable, Codable, CaseIterable {
  /// The weight is the strength itself; it must be in (0, 1].
  case strength
  /// A count: s = 1 − e^(−w/k), k the median of the file's weights (a median
  /// weight gives 0.63).
  case count
  /// s = w / the file's largest weight.
  case scale
  /// s = the fraction of the file's weights that are at most w (the largest gives 1).
  case rank
}

extension WeightMapping {
  /// One line saying how a file's weights became strengths (`ImportReport.weights`), for people.
  public static func describe(_ mapping: String, reference: Double?) -> String {
    WeightCollector.describe(mapping, reference: reference)
  }
}

/// The weights of one file: collected row by row as the file is read, mapped
/// to strengths once it ends (the mappings other than `strength` need every
/// weight of the file).
///
/// Without a chosen mapping, weights that are all in (0, 1] are strengths and
/// are stored as they are read; any weight above 1 makes the file's weights
/// counts (`count`), or for a column named `rating` or `value` ratings (`scale`). A negative weight is a negative (signed) tie: kept, its magnitude mapped
/// like any weight, and the tie marked negative (`TieEvidence.negative`).
struct WeightCollector {
  /// The mapping asked for (nil: chosen from the values).
  let chosen: WeightMapping?
  /// Tie rows (`GraphBuilder` numbering) of the recorded weights. While the
  /// rows are consecutive (every row of the file weighted, the usual case)
  /// only the first is kept: `rows` stays empty.
  private var rows: [Int] = []
  private var firstRow = -1
  private var consecutive = true
  /// Weights recorded so far.
  private var count = 0
  /// How many of the first recorded weights were strengths read as given
  /// (no mapping chosen, none above 1 yet): their magnitudes are not kept,
  /// the builder holds them as strengths, and `finish` reads them back only
  /// if a later weight above 1 makes the file's weights counts (so a file of
  /// strengths, the usual case, costs no memory here).
  private var asGiven = 0
  /// The magnitudes of the recorded weights after the first `asGiven`.
  private var weights: [Double] = []
  private var aboveOne = false
  /// The mapping when some weight is above 1 and none was chosen.
  let whenAboveOne: WeightMapping

  init(chosen: WeightMapping?, whenAboveOne: WeightMapping = .count) {
    self.chosen = chosen
    self.whenAboveOne = whenAboveOne
  }

  /// What to do with one parsed weight.
  enum Reading {
    /// Add the tie with this strength (nil: set when the file ends), negative or not.
    case tie(strength: Double?, magnitude: Double, negative: Bool)
    /// Refused, with the reason (to follow `weight "TEXT" `).
    case refused(String)
  }

  /// The weight itself when it is a strength read as given (no mapping
  /// chosen, in (0, 1], representable as a 32-bit float): the common case,
  /// which needs no `Reading` (`read` answers the same for it).
  @inline(__always) func plainStrength(_ value: Double?) -> Double? {
    guard chosen == nil, let value, value > 0, value <= 1, Float(value) > 0 else { return nil }
    return value
  }

  /// Reads one weight (`nil`: the text is not a number).
  @inline(__always) mutating func read(_ value: Double?) -> Reading {
    guard let value, value.isFinite else { return .refused("is not a number") }
    if value == 0 { return .refused("is 0 (a weight of 0 is no tie; leave the row out)") }
    let negative = value < 0
    let m = abs(value)
    if chosen == .strength {
      guard NumberParsing.isStrength(m) else { return .refused(NumberParsing.strengthProblem(m)) }
      return .tie(strength: m, magnitude: m, negative: negative)
    }
    guard Float(m) > 0 else { return .refused(NumberParsing.strengthProblem(m)) }
    if m > 1 { aboveOne = true }
    return .tie(strength: chosen == nil && m <= 1 ? m : nil, magnitude: m, negative: negative)
  }

  /// Records the weight of tie row `row`, added after `read` said `.tie`
  /// (with its strength, when it had one, given to the builder).
  @inline(__always) mutating func added(row: Int, magnitude: Double) {
    guard chosen != .strength else { return }
    if firstRow < 0 { firstRow = row }
    if consecutive && row != firstRow + count {
      consecutive = false
      rows = Array(firstRow..<firstRow + count)
    }
    if !consecutive { rows.append(row) }
    if chosen == nil && !aboveOne && weights.isEmpty {
      asGiven += 1
    } else {
      weights.append(magnitude)
    }
    count += 1
  }

  /// The mapping used for the file (`strength` when no weight was read).
  var mapping: WeightMapping { chosen ?? (aboveOne ? whenAboveOne : .strength) }

  /// The tie row of the `i`th recorded weight.
  private func row(_ i: Int) -> Int { consecutive ? firstRow + i : rows[i] }

  /// Sets the strength of every recorded row by `mapping` and notes the
  /// mapping in `report` (unless the weights were strengths read as given
  /// without `--weights`).
  /// - Complexity: O(r log r) for r rows (the median and ranks sort the weights).
  func finish(builder: inout GraphBuilder, report: inout ImportReport) {
    let mapping = mapping
    if chosen != nil || mapping != .strength {
      report.weights = mapping.rawValue
    }
    guard mapping != .strength, count > 0 else { return }
    // Weights read as given are back from the builder at 32-bit precision.
    var all: [Double] = []
    all.reserveCapacity(count)
    for i in 0..<asGiven { all.append(Double(builder.strength(ofRow: row(i)))) }
    all.append(contentsOf: weights)
    let strengths = Self.strengths(all, by: mapping)
    report.weightsReference = strengths.reference
    for (i, s) in strengths.values.enumerated() { builder.setStrength(ofRow: row(i), s) }
  }

  /// The strengths of `weights` (each > 0) by `mapping`, and the reference
  /// value the mapping used (k for `count`, the largest weight for `scale`).
  static func strengths(_ weights: [Double], by mapping: WeightMapping) -> (values: [Float], reference: Double?) {
    func clamp(_ s: Double) -> Float { max(Float.leastNonzeroMagnitude, min(1, Float(s))) }
    switch mapping {
    case .strength:
      return (weights.map { clamp($0) }, nil)
    case .count:
      let k = median(weights)
      return (weights.map { clamp(1 - exp(-$0 / k)) }, k)
    case .scale:
      let top = weights.max() ?? 1
      return (weights.map { clamp($0 / top) }, top)
    case .rank:
      let sorted = weights.sorted()
      let n = Double(sorted.count)
      return (
        weights.map { w in
          // Number of weights ≤ w: the end of w's run in the sorted list.
          var lo = 0
          var hi = sorted.count
          while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= w { lo = mid + 1 } else { hi = mid }
          }
          return clamp(Double(lo) / n)
        }, nil
      )
    }
  }

  /// One line saying how a file's weights became strengths, for people.
  public static func describe(_ mapping: String, reference: Double?) -> String {
    let k = reference.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) } ?? "?"
    switch WeightMapping(rawValue: mapping) {
    case .count: return "counts: strength = 1 − e^(−w/\(k)), \(k) the median weight (--weights to choose)"
    case .scale: return "scaled: strength = w / \(k), the largest weight (--weights to choose)"
    case .rank: return "ranks: strength = the share of the file's weights at most w (--weights to choose)"
    default: return "strengths in (0, 1], as given"
    }
  }

  /// The median of non-empty `values` (the mean of the middle two for an even count).
  static func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    let n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
  }
}

/// Which column is which, when the header's names are not the usual ones
/// (`--columns source=src,target=dst,weight=w,time=t`, or per file
/// `FORMAT[…]:PATH`). Names are compared as header names are (case, spaces,
/// `_` and `-` ignored).
public struct ColumnMap: Sendable, Equatable {
  /// The roles a ties table or edge list can name.
  public static let roles = ["source", "target", "weight", "time", "interactions", "lastcontact", "since", "kind"]
  /// Role → normalised column name.
  public private(set) var names: [String: String] = [:]

  /// Parses `role=name,role=name`.
  /// - Throws: a message for an unknown role, a pair without `=`, or a role given twice.
  public init(parsing text: String) throws(ColumnMapError) {
    for pair in text.split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { throw ColumnMapError(message: "\"\(pair)\" is not ROLE=COLUMN") }
      var role = ColumnNames.normalize(String(parts[0]))
      if role == "strength" { role = "weight" }
      guard Self.roles.contains(role) else {
        throw ColumnMapError(
          message: "unknown column role \"\(parts[0])\"; use \(Self.roles.joined(separator: ", "))")
      }
      guard names[role] == nil else { throw ColumnMapError(message: "role \"\(parts[0])\" is given twice") }
      names[role] = ColumnNames.normalize(String(parts[1]))
    }
    if names.isEmpty { throw ColumnMapError(message: "no ROLE=COLUMN pair") }
  }

  public subscript(role: String) -> String? { names[role] }

  /// The column names in a mapping file: one `ROLE=COLUMN` (or `ROLE,COLUMN`,
  /// `ROLE: COLUMN`) per line, blank lines and `#` comments ignored, so that a
  /// mapping used every week is written once (`--columns FILE`).
  /// - Throws: `ColumnMapError` naming the file and line of the first problem.
  public init(file path: String) throws(ColumnMapError) {
    let text: String
    do {
      let source = try ByteSource(path: path, text: true)
      var bytes: [UInt8] = []
      while try source.read(into: &bytes, count: 1 << 16) > 0 {
        if bytes.count > 1 << 20 {
          throw ColumnMapError(message: "\(path): a mapping file is a few lines, not a megabyte")
        }
      }
      text = String(decoding: bytes, as: UTF8.self)
    } catch let error as ColumnMapError {
      throw error
    } catch {
      throw ColumnMapError(message: "\(path): cannot read the mapping file (\(error))")
    }
    var pairs: [String] = []
    for (n, raw) in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    ).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let trimmed = Self.strip(line, [" ", "\t"])
      if trimmed.isEmpty { continue }
      guard let cut = trimmed.firstIndex(where: { $0 == "=" || $0 == "," || $0 == ":" }) else {
        throw ColumnMapError(message: "\(path):\(n + 1): \"\(trimmed)\" is not ROLE=COLUMN")
      }
      let role = Self.strip(trimmed[..<cut], [" ", "\t"])
      let column = Self.strip(trimmed[trimmed.index(after: cut)...], [" ", "\t", "\""])
      do { _ = try ColumnMap(parsing: "\(role)=\(column)") } catch {
        throw ColumnMapError(message: "\(path):\(n + 1): \(error.message)")
      }
      pairs.append("\(role)=\(column)")
    }
    do { try self.init(parsing: pairs.joined(separator: ",")) } catch {
      throw ColumnMapError(message: "\(path): \(error.message)")
    }
  }

  /// `text` without the leading and trailing characters in `drop`.
  static func strip(_ text: Substring, _ drop: Set<Character>) -> String {
    String(text.drop(while: drop.contains).reversed().drop(while: drop.contains).reversed())
  }

  /// `--columns`: `ROLE=COLUMN,…`, or the path of a mapping file (`init(file:)`) when it has no `=`.
  public init(argument: String) throws(ColumnMapError) {
    if argument.contains("=") { try self.init(parsing: argument) } else { try self.init(file: argument) }
  }
}

/// Why a `--columns` text is refused.
public struct ColumnMapError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

extension WeightMapping: CustomStringConvertible {
  /// The mapping as `--weights` spells it.
  public var description: String { rawValue }
}
