import Foundation
import GraphCore
import Testing

@testable import GraphAlgorithms

/// The sampled-betweenness bound recomputed from its stated formula
/// (Guides/Brokerage.md): min of Hoeffding–Serfling and empirical
/// Bernstein–Serfling per person, α split in two, the largest over people.
@Suite struct SamplingBoundFormulaTests {
  @Test func empiricalBernsteinTermMatchesTheFormula() {
    let n = 100_000
    let k = 5_000
    let alpha = 0.05
    // Per-person Σδ_s and Σδ_s² over the k sources: a quiet person, a
    // busy one, and one on every path from a few sources.
    let sums: [Double] = [0, 2_000_000, 40_000_000]
    let squares: [Double] = [0, 9e9, 4e11]
    let people = sums.count
    let paddedSums = sums + [Double](repeating: 0, count: n - people)
    let paddedSquares = squares + [Double](repeating: 0, count: n - people)
    let got = Graph.samplingErrorBound(
      sums: paddedSums, squares: paddedSquares, people: n, samples: k, confidence: 1 - alpha)

    let nd = Double(n)
    let kd = Double(k)
    let r = nd / (nd - 1)
    let rho = min(1 - (kd - 1) / nd, (1 - kd / nd) * (1 + 1 / kd))
    let hoeffding = r * (rho * log(4 * nd / alpha) / (2 * kd)).squareRoot()
    let l = log(20 * nd / alpha)
    let kappa = 7.0 / 3 + 3 / sqrt(2.0)
    let c = nd / ((nd - 1) * (nd - 2))
    var expected = 0.0
    for v in 0..<people {
      let xs = (mean: c * sums[v] / kd, second: c * c * squares[v] / kd)
      let sd = max(0, xs.second - xs.mean * xs.mean).squareRoot()
      expected = max(expected, min(hoeffding, sd * (2 * rho * l / kd).squareRoot() + kappa * r * l / kd))
    }
    #expect(kappa * r * l / kd < hoeffding, "this case exercises the empirical term")
    #expect(expected < hoeffding, "the empirical term wins for someone")
    #expect(abs(got - expected) < 1e-12, "bound \(got), formula \(expected)")
  }
}
