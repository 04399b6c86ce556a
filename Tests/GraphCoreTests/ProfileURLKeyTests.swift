import GraphCore
import Testing

/// `Identity.profileURLKeySlice` (the importer's shortcut: a profile URL's key
/// as a slice of the URL) against `Identity.normalizeProfileURL` as the
/// oracle, and its eight-bytes-at-a-time test against the byte-by-byte rule.
@Suite struct ProfileURLKeyTests {
  /// The rule `keyWordIsPlain` applies to each of a word's bytes.
  static func plainByte(_ x: UInt8) -> Bool {
    !(x <= 0x20 || x >= 0x7F || (x >= 0x41 && x <= 0x5A) || x == UInt8(ascii: "%") || x == UInt8(ascii: "?")
      || x == UInt8(ascii: "#"))
  }

  static func word(_ bytes: [UInt8]) -> UInt64 {
    bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
  }

  /// Every byte value at every position of an otherwise plain word, then
  /// two arbitrary bytes at two positions: the word test must agree with
  /// the byte rule exactly (a borrow between bytes must not hide or invent one).
  @Test func wordTestAgreesWithTheByteRuleForEveryByte() {
    for v in 0...255 {
      for k in 0..<8 {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
        bytes[k] = UInt8(v)
        #expect(Identity.keyWordIsPlain(Self.word(bytes)) == Self.plainByte(UInt8(v)), "byte \(v) at \(k)")
      }
    }
    for v in 0...255 {
      for u in stride(from: 0, through: 255, by: 3) {
        for (j, k) in [(0, 1), (3, 4), (6, 7), (0, 7)] {
          var bytes = [UInt8](repeating: UInt8(ascii: "z"), count: 8)
          bytes[j] = UInt8(v)
          bytes[k] = UInt8(u)
          let expected = Self.plainByte(UInt8(v)) && Self.plainByte(UInt8(u))
          #expect(Identity.keyWordIsPlain(Self.word(bytes)) == expected, "bytes \(v), \(u) at \(j), \(k)")
        }
      }
    }
  }

  @Test func linkedInURLsAsLinkedInWritesThem() {
    let url = "https://www.linkedin.com/in/giorgia-ferrari-51ee37ec"
    #expect(Identity.profileURLKeySlice(url).map(String.init) == "linkedin.com/in/giorgia-ferrari-51ee37ec")
    #expect(Identity.profileURLKeySlice("http://linkedin.com/in/ab").map(String.init) == "linkedin.com/in/ab")
    // Each of these needs more than a prefix dropped: no slice.
    for other in [
      "https://www.linkedin.com/in/Giorgia-Ferrari", "https://www.linkedin.com/in/giorgia/",
      "https://www.linkedin.com/in/j%C3%BCrgen", "https://www.linkedin.com/in/ab?trk=x",
      "https://www.linkedin.com/in/ab#top", " https://www.linkedin.com/in/ab", "https://www.linkedin.com/in/jürgen",
      "HTTPS://www.linkedin.com/in/ab", "https://www.", "",
    ] {
      #expect(Identity.profileURLKeySlice(other) == nil, "\(other)")
    }
  }

  /// Seeded random URL-like strings built from prefixes and every byte class
  /// the rule names: a slice, when there is one, is exactly the normalised
  /// key, and strings of plain bytes always get one.
  @Test(arguments: [UInt64(20_261_128), 1, 2, 3, 4, 5])
  func sliceIsTheNormalisedKey(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let prefixes = [
      "", "https://", "http://", "www.", "https://www.", "https://http://www.", "HTTPS://", "https://WWW.",
    ]
    let plain = Array("abcxyz0189-_./:~".utf8)
    let special = Array(" \t%?#/AZ\u{7F}".utf8) + [0xC3, 0xA9]
    var sliced = 0
    for _ in 0..<4000 {
      let prefix = prefixes[Int(rng.next() % UInt64(prefixes.count))]
      let length = Int(rng.next() % 40)
      let withSpecial = rng.next() % 3 == 0
      var bytes = Array(prefix.utf8)
      for _ in 0..<length {
        if withSpecial && rng.next() % 8 == 0 {
          bytes.append(special[Int(rng.next() % UInt64(special.count))])
        } else {
          bytes.append(plain[Int(rng.next() % UInt64(plain.count))])
        }
      }
      let s = String(decoding: bytes, as: UTF8.self)
      if let slice = Identity.profileURLKeySlice(s) {
        sliced += 1
        #expect(String(slice) == Identity.normalizeProfileURL(s), "\(s)")
      } else if !withSpecial, !prefix.contains(where: \.isUppercase), length > 0, bytes.last != UInt8(ascii: "/") {
        Issue.record("no slice for the plain URL \(s)")
      }
    }
    #expect(sliced > 1000)
  }
}
