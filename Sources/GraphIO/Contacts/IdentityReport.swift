/// How contact records from exports became people (`identity` in the JSON answers).
///
/// Every merge is explained (which record, which person, by what key); a
/// record that matched more than one person is listed as ambiguous and kept
/// apart, never merged on a guess.
public struct IdentityReport: Sendable, Codable, Equatable {
  public struct Merge: Sendable, Codable, Equatable {
    /// `file:line` of the record that was folded in.
    public var record: String
    /// The id of the person it was folded into.
    public var person: String
    public var name: String
    /// `profileURL`, `email` or `nameAndCompany`.
    public var by: String
    /// The normalised key that matched.
    public var key: String
  }

  public struct Ambiguity: Sendable, Codable, Equatable {
    public var record: String
    public var name: String
    /// Ids of the people it could be.
    public var candidates: [String]
    public var reason: String
  }

  public struct Owner: Sendable, Codable, Equatable {
    public var owner: String
    /// The id of the person the owner resolved to.
    public var person: String
    public var name: String
    public var files: [String]
    /// How the owner was found: `id`, `profileURL`, `email`, `name` or `new`.
    public var resolvedBy: String
    public var contacts: Int
  }

  /// Contact records read from exports (rows that named someone).
  public var contactRecords = 0
  /// People first created by a contact record.
  public var newPeople = 0
  /// Records folded into a person already known, by the key that matched.
  public var mergedByProfileURL = 0
  public var mergedByEmail = 0
  public var mergedByNameAndCompany = 0
  /// People that appear in more than one owner's export.
  public var peopleInSeveralExports = 0
  public var owners: [Owner] = []
  /// The first `listLimit` merges, in input order.
  public var merges: [Merge] = []
  public var mergesNotListed = 0
  public var ambiguous: [Ambiguity] = []
  public var ambiguousNotListed = 0

  /// Every pair of ids {the person an ambiguous record became, a person it
  /// could have been}, all of them (not only the `listLimit` listed), in
  /// input order: records that may be one person, never suggested to meet
  /// (`liaison introduce`). Not part of the JSON answers.
  public var ambiguousPairs: [AmbiguousPair] = []

  public struct AmbiguousPair: Sendable, Equatable {
    public var person: String
    public var other: String
  }

  /// Times a record was not merged into a person because a `different`
  /// correction (`ContactOptions.keptApart`) keeps them apart; each is also
  /// listed in `ambiguous`. Not part of the JSON answers.
  public var keptApartByCorrection = 0

  public static let listLimit = 1000

  enum CodingKeys: String, CodingKey {
    case contactRecords, newPeople, mergedByProfileURL, mergedByEmail, mergedByNameAndCompany
    case peopleInSeveralExports, owners, merges, mergesNotListed, ambiguous, ambiguousNotListed
  }

  public init() {}

  public var merged: Int { mergedByProfileURL + mergedByEmail + mergedByNameAndCompany }
}
