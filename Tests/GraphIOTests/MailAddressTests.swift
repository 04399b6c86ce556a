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

  /// The byte fast path of `Date:` values against the general reading (the
  /// oracle): random dates of the common shape, mutated one piece at a time.
  @Test func dateFastPathAgreesWithTheGeneralReading() {
    var rng = SplitMix64(seed: Self.seed + 1)
    let days = ["Mon", "Tue", "wed", "THU", "Fri", "Sat", "Sun", "Tuesday", "Xyz", ""]
    let months = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "October", "Foo"]
    let zones = ["+0000", "-0400", "+0530", "-1200", "+1400", "+0061", "GMT", "-04000", "+04", "PDT"]
    let tails = ["", " (UTC)", "  ", " (a (b) c)", " x", " (PDT", "\t(CET)"]
    var fast = 0
    for _ in 0..<20_000 {
      let weekday = days[rng.nextInt(below: days.count)]
      var s = weekday.isEmpty ? "" : weekday + (rng.nextInt(below: 8) == 0 ? " " : ", ")
      s += String(rng.nextInt(in: 0...32)) + " " + months[rng.nextInt(below: months.count)] + " "
      s += String([1969, 1997, 2000, 2024, 2026, 97, 123][rng.nextInt(below: 7)]) + " "
      func two(_ v: Int) -> String { v < 10 && rng.nextInt(below: 10) > 0 ? "0\(v)" : String(v) }
      s += two(rng.nextInt(in: 0...25)) + ":" + two(rng.nextInt(in: 0...61))
      if rng.nextInt(below: 6) > 0 { s += ":" + two(rng.nextInt(in: 0...61)) }
      s += " " + zones[rng.nextInt(below: zones.count)] + tails[rng.nextInt(below: tails.count)]
      let general = MailDate.general(s)
      if let day = MailDate.canonical(s) {
        fast += 1
        #expect(general == .success(day), "\(s.debugDescription)")
      }
    }
    #expect(fast > 1_000, "the fast path answers for the common shape")
    #expect(MailDate.canonical("Tue, 25 Oct 2022 23:38:41 -0400")?.iso == "2022-10-26")
  }

  @Test func noReplyBytePathAgreesWithCharacters() {
    let cases = [
      "noreply@x.org", "no-reply@x.org", "no.reply.team@x.org", "do_not_reply@x.org", "donotreply@x", "mailer-daemon@x",
      "mailer-daemon2@x", "mailerdaemo@x", "NoReply@x", "reply@x", "noreplx@x", "@x", "", "no-reply", "né-noreply@x",
      "d.o.n.o.t.r.e.p.l.y@x", "mailer_daemon@x@y",
    ]
    for c in cases { #expect(MailImporter.isNoReply(c) == MailImporter.isNoReplyGeneral(c), "\(c)") }
    #expect(MailImporter.isNoReply("no-reply@x.org") && !MailImporter.isNoReply("mailer-daemon2@x"))
  }
}
