import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// The network-wide answer written a chunk at a time, and the ego's contacts capped.
@Suite(.serialized) struct IntroduceLimitsTests {
  let root = SharedData.repositoryRoot()

  /// The whole answer in one piece, as the command used to build it.
  func wholeText(_ g: Graph, k: Int, excluded: Set<PersonPair>, format: OutputFormat) throws -> String {
    let r = g.networkIntroductions(perPerson: k, excluded: excluded, threads: 1)
    let answer = IntroduceResult.make(r, index: .adamicAdar, k: k, in: g)
    switch format {
    case .table: return answer.table()
    case .csv: return answer.csv()
    case .json: return try jsonText(answer)
    }
  }

  func streamed(
    _ g: Graph, k: Int, excluded: Set<PersonPair>, format: OutputFormat, chunk: Int, threads: Int
  ) throws -> [String] {
    let r = g.networkIntroductionPairs(perPerson: k, excluded: excluded, threads: threads)
    var pieces: [String] = []
    try IntroductionsReport.writeNetwork(r, format: format, in: g, chunk: chunk) { pieces.append($0) }
    return pieces
  }

  /// On the bundled 300-person network (names with commas, quotes, accents):
  /// the streamed answer has the same bytes as the whole text, and comes in
  /// many small pieces — never the whole answer at once.
  @Test(arguments: OutputFormat.allCases)
  func streamedAnswerEqualsTheWholeTextInSmallPieces(format: OutputFormat) throws {
    let loaded = try NetworkLoader.load(
      [InputSpec(path: "\(root)/datasets/network/people.csv"), InputSpec(path: "\(root)/datasets/network/ties.csv")])
    let g = loaded.graph
    for k in [1, 10] {
      let expected = try wholeText(g, k: k, excluded: [], format: format)
      let pieces = try streamed(g, k: k, excluded: [], format: format, chunk: 7, threads: 2)
      #expect(pieces.joined() == expected, "k \(k) \(format)")
      let rows = g.networkIntroductionPairs(perPerson: k).count
      #expect(rows > 100)
      if format != .table {
        #expect(pieces.count >= rows / 7, "k \(k) \(format): \(pieces.count) pieces for \(rows) pairs")
        let largest = pieces.map(\.utf8.count).max() ?? 0
        #expect(largest * 10 < expected.utf8.count, "k \(k) \(format): a piece of \(largest) bytes")
      }
    }
  }

  /// Seeded random graphs (isolated people, empty answers), with excluded
  /// pairs, 1 and 2 threads, chunks of 1 and 3: the same bytes as the whole text.
  @Test(arguments: 0..<UInt64(24))
  func streamedEqualsWholeOnRandomGraphs(seed: UInt64) throws {
    let (g, _) = try RandomMultigraph(seed: seed &+ 97_000, maxPeople: 60).build()
    let all = g.networkIntroductionPairs(perPerson: 3).records
    let excluded = Set(all.enumerated().filter { $0.offset % 4 == 1 }.map { PersonPair($0.element.a, $0.element.b) })
    for format in OutputFormat.allCases {
      for k in [1, 3] {
        let expected = try wholeText(g, k: k, excluded: excluded, format: format)
        for (chunk, threads) in [(1, 1), (3, 2)] {
          let text = try streamed(g, k: k, excluded: excluded, format: format, chunk: chunk, threads: threads).joined()
          #expect(text == expected, "seed \(seed) \(format) k \(k) chunk \(chunk)")
        }
      }
    }
  }

  /// --per-person written 5 people at a time: the same bytes as the whole
  /// answer encoded at once (JSON) or listed row by row (CSV), in many pieces.
  @Test func perPersonStreamedEqualsWhole() throws {
    let loaded = try NetworkLoader.load(
      [InputSpec(path: "\(root)/datasets/network/people.csv"), InputSpec(path: "\(root)/datasets/network/ties.csv")])
    let g = loaded.graph
    let r = g.topLinkPredictions(k: 4, threads: 2)
    var csv = "person,rank,candidate,adamicAdar\n"
    var people: [IntroductionsReport.PerPersonJSON.Person] = []
    for p in 0..<PersonID(g.personCount) {
      for (rank, c) in r.candidates(of: p).enumerated() {
        csv +=
          "\(CSVEscaping.field(g.people.id(of: p))),\(rank + 1),\(CSVEscaping.field(g.people.id(of: c.person))),\(c.score)\n"
      }
      people.append(
        .init(
          id: g.people.id(of: p), name: g.people.name(of: p),
          candidates: r.candidates(of: p).map {
            .init(id: g.people.id(of: $0.person), name: g.people.name(of: $0.person), score: $0.score)
          }))
    }
    let json = try jsonText(
      IntroductionsReport.PerPersonJSON(rankedBy: "adamicAdar", k: 4, pairsScored: r.pairsScored, people: people))
    for (format, expected) in [(OutputFormat.csv, csv), (.json, json)] {
      var pieces: [String] = []
      try IntroductionsReport.writePerPerson(r, in: g, format: format, chunk: 5) { pieces.append($0) }
      #expect(pieces.joined() == expected, "\(format)")
      #expect(pieces.count >= g.personCount / 5, "\(format): \(pieces.count) pieces")
    }
  }

  /// Runs the command with standard error sent to a file; returns the exit code and what was written there.
  func runCapturingStandardError(_ args: [String], in tmp: TempFolder) -> (Int32, String) {
    var code: Int32 = 0
    let text = capturingStandardError { code = runCLI(arguments: args) }
    return (code, text)
  }

  /// A star of 40 contacts with --max-contacts 6: a notice names the cap and
  /// how to lift it, 15 pairs are considered; with the cap lifted (0, or at
  /// least the contacts, or the default) the answer is the uncapped one, the
  /// same bytes each way, and nothing is said.
  @Test func capOnAStarSaysSoAndLiftsCleanly() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let star = tmp.write("star.csv", "source,target\n" + (0..<40).map { "hub,p\($0)\n" }.joined())
    let base = ["introduce", star, "--ego", "hub", "--top", "50", "--format", "json", "--output"]
    let (code, notice) = runCapturingStandardError(base + ["\(tmp.path)/capped.json", "--max-contacts", "6"], in: tmp)
    #expect(code == 0)
    #expect(notice.contains("hub has 40 contacts; only the 6 with the strongest ties were paired (15 of 780 pairs)"))
    #expect(notice.contains("--max-contacts 0"))
    let capped = try #require(
      JSONSerialization.jsonObject(with: Data((tmp.read("capped.json") ?? "").utf8)) as? [String: Any])
    #expect(capped["contactsConsidered"] as? Int == 6 && capped["contacts"] as? Int == 40)
    #expect(capped["pairsConsidered"] as? Int == 15 && (capped["candidates"] as? [Any])?.count == 15)
    var texts: [String] = []
    for (i, cap) in [["--max-contacts", "0"], ["--max-contacts", "40"], []].enumerated() {
      let (code, said) = runCapturingStandardError(base + ["\(tmp.path)/all\(i).json"] + cap, in: tmp)
      #expect(code == 0)
      #expect(!said.contains("strongest ties"), "\(cap)")
      texts.append(tmp.read("all\(i).json") ?? "")
    }
    #expect(texts[0] == texts[1] && texts[1] == texts[2])
    let all = try #require(JSONSerialization.jsonObject(with: Data(texts[0].utf8)) as? [String: Any])
    #expect(all["contactsConsidered"] == nil && all["pairsConsidered"] as? Int == 780)
    #expect(runCLI(arguments: ["introduce", star, "--ego", "hub", "--max-contacts", "-1"]) == 2)
  }
}
