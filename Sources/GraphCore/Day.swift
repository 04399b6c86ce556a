/// A calendar date (proleptic Gregorian, UTC) stored as days since 1970-01-01.
///
/// Dates in contact data carry no useful time of day; a 32-bit day count keeps
/// per-tie evidence compact and comparisons trivial. Conversions use Howard
/// Hinnant's `days_from_civil` / `civil_from_days` algorithms
/// (<https://howardhinnant.github.io/date_algorithms.html>).
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var daysSinceEpoch: Int32

  public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

  /// A date from its components, or `nil` when they do not name a real day
  /// (month 1–12, day valid for the month, year 1–9999).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysIn(month: month, year: year)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    daysSinceEpoch = Int32(era * 146097 + doe - 719468)
  }

  /// Number of days in `month` of `year`.
  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    default:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    }
  }

  /// Year, month (1–12) and day (1–31).
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(daysSinceEpoch) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// ISO 8601 `YYYY-MM-DD`.
  public var iso: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  public var description: String { iso }

  public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

  /// Days from `self` to `later` (negative when `later` is earlier).
  public func days(until later: Day) -> Int { Int(later.daysSinceEpoch) - Int(daysSinceEpoch) }

  public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch &+ Int32(truncatingIfNeeded: days)) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(parsing: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }

  private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

  /// Parses the date forms found in contact data:
  /// `YYYY-MM-DD` (optionally followed by `T…` or a space and a time),
  /// `DD Mon YYYY` (LinkedIn, English month), and `M/D/YY` or `M/D/YYYY`
  /// (optionally followed by `, h:mm AM`; two-digit years are 1970–2069).
  /// Returns `nil` for anything else (`Day.parse` says why).
  public init?(parsing text: some StringProtocol) {
    var text = String(text)
    guard let day = text.withUTF8({ Day(parsingBytes: $0) }) else { return nil }
    self = day
  }

  /// `init(parsing:)` for a `String` (not generic: the importers' hot path).
  public init?(parsing text: String) {
    var text = text
    guard let day = text.withUTF8({ Day(parsingBytes: $0) }) else { return nil }
    self = day
  }

  /// `init(parsing:)` over UTF-8 bytes (no allocation).
  package init?(parsingBytes bytes: UnsafeBufferPointer<UInt8>) {
    guard case .success(let day) = Day.parse(bytes: bytes) else { return nil }
    self = day
  }

  /// Parses `text` as `init(parsing:)` does, and says why it is not a date:
  /// not one of the forms (`DayParseError.notADate`), or a form whose month,
  /// day or year does not exist (`2024-02-31`: February 2024 has 29 days).
  /// - Complexity: O(text.utf8.count).
  public static func parse(_ text: some StringProtocol) -> Result<Day, DayParseError> {
    var text = String(text)
    return text.withUTF8 { Day.parse(bytes: $0) }
  }

  /// `parse(_:)` over UTF-8 bytes (no allocation).
  /// - Complexity: O(bytes.count).
  package static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<Day, DayParseError> {
    var i = 0
    func skipSpaces() { while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 } }
    func number(maxDigits: Int) -> (value: Int, digits: Int)? {
      var v = 0
      var n = 0
      while i < bytes.count, n < maxDigits, bytes[i] >= 0x30, bytes[i] <= 0x39 {
        v = v * 10 + Int(bytes[i] - 0x30)
        i += 1
        n += 1
      }
      return n == 0 ? nil : (v, n)
    }
    skipSpaces()
    guard let first = number(maxDigits: 4) else { return .failure(.notADate) }
    if i < bytes.count, bytes[i] == UInt8(ascii: "-"), first.digits == 4 {
      i += 1
      guard let m = number(maxDigits: 2) else { return .failure(.notADate) }
      guard i < bytes.count, bytes[i] == UInt8(ascii: "-") else { return .failure(.notADate) }
      i += 1
      guard let d = number(maxDigits: 2) else { return .failure(.notADate) }
      // Accept a time suffix ("T10:00:00Z", " 10:00:00 UTC"), nothing else.
      if i < bytes.count, bytes[i] != UInt8(ascii: "T"), bytes[i] != 0x20 { return .failure(.notADate) }
      return checked(year: first.value, month: m.value, day: d.value)
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "/"), first.digits <= 2 {
      i += 1
      guard let d = number(maxDigits: 2) else { return .failure(.notADate) }
      guard i < bytes.count, bytes[i] == UInt8(ascii: "/") else { return .failure(.notADate) }
      i += 1
      guard let y = number(maxDigits: 4), y.digits == 2 || y.digits == 4 else { return .failure(.notADate) }
      let year = y.digits == 2 ? (y.value < 70 ? 2000 + y.value : 1900 + y.value) : y.value
      if i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x20 { return .failure(.notADate) }
      return checked(year: year, month: first.value, day: d.value)
    }
    // DD Mon YYYY
    guard first.digits <= 2 else { return .failure(.notADate) }
    skipSpaces()
    // The month's first three letters, lower-cased and packed (no array per date).
    var letters = 0
    var packed: UInt32 = 0
    while i < bytes.count, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
      if letters < 3 { packed = packed << 8 | UInt32(bytes[i] | 0x20) }
      letters += 1
      i += 1
    }
    guard letters >= 3, let month = Day.packedMonthNames.firstIndex(of: packed) else { return .failure(.notADate) }
    skipSpaces()
    guard let y = number(maxDigits: 4), y.digits == 4 else { return .failure(.notADate) }
    skipSpaces()
    guard i == bytes.count else { return .failure(.notADate) }
    return checked(year: y.value, month: month + 1, day: first.value)
  }

  /// The day, or which of its components does not exist.
  static func checked(year: Int, month: Int, day: Int) -> Result<Day, DayParseError> {
    guard (1...12).contains(month) else { return .failure(.monthOutOfRange(month: month)) }
    guard (1...9999).contains(year) else { return .failure(.yearOutOfRange(year: year)) }
    guard let d = Day(year: year, month: month, day: day) else {
      return .failure(.dayOutOfRange(year: year, month: month, day: day))
    }
    return .success(d)
  }

  /// `monthNames` as three lower-case bytes packed big-end first.
  static let packedMonthNames: [UInt32] = monthNames.map { $0.utf8.prefix(3).reduce(0) { $0 << 8 | UInt32($1) } }

  /// `DD Mon YYYY`, as LinkedIn writes `Connected On`.
  package var linkedInFormat: String {
    let (y, m, d) = components
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return (d < 10 ? "0\(d)" : "\(d)") + " \(names[m - 1]) \(y)"
  }
}

/// Why a text is not a date (`Day.parse`).
public enum DayParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Not one of the accepted forms (`YYYY-MM-DD`, `DD Mon YYYY`, `M/D/YY`).
  case notADate
  /// A month outside 1–12 (`2024-13-01`).
  case monthOutOfRange(month: Int)
  /// A day the month does not have (`2024-02-31`, `2023-04-00`).
  case dayOutOfRange(year: Int, month: Int, day: Int)
  /// Year 0 (years run 1–9999).
  case yearOutOfRange(year: Int)

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  /// Whether the text has a date's form but names a day that does not exist.
  public var isOutOfRange: Bool { self != .notADate }

  /// What is wrong, e.g. `day 31 is out of range for the month (February 2024 has 29 days)`.
  public var description: String {
    switch self {
    case .notADate: "not a date"
    case .monthOutOfRange(let month): "month \(month) is out of range (months are 1–12)"
    case .dayOutOfRange(let year, let month, let day):
      "day \(day) is out of range for the month (\(Self.monthNames[month - 1]) \(year) has "
        + "\(Day.daysIn(month: month, year: year)) days)"
    case .yearOutOfRange(let year): "year \(year) is out of range (years are 1–9999)"
    }
  }
}
