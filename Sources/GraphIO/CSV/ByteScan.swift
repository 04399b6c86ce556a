/// Finding bytes eight at a time ("SIMD within a register"): the tokenizer's
/// scan for line ends, quotes and delimiters on its fast path.
///
/// A byte of `w ^ broadcast(b)` is zero exactly where `w` holds `b`; the
/// classic test `(x - 0x01…01) & ~x & 0x80…80` sets the top bit of the
/// lowest zero byte exactly (higher bytes may show false positives, which
/// the lowest-bit rule ignores), so the first match in a little-endian word
/// is `trailingZeroBitCount / 8`.
///
/// - Complexity: O(bytes / 8) word operations plus a constant.
enum ByteScan {
  /// The range of `b` without leading and trailing spaces and tabs.
  @inline(__always)
  static func trimmedRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var lo = 0
    var hi = b.count
    while lo < hi && (b[lo] == 0x20 || b[lo] == 0x09) { lo += 1 }
    while hi > lo && (b[hi - 1] == 0x20 || b[hi - 1] == 0x09) { hi -= 1 }
    return lo..<hi
  }

  @inline(__always) static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

  @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
    (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
  }

  /// Index of the first byte in `base[from..<to]` equal to `a`, `b` or `c`, or `to`.
  @inline(__always)
  static func first(
    _ base: UnsafePointer<UInt8>, from: Int, to: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8
  ) -> Int {
    var i = from
    let (wa, wb, wc) = (broadcast(a), broadcast(b), broadcast(c))
    let raw = UnsafeRawPointer(base)
    while i + 8 <= to {
      let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      let m = zeroBytes(w ^ wa) | zeroBytes(w ^ wb) | zeroBytes(w ^ wc)
      if m != 0 { return i + m.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < to {
      let x = base[i]
      if x == a || x == b || x == c { return i }
      i += 1
    }
    return to
  }

  /// Index of the first byte in `base[from..<to]` equal to `a`, or `to`.
  @inline(__always)
  static func first(_ base: UnsafePointer<UInt8>, from: Int, to: Int, _ a: UInt8) -> Int {
    var i = from
    let wa = broadcast(a)
    let raw = UnsafeRawPointer(base)
    while i + 8 <= to {
      let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      let m = zeroBytes(w ^ wa)
      if m != 0 { return i + m.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < to && base[i] != a { i += 1 }
    return i
  }
}

extension ByteScan {
  /// `bytes` as a string, or nil when they are not valid UTF-8. ASCII (checked
  /// a word at a time) goes straight to `String(decoding:)`; other text is
  /// checked by `TextEncoding.validUTF8Prefix` first. (`String(validating:)`
  /// is generic and, unspecialised, looks up its type metadata on every call:
  /// a tenth of a contact import when every field went through it.)
  @inline(__always)
  static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let base = bytes.baseAddress else { return "" }
    let n = bytes.count
    var high: UInt64 = 0
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= n {
      high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i += 8
    }
    while i < n {
      high |= UInt64(base[i])
      i += 1
    }
    if high & 0x8080_8080_8080_8080 == 0 { return String(decoding: bytes, as: UTF8.self) }
    return TextEncoding.validUTF8Prefix(bytes, complete: true) ? String(decoding: bytes, as: UTF8.self) : nil
  }
}

extension String {
  /// Whether the UTF-8 bytes of `needle` occur in the string (ASCII case
  /// folded when asked): a byte search, much cheaper than `contains(_:)` on
  /// `StringProtocol`, for the per-row checks of importers.
  /// - Complexity: O(count · needle.count) worst case, O(count / 8) typical.
  func hasBytes(_ needle: String, ignoringASCIICase: Bool = false) -> Bool {
    needle.withUTF8Bytes { n -> Bool in
      guard !n.isEmpty else { return true }
      return withUTF8Bytes { h -> Bool in
        guard h.count >= n.count, let base = h.baseAddress else { return false }
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { ignoringASCIICase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        let first = fold(n[0])
        let other = ignoringASCIICase && first >= 0x61 && first <= 0x7A ? first & ~0x20 : first
        let last = h.count - n.count
        var i = 0
        while true {
          // Candidates by their first byte, eight bytes at a time.
          i = ByteScan.first(base, from: i, to: last + 1, first, other, first)
          if i > last { return false }
          var k = 1
          while k < n.count && fold(h[i + k]) == fold(n[k]) { k += 1 }
          if k == n.count { return true }
          i += 1
        }
      }
    }
  }
}
