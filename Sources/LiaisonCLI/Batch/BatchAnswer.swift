import GraphAlgorithms
import GraphCore
import GraphIO
import Workspace

/// What `liaison batch` (and `liaison demo`) run.
struct BatchConfig {
  var inputs: [String]
  /// Files to read instead of `inputs` (the workspace's stored sources).
  var specs: [InputSpec]?
  var out: String
  var manifest: String?
  var targetsFile: String?
  /// Targets given directly, added after the file's.
  var targetList: [String] = []
  /// Also target this many of the largest companies no member works at (the demo).
  var suggestedTargets = 0
  var quiet = false
  var threads = Parallel.defaultThreads
  var top = 10
  var maxNodes = 60
  var pictures = true
  /// Each member's explorer page (`members/SLUG.html`), when pictures are drawn.
  var pages = true
  var maxHops = 4
  var sample = 300
  var options = LoadOptions()
  /// Let the analyses use negative (signed) ties (`--include-negative`; Options/SignedTies.swift).
  var includeNegative = false
  var classifier = TieClassifier()
  var coverFraction = 0.8
  /// The plan's inputs, when the batch reads a workspace: each member gets the week's plan.
  var plan: BatchPlanInputs?
}

/// What a workspace gives the batch for each member's plan (Guides/Plan.md).
struct BatchPlanInputs {
  var cadences: [StoredCadence]
  /// The log (the owner's: it applies to the owner's plan only).
  var log: [StoredInteraction]
  var ownerKey: String?
  var dismissed: Set<String>
  var today: Day
}

/// `DIR/summary.json` (camelCase, sorted keys, no timestamps).
struct BatchSummary: Codable {
  struct Failure: Codable, Equatable {
    var file: String
    var line: Int
    var column: Int
    var reason: String
    var hint: String?
  }
  struct Member: Codable {
    var owner: String
    var slug: String
    var person: PersonReference.Ref
    var company: String
    var files: [String]
    var contacts: Int
    var firstDegree: Int
    var secondDegree: Int
    var weakReach: Int
    var weakOnlyReach: Int
    var effectiveSize: Double?
    var constraint: Double?
    var cover: Int
    var coverFraction: Double
    var coverCovered: Int
    var dormant: Int
    var topDormant: [PersonReference.Ref]
    var topIntroductions: [String]
    var details: String
    var table: String
    var picture: String?
    /// The member's explorer page (`liaison explore --ego`), when pictures are drawn.
    var explorer: String?
    /// The week's plan (a Markdown checklist) and its first actions, when the batch read a workspace.
    var plan: String?
    var planActions: [String]?
  }
  struct Overlap: Codable {
    var a: String
    var b: String
    var sharedContacts: Int
    var jaccard: Double
    var tied: Bool
  }
  struct MemberPath: Codable {
    var member: String
    var strength: Double
    var hops: Int
    var people: [PersonReference.Ref]
    var sentence: String
  }
  struct Target: Codable {
    var target: String
    var slug: String
    var kind: String
    var people: Int
    var best: MemberPath?
    /// Every member with a chain, strongest first.
    var members: [MemberPath]
    var note: String?
    var picture: String?
  }
  struct Team: Codable {
    var members: Int
    var contactsInAll: Int
    var uniqueContacts: Int
    var overlaps: [Overlap]
    var overlapsListed: Int
    var targets: [Target]
    var introductions: IntroduceResult
    var brokers: BrokersAnswer
    var brokersPicture: String?
  }
  struct Inputs: Codable {
    var given: [String]
    var files: Int
    var analysed: Int
    var failed: Int
  }
  var report = "liaison batch"
  var version = 1
  var inputs: Inputs
  var failures: [Failure]
  // The counts of `liaison stats` (StatsResult.make on the same load), first-level for scripts.
  var people: Int
  var ties: Int
  var tieClasses: [String: Int]
  var inferredTies: Int
  var components: Int
  var largestComponent: Int
  var imports: [ImportReport]
  /// The whole `liaison stats` answer.
  var stats: StatsResult
  var members: [Member]
  var team: Team
  var notes: [String]
  var files: [String]
}

/// One member's details file `members/<slug>.json`.
struct BatchMemberDetail: Codable {
  var owner: String
  var person: PersonReference.Ref
  var files: [String]
  var reach: ReachAnswer
  var introductions: IntroduceResult?
  var targets: [BatchSummary.MemberPath?]
}
