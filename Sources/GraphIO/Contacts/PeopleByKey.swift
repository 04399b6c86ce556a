import GraphCore

/// A key → people index where nearly every key has one person (a name, a
/// name + company): the single person is stored in the table itself, and
/// only keys shared by several people get a list, so indexing a million
/// contacts allocates no array per key.
///
/// - Complexity: O(key length) expected per lookup; `add` is O(people under the key).
struct PeopleByKey {
  /// ≥ 0: the one person; < 0: `-(list index + 1)` into `lists`.
  private var table = ByteKeyTable()
  private var lists: [[PersonID]] = []

  mutating func reserveCapacity(_ n: Int) { table.reserveCapacity(n) }

  /// The people under `key`, in the order they were added (empty when none).
  func people(_ key: String) -> [PersonID] {
    guard let v = table.value(key) else { return [] }
    return v >= 0 ? [v] : lists[Int(-v - 1)]
  }

  /// Adds `p` under `key` unless it is already there.
  mutating func add(_ key: String, _ p: PersonID) {
    let (e, inserted) = table.insert(key, value: p)
    if inserted { return }
    let v = table[entry: e]
    if v >= 0 {
      guard v != p else { return }
      lists.append([v, p])
      table[entry: e] = -Int32(lists.count)
    } else if !lists[Int(-v - 1)].contains(p) {
      lists[Int(-v - 1)].append(p)
    }
  }
}

/// The name and name + company indexes of contacts, filled on first use.
///
/// Most imports never look anyone up by name: a LinkedIn export gives every
/// row a profile URL, and a row whose URL is new cannot match anyone by name
/// while every known person has a URL (see `ContactResolver.add`). So names
/// are queued as written, and their keys are computed and indexed only when a
/// lookup needs them — all queued names at once, in order, so the indexes end
/// up exactly as if every name had been added on arrival.
///
/// - Complexity: O(1) per `add`; the first lookup after n adds costs O(n ·
///   name length), later ones O(key length) expected.
struct NameIndexes {
  private(set) var byName = PeopleByKey()
  private(set) var byNameCompany = PeopleByKey()
  /// Names added since the last lookup: the person, and the name to match on
  /// and the company as written, or (`areKeys`) their keys already made.
  private var queued: [(person: PersonID, name: String, company: String, areKeys: Bool)] = []
  /// For each queued name, its key's `asciiKeyHash` (0: not known): apart,
  /// so a scan reads 8 bytes per name.
  private var queuedHashes: [UInt64] = []

  /// Each person's latest entry in `queued` (-1: none), indexed by person.
  /// Stale after a flush; an entry is used only if it still names the person.
  private var lastQueued: [Int32] = []

  /// Makes room for `n` more queued names and `people` people in all, so the
  /// queue is not copied as it grows through a large export (untouched room
  /// costs no memory).
  mutating func reserve(names n: Int, people: Int) {
    queued.reserveGrowing(queued.count + n)
    queuedHashes.reserveGrowing(queuedHashes.count + n)
    lastQueued.reserveGrowing(people)
  }

  /// Queues `person` under the keys of `name` and of `name` + `company`;
  /// `nameHash` is `asciiKeyHash(name)` when already made (0: not known).
  /// The same name and company as the person's latest queued entry add
  /// nothing (indexing them again would change no index): a file that lists
  /// the same contacts many times does not grow the queue.
  mutating func add(_ person: PersonID, name: String, company: String, nameHash: UInt64 = 0) {
    let p = Int(person)
    if p < lastQueued.count {
      let last = Int(lastQueued[p])
      if last >= 0 && last < queued.count {
        let q = queued[last]
        if q.person == person && !q.areKeys && q.name == name && q.company == company { return }
      }
    } else {
      lastQueued.append(contentsOf: repeatElement(-1, count: p + 1 - lastQueued.count))
    }
    lastQueued[p] = Int32(queued.count)
    queued.append((person, name, company, false))
    queuedHashes.append(nameHash)
  }

  /// Adds `person` under keys already made.
  mutating func add(_ person: PersonID, nameKey: String, nameCompanyKey: String) {
    guard !nameKey.isEmpty else { return }
    if !queued.isEmpty {
      queued.append((person, nameKey, nameCompanyKey, true))
      queuedHashes.append(0)
      return
    }
    byName.add(nameKey, person)
    if !nameCompanyKey.isEmpty { byNameCompany.add(nameCompanyKey, person) }
  }

  /// The people whose name key is `nameKey`.
  mutating func people(name nameKey: String) -> [PersonID] {
    flush()
    return byName.people(nameKey)
  }

  /// The people whose name + company key is `key` (see `nameCompanyKey`).
  mutating func people(nameAndCompany key: String) -> [PersonID] {
    flush()
    return byNameCompany.people(key)
  }

  /// The people whose name key is `nameKey`, for a few lookups (an owner's
  /// name at the end of an import): the queue is searched instead of indexed.
  /// Names with a known `asciiKeyHash` are compared by it first; others make
  /// their key only when they start with the key's first letter. After
  /// `scanLimit` such lookups the queue is indexed as usual.
  mutating func peopleScanning(name nameKey: String) -> [PersonID] {
    guard scans < Self.scanLimit, let first = nameKey.utf8.first else { return people(name: nameKey) }
    scans += 1
    var found = byName.people(nameKey)
    let target = Self.hash(ofKey: nameKey)
    for (i, hash) in queuedHashes.enumerated() where hash == 0 || hash == target {
      let q = queued[i]
      guard !found.contains(q.person) else { continue }
      let same: Bool
      if hash != 0 {
        // The hashes agree (rare): the key itself decides.
        same = Identity.nameKey(q.name) == nameKey
      } else if q.areKeys {
        same = q.name == nameKey
      } else {
        same = Self.mayHaveKeyStarting(q.name, first) && Identity.nameKey(q.name) == nameKey
      }
      if same { found.append(q.person) }
    }
    return found
  }

  /// A hash of `Identity.nameKey(name)` made on the bytes without making
  /// the key (else 0), for names of ASCII letters, digits, apostrophes and
  /// separators, Latin letters that fold to ASCII (é → e, ß → ss; most
  /// names in contact lists) and CJK ideographs and Hangul syllables (kept
  /// as they are), without `(`, `)`, `,` or `&`: FNV-1a over the key's
  /// bytes, so it equals `hash(ofKey:)` of the key.
  static func asciiKeyHash(_ name: String) -> UInt64 {
    name.withUTF8Bytes { n -> UInt64 in
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      var emitted = false
      var pendingSpace = false
      @inline(__always) func emit(_ b: UInt8) {
        if pendingSpace {
          h = (h ^ 0x20) &* 0x100_0000_01B3
          pendingSpace = false
        }
        h = (h ^ UInt64(b)) &* 0x100_0000_01B3
        emitted = true
      }
      var i = 0
      while i < n.count {
        let b = n[i]
        i += 1
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emit(b)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): emit(b | 0x20)
        case UInt8(ascii: "'"): continue
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "&"): return 0
        case 0xC0..<0xE0:
          // A two-byte sequence: combining marks are dropped, Latin letters folded.
          guard i < n.count, n[i] & 0xC0 == 0x80 else { return 0 }
          let v = UInt32(b & 0x1F) << 6 | UInt32(n[i] & 0x3F)
          i += 1
          if (0x300...0x36F).contains(v) { continue }
          guard let folded = Identity.fold(v) else { return 0 }
          for f in folded.utf8 { emit(f) }
        case 0xE4...0xED:
          guard Self.isUncasedLetter(b, n, i) else { return 0 }
          emit(b)
          emit(n[i])
          emit(n[i + 1])
          i += 2
        case 0x80...: return 0
        default: pendingSpace = emitted
        }
      }
      return max(h, 1)
    }
  }

  /// FNV-1a over `key`'s bytes (never 0), as `asciiKeyHash` makes it.
  static func hash(ofKey key: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    return max(h, 1)
  }

  private var scans = 0
  static let scanLimit = 8

  /// Whether the three bytes from `n[i - 1]` (lead byte `b`) are a CJK
  /// ideograph or a Hangul syllable: letters without case or folding, which
  /// `Identity.words` keeps byte for byte.
  @inline(__always)
  static func isUncasedLetter(_ b: UInt8, _ n: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard i + 1 < n.count, n[i] & 0xC0 == 0x80, n[i + 1] & 0xC0 == 0x80 else { return false }
    let v = UInt32(b & 0x0F) << 12 | UInt32(n[i] & 0x3F) << 6 | UInt32(n[i + 1] & 0x3F)
    return (0x4E00...0x9FEF).contains(v) || (0xAC00...0xD7A3).contains(v)
  }

  /// False only when `name`'s key surely does not start with `first`: its
  /// first letter or digit (an ASCII one, a Latin letter folded to ASCII, a
  /// CJK ideograph or a Hangul syllable) does not start with `first`, and no
  /// `(` or `&` or other non-ASCII letter comes before it (those need the full key).
  static func mayHaveKeyStarting(_ name: String, _ first: UInt8) -> Bool {
    name.withUTF8Bytes { n in
      var i = 0
      while i < n.count {
        let b = n[i]
        i += 1
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return b == first
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return b | 0x20 == first
        case UInt8(ascii: "("), UInt8(ascii: "&"): return true
        case 0xC0..<0xE0:
          guard i < n.count, n[i] & 0xC0 == 0x80 else { return true }
          let v = UInt32(b & 0x1F) << 6 | UInt32(n[i] & 0x3F)
          i += 1
          if (0x300...0x36F).contains(v) { continue }
          guard let folded = Identity.fold(v) else { return true }
          return folded.utf8.first == first
        case 0xE4...0xED: return Self.isUncasedLetter(b, n, i) ? b == first : true
        case 0x80...: return true
        default: continue
        }
      }
      return false
    }
  }

  /// Indexes every queued name.
  mutating func flush() {
    guard !queued.isEmpty else { return }
    byName.reserveCapacity(queued.count)
    byNameCompany.reserveCapacity(queued.count)
    var companyKeys = CompanyKeyCache()
    for q in queued {
      let nameKey = q.areKeys ? q.name : Identity.nameKey(q.name)
      guard !nameKey.isEmpty else { continue }
      byName.add(nameKey, q.person)
      let k = q.areKeys ? q.company : Self.nameCompanyKey(nameKey, companyKeys.key(q.company))
      if !k.isEmpty { byNameCompany.add(k, q.person) }
    }
    queued = []
    queuedHashes = []
  }

  /// The name + company key ("" when either part is empty).
  static func nameCompanyKey(_ nameKey: String, _ companyKey: String) -> String {
    nameKey.isEmpty || companyKey.isEmpty ? "" : nameKey + "|" + companyKey
  }
}

/// Company keys by the company as written: exports repeat a few thousand
/// employers over a million rows, and the key (words, legal forms) costs more
/// than a lookup. Bounded: cleared when it reaches `limit` entries.
struct CompanyKeyCache {
  private var keys: [String: String] = [:]
  static let limit = 1 << 16

  mutating func key(_ company: String) -> String {
    if company.isEmpty { return "" }
    if let k = keys[company] { return k }
    if keys.count >= Self.limit { keys.removeAll(keepingCapacity: true) }
    let k = Identity.companyKey(company)
    keys[company] = k
    return k
  }
}
