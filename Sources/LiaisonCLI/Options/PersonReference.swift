import ArgumentParser
import GraphCore

/// Resolves `--ego`, `--from`, `--to` references (id, email, profile URL or
/// exact name); an unknown or ambiguous reference is a clear error (exit 1)
/// that lists the matches.
enum PersonReference {
  static func resolve(_ reference: String, in graph: Graph, option: String) throws -> PersonID {
    switch graph.people.resolve(reference) {
    case .person(let p):
      return p
    case .ambiguous(let matches):
      let shown = matches.prefix(10).map { p in
        let company = graph.people.company(of: p)
        return "  \(graph.people.id(of: p))  \(graph.people.name(of: p))\(company.isEmpty ? "" : " (\(company))")"
      }
      Terminal.error(
        "\(option) \"\(reference)\" matches \(matches.count) people:\n\(shown.joined(separator: "\n"))\n"
          + "Pass one of the ids (or an email or profile URL) instead.")
      throw ExitCode.failure
    case .notFound:
      Terminal.error(
        "\(option) \"\(reference)\" is nobody in this network; use an id, an email, a profile URL or the exact name "
          + "(`liaison stats` shows what was imported)")
      throw ExitCode.failure
    }
  }

  /// `{"id": …, "name": …}` for JSON answers.
  struct Ref: Codable, Equatable, Sendable {
    var id: String
    var name: String
  }

  static func ref(_ p: PersonID, in graph: Graph) -> Ref { Ref(id: graph.people.id(of: p), name: graph.people.name(of: p)) }
}

/// `--threads N` for parallel work (default: all processors).
struct ThreadsOption: ParsableArguments {
  @Option(parsing: .unconditional, help: "Worker threads (default: all processors).")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 || threads > 1024 { throw ValidationError("--threads must be between 1 and 1024.") }
  }
}

/// Reads a `--seed` value: a whole number from 0 to 2^64 − 1. Seed options are
/// declared `parsing: .unconditional` like every numeric option, so `--seed -1`
/// reaches this check (and is refused with the range) instead of being taken for an option.
@Sendable func seedArgument(_ text: String) throws -> UInt64 {
  guard let seed = UInt64(text) else { throw ValidationError("a seed must be a whole number from 0 to \(UInt64.max)") }
  return seed
}
