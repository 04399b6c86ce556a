/// The kind of a shared context between two people (Guides/GraphCore.md; X term).
public enum SharedContext: String, Sendable, Codable, CaseIterable {
  case team, company, school, community

  /// Base weight `b_type` of the context.
  public var baseWeight: Double {
    switch self {
    case .team: 1.0
    case .company: 0.8
    case .school: 0.7
    case .community: 0.4
    }
  }
}

/// One logged interaction between ego and alter.
public struct InteractionEvent: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable { case meeting, call, message, group, reaction }
  public enum Direction: String, Sendable {
    case outgoing = "out"
    case incoming = "in"
    case mutual
  }
  public var day: Day
  public var kind: Kind
  public var direction: Direction
  public init(day: Day, kind: Kind, direction: Direction) {
    self.day = day
    self.kind = kind
    self.direction = direction
  }
}

/// The evidence behind one tie, as the tie-strength model consumes it.
public struct TieStrengthInputs: Sendable {
  /// `nil`: no interaction log for this contact; empty: logged, none.
  public var events: [InteractionEvent]?
  public var knownSince: Day?
  public var contexts: [(type: SharedContext, overlapMonths: Double, isCurrent: Bool)]
  public var mutual: Int?
  public var egoDegree: Int?
  public var alterDegree: Int?
  /// Optional self-rated closeness in [0, 1].
  public var closeness: Double?

  public init(
    events: [InteractionEvent]? = nil, knownSince: Day? = nil,
    contexts: [(type: SharedContext, overlapMonths: Double, isCurrent: Bool)] = [],
    mutual: Int? = nil, egoDegree: Int? = nil, alterDegree: Int? = nil, closeness: Double? = nil
  ) {
    self.events = events
    self.knownSince = knownSince
    self.contexts = contexts
    self.mutual = mutual
    self.egoDegree = egoDegree
    self.alterDegree = alterDegree
    self.closeness = closeness
  }
}

/// A tie's score: strength `s` in [0, 1], and `coverage`, the summed weight of
/// the components that had evidence (a confidence value in [0, 1]).
public struct TieScore: Sendable, Hashable {
  public var strength: Double
  public var coverage: Double
  public var components: [String: Double]
}

/// The tie-strength model (Guides/GraphCore.md): a weighted mean of the
/// components that have evidence.
///
/// Components, each in [0, 1] (Δ in days before `asOf`):
/// - recency `R = 2^(−Δ_last / H_R)`, H_R = 90 d — Gilbert & Karahalios (2009)
///   found days since last communication the single best predictor;
/// - intensity `I = 1 − exp(−V / V₀)`, `V = Σ w_kind · 2^(−Δ_e / H_I)`,
///   H_I = 180 d, V₀ = 6 (saturating, after Marsden & Campbell 1984);
/// - duration `U = 1 − exp(−years_known / 3)`;
/// - reciprocity `P = 2·min(out, in) / (out + in)` (Granovetter's reciprocal services);
/// - shared context `X = 1 − Π (1 − b · (1 − e^(−months/12)) · (1 or 0.5 if past))`;
/// - structural overlap `O = m / ((k_e − 1) + (k_a − 1) − m)` (Onnela et al. 2007);
/// - closeness `C`, a self-rating.
///
/// `s = Σ w_k f_k / Σ w_k` over the present components; `coverage = Σ w_k`.
/// Parameters are the documented defaults and can all be changed.
///
/// References: Granovetter 1973, AJS 78(6); Marsden & Campbell 1984, Social
/// Forces 63(2); Gilbert & Karahalios 2009, CHI; Onnela et al. 2007, PNAS 104.
public struct TieStrengthModel: Sendable {
  public var recencyHalfLifeDays = 90.0
  public var intensityHalfLifeDays = 180.0
  public var intensitySaturation = 6.0
  public var kindWeights: [InteractionEvent.Kind: Double] = [
    .meeting: 1.0, .call: 0.8, .message: 0.5, .group: 0.2, .reaction: 0.05,
  ]
  public var weightCloseness = 0.25
  public var weightRecency = 0.20
  public var weightIntensity = 0.20
  public var weightDuration = 0.15
  public var weightContext = 0.10
  public var weightReciprocity = 0.05
  public var weightOverlap = 0.05

  public init() {}

  /// The documented defaults.
  public static let standard = TieStrengthModel()

  /// Scores a tie from full evidence as of `asOf`; `nil` when no component has evidence.
  ///
  /// - Complexity: O(e + c) for e events and c contexts.
  public func score(_ inputs: TieStrengthInputs, asOf: Day) -> TieScore? {
    var sum = 0.0
    var weights = 0.0
    var parts: [String: Double] = [:]
    func add(_ name: String, _ value: Double, _ weight: Double) {
      parts[name] = value
      sum += weight * value
      weights += weight
    }
    if let c = inputs.closeness { add("closeness", min(max(c, 0), 1), weightCloseness) }
    if let events = inputs.events {
      let last = events.map(\.day).max()
      let recency = last.map { Self.halfLife(Double(max(0, $0.days(until: asOf))), recencyHalfLifeDays) } ?? 0
      add("recency", recency, weightRecency)
      var volume = 0.0
      var outgoing = 0.0
      var incoming = 0.0
      for e in events {
        let w = kindWeights[e.kind] ?? 0
        volume += w * Self.halfLife(Double(max(0, e.day.days(until: asOf))), intensityHalfLifeDays)
        if e.direction != .incoming { outgoing += w }
        if e.direction != .outgoing { incoming += w }
      }
      add("intensity", 1 - Elementary.exp(-volume / intensitySaturation), weightIntensity)
      add(
        "reciprocity", outgoing + incoming > 0 ? 2 * min(outgoing, incoming) / (outgoing + incoming) : 0,
        weightReciprocity)
    }
    let since = inputs.knownSince ?? inputs.events?.map(\.day).min()
    if let since {
      let years = Double(max(0, since.days(until: asOf))) / 365.25
      add("duration", 1 - Elementary.exp(-years / 3), weightDuration)
    }
    if !inputs.contexts.isEmpty {
      var keep = 1.0
      for c in inputs.contexts {
        keep *= 1 - c.type.baseWeight * (1 - Elementary.exp(-c.overlapMonths / 12)) * (c.isCurrent ? 1 : 0.5)
      }
      add("context", 1 - keep, weightContext)
    }
    if let m = inputs.mutual, let ke = inputs.egoDegree, let ka = inputs.alterDegree {
      let denominator = Double((ke - 1) + (ka - 1) - m)
      add("overlap", denominator > 0 ? Double(m) / denominator : 0, weightOverlap)
    }
    guard weights > 0 else { return nil }
    return TieScore(strength: sum / weights, coverage: weights, components: parts)
  }

  /// Strength in (0, 1] from the summary evidence a ties table carries, or `nil`
  /// when there is none.
  ///
  /// A count of `interactions` between `since` (or the last contact) and
  /// `lastContact` is modelled as that many messages, evenly spaced, both
  /// ways — the documented stand-in for a missing event log. Their decayed
  /// volume is a geometric series, summed in closed form:
  /// `V = w · 2^(−Δ_last/H) · (1 − r^n) / (1 − r)`, `r = 2^(−step/H)`.
  /// Reciprocity is not observed in a summary and is left out; a last contact
  /// without a count is one message; a count without any date is that many
  /// undecayed messages, with recency left out. The result is clamped to at least 0.001
  /// so every observed tie has a usable strength.
  ///
  /// - Complexity: O(1).
  public func strength(
    interactions: Int?, lastContact: Day?, since: Day?, sharedContext: SharedContext?, asOf: Day
  ) -> Double? {
    var sum = 0.0
    var weights = 0.0
    let last = lastContact ?? (interactions ?? 0 > 0 ? since : nil)
    let count = interactions ?? (lastContact != nil ? 1 : nil)
    if let count {
      var recency = 0.0
      var volume = 0.0
      if count > 0, last == nil {
        // A count without any date: its messages cannot be placed in time, so
        // they are not decayed and recency is left out.
        volume = (kindWeights[.message] ?? 0.5) * Double(count)
      } else if count > 0, let last {
        let ageLast = Double(max(0, last.days(until: asOf)))
        recency = Self.halfLife(ageLast, recencyHalfLifeDays)
        let first = min(since ?? last, last)
        let span = Double(first.days(until: last))
        let n = Double(count)
        let w = kindWeights[.message] ?? 0.5
        if count == 1 || span == 0 {
          volume = w * n * Self.halfLife(ageLast, intensityHalfLifeDays)
        } else {
          let r = Self.halfLife(span / (n - 1), intensityHalfLifeDays)
          let series = r < 1 ? (1 - Elementary.pow2(n * Elementary.log(r) / Elementary.log(2))) / (1 - r) : n
          volume = w * Self.halfLife(ageLast, intensityHalfLifeDays) * series
        }
      }
      let dated = last != nil || count == 0
      sum +=
        (dated ? weightRecency * recency : 0) + weightIntensity * (1 - Elementary.exp(-volume / intensitySaturation))
      weights += (dated ? weightRecency : 0) + weightIntensity
    }
    if let known = since ?? lastContact {
      let years = Double(max(0, known.days(until: asOf))) / 365.25
      sum += weightDuration * (1 - Elementary.exp(-years / 3))
      weights += weightDuration
    }
    if let context = sharedContext {
      let months = since.map { Double(max(0, $0.days(until: lastContact ?? asOf))) / 30.44 } ?? 12
      sum += weightContext * context.baseWeight * (1 - Elementary.exp(-months / 12))
      weights += weightContext
    }
    guard weights > 0 else { return nil }
    return max(0.001, min(1, sum / weights))
  }

  static func halfLife(_ age: Double, _ h: Double) -> Double { Elementary.pow2(-age / h) }
}

extension SharedContext: CustomStringConvertible {
  /// The context as the command line and JSON spell it.
  public var description: String { rawValue }
}

extension InteractionEvent.Kind: CustomStringConvertible {
  /// The kind as written in interaction logs (`meeting`).
  public var description: String { rawValue }
}
