import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// `--method` of `liaison communities`.
enum CommunityMethod: String, EnumArgument, Sendable {
  case leiden, louvain
}

struct CommunitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "communities",
    abstract: "Communities (Leiden or Louvain, modularity with tie strength as the weight): the circles of a network.",
    discussion: """
      Seeded and deterministic: the same files, --resolution and --seed give the same communities. \
      A higher --resolution gives more, smaller communities. --method leiden (default) refines each \
      community before aggregating (Traag et al. 2019), so no community falls apart into pieces; \
      --method louvain is the classic method (Blondel et al. 2008).

      Examples:
        liaison communities datasets/network/people.csv datasets/network/ties.csv
        liaison communities ties.csv --resolution 1.5 --seed 7 --format json --output communities.json
        liaison communities ties.csv --threads 1   (read and run Leiden's two runs on one thread)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption

  @Option(parsing: .unconditional, help: "Resolution γ of modularity (γ > 1: more, smaller communities).")
  var resolution: Double = 1

  @Option(help: "leiden (Louvain plus a refinement that keeps communities connected) or louvain.")
  var method: CommunityMethod = .leiden

  @Option(parsing: .unconditional, help: "Seed for the order in which people are visited.", transform: seedArgument)
  var seed: UInt64 = 42

  @Option(parsing: .unconditional, help: "Communities to list in the table.")
  var top: Int = 10

  func validate() throws {
    try OptionRange.positive(resolution, "--resolution")
    try OptionRange.atLeast(1, top, "--top")
  }

  func run() throws {
    let g = try input.loadForAnalysis(writing: [output.file], threads: threading.threads).graph
    let start = Clock.now()
    let p =
      method == .leiden
      ? g.leidenCommunities(
        resolution: resolution, seed: seed, threads: threading.count)
      : g.louvainCommunities(resolution: resolution, seed: seed, threads: threading.count)
    if getenv("LIAISON_TIMINGS") != nil {
      Terminal.note(
        "communities: \(fixed(Clock.now() - start, 3)) s (\(TextFormat.count(p.count, "community", plural: "communities")), modularity \(fixed(p.modularity, 4)))"
      )
    }
    let answer = CommunitiesAnswer.make(g, p, method: method.rawValue, resolution: resolution, seed: seed)
    switch output.format {
    case .json: try output.emit(try jsonText(answer))
    case .csv: try output.emit(answer.csv(in: g))
    case .table: try output.emit(answer.table(top: top))
    }
  }
}
