/// A problem at a place in a vCard file: 1-based line and byte column
/// (for a value, the column where the value starts), and what is wrong.
package struct VCardProblem: Sendable, Equatable, CustomStringConvertible {
  package var line: Int
  package var column: Int
  package var message: String

  package init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line:column: message`.
  package var description: String { "\(line):\(column): \(message)" }
}

/// What `VCardParser.next()` hands out: a usable card (with the problems
/// found inside it), or a card that cannot be used and why.
package enum VCardItem: Sendable, Equatable {
  /// A card as a `ContactRecord` (its `line` is the `BEGIN:VCARD` line).
  case card(ContactRecord, warnings: [VCardProblem])
  /// A card that cannot be used: it is truncated (no `END:VCARD`) or names
  /// nobody. `line` and `column` are where its `BEGIN:VCARD` is.
  case rejected(line: Int, column: Int, reason: String)
}

/// Streaming vCard 2.1 / 3.0 / 4.0 reader: one `ContactRecord` per card.
///
/// Reads the `ByteSource` in 64 KiB chunks and never holds the file: only
/// the current card's properties that map onto `ContactRecord` are kept
/// (each capped at `maxValueBytes`, a card at `maxCardBytes`; longer values
/// are truncated with a warning). `PHOTO`, `LOGO`, `SOUND` and `KEY` values
/// (base64, `data:` URIs, 2.1 base64 blocks on unindented lines) and every
/// property that is not mapped are streamed past without being stored.
///
/// Accepts what real writers produce: `BEGIN`/`END` and property names in
/// any case, blank lines anywhere, CRLF / LF / lone CR, a UTF-8 byte-order
/// mark, folded lines (line end + one space or tab, removed even inside a
/// word), `VERSION` anywhere in the card (properties are decoded at
/// `END:VCARD`, once the version is known), 2.1 quoted-printable with soft
/// line breaks and `CHARSET=` (UTF-8, ISO-8859-1, windows-1252; others read
/// as UTF-8 with a warning), 2.1 bare parameters (`TEL;WORK;VOICE:`), 3.0
/// `TYPE=a,b` and repeated `TYPE=`, 4.0 quoted lists (`TYPE="work,voice"`),
/// group prefixes (`item1.EMAIL`). Escapes follow the card's version: 3.0/4.0
/// `\,` `\;` `\\` `\n` `\N` and Google's `\:`; 2.1 only `\;` and `\,` (2.1
/// commas are plain text: Outlook 2003's `ORG:Company, The;Dept`). Input is
/// expected to be UTF-8 (`ByteSource` transcodes others); a value without
/// `CHARSET` that is not valid UTF-8 (quoted-printable from old phones) is
/// read as windows-1252 with a warning, and only under a declared UTF-8 or
/// unknown charset are invalid sequences replaced with U+FFFD, reported. No byte sequence makes it crash or
/// loop.
///
/// Mapping: `FN` → `fullName` (left empty when absent: `displayName` falls
/// back to the parts); `N` (Family;Given;Additional;Prefix;Suffix, or fewer
/// components) → the name parts; `NICKNAME`; `EMAIL` (preferred ones first:
/// `PREF=n`, `TYPE=pref`, 2.1 `;PREF`) → `emails`; every `ORG` → `companies`,
/// the first unit (else Roundcube's `X-DEPARTMENT`) → `department`; `TITLE`
/// (else `ROLE`) → `title`; `URL` and `X-SOCIALPROFILE;type=linkedin` →
/// `urls` (LinkedIn `/in/` profiles first);
/// `TEL` → `phones`; `CATEGORIES` → `labels`; `RELATED` → `related`; `BDAY`
/// as written → `birthday`; `NOTE` → `notes`; `UID` → `uid`. `mailto:` and
/// `tel:` prefixes are removed; values are trimmed; duplicates dropped.
/// Hostile text (quotes, markup, newlines from `\n`) is kept as data.
///
///     var vcf = try VCardParser(source: ByteSource(path: "contacts.vcf"), file: "contacts.vcf")
///     while let item = try vcf.next() {
///       if case .card(let contact, _) = item { print(contact.displayName) }
///     }
///
/// - Complexity: O(bytes) time; O(64 KiB + the current card's kept values)
///   memory, at most about `maxCardBytes`.
package struct VCardParser {
  /// The name used in messages.
  package let file: String
  var reader: VCardLineReader
  /// Cards per `VERSION` seen so far (`"2.1"`, `"3.0"`, `"4.0"`, `"unknown"`),
  /// rejected cards included.
  package private(set) var versions: [String: Int] = [:]
  /// Problems outside any card (text between cards, a stray `END:VCARD`);
  /// at most `maxProblems`, then one summary entry.
  package private(set) var problems: [VCardProblem] = []
  var strayProblemCount = 0
  /// A card started by a `BEGIN:VCARD` that cut the previous card short.
  var pendingCard: CardState?
  /// Most bytes held at once (read buffer + kept values): the memory bound, for tests.
  package var peakBufferedBytes: Int { max(reader.peak, peakCard) }
  var peakCard = 0

  /// Longest kept property value; longer ones are truncated with a warning.
  package static let maxValueBytes = 1 << 20
  /// Most value bytes kept for one card; later properties are dropped with a warning.
  package static let maxCardBytes = 4 << 20
  /// Most warnings kept per card (and problems outside cards).
  package static let maxProblems = 100

  /// The properties whose values are kept (everything else is streamed past).
  static let kept: Set<String> = [
    "FN", "N", "NICKNAME", "EMAIL", "ORG", "TITLE", "ROLE", "URL", "X-SOCIALPROFILE", "TEL", "CATEGORIES",
    "RELATED", "BDAY", "NOTE", "UID", "VERSION", "X-DEPARTMENT",
  ]
  /// Binary properties, streamed past with their base64 continuation lines.
  static let binary: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]
  /// Properties whose value only matters for structure (kept, tiny cap).
  static let structural: Set<String> = ["BEGIN", "END", "AGENT"]

  /// Opens a parser; skips a UTF-8 byte-order mark.
  /// - Parameters: `file` names the input in problems (usually its path).
  /// - Throws: `ImportError` when the first read fails.
  package init(source: ByteSource, file: String) throws(ImportError) {
    self.file = file
    reader = try VCardLineReader(source: source)
  }

  /// The card being read.
  struct CardState {
    var line: Int
    var column: Int
    var properties: [VCardProperty] = []
    var bytes = 0
    var version = ""
    var warnings: [VCardProblem] = []
    var droppedWarnings = 0
    /// Depth of an embedded 2.1 `AGENT` card being skipped.
    var embedded = 0
    /// The previous property was an `AGENT` with an empty value (an embedded card follows).
    var agentPending = false

    mutating func warn(_ line: Int, _ column: Int, _ message: String) {
      if warnings.count < VCardParser.maxProblems {
        warnings.append(VCardProblem(line: line, column: column, message: message))
      } else {
        droppedWarnings += 1
      }
    }
  }

  /// The next card, or nil at the end of the file.
  ///
  /// A problem that leaves the card usable (a truncated value, invalid
  /// UTF-8, an unknown charset, a line that is not a property) is listed in
  /// the card's warnings. A card that cannot be used is `.rejected`: no
  /// `END:VCARD` before the end of the file ("the file ends inside this card
  /// (truncated?)") or before the next `BEGIN:VCARD`, or a card naming nobody.
  /// - Throws: `ImportError` only when reading the file fails.
  /// - Complexity: O(bytes of the card and of anything before it).
  package mutating func next() throws(ImportError) -> VCardItem? {
    var card: CardState? = pendingCard
    pendingCard = nil
    while true {
      let inside = card != nil
      let budget = max(0, Self.maxCardBytes - (card?.bytes ?? 0))
      let skipping = (card?.embedded ?? 0) > 0
      guard
        let cl = try reader.next(mode: { h in
          VCardParser.mode(for: h.name, inside: inside, skipping: skipping, budget: budget)
        })
      else {
        guard let open = card else { return nil }
        count(version: open.version)
        return .rejected(line: open.line, column: open.column, reason: "the file ends inside this card (truncated?)")
      }
      if cl.isBlank && !cl.hasColon { continue }
      // Only the structural properties' values matter here (they are capped at 64 bytes).
      let structural = Self.structural.contains(cl.header.name) && cl.hasColon
      let value = structural ? VCardHeader.asciiString(cl.value[...]).uppercased() : ""
      let isBegin = cl.header.name == "BEGIN" && value == "VCARD"
      let isEnd = cl.header.name == "END" && value == "VCARD"
      guard var current = card else {
        if isBegin {
          card = CardState(line: cl.line, column: cl.column)
        } else {
          strayProblem(
            cl, isEnd ? "END:VCARD without a BEGIN:VCARD" : "text outside any BEGIN:VCARD … END:VCARD; ignored")
        }
        continue
      }
      defer { card = current }
      if current.embedded > 0 {
        if isBegin { current.embedded += 1 }
        if isEnd { current.embedded -= 1 }
        continue
      }
      if isBegin {
        if current.agentPending {
          current.embedded = 1
          current.agentPending = false
          current.warn(cl.line, cl.column, "embedded AGENT card skipped")
          continue
        }
        // The previous card never ended: reject it, and start this one on the next call.
        pendingCard = CardState(line: cl.line, column: cl.column)
        count(version: current.version)
        return .rejected(
          line: current.line, column: current.column,
          reason: "no END:VCARD before the next BEGIN:VCARD (line \(cl.line))")
      }
      if isEnd { return finish(current) }
      current.agentPending = cl.header.name == "AGENT" && cl.hasColon && value.isEmpty
      if !cl.hasColon {
        if cl.headerTooLong {
          current.warn(cl.line, cl.column, "a property name and parameters longer than 16 KiB; ignored")
        } else {
          current.warn(cl.line, cl.column, "not a property (no ':'); ignored")
        }
        continue
      }
      let name = cl.header.name
      guard Self.kept.contains(name) else { continue }
      if cl.discarded {
        current.warn(
          cl.valueLine, cl.valueColumn,
          "\(name) dropped: the card already holds \(Self.maxCardBytes >> 20) MiB of text")
        continue
      }
      var bytes = cl.value
      if cl.droppedBytes > 0 {
        // Cut at a UTF-8 character boundary.
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        current.warn(
          cl.valueLine, cl.valueColumn,
          "\(name) is \(cl.value.count + cl.droppedBytes) bytes long; kept the first \(bytes.count)")
      }
      if name == "VERSION" {
        current.version = VCardHeader.asciiString(bytes[...])
        continue
      }
      current.bytes += bytes.count
      current.properties.append(
        VCardProperty(header: cl.header, value: bytes, line: cl.valueLine, valueColumn: cl.valueColumn))
      peakCard = max(peakCard, current.bytes + reader.buffer.count)
    }
  }

  /// What to do with a value, from its property name and where it is.
  static func mode(for name: String, inside: Bool, skipping: Bool, budget: Int) -> VCardValueMode {
    if structural.contains(name) { return .keep(cap: 64) }
    if !inside || skipping { return .discard }
    if binary.contains(name) { return .discardBinary }
    if kept.contains(name) {
      if name == "VERSION" { return .keep(cap: 64) }
      return budget > 0 ? .keep(cap: min(maxValueBytes, budget)) : .discard
    }
    return .discard
  }

  mutating func count(version: String) {
    let key = ["2.1", "3.0", "4.0"].contains(version) ? version : "unknown"
    versions[key, default: 0] += 1
  }

  mutating func strayProblem(_ cl: VCardContentLine, _ message: String) {
    strayProblemCount += 1
    if strayProblemCount <= Self.maxProblems {
      problems.append(VCardProblem(line: cl.line, column: cl.column, message: message))
    } else if strayProblemCount == Self.maxProblems + 1 {
      problems.append(VCardProblem(line: cl.line, column: cl.column, message: "more text outside cards; not listed"))
    }
  }

  /// Decodes a finished card's properties into a record.
  mutating func finish(_ card: CardState) -> VCardItem {
    count(version: card.version)
    let (record, decodeWarnings) = Self.record(from: card)
    if record.isEmpty {
      return .rejected(
        line: card.line, column: card.column,
        reason: "the card names nobody (no name, email, phone, web address or organisation)")
    }
    var warnings = card.warnings
    for w in decodeWarnings where warnings.count < Self.maxProblems { warnings.append(w) }
    let dropped = card.droppedWarnings + max(0, card.warnings.count + decodeWarnings.count - Self.maxProblems)
    if dropped > 0 {
      warnings.append(
        VCardProblem(line: card.line, column: card.column, message: "\(dropped) more problems in this card"))
    }
    return .card(record, warnings: warnings)
  }

  /// Maps a card's kept properties onto a `ContactRecord`.
  /// - Complexity: O(kept bytes + p log p) for p properties.
  static func record(from card: CardState) -> (ContactRecord, [VCardProblem]) {
    let version = VCardVersion(card.version)
    var d = VCardValueDecoder(version: version)
    var r = ContactRecord(line: card.line)
    var emails: [(rank: Int, order: Int, value: String)] = []
    var roles: [String] = []
    var notes: [String] = []
    var nicknames: [String] = []
    var departments: [String] = []
    var haveN = false
    let listSeparators: Set<UInt8> = version == .v21 ? [] : [UInt8(ascii: ",")]
    func add(_ s: String, to list: inout [String]) {
      if !s.isEmpty && !list.contains(s) { list.append(s) }
    }
    func dropPrefix(_ s: String, _ prefix: String) -> String {
      s.lowercased().hasPrefix(prefix) ? VCardValueDecoder.trim(String(s.dropFirst(prefix.count))) : s
    }
    for p in card.properties {
      switch p.header.name {
      case "FN":
        if r.fullName.isEmpty { r.fullName = d.text(of: p) }
      case "N":
        if haveN { continue }
        haveN = true
        // Components may be lists in 3.0/4.0 (`Jr.,M.D.`): suffixes join with ", ", the rest with " ".
        let parts = d.split(p.value[...], at: [UInt8(ascii: ";")]).enumerated().map { (k, component) -> String in
          d.split(component, at: listSeparators).map { d.text($0, of: p) }.filter { !$0.isEmpty }
            .joined(separator: k == 4 ? ", " : " ")
        }
        func part(_ i: Int) -> String { i < parts.count ? parts[i] : "" }
        r.familyName = part(0)
        r.givenName = part(1)
        r.middleName = part(2)
        r.namePrefix = part(3)
        r.nameSuffix = parts.count > 4 ? parts[4...].filter { !$0.isEmpty }.joined(separator: ", ") : ""
      case "NICKNAME":
        let names = d.split(p.value[...], at: listSeparators).map { d.text($0, of: p) }.filter { !$0.isEmpty }
        for n in names { add(n, to: &nicknames) }
      case "EMAIL":
        let email = dropPrefix(d.text(of: p), "mailto:")
        if email.isEmpty { continue }
        var rank = Int.max
        if let pref = p.header.values("PREF").first.flatMap({ Int($0) }) { rank = pref }
        if p.header.hasType("PREF") { rank = min(rank, 1) }
        emails.append((rank, emails.count, email))
      case "ORG":
        let parts = d.split(p.value[...], at: [UInt8(ascii: ";")]).map { d.text($0, of: p) }
        if let company = parts.first, !company.isEmpty { add(company, to: &r.companies) }
        let units = parts.dropFirst().filter { !$0.isEmpty }
        if r.department.isEmpty && !units.isEmpty { r.department = units.joined(separator: ", ") }
      case "X-DEPARTMENT":
        add(d.text(of: p), to: &departments)
      case "TITLE":
        if r.title.isEmpty { r.title = d.text(of: p) }
      case "ROLE":
        add(d.text(of: p), to: &roles)
      case "URL":
        add(d.text(of: p), to: &r.urls)
      case "X-SOCIALPROFILE":
        let url = d.text(of: p)
        if p.header.hasType("LINKEDIN") && url.lowercased().contains("linkedin.com") { add(url, to: &r.urls) }
      case "TEL":
        add(dropPrefix(d.text(of: p), "tel:"), to: &r.phones)
      case "CATEGORIES":
        let seps: Set<UInt8> = version == .v21 ? [UInt8(ascii: ","), UInt8(ascii: ";")] : [UInt8(ascii: ",")]
        for c in d.split(p.value[...], at: seps) { add(d.text(c, of: p), to: &r.labels) }
      case "RELATED":
        add(d.text(of: p), to: &r.related)
      case "BDAY":
        if r.birthday.isEmpty { r.birthday = d.text(of: p) }
      case "NOTE":
        let note = d.text(of: p)
        if !note.isEmpty { notes.append(note) }
      case "UID":
        if r.uid.isEmpty { r.uid = d.text(of: p) }
      default: break
      }
    }
    if r.title.isEmpty, let role = roles.first { r.title = role }
    if r.department.isEmpty, let department = departments.first { r.department = department }
    r.notes = notes.joined(separator: "\n")
    r.nickname = nicknames.joined(separator: ", ")
    emails.sort { ($0.rank, $0.order) < ($1.rank, $1.order) }
    for e in emails where !r.emails.contains(where: { $0.lowercased() == e.value.lowercased() }) {
      r.emails.append(e.value)
    }
    // LinkedIn member profiles first, the rest in file order.
    let isProfile = { (u: String) in u.lowercased().contains("linkedin.com/in/") }
    r.urls = r.urls.filter(isProfile) + r.urls.filter { !isProfile($0) }
    return (r, d.warnings)
  }
}
