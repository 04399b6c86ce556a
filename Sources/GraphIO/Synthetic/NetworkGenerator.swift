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
/// Determinism: all randomness comes from `SplitMix64` streams derived from
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
public enum NetworkGenerator {
  /// Largest supported population (ids are packed into 28 bits).
  public static let maximumPeople = (1 << 28) - 1

  /// Generates the network and writes it into `directory` (created if missing).
  ///
  /// - Parameter progress: called with a short message at each phase.
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

// MARK: - Helpers

/// Cumulative weights for O(log n) weighted sampling.
struct WeightedTable {
  var cumulative: [Double]

  init<S: Sequence>(_ weights: S) where S.Element == Double {
    var total = 0.0
    cumulative = weights.map { w in
      total += max(0, w)
      return total
    }
  }

  var total: Double { cumulative.last ?? 0 }

  /// An index drawn with probability proportional to its weight.
  func pick(_ rng: inout SplitMix64) -> Int {
    let x = rng.nextDouble() * total
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) >> 1
      if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}

/// Kinds as written in `ties.csv` (index = kind code).
private let kindNames = ["colleague", "former-colleague", "classmate", "industry", "community", "closure"]
private let kindBytes: [[UInt8]] = kindNames.map { Array($0.utf8) }
private let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/// Mechanism codes in the low byte of a packed pair; on duplicates the
/// smallest code (the most specific mechanism) wins.
private enum Mechanism: UInt64 {
  case colleague = 0, classmate, community, industry, closure
}

@inline(__always) private func packPair(_ a: Int, _ b: Int, _ m: Mechanism) -> UInt64 {
  let lo = UInt64(min(a, b))
  let hi = UInt64(max(a, b))
  return lo << 36 | hi << 8 | m.rawValue
}

/// An order-preserving unsigned key for a signed day.
@inline(__always) private func dayKey(_ d: Int32) -> UInt64 {
  UInt64(UInt32(bitPattern: d) ^ 0x8000_0000)
}

/// A uniform element of a non-empty range.
@inline(__always) private func pick(_ range: Range<Int>, _ rng: inout SplitMix64) -> Int {
  range.lowerBound + rng.nextInt(below: range.count)
}

/// `1,234,567`.
func groupedDigits(_ n: Int) -> String {
  let digits = String(n.magnitude)
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return n < 0 ? "-" + out : out
}

/// FNV-1a over UTF-8, finished with the SplitMix64 mix (for de-duplication keys only).
private func hash64(_ parts: String...) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for part in parts {
    for b in part.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01B3
    }
    h ^= 0xFF
    h = h &* 0x100_0000_01B3
  }
  return SplitMix64.mix(h)
}

/// Byte-level formatting for the hot output loop.
private struct LineBuffer {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 17) }

  @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }
  @inline(__always) mutating func comma() { bytes.append(UInt8(ascii: ",")) }

  mutating func int(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      int(-value)
      return
    }
    let start = bytes.count
    var v = value
    repeat {
      bytes.append(UInt8(truncatingIfNeeded: v % 10) &+ 0x30)
      v /= 10
    } while v > 0
    bytes[start...].reverse()
  }

  @inline(__always) mutating func digits(_ value: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
      bytes.append(UInt8(truncatingIfNeeded: (v / divisor) % 10) &+ 0x30)
      v %= divisor
      divisor /= 10
    }
  }

  /// A strength in (0, 1] with exactly six decimals.
  mutating func strength(_ s: Double) {
    let scaled = min(1_000_000, max(1, Int((s * 1_000_000).rounded())))
    if scaled == 1_000_000 {
      bytes.append(contentsOf: "1.000000".utf8)
    } else {
      bytes.append(UInt8(ascii: "0"))
      bytes.append(UInt8(ascii: "."))
      digits(scaled, width: 6)
    }
  }

  /// `YYYY-MM-DD`.
  mutating func isoDate(_ day: Int32) {
    let (y, m, d) = Day(daysSinceEpoch: day).components
    digits(y, width: 4)
    bytes.append(UInt8(ascii: "-"))
    digits(m, width: 2)
    bytes.append(UInt8(ascii: "-"))
    digits(d, width: 2)
  }
}

/// `12 Mar 2021`, LinkedIn's `Connected On` format.
private func linkedInDate(_ day: Int32) -> String {
  let (y, m, d) = Day(daysSinceEpoch: day).components
  return (d < 10 ? "0\(d)" : "\(d)") + " \(monthAbbreviations[m - 1]) \(y)"
}

/// The simulated evidence behind one tie.
private struct Evidence {
  var kind: Int
  var interactions: Int
  var last: Int32
  var since: Int32
  var context: SharedContext?
}

// MARK: - The world

/// Calibrated model constants (checked at N = 10⁴–10⁶, seed 42, default
/// options: mean degree ≈ 20, ~24 % strong, ~54 % weak, ~16 % dormant ties,
/// sampled average local clustering 0.29 at 10⁴ falling slowly to 0.24 at 10⁶).
enum Tuning {
  /// σ of the log-normal activity weight (before the seniority boost).
  static let activitySigma = 1.6
  /// Activity (relative to the mean) at which a contact request is always accepted.
  static let acceptanceScale = 2.0
  /// Probability that overlapping teammates are tied (× tiesPerPerson/10);
  /// past teams are further scaled by √(activity product).
  static let teamProbabilityCurrent = 0.85
  static let teamProbabilityPast = 0.5
  /// Candidate budgets per mechanism, as shares of the target tie count
  /// (triadic closure fills the rest).
  static let companyWideShare = 0.45
  static let classmateShare = 0.08
  static let communityShare = 0.08
  static let industryShare = 0.09
  /// Company-wide contacts: weights of current and past positions and the
  /// start-date window (positions either side) most contacts come from.
  static let currentPositionWeight: Float = 2.5
  static let pastPositionWeight: Float = 0.5
  static let companyWindow = 6
  /// Triadic closure: mean links per chosen neighbour, and candidates compared
  /// (the one sharing most contacts wins).
  static let closureBurst = 2.0
  static let closureChoices = 4
  /// Evidence: share of closure ties that became friendships, of classmates
  /// back in touch, of active community ties, and of former colleagues who
  /// kept in touch (teammates, others) with the mean days since their last contact.
  static let closureFriendShare = 0.3
  static let classmateReconnected = 0.35
  static let communityActive = 0.25
  static let keptInTouchTeam = 0.5
  static let keptInTouchCompany = 0.25
  static let keptInTouchRecency = 450.0
}

/// The generator's state: flat arrays indexed by company, person, position
/// (a stint at one employer) or packed tie.
final class SyntheticWorld {
  typealias Vocab = SyntheticVocabulary

  let n: Int
  let seed: UInt64
  let asOf: Int32
  let targetTies: Int
  let tau: Double  // tiesPerPerson / 10: scales the team-tie probabilities
  let exportCount: Int
  let progress: ((String) -> Void)?

  // Names, flattened over cultures.
  var firstDisplay: [String] = []
  var firstAscii: [String] = []
  var firstSlug: [String] = []
  var lastDisplay: [String] = []
  var lastAscii: [String] = []
  var lastSlug: [String] = []
  var cultureFirst: [Range<Int>] = []
  var cultureLast: [Range<Int>] = []
  let cultureTable: WeightedTable
  let cityTable: WeightedTable
  let functionTable: WeightedTable
  let freemailTable: WeightedTable

  // Companies.
  var companyCount = 0
  var companyName: [String] = []
  var companyDomain: [String] = []
  var companyIndustry: [UInt8] = []
  var companyCity: [UInt16] = []
  var companyExpectedSize: [Float] = []
  var companyTable = WeightedTable([])
  var industryCompanies: [[Int32]] = []
  var industryTables: [WeightedTable] = []

  // People.
  var first: [UInt16] = []
  var last: [UInt16] = []
  var city: [UInt16] = []
  var function: [UInt8] = []
  var level: [UInt8] = []
  var variant: [UInt8] = []
  var founder: [Bool] = []
  var emailCode: [UInt8] = []
  var emailDup: [UInt16] = []
  var activity: [Float] = []
  var careerStart: [Int32] = []
  var school: [Int32] = []
  var cohort: [Int16] = []
  var schoolCount = 0

  // Positions (stints), grouped by person in career order; the last one of a
  // person is the current job (it ends at `asOf`).
  var stintOffset: [Int32] = []
  var stintCompany: [Int32] = []
  var stintStart: [Int32] = []
  var stintEnd: [Int32] = []
  var stintPerson: [Int32] = []
  var stintTeam: [Int32] = []

  // Positions grouped by company, by start date (during tie generation only).
  var companyOffset: [Int] = []
  var companyOrder: [Int32] = []

  // Communities: `community << 32 | person`, sorted.
  var memberships: [UInt64] = []
  var communityCount = 0


  // Ties: `lo << 36 | hi << 8 | mechanism`, sorted and unique after `makeTies`.
  var pairs: [UInt64] = []

  let exportSize: Int

  init(_ options: NetworkGeneratorOptions, progress: ((String) -> Void)?) {
    n = options.people
    seed = options.seed
    asOf = options.asOf.daysSinceEpoch
    targetTies = Int((options.tiesPerPerson * Double(options.people)).rounded())
    tau = options.tiesPerPerson / 10
    exportCount = min(options.exports, options.people)
    exportSize = min(options.exportSize, options.people - 1)
    self.progress = progress

    cultureTable = WeightedTable(Vocab.cultures.map(\.weight))
    cityTable = WeightedTable(Vocab.cities.map(\.weight))
    functionTable = WeightedTable(Vocab.functions.map(\.weight))
    freemailTable = WeightedTable(Vocab.freemailDomains.map(\.weight))
    for culture in Vocab.cultures {
      let f0 = firstDisplay.count
      for entry in culture.first { addName(entry, display: &firstDisplay, ascii: &firstAscii, slug: &firstSlug) }
      cultureFirst.append(f0..<firstDisplay.count)
      let l0 = lastDisplay.count
      for entry in culture.last { addName(entry, display: &lastDisplay, ascii: &lastAscii, slug: &lastSlug) }
      cultureLast.append(l0..<lastDisplay.count)
    }
  }

  private func addName(_ entry: String, display: inout [String], ascii: inout [String], slug: inout [String]) {
    let parts = entry.split(separator: "|", maxSplits: 1).map(String.init)
    let shown = parts[0]
    let latin = parts.count > 1 ? parts[1] : parts[0]
    display.append(shown)
    let a = Vocab.asciiFold(latin, separator: nil)
    ascii.append(a.isEmpty ? "member" : a)
    let s = Vocab.asciiFold(latin, separator: "-")
    slug.append(s.isEmpty ? "member" : s)
  }

  private func report(_ message: String) { progress?(message) }

  private func stream(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: seed, stream: salt) }

  // MARK: Companies

  func makeCompanies() {
    var rng = stream(0xC0)
    let count = max(2, n / 10)
    companyCount = count
    let weights = (0..<count).map { 1.0 / Double($0 + 6) }
    companyTable = WeightedTable(weights)
    let total = companyTable.total
    let industryTable = WeightedTable(Vocab.industries.map(\.weight))
    var perIndustry = [[Int32]](repeating: [], count: Vocab.industries.count)
    var perIndustryWeights = [[Double]](repeating: [], count: Vocab.industries.count)
    var names = Set<String>()
    var domains = Set<String>()
    companyName.reserveCapacity(count)
    companyDomain.reserveCapacity(count)
    for c in 0..<count {
      let industry = industryTable.pick(&rng)
      let cityIndex = cityTable.pick(&rng)
      companyIndustry.append(UInt8(industry))
      companyCity.append(UInt16(cityIndex))
      companyExpectedSize.append(Float(Double(n) * weights[c] / total))
      perIndustry[industry].append(Int32(c))
      perIndustryWeights[industry].append(weights[c])

      var base = ""
      var name = ""
      for attempt in 0..<24 {
        base = companyBaseName(industry: industry, rng: &rng)
        if attempt >= 12 { base += " " + Vocab.industries[industry].nouns[rng.nextInt(below: Vocab.industries[industry].nouns.count)] }
        name = base
        if rng.chance(0.35) {
          let suffixes = Vocab.legalSuffixes(Vocab.cities[cityIndex].country)
          name += suffixes[rng.nextInt(below: suffixes.count)]
        }
        if !names.contains(name) { break }
      }
      if names.contains(name) { name += " \(c)" }
      names.insert(name)
      companyName.append(name)

      let stem = Vocab.asciiFold(base, separator: nil)
      let tlds = ["com", Vocab.countryDomain(Vocab.cities[cityIndex].country), "io", "co", "net", "group"]
      var domain = ""
      var k = rng.chance(0.5) ? 0 : 1
      repeat {
        domain = (stem.isEmpty ? "company\(c)" : stem) + (k < tlds.count ? "." + tlds[k] : "\(k).com")
        k += 1
      } while domains.contains(domain)
      domains.insert(domain)
      companyDomain.append(domain)
    }
    industryCompanies = perIndustry
    industryTables = perIndustryWeights.map { WeightedTable($0) }
    report("companies: \(groupedDigits(count)) in \(Vocab.industries.count) industries")
  }

  private func companyBaseName(industry: Int, rng: inout SplitMix64) -> String {
    let nouns = Vocab.industries[industry].nouns
    let noun = nouns[rng.nextInt(below: nouns.count)]
    let style = rng.nextDouble()
    if style < 0.35 {
      let prefix = Vocab.brandPrefixes[rng.nextInt(below: Vocab.brandPrefixes.count)]
      var suffix = Vocab.brandSuffixes[rng.nextInt(below: Vocab.brandSuffixes.count)]
      // "Opti" + "ify" → "Optify", not "Optiify".
      if let a = prefix.last, let b = suffix.first, a == b || ("aeiou".contains(a) && "aeiou".contains(b)) {
        suffix.removeFirst()
      }
      let brand = prefix + suffix
      return rng.chance(0.5) ? brand : brand + " " + noun
    } else if style < 0.75 {
      return Vocab.nameWords[rng.nextInt(below: Vocab.nameWords.count)] + " " + noun
    } else if style < 0.9 {
      // A founder's surname: "Hughes & Co.", "Keller Weber LLP", "Rossi & Bianchi".
      let culture = cultureTable.pick(&rng)
      let a = lastDisplay[pick(cultureLast[culture], &rng)]
      let b = lastDisplay[pick(cultureLast[culture], &rng)]
      switch rng.nextInt(below: 3) {
      case 0: return a + " & Co."
      case 1: return a + " & " + b
      default: return a + " " + noun
      }
    } else {
      return Vocab.nameWords[rng.nextInt(below: Vocab.nameWords.count)]
        + Vocab.brandSuffixes[rng.nextInt(below: Vocab.brandSuffixes.count)].capitalizedFirst
    }
  }

  // MARK: People and careers

  func makePeople() {
    var rng = stream(0x9E0)
    let A = Int(asOf)
    schoolCount = max(1, n / 250)
    communityCount = max(1, n / 150)
    let schoolTable = WeightedTable((0..<schoolCount).map { 1.0 / Double($0 + 4) })
    // Communities: a Zipf popularity and a home city each.
    var communityCity = [Int](repeating: 0, count: communityCount)
    var cityCommunities = [[Int]](repeating: [], count: Vocab.cities.count)
    var cityCommunityWeights = [[Double]](repeating: [], count: Vocab.cities.count)
    let communityWeights = (0..<communityCount).map { 1.0 / Double($0 + 3) }
    for c in 0..<communityCount {
      communityCity[c] = cityTable.pick(&rng)
      cityCommunities[communityCity[c]].append(c)
      cityCommunityWeights[communityCity[c]].append(communityWeights[c])
    }
    let communityTable = WeightedTable(communityWeights)
    let cityCommunityTables = cityCommunityWeights.map { WeightedTable($0) }

    first.reserveCapacity(n)
    last.reserveCapacity(n)
    stintOffset.reserveCapacity(n + 1)
    stintOffset.append(0)
    let estimatedStints = n * 7 / 2
    stintCompany.reserveCapacity(estimatedStints)
    stintStart.reserveCapacity(estimatedStints)
    stintEnd.reserveCapacity(estimatedStints)
    stintPerson.reserveCapacity(estimatedStints)
    var memberList: [UInt64] = []
    memberList.reserveCapacity(n)
    let levelBoost: [Double] = [0.6, 0.8, 1.0, 1.15, 1.2, 1.25, 1.35, 1.6, 1.9, 2.2]

    var pastCompanies: [Int] = []
    var cuts: [Int] = []
    for p in 0..<n {
      let culture = cultureTable.pick(&rng)
      first.append(UInt16(pick(cultureFirst[culture], &rng)))
      last.append(UInt16(pick(cultureLast[culture], &rng)))

      // Experience: skewed young, 1–40 years.
      let years = max(1.0, 40 * _splitMixExp(1.8 * _splitMixLog(max(1e-12, rng.nextDouble()))))
      let start = A - Int(years * 365.25)
      careerStart.append(Int32(start))

      let current = companyTable.pick(&rng)
      let industry = Int(companyIndustry[current])
      let expectedSize = Double(companyExpectedSize[current])
      let fn =
        rng.chance(0.3) ? Vocab.industries[industry].focus : functionTable.pick(&rng)
      function.append(UInt8(fn))

      // Seniority from experience plus noise; chiefs are rare in big companies.
      let base = years + 3.5 * rng.normal()
      var lv: Vocab.Level
      let r = rng.nextDouble()
      if years < 2 && rng.chance(0.2) {
        lv = .intern
      } else if base < 3 {
        lv = .junior
      } else if base < 8 {
        lv = .mid
      } else if base < 15 {
        lv = .senior
      } else if base < 22 {
        lv = r < 0.25 ? .staff : r < 0.35 ? .principal : r < 0.8 ? .manager : r < 0.95 ? .director : .senior
      } else if base < 30 {
        lv = r < 0.1 ? .staff : r < 0.25 ? .principal : r < 0.6 ? .manager : r < 0.9 ? .director : .vp
      } else {
        lv = r < 0.15 ? .principal : r < 0.4 ? .manager : r < 0.75 ? .director : r < 0.93 ? .vp : .chief
      }
      if expectedSize < 30 && years >= 4 && rng.chance(min(0.3, 0.7 / max(1, expectedSize))) { lv = .chief }
      if lv == .chief && !rng.chance(min(1, 150 / max(1, expectedSize))) { lv = .vp }
      level.append(lv.rawValue)
      founder.append(lv == .chief && expectedSize < 60 && rng.chance(0.6))
      variant.append(UInt8(truncatingIfNeeded: rng.next()))
      let weight = _splitMixExp(Tuning.activitySigma * rng.normal()) * levelBoost[Int(lv.rawValue)]
      activity.append(Float(weight))

      city.append(UInt16(rng.chance(0.75) ? Int(companyCity[current]) : cityTable.pick(&rng)))

      // E-mail style: 0 none, 1 first.last@company, 2 flast@company,
      // 3 first@company (small companies), 4 first.last@freemail, 5 firstlast@freemail.
      let e = rng.nextDouble()
      var style: UInt8 = e < 0.12 ? 0 : e < 0.64 ? 1 : e < 0.72 ? 2 : e < 0.75 ? 3 : e < 0.88 ? 4 : 5
      if style == 3 && expectedSize > 50 { style = 1 }
      emailCode.append(style | UInt8(freemailTable.pick(&rng)) << 3)

      // School and graduation year (the career start).
      school.append(Int32(schoolTable.pick(&rng)))
      cohort.append(Int16(clamping: Day(daysSinceEpoch: Int32(start)).components.year))

      // Communities.
      let memberships = min(4, rng.count(mean: 0.55 * weight.squareRoot()))
      for _ in 0..<memberships {
        let home = Int(city[p])
        let c =
          rng.chance(0.7) && !cityCommunities[home].isEmpty
          ? cityCommunities[home][cityCommunityTables[home].pick(&rng)] : communityTable.pick(&rng)
        memberList.append(UInt64(c) << 32 | UInt64(p))
      }

      // Career: past employers (mostly the same industry), then the current job.
      var pastCount = 1 + min(3, Int(years / 7 + rng.nextDouble() * 1.5))
      let span = A - start
      var currentLength = min(Int(Double(span) * 0.8), 60 + Int(rng.exponential(mean: 3.2 * 365)))
      var pastSpan = span - currentLength
      if pastSpan < 60 {
        currentLength = span - 60
        pastSpan = 60
      }
      pastCount = max(1, min(pastCount, pastSpan / 60))
      pastCompanies.removeAll(keepingCapacity: true)
      var next = current
      for _ in 0..<pastCount {
        var c = next
        for _ in 0..<5 where c == next {
          if rng.chance(0.6) {
            let list = industryCompanies[industry]
            c = Int(list[industryTables[industry].pick(&rng)])
          } else {
            c = companyTable.pick(&rng)
          }
        }
        if c == next { c = (c + 1) % companyCount }
        pastCompanies.append(c)
        next = c
      }
      pastCompanies.reverse()
      cuts.removeAll(keepingCapacity: true)
      for _ in 1..<pastCount { cuts.append(rng.nextInt(below: pastSpan)) }
      cuts.sort()
      cuts.insert(0, at: 0)
      cuts.append(pastSpan)
      for k in 0..<pastCount {
        let s = start + cuts[k]
        let length = cuts[k + 1] - cuts[k]
        let gap = length > 120 ? rng.nextInt(below: min(90, length / 4)) : 0
        stintCompany.append(Int32(pastCompanies[k]))
        stintStart.append(Int32(s))
        stintEnd.append(Int32(s + max(1, length - gap)))
        stintPerson.append(Int32(p))
      }
      stintCompany.append(Int32(current))
      stintStart.append(Int32(A - currentLength))
      stintEnd.append(Int32(A))
      stintPerson.append(Int32(p))
      stintOffset.append(Int32(stintCompany.count))
    }
    // Activity relative to the mean (so 1 is average), capped.
    var totalActivity = 0.0
    for a in activity { totalActivity += Double(a) }
    let meanActivity = Float(totalActivity / Double(n))
    for p in 0..<n { activity[p] = min(40, activity[p] / meanActivity) }
    memberList.sort()
    var unique = 0
    for (i, m) in memberList.enumerated() where i == 0 || m != memberList[unique - 1] {
      memberList[unique] = m
      unique += 1
    }
    memberList.removeLast(memberList.count - unique)
    memberships = memberList
    report(
      "people: \(groupedDigits(n)) with \(groupedDigits(stintCompany.count)) positions, "
        + "\(groupedDigits(schoolCount)) schools, \(groupedDigits(communityCount)) communities")
  }

  // MARK: Ties

  /// Spreads `budget` attempts over items in proportion to `weights`
  /// (floor plus a Bernoulli remainder) and calls `body(item, attempts, &rng)`.
  /// Returns the number of attempts made.
  @discardableResult
  private func allocate(
    _ weights: [Float], budget: Double, rng: inout SplitMix64, _ body: (Int, Int, inout SplitMix64) -> Void
  ) -> Int {
    var total = 0.0
    for w in weights { total += Double(w) }
    guard total > 0, budget > 0 else { return 0 }
    let scale = budget / total
    var made = 0
    for i in weights.indices where weights[i] > 0 {
      let lambda = Double(weights[i]) * scale
      var k = Int(lambda)
      if rng.nextDouble() < lambda - Double(k) { k += 1 }
      if k > 0 {
        body(i, k, &rng)
        made += k
      }
    }
    return made
  }

  /// Runs `allocate` in up to four rounds until `target` candidate pairs were added.
  private func fill(
    _ weights: [Float], target: Int, rng: inout SplitMix64, _ body: (Int, Int, inout SplitMix64) -> Void
  ) -> Int {
    var added = 0
    var acceptance = 0.8
    for _ in 0..<4 where added < target {
      let before = pairs.count
      let attempts = allocate(weights, budget: Double(target - added) * 1.05 / acceptance, rng: &rng, body)
      let gained = pairs.count - before
      added += gained
      if attempts == 0 || gained == 0 { break }
      acceptance = max(0.02, Double(gained) / Double(attempts))
    }
    return added
  }

  func makeTies() {
    pairs.reserveCapacity(Int(Double(targetTies) * 1.6) + 1024)
    var rng = stream(0x71E5)
    let T = Double(targetTies)
    let colleagues = colleagueTies(budget: Tuning.companyWideShare * T, rng: &rng)
    report("colleague ties: \(groupedDigits(colleagues)) candidates")
    let classmates = classmateTies(budget: Tuning.classmateShare * T, rng: &rng)
    report("classmate ties: \(groupedDigits(classmates)) candidates")
    let community = communityTies(budget: Tuning.communityShare * T, rng: &rng)
    report("community ties: \(groupedDigits(community)) candidates")
    let industry = industryTies(budget: Tuning.industryShare * T, rng: &rng)
    report("industry ties: \(groupedDigits(industry)) candidates")
    deduplicate()
    report("base network: \(groupedDigits(pairs.count)) distinct ties")
    if targetTies > 0 {
      let linked = connectIsolated(rng: &rng)
      if linked > 0 { report("first contacts for \(groupedDigits(linked)) people without ties") }
    }
    closeTriads(rng: &rng)
    // Free what only tie generation needed.
    memberships = []
    companyOffset = []
    companyOrder = []
  }

  /// Gives everyone without a tie one contact: a current colleague if there
  /// is one, else someone from the same industry, else anyone.
  private func connectIsolated(rng: inout SplitMix64) -> Int {
    var linked = [Bool](repeating: false, count: n)
    for key in pairs {
      linked[Int(key >> 36)] = true
      linked[Int((key >> 8) & 0xFFF_FFFF)] = true
    }
    let before = pairs.count
    for p in 0..<n where !linked[p] {
      let own = Int(stintOffset[p + 1]) - 1
      let c = Int(stintCompany[own])
      let lo = companyOffset[c]
      let m = companyOffset[c + 1] - lo
      var partner = -1
      var mechanism = Mechanism.colleague
      for _ in 0..<(m > 1 ? 16 : 0) {
        let t = Int(companyOrder[lo + rng.nextInt(below: m)])
        let q = Int(stintPerson[t])
        if q != p && min(stintEnd[t], stintEnd[own]) - max(stintStart[t], stintStart[own]) >= 30 {
          partner = q
          break
        }
      }
      if partner < 0 {
        mechanism = .industry
        for _ in 0..<64 {
          let q = rng.nextInt(below: n)
          if q != p && companyIndustry[currentCompany(q)] == companyIndustry[c] && currentCompany(q) != c {
            partner = q
            break
          }
        }
      }
      if partner < 0 {
        mechanism = .closure
        partner = (p + 1 + rng.nextInt(below: n - 1)) % n
      }
      pairs.append(packPair(p, partner, mechanism))
      linked[p] = true
      linked[partner] = true
    }
    let added = pairs.count - before
    if added > 0 { deduplicate() }
    return added
  }

  /// Sorts `pairs` and keeps one entry per pair (the smallest mechanism code).
  private func deduplicate() {
    pairs.sort()
    var unique = 0
    pairs.withUnsafeMutableBufferPointer { buf in
      for i in 0..<buf.count where unique == 0 || buf[i] >> 8 != buf[unique - 1] >> 8 {
        buf[unique] = buf[i]
        unique += 1
      }
    }
    pairs.removeLast(pairs.count - unique)
  }

  /// Whether `p` accepts a contact request: with probability ∝ activity
  /// (Chung–Lu style, so expected degree grows with activity at both ends).
  @inline(__always) private func welcomes(_ p: Int, _ rng: inout SplitMix64) -> Bool {
    rng.nextDouble() * Tuning.acceptanceScale < Double(activity[p])
  }

  /// Team and company-wide colleague ties among overlapping positions.
  private func colleagueTies(budget: Double, rng: inout SplitMix64) -> Int {
    let stints = stintCompany.count
    let C = companyCount
    let company = stintCompany
    let start = stintStart
    let end = stintEnd
    let person = stintPerson
    let A = asOf
    var offset = [Int](repeating: 0, count: C + 1)
    for s in 0..<stints { offset[Int(company[s]) + 1] += 1 }
    for c in 0..<C { offset[c + 1] += offset[c] }
    var order = [Int32](repeating: 0, count: stints)
    do {
      var keys = [UInt64](repeating: 0, count: stints)
      var fillAt = offset
      for s in 0..<stints {
        let c = Int(company[s])
        keys[fillAt[c]] = dayKey(start[s]) << 32 | UInt64(s)
        fillAt[c] += 1
      }
      keys.withUnsafeMutableBufferPointer { buf in
        for c in 0..<C where offset[c + 1] - offset[c] > 1 {
          var segment = UnsafeMutableBufferPointer(rebasing: buf[offset[c]..<offset[c + 1]])
          segment.sort()
        }
      }
      for k in 0..<stints { order[k] = Int32(truncatingIfNeeded: keys[k]) }
    }
    var position = [Int32](repeating: 0, count: stints)
    for k in 0..<stints { position[Int(order[k])] = Int32(k) }
    companyOffset = offset
    companyOrder = order

    @inline(__always) func overlap(_ a: Int, _ b: Int) -> Int32 { min(end[a], end[b]) - max(start[a], start[b]) }

    // Teams: consecutive hires, 2–7 positions; tiny companies are one team.
    var team = [Int32](repeating: 0, count: stints)
    var teamCount: Int32 = 0
    let pCurrentTeam = min(0.95, Tuning.teamProbabilityCurrent * tau)
    let pPastTeam = min(0.95, Tuning.teamProbabilityPast * tau)
    let before = pairs.count
    for c in 0..<C {
      let lo = offset[c]
      let hi = offset[c + 1]
      var k = lo
      while k < hi {
        let size = hi - lo <= 6 ? hi - lo : 2 + rng.nextInt(below: 6)
        let blockEnd = min(hi, k + size)
        for x in k..<blockEnd {
          let sx = Int(order[x])
          team[sx] = teamCount
          for y in (x + 1)..<blockEnd {
            let sy = Int(order[y])
            if person[sx] != person[sy] && overlap(sx, sy) >= 30
              && rng.chance(
                end[sx] == A && end[sy] == A
                  ? pCurrentTeam
                  : pPastTeam * min(1, Double(activity[Int(person[sx])] * activity[Int(person[sy])]).squareRoot()))
            {
              pairs.append(packPair(Int(person[sx]), Int(person[sy]), .colleague))
            }
          }
        }
        teamCount += 1
        k = blockEnd
      }
    }
    stintTeam = team
    let teamPairs = pairs.count - before

    // Company-wide contacts: ∝ activity · log2(positions); past positions a bit less.
    var weights = [Float](repeating: 0, count: stints)
    for s in 0..<stints {
      let c = Int(company[s])
      let m = offset[c + 1] - offset[c]
      if m >= 2 {
        weights[s] =
          activity[Int(person[s])] * Float(_splitMixLog(Double(m)) / _splitMixLog(2))
          * Float(end[s] == A ? Tuning.currentPositionWeight : Tuning.pastPositionWeight)
      }
    }
    let wide = fill(weights, target: max(0, Int(budget)), rng: &rng) { s, attempts, rng in
      let c = Int(company[s])
      let lo = offset[c]
      let m = offset[c + 1] - lo
      let own = Int(position[s])
      let window = min(m - 1, Tuning.companyWindow)
      for _ in 0..<attempts {
        var q: Int
        if rng.chance(0.85) {
          q = own + rng.nextInt(in: -window...window)
          q = min(lo + m - 1, max(lo, q))
        } else {
          q = lo + rng.nextInt(below: m)
        }
        let t = Int(order[q])
        if t != s && person[t] != person[s] && overlap(s, t) >= 30 && welcomes(Int(person[t]), &rng) {
          pairs.append(packPair(Int(person[s]), Int(person[t]), .colleague))
        }
      }
    }
    return teamPairs + wide
  }

  /// Classmates: same school, graduation years at most one apart.
  private func classmateTies(budget: Double, rng: inout SplitMix64) -> Int {
    var keys = [UInt64](repeating: 0, count: n)
    for p in 0..<n {
      let year = UInt64(max(0, min(255, Int(cohort[p]) - 1900)))
      keys[p] = UInt64(school[p]) << 40 | year << 32 | UInt64(p)
    }
    keys.sort()
    var position = [Int32](repeating: 0, count: n)
    for k in 0..<n { position[Int(keys[k] & 0xFFFF_FFFF)] = Int32(k) }
    let sorted = keys
    let school = self.school
    let cohort = self.cohort
    return fill(activity, target: max(0, Int(budget)), rng: &rng) { p, attempts, rng in
      let own = Int(position[p])
      for _ in 0..<attempts {
        let q = min(n - 1, max(0, own + rng.nextInt(in: -8...8)))
        let other = Int(sorted[q] & 0xFFFF_FFFF)
        if other != p && school[other] == school[p] && abs(Int(cohort[other]) - Int(cohort[p])) <= 1
          && welcomes(other, &rng)
        {
          pairs.append(packPair(p, other, .classmate))
        }
      }
    }
  }

  /// Members of the same community (meetups, associations, open source).
  private func communityTies(budget: Double, rng: inout SplitMix64) -> Int {
    let list = memberships
    guard list.count > 1 else { return 0 }
    var rangeStart = [Int32](repeating: 0, count: list.count)
    var rangeEnd = [Int32](repeating: 0, count: list.count)
    var k = 0
    while k < list.count {
      var e = k
      while e < list.count && list[e] >> 32 == list[k] >> 32 { e += 1 }
      for i in k..<e {
        rangeStart[i] = Int32(k)
        rangeEnd[i] = Int32(e)
      }
      k = e
    }
    let weights = list.map { activity[Int($0 & 0xFFFF_FFFF)] }
    return fill(weights, target: max(0, Int(budget)), rng: &rng) { i, attempts, rng in
      let lo = Int(rangeStart[i])
      let m = Int(rangeEnd[i]) - lo
      guard m > 1 else { return }
      let p = Int(list[i] & 0xFFFF_FFFF)
      for _ in 0..<attempts {
        // Mostly the same circle (neighbours in id order, which is random), sometimes anyone.
        let q = rng.chance(0.8) ? min(lo + m - 1, max(lo, i + rng.nextInt(in: -6...6))) : lo + rng.nextInt(below: m)
        let other = Int(list[q] & 0xFFFF_FFFF)
        if other != p && welcomes(other, &rng) { pairs.append(packPair(p, other, .community)) }
      }
    }
  }

  /// Same industry, another company; often the same city.
  private func industryTies(budget: Double, rng: inout SplitMix64) -> Int {
    let current = (0..<n).map { Int(stintCompany[Int(stintOffset[$0 + 1]) - 1]) }
    var keys = [UInt64](repeating: 0, count: n)
    for p in 0..<n {
      keys[p] = UInt64(companyIndustry[current[p]]) << 52 | UInt64(city[p]) << 36 | UInt64(p)
    }
    keys.sort()
    var position = [Int32](repeating: 0, count: n)
    var rangeStart = [Int32](repeating: 0, count: n)
    var rangeEnd = [Int32](repeating: 0, count: n)
    var k = 0
    while k < n {
      var e = k
      while e < n && keys[e] >> 52 == keys[k] >> 52 { e += 1 }
      for i in k..<e {
        let p = Int(keys[i] & 0xF_FFFF_FFFF)
        position[p] = Int32(i)
        rangeStart[p] = Int32(k)
        rangeEnd[p] = Int32(e)
      }
      k = e
    }
    let sorted = keys
    let weights = (0..<n).map { p -> Float in
      let lv = Int(level[p])
      return activity[p] * (lv >= Int(Vocab.Level.director.rawValue) ? 2.5 : lv >= Int(Vocab.Level.senior.rawValue) ? 1.5 : 1)
    }
    return fill(weights, target: max(0, Int(budget)), rng: &rng) { p, attempts, rng in
      let lo = Int(rangeStart[p])
      let hi = Int(rangeEnd[p])
      guard hi - lo > 1 else { return }
      let own = Int(position[p])
      for _ in 0..<attempts {
        let q: Int
        if rng.chance(0.6) {
          q = min(hi - 1, max(lo, own + rng.nextInt(in: -10...10)))
        } else {
          q = lo + rng.nextInt(below: hi - lo)
        }
        let other = Int(sorted[q] & 0xF_FFFF_FFFF)
        if other != p && current[other] != current[p] && welcomes(other, &rng) {
          pairs.append(packPair(p, other, .industry))
        }
      }
    }
  }

  /// Holme–Kim triad formation until the target tie count is reached.
  private func closeTriads(rng: inout SplitMix64) {
    var acceptance = 0.8
    let burstMean = Tuning.closureBurst
    let choices = Tuning.closureChoices
    for round in 1...8 {
      let have = pairs.count
      let deficit = targetTies - have
      if deficit <= max(1, targetTies / 500) { break }
      // Adjacency (CSR) of the current network.
      var offset = [Int](repeating: 0, count: n + 1)
      for key in pairs {
        offset[Int(key >> 36) + 1] += 1
        offset[Int((key >> 8) & 0xFFF_FFFF) + 1] += 1
      }
      for p in 0..<n { offset[p + 1] += offset[p] }
      var adjacency = [Int32](repeating: 0, count: offset[n])
      do {
        var fillAt = offset
        for key in pairs {
          let a = Int(key >> 36)
          let b = Int((key >> 8) & 0xFFF_FFFF)
          adjacency[fillAt[a]] = Int32(b)
          fillAt[a] += 1
          adjacency[fillAt[b]] = Int32(a)
          fillAt[b] += 1
        }
      }
      // Adjacency lists are sorted (pairs are), so membership is a binary
      // search and common neighbours a merge.
      func contains(_ a: Int, _ b: Int) -> Bool {
        var lo = offset[a]
        var hi = offset[a + 1]
        let target = Int32(b)
        while lo < hi {
          let mid = (lo + hi) >> 1
          if adjacency[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < offset[a + 1] && adjacency[lo] == target
      }
      func common(_ a: Int, _ b: Int) -> Int {
        sortedIntersectionCount(adjacency[offset[a]..<offset[a + 1]], adjacency[offset[b]..<offset[b + 1]])
      }
      let weights = (0..<n).map { offset[$0 + 1] > offset[$0] ? activity[$0] : 0 }
      var attempts = 0
      allocate(weights, budget: Double(deficit) * 1.05 / acceptance / burstMean, rng: &rng) { u, k, rng in
        let lo = offset[u]
        let degree = offset[u + 1] - lo
        for _ in 0..<k {
          // Holme–Kim triad formation: several links into one neighbour's circle.
          let v = Int(adjacency[lo + rng.nextInt(below: degree)])
          let vlo = offset[v]
          let burst = 1 + rng.count(mean: burstMean - 1)
          attempts += burst
          for _ in 0..<burst {
            // Of a few friends of v, the one sharing most friends with u.
            var best = -1
            var bestShared = -1
            for _ in 0..<choices {
              let w = Int(adjacency[vlo + rng.nextInt(below: offset[v + 1] - vlo)])
              if w == u || contains(u, w) { continue }
              let shared = common(u, w)
              if shared > bestShared {
                best = w
                bestShared = shared
              }
            }
            if best >= 0 { pairs.append(packPair(u, best, .closure)) }
          }
        }
      }
      deduplicate()
      let gained = pairs.count - have
      report("triadic closure, round \(round): +\(groupedDigits(gained)) → \(groupedDigits(pairs.count)) ties")
      if attempts == 0 || gained <= 0 { break }
      acceptance = max(0.05, Double(gained) / Double(attempts))
    }
  }

  // MARK: Evidence

  @inline(__always) private func currentCompany(_ p: Int) -> Int {
    Int(stintCompany[Int(stintOffset[p + 1]) - 1])
  }

  /// Simulated interaction history of one tie, from its own random stream.
  private func evidence(_ a: Int, _ b: Int, _ mechanism: UInt64) -> Evidence {
    var rng = SplitMix64(seed: seed ^ 0xE71D_E9CE, stream: UInt64(a) << 32 | UInt64(b))
    let A = Int(asOf)
    let careerFloor = max(Int(careerStart[a]), Int(careerStart[b]))
    let year = 365
    func clamp(_ last: Int, _ since: Int) -> (Int32, Int32) {
      let s = min(since, A)
      return (Int32(min(A, max(s, last))), Int32(s))
    }
    switch mechanism {
    case Mechanism.colleague.rawValue:
      if let e = colleagueEvidence(a, b, rng: &rng) { return e }
      fallthrough
    case Mechanism.closure.rawValue, Mechanism.industry.rawValue:
      let isIndustry = mechanism == Mechanism.industry.rawValue
      let window = max(1, min(A - careerFloor, (isIndustry ? 12 : 10) * year))
      let since = A - rng.nextInt(below: window)
      let last: Int
      var interactions: Int
      if !isIndustry && rng.chance(Tuning.closureFriendShare) {
        // A friend of a friend who became a friend: regular, recent contact.
        let rate = 1.2 * _splitMixExp(0.6 * rng.normal())
        last = A - Int(rng.exponential(mean: 20))
        interactions = 1 + Int(rate * Double(A - since) / 30.44)
      } else {
        last =
          rng.chance(0.55)
          ? A - Int(rng.exponential(mean: 280)) : since + rng.nextInt(below: max(1, A - since + 1))
        interactions = 1 + rng.count(mean: isIndustry ? 3 : 5)
      }
      interactions = min(interactions, 5000)
      let (l, s) = clamp(last, since)
      return Evidence(kind: isIndustry ? 3 : 5, interactions: interactions, last: l, since: s, context: nil)
    case Mechanism.classmate.rawValue:
      let gy = max(Int(cohort[a]), Int(cohort[b]))
      let enrolled = Int(Day(year: max(1, gy - 4), month: 9, day: 1)!.daysSinceEpoch)
      let graduated = Int(Day(year: max(1, gy), month: 6, day: 15)!.daysSinceEpoch)
      let since = enrolled + rng.nextInt(below: year)
      var interactions = 5 + rng.count(mean: 25)
      let last: Int
      if rng.chance(Tuning.classmateReconnected) {
        last = A - Int(rng.exponential(mean: 120))
        interactions += rng.count(mean: 6)
      } else {
        last = graduated + Int(rng.exponential(mean: 700))
      }
      let (l, s) = clamp(last, since)
      return Evidence(kind: 2, interactions: interactions, last: l, since: s, context: .school)
    default:  // community
      let window = max(1, min(A - careerFloor + 2 * year, 8 * year))
      let since = A - rng.nextInt(below: window)
      let active = rng.chance(Tuning.communityActive)
      let last = A - Int(rng.exponential(mean: active ? 25 : 200))
      let interactions = 1 + rng.count(mean: active ? 6 + Double(A - since) / 30.44 : 8)
      let (l, s) = clamp(last, since)
      return Evidence(kind: 4, interactions: interactions, last: l, since: s, context: .community)
    }
  }

  /// Evidence of (former) colleagues from their latest overlapping positions.
  private func colleagueEvidence(_ a: Int, _ b: Int, rng: inout SplitMix64) -> Evidence? {
    var best: (Int, Int)?
    var bestEnd = Int32.min
    for sa in Int(stintOffset[a])..<Int(stintOffset[a + 1]) {
      for sb in Int(stintOffset[b])..<Int(stintOffset[b + 1]) where stintCompany[sa] == stintCompany[sb] {
        let os = max(stintStart[sa], stintStart[sb])
        let oe = min(stintEnd[sa], stintEnd[sb])
        if oe - os >= 30 && oe > bestEnd {
          best = (sa, sb)
          bestEnd = oe
        }
      }
    }
    guard let (sa, sb) = best else { return nil }
    let A = Int(asOf)
    let os = Int(max(stintStart[sa], stintStart[sb]))
    let oe = Int(bestEnd)
    let current = oe == A
    let team = stintTeam[sa] == stintTeam[sb]
    let since = os + rng.nextInt(below: max(1, min(120, (oe - os) / 3)))
    let months = Double(max(1, oe - since)) / 30.44
    let rate = team ? 2.5 * _splitMixExp(0.7 * rng.normal()) : 0.4 * _splitMixExp(0.9 * rng.normal())
    var interactions = 1 + Int(rate * months)
    var last: Int
    if current {
      last = A - Int(rng.exponential(mean: team ? 6 : 75))
    } else if rng.chance(team ? Tuning.keptInTouchTeam : Tuning.keptInTouchCompany) {
      // Kept in touch: occasional contact since, the latest fairly recent.
      last = max(oe, A - Int(rng.exponential(mean: Tuning.keptInTouchRecency)))
      interactions += Int(rate * 0.12 * Double(max(0, min(A, last) - oe)) / 30.44)
    } else {
      last = oe - rng.nextInt(below: max(1, min(45, oe - since)))
    }
    last = min(A, max(since, last))
    return Evidence(
      kind: current ? 0 : 1, interactions: min(interactions, 5000), last: Int32(last), since: Int32(since),
      context: team ? .team : .company)
  }

  // MARK: People attributes

  func title(_ p: Int) -> String {
    Vocab.title(
      function: Int(function[p]), level: Vocab.Level(rawValue: level[p]) ?? .mid, variant: Int(variant[p]),
      founder: founder[p])
  }

  /// The e-mail address before de-duplication: (local part, domain), or nil.
  private func baseEmail(_ p: Int) -> (String, String)? {
    let code = emailCode[p]
    let fa = firstAscii[Int(first[p])]
    let la = lastAscii[Int(last[p])]
    let free = Vocab.freemailDomains[Int(code >> 3) % Vocab.freemailDomains.count].domain
    switch code & 7 {
    case 1: return (fa + "." + la, companyDomain[currentCompany(p)])
    case 2: return (String(fa.prefix(1)) + la, companyDomain[currentCompany(p)])
    case 3: return (fa, companyDomain[currentCompany(p)])
    case 4: return (fa + "." + la, free)
    case 5: return (fa + la, free)
    default: return nil
    }
  }

  func email(_ p: Int) -> String {
    guard let (local, domain) = baseEmail(p) else { return "" }
    let dup = emailDup.isEmpty ? 0 : Int(emailDup[p])
    return dup == 0 ? "\(local)@\(domain)" : "\(local)\(dup + 1)@\(domain)"
  }

  /// The LinkedIn profile slug: `first-last-<8 hex>`, unique per person
  /// (the hex part is a bijection of the id).
  func slug(_ p: Int) -> String {
    var x = UInt32(truncatingIfNeeded: p) ^ UInt32(truncatingIfNeeded: seed)
    x = (x ^ (x >> 16)) &* 0x7FEB_352D
    x = (x ^ (x >> 15)) &* 0x846C_A68B
    x ^= x >> 16
    var hex = String(x, radix: 16)
    if hex.count < 8 { hex = String(repeating: "0", count: 8 - hex.count) + hex }
    return firstSlug[Int(first[p])] + "-" + lastSlug[Int(last[p])] + "-" + hex
  }

  func tags(_ p: Int) -> String {
    var rng = SplitMix64(seed: seed ^ 0x7A65, stream: UInt64(p))
    let lv = Vocab.Level(rawValue: level[p]) ?? .mid
    let managerial = lv.rawValue >= Vocab.Level.manager.rawValue
    let industry = Vocab.industries[Int(companyIndustry[currentCompany(p)])].name
    var out: [String] = []
    if rng.chance(managerial ? 0.12 : 0.015) { out.append("hiring") }
    if rng.chance(lv.rawValue <= Vocab.Level.junior.rawValue ? 0.08 : 0.035) { out.append("looking") }
    if founder[p] { out.append("founder") }
    let vc = industry.hasPrefix("Venture")
    if rng.chance(vc && lv.rawValue >= Vocab.Level.director.rawValue ? 0.5 : lv == .chief ? 0.05 : 0.003) {
      out.append("investor")
    }
    if rng.chance(lv.rawValue >= Vocab.Level.senior.rawValue ? 0.04 : 0.004) { out.append("mentor") }
    return out.joined(separator: ";")
  }

  // MARK: Output

  func write(into directory: String) throws -> GenerationSummary {
    // Degrees, for the choice of exported members.
    var degree = [Int32](repeating: 0, count: n)
    for key in pairs {
      degree[Int(key >> 36)] += 1
      degree[Int((key >> 8) & 0xFFF_FFFF)] += 1
    }
    let members = chooseExportMembers(degree: degree)

    report("writing people.csv (\(groupedDigits(n)) rows)")
    let companies = try writePeople(directory + "/people.csv")

    report("writing ties.csv (\(groupedDigits(pairs.count)) rows)")
    var memberSlot = [Int32](repeating: -1, count: n)
    for (i, m) in members.enumerated() { memberSlot[m] = Int32(i) }
    var contacts = [[UInt64]](repeating: [], count: members.count)
    let stats = try writeTies(directory + "/ties.csv", memberSlot: memberSlot, contacts: &contacts)

    var files: [String] = []
    if !members.isEmpty {
      report("writing \(members.count) LinkedIn export(s)")
      var stems = Set<String>()
      for (i, m) in members.enumerated() {
        if exportSize > contacts[i].count { padExport(member: m, contacts: &contacts[i]) }
        let baseStem = firstSlug[Int(first[m])] + "-" + lastSlug[Int(last[m])]
        var stem = baseStem
        var k = 2
        while stems.contains(stem) {
          stem = "\(baseStem)-\(k)"
          k += 1
        }
        stems.insert(stem)
        let path = directory + "/exports/" + stem + ".csv"
        try writeExport(path, contacts: &contacts[i])
        files.append(path)
      }
    }

    var summary = GenerationSummary(people: n, ties: pairs.count, companies: companies, exportFiles: files)
    summary.tiesByKind = kindNames.enumerated().map { ($0.element, stats.kinds[$0.offset]) }
    summary.tiesByClass = [
      (.strong, stats.strong), (.weak, stats.weak), (.nominal, stats.nominal), (.dormant, stats.dormant),
    ]
    report("done: \(groupedDigits(n)) people, \(groupedDigits(pairs.count)) ties")
    return summary
  }

  /// Up to `exportCount` members with 50–1500 contacts, one per company first;
  /// then the best-connected others. Returned sorted by id.
  private func chooseExportMembers(degree: [Int32]) -> [Int] {
    guard exportCount > 0 else { return [] }
    var rng = stream(0xE4)
    var candidates = (0..<n).filter { degree[$0] >= 50 && degree[$0] <= 1500 }
    // Deterministic Fisher–Yates shuffle.
    if candidates.count > 1 {
      for i in stride(from: candidates.count - 1, to: 0, by: -1) {
        candidates.swapAt(i, rng.nextInt(below: i + 1))
      }
    }
    var chosen: [Int] = []
    var taken = [Bool](repeating: false, count: n)
    var usedCompanies = Set<Int>()
    for p in candidates where chosen.count < exportCount && !usedCompanies.contains(currentCompany(p)) {
      usedCompanies.insert(currentCompany(p))
      chosen.append(p)
      taken[p] = true
    }
    for p in candidates where chosen.count < exportCount && !taken[p] {
      chosen.append(p)
      taken[p] = true
    }
    if chosen.count < exportCount {
      let rest = (0..<n).filter { !taken[$0] && degree[$0] > 0 }.sorted {
        degree[$0] != degree[$1] ? degree[$0] > degree[$1] : $0 < $1
      }
      chosen += rest.prefix(exportCount - chosen.count)
    }
    return chosen.sorted()
  }

  private func writePeople(_ path: String) throws(OutputError) -> Int {
    let writer = try AtomicFileWriter(path: path)
    writer.write("id,name,email,company,title,industry,location,tags,url\n")
    var seen: [UInt64: UInt16] = [:]
    seen.reserveCapacity(n)
    emailDup = [UInt16](repeating: 0, count: n)
    var hasEmployees = [Bool](repeating: false, count: companyCount)
    var line = ""
    for p in 0..<n {
      if let (local, domain) = baseEmail(p) {
        let key = hash64(local, domain)
        let dup = seen[key, default: 0]
        seen[key] = dup &+ 1
        emailDup[p] = dup
      }
      let c = currentCompany(p)
      hasEmployees[c] = true
      line.removeAll(keepingCapacity: true)
      line += String(p)
      line += ","
      line += CSVEscaping.field(firstDisplay[Int(first[p])] + " " + lastDisplay[Int(last[p])])
      line += ","
      line += CSVEscaping.field(email(p))
      line += ","
      line += CSVEscaping.field(companyName[c])
      line += ","
      line += CSVEscaping.field(title(p))
      line += ","
      line += CSVEscaping.field(Vocab.industries[Int(companyIndustry[c])].name)
      line += ","
      line += CSVEscaping.field(Vocab.cities[Int(city[p])].label)
      line += ","
      line += CSVEscaping.field(tags(p))
      line += ",https://www.linkedin.com/in/"
      line += slug(p)
      line += "\n"
      writer.write(line)
    }
    try writer.commit()
    return hasEmployees.reduce(0) { $0 + ($1 ? 1 : 0) }
  }

  private struct TieStats {
    var kinds = [Int](repeating: 0, count: 6)
    var strong = 0
    var weak = 0
    var nominal = 0
    var dormant = 0
  }

  private func writeTies(
    _ path: String, memberSlot: [Int32], contacts: inout [[UInt64]]
  ) throws(OutputError) -> TieStats {
    let writer = try AtomicFileWriter(path: path)
    writer.write("source,target,strength,interactions,last_contact,since,kind\n")
    let model = TieStrengthModel.standard
    let classifier = TieClassifier()
    let asOfDay = Day(daysSinceEpoch: asOf)
    var stats = TieStats()
    var out = LineBuffer()
    let step = max(1, pairs.count / 10)
    for (i, key) in pairs.enumerated() {
      let a = Int(key >> 36)
      let b = Int((key >> 8) & 0xFFF_FFFF)
      let e = evidence(a, b, key & 0xFF)
      let lastDay = Day(daysSinceEpoch: e.last)
      let strength =
        model.strength(
          interactions: e.interactions, lastContact: lastDay, since: Day(daysSinceEpoch: e.since),
          sharedContext: e.context, asOf: asOfDay) ?? 0.1
      stats.kinds[e.kind] += 1
      switch classifier.classify(strength: strength, lastContact: lastDay, asOf: asOfDay) {
      case .strong: stats.strong += 1
      case .weak: stats.weak += 1
      case .dormant: stats.dormant += 1
      default: stats.nominal += 1
      }
      out.int(a)
      out.comma()
      out.int(b)
      out.comma()
      out.strength(strength)
      out.comma()
      out.int(e.interactions)
      out.comma()
      out.isoDate(e.last)
      out.comma()
      out.isoDate(e.since)
      out.comma()
      out.bytes.append(contentsOf: kindBytes[e.kind])
      out.byte(0x0A)
      if out.bytes.count >= 1 << 16 {
        writer.writeBytes(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
      }
      // Newest first, then by id: key = (~since, contact).
      let sinceKey = UInt64(~UInt32(truncatingIfNeeded: dayKey(e.since))) << 32
      if memberSlot[a] >= 0 { contacts[Int(memberSlot[a])].append(sinceKey | UInt64(b)) }
      if memberSlot[b] >= 0 { contacts[Int(memberSlot[b])].append(sinceKey | UInt64(a)) }
      if (i + 1) % step == 0 && pairs.count >= 1_000_000 {
        report("  ties.csv: \(groupedDigits(i + 1)) / \(groupedDigits(pairs.count))")
      }
    }
    writer.writeBytes(out.bytes)
    try writer.commit()
    return stats
  }

  /// Pads a member's export to `exportSize` contacts with other people,
  /// each connected on a seeded day between 2008 and `asOf`.
  /// - Complexity: O(exportSize) expected (rejection sampling, then a scan).
  private func padExport(member: Int, contacts: inout [UInt64]) {
    var listed = Set<Int>(minimumCapacity: exportSize + 1)
    listed.insert(member)
    for key in contacts { listed.insert(Int(key & 0xFFFF_FFFF)) }
    var rng = SplitMix64(seed: seed ^ 0xE7B0_5123, stream: UInt64(member))
    let start = Day(year: 2008, month: 1, day: 1)!.daysSinceEpoch
    let span = UInt64(max(1, asOf - start))
    func add(_ p: Int) {
      let since = start + Int32(truncatingIfNeeded: rng.next() % span)
      let hi = ~(UInt32(bitPattern: since) ^ 0x8000_0000)
      contacts.append(UInt64(hi) << 32 | UInt64(p))
      listed.insert(p)
    }
    var attempts = 0
    while contacts.count < exportSize && attempts < 4 * exportSize {
      attempts += 1
      let p = rng.nextInt(below: n)
      if !listed.contains(p) { add(p) }
    }
    var p = 0
    while contacts.count < exportSize && p < n {
      if !listed.contains(p) { add(p) }
      p += 1
    }
  }

  /// One member's LinkedIn `Connections.csv`, newest connection first.
  private func writeExport(_ path: String, contacts: inout [UInt64]) throws(OutputError) {
    contacts.sort()
    let writer = try AtomicFileWriter(path: path)
    writer.write(
      """
      Notes:
      "When exporting your connection data, you may notice that some of the email addresses are missing. \
      You will only see email addresses for connections who have allowed their connections to see or download \
      their email address using this setting https://www.linkedin.com/psettings/privacy/email. \
      You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

      First Name,Last Name,URL,Email Address,Company,Position,Connected On

      """)
    var line = ""
    for key in contacts {
      let p = Int(key & 0xFFFF_FFFF)
      let since = Int32(bitPattern: ~UInt32(truncatingIfNeeded: key >> 32) ^ 0x8000_0000)
      // Per-person quirks, identical in every export the person appears in.
      var q = SplitMix64(seed: seed ^ 0x11AC, stream: UInt64(p))
      var firstName = firstDisplay[Int(first[p])]
      var lastName = lastDisplay[Int(last[p])]
      if q.chance(0.02), let nick = Vocab.nicknames.first(where: { $0.name == firstName }) {
        firstName += " (\(nick.nickname))"
      }
      if q.chance(0.02) { lastName += ", " + Vocab.credentials[q.nextInt(below: Vocab.credentials.count)] }
      if q.chance(0.012) { lastName += " " }
      let showsEmail = q.chance(0.10)
      let hidesCompany = q.chance(0.015)
      let hidesPosition = q.chance(0.02)
      line.removeAll(keepingCapacity: true)
      line += CSVEscaping.field(firstName, neutralizeFormulas: false)
      line += ","
      line += CSVEscaping.field(lastName, neutralizeFormulas: false)
      line += ",https://www.linkedin.com/in/"
      line += slug(p)
      line += ","
      if showsEmail { line += CSVEscaping.field(email(p), neutralizeFormulas: false) }
      line += ","
      if !hidesCompany { line += CSVEscaping.field(companyName[currentCompany(p)], neutralizeFormulas: false) }
      line += ","
      if !hidesPosition { line += CSVEscaping.field(title(p), neutralizeFormulas: false) }
      line += ","
      line += linkedInDate(since)
      line += "\n"
      writer.write(line)
    }
    try writer.commit()
  }
}

extension String {
  /// The string with its first character upper-cased (ASCII only).
  fileprivate var capitalizedFirst: String {
    guard let f = first, f.isASCII, f.isLowercase else { return self }
    return f.uppercased() + dropFirst()
  }
}

