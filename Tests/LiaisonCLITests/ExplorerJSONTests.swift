import Foundation
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// The page's hand-written JSON against the oracle it replaced: Foundation's
/// `JSONEncoder` (sorted keys, slashes unescaped) followed by the escaping
/// that keeps the text inert inside a `<script>` block.
@Suite struct ExplorerJSONTests {
  /// The oracle: the encoder's bytes with `<`, `>`, `&`, U+2028 and U+2029 escaped.
  static func oracle(_ data: ExplorerData) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var out = ""
    for c in String(decoding: try encoder.encode(data), as: UTF8.self).unicodeScalars {
      switch c {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  @Test func aRealPageIsWrittenAsTheEncoderWritesIt() throws {
    let team = "\(SharedData.repositoryRoot())/datasets/team"
    let loaded = try NetworkLoader.load([InputSpec(path: "\(team)/people.csv"), InputSpec(path: "\(team)/ties.csv")])
    let g = loaded.graph
    for ego in [nil, PersonID(0), PersonID(g.personCount / 2)] {
      var request = ExplorerRequest()
      request.ego = ego
      let data = try ExplorerData.make(g, request)
      #expect(!data.people.isEmpty && !data.nodes.isEmpty)
      #expect(try ExplorerJSON.text(data) == Self.oracle(data), "ego \(String(describing: ego))")
    }
  }

  /// Hostile and unusual text, every optional both nil and set, numbers
  /// across their range (seeded).
  @Test func unusualValuesAreWrittenAsTheEncoderWritesThem() throws {
    var rng = SplitMix64(seed: 26)
    let texts = [
      "", "plain", "</script><img src=x onerror=alert(1)>", "a/b\\c\"d", "tab\tnew\nret\rbs\u{8}ff\u{c}",
      "\u{0}\u{1}\u{1b}\u{1f}\u{7f}", "Line\u{2028}Break\u{2029}", "Núñez 王 🙂", "\u{202E}evil\u{202C}", "A & B <c>",
    ]
    func text() -> String { texts[Int(rng.next() % UInt64(texts.count))] }
    func number() -> Double {
      switch rng.next() % 6 {
      case 0: return 0
      case 1: return -0.0
      case 2: return Double(rng.next() % 1000)
      case 3: return Double(rng.next() % 1_000_000) / 1e4
      case 4: return Double(bitPattern: 0x3F00_0000_0000_0000 | (rng.next() >> 12))
      default: return 1e20 * Double(rng.next() % 100) + 1e-7
      }
    }
    func maybe<T>(_ v: T) -> T? { rng.next() % 2 == 0 ? nil : v }
    for _ in 0..<20 {
      let people = (0..<5).map { i in
        ExplorerData.Person(
          id: text(), name: text(), company: text(), title: text(), industry: text(), location: text(),
          tags: [text(), text()], class: maybe(text()), strength: maybe(number()), distance: maybe(i),
          community: maybe(i * 3), inferred: rng.next() % 2 == 0, node: i - 1)
      }
      let nodes = (0..<3).map { i in
        ExplorerData.Node(
          kind: text(), person: maybe(i), members: maybe([1, 2]), label: text(), x: number(), y: number(),
          w: number(), h: number(), shape: text(), fill: text(), stroke: text(), labelShown: rng.next() % 2 == 0)
      }
      let data = ExplorerData(
        title: text(), subtitle: text(), ego: maybe(0), width: number(), height: number(), people: people,
        nodes: nodes,
        edges: [
          .init(
            a: 0, b: 1, kind: text(), points: [number(), number()], width: number(), color: text(), dash: true, tie: 0)
        ],
        how: [text(), text()], sources: [text()],
        // Every class; days from year 0 to 9999 and beyond (written as `Day.iso` does), or none.
        ties: (0..<8).map { i in
          let days: [Int32] = [-719_528, 2_932_896, 2_932_897, -800_000, 19_000, 0, -1]
          return .init(
            interactions: Int(rng.next() % 5) - 1, a: Int32(i), b: 1, how: 0, source: -1,
            last: i == 7 ? nil : Day(daysSinceEpoch: i < days.count ? days[i] : Int32(rng.next() % 40_000)),
            tieClass: TieClass.allCases[i % TieClass.allCases.count], inferred: rng.next() % 2 == 0,
            strength: maybe(number()))
        },
        communities: [.init(label: text(), size: 4)],
        only: [
          3: .init(count: 2, people: [1, 2]), 12: .init(count: 0, people: []), 0: .init(count: 1, people: [4]),
        ],
        chains: [10: [.init(people: [0, 1], strength: number(), sentence: maybe(text()))], 9: [], 100: [], 1: []],
        introductions: [.init(a: 0, b: 1, score: number(), shared: 2, reasons: [text()])],
        reach: [.init(person: 1, class: text(), strength: number(), only: 2, second: 3, jobValue: number())],
        brokers: [
          .init(person: 1, betweenness: maybe(number()), constraint: maybe(number()), effectiveSize: maybe(number()))
        ],
        plan: ["2": [.init(part: text(), id: text(), text: text(), evidence: [text()], command: text())]],
        caption: [text()], legend: [.init(color: text(), symbol: text(), text: text())])
      #expect(try ExplorerJSON.text(data) == Self.oracle(data))
    }
  }

  /// Person keys ordered by `textOrder` as their decimal text orders byte by
  /// byte: prefixes, powers of ten, 0, up to 10¹⁸ − 1, seed 6.
  @Test func personKeysSortAsTheirText() {
    var rng = SplitMix64(seed: 6)
    var values = [0, 1, 9, 10, 11, 19, 99, 100, 101, 999_999_999_999_999_999, 100_000_000_000_000_000]
    for _ in 0..<3_000 {
      let digits = 1 + Int(rng.next() % 18)
      var v = 0
      for _ in 0..<digits { v = v * 10 + Int(rng.next() % 10) }
      values.append(v)
    }
    let byText = values.sorted { Array(String($0).utf8).lexicographicallyPrecedes(Array(String($1).utf8)) }
    let byKey = values.sorted {
      (ByPerson<Int>.textOrder($0), $0) < (ByPerson<Int>.textOrder($1), $1)
    }
    #expect(byKey == byText)
  }

  /// Numbers one by one against the encoder, around the integer path's
  /// edges (four decimals, 10⁻⁴ and 10¹⁰, signs, zeros), seed 5.
  @Test func numbersAreTheEncodersDigits() throws {
    var rng = SplitMix64(seed: 5)
    var values: [Double] = [
      0, -0.0, 0.0001, -0.0001, 0.00009999, 0.5, 1e10, 1e10 - 0.0001, 9_999_999_999.9999, 0.1 + 0.2,
    ]
    for _ in 0..<20_000 {
      let k = Double(Int64(bitPattern: rng.next()) % 100_000_000_000_000)
      switch rng.next() % 4 {
      case 0: values.append(k / 10_000)
      case 1: values.append((k / 1e9).rounded() / 10)
      case 2: values.append(Double(bitPattern: rng.next() >> 2) * (rng.next() % 2 == 0 ? 1 : -1))
      default: values.append((Double(rng.next() % 1_000_000) / 1e6 * 10_000).rounded() / 10_000)
      }
    }
    let encoder = JSONEncoder()
    for v in values where v.isFinite {
      var w = ExplorerJSON()
      try w.number(v)
      let expected = String(decoding: try encoder.encode([v]), as: UTF8.self).dropFirst().dropLast()
      #expect(String(decoding: w.bytes, as: UTF8.self) == String(expected), "\(v)")
    }
  }

  @Test func aNumberJSONCannotHoldIsAnError() {
    var w = ExplorerJSON()
    #expect(throws: ExplorerJSONError.self) { try w.number(.nan) }
    #expect(throws: ExplorerJSONError.self) { try w.number(.infinity) }
  }
}
