/// What `NetworkCorrections.apply` did: one outcome per correction and log
/// entry (in the order of the lists: `same`, `different`, ties, attributes,
/// interactions), the keys that named nobody, and totals.
public struct CorrectionsReport: Sendable, Equatable, Codable {
  /// Which list a correction comes from.
  public enum Family: String, Sendable, Codable, CaseIterable {
    case same, different, tie, set, log
  }

  /// What one correction did.
  public struct Outcome: Sendable, Equatable, Codable {
    public var family: Family
    /// The correction's id.
    public var id: Int
    /// Whether it changed the network (false: unknown keys, overridden, nothing to do).
    public var applied: Bool
    /// What it did or why it did nothing, in words.
    public var effect: String

    public init(family: Family, id: Int, applied: Bool, effect: String) {
      self.family = family
      self.id = id
      self.applied = applied
      self.effect = effect
    }
  }

  /// A stable key that names nobody in the network.
  public struct UnknownKey: Sendable, Equatable, Codable {
    public var family: Family
    public var id: Int
    public var key: String
  }

  public var outcomes: [Outcome] = []
  /// Keys not in the network, in the order they are met (`different`,
  /// `same`, ties, attributes, log); the owner's key is reported with family
  /// `log` and id 0.
  public var unknownKeys: [UnknownKey] = []
  /// People folded into another by `same`.
  public var peopleMerged = 0
  /// Ties removed by `reject` (`inferredTiesRemoved` of them inferred).
  public var tiesRemoved = 0
  public var inferredTiesRemoved = 0
  /// Inferred ties made observed by `confirm` or by logged interactions.
  public var tiesConfirmed = 0
  /// Ties that were not in the data: confirmed, rated or logged.
  public var tiesAdded = 0
  /// Ties whose two ends `same` made one person.
  public var selfTiesDropped = 0
  /// Ties folded into another because `same` made them join the same two people.
  public var parallelTiesMerged = 0
  /// Ties that logged interactions gave evidence for.
  public var tiesWithLoggedEvidence = 0

  public init() {}

  /// The outcomes of corrections that did not change the network.
  public var notApplied: [Outcome] { outcomes.filter { !$0.applied } }
}
