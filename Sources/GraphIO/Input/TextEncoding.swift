/// The text encodings Liaison reads, and how a file's is found.
///
/// Detection, in order: a byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE);
/// else UTF-16 without a mark, recognised by zero bytes in alternate
/// positions (ASCII text in UTF-16 has a zero in every other byte); else
/// UTF-8 when the first `detectionBytes` are valid UTF-8 (a multi-byte
/// character cut at the end of the sample is allowed); else windows-1252,
/// flagged as a fallback because it cannot be told from ISO-8859-1 or other
/// single-byte code pages with certainty. One decision for every importer
/// (tables, edge lists, contact exports).
///
/// In a folded format (vCard: a line end followed by one space or tab is
/// removed, and may split a UTF-8 sequence), validity is judged on the
/// unfolded bytes, so a fold inside a character does not make a UTF-8 file
/// fall back to windows-1252.
public enum TextEncoding: String, Sendable, Codable, Equatable {
  case utf8 = "utf-8"
  case utf8BOM = "utf-8 (with BOM)"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case windows1252 = "windows-1252 (fallback: the file is not valid UTF-8)"

  /// Bytes looked at to decide (16 MiB: all of any real contact export).
  public static let detectionBytes = 16 << 20

  var isUTF8: Bool { self == .utf8 || self == .utf8BOM }

  /// Decides the encoding from the first bytes of a file.
  /// - Parameter complete: `head` is the whole file (a cut character at its end is then an error).
  /// - Parameter folded: the text uses vCard line folding; UTF-8 validity is judged after unfolding.
  /// - Complexity: O(head.count).
  static func detect(_ head: [UInt8], complete: Bool, folded: Bool = false) -> TextEncoding {
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
    if head.starts(with: [0xFF, 0xFE]) { return .utf16LE }
    if head.starts(with: [0xFE, 0xFF]) { return .utf16BE }
    let sample = head.prefix(4096)
    if sample.count >= 4 {
      var evenZeros = 0
      var oddZeros = 0
      for (i, b) in sample.enumerated() where b == 0 {
        if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
      }
      let half = sample.count / 2
      if oddZeros * 10 >= half * 4 && evenZeros * 10 < half { return .utf16LE }
      if evenZeros * 10 >= half * 4 && oddZeros * 10 < half { return .utf16BE }
    }
    if validUTF8Prefix(head, complete: complete) { return .utf8 }
    if folded && validUTF8Prefix(unfolded(head, complete: complete), complete: complete) { return .utf8 }
    return .windows1252
  }

  /// `bytes` with every fold removed: a line end (CRLF, LF or a lone CR)
  /// followed by one space or tab, as `VCardLineReader` removes them. When
  /// the bytes are not `complete`, a line end at their very end is dropped
  /// too (the space that would make it a fold may not have been read).
  /// - Complexity: O(bytes.count).
  static func unfolded(_ bytes: [UInt8], complete: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    let n = bytes.count
    var i = 0
    while i < n {
      let b = bytes[i]
      if b == 0x0D || b == 0x0A {
        let next = b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A ? i + 2 : i + 1
        if next < n && (bytes[next] == 0x20 || bytes[next] == 0x09) {
          i = next + 1
          continue
        }
        if next == n && !complete { break }
      }
      out.append(b)
      i += 1
    }
    return out
  }

  /// Whether `bytes` is valid UTF-8 (allowing a character cut at the end unless `complete`).
  /// Eight ASCII bytes at a time where it can (most of an export is ASCII:
  /// this runs on up to 16 MB before the first row is read).
  static func validUTF8Prefix(_ bytes: [UInt8], complete: Bool) -> Bool {
    bytes.withUnsafeBufferPointer { validUTF8Prefix($0, complete: complete) }
  }

  static func validUTF8Prefix(_ bytes: UnsafeBufferPointer<UInt8>, complete: Bool) -> Bool {
    var i = 0
    let n = bytes.count
    let raw = UnsafeRawBufferPointer(bytes)
    while i < n {
      if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
        continue
      }
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return false
      }
      if i + length > n { return !complete }
      for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
      if length == 3 {
        let c = bytes[i + 1]
        if (b == 0xE0 && c < 0xA0) || (b == 0xED && c > 0x9F) { return false }
      } else if length == 4 {
        let c = bytes[i + 1]
        if (b == 0xF0 && c < 0x90) || (b == 0xF4 && c > 0x8F) { return false }
      }
      i += length
    }
    return true
  }
}

/// Turns UTF-16 or windows-1252 bytes into UTF-8, chunk by chunk (a code
/// unit or surrogate pair split across chunks is carried over). Unpaired
/// surrogates become U+FFFD; a UTF-16 byte-order mark is dropped. An odd
/// byte at the end of UTF-16 text (half a code unit) is not turned into a
/// character: it is dropped and flagged in `endsInHalfCodeUnit`.
struct TextTranscoder {
  let encoding: TextEncoding
  /// The UTF-16 text ended in an odd byte, which was dropped (set by the `final` call).
  private(set) var endsInHalfCodeUnit = false
  private var carry: [UInt8] = []
  private var highSurrogate: UInt16?
  private var atStart = true

  init(_ encoding: TextEncoding) { self.encoding = encoding }

  /// windows-1252 0x80…0x9F; the rest of the upper half equals ISO-8859-1.
  static let cp1252High: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
    0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0xFFFD, 0x017E, 0x0178,
  ]

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80: out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(0xC0 | UInt8(scalar >> 6))
      out.append(0x80 | UInt8(scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(0xE0 | UInt8(scalar >> 12))
      out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
      out.append(0x80 | UInt8(scalar & 0x3F))
    default:
      out.append(0xF0 | UInt8(scalar >> 18))
      out.append(0x80 | UInt8((scalar >> 12) & 0x3F))
      out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
      out.append(0x80 | UInt8(scalar & 0x3F))
    }
  }

  /// Transcodes `input` and appends UTF-8 to `out`; `final` flushes what is carried.
  /// - Complexity: O(input.count).
  mutating func transcode(_ input: [UInt8], into out: inout [UInt8], final: Bool) {
    switch encoding {
    case .utf8, .utf8BOM:
      out.append(contentsOf: input)
    case .windows1252:
      out.reserveCapacity(out.count + input.count + input.count / 8)
      for b in input {
        if b < 0x80 {
          out.append(b)
        } else {
          Self.appendUTF8(b < 0xA0 ? Self.cp1252High[Int(b - 0x80)] : UInt32(b), to: &out)
        }
      }
    case .utf16LE, .utf16BE:
      let little = encoding == .utf16LE
      var bytes = carry
      bytes.append(contentsOf: input)
      carry = []
      var i = 0
      out.reserveCapacity(out.count + bytes.count / 2)
      while i + 1 < bytes.count {
        let unit = little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        i += 2
        if atStart {
          atStart = false
          if unit == 0xFEFF { continue }
        }
        if let high = highSurrogate {
          highSurrogate = nil
          if (0xDC00...0xDFFF).contains(unit) {
            Self.appendUTF8(0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00), to: &out)
            continue
          }
          Self.appendUTF8(0xFFFD, to: &out)
        }
        switch unit {
        case 0xD800...0xDBFF: highSurrogate = unit
        case 0xDC00...0xDFFF: Self.appendUTF8(0xFFFD, to: &out)
        default: Self.appendUTF8(UInt32(unit), to: &out)
        }
      }
      if i < bytes.count { carry = Array(bytes[i...]) }
      if final {
        if highSurrogate != nil { Self.appendUTF8(0xFFFD, to: &out) }
        if !carry.isEmpty { endsInHalfCodeUnit = true }
        highSurrogate = nil
        carry = []
      }
    }
  }
}
