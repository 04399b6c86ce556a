import GraphCore
import Testing

@testable import GraphIO

/// The lazy name index's key hash and queue scan against the full key and the index.
@Suite struct NameIndexTests {
  /// `asciiKeyHash` is made exactly for the names it can decide, and then is
  /// the hash of `Identity.nameKey`'s key and not of a near miss. Names are
  /// drawn from an alphabet rich in separators, apostrophes, parentheses,
  /// commas, `&`, folding and non-folding letters and a combining mark.
  @Test(arguments: [UInt64(20_261_128), 11, 12, 13])
  func keyHashAgreesWithTheFullKey(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let alphabet =
      Array("abAB z09'-.(),&éßÅ×XĐ  ").map(String.init) + ["e\u{301}", "ж", "刘", "민", "ễ", "\u{3001}", "\u{9FFF}"]
    var hashed = 0
    var ruledOut = 0
    for _ in 0..<4_000 {
      let name = (0..<Int(rng.next() % 14)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
      let truth = Identity.nameKey(name)
      var nearMiss = truth
      switch rng.next() % 3 {
      case 0: nearMiss += "a"
      case 1: nearMiss = String(nearMiss.dropLast())
      default: nearMiss = String(nearMiss.filter { $0 != " " })
      }
      // The first-letter test never rules out the key's own first byte.
      if let first = truth.utf8.first {
        #expect(NameIndexes.mayHaveKeyStarting(name, first), "seed \(seed): \"\(name)\" starts with \(first)")
        if !NameIndexes.mayHaveKeyStarting(name, first == UInt8(ascii: "q") ? UInt8(ascii: "r") : UInt8(ascii: "q")) {
          ruledOut += 1
        }
      }
      let h = NameIndexes.asciiKeyHash(name)
      let decidable = name.unicodeScalars.allSatisfy { c in
        c.isASCII
          ? !"(),&".unicodeScalars.contains(c)
          : Identity.fold(c.value) != nil || (0x300...0x36F).contains(c.value)
            || (0x4E00...0x9FEF).contains(c.value) || (0xAC00...0xD7A3).contains(c.value)
      }
      #expect((h != 0) == decidable, "seed \(seed): hash made for \"\(name)\"")
      if h != 0 {
        hashed += 1
        #expect(h == NameIndexes.hash(ofKey: truth), "seed \(seed): hash of \"\(name)\"")
        if nearMiss != truth {
          #expect(h != NameIndexes.hash(ofKey: nearMiss), "seed \(seed): \"\(name)\" against \"\(nearMiss)\"")
        }
      }
    }
    #expect(hashed > 500, "most names get a hash")
    #expect(ruledOut > 1_000, "the first-letter test rules most names out")
  }

  /// Owners resolved by scanning the queue find the same people as through
  /// the index, including names queued with keys already made.
  @Test func scanningFindsWhatTheIndexFinds() {
    var scanned = NameIndexes()
    var indexed = NameIndexes()
    let names = [
      "Ana Lima", "ana  lima", "Anna Lima", "O'Neil, PMP", "Ana (Nana) Lima", "Åna Lima", "Lima Ana", "ana-lima",
    ]
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
