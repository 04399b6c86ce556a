import GraphCore
import Testing

@testable import GraphIO

/// The byte fast path of address lists against the general parser (the oracle).
@Suite struct MailAddressTests {
  /// Seed of the random address lists.
  static let seed: UInt64 = 5_322

  @Test func fastPathAgreesWithTheGeneralParser() {
    var rng = SplitMix64(seed: Self.seed)
    let pieces = [
      "Ana", "Cruz", " ", "  ", "\t", ",", "<", ">", "@", ".", "a@b.org", "x.y@c.example", "\"", "(", ")", ":", ";",
      "=?utf-8?q?A?=", "é", "Bo", "<ana@a.org>", "@", "\\", "\"Cruz, Ana\"", "=?utf-8?b?5p2OIEtp?=", "=?x?q?_?=",
      "=?utf-8?q?Wang=2C_Zo=C3=AB?=", "\"a.b@c\"",
    ]
    var fast = 0
    for _ in 0..<20_000 {
      var s = ""
      for _ in 0..<rng.nextInt(in: 1...8) { s += pieces[rng.nextInt(below: pieces.count)] }
      var undecoded = 0
      let general = MailAddresses.general(s, undecoded: &undecoded)
      var fastUndecoded = 0
      if let plain = MailAddresses.plainList(s, undecoded: &fastUndecoded) {
        fast += 1
        #expect(plain == general && fastUndecoded == undecoded, "\(s.debugDescription)")
      } else {
        #expect(fastUndecoded == 0)
      }
    }
    // The fast path takes the common shapes.
    #expect(fast > 500, "\(fast)")
    let common = "Ana Cruz <ana@a.org>, bo@b.org,  Carl   Marx <carl@c.org> "
    var n = 0
    #expect(
      MailAddresses.plainList(common, undecoded: &n) == [
        MailAddress(name: "Ana Cruz", address: "ana@a.org"), MailAddress(name: "", address: "bo@b.org"),
        MailAddress(name: "Carl Marx", address: "carl@c.org"),
      ])
    #expect(
      MailAddresses.plainList("\"Turing, Linus\" <l@x.org>, =?utf-8?q?Bj=C3=B6rn?= <b@y.org>", undecoded: &n)?.map(
        \.name) == ["Turing, Linus", "Björn"])
  }
}
