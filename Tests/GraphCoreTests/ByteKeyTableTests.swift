import GraphCore
import Testing

/// `ByteKeyTable` against `Dictionary` as the oracle, on seeded random keys
/// chosen to stress it: the empty key, every length from 0 to 40 (each branch
/// of the hash: 1–3, 4–16, over 16 bytes), long keys, keys sharing long
/// prefixes and suffixes, and arbitrary bytes including 0x00 and 0xFF.
@Suite struct ByteKeyTableTests {
  static func randomKey(_ rng: inout SplitMix64, alphabet: Int) -> [UInt8] {
    let length: Int
    switch rng.next() % 10 {
    case 0: length = 0
    case 1: length = 100 + Int(rng.next() % 400)
    default: length = Int(rng.next() % 41)
    }
    let shape = rng.next() % 3
    return (0..<length).map { i in
      switch shape {
      case 0: UInt8(truncatingIfNeeded: rng.next() % UInt64(alphabet))
      // Shared prefix: only the last bytes vary.
      case 1: i < length - 2 ? UInt8(ascii: "p") : UInt8(truncatingIfNeeded: rng.next() % UInt64(alphabet))
      // Shared suffix: only the first bytes vary.
      default: i >= 2 ? UInt8(ascii: "s") : UInt8(truncatingIfNeeded: rng.next() % UInt64(alphabet))
      }
    }
  }

  /// A large reservation makes its slots only when the keys outgrow the
  /// first ones (one rehash then); keys inserted with a hash made beforehand
  /// and slots touched ahead, as the importer does, give the same table.
  @Test(arguments: [UInt64(20_261_128), 9])
  func deferredReservationAndPrehashedKeys(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var table = ByteKeyTable()
    table.reserveCapacity(300_000, bytesPerKey: 12)
    var oracle: [String: Int32] = [:]
    var order: [String] = []
    var warmed: UInt64 = 0
    for step in 0..<80_000 {
      let key = "k\(rng.next() % 200_000)"
      let hash = ByteKeyTable.hash(key)
      warmed &+= [hash].withUnsafeBufferPointer { table.touch(hashes: $0) }
      let (entry, inserted) = table.insert(key, hash: hash, value: Int32(step))
      if let old = oracle[key] {
        #expect(!inserted && table[entry: entry] == old, "seed \(seed): \(key)")
      } else {
        #expect(inserted && entry == order.count, "seed \(seed): \(key)")
        oracle[key] = Int32(step)
        order.append(key)
      }
    }
    #expect(oracle.count > 49_152, "the keys outgrow the slots made at first")
    #expect(table.count == oracle.count)
    for (e, key) in order.enumerated() {
      #expect(table.entry(key) == e && table.key(e) == key)
    }
    #expect(table.value("absent") == nil)
    _ = warmed
  }

  @Test(arguments: [UInt64(20_261_128), 1, 2, 3, 4, 5, 6, 7])
  func agreesWithDictionary(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var table = ByteKeyTable()
    var oracle: [[UInt8]: Int32] = [:]
    var entries: [[UInt8]] = []
    // A small alphabet makes repeats (found keys) common; 256 covers every byte.
    let alphabet = [2, 4, 256][Int(seed % 3)]
    if seed % 2 == 0 { table.reserveCapacity(500) }
    for step in 0..<3_000 {
      let key = Self.randomKey(&rng, alphabet: alphabet)
      let value = Int32(step)
      let (entry, inserted) = key.withUnsafeBytes { table.insert($0, value: value) }
      if let old = oracle[key] {
        #expect(!inserted, "seed \(seed): \(key) was present")
        #expect(table[entry: entry] == old, "seed \(seed): \(key) kept its first value")
      } else {
        #expect(inserted, "seed \(seed): \(key) was new")
        #expect(entry == entries.count, "entries are numbered in insertion order")
        oracle[key] = value
        entries.append(key)
      }
      // Lookups of a fresh random key, present or not.
      let probe = Self.randomKey(&rng, alphabet: alphabet)
      #expect(probe.withUnsafeBytes { table.value($0) } == oracle[probe], "seed \(seed): lookup of \(probe)")
    }
    #expect(table.count == oracle.count)
    for (e, key) in entries.enumerated() {
      #expect(key.withUnsafeBytes { table.entry($0) } == e)
      #expect(key.withUnsafeBytes { table.keyEquals(e, $0) })
      // Against another entry's key and against the key one byte changed:
      // equality decides when 32-bit tags collide, which random keys rarely do.
      let other = entries[(e * 7 + 3) % entries.count]
      #expect(other.withUnsafeBytes { table.keyEquals(e, $0) } == (other == key))
      if !key.isEmpty {
        var changed = key
        changed[changed.count - 1] ^= 1
        #expect(!changed.withUnsafeBytes { table.keyEquals(e, $0) }, "seed \(seed): \(key) against \(changed)")
      }
    }
  }

  @Test func stringKeysCompareAsBytes() {
    var table = ByteKeyTable()
    table.insert("linkedin.com/in/ana", value: 1)
    table.insert("", value: 2)
    table.insert("José", value: 3)
    #expect(table.value("linkedin.com/in/ana") == 1)
    #expect(table.value("linkedin.com/in/an") == nil)
    #expect(table.value("") == 2)
    #expect(table.value("José") == 3)
    // The decomposed form is other bytes: ids are matched exactly as written.
    #expect(table.value("Jose\u{301}") == nil)
    #expect(table.key(table.entry("José")!) == "José")
    let (e, inserted) = table.insert("José", value: 9)
    #expect(!inserted && table[entry: e] == 3)
  }
}
