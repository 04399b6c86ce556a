import GraphCore

/// The interaction-log entry a tie's evidence names (`log #12`, from the
/// source the corrections engine gives a tie with logged interactions:
/// `linkedin + log #12`), for path hops and reach contacts.
enum LoggedEvidence {
  /// `log #ID` of the latest logged entry for tie `t`, or nil when the log says nothing about it. O(source length).
  static func entry(_ g: Graph, _ t: Int) -> String? {
    guard let source = g.ties.source(t) else { return nil }
    // Most sources name no log entry: a byte scan settles those without splitting.
    let bytes = Array(source.utf8)
    let mark = Array("log #".utf8)
    guard bytes.count >= mark.count,
      (0...(bytes.count - mark.count)).contains(where: { bytes[$0..<($0 + mark.count)].elementsEqual(mark) })
    else { return nil }
    let parts = source.components(separatedBy: " + ")
    return parts.last { $0.hasPrefix("log #") }
  }

  /// The entry for the tie between `a` and `b`, when there is one.
  static func entry(_ g: Graph, _ a: PersonID, _ b: PersonID) -> String? {
    g.tieID(between: a, and: b).flatMap { entry(g, $0) }
  }
}
