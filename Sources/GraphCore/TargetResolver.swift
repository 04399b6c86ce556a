/// What a target names: one person, everyone at a company, or everyone in an industry.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
  case person, company, industry
}

/// A target resolved to people (Guides/GraphCore.md, "Targets").
public struct Target: Sendable, Equatable {
  public var kind: TargetKind
  /// The person's name, or the group's label as the data spells it.
  public var name: String
  /// Everyone the target stands for, ascending.
  public var people: [PersonID]

  public init(kind: TargetKind, name: String, people: [PersonID]) {
    self.kind = kind
    self.name = name
    self.people = people
  }
}

/// A company or industry a query may mean, for the message that lists them.
public struct TargetCandidate: Sendable, Equatable {
  /// The group's label as the data spells it.
  public var name: String
  /// Its head count.
  public var people: Int

  public init(name: String, people: Int) {
    self.name = name
    self.people = people
  }
}

/// The outcome of resolving a target.
public enum TargetResolution: Sendable, Equatable {
  case found(Target)
  /// A person's name that several people share (only when a person was asked
  /// for; a targets list takes them all).
  case ambiguousPeople([PersonID])
  /// Several companies or industries fit the query's words: the largest first
  /// (at most `PersonTable.targetCandidateLimit`), and how many fit in all.
  case ambiguousGroups(TargetKind, candidates: [TargetCandidate], total: Int)
  case notFound(TargetKind)
}

extension PersonTable {
  /// Candidates listed for an ambiguous company or industry.
  public static let targetCandidateLimit = 10

  /// Resolves `query` as a target of `kind`, the one resolution behind
  /// `path --to/--to-company/--to-industry`, `render --view path`,
  /// `reach --targets` and batch targets:
  ///
  /// - **person**: an id, email, profile URL or exact name (`resolve`).
  /// - **company / industry**: first the group whose key equals the query's
  ///   key (`Identity.companyKey`, `Identity.industryKey`: case, accents,
  ///   punctuation, `and`/`&` and, for companies, legal forms ignored); else
  ///   the one group whose key's words the query's words begin, in order
  ///   ("Providence" finds "Lazega Providence", "gen hosp" finds "General
  ///   Hospital"); several such groups are ambiguous and listed, largest first.
  ///
  /// - Complexity: O(1) expected for a person or an exact key; O(n + K) for a
  ///   word-prefix match (K the total length of the keys) and to list members.
  public func resolveTarget(_ query: String, as kind: TargetKind) -> TargetResolution {
    switch kind {
    case .person:
      switch resolve(query) {
      case .person(let p): return .found(Target(kind: .person, name: name(of: p), people: [p]))
      case .ambiguous(let list): return .ambiguousPeople(list.sorted())
      case .notFound: return .notFound(.person)
      }
    case .company: return resolveGroup(query, kind: .company, in: companyGroups, key: Identity.companyKey)
    case .industry: return resolveGroup(query, kind: .industry, in: industryGroups, key: Identity.industryKey)
    }
  }

  /// Resolves one entry of a targets list: a person reference when it is one
  /// (a name several people share stands for all of them), else a company.
  public func resolveTarget(personOrCompany query: String) -> TargetResolution {
    switch resolveTarget(query, as: .person) {
    case .found(let t): return .found(t)
    case .ambiguousPeople(let list): return .found(Target(kind: .person, name: name(of: list[0]), people: list))
    default: return resolveTarget(query, as: .company)
    }
  }

  private func resolveGroup(
    _ query: String, kind: TargetKind, in groups: AttributeGroups, key: (String) -> String
  ) -> TargetResolution {
    let k = key(query)
    guard !k.isEmpty else { return .notFound(kind) }
    if let g = groups.group(key: k) {
      return .found(Target(kind: kind, name: groups.label(g), people: groups.members(g)))
    }
    let words = k.split(separator: " ")
    var fits: [Int32] = []
    for g in 0..<groups.count where Self.wordsBegin(groups.keys[g], with: words) { fits.append(Int32(g)) }
    if fits.isEmpty { return .notFound(kind) }
    if fits.count == 1 {
      return .found(Target(kind: kind, name: groups.label(fits[0]), people: groups.members(fits[0])))
    }
    fits.sort { (groups.sizes[Int($0)], groups.label($1)) > (groups.sizes[Int($1)], groups.label($0)) }
    let candidates = fits.prefix(Self.targetCandidateLimit).map {
      TargetCandidate(name: groups.label($0), people: groups.sizes[Int($0)])
    }
    return .ambiguousGroups(kind, candidates: Array(candidates), total: fits.count)
  }

  /// Whether every word of `query` begins a word of `key`, in order (words
  /// separated by single spaces, as keys are). Taking the earliest word that
  /// fits each query word is enough: a later choice never leaves more room.
  /// - Complexity: O(length of `key` + length of `query`).
  package static func wordsBegin(_ key: String, with query: [Substring]) -> Bool {
    var next = 0
    let words = key.split(separator: " ")
    for q in query {
      while next < words.count && !words[next].hasPrefix(q) { next += 1 }
      if next == words.count { return false }
      next += 1
    }
    return true
  }
}

/// A name a reference that found nobody may have meant.
public struct TargetSuggestion: Sendable, Equatable {
  /// The person's name, or the company's or industry's label, as the data spells it.
  public var name: String
  /// The person (nil for a company or industry).
  public var person: PersonID?

  public init(name: String, person: PersonID?) {
    self.name = name
    self.person = person
  }
}

extension PersonTable {
  /// Suggestions listed when a reference finds nobody.
  public static let suggestionLimit = 5

  /// The names nearest to `query` among people, companies or industries
  /// (`kind`), for a "did you mean" after a miss: first the names whose
  /// words the query's words begin (`wordsBegin`), then those within a few
  /// edits (Levenshtein distance of the folded keys, `Identity.lookupKey`,
  /// to the whole name or to one of its words: at most 1 for a query of up
  /// to 5 letters, 2 up to 8, else 3), nearest first; at most `limit`.
  ///
  /// - Complexity: O(K · q) time for K the total length of the names'
  ///   keys and q the query's length; O(q) extra space per comparison.
  public func suggestions(for query: String, as kind: TargetKind, limit: Int = suggestionLimit) -> [TargetSuggestion] {
    let q = Array(Identity.lookupKey(query).utf8)
    guard !q.isEmpty, limit > 0 else { return [] }
    let words = String(decoding: q, as: UTF8.self).split(separator: " ")
    let allowed = q.count <= 5 ? 1 : q.count <= 8 ? 2 : 3
    // (distance: −1 for a word-prefix fit, name, person).
    var found: [(distance: Int, name: String, person: PersonID?)] = []
    func consider(_ key: String, _ add: (Int) -> Void) {
      if Self.wordsBegin(key, with: words) { return add(-1) }
      var best = Self.editDistance(q, Array(key.utf8), atMost: allowed)
      if best > 0 {
        for w in key.split(separator: " ") where best > 0 {
          best = min(best, Self.editDistance(q, Array(w.utf8), atMost: allowed))
        }
      }
      if best <= allowed { add(best) }
    }
    switch kind {
    case .person:
      looseNameIndex.forEachEntry { key, people in
        consider(key) { d in for p in people { found.append((d, name(of: p), p)) } }
      }
    case .company, .industry:
      let groups = kind == .company ? companyGroups : industryGroups
      for g in 0..<groups.count {
        consider(groups.keys[g]) { d in found.append((d, groups.label(Int32(g)), nil)) }
      }
    }
    found.sort { ($0.distance, $0.name, $0.person ?? -1) < ($1.distance, $1.name, $1.person ?? -1) }
    return found.prefix(limit).map { TargetSuggestion(name: $0.name, person: $0.person) }
  }

  /// Levenshtein distance of two byte strings, or `atMost + 1` once it must
  /// exceed `atMost` (lengths too far apart, or a whole row above it).
  /// - Complexity: O(|a| · |b|) time, O(|b|) space.
  package static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost: Int) -> Int {
    if abs(a.count - b.count) > atMost { return atMost + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        rowMin = min(rowMin, current[j])
      }
      if rowMin > atMost { return atMost + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

extension TargetKind: CustomStringConvertible {
  /// The kind as the command line spells it (`company`).
  public var description: String { rawValue }
}
