/// The class of a tie (Guides/GraphCore.md; the rules apply in order).
///
/// - `dormant`: the last contact is at least `dormantAfterDays` (3 years, after
///   Levin, Walter & Murnighan 2011) before the reference date;
/// - `unreciprocated`: interactions were logged but none came back;
/// - `strong` (s ≥ 0.55), `weak` (0.15 ≤ s < 0.55), `nominal` (s < 0.15);
/// - `unrated`: the data gave no strength and no evidence (plain edge lists);
///   such ties get `TieClassifier.defaultStrength`.
public enum TieClass: String, Sendable, Codable, CaseIterable, Comparable {
  case strong, weak, nominal, dormant, unreciprocated, unrated

  /// Position in `allCases` (report order).
  public var index: Int {
    switch self {
    case .strong: 0
    case .weak: 1
    case .nominal: 2
    case .dormant: 3
    case .unreciprocated: 4
    case .unrated: 5
    }
  }

  public static func < (a: TieClass, b: TieClass) -> Bool { a.index < b.index }
}

/// Thresholds that turn a tie's strength and evidence into a `TieClass`.
public struct TieClassifier: Sendable, Hashable, Codable {
  /// Strength at or above which a tie is strong.
  public var strongAtLeast: Double = 0.55
  /// Strength at or above which a tie is at least weak.
  public var weakAtLeast: Double = 0.15
  /// Days without contact after which a tie is dormant (3 years).
  public var dormantAfterDays: Int = 1095

  /// The strength given to a tie whose data has none. One value for every
  /// such tie, so unweighted data gives unweighted answers: every tie costs
  /// `−ln 0.5 = ln 2` on strongest-path searches (fewest hops wins) and Burt's
  /// measures equal their unweighted values. It is below 1 on purpose: a
  /// strength of 1 would cost 0 and make every path equally short.
  public static let defaultStrength: Float = 0.5

  public init(strongAtLeast: Double = 0.55, weakAtLeast: Double = 0.15, dormantAfterDays: Int = 1095) {
    self.strongAtLeast = strongAtLeast
    self.weakAtLeast = weakAtLeast
    self.dormantAfterDays = dormantAfterDays
  }

  /// The class of one tie.
  /// - Parameters:
  ///   - strength: the tie's strength, or `nil` when the data gave none.
  ///   - lastContact: the most recent interaction, if known.
  ///   - interactionsOut: logged interactions sent (outgoing), if known.
  ///   - interactionsIn: logged interactions received (incoming), if known.
  ///   - interactions: all logged interactions, if known: when some have no
  ///     direction (a ties table's count merged with a mailbox's sent mail),
  ///     nothing says none came back, so the tie is not called unreciprocated.
  ///   - asOf: the reference date for dormancy.
  public func classify(
    strength: Double?, lastContact: Day?, interactionsOut: Int? = nil, interactionsIn: Int? = nil,
    interactions: Int? = nil, asOf: Day?
  ) -> TieClass {
    if let lastContact, let asOf, lastContact.days(until: asOf) >= dormantAfterDays { return .dormant }
    if let o = interactionsOut, let i = interactionsIn, o > 0, i == 0, (interactions ?? o) <= o {
      return .unreciprocated
    }
    guard let strength else { return .unrated }
    if strength >= strongAtLeast { return .strong }
    if strength >= weakAtLeast { return .weak }
    return .nominal
  }
}

extension TieClass: CustomStringConvertible {
  /// The class as the command line and JSON spell it (`weak`), also inside a printed collection.
  public var description: String { rawValue }
}
