import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Write an interactive explorer page: one offline HTML file to search, pan, zoom and open people.",
    discussion: """
      The page holds the network as Graphviz lays it out (aggregated as the pictures are, so it \
      stays legible), every person and tie with its evidence, and the answers computed here: \
      reach and what only each contact opens, the strongest chains to each person, \
      introductions, brokers, and — from a workspace — the plan's actions. Search names, \
      companies and tags; click a person for their panel; filter by tie class, company, \
      community or inferred ties; open a box to see its people; sort the tables. The address \
      keeps the person shown (#person=ID), so a view can be bookmarked.

      The file is self-contained: inline style and script, the data as JSON read as text, and a \
      Content-Security-Policy that forbids any network access. It works from file:// in current \
      Chromium and Firefox.

      With --ego (default: the workspace owner when reading a workspace) the picture is that \
      person's network; without, the whole network by community. With --ego on a network of \
      more than --max-people people, the page holds the ego's contacts and then the people two \
      steps away with the strongest chains, --max-people in all (and anyone drawn).

      Examples:
        liaison explore datasets/team/people.csv datasets/team/ties.csv --ego "Mary Reed" -o mary.html
        liaison explore -o me.html                     (the workspace, its owner, their plan)
        liaison explore datasets/network/people.csv datasets/network/ties.csv -o network.html
      """)

  @OptionGroup var input: InputOptions

  @Option(help: "The person at the centre (id, email, profile URL or name); default: the workspace owner.")
  var ego: String?

  @Option(name: .shortAndLong, help: "The page to write (.html, written atomically).")
  var output: String

  @Option(
    name: .customLong("max-nodes"), parsing: .unconditional,
    help: "Most nodes drawn; beyond it people are collapsed into boxes (open a box to see them).")
  var maxNodes: Int = 150

  @Option(name: .customLong("max-names"), parsing: .unconditional, help: "Most people named in the picture.")
  var maxNames: Int = 60

  @Option(
    name: .customLong("max-people"), parsing: .unconditional,
    help: "With --ego, most people the page holds: the contacts first, then the strongest chains two steps away.")
  var maxPeople: Int = 5_000

  @Option(help: "Workspace plans: a file of target companies or people (one per line) for the asks.")
  var targets: String?

  @Option(help: "Workspace plans: the day the week's plan is for (YYYY-MM-DD; default: today).")
  var today: String?

  func validate() throws {
    try OptionRange.atLeast(2, maxNodes, "--max-nodes")
    try OptionRange.atLeast(2, maxNames, "--max-names")
    try OptionRange.atLeast(2, maxPeople, "--max-people")
    if let today { try DateOption.validate(today, option: "--today") }
  }

  func run() throws {
    let file = OutputFile(path: output, content: .html, otherwise: nil)
    let loaded = try input.loadForAnalysis(writing: [file], alsoReading: [targets])
    let g = loaded.graph
    var request = ExplorerRequest()
    let egoName = input.readsWorkspace ? try input.defaultPerson(ego, in: g, option: "--ego") : ego
    request.ego = try egoName.map { try PersonReference.resolve($0, in: g, option: "--ego") }
    request.classifier = input.classifier
    request.view.maxNodes = maxNodes
    request.view.maxNamed = maxNames
    request.maxPeople = maxPeople
    request.view.classifier = input.classifier
    request.apart = IntroductionsReport.keptApart(loaded)
    request.threads = Parallel.defaultThreads
    if input.readsWorkspace, let egoName {
      let day = try WorkspaceNotes.day(today, option: "--today") ?? WorkspaceNotes.today
      request.plan = try PlanCommand.make(place: input.place, ego: egoName, today: day, targets: targets, budget: 10).0
    }
    let data: ExplorerData
    do { data = try ExplorerData.make(g, request) } catch let error as RenderError {
      Terminal.error("the picture could not be laid out: \(error)")
      throw ExitCode.failure
    }
    let page = try ExplorerHTML.page(data)
    do { try AtomicFileWriter.write(page, to: output) } catch {
      throw OutputFailure.report(error)
    }
    Terminal.note(
      "wrote \(output): \(TextFormat.count(data.people.count, "person", plural: "people")), "
        + "\(TextFormat.count(data.nodes.count, "node")) drawn; open it in a browser")
  }
}
