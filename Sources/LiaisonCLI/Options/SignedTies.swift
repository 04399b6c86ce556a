import GraphCore
import GraphIO

/// Negative (signed) ties in analyses (Guides/Importing.md, "Signed ties").
///
/// Every import keeps negative ties with their sign; `stats` counts them and
/// `export` writes them. The analyses that follow ties from person to person
/// — `path`, `reach`, `introduce`, `brokers` (betweenness is made of shortest
/// paths), `communities` (modularity is not defined for negative weights) and
/// those parts of `batch` — run on the network without them, unless
/// `--include-negative` is given: distrust is not a way to reach anyone.
enum SignedTies {
  /// `loaded` without its negative ties (same people and ids), unless
  /// `includeNegative`; and how many ties were left out.
  /// - Complexity: O(V + E) when there are negative ties, else O(m / 64).
  static func forAnalysis(_ loaded: LoadedNetwork, includeNegative: Bool) -> (LoadedNetwork, leftOut: Int) {
    let negative = loaded.graph.ties.negativeCount
    guard negative > 0, !includeNegative else { return (loaded, 0) }
    var out = loaded
    out.graph = loaded.graph.withoutNegativeTies()
    return (out, negative)
  }

  /// The note printed when ties were left out.
  static func note(leftOut n: Int) -> String {
    "\(TextFormat.count(n, "negative tie")) left out of the analysis (--include-negative uses them)"
  }
}

extension InputOptions {
  /// `load(writing:alsoReading:)` for the analyses that follow ties: without
  /// negative ties unless `--include-negative` (a note on stderr says how many).
  func loadForAnalysis(writing outputs: [OutputFile] = [], alsoReading: [String?] = [], threads: Int? = nil) throws
    -> LoadedNetwork
  {
    let (loaded, leftOut) = SignedTies.forAnalysis(
      try load(writing: outputs, alsoReading: alsoReading, threads: threads), includeNegative: includeNegative)
    if leftOut > 0 { Terminal.note(SignedTies.note(leftOut: leftOut)) }
    return loaded
  }
}
