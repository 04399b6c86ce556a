import ArgumentParser
import GraphCore
import GraphSynthesis

#if canImport(Glibc)
  import Glibc
#endif

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract:
      "Write a seeded, realistic synthetic professional network (people.csv, ties.csv, LinkedIn-style exports).",
    discussion: """
      Companies of Zipf-like sizes in ~25 industries, titles with seniority, career histories that \
      create colleague ties, triadic closure, and tie strengths from simulated interaction histories. \
      The same options always write the same bytes.

      Examples:
        liaison generate --people 300 --seed 7 --out datasets/network
        liaison generate --people 2000 --exports 4 --out /tmp/team
        liaison generate --people 20000 --exports 50 --export-size 1000 --out /tmp/batch50
        liaison generate --people 1000000 --out /tmp/xl      # ~10 M ties
      """)

  @Option(parsing: .unconditional, help: "Number of people.")
  var people: Int = 1000

  @Option(parsing: .unconditional, help: "Random seed (same seed, same files).", transform: seedArgument)
  var seed: UInt64 = 42

  @Option(parsing: .unconditional, help: "Average ties per person (the network has about people × this ties).")
  var tiesPerPerson: Double = 10

  @Option(
    parsing: .unconditional, help: "Also write this many members' LinkedIn Connections.csv exports to OUT/exports/.")
  var exports: Int = 0

  @Option(
    parsing: .unconditional,
    help: "Contacts per export: pad each member's export to this many connections (0: just their ties).")
  var exportSize: Int = 0

  @Option(help: "The simulation's 'today' (YYYY-MM-DD).")
  var asOf: String = "2026-11-01"

  @Option(help: "Output folder (created if missing).")
  var out: String

  @Flag(help: "Do not print progress.")
  var quiet = false

  func validate() throws {
    try OptionRange.atLeast(2, people, "--people")
    if people > 50_000_000 { throw ValidationError("--people above 50,000,000 is not supported.") }
    try OptionRange.positive(tiesPerPerson, "--ties-per-person", atMost: 500)
    try OptionRange.between(0, people, exports, "--exports", upper: "--people")
    try OptionRange.atLeast(0, exportSize, "--export-size", zeroMeans: "just their ties")
    try DateOption.validate(asOf, option: "--as-of")
  }

  func run() throws {
    var options = NetworkGeneratorOptions(people: people, seed: seed)
    options.tiesPerPerson = tiesPerPerson
    options.exports = exports
    options.exportSize = exportSize
    options.asOf = Day(parsing: asOf)!
    let quiet = self.quiet
    do {
      // Progress on a terminal only; the files written are always named, on standard error
      // like every status line.
      let onTerminal = !quiet && isatty(2) != 0
      let summary = try NetworkGenerator.generate(options, into: out) { message in
        if onTerminal { Terminal.progress(message) }
      }
      Terminal.note(
        "wrote \(out)/people.csv (\(TextFormat.count(summary.people, "person", plural: "people")), \(TextFormat.count(summary.companies, "company", plural: "companies"))) and \(out)/ties.csv (\(TextFormat.count(summary.ties, "tie")))"
      )
      for f in summary.exportFiles { Terminal.note("wrote \(f)") }
      if let manifest = summary.manifest { Terminal.note("wrote \(manifest) (each export's owner)") }
    } catch {
      Terminal.error("\(error)")
      throw ExitCode.failure
    }
  }
}
