/// A hash table from byte strings to `Int32` values, built for the identity
/// indexes of importers: a million profile URLs, emails or name keys.
/// (Measured in Benchmarks/NOTES.md, "Importing a 1 M-row LinkedIn export".)
///
/// Why not `[String: Int32]`: at a million keys `Dictionary` spends its time in
/// SipHash, in `String`'s Unicode-aware equality, and in one heap object per key
/// longer than 15 bytes; the importer's profile showed those at a fifth of a
/// 1 M-row LinkedIn import. Here keys are compared as bytes (ids and
/// normalised keys are byte strings: no canonical-equivalence question), all
/// key bytes live in one arena, and the table is open-addressed with linear
/// probing over 8-byte slots (a 32-bit hash tag and the entry number), so a
/// lookup touches one slot run and one arena range.
///
/// Entries keep insertion order and are never removed. The hash is seeded once
/// per process from the system's random source, so a crafted file cannot aim
/// at a known hash; nothing iterates the slots, so output does not depend on
/// the seed.
///
/// - Complexity: O(key length) expected for `find` and `insert`; memory is
///   the key bytes plus about 28 bytes per entry.
package struct ByteKeyTable: Sendable {
  /// `tag << 32 | (entry + 1)`; 0 is empty. Count is a power of two (or 0).
  private var slots: [UInt64] = []
  /// Entry `e`'s key is `arena[starts[e] ..< starts[e + 1]]`.
  private var starts: [Int] = [0]
  private var arena: [UInt8] = []
  private var values: [Int32] = []

  package init() {}

  /// Number of keys.
  package var count: Int { values.count }

  /// The slot count `reserveCapacity` asked for, made when the table first
  /// outgrows `Self.eagerSlots`.
  private var reservedSlots = 0
  /// Slots made at once by `reserveCapacity` (512 KB): more would be touched
  /// (zeroed, then hit at random) even when far fewer keys arrive, as when a
  /// file lists the same contacts many times.
  private static let eagerSlots = 1 << 16

  /// Makes room for `n` more keys (of about `bytesPerKey` bytes each) without
  /// moving the key bytes, and with at most one rehash: the slots for a
  /// large `n` are made when the keys outgrow the first `eagerSlots`, so a
  /// guess that was too high costs no memory that is touched.
  package mutating func reserveCapacity(_ n: Int, bytesPerKey: Int = 0) {
    let want = count + n
    starts.reserveGrowing(want + 1)
    values.reserveGrowing(want)
    if bytesPerKey > 0 { arena.reserveGrowing(arena.count + n * bytesPerKey) }
    reservedSlots = max(reservedSlots, Self.slotCount(for: want))
    let now = min(reservedSlots, max(Self.eagerSlots, Self.slotCount(for: count)))
    if now > slots.count { rehash(now) }
  }

  /// Slots for `n` keys at a load factor of at most 3/4. (Linear probing
  /// stays short there, about 2.5 slots per hit and 8.5 per miss at the
  /// worst, mostly within one cache line of eight slots; at a million keys
  /// the table is half the size it is at 1/2, and fits the caches better.)
  private static func slotCount(for n: Int) -> Int {
    var s = 16
    while 3 * s < 4 * n { s <<= 1 }
    return s
  }

  // MARK: Lookup

  /// The entry holding `key`, or nil.
  @inline(__always)
  package func entry(_ key: UnsafeRawBufferPointer) -> Int? {
    entry(key, hash: Self.hash(key))
  }

  /// The entry holding `key`, whose `hash(_:)` is `h`, or nil.
  @inline(__always)
  package func entry(_ key: UnsafeRawBufferPointer, hash h: UInt64) -> Int? {
    guard !slots.isEmpty else { return nil }
    assert(h == Self.hash(key), "the hash given is not the key's")
    return slots.withUnsafeBufferPointer { s in
      let mask = s.count - 1
      var i = Int(truncatingIfNeeded: h) & mask
      let tag = h >> 32
      while true {
        let slot = s[i]
        if slot == 0 { return nil }
        if slot >> 32 == tag {
          let e = Int(slot & 0xFFFF_FFFF) - 1
          if keyEquals(e, key) { return e }
        }
        i = (i + 1) & mask
      }
    }
  }

  /// The value stored under `key`, or nil.
  @inline(__always)
  package func value(_ key: UnsafeRawBufferPointer) -> Int32? {
    entry(key).map { values[$0] }
  }

  /// The entry holding `key`, or nil.
  package func entry(_ key: String) -> Int? {
    key.withUTF8Bytes { entry(UnsafeRawBufferPointer($0)) }
  }

  /// The value stored under `key`, or nil.
  package func value(_ key: String) -> Int32? {
    key.withUTF8Bytes { value(UnsafeRawBufferPointer($0)) }
  }

  /// Value of entry `e`.
  package subscript(entry e: Int) -> Int32 {
    get { values[e] }
    set { values[e] = newValue }
  }

  /// Whether entry `e`'s key is `key`.
  @inline(__always)
  package func keyEquals(_ e: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let lo = starts[e]
    let n = starts[e + 1] - lo
    guard n == key.count else { return false }
    if n == 0 { return true }
    return arena.withUnsafeBytes { a in memcmpBytes(a.baseAddress! + lo, key.baseAddress!, n) }
  }

  /// Entry `e`'s key as text.
  package func key(_ e: Int) -> String {
    arena.withUnsafeBufferPointer { String(decoding: $0[starts[e]..<starts[e + 1]], as: UTF8.self) }
  }

  /// Loads the slots where the probes for keys with these `hashes` start, so
  /// that an `insert` or lookup soon after finds them in cache.
  ///
  /// A table of a million keys is far larger than the caches, and each probe
  /// would otherwise wait for memory on its own. Touching the slots of the
  /// next few dozen keys in one tight loop lets the processor fetch them all
  /// at once. The returned word means nothing; callers fold it into a value
  /// they keep, so that the load is not optimised away.
  package func touch(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
    slots.withUnsafeBufferPointer { s in
      guard !s.isEmpty else { return 0 }
      let mask = s.count - 1
      var folded: UInt64 = 0
      for h in hashes { folded &+= s[Int(truncatingIfNeeded: h) & mask] }
      return folded
    }
  }

  // MARK: Insertion

  /// Stores `value` under `key` unless the key is present.
  /// - Returns: the key's entry, and whether it was inserted (else the stored
  ///   value is unchanged).
  @discardableResult
  package mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> (entry: Int, inserted: Bool) {
    insert(key, hash: Self.hash(key), value: value)
  }

  /// `insert` with the key's hash made beforehand (on another thread, say).
  /// - Precondition: `hash == ByteKeyTable.hash(key)`.
  @discardableResult
  package mutating func insert(_ key: UnsafeRawBufferPointer, hash h: UInt64, value: Int32) -> (
    entry: Int, inserted: Bool
  ) {
    assert(h == Self.hash(key), "hash made for another key")
    if 4 * (count + 1) > 3 * slots.count { rehash(max(Self.slotCount(for: count + 1), reservedSlots)) }
    let tag = h >> 32
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = slots[i]
      if slot == 0 { break }
      if slot >> 32 == tag {
        let e = Int(slot & 0xFFFF_FFFF) - 1
        if keyEquals(e, key) { return (e, false) }
      }
      i = (i + 1) & mask
    }
    let e = values.count
    precondition(e < Int(UInt32.max - 1), "more than 4 billion keys")
    arena.append(contentsOf: key)
    starts.append(arena.count)
    values.append(value)
    slots[i] = tag << 32 | UInt64(e + 1)
    return (e, true)
  }

  /// `insert` for a string key.
  @discardableResult
  package mutating func insert(_ key: String, value: Int32) -> (entry: Int, inserted: Bool) {
    key.withUTF8Bytes { insert(UnsafeRawBufferPointer($0), value: value) }
  }

  /// `insert` for a string key whose hash was made beforehand.
  /// - Precondition: `hash == ByteKeyTable.hash(key)`.
  @discardableResult
  package mutating func insert(_ key: String, hash: UInt64, value: Int32) -> (entry: Int, inserted: Bool) {
    key.withUTF8Bytes { insert(UnsafeRawBufferPointer($0), hash: hash, value: value) }
  }

  /// `insert` for a substring key whose hash was made beforehand.
  /// - Precondition: `hash == ByteKeyTable.hash(key)`.
  @discardableResult
  package mutating func insert(_ key: Substring, hash: UInt64, value: Int32) -> (entry: Int, inserted: Bool) {
    key.withUTF8Bytes { insert(UnsafeRawBufferPointer($0), hash: hash, value: value) }
  }

  /// `hash` of a string's UTF-8 bytes.
  package static func hash(_ key: String) -> UInt64 {
    key.withUTF8Bytes { hash(UnsafeRawBufferPointer($0)) }
  }

  /// `hash` of a substring's UTF-8 bytes.
  package static func hash(_ key: Substring) -> UInt64 {
    key.withUTF8Bytes { hash(UnsafeRawBufferPointer($0)) }
  }

  private mutating func rehash(_ size: Int) {
    var fresh = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    arena.withUnsafeBytes { a in
      fresh.withUnsafeMutableBufferPointer { f in
        for e in 0..<values.count {
          let key = UnsafeRawBufferPointer(rebasing: a[starts[e]..<starts[e + 1]])
          let h = Self.hash(key)
          var i = Int(truncatingIfNeeded: h) & mask
          while f[i] != 0 { i = (i + 1) & mask }
          f[i] = (h >> 32) << 32 | UInt64(e + 1)
        }
      }
    }
    slots = fresh
  }

  // MARK: Hashing

  /// A 64-bit hash of `bytes` (the wyhash construction: 128-bit multiply and
  /// fold over 16-byte blocks, overlapping loads for the tail), seeded per process.
  @inline(__always)
  package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let n = bytes.count
    let seed = processSeed
    guard let p = bytes.baseAddress, n > 0 else { return mix(seed ^ 0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB) }
    var a: UInt64
    var b: UInt64
    var h = seed ^ 0xA076_1D64_78BD_642F
    if n <= 16 {
      if n >= 4 {
        let q = (n >> 3) << 2
        a = UInt64(p.loadUnaligned(as: UInt32.self)) << 32 | UInt64(p.loadUnaligned(fromByteOffset: q, as: UInt32.self))
        b =
          UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
          | UInt64(p.loadUnaligned(fromByteOffset: n - 4 - q, as: UInt32.self))
      } else {
        let b0 = UInt64(p.load(as: UInt8.self))
        let b1 = UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self))
        let b2 = UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
        a = b0 << 16 | b1 << 8 | b2
        b = 0
      }
    } else {
      var i = 0
      while n - i > 16 {
        h = mix(
          p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0xE703_7ED1_A0B4_28DB,
          p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ h)
        i += 16
      }
      a = p.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
      b = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
    return mix(0xE703_7ED1_A0B4_28DB ^ UInt64(n), mix(a ^ 0xE703_7ED1_A0B4_28DB, b ^ h))
  }

  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let r = a.multipliedFullWidth(by: b)
    return r.high ^ r.low
  }
}

/// Seed of `ByteKeyTable.hash`, drawn once per process (a global `let` is
/// initialised lazily and thread-safely).
private let processSeed: UInt64 = UInt64.random(in: .min ... .max) | 1

@inline(__always)
private func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
  var i = 0
  while i + 8 <= n {
    if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
      return false
    }
    i += 8
  }
  while i < n {
    if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
    i += 1
  }
  return true
}
