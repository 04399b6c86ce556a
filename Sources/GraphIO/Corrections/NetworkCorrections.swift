import GraphCore

/// Two people named by stable keys (`PersonTable.stableKey(of:)`: `url:…`,
/// `email:…` or `id:…`). The pair is unordered.
public struct PersonKeyPair: Sendable, Hashable, Codable {
  public var a: String
  public var b: String

  public init(_ a: String, _ b: String) {
    self.a = a
    self.b = b
  }

  /// The pair with its keys in ascending order, so {a, b} and {b, a} compare equal. O(key length).
  public var normalized: PersonKeyPair { a <= b ? self : PersonKeyPair(b, a) }
}

/// What the user asserts about a network, kept between imports and applied
/// over every import (Guides/Corrections.md): identity (`same`, `different`),
/// ties (`reject`, `confirm`, `strength`, `kind`), attributes (`set`) and a
/// log of interactions between the owner and other people.
///
/// People are named by stable keys, never by `PersonID`s, so a correction
/// survives re-imports and re-numbering. Each correction carries the id the
/// store gave it, which the report (`CorrectionsReport`) names.
public struct NetworkCorrections: Sendable, Equatable, Codable {
  /// The stable key of the owner ("me"), the other end of every logged
  /// interaction. nil: the person the first contact export's owner resolved to.
  public var owner: String?
  /// Pairs of keys that name one person: merged (union–find over every pair).
  public var same: [IdentityCorrection] = []
  /// Pairs of keys that are two people: kept apart by identity resolution
  /// (`keptApart`, for `ContactOptions.keptApart`) and never joined by `same`.
  public var different: [IdentityCorrection] = []
  /// Ties rejected, confirmed, re-rated or re-labelled, in the order they were made.
  public var ties: [TieCorrection] = []
  /// Attribute corrections (company, tags), in the order they were made.
  public var attributes: [AttributeCorrection] = []
  /// The interaction log.
  public var interactions: [Interaction] = []

  public init(
    owner: String? = nil, same: [IdentityCorrection] = [], different: [IdentityCorrection] = [],
    ties: [TieCorrection] = [], attributes: [AttributeCorrection] = [], interactions: [Interaction] = []
  ) {
    self.owner = owner
    self.same = same
    self.different = different
    self.ties = ties
    self.attributes = attributes
    self.interactions = interactions
  }

  /// The `different` pairs, for `ContactOptions.keptApart`: identity
  /// resolution then never merges two records they name. O(pairs).
  public var keptApart: [PersonKeyPair] { different.map(\.keys) }

  /// The corrections without any that name `key`, and `key` taken out of
  /// the log's entries (an entry left naming nobody is dropped): what is in
  /// force once a person is forgotten. O(c + log size).
  public func forgetting(_ key: String) -> NetworkCorrections {
    var c = self
    c.same.removeAll { $0.keys.a == key || $0.keys.b == key }
    c.different.removeAll { $0.keys.a == key || $0.keys.b == key }
    c.ties.removeAll { $0.keys.a == key || $0.keys.b == key }
    c.attributes.removeAll { $0.key == key }
    c.interactions = c.interactions.compactMap { entry in
      var entry = entry
      entry.people.removeAll { $0 == key }
      return entry.people.isEmpty ? nil : entry
    }
    return c
  }

  /// Whether there is nothing to apply. O(1).
  public var isEmpty: Bool {
    same.isEmpty && different.isEmpty && ties.isEmpty && attributes.isEmpty && interactions.isEmpty
  }
}

/// `same(a, b)` or `different(a, b)`: two stable keys are (not) one person.
public struct IdentityCorrection: Sendable, Equatable, Codable {
  public var id: Int
  public var keys: PersonKeyPair

  public init(id: Int = 0, _ a: String, _ b: String) {
    self.id = id
    keys = PersonKeyPair(a, b)
  }
}

/// A correction of the tie between two people.
public struct TieCorrection: Sendable, Equatable, Codable {
  public enum Change: Sendable, Equatable, Codable {
    /// Remove the tie (inferred or observed) and never add it back from an
    /// import; a logged interaction dated on or after `made` brings it back.
    case reject
    /// The tie exists: an inferred tie becomes observed, a missing one is added.
    case confirm
    /// The tie exists with this strength in (0, 1], whatever the data or the model say.
    case strength(Double)
    /// The tie exists with this kind (`colleague`, `friend`, …).
    case kind(String)
  }

  public var id: Int
  public var keys: PersonKeyPair
  public var change: Change
  /// When the correction was made: a rejection wins over logged
  /// interactions dated before it, not over those on or after it.
  public var made: Day

  public init(id: Int = 0, _ a: String, _ b: String, _ change: Change, made: Day) {
    self.id = id
    keys = PersonKeyPair(a, b)
    self.change = change
    self.made = made
  }
}

/// `set(key, company:, tags:)`: the company replaces the data's, the tags are added.
public struct AttributeCorrection: Sendable, Equatable, Codable {
  public var id: Int
  public var key: String
  /// nil: unchanged; "" clears the company.
  public var company: String?
  public var tags: [String]

  public init(id: Int = 0, _ key: String, company: String? = nil, tags: [String] = []) {
    self.id = id
    self.key = key
    self.company = company
    self.tags = tags
  }
}

/// One entry of the interaction log: the owner and each person named met,
/// called, wrote … on `date`. An introduction names the two people introduced
/// and is evidence for the tie between them too.
public struct Interaction: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case met, call, email, message, intro, gave, asked

    /// `both` for meetings, calls and introductions; `out` for the rest.
    public var defaultDirection: Direction {
      switch self {
      case .met, .call, .intro: .both
      case .email, .message, .gave, .asked: .out
      }
    }
  }

  /// From the owner's side: `out` the owner reached out, `in` the other
  /// person did, `both` a two-way exchange.
  public enum Direction: String, Sendable, Codable, CaseIterable {
    case `in`, out, both
  }

  public var id: Int
  public var date: Day
  public var kind: Kind
  public var direction: Direction
  /// Stable keys of the people the owner interacted with.
  public var people: [String]
  public var note: String

  public init(
    id: Int = 0, date: Day, kind: Kind, direction: Direction? = nil, people: [String], note: String = ""
  ) {
    self.id = id
    self.date = date
    self.kind = kind
    self.direction = direction ?? kind.defaultDirection
    self.people = people
    self.note = note
  }

  /// The `source` of a tie this entry gave evidence for: `log #ID`.
  public var sourceName: String { "log #\(id)" }
}
