import GraphCore

/// Which of the asker's ties may start an introduction chain
/// (Guides/BrokerPaths.md, "Exact definitions").
public enum FirstHopRule: Sendable, Equatable {
  /// Any tie of the asker.
  case any
  /// Only a tie the asker can use (`Graph.isUsableFirstHop`), with these tie classes.
  case usable(TieClassifier)
}

extension Graph {
  /// Whether `source`'s tie to `contact` can start a chain: strong, weak,
  /// unrated (no evidence either way), or dormant but formerly strong; never
  /// nominal, unreciprocated, or dormant without a strong rating; false when
  /// they are not tied.
  /// - Complexity: O(log deg(source)).
  package func isUsableFirstHop(from source: PersonID, to contact: PersonID, classifier: TieClassifier) -> Bool {
    guard let t = tieID(between: source, and: contact) else { return false }
    switch tieClass(t, classifier: classifier) {
    case .strong, .weak, .unrated: return true
    case .nominal, .unreciprocated: return false
    case .dormant:
      guard ties.isRated(t), let s = strength(between: source, and: contact) else { return false }
      return Double(s) >= classifier.strongAtLeast
    }
  }

  /// The test `rule` puts on the first hop of chains from `source`.
  package func firstHopTest(_ rule: FirstHopRule, from source: PersonID) -> (PersonID) -> Bool {
    switch rule {
    case .any: { _ in true }
    case .usable(let classifier): { self.isUsableFirstHop(from: source, to: $0, classifier: classifier) }
    }
  }
}
