import Foundation
import GraphAlgorithms
import GraphCore
import GraphRendering
import Testing

/// Memory across many renders in one process (no leak at the C boundary).
/// A measurement, not a default test: run with `LIAISON_MEMORY_TREND=1`
/// (200 renders of a 300-person ego view, RSS printed every 25 renders).
@Suite struct RenderMemoryTests {
  static func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return Double(fields[1])! * 4096 / 1_048_576
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["LIAISON_MEMORY_TREND"] != nil))
  func rssStaysFlatOver200Renders() throws {
    let g = try RenderFixtures.network(people: 400, ties: 2400, seed: 29)
    let ego = PersonID((0..<g.personCount).max { g.degree(of: PersonID($0)) < g.degree(of: PersonID($1)) }!)
    let engines: [LayoutEngine] = [.neato, .sfdp]
    var samples: [(Int, Double)] = []
    for engine in engines {
      var o = ViewOptions()
      o.engine = engine
      let dot = RenderModel.ego(g, ego: ego, options: o).dot()
      var first = 0.0
      for i in 1...200 {
        _ = try GraphvizRenderer().renderSynchronously(dot: dot, engine: engine)
        if i == 10 { first = Self.residentMegabytes() }
        if i % 25 == 0 || i == 10 {
          samples.append((i, Self.residentMegabytes()))
          print("memory-trend \(engine) render \(i): RSS \(String(format: "%.1f", Self.residentMegabytes())) MB")
        }
      }
      let last = Self.residentMegabytes()
      print(
        "memory-trend \(engine): RSS after 10 renders \(String(format: "%.1f", first)) MB, after 200 \(String(format: "%.1f", last)) MB"
      )
      #expect(last - first < 8, "RSS grew \(last - first) MB over 190 renders with \(engine)")
    }
  }
}
