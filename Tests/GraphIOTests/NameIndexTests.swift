import GraphCore
@testable import GraphIO
import Testing

/// The shortcuts of the lazy name index against the full key.
@Suite struct NameIndexTests {
  /// `asciiNameKey(of:equals:)` must agree with `IdentityKeys.name` whenever
  /// it answers. Names are drawn from an alphabet rich in separators,
  /// apostrophes, parentheses, commas, `&` and a non-ASCII letter; keys are
  /// the true key half the time, a near miss otherwise.
  @Test(arguments: [UInt64(20_261_128), 11, 12, 13])
  func asciiShortcutAgreesWithTheFullKey(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let alphabet = Array("abAB z09'-.(),&éßÅ×X  ").map(String.init) + ["e\u{301}", "ж"]
    var answered = 0
    var hashed = 0
    for _ in 0..<4_000 {
      let name = (0..<Int(rng.next() % 14)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
      let truth = IdentityKeys.name(name)
      var key = truth
      switch rng.next() % 4 {
      case 0: key += "a"
      case 1: key = String(key.dropLast())
      case 2: key = String(key.filter { $0 != " " })
      default: break
      }
      if let answer = NameIndexes.asciiNameKey(of: name, equals: key) {
        answered += 1
        #expect(answer == (truth == key), "seed \(seed): \"\(name)\" against \"\(key)\"")
      }
      // The hash is made only for names without `(`, `)`, `,`, `&` or
      // letters that do not fold to ASCII, and then is the key's.
      let h = NameIndexes.asciiKeyHash(name)
      let decidable = name.unicodeScalars.allSatisfy { c in
        c.isASCII
          ? !"(),&".unicodeScalars.contains(c) : IdentityKeys.fold(c.value) != nil || (0x300...0x36F).contains(c.value)
      }
      #expect((h != 0) == decidable, "seed \(seed): hash made for \"\(name)\"")
      if h != 0 {
        hashed += 1
        #expect(h == NameIndexes.hash(ofKey: truth), "seed \(seed): hash of \"\(name)\"")
      }
    }
    #expect(answered > 500, "the shortcut answers for most ASCII names")
    #expect(hashed > 500)
  }

  /// Owners resolved by scanning the queue find the same people as through
  /// the index, including names queued with keys already made.
  @Test func scanningFindsWhatTheIndexFinds() {
    var scanned = NameIndexes()
    var indexed = NameIndexes()
    let names = ["Ana Lima", "ana  lima", "Anna Lima", "O'Neil, PMP", "Ana (Nana) Lima", "Åna Lima", "Lima Ana", "ana-lima"]
    var hashed = NameIndexes()
    for (i, n) in names.enumerated() {
      scanned.add(PersonID(i), name: n, company: "")
      indexed.add(PersonID(i), name: n, company: "")
      hashed.add(PersonID(i), name: n, company: "", nameHash: NameIndexes.asciiKeyHash(n))
    }
    hashed.add(PersonID(99), nameKey: "ana lima", nameCompanyKey: "")
    scanned.add(PersonID(99), nameKey: "ana lima", nameCompanyKey: "")
    indexed.add(PersonID(99), nameKey: "ana lima", nameCompanyKey: "")
    for key in ["ana lima", "oneil", "anna lima", "lima ana", "nobody"] {
      #expect(scanned.peopleScanning(name: key) == indexed.people(name: key), "\(key)")
      #expect(hashed.peopleScanning(name: key) == indexed.people(name: key), "\(key), with hashes")
    }
    #expect(indexed.people(name: "ana lima") == [0, 1, 4, 5, 7, 99])
  }
}
