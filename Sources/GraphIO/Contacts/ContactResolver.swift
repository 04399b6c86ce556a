import GraphCore

/// Options for contact exports: whose they are, and what may be inferred.
public struct ContactOptions: Sendable, Equatable {
  /// Owner of every export given without `OWNER=PATH` (else the file stem, or
  /// the folder name for LinkedIn's fixed file names).
  public var owner: String?
  /// Infer ties among contacts (same company, email domain, labels, several
  /// owners, co-participation). `--no-infer` turns it off.
  public var infer = true
  /// Companies, domains and labels with more people than this are not used
  /// for inference (a shared employer of thousands says little).
  public var maxGroupSize = 50
  /// Two contacts are inferred to know each other when they appear together
  /// in at least this many owners' exports. Two is too few in a large team:
  /// two members with a thousand contacts each share dozens by chance, and
  /// every pair of those would be inferred (1.46 M ties for 50 members).
  public var minSharedOwners = 3
  /// Messages and meetings with more participants than this are not used for
  /// co-participation.
  public var maxParticipants = 20
  /// Inferred ties below this confidence are not kept (with the defaults, a
  /// shared company or domain of more than 20 people infers nothing).
  public var minConfidence = 0.1
  /// Pairs of stable keys (`PersonTable.stableKey(of:)`) that name two
  /// people (`different` corrections, `NetworkCorrections.keptApart`): a
  /// record is never merged into a person when one of the record's keys
  /// (`url:`, `email:`; `id:` and its name when it has neither) and one of
  /// the person's (`url:`, each `email:`, `id:`) form such a pair.
  public var keptApart: [PersonKeyPair] = []
  public init() {}
}

/// Turns contact records from many exports into people and ties: identity
/// resolution (profile URL › email › name + company), owners, owner → contact
/// evidence, and inferred ties among contacts.
///
/// Records are resolved one at a time as they stream in; owners are resolved
/// after every file has been read, so the order of files does not matter.
///
/// - Complexity: O(records · key length) expected for resolution; inference is
///   O(Σ g²) over the groups it uses, each capped at `maxGroupSize`.
struct ContactResolver {
  var options: ContactOptions
  var identity = IdentityReport()
  /// Ids of the people the record being added could also be (`noteAmbiguous`).
  private var pendingAmbiguous: [String] = []
  /// `options.keptApart`, normalised, and every key it names.
  private let apart: KeptApartKeys

  /// Profile URL key → the first person with it.
  private var byURL = ByteKeyTable()
  /// Email key → the first person with it.
  private var byEmail = ByteKeyTable()
  /// What `warm` loaded, kept only so that its loads are not optimised away.
  private var warmed: UInt64 = 0
  private var names = NameIndexes()
  /// Each person's profile URL as its entry in `byURL` (-1 when none), indexed by person.
  private var urlOf: [Int32] = []
  /// People created or indexed without a profile URL. While there are none,
  /// a record whose URL is new cannot match anyone by name and company (every
  /// candidate would have another URL), so `add` skips the name lookup.
  private var peopleWithoutURL = 0
  private var keyCounters: [String: Int] = [:]

  /// What inference needs to know about a contact.
  struct ContactInfo {
    var person: PersonID
    /// The first company a record gave, as written; `company` is its key,
    /// made when ties are inferred (`inferTies`), only then.
    var companyAsWritten = ""
    var company = ""
    var domains: [String] = []
    var labels: [String] = []
    /// The owners whose exports list the contact (the first inline: most
    /// contacts have one owner, and that costs no allocation).
    var firstOwner: Int32 = -1
    var otherOwners: [Int32] = []
    var ownerCount: Int { firstOwner < 0 ? 0 : 1 + otherOwners.count }
    var owners: [Int32] { firstOwner < 0 ? [] : [firstOwner] + otherOwners }
    mutating func addOwner(_ o: Int32) -> Bool {
      if firstOwner < 0 {
        firstOwner = o
        return true
      }
      if firstOwner == o || otherOwners.contains(o) { return false }
      otherOwners.append(o)
      return true
    }
  }
  /// Contacts in the order they were first listed.
  var contacts: [ContactInfo] = []
  /// Each person's index in `contacts` (-1 when not a contact), indexed by person.
  private var contactSlot: [Int32] = []

  /// Whether `p` is listed in `owner`'s exports.
  func isContact(_ p: PersonID, of owner: Int) -> Bool {
    guard Int(p) < contactSlot.count, contactSlot[Int(p)] >= 0 else { return false }
    let c = contacts[Int(contactSlot[Int(p)])]
    return c.firstOwner == Int32(owner) || c.otherOwners.contains(Int32(owner))
  }

  struct OwnerSpec {
    var owner: String
    var files: [String] = []
    /// The owner's name as their own messages show it.
    var selfName: String?
    var hasLog = false
    /// Number of people the owner's exports list.
    var contactCount = 0
  }
  private(set) var owners: [OwnerSpec] = []
  private var ownerIndex: [String: Int] = [:]

  struct OwnerTie {
    var owner: Int32
    var person: PersonID
    var connectedOn: Day?
    var firstEvent: Day?
    var lastEvent: Day?
    var out: Int32 = 0
    var inbound: Int32 = 0
    /// Bit i: `sourceKinds[i]` gave evidence for the tie.
    var sources: UInt32 = 0
    /// The person's next owner tie (-1: none): each person's ties form a
    /// list from `tieHead`, short since few owners share a contact.
    var next: Int32 = -1
  }
  /// The kinds of source (`linkedin`, `google` …) seen, for `OwnerTie.sources`.
  private var sourceKinds: [String] = []

  private mutating func sourceBit(_ kind: String) -> UInt32 {
    if kind == lastSourceKind.kind { return lastSourceKind.bit }
    let bit = newSourceBit(kind)
    lastSourceKind = (kind, bit)
    return bit
  }
  private var lastSourceKind = (kind: "", bit: UInt32(0))

  private mutating func newSourceBit(_ kind: String) -> UInt32 {
    if let i = sourceKinds.firstIndex(of: kind) { return 1 << UInt32(i) }
    precondition(sourceKinds.count < 32, "more than 32 kinds of contact source")
    sourceKinds.append(kind)
    return 1 << UInt32(sourceKinds.count - 1)
  }
  /// Each person's first owner tie in `ownerTieList` (-1: none), indexed by person.
  private var tieHead: [Int32] = []
  private var ownerTieList: [OwnerTie] = []

  /// Groups of people seen together in a message or meeting.
  private(set) var coParticipation: [UInt64: Int] = [:]
  /// vCard `RELATED` values to resolve at the end.
  private var related: [(person: PersonID, value: String, file: String)] = []

  init(options: ContactOptions) {
    self.options = options
    apart = KeptApartKeys(options.keptApart)
  }

  // MARK: Indexing people from tables

  /// Indexes every person already in `builder` (people tables) by URL, email and name.
  mutating func indexExisting(_ builder: GraphBuilder) {
    for i in 0..<builder.personCount {
      let p = PersonID(i)
      let a = builder.attributes(of: p)
      if !a.profileURL.isEmpty { index(url: Identity.normalizeProfileURL(a.profileURL), p) }
      if a.profileURL.isEmpty { peopleWithoutURL += 1 }
      for e in a.emails { index(email: Identity.normalizeEmail(e), p) }
      names.add(p, name: a.name, company: a.company)
    }
  }

  private mutating func index(url: String, _ p: PersonID) {
    guard !url.isEmpty else { return }
    let e = byURL.insert(url, value: p).entry
    grow(&urlOf, to: Int(p) + 1)
    if urlOf[Int(p)] < 0 { urlOf[Int(p)] = Int32(e) }
  }

  /// `p`'s profile URL entry in `byURL`, or -1.
  private func profileURLEntry(of p: PersonID) -> Int32 {
    Int(p) < urlOf.count ? urlOf[Int(p)] : -1
  }

  private mutating func index(email: String, _ p: PersonID) {
    guard !email.isEmpty else { return }
    byEmail.insert(email, value: p)
  }

  /// Pads a per-person column with -1 up to `n` entries.
  private func grow(_ column: inout [Int32], to n: Int) {
    if column.count == n - 1 {
      column.append(-1)
    } else if column.count < n {
      column.append(contentsOf: repeatElement(-1, count: n - column.count))
    }
  }

  /// Makes room for about `n` more contacts (from a file's size), so the
  /// indexes do not grow step by step through a large export.
  mutating func reserve(contacts n: Int, owner: Int, builder: inout GraphBuilder) {
    guard n > 1024 else { return }
    builder.reservePeople(n)
    byURL.reserveCapacity(n, bytesPerKey: 40)
    ownerTieList.reserveGrowing(ownerTieList.count + n)
    contacts.reserveGrowing(contacts.count + n)
    let people = builder.personCount + n
    names.reserve(names: n, people: people)
    urlOf.reserveGrowing(people)
    tieHead.reserveGrowing(people)
    contactSlot.reserveGrowing(people)
  }

  // MARK: Owners

  /// The owner index for `owner`, registering `file` with it.
  mutating func owner(_ owner: String, file: String) -> Int {
    if let i = ownerIndex[owner] {
      if !owners[i].files.contains(file) { owners[i].files.append(file) }
      return i
    }
    ownerIndex[owner] = owners.count
    owners.append(OwnerSpec(owner: owner, files: [file]))
    return owners.count - 1
  }

  // MARK: Records

  /// Resolves one contact record of `owner`'s export to a person, creating or
  /// merging, and records the owner → contact evidence.
  /// - Returns: whether the record became a new person (else it was merged).
  @discardableResult
  mutating func add(
    _ r: ContactRecord, file: String, owner: Int, sourceKind: String, builder: inout GraphBuilder
  ) -> (person: PersonID, isNew: Bool) {
    add(PreparedContact(r), file: file, owner: owner, sourceKind: sourceKind, builder: &builder)
  }

  /// Brings into cache the slots that `add` will probe first for records
  /// whose URL keys have these hashes: the URL index's and the builder's ids'
  /// (a new contact's id is its URL key). An import calls it a few dozen
  /// records ahead (`Pipeline`'s `warm`), so that the two cache misses per
  /// record at a million people overlap instead of stalling one by one.
  /// (`builder` is `inout` only so that it is not copied.)
  mutating func warm(urlHashes: UnsafeBufferPointer<UInt64>, builder: inout GraphBuilder) {
    warmed &+= byURL.touch(hashes: urlHashes) &+ builder.touchPeople(hashes: urlHashes)
  }

  /// `add` for a record prepared beforehand (on an import pipeline's worker).
  mutating func add(
    _ c: consuming PreparedContact, file: String, owner: Int, sourceKind: String, builder: inout GraphBuilder
  ) -> (person: PersonID, isNew: Bool) {
    identity.contactRecords += 1
    pendingAmbiguous.removeAll(keepingCapacity: true)
    let (urlKey, emailKeys, matchingName, company) = (c.urlKey, c.emailKeys, c.matchingName, c.company)
    // Name keys cost more than the rest of a row: made only when needed.
    var keys: (name: String, company: String)?
    func nameKeys() -> (name: String, company: String) {
      if let keys { return keys }
      let made = (Identity.nameKey(matchingName), Identity.companyKey(company))
      keys = made
      return made
    }
    let line = c.line
    func recordPlace() -> String { "\(file):\(line)" }
    // `different` corrections: whether this record must not become `p`
    // (each person kept apart noted once per record).
    var notedApart: [PersonID] = []
    let apartKeys = apart.isEmpty ? [] : apart.recordKeys(url: urlKey, emails: emailKeys, shown: c.shown)
    let shownApart = apartKeys.isEmpty ? "" : c.shown
    func keptApart(_ p: PersonID) -> Bool {
      guard !apartKeys.isEmpty, apart.separates(apartKeys, p, builder) else { return false }
      if !notedApart.contains(p) {
        notedApart.append(p)
        noteKeptApart(recordPlace(), shownApart, builder.key(of: p))
      }
      return true
    }

    var found: PersonID?
    var by = ""
    var key = ""
    // The URL's entry in `byURL` (-1: no URL), made now when the URL is new
    // (one probe, not a lookup and then an insertion); its person is set below.
    var urlEntry: Int32 = -1
    var urlIsNew = false
    if !urlKey.isEmpty {
      let (e, inserted) = byURL.insert(urlKey, hash: c.urlHash, value: -1)
      urlEntry = Int32(e)
      urlIsNew = inserted
    }
    if urlEntry >= 0 && !urlIsNew {
      let p = byURL[entry: Int(urlEntry)]
      // The same name as written (a re-export, a second owner's copy) needs no keys.
      let knownName = builder.name(of: p)
      if keptApart(p) {
        // Kept apart by a correction (noted there): not this person.
      } else if knownName == c.shown
        || Self.sameGivenName(keys?.name ?? Identity.nameKey(matchingName), Identity.nameKey(knownName))
      {
        found = p
        by = "profileURL"
        key = String(urlKey)
      } else {
        noteAmbiguous(
          recordPlace(), c.shown, [builder.key(of: p)], "same profile URL \(urlKey) but a different name; kept apart")
      }
    }
    if found == nil {
      for e in emailKeys {
        guard let p = byEmail.value(e), !keptApart(p) else { continue }
        if !urlKey.isEmpty, profileURLEntry(of: p) >= 0, profileURLEntry(of: p) != urlEntry {
          noteAmbiguous(recordPlace(), c.shown, [builder.key(of: p)], "same email \(e) but a different profile URL")
          continue
        }
        found = p
        by = "email"
        key = e
        break
      }
    }
    // By name and company. The candidates are people without a profile URL
    // or with this one; when the URL is new and everyone known has a URL,
    // there are none, and the lookup (which would index every queued name) is skipped.
    var looked = false
    if found == nil, urlKey.isEmpty || !urlIsNew || peopleWithoutURL > 0 {
      looked = true
      let (nameKey, companyKey) = nameKeys()
      let nameCompanyKey = NameIndexes.nameCompanyKey(nameKey, companyKey)
      if !nameCompanyKey.isEmpty {
        let candidates = names.people(nameAndCompany: nameCompanyKey).filter { p in
          (urlKey.isEmpty || profileURLEntry(of: p) < 0 || profileURLEntry(of: p) == urlEntry) && !keptApart(p)
        }
        if candidates.count == 1 {
          found = candidates[0]
          by = "nameAndCompany"
          key = nameKey + " | " + companyKey
        } else if candidates.count > 1 {
          noteAmbiguous(
            recordPlace(), c.shown, candidates.map { builder.key(of: $0) },
            "\(TextFormat.count(candidates.count, "person", plural: "people")) share the name and company \"\(nameKey) | \(companyKey)\""
          )
        }
      }
    }

    let person: PersonID
    let isNew: Bool
    if let p = found {
      person = p
      isNew = false
      switch by {
      case "profileURL": identity.mergedByProfileURL += 1
      case "email": identity.mergedByEmail += 1
      default: identity.mergedByNameAndCompany += 1
      }
      if identity.merges.count < IdentityReport.listLimit {
        identity.merges.append(
          .init(record: recordPlace(), person: builder.key(of: p), name: c.shown, by: by, key: key))
      } else {
        identity.mergesNotListed += 1
      }
    } else {
      if !urlKey.isEmpty {
        person = newPerson(urlKey: urlKey, hash: c.urlHash, &builder)
      } else {
        person = newPerson(emailKeys.first ?? (c.shown.isEmpty ? "contact" : c.shown), &builder)
      }
      isNew = true
      identity.newPeople += 1
      if urlKey.isEmpty { peopleWithoutURL += 1 }
    }
    if !pendingAmbiguous.isEmpty {
      let me = builder.key(of: person)
      for other in pendingAmbiguous where other != me {
        identity.ambiguousPairs.append(.init(person: me, other: other))
      }
    }
    if urlIsNew { byURL[entry: Int(urlEntry)] = person }
    if urlEntry >= 0 {
      grow(&urlOf, to: Int(person) + 1)
      if urlOf[Int(person)] < 0 { urlOf[Int(person)] = urlEntry }
    }
    for e in emailKeys { index(email: e, person) }
    if looked {
      let (nameKey, companyKey) = nameKeys()
      names.add(person, nameKey: nameKey, nameCompanyKey: NameIndexes.nameCompanyKey(nameKey, companyKey))
    } else {
      names.add(person, name: matchingName, company: company, nameHash: c.nameHash)
    }
    // What inference needs.
    grow(&contactSlot, to: Int(person) + 1)
    if contactSlot[Int(person)] < 0 {
      contactSlot[Int(person)] = Int32(contacts.count)
      contacts.append(ContactInfo(person: person))
    }
    let slot = Int(contactSlot[Int(person)])
    if contacts[slot].companyAsWritten.isEmpty { contacts[slot].companyAsWritten = company }
    for e in emailKeys {
      if let d = Identity.emailDomain(e), !Identity.freemailDomains.contains(d), !contacts[slot].domains.contains(d) {
        contacts[slot].domains.append(d)
      }
    }
    for l in c.labels {
      let k = Identity.nameKey(l)
      if !k.isEmpty && !contacts[slot].labels.contains(k) { contacts[slot].labels.append(k) }
    }
    if contacts[slot].addOwner(Int32(owner)) {
      owners[owner].contactCount += 1
      if contacts[slot].ownerCount == 2 { identity.peopleInSeveralExports += 1 }
    }
    // Owner → contact evidence.
    let t = ownerTie(owner: owner, person: person)
    if let d = c.connectedOn { ownerTieList[t].connectedOn = min(ownerTieList[t].connectedOn ?? d, d) }
    ownerTieList[t].sources |= sourceBit(sourceKind)
    for value in c.related { related.append((person, value, file)) }
    // Last, so that the record's strings move into the network's columns
    // (a swap each) instead of being copied and the copies released.
    var last = consume c
    builder.setAttributes(
      person,
      GraphBuilder.PersonAttributes(
        name: PreparedContact.take(&last.shown), emails: PreparedContact.take(&last.emails), company: company,
        title: PreparedContact.take(&last.title), tags: PreparedContact.take(&last.labels),
        profileURL: PreparedContact.take(&last.profileURL)),
      overwrite: isNew)
    return (person, isNew)
  }

  /// The tie of `owner` to `person` in `ownerTieList`, or -1.
  private func findOwnerTie(owner: Int, person: PersonID) -> Int {
    Self.findOwnerTie(owner: owner, person: person, heads: tieHead, ties: ownerTieList)
  }

  /// `findOwnerTie` on the two arrays alone: called from a `mutating` method,
  /// an instance method would be handed a copy of the whole resolver.
  private static func findOwnerTie(owner: Int, person: PersonID, heads: [Int32], ties: [OwnerTie]) -> Int {
    var t = Int(person) < heads.count ? Int(heads[Int(person)]) : -1
    while t >= 0 {
      if ties[t].owner == Int32(owner) { return t }
      t = Int(ties[t].next)
    }
    return -1
  }

  private mutating func ownerTie(owner: Int, person: PersonID) -> Int {
    let found = Self.findOwnerTie(owner: owner, person: person, heads: tieHead, ties: ownerTieList)
    if found >= 0 { return found }
    grow(&tieHead, to: Int(person) + 1)
    var tie = OwnerTie(owner: Int32(owner), person: person)
    tie.next = tieHead[Int(person)]
    tieHead[Int(person)] = Int32(ownerTieList.count)
    ownerTieList.append(tie)
    return ownerTieList.count - 1
  }

  private mutating func noteAmbiguous(_ record: String, _ name: String, _ candidates: [String], _ reason: String) {
    pendingAmbiguous += candidates
    if identity.ambiguous.count < IdentityReport.listLimit {
      identity.ambiguous.append(.init(record: record, name: name, candidates: candidates, reason: reason))
    } else {
      identity.ambiguousNotListed += 1
    }
  }

  /// Records that a record was not merged into `person` because a
  /// `different` correction keeps them apart: listed among the ambiguous
  /// records with that reason, but not among `ambiguousPairs` (they are
  /// known to be two people, so nothing keeps them from being introduced).
  private mutating func noteKeptApart(_ record: String, _ name: String, _ person: String) {
    identity.keptApartByCorrection += 1
    if identity.ambiguous.count < IdentityReport.listLimit {
      identity.ambiguous.append(
        .init(record: record, name: name, candidates: [person], reason: "kept apart by a `different` correction"))
    } else {
      identity.ambiguousNotListed += 1
    }
  }

  /// A new person whose id is `base`, or `base (2)`, `base (3)` … when taken.
  private mutating func newPerson(_ base: String, _ builder: inout GraphBuilder) -> PersonID {
    let (p, inserted) = builder.insertPerson(key: base)
    if inserted { return p }
    var n = keyCounters[base, default: 1]
    while true {
      n += 1
      let (p, inserted) = builder.insertPerson(key: "\(base) (\(n))")
      if inserted {
        keyCounters[base] = n
        return p
      }
    }
  }

  /// `newPerson` for a profile URL's key, its hash made beforehand (no string
  /// made for the id unless it is taken).
  private mutating func newPerson(urlKey: Substring, hash: UInt64, _ builder: inout GraphBuilder) -> PersonID {
    let (p, inserted) = builder.insertPerson(key: urlKey, hash: hash)
    return inserted ? p : newPerson(String(urlKey), &builder)
  }

  /// The name used for matching: given + family when both exist, else the formatted name.
  static func matchingName(_ r: ContactRecord) -> String {
    if !r.givenName.isEmpty && !r.familyName.isEmpty { return r.givenName + " " + r.familyName }
    if !r.fullName.isEmpty { return r.fullName }
    return [r.givenName, r.middleName, r.familyName].filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// Whether two name keys can be one person's: either is empty, or their
  /// first words agree (one may be the other's initial). A profile URL shared
  /// by "Lauren Robinson" and "Lily Robinson" is a data error, not a merge.
  static func sameGivenName(_ a: String, _ b: String) -> Bool {
    guard let x = a.split(separator: " ").first, let y = b.split(separator: " ").first else { return true }
    return x == y || (x.count == 1 && y.hasPrefix(x)) || (y.count == 1 && x.hasPrefix(y))
  }

  /// Profile URLs identify a person; other web pages (a company site) do not.
  static func isProfileURL(_ url: String) -> Bool {
    hasPrefix(url, linkedInProfilePrefix) || url.hasBytes("linkedin.com/in/", ignoringASCIICase: true)
      || url.hasBytes("xing.com/profile/", ignoringASCIICase: true)
  }

  /// How LinkedIn writes every profile URL in `Connections.csv`.
  static let linkedInProfilePrefix: StaticString = "https://www.linkedin.com/in/"

  /// Whether `url` is a LinkedIn profile URL as LinkedIn writes it, with no
  /// `:` or `\` after the scheme (so nothing to split as a Google
  /// multi-value or to unescape): a byte comparison and one word-wise scan.
  static func isPlainLinkedInProfileURL(_ url: String) -> Bool {
    guard hasPrefix(url, linkedInProfilePrefix) else { return false }
    return url.withUTF8Bytes { b in
      guard let base = b.baseAddress else { return false }
      let n = linkedInProfilePrefix.utf8CodeUnitCount
      return ByteScan.first(base, from: n, to: b.count, UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: ":"))
        == b.count
    }
  }

  /// Whether `s` starts with `prefix`, byte for byte.
  static func hasPrefix(_ s: String, _ prefix: StaticString) -> Bool {
    s.withUTF8Bytes { b in
      let n = prefix.utf8CodeUnitCount
      guard b.count >= n else { return false }
      for i in 0..<n where b[i] != prefix.utf8Start[i] { return false }
      return true
    }
  }

  // MARK: Interactions

  /// Finds the person a message or meeting names: profile URL, email or id,
  /// else a name that is unique (among the owner's contacts first).
  mutating func resolveParticipant(
    name: String, url: String, owner: Int, builder: inout GraphBuilder, create: Bool
  ) -> PersonID? {
    let urlKey = Self.isProfileURL(url) ? Identity.normalizeProfileURL(url) : ""
    if !urlKey.isEmpty, let p = byURL.value(urlKey) { return p }
    let trimmed = Identity.trim(name)
    if Identity.isEmail(trimmed), let p = byEmail.value(Identity.normalizeEmail(trimmed)) { return p }
    if Self.isProfileURL(trimmed), let p = byURL.value(Identity.normalizeProfileURL(trimmed)) { return p }
    if let p = builder.existingPerson(key: trimmed) { return p }
    let nameKey = Identity.nameKey(trimmed)
    let candidates = nameKey.isEmpty ? [] : names.people(name: nameKey)
    if !candidates.isEmpty {
      let own = candidates.filter { isContact($0, of: owner) }
      if own.count == 1 { return own[0] }
      if candidates.count == 1 { return candidates[0] }
      return nil
    }
    guard create, !trimmed.isEmpty || !urlKey.isEmpty else { return nil }
    let p = newPerson(urlKey.isEmpty ? trimmed : urlKey, &builder)
    identity.newPeople += 1
    if urlKey.isEmpty { peopleWithoutURL += 1 }
    builder.setAttributes(
      p,
      .init(
        name: trimmed, emails: Identity.isEmail(trimmed) ? [trimmed] : [],
        profileURL: urlKey.isEmpty ? "" : url))
    index(url: urlKey, p)
    if Identity.isEmail(trimmed) { index(email: Identity.normalizeEmail(trimmed), p) }
    names.add(p, nameKey: nameKey, nameCompanyKey: "")
    return p
  }

  /// Records one interaction between `owner` and `person`.
  /// - Returns: whether it started a new owner → person tie.
  mutating func addEvent(
    owner: Int, person: PersonID, date: Day?, outgoing: Bool?, sourceKind: String, file: String
  ) -> Bool {
    owners[owner].hasLog = true
    let isNew = findOwnerTie(owner: owner, person: person) < 0
    let t = ownerTie(owner: owner, person: person)
    // Counts saturate (Int32) rather than trap, whatever a log holds.
    @inline(__always) func count(_ n: inout Int32) { if n < .max { n += 1 } }
    switch outgoing {
    case .some(true): count(&ownerTieList[t].out)
    case .some(false): count(&ownerTieList[t].inbound)
    case .none:
      count(&ownerTieList[t].out)
      count(&ownerTieList[t].inbound)
    }
    if let date {
      ownerTieList[t].firstEvent = min(ownerTieList[t].firstEvent ?? date, date)
      ownerTieList[t].lastEvent = max(ownerTieList[t].lastEvent ?? date, date)
    }
    ownerTieList[t].sources |= sourceBit(sourceKind)
    return isNew
  }

  /// Records `count` interactions between `owner` and `person` at once (a
  /// mailbox's messages to one person), dated from `first` to `last`.
  /// - Returns: whether it started a new owner → person tie.
  mutating func addEvents(
    owner: Int, person: PersonID, count: Int, first: Day?, last: Day?, outgoing: Bool?, sourceKind: String,
    file: String
  ) -> Bool {
    guard count > 0 else { return false }
    let isNew = addEvent(
      owner: owner, person: person, date: first, outgoing: outgoing, sourceKind: sourceKind, file: file)
    let t = findOwnerTie(owner: owner, person: person)
    let more = Int32(clamping: count - 1)
    switch outgoing {
    case .some(true):
      ownerTieList[t].out =
        ownerTieList[t].out.addingReportingOverflow(more).overflow ? .max : ownerTieList[t].out + more
    case .some(false):
      ownerTieList[t].inbound =
        ownerTieList[t].inbound.addingReportingOverflow(more).overflow ? .max : ownerTieList[t].inbound + more
    case .none: break
    }
    if let last { ownerTieList[t].lastEvent = max(ownerTieList[t].lastEvent ?? last, last) }
    return isNew
  }

  /// Records that these people took part in one message or meeting together.
  mutating func addCoParticipation(_ people: [PersonID]) {
    let group = Array(Set(people)).sorted()
    guard group.count >= 2, group.count <= options.maxParticipants else { return }
    for i in 0..<group.count {
      for j in (i + 1)..<group.count { coParticipation[Self.pairKey(group[i], group[j]), default: 0] += 1 }
    }
  }

  static func pairKey(_ a: PersonID, _ b: PersonID) -> UInt64 {
    let (x, y) = a < b ? (a, b) : (b, a)
    return UInt64(UInt32(bitPattern: x)) << 32 | UInt64(UInt32(bitPattern: y))
  }

  mutating func setSelfName(owner: Int, _ name: String) {
    if owners[owner].selfName == nil { owners[owner].selfName = name }
  }

  // MARK: Finishing

  /// Resolves owners to people and adds every owner → contact tie, the
  /// `RELATED` ties, and (unless turned off) the inferred ties.
  /// - Throws: when an owner's name matches several people.
  mutating func finish(builder: inout GraphBuilder) throws(ImportError) {
    var ownerPerson: [PersonID] = []
    // Every owner is tried before any ambiguous one is reported, so that a
    // loader setting their files aside reads the rest again once, not once per owner.
    var ambiguous: [ImportError] = []
    for (i, spec) in owners.enumerated() {
      let p: PersonID
      let how: String
      do { (p, how) = try resolveOwner(i, builder: &builder) } catch {
        ambiguous.append(error)
        continue
      }
      ownerPerson.append(p)
      identity.owners.append(
        .init(
          owner: spec.owner, person: builder.key(of: p), name: builder.attributes(of: p).name, files: spec.files,
          resolvedBy: how, contacts: spec.contactCount))
    }
    if var first = ambiguous.first {
      first.others = Array(ambiguous.dropFirst())
      throw first
    }
    builder.reserveTies(ownerTieList.count + related.count)
    // Per owner and per set of source kinds, made once (a million ties share a handful).
    let ownerNames = owners.map(\.owner)
    let ownerHasLog = owners.map(\.hasLog)
    var kindNames: [UInt32: String] = [:]
    var last: (sources: UInt32, owner: Int32) = (0, -1)
    // One evidence value for all ties: its strings change only with the
    // owner or the source kinds (not re-made and released a million times).
    var e = TieEvidence()
    for i in ownerTieList.indices {
      let t = ownerTieList[i]
      switch (t.connectedOn, t.firstEvent) {
      case (let a?, let b?): e.since = min(a, b)
      case (let a?, nil): e.since = a
      case (nil, let b): e.since = b
      }
      e.lastContact = t.lastEvent
      if ownerHasLog[Int(t.owner)] {
        e.interactions = Int(t.out) + Int(t.inbound)
        e.interactionsOut = Int(t.out)
        e.interactionsIn = Int(t.inbound)
      } else {
        (e.interactions, e.interactionsOut, e.interactionsIn) = (nil, nil, nil)
      }
      if t.sources != last.sources || e.kind == nil {
        e.kind =
          kindNames[t.sources]
          ?? {
            let name = sourceKinds.indices.filter { t.sources & (1 << UInt32($0)) != 0 }.map { sourceKinds[$0] }
              .sorted()
              .joined(separator: "+")
            kindNames[t.sources] = name
            return name
          }()
        last.sources = t.sources
      }
      if t.owner != last.owner {
        e.source = ownerNames[Int(t.owner)]
        last.owner = t.owner
      }
      _ = try? builder.addTie(ownerPerson[Int(t.owner)], t.person, evidence: e)
    }
    for (p, value, _) in related {
      let isURI = value.contains(":") && !value.contains(" ")
      let name = value.hasPrefix("mailto:") ? String(value.dropFirst(7)) : value
      let q = resolveParticipant(
        name: isURI && !value.hasPrefix("mailto:") ? "" : name, url: isURI ? value : "", owner: 0, builder: &builder,
        create: false)
      if let q, q != p { _ = try? builder.addTie(p, q, evidence: TieEvidence(kind: "related", source: "vcard")) }
    }
    if options.infer { inferTies(builder: &builder) }
  }

  private mutating func resolveOwner(_ i: Int, builder: inout GraphBuilder) throws(ImportError) -> (PersonID, String) {
    let spec = owners[i]
    let s = Identity.trim(spec.owner)
    if let p = builder.existingPerson(key: s), !isContact(p, of: i) || spec.contactCount == 1 {
      return (p, "id")
    }
    if Self.isProfileURL(s), let p = byURL.value(Identity.normalizeProfileURL(s)) { return (p, "profileURL") }
    if Identity.isEmail(s), let p = byEmail.value(Identity.normalizeEmail(s)) { return (p, "email") }
    let spaced = String(s.map { $0 == "-" || $0 == "_" || $0 == "." ? " " : $0 })
    var ownerNames = [Identity.nameKey(spaced)]
    if let selfName = spec.selfName { ownerNames.append(Identity.nameKey(selfName)) }
    var candidates: [PersonID] = []
    for n in ownerNames where !n.isEmpty {
      for p in names.peopleScanning(name: n) where !isContact(p, of: i) && !candidates.contains(p) {
        candidates.append(p)
      }
    }
    if candidates.count == 1 { return (candidates[0], "name") }
    if candidates.count > 1 {
      // Same name: the one already tied (in a ties table) to most of this export's contacts.
      var counts = [Int](repeating: 0, count: candidates.count)
      builder.forEachTieRow { a, b in
        if let c = candidates.firstIndex(of: a), isContact(b, of: i) { counts[c] += 1 }
        if let c = candidates.firstIndex(of: b), isContact(a, of: i) { counts[c] += 1 }
      }
      let best = counts.max() ?? 0
      if best > 0, counts.filter({ $0 == best }).count == 1, let i = counts.firstIndex(of: best) {
        return (candidates[i], "name, and ties to \(best) of the export's contacts")
      }
      throw ImportError(
        file: spec.files.first ?? s, line: 0, column: 0,
        message:
          "the owner \"\(s)\" matches \(TextFormat.count(candidates.count, "person", plural: "people")) (\(candidates.prefix(5).map { builder.key(of: $0) }.joined(separator: ", ")))",
        hints: [.nameTheOwner])
    }
    let p = newPerson(s.isEmpty ? "owner" : s, &builder)
    identity.newPeople += 1
    let display = spec.selfName ?? Self.prettyName(spaced)
    builder.setAttributes(p, .init(name: display))
    return (p, "new")
  }

  /// "mary-reed" → "Mary Reed" (only for all-lower-case stems).
  static func prettyName(_ s: String) -> String {
    guard s == s.lowercased() else { return s }
    return s.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
  }
}

extension String {
  func replacingSpaces() -> String { String(filter { $0 != " " && $0 != "_" && $0 != "-" }) }
}

/// What resolving a contact record needs: the record's fields in use, keys
/// normalised, names chosen. Made on the import pipeline's worker thread, so
/// the thread that merges does only the merging; lean, since each one is
/// copied out of its batch there.
struct PreparedContact: Sendable {
  var line: Int
  /// The first profile URL (LinkedIn, XING) as written, and its key.
  var profileURL: String
  /// A slice of `profileURL` when that is already in key form (`Identity.profileURLKeySlice`).
  var urlKey: Substring
  /// `ByteKeyTable.hash(urlKey)`, made on the worker (0 without a URL).
  var urlHash: UInt64
  var emails: [String]
  var emailKeys: [String]
  var matchingName: String
  /// `NameIndexes.asciiKeyHash(matchingName)` (0: not made).
  var nameHash: UInt64
  /// The current company as written.
  var company: String
  var title: String
  /// The name to show.
  var shown: String
  var labels: [String]
  var related: [String]
  var connectedOn: Day?
}

// The initialisers below are in an extension so that the memberwise one
// (parameters taken owned: values move in) stays.
extension PreparedContact {
  init(_ r: ContactRecord) {
    var copy = r
    self.init(moving: &copy)
  }

  /// Takes the fields it keeps out of `r` (swapped, not copied: no reference
  /// counting on the worker thread's hot path), leaving them empty there.
  /// Each stored property is assigned once, at the end, from locals: built
  /// field by field in place, the record was copied whole and the copy
  /// destroyed (some thirty reference-count operations a row).
  init(moving r: inout ContactRecord) {
    var profileURL = ""
    if let i = r.urls.firstIndex(where: ContactResolver.isProfileURL) { swap(&profileURL, &r.urls[i]) }
    let urlKey =
      profileURL.isEmpty
      ? "" : Identity.profileURLKeySlice(profileURL) ?? Substring(Identity.normalizeProfileURL(profileURL))
    let matchingName = ContactResolver.matchingName(r)
    // Usually the same text: made once.
    let plain =
      r.fullName.isEmpty && r.namePrefix.isEmpty && r.middleName.isEmpty && r.nameSuffix.isEmpty
      && !r.givenName.isEmpty && !r.familyName.isEmpty
    let shown = plain ? matchingName : r.displayName
    var company = ""
    if !r.companies.isEmpty { swap(&company, &r.companies[0]) }
    let emailKeys = r.emails.isEmpty ? [] : r.emails.map(Identity.normalizeEmail)
    self.init(
      line: r.line, profileURL: profileURL, urlKey: urlKey, urlHash: urlKey.isEmpty ? 0 : ByteKeyTable.hash(urlKey),
      emails: Self.take(&r.emails), emailKeys: emailKeys,
      matchingName: matchingName, nameHash: NameIndexes.asciiKeyHash(matchingName), company: company,
      title: Self.take(&r.title), shown: shown, labels: Self.take(&r.labels), related: Self.take(&r.related),
      connectedOn: r.connectedOn)
  }

  /// `value`, leaving it empty (a swap: no reference counting).
  @inline(__always)
  static func take<T: RangeReplaceableCollection>(_ value: inout T) -> T {
    var out = T()
    swap(&out, &value)
    return out
  }
}
