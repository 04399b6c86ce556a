import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

struct IntroduceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "introduce",
    abstract: "Who to introduce to whom: pairs of your contacts who don't know each other and would gain from meeting.",
    discussion: """
      With --ego, every pair of the ego's contacts with no tie between them is ranked by one \
      score: shared contacts besides the ego (strength-weighted resource allocation), context fit \
      (same industry, hiring × looking, founder × investor, mentor), the ego's weaker tie to the \
      two, and bridging (different companies or industries); equal scores go to more shared \
      contacts, then by name. Nobody appears in more than 3 of each 10 places. Two records \
      identity resolution could not tell apart are never paired; two people with the same \
      name are marked. Each pair comes with plain-word reasons, \
      networkx-compatible Adamic–Adar, resource allocation, Jaccard and common contacts (with \
      and without the ego), and the change in the ego's Burt constraint if they meet.

      Only the 2,000 contacts with the strongest ties to the ego are paired (the pairs grow \
      with the square of the contacts); standard error says so when the cap applies, and \
      --max-contacts N changes it (0: every contact).

      Without --ego, the best pairs network-wide: every person's top N people at distance 2 \
      by Adamic–Adar (or --by), each pair once, written as they are described (a large \
      answer is never held in memory as text).

      --exclude reads a CSV of pairs already introduced or declined, one `a,b` per line \
      (ids, emails, profile URLs or names; a first line that names nobody is a header).

      Examples:
        liaison introduce datasets/team/people.csv datasets/team/ties.csv --ego "Mary Reed"
        liaison introduce people.csv ties.csv --ego 42 --top 10 --min-common 1 --exclude done.csv
        liaison introduce ties.csv --top 10 --format csv --output best-pairs.csv
        liaison introduce people.csv ties.csv --ego 42 --svg introductions.svg   (also draw them)
      """)

  @OptionGroup var input: InputOptions

  @Option(
    help: ArgumentHelp(
      "The person whose contacts to introduce (id, email, profile URL or name).", valueName: "person"))
  var ego: String?

  @Option(
    parsing: .unconditional,
    help: "Pairs to show (with --ego; default 20), or candidates per person network-wide (default 10).")
  var top: Int?

  @Option(
    parsing: .unconditional,
    help: "Minimum shared contacts: besides the ego with --ego (default 0), in all network-wide (default 1).")
  var minCommon: Int?

  @Option(help: ArgumentHelp("CSV of pairs `a,b` already introduced or declined.", valueName: "file"))
  var exclude: String?

  // Optional so that help shows the default in kebab-case (ArgumentParser writes an enum default's raw value).
  @Option(help: "Network-wide ranking: \(LinkIndex.spelledList) (default: adamic-adar).")
  var by: LinkIndex?

  /// `--by`, Adamic–Adar when not given.
  var ranking: LinkIndex { by ?? .adamicAdar }

  @Flag(
    help:
      "Without --ego: list each person's top N as ranked rows (person, rank, candidate, score) instead of pairs with reasons."
  )
  var perPerson = false

  @Option(
    help: ArgumentHelp(
      "With --ego: pair only this many of the ego's contacts, those with the strongest ties to the ego "
        + "(0: all; the pairs grow with the square).",
      valueName: "n"))
  var maxContacts: Int = IntroductionOptions.defaultMaxContacts

  @OptionGroup var output: OutputOptions
  @OptionGroup var threading: ThreadsOption
  @OptionGroup var picture: SVGOption

  func validate() throws {
    try OptionRange.atLeast(1, top, "--top")
    try OptionRange.atLeast(0, minCommon, "--min-common")
    try OptionRange.atLeast(0, maxContacts, "--max-contacts", zeroMeans: "all")
    if perPerson && ego != nil { throw ValidationError("--per-person lists the whole network; leave out --ego.") }
  }

  func run() throws {
    let loaded = try input.loadForAnalysis(
      writing: [output.file, picture.file], alsoReading: [exclude], threads: threading.threads)
    let g = loaded.graph
    let excluded = try exclude.map { try PersonReference.readPairs($0, in: g) } ?? []
    let apart = IntroductionsReport.keptApart(loaded)
    if let ego {
      try runEgo(g, ego: ego, excluded: excluded, apart: apart)
    } else {
      try runNetwork(g, excluded: excluded, apart: apart)
    }
  }

  /// `--ego`: the ego's contacts, paired and ranked.
  func runEgo(_ g: Graph, ego: String, excluded: Set<PersonPair>, apart: Set<PersonPair> = []) throws {
    let start = Clock.now()
    let e = try PersonReference.resolve(ego, in: g, option: "--ego")
    if g.degree(of: e) < 2 {
      Terminal.error(
        "\(IntroduceResult.label(PersonReference.ref(e, in: g))) has \(TextFormat.count(g.degree(of: e), "contact")): "
          + "an introduction needs two. Pick someone with more ties (`liaison stats` shows the network).")
      throw ExitCode.failure
    }
    let options = IntroductionOptions(
      top: top ?? 20, minCommonBesidesEgo: minCommon ?? 0, excluded: excluded, closeAtLeast: input.strongAtLeast,
      threads: threading.threads ?? 0, maxContacts: maxContacts == 0 ? nil : maxContacts, apart: apart,
      classifier: input.classifier)
    let found = g.introductionCandidates(for: e, options: options)
    if found.contactsConsidered < found.contacts { Terminal.note(IntroductionsReport.capNotice(found, in: g)) }
    let result = IntroduceResult.make(found, in: g)
    if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
    switch output.format {
    case .table: try output.emit(result.table())
    case .json: try output.emit(try jsonText(result))
    case .csv: try output.emit(result.csv())
    }
    if let svg = picture.svg {
      let pairs = found.candidates.map {
        SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons)
      }
      try Drawing.write(.introductions(g, ego: e, pairs: pairs, options: pictureOptions), to: svg)
    }
  }

  /// Without `--ego`: the best pairs network-wide, or each person's ranked candidates.
  func runNetwork(_ g: Graph, excluded: Set<PersonPair>, apart: Set<PersonPair> = []) throws {
    let start = Clock.now()
    let k = top ?? 10
    let threads = threading.threads ?? 0
    if getenv("LIAISON_TIMINGS") != nil {
      // The bare two-hop sweep (W5 of the peer benchmark), timed on its own.
      let t0 = Clock.now()
      let bare = g.topLinkPredictions(k: k, by: ranking, minCommon: minCommon ?? 1, threads: threads)
      Terminal.note(
        "top-\(k) \(ranking.rawValue) per person: \(fixed(Clock.now() - t0, 3)) s (\(TextFormat.count(bare.pairsScored, "pair")) scored)"
      )
    }
    if perPerson {
      let ranked = g.topLinkPredictions(k: k, by: ranking, minCommon: minCommon ?? 1, threads: threads)
      if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
      try output.stream { write in
        try IntroductionsReport.writePerPerson(ranked, in: g, format: output.format, write: write)
      }
      return
    }
    let r = g.networkIntroductionPairs(
      perPerson: k, by: ranking, minCommon: minCommon ?? 1, excluded: excluded, apart: apart, threads: threads)
    if getenv("LIAISON_TIMINGS") != nil { Terminal.note("introduce: \(fixed(Clock.now() - start, 3)) s") }
    try output.stream { write in try IntroductionsReport.writeNetwork(r, format: output.format, in: g, write: write) }
    if let svg = picture.svg {
      let pairs = r.introductions(0..<min(20, r.count)).map {
        SuggestedPair(low: $0.low, high: $0.high, score: $0.score, reasons: $0.reasons)
      }
      try Drawing.write(.introductions(g, ego: nil, pairs: pairs, options: pictureOptions), to: svg)
    }
  }

  var pictureOptions: ViewOptions {
    var o = picture.viewOptions
    o.classifier = input.classifier
    return o
  }
}
