import GraphCore
import Testing

@testable import GraphIO

/// Fields become strings through `ByteScan.text`: ASCII a word at a time,
/// other text checked by `TextEncoding.validUTF8Prefix`. The standard
/// library's `String(validating:)` is the oracle for both.
@Suite struct UTF8ValidationTests {
  /// Byte sequences near the edges of UTF-8: every lead byte, truncated and
  /// overlong sequences, surrogates, the largest code points, mixed with
  /// ASCII runs long enough for the eight-byte path.
  static func samples(seed: UInt64, count: Int) -> [[UInt8]] {
    var rng = SplitMix64(seed: seed)
    let pieces: [[UInt8]] = [
      Array("plain ascii text".utf8), [0xC3, 0xA9], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF],
      [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
      [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
      [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], Array("Zoë Ölçer".utf8), [0],
    ]
    var out: [[UInt8]] = []
    for _ in 0..<count {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        case 1:
          bytes += (0..<Int.random(in: 0...17, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
        case 2: bytes.append(UInt8.random(in: 0...255, using: &rng))
        default:
          bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)].prefix(Int.random(in: 0...3, using: &rng))
        }
      }
      out.append(bytes)
    }
    return out
  }

  @Test(arguments: [20_261_128, 1, 2, 3] as [UInt64])
  func textMatchesTheStandardLibrary(seed: UInt64) {
    for bytes in Self.samples(seed: seed, count: 4000) {
      let expected = String(validating: bytes, as: UTF8.self)
      let got = bytes.withUnsafeBufferPointer { ByteScan.text($0) }
      #expect(got == expected, "seed \(seed): \(bytes)")
      #expect(TextEncoding.validUTF8Prefix(bytes, complete: true) == (expected != nil), "seed \(seed): \(bytes)")
    }
  }
}

/// `Identity.emailDomain` reads plain ASCII addresses by their bytes;
/// the character-by-character path is the oracle.
@Suite struct EmailDomainTests {
  @Test(arguments: [20_261_128, 4, 5] as [UInt64])
  func bytePathMatchesTheCharacterPath(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let pieces = ["ann", "@", "@", ".", "Example", "CO", "uk", " ", "\t", "é", "\u{301}", "-", "_", "\r\n", "ß", "x"]
    var withDomain = 0
    for _ in 0..<5000 {
      func part(_ most: Int) -> String {
        (0..<Int.random(in: 0...most, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
          .joined()
      }
      // Mostly address-shaped (local @ host . suffix), some free-form.
      let email = Bool.random(using: &rng) ? part(7) : part(3) + "@" + part(2) + "." + part(2)
      let expected = Identity.emailDomainByCharacters(email)
      #expect(Identity.emailDomain(email) == expected, "seed \(seed): \"\(email)\"")
      if expected != nil { withDomain += 1 }
    }
    #expect(withDomain > 500, "many samples have a domain")
  }
}

/// `FieldInterner` (job titles, tie kinds) must give exactly what the plain
/// path gives for every field, seen before or not: trimmed text, or nil
/// (the row is rejected) for invalid UTF-8.
@Suite struct FieldInternerTests {
  @Test(arguments: [20_261_128, 6, 7] as [UInt64])
  func internedTextEqualsPlainText(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    // A small pool, drawn from many times: most lookups are repeats.
    let pool =
      UTF8ValidationTests.samples(seed: seed, count: 60).map { bytes -> [UInt8] in
        let pad = {
          (0..<Int.random(in: 0...2, using: &rng)).map { _ in Bool.random(using: &rng) ? 0x20 : 0x09 } as [UInt8]
        }
        return pad() + bytes + pad()
      } + [Array("Senior Clinical Research Associate".utf8), Array("  Senior Clinical Research Associate ".utf8)]
    var interner = FieldInterner()
    var invalid = 0
    for _ in 0..<4000 {
      let field = pool[Int.random(in: 0..<pool.count, using: &rng)]
      field.withUnsafeBufferPointer { b in
        let expected = CSVRecord.trimmedText(b)
        if expected == nil { invalid += 1 }
        #expect(interner.trimmedText(b) == expected, "seed \(seed): \(field)")
      }
    }
    #expect(invalid > 100, "invalid fields are drawn too")
  }
}
