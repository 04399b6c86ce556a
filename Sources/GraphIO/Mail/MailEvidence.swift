import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// Options for mailboxes and calendars (Guides/MailAndCalendar.md).
public struct MailOptions: Sendable, Equatable, Codable {
  /// Messages (and meetings) with more recipients (attendees) than this give
  /// no co-recipient (co-attendance) ties; `--max-recipients`.
  public var maxRecipients = 10
  /// The owner's own addresses (`--me`, repeatable); empty: the most frequent sender.
  public var me: [String] = []
  /// Messages dated before this day are skipped (`--since`); undated ones are kept.
  public var since: Day?
  public init() {}
}

/// What one mailbox or calendar file gave, for its import report.
public struct MailImportSummary: Sendable, Codable, Equatable {
  /// Messages (or events) read.
  public var messages = 0
  /// Bulk and automated messages set aside (list membership, not ties between people).
  public var setAside = 0
  /// Messages with no recipient other than their sender (their sender still counts as a person).
  public var noRecipient = 0
  /// Mailing lists (`List-Id`) seen on the messages set aside, with the number of their messages.
  public var lists: [String: Int] = [:]
  /// Distinct addresses on the messages read (set-aside ones excluded).
  public var people = 0
  /// Ties among people other than the owner, and the owner's ties.
  public var ties = 0
  public var ownerTies = 0
  /// Replies whose `In-Reply-To` (or last `References`) names a message of the file.
  public var repliesMatched = 0
  /// Encoded words kept as written (unknown character set or bad encoding).
  public var undecodedWords = 0
  /// Messages whose `Date` could not be read (they count, without a date).
  public var badDates = 0
  /// Messages dated before `--since`, skipped (nil when no `--since` was given).
  public var beforeSince: Int?
  /// Addresses that share one display name (at least two words), suggested as
  /// one person's aliases and not merged (`liaison same A B` merges them); nil when none.
  public var aliasSuggestions: [[String]]?
  /// The owner's addresses and how they were chosen (`--me`, `most frequent sender` …).
  public var ownerAddresses: [String] = []
  public var ownerAddressRule = ""
  /// Calendars: occurrences counted (up to the reference day), events after
  /// it, cancelled events, declined attendances, rules not expanded.
  public var meetings: Int?
  public var futureEvents: Int?
  public var cancelled: Int?
  public var declined: Int?
  public var rulesNotExpanded: Int?
  public init() {}
}

/// Evidence gathered from one mailbox or calendar: addresses, directed
/// interactions (sender → recipient, organiser → attendee) and co-recipient
/// weights, all per pair of addresses, so memory grows with people and
/// ties, not with the number of messages (a message id's hash per message
/// aside, for replies).
///
/// Weights: a message to k recipients gives each pair of them 1/(k − 1) (a
/// recipient's pairs add up to 1 per message); none when k exceeds
/// `maxRecipients`. Co-attendance is weighted the same way.
///
/// - Complexity: O(Σ k²) over messages with k ≤ `maxRecipients`.
struct MailEvidence {
  let kind: String
  let maxRecipients: Int
  private(set) var keys: [String] = []
  private(set) var names: [String] = []
  private var index: [String: Int32] = [:]
  /// Messages sent (events organised) per address.
  private(set) var sent: [Int] = []

  struct Directed {
    var count = 0
    var replies = 0
    var first: Day?
    var last: Day?
  }
  struct Shared {
    var weight = 0.0
    var count = 0
    var first: Day?
    var last: Day?
  }
  private(set) var directed: [UInt64: Directed] = [:]
  private(set) var shared: [UInt64: Shared] = [:]
  /// Message-id hash → sender; replies whose parent was not seen yet wait in `replies`.
  private var senderOf: [UInt64: Int32] = [:]
  private var replies: [(parent: UInt64, sender: Int32)] = []
  var summary = MailImportSummary()

  init(kind: String, maxRecipients: Int) {
    self.kind = kind
    self.maxRecipients = maxRecipients
  }

  /// Groups of two or more addresses given the same display name of at
  /// least two words (case and spacing aside), each group's addresses
  /// sorted, groups by their first address. O(addresses · name length).
  func aliasSuggestions(excluding skip: Set<Int32>) -> [[String]] {
    var byName: [String: [String]] = [:]
    for (i, name) in names.enumerated() where !skip.contains(Int32(i)) {
      let words = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
      guard words.count >= 2, !name.contains("@") else { continue }
      byName[words.sorted().joined(separator: " "), default: []].append(keys[i])
    }
    return byName.values.filter { $0.count >= 2 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
  }

  /// The address's index (made on first sight; the first display name given is kept).
  mutating func person(_ address: String, name: String) -> Int32 {
    let key = address.lowercased()
    if let i = index[key] {
      if names[Int(i)].isEmpty && !name.isEmpty { names[Int(i)] = name }
      return i
    }
    let i = Int32(keys.count)
    index[key] = i
    keys.append(key)
    names.append(name)
    sent.append(0)
    return i
  }

  /// The index of an address already seen.
  func existing(_ address: String) -> Int32? { index[address.lowercased()] }

  /// `count` interactions from `a` to `b` on `date`.
  mutating func interaction(from a: Int32, to b: Int32, date: Day?, count: Int = 1) {
    guard a != b else { return }
    Self.note(&directed[Self.pair(a, b), default: Directed()], date: date, count: count)
  }

  private static func note(_ d: inout Directed, date: Day?, count: Int) {
    d.count += count
    if let date {
      d.first = min(d.first ?? date, date)
      d.last = max(d.last ?? date, date)
    }
  }

  /// People who received one message (attended one meeting) together, `count` times.
  mutating func together(_ people: [Int32], date: Day?, count: Int = 1) {
    let group = Array(Set(people)).sorted()
    guard group.count >= 2, group.count <= maxRecipients else { return }
    let w = Double(count) / Double(group.count - 1)
    for i in 0..<group.count {
      for j in (i + 1)..<group.count {
        let k = Self.pair(group[i], group[j])
        var s = shared[k, default: Shared()]
        s.weight += w
        s.count += count
        if let date {
          s.first = min(s.first ?? date, date)
          s.last = max(s.last ?? date, date)
        }
        shared[k] = s
      }
    }
  }

  /// A message's id and its sender, and the message it answers (for reciprocity).
  mutating func thread(id: String?, sender: Int32, inReplyTo parent: String?) {
    sent[Int(sender)] += 1
    if let id { senderOf[Self.hash(id)] = sender }
    if let parent { replies.append((Self.hash(parent), sender)) }
  }

  mutating func countSent(_ sender: Int32) { sent[Int(sender)] += 1 }

  /// FNV-1a of a message id (collisions among one mailbox's ids are negligible at 64 bits).
  static func hash(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  /// Matches replies to the messages they answer: each is a reply from its sender to the parent's.
  mutating func matchReplies() {
    for (parent, sender) in replies {
      guard let original = senderOf[parent], original != sender else { continue }
      directed[Self.pair(sender, original), default: Directed()].replies += 1
      summary.repliesMatched += 1
    }
    replies = []
    senderOf = [:]
  }

  /// The owner's addresses: those of `me` seen here, else the most frequent
  /// sender (earliest seen on a tie); with the rule that chose them.
  func ownerAddresses(me: [String], senderWord: String) -> ([Int32], String) {
    let mine = me.compactMap(existing)
    if !me.isEmpty { return (mine, "--me") }
    guard let best = sent.indices.max(by: { sent[$0] < sent[$1] || (sent[$0] == sent[$1] && $0 > $1) }),
      sent[best] > 0
    else { return ([], "no \(senderWord) found") }
    return ([Int32(best)], "most frequent \(senderWord)")
  }
}

extension ImportSession {
  /// Turns the evidence of the file being read into people and ties: the
  /// owner's interactions become owner → person events (`ContactResolver`),
  /// the others ties between the two people, with the file as their source.
  mutating func addMailEvidence(_ evidence: consuming MailEvidence, spec: InputSpec, senderWord: String) {
    var e = evidence
    e.matchReplies()
    let options = self.options
    let (ownerIndices, addressRule) = e.ownerAddresses(me: (spec.mail ?? options.mail).me, senderWord: senderWord)
    let isOwner = Set(ownerIndices)
    e.summary.ownerAddresses = ownerIndices.map { e.keys[Int($0)] }
    e.summary.ownerAddressRule = addressRule
    e.summary.people = e.keys.count
    let aliases = e.aliasSuggestions(excluding: isOwner)
    if !aliases.isEmpty {
      e.summary.aliasSuggestions = aliases
      let shown = aliases.prefix(3).map { $0.joined(separator: " = ") }.joined(separator: "; ")
      report.warn(
        line: 0, column: 0,
        "\(TextFormat.count(aliases.count, "display name")) on several addresses, kept apart: \(shown)"
          + (aliases.count > 3 ? "; …" : "") + " — `liaison same A B` merges two that are one person")
    }
    // Whose file it is: OWNER=, --owner, else the owner's first address.
    var ownerName = spec.owner ?? options.contacts.owner
    var rule = spec.owner != nil ? OwnerRule.argument.rawValue : "--owner"
    if ownerName == nil, let first = ownerIndices.first {
      ownerName = e.keys[Int(first)]
      rule = addressRule
    }
    let owner: Int? = ownerName.map { resolver.owner($0, file: file) }
    if let owner, let first = ownerIndices.first {
      let name = e.names[Int(first)]
      resolver.setSelfName(owner: owner, name.isEmpty ? e.keys[Int(first)] : name)
    }
    report.owner = ownerName
    report.ownerRule = ownerName == nil ? nil : rule
    var people = [PersonID?](repeating: nil, count: e.keys.count)
    func person(_ i: Int32) -> PersonID? {
      if let p = people[Int(i)] { return p }
      let key = e.keys[Int(i)]
      guard
        let p = resolver.resolveParticipant(name: key, url: "", owner: owner ?? 0, builder: &builder, create: true)
      else { return nil }
      let name = e.names[Int(i)]
      if !name.isEmpty && builder.name(of: p) == key { builder.setAttributes(p, .init(name: name)) }
      people[Int(i)] = p
      return p
    }
    // People in the order their addresses were first seen (stable ids).
    for i in 0..<Int32(e.keys.count) where !isOwner.contains(i) { _ = person(i) }
    let source = file
    // Directed counts, folded into one undirected pair (lower index first).
    var pairs: [UInt64: (out: Int, inbound: Int, replies: Int, first: Day?, last: Day?)] = [:]
    for (key, d) in e.directed.sorted(by: { $0.key < $1.key }) {
      let a = Int32(truncatingIfNeeded: key >> 32)
      let b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
      if d.count == 0 { continue }
      if isOwner.contains(a) && isOwner.contains(b) { continue }
      if let owner, isOwner.contains(a) || isOwner.contains(b) {
        let other = isOwner.contains(a) ? b : a
        guard let p = person(other) else { continue }
        if resolver.addEvents(
          owner: owner, person: p, count: d.count, first: d.first, last: d.last, outgoing: isOwner.contains(a),
          sourceKind: e.kind, file: source)
        {
          e.summary.ownerTies += 1
        }
        continue
      }
      let k = MailEvidence.pair(min(a, b), max(a, b))
      var v = pairs[k] ?? (0, 0, 0, nil, nil)
      if a < b { v.out += d.count } else { v.inbound += d.count }
      v.replies += d.replies
      if let f = d.first { v.first = min(v.first ?? f, f) }
      if let l = d.last { v.last = max(v.last ?? l, l) }
      pairs[k] = v
    }
    let coKind = e.kind == "calendar" ? "co-attendee" : "co-recipient"
    for key in Set(pairs.keys).union(e.shared.keys).sorted() {
      let a = Int32(truncatingIfNeeded: key >> 32)
      let b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
      if isOwner.contains(a) || isOwner.contains(b) { continue }
      guard let pa = person(a), let pb = person(b), pa != pb else { continue }
      var evidence = TieEvidence(source: source)
      let s = e.shared[key]
      if let d = pairs[key] {
        evidence.interactions = d.out + d.inbound
        evidence.interactionsOut = d.out
        evidence.interactionsIn = d.inbound
        evidence.since = d.first
        evidence.lastContact = d.last
        evidence.kind = s == nil ? e.kind : e.kind + "+" + coKind
      } else if let s {
        // Only copied together: a strength from the weight, never strong alone.
        evidence.strength = max(0.001, min(0.5, 0.5 * (1 - pow(0.5, s.weight))))
        evidence.kind = e.kind + ":" + coKind
        evidence.since = s.first
        evidence.lastContact = s.last
      }
      if (try? builder.addTie(pa, pb, evidence: evidence)) != nil { e.summary.ties += 1 }
    }
    report.mail = e.summary
  }
}
