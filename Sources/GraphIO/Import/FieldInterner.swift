/// Turns a column's field bytes into a shared `String`, for columns with few
/// distinct values (a tie's `kind`): each distinct value is validated and
/// made into a string once, later rows only compare bytes.
///
/// - Complexity: O(field bytes × distinct values seen, at most `capacity`);
///   values beyond `capacity` distinct ones are made into strings each time.
struct FieldInterner {
  static let capacity = 32
  private var bytes: [[UInt8]] = []
  private var strings: [String] = []

  /// The field without surrounding blanks as a string; `nil` when it is not
  /// valid UTF-8.
  mutating func string(_ field: UnsafeBufferPointer<UInt8>) -> String? {
    var lo = 0
    var hi = field.count
    while lo < hi && (field[lo] == 0x20 || field[lo] == 0x09) { lo += 1 }
    while hi > lo && (field[hi - 1] == 0x20 || field[hi - 1] == 0x09) { hi -= 1 }
    let trimmed = UnsafeBufferPointer(rebasing: field[lo..<hi])
    for i in bytes.indices {
      let same = bytes[i].withUnsafeBufferPointer { known in
        guard known.count == trimmed.count else { return false }
        for k in 0..<known.count where known[k] != trimmed[k] { return false }
        return true
      }
      if same { return strings[i] }
    }
    guard let s = ByteScan.text(trimmed) else { return nil }
    if bytes.count < Self.capacity {
      bytes.append(Array(trimmed))
      strings.append(s)
    }
    return s
  }
}
