import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// Only people who stand between someone are listed as brokers, in
/// `brokers`, in batch and in the brokers picture; the columns say what they are.
@Suite struct BrokerListTests {
  /// A triangle a–b–c with d hanging off a, and e–f apart: only a stands
  /// between two people (d and b, d and c); b, c, d, e and f have betweenness 0.
  static let edges = "source,target\na,b\nb,c\na,c\na,d\ne,f\n"

  @Test func peopleWhoBrokerNothingAreNotListed() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let file = tmp.write("e.csv", Self.edges)
    for by in ["betweenness", "constraint", "effective-size", "ego-betweenness", "brokerage"] {
      let (code, json) = runJSON(["brokers", file, "--top", "0", "--by", by])
      #expect(code == 0)
      let people = try #require(json?["people"] as? [[String: Any]])
      #expect(people.map { $0["id"] as? String } == ["a"], "--by \(by)")
    }
  }

  @Test func tableNamesItsColumnsAndNormalisesEgoBetweenness() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    // A star: the centre with 4 unlinked contacts brokers all C(4, 2) = 6 pairs.
    let file = tmp.write("star.csv", "source,target\nh,a\nh,b\nh,c\nh,d\na,b\n")
    let text = try #require(runText(["brokers", file]))
    #expect(text.contains("ego betweenness") && text.contains("effective size"))
    #expect(!text.contains("circles"))
    let header = try #require(text.split(separator: "\n").first { $0.contains("#") && $0.contains("name") })
    let columns = header.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    #expect(
      columns == [
        "#", "name", "company", "betweenness", "ego betweenness", "constraint", "effective size", "contacts",
      ],
      "\(header)")
    let (_, json) = runJSON(["brokers", file])
    let h = try #require((json?["people"] as? [[String: Any]])?.first)
    #expect(h["id"] as? String == "h")
    // Pairs among h's contacts: 6; a–b are tied, so h brokers 5 of them.
    #expect(h["egoBetweenness"] as? Double == 5)
    #expect(abs((h["egoBetweennessNormalized"] as? Double ?? 0) - 5.0 / 6) < 1e-12)
    #expect(text.contains("0.833"), "the table shows the normalised value")
  }

  /// The picture takes its list from the report: people passed over have no
  /// ranking value there, so its first brokers are the people listed. Ten
  /// people who all know each other have constraint (2·10 − 3)²/9³ ≈ 0.396,
  /// lower than the 0.5 of y, the middle of x–y–z, yet broker nothing.
  @Test func pictureRanksOnlyTheListedBrokers() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var rows = "source,target\nx,y\ny,z\n"
    for i in 0..<10 { for j in (i + 1)..<10 { rows += "k\(i),k\(j)\n" } }
    let g = try NetworkLoader.load([InputSpec(path: tmp.write("e.csv", rows))]).graph
    let result = BrokersReport.make(g, BrokersRequest(top: 5, by: .constraint))
    #expect(result.answer.people.map(\.id) == ["y"])
    for p in 0..<PersonID(g.personCount) {
      let id = g.people.id(of: p)
      let value = result.ranking.values[Int(p)]
      if id.hasPrefix("k") {
        #expect(value == nil, "\(id) ranks before y by constraint but brokers nothing: no value in the picture")
      } else {
        #expect(value != nil, "\(id) keeps its value")
      }
    }
  }

  /// `render --view brokers` and `brokers --svg` name the brokers of the list and nobody else.
  @Test func picturesNameOnlyTheListedBrokers() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let file = tmp.write("e.csv", Self.edges)
    let rendered = "\(tmp.path)/render.svg"
    let drawn = "\(tmp.path)/brokers.svg"
    #expect(runCLI(arguments: ["render", file, "--view", "brokers", "--output", rendered]) == 0)
    #expect(runCLI(arguments: ["brokers", file, "--svg", drawn, "--output", "\(tmp.path)/t.txt"]) == 0)
    for path in [rendered, drawn] {
      let svg = try #require(TempFolder.read(path: path), "\(path)")
      #expect(svg.contains("broker #1"), "\(path)")
      #expect(!svg.contains("broker #2"), "\(path): only a stands between anyone")
    }
  }

  @Test func batchListsOnlyBrokers() throws {
    let run = TeamBatch.first
    let csv = try #require(TempFolder.read(path: "\(run.folder)/brokers.csv"))
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(!rows.isEmpty)
    let header = csv.split(separator: "\n")[0].split(separator: ",")
    let b = try #require(header.firstIndex(of: "betweenness"))
    let total = try #require(header.firstIndex(of: "total"))
    for r in rows where r.count == header.count {
      #expect((Double(r[b]) ?? 0) > 0 || (Int(r[total]) ?? 0) > 0, "\(r)")
    }
    #expect(header.contains("egoBetweennessNormalized"))
  }
}
