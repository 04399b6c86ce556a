import ArgumentParser
import GraphCore
import GraphIO

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Size and shape of a network: people, ties by class, components, and what each file contributed.",
    discussion: """
      Examples:
        liaison stats datasets/network/people.csv datasets/network/ties.csv
        liaison stats facebook_combined.txt --format json
        liaison stats ties:contacts.txt --strict
        liaison stats ties.csv --threads 1   (read on one thread)
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption

  func run() throws {
    let loaded = try input.load(writing: [output.file], threads: threading.threads)
    let result = StatsResult.make(loaded, classifier: input.classifier)
    switch output.format {
    case .table: try output.emit(result.table())
    case .json: try output.emit(try jsonText(result))
    case .csv: try output.emit(result.csv())
    }
  }
}
