// The generator's state and the pieces every phase shares: `SyntheticWorld` (flat arrays
// per company, person, position and packed tie, filled phase by phase by the extensions in
// the other SyntheticWorld+*.swift files), the calibrated `Tuning` constants, weighted
// sampling (`WeightedTable`, O(log n) per draw) and the packed tie word (`packPair`).
import GraphCore

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

  /// Passes a phase message to the caller's progress handler.
  func report(_ message: String) { progress?(message) }

  /// The random stream of one phase (`salt` names the phase); phases never share a stream.
  func stream(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: seed, stream: salt) }

  /// The current employer of `p` (the company of their last position).
  @inline(__always) func currentCompany(_ p: Int) -> Int {
    Int(stintCompany[Int(stintOffset[p + 1]) - 1])
  }
}

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

/// Mechanism codes in the low byte of a packed pair; on duplicates the
/// smallest code (the most specific mechanism) wins.
enum Mechanism: UInt64 {
  case colleague = 0
  case classmate, community, industry, closure
}

/// A tie as one sortable word: `lo << 36 | hi << 8 | mechanism`, `lo < hi`.
@inline(__always) func packPair(_ a: Int, _ b: Int, _ m: Mechanism) -> UInt64 {
  let lo = UInt64(min(a, b))
  let hi = UInt64(max(a, b))
  return lo << 36 | hi << 8 | m.rawValue
}

/// An order-preserving unsigned key for a signed day.
@inline(__always) func dayKey(_ d: Int32) -> UInt64 {
  UInt64(UInt32(bitPattern: d) ^ 0x8000_0000)
}

/// A uniform element of a non-empty range.
@inline(__always) func pick(_ range: Range<Int>, _ rng: inout SplitMix64) -> Int {
  range.lowerBound + rng.nextInt(below: range.count)
}
