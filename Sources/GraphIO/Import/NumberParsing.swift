import GraphCore

/// Number parsing over field bytes, without creating strings on the hot path.
/// (Why: Benchmarks/NOTES.md, "Profile-guided changes to the loader".)
enum NumberParsing {
  static let powersOfTen: [Double] = (0...22).map { e in
    var p = 1.0
    for _ in 0..<e { p *= 10 }
    return p
  }

  /// A finite decimal number (`0.5`, `.5`, `1`, `1e-3`, `+0.25`), or `nil`.
  /// `nan`, `inf` and anything else that is not plain decimal is `nil`.
  ///
  /// Plain forms with at most 15 significant digits take Clinger's exact fast
  /// path (an integer mantissa divided by an exact power of ten is correctly
  /// rounded); other forms fall back to the standard library's parser.
  @inline(__always)
  static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    let trimmed = ByteScan.trimmedRange(b)
    let (lo, hi) = (trimmed.lowerBound, trimmed.upperBound)
    guard lo < hi else { return nil }
    var i = lo
    var negative = false
    if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var sawDigit = false
    while i < hi, b[i] &- 0x30 < 10 {
      mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
      if mantissa != 0 { digits += 1 }
      sawDigit = true
      i += 1
    }
    if i < hi && b[i] == UInt8(ascii: ".") {
      i += 1
      while i < hi, b[i] &- 0x30 < 10 {
        mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
        if mantissa != 0 { digits += 1 }
        fraction += 1
        sawDigit = true
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i == hi && digits <= 15 && fraction <= 22 {
      let v = Double(mantissa) / powersOfTen[fraction]
      return negative ? -v : v
    }
    // Exponents and long mantissas: the standard library, then a finiteness check.
    guard i == hi || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return nil }
    guard let text = String(validating: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self),
      let v = Double(text), v.isFinite
    else { return nil }
    return v
  }

  /// A decimal written with a comma (`0,8`, as spreadsheets set to many
  /// European languages save it in `;`-separated files), or `nil`. Only one
  /// comma and no point are accepted, so `1,000.5` is not read as a decimal.
  static func decimal(commaBytes b: UnsafeBufferPointer<UInt8>) -> Double? {
    guard b.count <= 64, b.lazy.filter({ $0 == UInt8(ascii: ",") }).count == 1, !b.contains(UInt8(ascii: "."))
    else { return nil }
    let copy = b.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }
    return copy.withUnsafeBufferPointer { decimal($0) }
  }

  /// The day of a time field: a whole number of seconds since 1970-01-01 UTC
  /// (milliseconds when it has more than 11 digits, as many logs write them),
  /// or a date in a form `Day` reads; `nil` for anything else.
  static func day(time b: UnsafeBufferPointer<UInt8>) -> Day? {
    if let t = Identity.canonicalInteger(bytes: b) {
      let seconds = abs(t) >= 100_000_000_000 ? t / 1000 : t
      let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
      guard let d = Int32(exactly: days) else { return nil }
      return Day(daysSinceEpoch: d)
    }
    return Day(parsingBytes: b)
  }

  /// Whether `value` can be a tie strength: in (0, 1] and not so close to 0
  /// that it becomes 0 when stored (strengths are kept as `Float`).
  @inline(__always)
  static func isStrength(_ value: Double) -> Bool { value > 0 && value <= 1 && Float(value) > 0 }

  /// Why a parsed value (nil: not a number) is not a strength, to follow the text as typed.
  static func strengthProblem(_ value: Double?) -> String {
    if let value, value > 0, value <= 1 {
      return "is too close to 0 to be kept (the smallest strength is about \(Float.leastNonzeroMagnitude))"
    }
    return "is not a number in (0, 1]"
  }

  /// What to do about a strength that is refused.
  static let strengthHint = "use a value above 0 and at most 1, or leave it empty"

  /// A non-negative integer (`0`, `12`), or `nil`.
  static func count(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let d = decimal(b), d >= 0, d == d.rounded(), d < 1e15 else { return nil }
    return Int(d)
  }
}
