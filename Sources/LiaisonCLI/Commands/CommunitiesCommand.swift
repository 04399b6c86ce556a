import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// `--method` of `liaison communities`.
enum CommunityMethod: String, ExpressibleByArgument, CaseIterable, Sendable {
  case leiden, louvain
}

/// The JSON answer of `liaison communities`.
struct CommunitiesAnswer: Codable {
  struct Community: Codable {
    var id: Int
    var size: Int
    var topCompanies: [String]
    var members: [PersonReference.Ref]
  }
  var modularity: Double
  var method: String
  var resolution: Double
  var seed: UInt64
  var communities: [Community]
}

struct CommunitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "communities",
    abstract: "Communities (Leiden or Louvain, modularity with tie strength as the weight): the circles of a network.",
    discussion: """
      Seeded and deterministic: the same files, --resolution and --seed give the same communities.
      A higher --resolution gives more, smaller communities. --method leiden (default) refines each
      community before aggregating (Traag et al. 2019), so no community falls apart into pieces;
      --method louvain is the classic method (Blondel et al. 2008).

      Examples:
        liaison communities datasets/network/people.csv datasets/network/ties.csv
        liaison communities ties.csv --resolution 1.5 --seed 7 --format json --output communities.json
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  @Option(parsing: .unconditional, help: "Resolution γ of modularity (γ > 1: more, smaller communities).")
  var resolution: Double = 1

  @Option(help: "leiden (Louvain plus a refinement that keeps communities connected) or louvain.")
  var method: CommunityMethod = .leiden

  @Option(parsing: .unconditional, help: "Seed for the order in which people are visited.", transform: seedArgument)
  var seed: UInt64 = 42

  @Option(parsing: .unconditional, help: "Communities to list in the table.")
  var top: Int = 10

  func validate() throws {
    if !(resolution > 0 && resolution.isFinite) { throw ValidationError("--resolution must be a positive number.") }
    if top < 1 { throw ValidationError("--top must be a positive number (at least 1).") }
  }

  func run() throws {
    let g = try input.load(writing: [output.output]).graph
    let start = Clock.now()
    let p =
      method == .leiden
      ? g.leidenCommunities(resolution: resolution, seed: seed) : g.louvainCommunities(resolution: resolution, seed: seed)
    if getenv("LIAISON_TIMINGS") != nil {
      Terminal.note("communities: \(fixed(Clock.now() - start, 3)) s (\(p.count) communities, modularity \(fixed(p.modularity, 4)))")
    }
    var members = [[PersonID]](repeating: [], count: p.count)
    for (i, l) in p.labels.enumerated() { members[Int(l)].append(PersonID(i)) }
    // Companies by key ("Apple Inc." = "Apple"), named by their labels.
    let companies = g.people.companyGroups
    let communities = members.enumerated().map { (id, list) -> CommunitiesAnswer.Community in
      var counts: [Int32: Int] = [:]
      for q in list { if let c = companies.group(of: q) { counts[c, default: 0] += 1 } }
      let top = counts.map { (name: companies.label($0.key), count: $0.value) }
        .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(3).map(\.name)
      return CommunitiesAnswer.Community(
        id: id, size: list.count, topCompanies: top, members: list.map { PersonReference.ref($0, in: g) })
    }
    let answer = CommunitiesAnswer(modularity: p.modularity, method: method.rawValue, resolution: resolution, seed: seed, communities: communities)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .csv:
      var text = "id,name,community\n"
      for (i, l) in p.labels.enumerated() {
        text += CSVEscaping.row([g.people.id(of: PersonID(i)), g.people.name(of: PersonID(i)), "\(l)"])
      }
      try output.emit(text)
    case .table:
      var t = TextTable(["#", "people", "largest companies", "for example"], rightAligned: [0, 1])
      for c in communities.prefix(top) {
        t.add([
          "\(c.id)", grouped(c.size), c.topCompanies.joined(separator: ", "),
          c.members.prefix(3).map(\.name).joined(separator: ", "),
        ])
      }
      try output.emit(
        "\(grouped(p.count)) communities, modularity \(fixed(p.modularity, 4)) (\(method.rawValue == "leiden" ? "Leiden" : "Louvain"), resolution \(resolution), seed \(seed))\n\n"
          + t.render())
    }
  }
}
