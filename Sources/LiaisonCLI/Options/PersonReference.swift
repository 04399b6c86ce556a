import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO

/// Resolves `--ego`, `--from`, `--to` references (id, email, profile URL or
/// name, without regard to case or accents); an unknown or ambiguous
/// reference is a clear error (exit 1) that lists the matches, or the
/// nearest names for one that finds nobody.
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
        "\(option) \"\(reference)\" matches \(TextFormat.count(matches.count, "person", plural: "people")):\n\(shown.joined(separator: "\n"))\n"
          + "Pass one of the ids (or an email or profile URL) instead.")
      throw ExitCode.failure
    case .notFound:
      Terminal.error(
        "\(option) \"\(reference)\" is nobody in this network; use an id, an email, a profile URL or the name "
          + "(case and accents do not matter; `liaison stats` shows what was imported)"
          + didYouMean(reference, as: .person, in: graph))
      throw ExitCode.failure
    }
  }

  /// "\nDid you mean:" and the nearest names to `query` (a person's company
  /// beside them), or "" when none is near (`PersonTable.suggestions`).
  static func didYouMean(_ query: String, as kind: TargetKind, in graph: Graph) -> String {
    let near = graph.people.suggestions(for: query, as: kind)
    if near.isEmpty { return "" }
    let lines = near.map { s -> String in
      guard let p = s.person else { return "  \(s.name)" }
      let company = graph.people.company(of: p)
      let id = graph.people.id(of: p)
      return "  \(s.name)\(company.isEmpty ? "" : " (\(company))")\(id == s.name ? "" : "  id \(id)")"
    }
    return "\nDid you mean:\n" + lines.joined(separator: "\n")
  }

  /// The `a,b` pairs of `introduce --exclude`; references resolve like --ego
  /// (exit 1 with the line on failure); a first row that names nobody is a header.
  static func readPairs(_ path: String, in g: Graph) throws -> Set<PersonPair> {
    var out: Set<PersonPair> = []
    do {
      var tokenizer = try CSVTokenizer(source: try ByteSource(path: path))
      var first = true
      while let record = try tokenizer.next() {
        defer { first = false }
        if record.isBlank { continue }
        let a = record.trimmed(0) ?? ""
        let b = record.count > 1 ? (record.trimmed(1) ?? "") : ""
        if first, g.people.resolve(a) == .notFound, g.people.resolve(b) == .notFound { continue }  // header
        if b.isEmpty {
          Terminal.error("\(path):\(record.line): expected two people `a,b`, found one field")
          throw ExitCode.failure
        }
        let pa = try PersonReference.resolve(a, in: g, option: "--exclude \(path):\(record.line)")
        let pb = try PersonReference.resolve(b, in: g, option: "--exclude \(path):\(record.line)")
        out.insert(PersonPair(pa, pb))
      }
    } catch let error as ImportError {
      Terminal.error(error.commandLineText)
      throw ExitCode.failure
    }
    return out
  }

  /// `{"id": …, "name": …}` for JSON answers.
  struct Ref: Codable, Equatable, Sendable {
    var id: String
    var name: String
  }

  static func ref(_ p: PersonID, in graph: Graph) -> Ref {
    Ref(id: graph.people.id(of: p), name: graph.people.name(of: p))
  }
}

/// Resolves `--to`, `--to-company`, `--to-industry` and the entries of a
/// targets list with `PersonTable.resolveTarget` (Guides/GraphCore.md,
/// "Targets"); what is not found, or fits several companies, is a clear
/// error (exit 1) that lists the candidates.
enum TargetReference {
  /// The target of `query` as `kind`; `option` names it in messages.
  static func resolve(_ query: String, as kind: TargetKind, in graph: Graph, option: String) throws -> Target {
    if kind == .person {
      let p = try PersonReference.resolve(query, in: graph, option: option)
      return Target(kind: .person, name: graph.people.name(of: p), people: [p])
    }
    let resolution = graph.people.resolveTarget(query, as: kind)
    if case .found(let t) = resolution { return t }
    Terminal.error(message(option, query, resolution) + PersonReference.didYouMean(query, as: kind, in: graph))
    throw ExitCode.failure
  }

  /// The people chains from `source` go to: the person `to`, or everyone
  /// but `source` at the company `toCompany` or in the industry `toIndustry`
  /// (exactly one given); the target's `people` leave `source` out.
  static func chainTarget(
    from source: PersonID, to: String?, toCompany: String?, toIndustry: String?, in graph: Graph
  ) throws -> Target {
    if let to {
      let t = try resolve(to, as: .person, in: graph, option: "--to")
      if t.people == [source] {
        // Printed here: a ValidationError thrown after parsing would come with the root command's usage.
        Terminal.error(
          "--from and --to are the same person (\(t.name), id \(graph.people.id(of: source))); "
            + "give two different people.")
        throw ExitCode(LiaisonCommand.Exit.usage.rawValue)
      }
      return t
    }
    let kind: TargetKind = toCompany != nil ? .company : .industry
    let option = kind == .company ? "--to-company" : "--to-industry"
    var target = try resolve(toCompany ?? toIndustry!, as: kind, in: graph, option: option)
    target.people.removeAll { $0 == source }
    if target.people.isEmpty {
      Terminal.error(
        "nobody but \(graph.people.name(of: source)) \(kind == .company ? "at the company" : "in the industry") "
          + "\"\(target.name)\" in this network")
      throw ExitCode.failure
    }
    return target
  }

  /// The targets listed in the file at `path` (`ReferenceLists.targets`).
  static func readList(_ path: String) throws -> [String] {
    do {
      return try ReferenceLists.targets(path: path)
    } catch {
      Terminal.error("cannot read the targets file: \(error)")
      throw ExitCode.failure
    }
  }

  /// One entry of a targets list: a person (a name several people share
  /// stands for all of them), else a company; nobody found is an empty
  /// company target named as written, several companies an error.
  static func resolveListEntry(_ entry: String, in graph: Graph, list: String) throws -> Target {
    let resolution = graph.people.resolveTarget(personOrCompany: entry)
    switch resolution {
    case .found(let t): return t
    case .notFound: return Target(kind: .company, name: entry, people: [])
    default:
      Terminal.error(message("\(list):", entry, resolution))
      throw ExitCode.failure
    }
  }

  /// The note for a targets-list entry that stands for nobody: no company
  /// by that name, or the companies it fits.
  static func emptyNote(_ entry: String, in graph: Graph) -> String {
    let resolution = graph.people.resolveTarget(personOrCompany: entry)
    guard case .ambiguousGroups(_, let candidates, let total) = resolution else {
      return "nobody at this company in the merged network"
    }
    let listed = candidates.map { "\($0.name) (\($0.people))" }.joined(separator: ", ")
    return
      "fits \(TextFormat.count(total, "company", plural: "companies")): \(listed)\(total > candidates.count ? ", …" : ""); give more of the name"
  }

  /// Why `query` (given with `option`) found no single target.
  static func message(_ option: String, _ query: String, _ resolution: TargetResolution) -> String {
    switch resolution {
    case .found: return ""
    case .ambiguousPeople(let list):
      return "\(option) \"\(query)\" matches \(TextFormat.count(list.count, "person", plural: "people"))"
    case .ambiguousGroups(let kind, let candidates, let total):
      let singular = kind == .company ? "company" : "industry"
      let plural = kind == .company ? "companies" : "industries"
      var lines = candidates.map { "  \($0.name) (\(TextFormat.count($0.people, "person", plural: "people")))" }
      if total > candidates.count { lines.append("  … and \(total - candidates.count) more") }
      return
        "\(option) \"\(query)\" fits \(TextFormat.count(total, singular, plural: plural)):\n\(lines.joined(separator: "\n"))\n"
        + "Give more of the name."
    case .notFound(let kind):
      let what = kind == .industry ? "in the industry" : kind == .company ? "at the company" : "by that name"
      return "\(option): nobody \(what) \"\(query)\" in this network (names compare without case, accents, "
        + "punctuation\(kind == .company ? " or legal forms such as Inc." : ""), and a few words find the name whose "
        + "words they begin; `liaison stats` shows what was imported)"
    }
  }
}

/// `--threads N` for parallel work (default: all processors).
struct ThreadsOption: ParsableArguments {
  @Option(parsing: .unconditional, help: "Worker threads (default: all processors).")
  var threads: Int?

  /// The threads to use: as given, else every processor.
  var count: Int { threads ?? Parallel.defaultThreads }

  func validate() throws {
    try OptionRange.between(1, 1024, threads, "--threads")
  }
}

/// Reads a `--seed` value: a whole number from 0 to 2^64 − 1. Seed options are
/// declared `parsing: .unconditional` like every numeric option, so `--seed -1`
/// reaches this check (and is refused with the range) instead of being taken for an option.
@Sendable func seedArgument(_ text: String) throws -> UInt64 {
  guard let seed = UInt64(text) else { throw ValidationError("a seed must be a whole number from 0 to \(UInt64.max)") }
  return seed
}
