/// Column-wise person attributes and the identity index (id, email, profile
/// URL, exact name → person).
///
/// Columns that no input filled take no memory. Lookups are O(1) hash lookups
/// (integer ids: O(log n) binary search over the sorted ids), never a scan.
public struct PersonTable: Sendable {
  /// Number of people.
  public let count: Int
  package var keys: PersonKeys { _keys.value }
  package var names: StringColumn { _names.value }
  package var companies: StringColumn { _companies.value }
  package var titles: StringColumn { _titles.value }
  package var industries: StringColumn { _industries.value }
  package var locations: StringColumn { _locations.value }
  package var profileURLs: StringColumn { _profileURLs.value }
  package var emails: NestedStringColumn { _emails.value }
  package var tags: NestedStringColumn { _tags.value }
  // Made already, or (read from the workspace snapshot) on first use.
  private let _keys: Deferred<PersonKeys>
  private let _names, _companies, _titles, _industries, _locations, _profileURLs: Deferred<StringColumn>
  private let _emails, _tags: Deferred<NestedStringColumn>
  /// The company and industry groups, interned once per graph on first use
  /// (loads that never group people, such as `stats`, do not pay for them).
  private let groups: OnceBox<(company: AttributeGroups, industry: AttributeGroups)>
  /// People by company key ("Apple Inc." = "Apple"). Fetch it once before a
  /// loop over people: each access takes a lock.
  public var companyGroups: AttributeGroups { groups.get.company }
  /// People by industry key. Fetch it once before a loop over people.
  public var industryGroups: AttributeGroups { groups.get.industry }
  /// email / profile URL / exact name → person, built on first lookup
  /// (loading and most analyses never need it).
  private let lookup: OnceBox<LookupIndex>
  package var lookupIndex: LookupIndex { lookup.get }
  /// `Identity.lookupKey` of each person's name (of the id when the data has
  /// no name) → people.
  /// Built on the first reference the exact indexes miss, so that a lookup by
  /// id or exact name never folds every name of a large network.
  package var looseNameIndex: KeyIndex { looseNames.get }
  private let looseNames: OnceBox<KeyIndex>

  package init(
    count: Int, keys: PersonKeys, names: [String], companies: [String], titles: [String], industries: [String],
    locations: [String], profileURLs: [String], emails: [[String]], tags: [[String]]
  ) {
    self.init(
      count: count, keys: .ready(keys), names: .ready(StringColumn(names)), companies: .ready(StringColumn(companies)),
      titles: .ready(StringColumn(titles)), industries: .ready(StringColumn(industries)),
      locations: .ready(StringColumn(locations)), profileURLs: .ready(StringColumn(profileURLs)),
      emails: .ready(NestedStringColumn(emails)), tags: .ready(NestedStringColumn(tags)))
  }

  /// Columns made already or on first use; `groups`, `lookup` and
  /// `looseNames`, when given, replace the indexes made from the columns
  /// (the snapshot keeps them made).
  package init(
    count: Int, keys: Deferred<PersonKeys>, names: Deferred<StringColumn>, companies: Deferred<StringColumn>,
    titles: Deferred<StringColumn>, industries: Deferred<StringColumn>, locations: Deferred<StringColumn>,
    profileURLs: Deferred<StringColumn>, emails: Deferred<NestedStringColumn>, tags: Deferred<NestedStringColumn>,
    groups: OnceBox<(company: AttributeGroups, industry: AttributeGroups)>? = nil, lookup: OnceBox<LookupIndex>? = nil,
    looseNames: OnceBox<KeyIndex>? = nil
  ) {
    self.count = count
    _keys = keys
    _names = names
    _companies = companies
    _titles = titles
    _industries = industries
    _locations = locations
    _profileURLs = profileURLs
    _emails = emails
    _tags = tags
    self.groups =
      groups
      ?? OnceBox {
        (
          AttributeGroups(values: companies.value, count: count, key: Identity.companyKey),
          AttributeGroups(values: industries.value, count: count, key: Identity.industryKey)
        )
      }
    self.lookup =
      lookup ?? OnceBox { LookupIndex(names: names.value, profileURLs: profileURLs.value, emails: emails.value) }
    self.looseNames =
      looseNames ?? OnceBox { LookupIndex.looseNames(names: names.value, count: count, id: { keys.value.key(at: $0) }) }
  }

  @inline(__always) private func column(_ c: StringColumn, _ p: PersonID) -> String {
    Int(p) < c.count ? c[Int(p)] : ""
  }

  /// The external id of `p` (as written in the input).
  public func id(of p: PersonID) -> String { keys.key(at: Int(p)) }
  /// The name of `p`, or its id when the data has no name.
  public func name(of p: PersonID) -> String {
    let n = column(names, p)
    return n.isEmpty ? id(of: p) : n
  }
  /// The company of `p` as the data spells it (`companyGroups` says who shares it).
  public func company(of p: PersonID) -> String { column(companies, p) }
  public func title(of p: PersonID) -> String { column(titles, p) }
  /// The industry of `p` as the data spells it (`industryGroups` says who shares it).
  public func industry(of p: PersonID) -> String { column(industries, p) }
  public func location(of p: PersonID) -> String { column(locations, p) }
  public func profileURL(of p: PersonID) -> String { column(profileURLs, p) }
  public func emails(of p: PersonID) -> [String] { emails[Int(p)] }
  public func tags(of p: PersonID) -> [String] { tags[Int(p)] }

  /// Which attribute columns hold data.
  public var hasNames: Bool { !names.isEmpty }

  /// The result of resolving a person reference.
  public enum Resolution: Equatable, Sendable {
    case person(PersonID)
    case ambiguous([PersonID])
    case notFound
  }

  /// Resolves a reference: an id, an email, a profile URL or a name (case
  /// and spacing ignored; then accents and punctuation too, `Identity.lookupKey`).
  /// The name of a person without one is their id, so `medici` finds the
  /// id `Medici` of an edge list. An ambiguous name returns every match,
  /// never a guess. O(1) expected.
  public func resolve(_ reference: String) -> Resolution {
    let trimmed = Identity.trim(reference)
    if let p = keys.lookup(trimmed) { return .person(p) }
    if trimmed.contains("@"), let p = lookupIndex.email.first(Identity.normalizeEmail(trimmed)) { return .person(p) }
    if trimmed.contains("/"), let p = lookupIndex.url.first(Identity.normalizeProfileURL(trimmed)) {
      return .person(p)
    }
    if let list = lookupIndex.name.values(Identity.normalizeName(trimmed)) {
      return list.count == 1 ? .person(list[0]) : .ambiguous(list)
    }
    let loose = Identity.lookupKey(trimmed)
    if !loose.isEmpty, let list = looseNameIndex.values(loose) {
      return list.count == 1 ? .person(list[0]) : .ambiguous(list)
    }
    return .notFound
  }

  /// A key for `p` that survives re-imports and re-numbering, for records kept
  /// between runs (corrections, the interaction log): `url:` and the
  /// normalised profile URL, else `email:` and the first normalised email,
  /// else `id:` and the external id. O(1) (the email's normalisation aside).
  public func stableKey(of p: PersonID) -> String {
    let url = profileURL(of: p)
    if !url.isEmpty { return "url:" + Identity.normalizeProfileURL(url) }
    if let email = emails(of: p).first, !email.isEmpty { return "email:" + Identity.normalizeEmail(email) }
    return "id:" + id(of: p)
  }

  /// The person a `stableKey(of:)` names in this table, if any: by profile
  /// URL, email or id, whichever the key holds. O(1) expected.
  public func person(stableKey key: String) -> PersonID? {
    if key.hasPrefix("url:") { return lookupIndex.url.first(String(key.dropFirst(4))) }
    if key.hasPrefix("email:") { return lookupIndex.email.first(String(key.dropFirst(6))) }
    if key.hasPrefix("id:") { return keys.lookup(String(key.dropFirst(3))) }
    return nil
  }

  /// Names shared by more than one person, with their people (sorted by name).
  public var ambiguousNames: [(name: String, people: [PersonID])] {
    var out: [(name: String, people: [PersonID])] = []
    lookupIndex.name.forEachEntry { key, people in if people.count > 1 { out.append((key, people)) } }
    return out.sorted { $0.name < $1.name }
  }
}

/// The external ids of people: all canonical integers (kept sorted, looked up
/// by binary search, no dictionary) or arbitrary strings.
package enum PersonKeys: Sendable {
  case integers(Column<Int64>)
  /// Entry `i` of the table is person `i`'s id.
  case strings(ByteKeyTable)
  /// Entry `i` of the column is person `i`'s id; the index finds a person by
  /// id (the workspace snapshot's, read in place).
  case packed(StringColumn, KeyIndex)

  package func key(at i: Int) -> String {
    switch self {
    case .integers(let k): String(k[i])
    case .strings(let index): index.key(i)
    case .packed(let column, _): column[i]
    }
  }

  package func lookup(_ key: String) -> PersonID? {
    switch self {
    case .strings(let index): return index.value(key)
    case .packed(_, let index): return index.first(key)
    case .integers(let k):
      guard let value = Identity.canonicalInteger(key) else { return nil }
      var lo = 0
      var hi = k.count
      while lo < hi {
        let mid = (lo + hi) >> 1
        if k[mid] < value { lo = mid + 1 } else { hi = mid }
      }
      return lo < k.count && k[lo] == value ? PersonID(lo) : nil
    }
  }
}

/// Normalisation rules for identity keys: ids, emails and profile URLs here;
/// names, companies and industries in `IdentityKeys.swift`.
public enum Identity: Sendable {
  /// Trims spaces, tabs and line breaks at both ends.
  package static func trim(_ s: String) -> String {
    // Fast path: an ASCII non-space character at both ends (the usual case).
    let untouched = s.withUTF8Bytes { b -> Bool in
      guard let f = b.first, let l = b.last else { return true }
      return f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F
    }
    if untouched { return s }
    var scalars = Substring(s).unicodeScalars[...]
    while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
    while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }

  /// Emails compare case-folded and trimmed.
  package static func normalizeEmail(_ s: String) -> String { trim(s).lowercased() }

  /// Person references (`--ego "Mary Reed"`) compare case-folded with runs
  /// of whitespace collapsed. Companies and industries compare by
  /// `companyKey` and `industryKey` instead.
  package static func normalizeName(_ s: String) -> String {
    if let ascii = asciiTransform(
      s,
      { bytes in
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
          if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
            pendingSpace = !out.isEmpty
            continue
          }
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return out
      })
    {
      return ascii
    }
    return trim(s).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// `normalizeProfileURL(s)` as a slice of `s`, when normalising would only
  /// drop the leading `https://`, `http://` and `www.`: every other byte is
  /// printable ASCII that is not an upper-case letter, `%`, `?` or `#`, and
  /// the last is not `/`. That is how LinkedIn writes profile URLs, and the
  /// slice shares `s`'s storage (no string made per row); otherwise nil.
  /// - Complexity: O(length of `s`).
  package static func profileURLKeySlice(_ s: String) -> Substring? {
    let start = s.withUTF8Bytes { b -> Int? in
      @inline(__always) func has(_ prefix: StaticString, at i: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard b.count - i >= n else { return false }
        for k in 0..<n where b[i + k] != prefix.utf8Start[k] { return false }
        return true
      }
      // The same prefixes, in the same order, as `normalizeProfileURL` drops.
      var lo = 0
      if has("https://", at: lo) { lo += 8 }
      if has("http://", at: lo) { lo += 7 }
      if has("www.", at: lo) { lo += 4 }
      let n = b.count
      guard lo < n, b[n - 1] != UInt8(ascii: "/"), let base = UnsafeRawPointer(b.baseAddress) else { return nil }
      // Eight bytes at a time (the byte tests of "Bit Twiddling Hacks"), the
      // last word overlapping the one before; short keys byte by byte.
      var i = lo
      if n - lo >= 8 {
        while i + 8 <= n {
          guard Self.keyWordIsPlain(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) else { return nil }
          i += 8
        }
        if i < n {
          guard Self.keyWordIsPlain(base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) else { return nil }
        }
        return lo
      }
      for k in lo..<n {
        let x = b[k]
        if x <= 0x20 || x >= 0x7F || (x >= 0x41 && x <= 0x5A) || x == UInt8(ascii: "%") || x == UInt8(ascii: "?")
          || x == UInt8(ascii: "#")
        {
          return nil
        }
      }
      return lo
    }
    guard let start else { return nil }
    return s[s.utf8.index(s.utf8.startIndex, offsetBy: start)...]
  }

  /// Whether none of the eight bytes of `w` is a space or control, DEL or
  /// non-ASCII, an upper-case letter, `%`, `?` or `#`. Each test says whether
  /// some byte matches (not which), exactly, for bytes below 0x80.
  @inline(__always)
  package static func keyWordIsPlain(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
    guard w & high == 0 else { return false }
    let below21 = (w &- ones &* 0x21) & ~w & high
    let upper = (ones &* (127 + 0x5B) &- w) & ~w & (w &+ ones &* (127 - 0x40)) & high
    return below21 | upper == 0 && !hasZeroByte(w ^ (ones &* 0x7F)) && !hasZeroByte(w ^ (ones &* 0x25))
      && !hasZeroByte(w ^ (ones &* 0x3F)) && !hasZeroByte(w ^ (ones &* 0x23))
  }

  /// Profile URLs compare without scheme, `www.`, query, fragment or trailing
  /// slash, host and path lower-cased and percent-decoded.
  package static func normalizeProfileURL(_ s: String) -> String {
    var copy = s
    var percent = false
    let ascii = copy.withUTF8 { b -> String? in
      for x in b {
        if x >= 0x80 { return nil }
        if x == UInt8(ascii: "%") { percent = true }
      }
      @inline(__always) func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
      @inline(__always) func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x | 0x20 : x }
      var lo = 0
      var hi = b.count
      while lo < hi && isSpace(b[lo]) { lo += 1 }
      while hi > lo && isSpace(b[hi - 1]) { hi -= 1 }
      func skip(_ prefix: StaticString) {
        let n = prefix.utf8CodeUnitCount
        guard hi - lo >= n else { return }
        for k in 0..<n where lower(b[lo + k]) != prefix.utf8Start[k] { return }
        lo += n
      }
      skip("https://")
      skip("http://")
      skip("www.")
      var end = lo
      while end < hi && b[end] != UInt8(ascii: "?") && b[end] != UInt8(ascii: "#") { end += 1 }
      while end > lo && b[end - 1] == UInt8(ascii: "/") { end -= 1 }
      return String(unsafeUninitializedCapacity: end - lo) { out in
        for k in 0..<(end - lo) { out[k] = lower(b[lo + k]) }
        return end - lo
      }
    }
    if let ascii { return percent ? percentDecode(ascii) : ascii }
    var t = Substring(trim(s).lowercased())
    for prefix in ["https://", "http://"] where t.hasPrefix(prefix) { t = t.dropFirst(prefix.count) }
    if t.hasPrefix("www.") { t = t.dropFirst(4) }
    if let q = t.firstIndex(where: { $0 == "?" || $0 == "#" }) { t = t[..<q] }
    while t.hasSuffix("/") { t = t.dropLast() }
    return percentDecode(String(t))
  }

  /// `transform` applied to the UTF-8 bytes of `s` when they are all ASCII, else nil.
  static func asciiTransform(_ s: String, _ transform: (UnsafeBufferPointer<UInt8>) -> [UInt8]) -> String? {
    var copy = s
    return copy.withUTF8 { bytes -> String? in
      for b in bytes where b >= 0x80 { return nil }
      return String(decoding: transform(bytes), as: UTF8.self)
    }
  }

  /// Decodes `%XX` escapes (invalid escapes are kept as written).
  package static func percentDecode(_ s: String) -> String {
    guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: b - 0x30
      case 0x41...0x46: b - 0x41 + 10
      case 0x61...0x66: b - 0x61 + 10
      default: nil
      }
    }
    while i < u.count {
      if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
        bytes.append(h << 4 | l)
        i += 3
      } else {
        bytes.append(u[i])
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self).lowercased()
  }

  /// The value of a canonical decimal integer (`0`, `42`, `-7`; no leading
  /// zeros, no sign on zero, no spaces), else `nil`.
  package static func canonicalInteger(_ s: String) -> Int64? {
    var s = s
    return s.withUTF8 { canonicalInteger(bytes: $0) }
  }

  /// `canonicalInteger` over UTF-8 bytes.
  @inlinable
  package static func canonicalInteger(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0
    var negative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    }
    let digits = bytes.count - i
    guard digits >= 1, digits <= 18 else { return nil }
    if bytes[i] == UInt8(ascii: "0") && (digits > 1 || negative) { return nil }
    var v: Int64 = 0
    while i < bytes.count {
      let d = bytes[i] &- 0x30
      guard d < 10 else { return nil }
      v = v &* 10 &+ Int64(d)
      i += 1
    }
    return negative ? -v : v
  }
}

/// The identity lookups of a `PersonTable` (first person wins for an email or URL).
package struct LookupIndex: Sendable {
  package var email: KeyIndex
  package var url: KeyIndex
  package var name: KeyIndex

  package init(email: KeyIndex, url: KeyIndex, name: KeyIndex) {
    self.email = email
    self.url = url
    self.name = name
  }

  /// - Complexity: O(people + emails) expected.
  init(names: StringColumn, profileURLs: StringColumn, emails: NestedStringColumn) {
    var email: [String: [PersonID]] = [:]
    var url: [String: [PersonID]] = [:]
    var name: [String: [PersonID]] = [:]
    for p in 0..<emails.count {
      for e in emails[p] where !e.isEmpty {
        let key = Identity.normalizeEmail(e)
        if email[key] == nil { email[key] = [PersonID(p)] }
      }
    }
    for p in 0..<profileURLs.count where !profileURLs.isEmpty(at: p) {
      let key = Identity.normalizeProfileURL(profileURLs[p])
      if url[key] == nil { url[key] = [PersonID(p)] }
    }
    for p in 0..<names.count where !names.isEmpty(at: p) {
      name[Identity.normalizeName(names[p]), default: []].append(PersonID(p))
    }
    self.init(email: KeyIndex(email), url: KeyIndex(url), name: KeyIndex(name))
  }

  /// `Identity.lookupKey` of each person's name (of the id `id(p)` when the
  /// person has no name) → people.
  /// - Complexity: O(total length of the names) expected.
  static func looseNames(names: StringColumn, count: Int, id: (Int) -> String) -> KeyIndex {
    var looseName: [String: [PersonID]] = [:]
    for p in 0..<count {
      let text = p < names.count && !names.isEmpty(at: p) ? names[p] : id(p)
      let key = Identity.lookupKey(text)
      if !key.isEmpty { looseName[key, default: []].append(PersonID(p)) }
    }
    return KeyIndex(looseName)
  }
}

/// Keys → ids (people, groups): a dictionary made in memory, or keys sorted
/// by their bytes and searched in place (the workspace snapshot's, which
/// need no building). Values are kept in the order they were added.
package struct KeyIndex: Sendable {
  enum Storage: Sendable {
    case hashed([String: [Int32]])
    /// Keys ascending by UTF-8 bytes; key i's values are `values[starts[i] ..< starts[i + 1]]`.
    case sorted(keys: StringColumn, starts: Column<UInt32>, values: Column<Int32>)
  }
  let storage: Storage

  package init(_ dictionary: [String: [Int32]]) { storage = .hashed(dictionary) }

  /// Sorted keys and their values, as `sortedParts` gives them; nil when they
  /// do not fit together. O(keys).
  package init?(keys: StringColumn, starts: Column<UInt32>, values: Column<Int32>) {
    guard starts.count == keys.count + 1, starts.first == 0, starts.last.map(Int.init) == values.count else {
      return nil
    }
    for i in 0..<keys.count where starts[i] > starts[i + 1] { return nil }
    storage = .sorted(keys: keys, starts: starts, values: values)
  }

  /// The values of `key`, or nil. O(1) expected (hashed) or O(log k · key length) (sorted).
  package func values(_ key: String) -> [Int32]? {
    switch storage {
    case .hashed(let d): return d[key]
    case .sorted(let keys, let starts, let values):
      var query = key
      let i = query.withUTF8 { q -> Int? in
        var lo = 0
        var hi = keys.count
        while lo < hi {
          let mid = (lo + hi) >> 1
          let order = keys.withUTF8(at: mid) { Self.compare($0, q) }
          if order == 0 { return mid }
          if order < 0 { lo = mid + 1 } else { hi = mid }
        }
        return nil
      }
      guard let i else { return nil }
      return Array(values[Int(starts[i])..<Int(starts[i + 1])])
    }
  }

  /// The first value of `key`, or nil.
  package func first(_ key: String) -> Int32? { values(key)?.first }

  /// Every key with its values (in no promised order).
  package func forEachEntry(_ body: (String, [Int32]) -> Void) {
    switch storage {
    case .hashed(let d): for (k, v) in d { body(k, v) }
    case .sorted(let keys, let starts, let values):
      for i in 0..<keys.count { body(keys[i], Array(values[Int(starts[i])..<Int(starts[i + 1])])) }
    }
  }

  /// The keys ascending by their UTF-8 bytes, where each one's values start
  /// (count + 1) and the values: what `init(keys:starts:values:)` reads. O(k log k).
  package func sortedParts() -> (keys: [String], starts: [UInt32], values: [Int32]) {
    var entries: [(key: [UInt8], text: String, values: [Int32])] = []
    forEachEntry { k, v in entries.append((Array(k.utf8), k, v)) }
    entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
    var starts: [UInt32] = [0]
    var values: [Int32] = []
    for e in entries {
      values += e.values
      starts.append(UInt32(values.count))
    }
    return (entries.map(\.text), starts, values)
  }

  /// Byte order of `a` and `b`: negative, zero or positive.
  static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    return a.count - b.count
  }
}
