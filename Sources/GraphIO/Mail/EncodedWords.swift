/// RFC 2047 encoded words (`=?charset?B?…?=`, `=?charset?Q?…?=`) in mail
/// header values, and the character sets they name.
///
/// Decoded: UTF-8, US-ASCII, ISO-8859-1 to -16, Windows-1250 to -1258 and
/// KOI8-R/-U (`SingleByteCharsets`). A word in any other character set, or
/// one that does not decode (bad base64, invalid UTF-8), is kept as written
/// and counted, so the import report can say how many names were left
/// encoded. White space between two adjacent encoded words is dropped
/// (RFC 2047 §6.2); an RFC 2231 language suffix (`utf-8*en`) is ignored.
enum EncodedWords {
  /// `text` with its encoded words decoded; `undecoded` counts those kept as written.
  /// - Complexity: O(text length).
  static func decode(_ text: String, undecoded: inout Int) -> String {
    guard text.utf8.contains(UInt8(ascii: "=")) else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    // Bytes of white space seen since the last encoded word (dropped if another follows).
    var pendingSpace: [UInt8] = []
    var lastWasEncoded = false
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
        let (decoded, end) = word(bytes, at: i)
      {
        if let decoded {
          if !lastWasEncoded { out += pendingSpace }
          out += decoded
          lastWasEncoded = true
        } else {
          out += pendingSpace
          out += bytes[i..<end]
          undecoded += 1
          lastWasEncoded = false
        }
        pendingSpace = []
        i = end
        continue
      }
      if bytes[i] == 0x20 || bytes[i] == 0x09 {
        pendingSpace.append(bytes[i])
        i += 1
        continue
      }
      out += pendingSpace
      pendingSpace = []
      lastWasEncoded = false
      out.append(bytes[i])
      i += 1
    }
    out += pendingSpace
    return String(decoding: out, as: UTF8.self)
  }

  /// The encoded word starting at `start` (which holds `=?`): its UTF-8 (nil
  /// when it cannot be decoded) and the index after its `?=`; nil when the
  /// text there is not an encoded word at all.
  private static func word(_ b: [UInt8], at start: Int) -> ([UInt8]?, Int)? {
    // =?charset?enc?text?=
    var i = start + 2
    let charsetStart = i
    while i < b.count, b[i] != UInt8(ascii: "?") {
      if b[i] <= 0x20 || b[i] >= 0x7F { return nil }
      i += 1
    }
    guard i + 2 < b.count, b[i + 2] == UInt8(ascii: "?") else { return nil }
    let charsetEnd = i
    let encoding = b[i + 1] | 0x20
    guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
    let textStart = i + 3
    var j = textStart
    while j + 1 < b.count, !(b[j] == UInt8(ascii: "?") && b[j + 1] == UInt8(ascii: "=")) {
      if b[j] == 0x20 || b[j] == 0x09 { return nil }
      j += 1
    }
    guard j + 1 < b.count else { return nil }
    var charset = String(decoding: b[charsetStart..<charsetEnd], as: UTF8.self).lowercased()
    if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
    let payload = b[textStart..<j]
    let raw = encoding == UInt8(ascii: "b") ? base64(payload) : quoted(payload)
    return (raw.flatMap { toUTF8($0, charset: charset) }, j + 2)
  }

  /// Base64 (padding optional); nil on a byte outside the alphabet.
  static func base64(_ s: ArraySlice<UInt8>) -> [UInt8]? {
    var out: [UInt8] = []
    var acc: UInt32 = 0
    var bits = 0
    for c in s {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"): v = 62
      case UInt8(ascii: "/"): v = 63
      case UInt8(ascii: "="): continue
      default: return nil
      }
      acc = acc << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
      }
    }
    return out
  }

  /// The Q encoding: `_` is a space, `=XX` a byte; nil on a bad escape.
  static func quoted(_ s: ArraySlice<UInt8>) -> [UInt8]? {
    var out: [UInt8] = []
    var i = s.startIndex
    while i < s.endIndex {
      let c = s[i]
      if c == UInt8(ascii: "_") {
        out.append(0x20)
      } else if c == UInt8(ascii: "=") {
        guard i + 2 < s.endIndex, let h = hex(s[i + 1]), let l = hex(s[i + 2]) else { return nil }
        out.append(h << 4 | l)
        i += 2
      } else {
        out.append(c)
      }
      i += 1
    }
    return out
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Names under which the charsets are also written.
  private static let aliases: [String: String] = [
    "latin1": "iso-8859-1", "latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1", "iso_8859-1": "iso-8859-1",
    "latin2": "iso-8859-2", "latin-2": "iso-8859-2", "latin9": "iso-8859-15", "latin-9": "iso-8859-15",
    "cp1250": "windows-1250", "cp1251": "windows-1251", "cp1252": "windows-1252", "cp1253": "windows-1253",
    "cp1254": "windows-1254", "cp1255": "windows-1255", "cp1256": "windows-1256", "cp1257": "windows-1257",
    "cp1258": "windows-1258", "utf8": "utf-8", "us-ascii": "ascii", "ansi_x3.4-1968": "ascii",
  ]

  /// `bytes` in `charset` as UTF-8, or nil when the charset is unknown or the bytes are not valid in it.
  /// - Complexity: O(bytes).
  static func toUTF8(_ bytes: [UInt8], charset rawName: String) -> [UInt8]? {
    var name = aliases[rawName] ?? rawName
    if name.hasPrefix("iso8859-") { name = "iso-8859-" + name.dropFirst(8) }
    if name.hasPrefix("iso_8859-") { name = "iso-8859-" + name.dropFirst(9) }
    switch name {
    case "utf-8", "ascii":
      guard TextEncoding.validUTF8Prefix(bytes, complete: true) else { return nil }
      if name == "ascii" && bytes.contains(where: { $0 >= 0x80 }) { return nil }
      return bytes
    case "iso-8859-1":
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      for b in bytes { TextTranscoder.appendUTF8(UInt32(b), to: &out) }
      return out
    default:
      guard let table = SingleByteCharsets.tables[name] else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      for b in bytes {
        if b < 0x80 {
          out.append(b)
        } else {
          let scalar = table[Int(b) - 0x80]
          guard scalar != 0 else { return nil }
          TextTranscoder.appendUTF8(UInt32(scalar), to: &out)
        }
      }
      return out
    }
  }

  /// A raw header value (bytes as written: 8-bit headers happen) as text:
  /// UTF-8 when valid, else windows-1252.
  static func headerText(_ bytes: [UInt8]) -> String {
    if !bytes.contains(where: { $0 >= 0x80 }) || TextEncoding.validUTF8Prefix(bytes, complete: true) {
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(decoding: toUTF8(bytes, charset: "windows-1252") ?? bytes, as: UTF8.self)
  }
}
