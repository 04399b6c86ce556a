import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// `brokers` computes what is asked; every enum option takes both spellings;
/// the brokers picture is drawn from the table's own groups and ranking.
@Suite struct BrokersMeasuresTests {
  static let root = SharedData.repositoryRoot()
  static var network: [String] { ["\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv"] }

  static func people(_ json: [String: Any]?) throws -> [[String: Any]] {
    try #require(json?["people"] as? [[String: Any]])
  }

  @Test func constraintRankingComputesNoBetweenness() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let out = "\(tmp.path)/c.json"
    #expect(
      runCLI(
        arguments: ["brokers"] + Self.network + ["--by", "constraint", "--top", "0", "--format", "json", "-o", out])
        == 0)
    let text = try #require(tmp.read("c.json"))
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let byConstraint = try Self.people(json)
    #expect(byConstraint.count > 200 && byConstraint.count < 300, "only brokers: people who stand between someone")
    // Not computed: written as null (the key is there), never as a number.
    #expect(json?["betweennessMethod"] is NSNull)
    for p in byConstraint {
      #expect(p["betweenness"] is NSNull && p["betweennessRaw"] is NSNull, "\(p["id"] ?? "?")")
      #expect(p["egoBetweenness"] as? Double != nil, "the other columns are computed by default")
    }
    // The constraint values equal those of the full computation (every measure, betweenness ranking).
    let (_, full) = runJSON(["brokers"] + Self.network + ["--top", "0", "--measures", "all"])
    let fullPeople = try Self.people(full)
    #expect(fullPeople.count == byConstraint.count, "the same brokers whatever ranks them")
    #expect(fullPeople.allSatisfy { $0["betweenness"] as? Double != nil })
    var fullConstraint: [String: Double] = [:]
    for p in fullPeople { fullConstraint[p["id"] as! String] = p["constraint"] as? Double }
    for p in byConstraint {
      #expect(p["constraint"] as? Double == fullConstraint[p["id"] as! String], "person \(p["id"] ?? "?")")
    }
    // Ranked lowest first, ties by id; the table's betweenness column is blank.
    let values = byConstraint.compactMap { $0["constraint"] as? Double }
    #expect(values == values.sorted())
    let table = try #require(
      runText(["brokers"] + Self.network + ["--by", "constraint", "--top", "3"]))
    #expect(table.contains("betweenness not computed"))
    let csvOut = "\(tmp.path)/c.csv"
    #expect(
      runCLI(
        arguments: ["brokers"] + Self.network + ["--by", "effective-size", "--format", "csv", "-o", csvOut]) == 0)
    let row = try #require(tmp.read("c.csv")?.split(separator: "\n").dropFirst().first)
    let cells = row.split(separator: ",", omittingEmptySubsequences: false)
    #expect(
      cells[4].isEmpty && cells[5].isEmpty && !cells[6].isEmpty, "betweenness blank, ego betweenness there: \(row)")
  }

  @Test func measuresListsTheColumnsComputed() throws {
    let (code, json) = runJSON(
      ["brokers"] + Self.network + ["--by", "effectiveSize", "--measures", "betweenness,hierarchy", "--top", "5"])
    #expect(code == 0)
    for p in try Self.people(json) {
      #expect(
        p["betweenness"] as? Double != nil && p["hierarchy"] as? Double != nil && p["effectiveSize"] as? Double != nil)
      #expect(p["constraint"] is NSNull && p["egoBetweenness"] is NSNull && p["brokerage"] is NSNull)
    }
    #expect(runCLI(arguments: ["brokers"] + Self.network + ["--measures", "fame"]) == 2)
  }

  /// Every value of every enum option, in kebab-case and in camelCase.
  @Test func everyEnumOptionTakesBothSpellings() throws {
    func check<T: EnumArgument & Equatable>(_ type: T.Type) {
      for value in T.allCases {
        #expect(T(argument: value.rawValue) == value, "\(T.self) \(value.rawValue)")
        #expect(T(argument: kebabCase(value.rawValue)) == value, "\(T.self) \(kebabCase(value.rawValue))")
        #expect(T.allValueStrings.contains(value.argumentName))
        #expect(!value.argumentName.contains { $0.isUppercase }, "help shows kebab-case")
      }
      #expect(T(argument: "no-such-value") == nil)
    }
    check(BrokerRanking.self)
    check(BrokerGrouping.self)
    check(BrokerMeasure.self)
    check(LinkIndex.self)
    check(ViewKind.self)
    check(SizeMeasure.self)
    check(LayoutEngine.self)
    check(PictureFormat.self)
    check(CommunityMethod.self)
    check(ExportFormat.self)
    check(OutputFormat.self)
    #expect(
      BrokerRanking(argument: "effective-size") == .effectiveSize
        && BrokerRanking(argument: "effectiveSize") == .effectiveSize)
    #expect(
      BrokerRanking(argument: "ego-betweenness") == .egoBetweenness
        && BrokerRanking(argument: "egoBetweenness") == .egoBetweenness)
    #expect(LinkIndex(argument: "adamic-adar") == .adamicAdar && LinkIndex(argument: "adamicAdar") == .adamicAdar)
    #expect(LinkIndex(argument: "aa") == .adamicAdar && LinkIndex(argument: "common") == .commonNeighbors)
    // Through the command line: both spellings give the same bytes.
    let a = runText(["brokers"] + Self.network + ["--by", "ego-betweenness", "--top", "5"])
    let b = runText(["brokers"] + Self.network + ["--by", "egoBetweenness", "--top", "5"])
    #expect(a != nil && a == b)
    let c = runText(["introduce"] + Self.network + ["--by", "resource-allocation", "--top", "3"])
    let d = runText(["introduce"] + Self.network + ["--by", "resourceAllocation", "--top", "3"])
    #expect(c != nil && c == d)
    // Help shows kebab-case.
    let help = BrokersCommand.helpMessage(columns: 200)
    #expect(help.contains("effective-size") && help.contains("ego-betweenness") && !help.contains("effectiveSize"))
    let introduceHelp = IntroduceCommand.helpMessage(columns: 200)
    #expect(introduceHelp.contains("adamic-adar") && !introduceHelp.contains("adamicAdar"))
  }

  /// The brokers picture's groups are the table's groups: a drawn tie is in
  /// a group's colour exactly when both people are in the same table group
  /// (one of the nine largest), and the picture names the table's top people.
  @Test func brokersPictureGroupsEqualTheTableGroups() throws {
    let g = try NetworkLoader.load(Self.network.map { InputSpec(path: $0) }).graph
    for (groupBy, by) in [
      (BrokerGrouping.company, BrokerRanking.betweenness), (.community, .constraint), (.industry, .brokerage),
    ] {
      let result = BrokersReport.make(g, BrokersRequest(top: 8, by: by, groupBy: groupBy, threads: 2))
      let table = try #require(BrokersReport.groups(g, by: groupBy))
      #expect(result.answer.groups == table.count)
      var o = ViewOptions()
      o.maxNodes = g.personCount
      let model = BrokersReport.picture(g, result, groupBy: groupBy, top: 8, options: o)
      // The nine largest table groups (people without a value are no group).
      func hasValue(_ p: Int) -> Bool {
        switch groupBy {
        case .company: !g.people.company(of: PersonID(p)).isEmpty
        case .industry: !g.people.industry(of: PersonID(p)).isEmpty
        case .community: true
        }
      }
      var size: [Int32: Int] = [:]
      var first: [Int32: Int] = [:]
      for p in 0..<g.personCount where hasValue(p) {
        size[table.labels[p], default: 0] += 1
        if first[table.labels[p]] == nil { first[table.labels[p]] = p }
      }
      let largest = Set(size.keys.sorted { (size[$0]!, -first[$0]!) > (size[$1]!, -first[$1]!) }.prefix(9))
      var coloured = 0
      for e in model.edges where e.kind == .tie && !e.invisible {
        let u = Int(e.a.dropFirst())!
        let v = Int(e.b.dropFirst())!
        let same = hasValue(u) && table.labels[u] == table.labels[v] && largest.contains(table.labels[u])
        #expect(same == !e.color.hasPrefix("#9A9A9A"), "\(groupBy): tie \(u)–\(v)")
        if same { coloured += 1 }
      }
      #expect(coloured > 0, "\(groupBy): some ties inside groups")
      // The picture names the table's top 8, in the table's order.
      #expect(model.nodes.count(where: \.bold) == 8)
      for (rank, p) in result.answer.people.enumerated() {
        #expect(
          model.nodes.contains { $0.bold && $0.label == "\(rank + 1). \(p.name)" }, "\(groupBy): #\(rank + 1) \(p.name)"
        )
      }
    }
  }
}

/// The text a command writes to its --output file (nil when it fails).
func runText(_ args: [String]) -> String? {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let out = "\(tmp.path)/out.txt"
  guard runCLI(arguments: args + ["--output", out]) == 0 else { return nil }
  return TempFolder.read(path: out)
}
