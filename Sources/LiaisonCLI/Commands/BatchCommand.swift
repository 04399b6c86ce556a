import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// `liaison batch`: many members' exports into one team report folder.
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract:
      "The team report: every member's exports merged, analysed and drawn into one folder with an offline index.html.",
    discussion: """
      Inputs are files or folders of contact exports (each file's owner from OWNER=PATH, a \
      manifest CSV with `owner,path` columns, or the file stem), plus optional people, ties and \
      interactions tables. All of them are merged into one network (identity resolution across \
      members, inferred ties with evidence), then for each member: reach, the 80 % cover, \
      dormant ties, introductions and an ego picture; for the team: overlaps between members, \
      who has the warmest path to each --targets company or person, network-wide introductions \
      and brokers.

      Written to --out (each file atomically; a re-run on the same inputs writes the same bytes):
        summary.json      counts (the same as `liaison stats`), members, targets, failures
        index.html        the report, offline (no script, no external resource)
        members.csv, overlaps.csv, targets.csv, introductions.csv, brokers.csv  (spreadsheet-safe)
        members/<member>.json, .csv, .svg   one member's reach, introductions and picture
        members/<member>.html               one member's explorer page (as `liaison explore --ego`)
        targets/<target>.svg, brokers.svg   pictures

      A file that cannot be read is listed in summary.json with the reason, the rest is \
      analysed, and the exit code is 1.

      Examples:
        liaison batch datasets/team/people.csv datasets/team/ties.csv datasets/team/exports --out /tmp/team-report
        liaison batch exports/ --manifest owners.csv --targets targets.txt --out report
        liaison batch "Ada Lovelace=ada.csv" "Alan Turing=alan.vcf" --out report --quiet
      """)

  @OptionGroup var input: InputOptions

  @Option(
    help: ArgumentHelp("The report folder (created if missing; files in it are replaced atomically).", valueName: "dir")
  )
  var out: String

  @Option(
    help: ArgumentHelp(
      "Companies or people the team wants to reach: one per line, or a CSV with a `target` column.", valueName: "file"))
  var targets: String?

  @Option(
    help: ArgumentHelp(
      "A CSV with `owner,path` columns naming each export's owner (paths relative to the manifest).", valueName: "file")
  )
  var manifest: String?

  @Flag(help: "No progress on standard error.")
  var quiet = false

  @OptionGroup var threading: ThreadsOption

  @Option(parsing: .unconditional, help: "Rows kept in each per-member list (contacts, dormant ties, introductions).")
  var top: Int = 10

  @Option(name: .customLong("max-nodes"), parsing: .unconditional, help: "Most people drawn in each picture.")
  var maxNodes: Int = 60

  @Flag(name: .customLong("no-pictures"), help: "Skip the SVG pictures.")
  var noPictures = false

  @Flag(
    name: .customLong("no-pages"),
    help: "Skip the members' explorer pages (about a second each on a 100,000-person network).")
  var noPages = false

  @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Longest introduction chain to a target.")
  var maxHops: Int = 4

  @Option(
    parsing: .unconditional,
    help: "Estimate betweenness from this many sampled people when the network has more than 5,000 people.")
  var sample: Int = 300

  func validate() throws {
    try OptionRange.atLeast(1, top, "--top")
    try OptionRange.atLeast(2, maxNodes, "--max-nodes")
    try OptionRange.atLeast(1, maxHops, "--max-hops")
    try OptionRange.atLeast(1, sample, "--sample")
    if out.isEmpty { throw ValidationError("--out needs a folder.") }
  }

  func run() throws {
    var config = BatchConfig(inputs: input.inputs, out: out)
    config.manifest = manifest
    config.targetsFile = targets
    config.quiet = quiet
    config.threads = threading.count
    config.top = top
    config.maxNodes = maxNodes
    config.pictures = !noPictures
    config.pages = !noPages
    config.maxHops = maxHops
    config.sample = sample
    config.options = input.loadOptions
    config.options.threads = threading.threads
    config.includeNegative = input.includeNegative
    config.classifier = input.classifier
    config.coverFraction = 0.8
    let result: BatchReport.Outcome
    if input.readsWorkspace {
      // The workspace's current sources, copied to a private temporary folder for the run.
      let workspace = try input.place.open(create: false)
      do {
        // Each member's plan for this week (Guides/Plan.md).
        config.plan = BatchPlanInputs(
          cadences: try workspace.cadences(), log: try workspace.interactions(), ownerKey: try workspace.owner()?.key,
          dismissed: try workspace.dismissedActions(), today: WorkspaceNotes.today)
        result = try workspace.withCurrentSources { specs in
          config.specs = specs
          return try BatchReport.run(config)
        }
      } catch let error as WorkspaceError {
        Terminal.error(error.message)
        throw ExitCode.failure
      }
    } else {
      result = try BatchReport.run(config)
    }
    if !quiet || result.failures > 0 {
      Terminal.note(result.message)
    }
    if result.failures > 0 { throw ExitCode.failure }
  }
}
