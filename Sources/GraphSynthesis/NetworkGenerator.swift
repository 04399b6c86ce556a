// The generator's public face: `NetworkGeneratorOptions`, `GenerationSummary`,
// `GenerationError` and `NetworkGenerator.generate`, which checks the options, makes the
// output folders and runs `SyntheticWorld`'s phases in order: companies and people
// (SyntheticWorld+People.swift), ties (SyntheticWorld+Ties.swift, SyntheticWorld+Closure.swift),
// then the files (SyntheticWorld+Writing.swift, SyntheticWorld+Exports.swift).
// The model is described below on `NetworkGenerator` and in Guides/Generator.md.
import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `NetworkGenerator.generate` makes.
public struct NetworkGeneratorOptions: Sendable {
  /// Number of people (at least 2, at most `NetworkGenerator.maximumPeople`).
  public var people: Int
  /// Seed of every random choice: the same options give byte-identical files.
  public var seed: UInt64 = 42
  /// Target number of ties per person (ties ≈ `tiesPerPerson · people`, so the
  /// mean degree is about twice this).
  public var tiesPerPerson: Double = 10
  /// Number of members whose LinkedIn `Connections.csv` export is also written.
  public var exports: Int = 0
  /// Contacts per export: 0 lists each member's ties; N > 0 lists them and
  /// then pads the list to N with other people (LinkedIn connections that
  /// `ties.csv` does not hold), for large exports in benchmarks.
  public var exportSize: Int = 0
  /// The "today" of the simulation (fixed, so output is deterministic).
  public var asOf: Day = Day(year: 2026, month: 11, day: 1)!

  public init(people: Int, seed: UInt64 = 42) {
    self.people = people
    self.seed = seed
  }
}

/// What `NetworkGenerator.generate` wrote.
public struct GenerationSummary: Sendable {
  /// Rows of `people.csv`.
  public var people: Int
  /// Rows of `ties.csv`.
  public var ties: Int
  /// Distinct current employers (the `company` column of `people.csv`).
  public var companies: Int
  /// Paths of the LinkedIn exports written (`<directory>/exports/<stem>.csv`), by person id.
  public var exportFiles: [String]
  /// `<directory>/exports/manifest.csv` (`owner,path`, each owner by profile
  /// URL) when exports were written.
  public var manifest: String?
  /// Ties per `kind`, in the order colleague, former-colleague, classmate,
  /// industry, community, closure.
  public var tiesByKind: [(kind: String, count: Int)] = []
  /// Ties per class under the default `TieClassifier` as of `asOf`
  /// (strong, weak, nominal, dormant).
  public var tiesByClass: [(tieClass: TieClass, count: Int)] = []

  public init(people: Int, ties: Int, companies: Int, exportFiles: [String]) {
    self.people = people
    self.ties = ties
    self.companies = companies
    self.exportFiles = exportFiles
  }
}

/// A failure of the generator before or while writing (bad options, an
/// output folder that cannot be made).
public struct GenerationError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Writes a seeded, realistic synthetic professional network: `people.csv`,
/// `ties.csv` and optionally LinkedIn `Connections.csv` exports of some members.
///
/// The model, in order:
/// 1. **Companies** (`max(2, N/10)`) with Zipf–Mandelbrot sizes (weight
///    `1/(rank + 6)`: a few large employers, a long tail of small ones), each
///    in one of 31 industries and one of ~75 cities; names from word lists,
///    some with a legal suffix for their country (`Inc.`, `, Inc.`, `GmbH`,
///    `Ltd`, …) or built on surnames (`Hughes & Co.`).
/// 2. **People**: a naming culture (first and last name from it, including
///    accented and non-Latin names), years of experience, a seniority level
///    from them (intern … C-level; founders in small companies), a job
///    function, a city (mostly the employer's), a school and graduation year,
///    0–4 communities, and an **activity** weight: log-normal (σ = 1.6, many
///    occasional users and a heavy upper tail) times a seniority boost, capped
///    at 40× the mean. Every mechanism below draws contacts in proportion to
///    it and accepts requests in proportion to it (Chung–Lu style), so degrees
///    are heavy-tailed (at N = 10⁵: median 11, mean 20, p99 ≈ 140).
///    A **career**: 1–4 past employers (mostly in the same industry) plus the
///    current one, with dates.
/// 3. **Colleague ties**: each company's positions are ordered by start date
///    and cut into teams of 2–7; teammates whose positions overlapped at least
///    30 days are tied with high probability (current teams 0.85, past teams
///    less, scaled by `tiesPerPerson/10`), and every position also draws
///    `∝ activity · log₂(positions)` company-wide contacts among overlapping
///    positions near it in start date, so the per-pair probability falls with
///    company size. Current overlaps give `colleague`, past ones `former-colleague`.
/// 4. **Classmates** (same school, graduation years ±1), **community** ties
///    (circles inside meetups and groups, mostly local) and **industry** ties
///    (same industry, another company, often the same city). Anyone still
///    without a tie then gets one first contact (a colleague if possible).
/// 5. **Triadic closure** (Holme & Kim 2002, "Growing scale-free networks
///    with tunable clustering", Phys. Rev. E 65, 026107): activity-weighted
///    people pick a neighbour and link into its circle (a burst of ~2 of its
///    neighbours, each the best of 4 candidates by shared contacts) until the
///    target `tiesPerPerson · N` is reached. The two-step walk favours
///    well-connected people (preferential attachment); the triads give
///    average local clustering ≈ 0.25–0.3.
/// 6. **Evidence** per tie from a simulated interaction history, drawn from a
///    per-tie random stream: known-since date, interaction count and last
///    contact (teammates: frequent and recent; former colleagues: dormant
///    after they parted unless they kept in touch; classmates: mostly years
///    ago), turned into a strength by `TieStrengthModel.standard.strength(…)`
///    (Guides/GraphCore.md). With the defaults about 24 % of ties are strong
///    (≥ 0.55), 54 % weak, 6 % nominal and 16 % dormant (no contact for 3 years).
///
/// Output: `people.csv` (`id,name,email,company,title,industry,location,tags,url`,
/// ids `0..<N`), `ties.csv` (`source,target,strength,interactions,last_contact,
/// since,kind`, each tie once with `source < target`, **sorted by (source,
/// target)**), and with `exports = K` the files `exports/<stem>.csv` of K
/// members with 50–1500 contacts where possible (one per company first, then
/// the best-connected), newest connection first. Profile URLs
/// (`linkedin.com/in/first-last-<8 hex>`) are per person and identical in all
/// exports, so exports can be joined.
///
/// Determinism: all randomness comes from SplitMix64 streams derived from
/// the seed (per-tie and per-person streams for evidence and quirks); nothing
/// written depends on hashing or on `Dictionary`/`Set` iteration order.
/// Same options ⇒ byte-identical files.
///
/// - Complexity: O(N log N + E log E) time for N people and E ≈
///   `tiesPerPerson · N` ties (sorting packed pairs dominates generation;
///   `TieStrengthModel.strength`, O(interactions) per tie, dominates writing),
///   single-threaded.
/// - Complexity: memory O(N + E) in flat arrays: 8 bytes per candidate tie
///   (packed `UInt64` pairs, sorted and de-duplicated in place), 4 bytes per
///   tie end for the closure adjacency, ~70 bytes per person and 20 per
///   position. Files are streamed; no per-tie objects or strings are kept.
public enum NetworkGenerator: Sendable {
  /// Largest supported population (ids are packed into 28 bits).
  public static let maximumPeople = (1 << 28) - 1

  /// Generates the network and writes it into `directory` (created if missing).
  ///
  /// - Parameters:
  ///   - options: the population, seed and model parameters.
  ///   - directory: the folder the files are written into.
  ///   - progress: called with a short message at each phase.
  /// - Throws: `GenerationError` for bad options or a folder that cannot be
  ///   made, `OutputError` when a file cannot be written.
  public static func generate(
    _ options: NetworkGeneratorOptions, into directory: String, progress: ((String) -> Void)? = nil
  ) throws -> GenerationSummary {
    guard options.people >= 2 else {
      throw GenerationError("the number of people must be at least 2 (got \(options.people))")
    }
    guard options.people <= maximumPeople else {
      throw GenerationError("the number of people must be at most \(maximumPeople) (got \(options.people))")
    }
    guard options.tiesPerPerson.isFinite, options.tiesPerPerson >= 0, options.tiesPerPerson <= 1000 else {
      throw GenerationError("ties per person must be between 0 and 1000 (got \(options.tiesPerPerson))")
    }
    guard options.exports >= 0 else {
      throw GenerationError("the number of exports must not be negative (got \(options.exports))")
    }
    let year = options.asOf.components.year
    guard (1950...9000).contains(year) else {
      throw GenerationError("the simulation date must be between 1950 and 9000 (got \(options.asOf.iso))")
    }
    guard !directory.isEmpty else { throw GenerationError("the output folder name is empty") }
    try makeDirectories(directory)
    if options.exports > 0 { try makeDirectories(directory + "/exports") }

    let world = SyntheticWorld(options, progress: progress)
    world.makeCompanies()
    world.makePeople()
    world.makeTies()
    return try world.write(into: directory)
  }

  /// `mkdir -p`: creates `path` and its missing parents.
  static func makeDirectories(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += part
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw GenerationError("cannot create the folder \(prefix): \(String(cString: strerror(errno)))")
      }
      prefix += "/"
    }
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
      throw GenerationError("\(path) is not a folder")
    }
  }
}
