import GraphCore

/// One shared string per distinct value of a column whose values repeat
/// across rows (job titles in contact exports, a tie's kind): a million-row
/// export names a few hundred titles. Each repeat then costs a hash lookup instead of an
/// allocation, and the strings kept for a million people are the few
/// thousand values, not a million copies.
/// (Measured in Benchmarks/NOTES.md, "Importing a 1 M-row LinkedIn export".)
///
/// Values of up to 15 bytes are not looked up: Swift keeps them inside the
/// string value, with nothing to share. Bounded: the table starts afresh
/// when it reaches `limit` values, so a column of distinct values costs
/// what it did without it.
///
/// - Complexity: O(length) per value, expected.
struct FieldInterner {
  private var table = ByteKeyTable()
  private var strings: [String] = []
  /// A table at the limit takes about 10 MB. (Employers are not interned:
  /// a million people work at some 56,000, and a table that size misses the
  /// cache on most lookups, which cost the reading thread more than the
  /// allocations they saved.)
  static let limit = 1 << 18

  /// The trimmed field as text (shared when seen before), or nil when it is not valid UTF-8.
  @inline(__always)
  mutating func trimmedText(_ field: UnsafeBufferPointer<UInt8>) -> String? {
    let bytes = UnsafeBufferPointer(rebasing: field[ByteScan.trimmedRange(field)])
    if bytes.count <= 15 { return ByteScan.text(bytes) }
    let raw = UnsafeRawBufferPointer(bytes)
    let hash = ByteKeyTable.hash(raw)
    if let e = table.entry(raw, hash: hash) { return strings[Int(table[entry: e])] }
    guard let text = ByteScan.text(bytes) else { return nil }
    if strings.count == Self.limit {
      table = ByteKeyTable()
      strings.removeAll(keepingCapacity: true)
    }
    _ = table.insert(raw, hash: hash, value: Int32(strings.count))
    strings.append(text)
    return text
  }
}
