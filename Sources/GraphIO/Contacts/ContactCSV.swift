import GraphCore

/// The address-book CSV flavours, told apart by their headers (Guides/ContactExports.md).
package enum ContactCSVFlavour: String, Sendable {
  case linkedin, google, outlook, thunderbird, contacts
}

/// What a column of a contact CSV holds, decided from its header name —
/// never from its position, since every writer orders and localises columns
/// differently.
enum ContactColumnRole: Equatable {
  case fullName, givenName, middleName, familyName, namePrefix, nameSuffix, nickname
  case email, phone, company, department, title, url, labels, connectedOn, notes, birthday
  /// Known but not used (addresses, phone types, yomi names …).
  case ignored
  /// Not recognised: listed in the import report.
  case unknown
}

/// Header-name rules for contact CSVs, with French and German alternates
/// (Outlook localises its headers; LinkedIn's German export is known from
/// other projects' tests).
enum ContactColumns {
  /// Names are matched after `ColumnNames.normalize` (lower case; spaces, `_`, `-` and quotes removed).
  static let exact: [String: ContactColumnRole] = [
    // names
    "name": .fullName, "displayname": .fullName, "fullname": .fullName, "anzeigename": .fullName,
    "nomcomplet": .fullName, "nomaafficher": .fullName, "nomàafficher": .fullName,
    "firstname": .givenName, "givenname": .givenName, "vorname": .givenName, "prénom": .givenName,
    "prenom": .givenName,
    "middlename": .middleName, "additionalname": .middleName, "weiterevornamen": .middleName,
    "deuxièmeprénom": .middleName, "deuxiemeprenom": .middleName, "secondprénom": .middleName,
    "lastname": .familyName, "familyname": .familyName, "surname": .familyName, "nachname": .familyName,
    "nom": .familyName, "nomdefamille": .familyName,
    "nameprefix": .namePrefix, "prefix": .namePrefix, "anrede": .namePrefix, "civilité": .namePrefix,
    "namesuffix": .nameSuffix, "suffix": .nameSuffix, "namenszusatz": .nameSuffix,
    "nickname": .nickname, "spitzname": .nickname, "surnom": .nickname,
    // organisation
    "company": .company, "companies": .company, "organization": .company, "organisation": .company,
    "organizationname": .company, "organization1name": .company, "firma": .company, "unternehmen": .company,
    "société": .company, "societe": .company, "entreprise": .company,
    "department": .department, "organizationdepartment": .department, "organization1department": .department,
    "abteilung": .department, "service": .department,
    "position": .title, "jobtitle": .title, "organizationtitle": .title, "organization1title": .title,
    "occupation": .title, "position(beruf)": .title, "beruf": .title, "fonction": .title, "titre": .title,
    // web
    "url": .url, "webpage": .url, "webpage1": .url, "webpage2": .url, "personalwebpage": .url,
    "website": .url, "website1value": .url, "website2value": .url, "website3value": .url, "profileurl": .url,
    "linkedinurl": .url, "webseite": .url, "pageweb": .url, "sitweb": .url,
    // groups
    "groupmembership": .labels, "labels": .labels, "categories": .labels, "kategorien": .labels,
    "catégories": .labels, "categorie": .labels, "groups": .labels, "tags": .labels,
    // dates and notes
    "connectedon": .connectedOn, "verbundenam": .connectedOn, "connectéle": .connectedOn,
    "notes": .notes, "note": .notes, "notizen": .notes, "remarques": .notes,
    "birthday": .birthday, "geburtstag": .birthday, "anniversaire": .birthday,
    // emails with fixed names
    "primaryemail": .email, "secondaryemail": .email, "emailaddress": .email, "email2address": .email,
    "email3address": .email, "email": .email, "emails": .email, "emailadresse": .email, "email2adresse": .email,
    "email3adresse": .email, "adressedemessagerie": .email, "adressedemessagerie2": .email,
    "adressedemessagerie3": .email, "mail": .email,
  ]

  /// Parts that mark a column as known but unused.
  static let ignoredParts = [
    "street", "city", "state", "postal", "zip", "country", "region", "pobox", "address", "adresse", "fax", "pager",
    "yomi", "phonetic", "gender", "anniversary", "language", "hobby", "mileage", "billing", "directoryserver",
    "sensitivity", "priority", "subject", "initials", "location", "photo", "custom", "screenname", "relation",
    "spouse", "children", "assistant", "manager", "office", "internetfreebusy", "private", "account", "user",
    "government", "organizationalid", "referredby", "keywords", "type", "label", "displayname", "symbol",
    "jobdescription", "shortname", "maidenname", "im", "birthyear", "birthmonth", "birthday", "fileas", "event",
    "straße", "strasse", "ort", "postleitzahl", "land", "bundesland", "rue", "ville", "codepostal", "pays",
    "telefon", "téléphone", "telephone", "mobil", "handy", "portable", "callback", "carphone", "isdn", "radio",
    "telex", "ttytdd", "phone", "mobilenumber", "workphone", "homephone", "title", "mittlerername",
    "conversationid", "middle", "suffix",
  ]

  /// The role of one column. `jobTitleElsewhere`: another column holds the
  /// job title, so a bare `Title` is the name prefix (Outlook, Roundcube).
  static func role(_ normalized: String, jobTitleElsewhere: Bool) -> ContactColumnRole {
    if normalized == "title" { return jobTitleElsewhere ? .namePrefix : .title }
    if let r = exact[normalized] { return r }
    // Numbered and typed columns: "E-mail 1 - Value", "Email Home", "Phone 2 - Value", "Website 1 - Value".
    let isTypeColumn =
      normalized.hasSuffix("type") || normalized.hasSuffix("label")
      || normalized.hasSuffix("displayname")
    if normalized.hasPrefix("email") || normalized.hasPrefix("mail") || normalized.hasPrefix("emailadresse") {
      return isTypeColumn ? .ignored : .email
    }
    if normalized.hasPrefix("website") || normalized.hasPrefix("webpage") {
      return isTypeColumn ? .ignored : .url
    }
    if normalized.hasPrefix("phone") || normalized.hasSuffix("phone") || normalized.hasSuffix("phone2")
      || normalized.hasSuffix("mobile") || normalized == "mobilenumber" || normalized.hasPrefix("telefon")
      || normalized.hasPrefix("téléphone")
    {
      return isTypeColumn ? .ignored : .phone
    }
    let undigited = String(normalized.filter { !$0.isNumber })
    if undigited != normalized, let r = exact[undigited] { return r }
    for part in ignoredParts where normalized.contains(part) { return .ignored }
    return .unknown
  }

  /// Names the flavour (and generation) of a contact CSV from its normalised header.
  static func flavour(_ h: Set<String>, preamble: Bool) -> (ContactCSVFlavour, String)? {
    if (h.contains("firstname") && h.contains("lastname") && h.contains("connectedon"))
      || (h.contains("vorname") && h.contains("nachname") && h.contains("verbundenam"))
    {
      let generation: String
      if h.contains("url") {
        generation = preamble ? "2023+ (Notes preamble, URL column)" : "2023+ (URL column, no preamble)"
      } else {
        generation = preamble ? "2020–2022 (Notes preamble, no URL)" : "2018 (no preamble, no URL)"
      }
      return (.linkedin, generation + (h.contains("vorname") ? ", German headers" : ""))
    }
    if h.contains("fileas") || h.contains("phoneticfirstname")
      || (h.contains("organizationname") && h.contains("firstname"))
      || (h.contains("labels") && h.contains("email1value"))
    {
      return (.google, "Google Contacts CSV (current: Labels, … - Label)")
    }
    if h.contains("groupmembership")
      || (h.contains("givenname") && h.contains("familyname") && h.contains("email1value"))
    {
      return (.google, "Google CSV (old: Group Membership, … - Type)")
    }
    if h.contains("primaryemail") {
      return (.thunderbird, h.contains("screenname") ? "Thunderbird (with Screen Name)" : "Thunderbird")
    }
    let german = h.contains("nachname") || h.contains("vorname") || h.contains("emailadresse") || h.contains("firma")
    let french = h.contains("prénom") || h.contains("adressedemessagerie") || h.contains("société")
    if h.contains("emailaddress") || h.contains("email2address") || h.contains("businessstreet") || german || french {
      var generation: String
      if h.contains("givennameyomi") || h.contains("familynameyomi") {
        generation = "Outlook.com"
      } else if h.contains("internetfreebusy") && h.contains("initials") && !h.contains("emaildisplayname") {
        generation = "Google's Outlook CSV"
      } else if h.contains("emaildisplayname") || h.contains("businesscountry/region") || h.contains("businesscountry")
      {
        generation = "Outlook desktop"
      } else {
        generation = "Outlook-style"
      }
      if german { generation += ", German headers" } else if french { generation += ", French headers" }
      return (.outlook, generation)
    }
    return nil
  }
}

/// What the import pipeline's worker hands over for each non-blank row, in file order.
/// A record, or else a problem. (Not an enum with the record as payload: the
/// consumer takes the record out of the optional and hands it on without a
/// copy, which a pattern binding would make.)
private struct ContactRow<Prepared> {
  enum Problem {
    case rejected(line: Int, column: Int, message: String, hint: String?)
    case failed(ImportError)
  }
  /// For the consumer's `warm` (`ContactCSVReader.read`); 0 for a row that is not a record.
  var warmth: UInt64 = 0
  var record: Prepared?
  var problem: Problem?
}

/// The rows of a file read ahead (`ContactCSVReader.Parsed`), held by
/// reference so that whoever takes them holds the only copy.
private final class RowBox {
  var rows: [ContactRow<PreparedContact>] = []

  /// The rows, leaving none behind.
  func take() -> [ContactRow<PreparedContact>] {
    defer { rows = [] }
    return rows
  }
}

/// Reads an address-book CSV of any flavour into `ContactRecord`s, columns
/// mapped by header name. The header is found by content within the first
/// lines, so LinkedIn's `Notes:` preamble (any length) is skipped and counted.
///
/// - Complexity: O(bytes) time; memory bounded by the longest row.
struct ContactCSVReader {
  struct Header {
    var flavour: ContactCSVFlavour
    var generation: String
    var preambleLines: Int
    var unknownColumns: [String]
    var roles: [ContactColumnRole]
  }

  /// Reads the session's current file, `owner`'s export: each data row that
  /// names someone becomes a `PreparedContact` on a worker thread while the
  /// calling thread hands the rows before it to the session (identity
  /// resolution), in file order (`Pipeline`); other rows are rejected through
  /// the session. A few dozen records before the session sees them, their
  /// profile URL hashes warm the indexes they will probe (`ContactResolver.warm`).
  /// With `parsed` (the file read ahead, `parse`), its rows are handed over
  /// the same way, in the same order, with the same errors.
  static func read(
    expected: ContactCSVFlavour?, owner: Int, sourceKind: String, into session: inout ImportSession,
    parsed: Parsed? = nil
  ) throws(ImportError) -> Header {
    if let parsed { return try take(parsed, owner: owner, sourceKind: sourceKind, into: &session) }
    let file = session.file
    let source = try ByteSource(path: file, text: true)
    session.report.encoding = source.encoding.rawValue
    var csv = try CSVTokenizer(source: source)
    let header = try findHeader(&csv, expected: expected, file: file)
    begin(header, in: &session)
    var failure: ImportError?
    Pipeline.run(
      parallel: session.options.pipelined,
      produce: { (emit: (consuming ContactRow<PreparedContact>) -> Bool) in
        rows(&csv, header: header, emit: emit)
      },
      warm: { rows in warm(rows, in: &session) },
      consume: { (row: consuming ContactRow<PreparedContact>) in
        do throws(ImportError) {
          try take(row, file: file, owner: owner, sourceKind: sourceKind, into: &session)
          return true
        } catch {
          failure = error
          return false
        }
      })
    if let failure { throw failure }
    try session.checkEnd(halfCodeUnit: source.endsInHalfCodeUnit)
    return header
  }

  /// A contact CSV read ahead of its turn (`NetworkLoader` parses the next
  /// exports while the session merges this one): what `read` would hand the
  /// session, kept until the session takes it (`read(…, parsed:)`).
  struct Parsed {
    /// The encoding, nil when the file could not be opened (`failure` says why).
    var encoding: String?
    var header: Header?
    /// Every non-blank row after the header; a tokeniser failure is the last.
    /// In a box, so the session takes the rows out without copying them.
    fileprivate let rows = RowBox()
    var endsInHalfCodeUnit = false
    /// Why the file could not be opened or has no header.
    var failure: ImportError?
  }

  /// Reads `file` as `read` does, touching no session: on any thread.
  /// - Complexity: O(bytes); the file's rows are held until taken.
  static func parse(file: String, expected: ContactCSVFlavour?) -> Parsed {
    var parsed = Parsed()
    do throws(ImportError) {
      let source = try ByteSource(path: file, text: true)
      parsed.encoding = source.encoding.rawValue
      var csv = try CSVTokenizer(source: source)
      let header = try findHeader(&csv, expected: expected, file: file)
      parsed.header = header
      var list: [ContactRow<PreparedContact>] = []
      rows(&csv, header: header) { row in
        list.append(row)
        return true
      }
      parsed.rows.rows = list
      parsed.endsInHalfCodeUnit = source.endsInHalfCodeUnit
    } catch {
      parsed.failure = error
    }
    return parsed
  }

  /// Hands a file read ahead to the session, as `read` would have.
  private static func take(_ parsed: Parsed, owner: Int, sourceKind: String, into session: inout ImportSession)
    throws(ImportError) -> Header
  {
    if let encoding = parsed.encoding { session.report.encoding = encoding }
    guard let header = parsed.header else {
      throw parsed.failure
        ?? ImportError(file: session.file, line: 0, column: 0, message: "the file was not read", hint: nil)
    }
    begin(header, in: &session)
    let file = session.file
    var rows = parsed.rows.take()
    let lookahead = 32
    var i = 0
    while i < rows.count {
      let end = min(rows.count, i + lookahead)
      rows.withUnsafeBufferPointer { warm(UnsafeBufferPointer(rebasing: $0[i..<end]), in: &session) }
      while i < end {
        var row = ContactRow<PreparedContact>()
        swap(&row, &rows[i])
        i += 1
        try take(row, file: file, owner: owner, sourceKind: sourceKind, into: &session)
      }
    }
    try session.checkEnd(halfCodeUnit: parsed.endsInHalfCodeUnit)
    return header
  }

  /// The header, found by content within the first 12 records.
  private static func findHeader(_ csv: inout CSVTokenizer, expected: ContactCSVFlavour?, file: String)
    throws(ImportError) -> Header
  {
    var sawPreamble = false
    var records = 0
    while let r = try csv.next() {
      records += 1
      if r.isBlank { continue }
      let names = (0..<r.count).map { ColumnNames.normalize(r.string($0) ?? "") }
      let first = names.first ?? ""
      if first == "notes:" || first.hasPrefix("notes") && r.count == 1 { sawPreamble = true }
      let set = Set(names)
      if let (flavour, generation) = ContactColumns.flavour(set, preamble: sawPreamble || r.line > 1)
        ?? genericFlavour(set)
      {
        let jobTitleElsewhere =
          set.contains("jobtitle") || set.contains("position") || set.contains("organizationtitle")
          || set.contains("organization1title") || flavour == .outlook
        let roles = names.map { ContactColumns.role($0, jobTitleElsewhere: jobTitleElsewhere) }
        let rawHeader = (0..<r.count).map { Identity.trim(r.string($0) ?? "") }
        let unknown = zip(rawHeader, roles).filter { $0.1 == .unknown && !$0.0.isEmpty }.map { $0.0 }
        return Header(
          flavour: expected ?? flavour, generation: generation, preambleLines: r.line - 1, unknownColumns: unknown,
          roles: roles)
      }
      if records >= 12 { break }
    }
    throw ImportError(
      file: file, line: 1, column: 1, message: "no contact header (names or emails) in the first lines",
      hint: "check that this is an address-book export; columns are matched by name (First Name, E-mail Address …)")
  }

  /// What the header tells the file's report.
  private static func begin(_ header: Header, in session: inout ImportSession) {
    session.report.generation = header.generation
    session.report.preambleLinesSkipped = header.preambleLines
    session.report.unknownColumns = header.unknownColumns
  }

  /// Each non-blank row after the header, as a record or a problem, until
  /// `emit` returns false; a tokeniser failure is emitted last.
  private static func rows(
    _ csv: inout CSVTokenizer, header: Header, emit: (consuming ContactRow<PreparedContact>) -> Bool
  ) {
    do throws(ImportError) {
      var record = ContactRecord(line: 0)
      var interner = FieldInterner()
      // `csv.record` read in place (`advance`), not copied out per row.
      while try csv.advance() {
        if csv.record.isBlank { continue }
        record.clear(line: csv.record.line)
        if let e = Self.read(csv.record, header: header, into: &record, interning: &interner) {
          if !emit(ContactRow(problem: .rejected(line: e.line, column: e.column, message: e.message, hint: e.hint))) {
            return
          }
        } else {
          let prepared = PreparedContact(moving: &record)
          let w = prepared.urlHash
          if !emit(ContactRow(warmth: w, record: consume prepared)) { return }
        }
      }
    } catch {
      _ = emit(ContactRow(problem: .failed(error)))
    }
  }

  /// Warms the resolver's indexes for the records among `rows`.
  private static func warm(_ rows: UnsafeBufferPointer<ContactRow<PreparedContact>>, in session: inout ImportSession) {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: rows.count) { warmth in
      for i in rows.indices { warmth.initializeElement(at: i, to: rows[i].warmth) }
      session.resolver.warm(urlHashes: UnsafeBufferPointer(warmth), builder: &session.builder)
    }
  }

  /// Hands one row to the session: a record to identity resolution, a
  /// problem as a rejected row; a tokeniser failure is thrown.
  private static func take(
    _ row: consuming ContactRow<PreparedContact>, file: String, owner: Int, sourceKind: String,
    into session: inout ImportSession
  ) throws(ImportError) {
    var row = consume row
    if let prepared = row.record.take() {
      session.addContact(consume prepared, file: file, owner: owner, sourceKind: sourceKind)
      return
    }
    switch row.problem {
    case nil: return
    case .rejected(let line, let column, let message, let hint):
      session.report.rowsRead += 1
      try session.reject(line: line, column: column, message, hint: hint)
    case .failed(let error):
      throw error
    }
  }

  /// Why a row is not a record: its position and what to say.
  struct RowProblem: Error {
    var line: Int
    var column: Int
    var message: String
    var hint: String?
  }

  /// Fills `record` (made empty for the row's line) from one data row, its
  /// columns mapped by `header`; returns why the row is not a record, if it is not.
  static func read(
    _ r: CSVRecord, header: Header, into record: inout ContactRecord, interning interner: inout FieldInterner
  ) -> RowProblem? {
    let columns = header.roles.count
    if r.count > columns {
      // Thunderbird writes a trailing comma; extra fields are fine when empty.
      var extra = false
      for i in columns..<r.count where !(r.trimmed(i) ?? "x").isEmpty { extra = true }
      if extra {
        return RowProblem(
          line: r.line, column: r.column(columns), message: "has \(r.count) fields, the header has \(columns)",
          hint: "check for an unquoted comma in a name or company")
      }
    }
    // One access to the record's buffers for the whole row.
    let bad = r.withFields { fields in
      header.roles.withUnsafeBufferPointer { roles in
        Self.read(fields, roles: roles, into: &record, interning: &interner)
      }
    }
    if let bad {
      return RowProblem(
        line: r.line, column: TableImporter.invalidTextColumn(r, bad) ?? r.column(bad), message: "invalid UTF-8 text",
        hint: "save the file as UTF-8")
    }
    if record.isEmpty {
      return RowProblem(
        line: r.line, column: 1,
        message:
          "the row names nobody (no name, email or profile URL; LinkedIn writes such rows for hidden or deleted members)",
        hint: nil)
    }
    return nil
  }

  /// Fills `record` from a row's fields by column role; returns the first
  /// field that is not valid UTF-8, if any. Job titles, which repeat across
  /// rows, come from `interner`.
  private static func read(
    _ fields: CSVFields, roles: UnsafeBufferPointer<ContactColumnRole>, into record: inout ContactRecord,
    interning interner: inout FieldInterner
  ) -> Int? {
    var bad: Int?
    for i in 0..<min(roles.count, fields.count) {
      let role = roles[i]
      if role == .ignored || role == .unknown { continue }
      // A date needs no string: parsed from the field's bytes (anything else
      // takes the general path below, which also rejects invalid UTF-8).
      if role == .connectedOn, let day = Day(parsingBytes: fields[i]) {
        record.connectedOn = day
        continue
      }
      let text = role == .title ? interner.trimmedText(fields[i]) : CSVRecord.trimmedText(fields[i])
      guard let value = text else {
        bad = bad ?? i
        continue
      }
      if value.isEmpty { continue }
      // `consume`: the field's string moves into the record (no retain now
      // and release at the end of the iteration).
      switch role {
      case .fullName: if record.fullName.isEmpty { record.fullName = consume value }
      case .givenName: if record.givenName.isEmpty { record.givenName = consume value }
      case .middleName: if record.middleName.isEmpty { record.middleName = consume value }
      case .familyName: if record.familyName.isEmpty { record.familyName = consume value }
      case .namePrefix: if record.namePrefix.isEmpty { record.namePrefix = consume value }
      case .nameSuffix: if record.nameSuffix.isEmpty { record.nameSuffix = consume value }
      case .nickname: if record.nickname.isEmpty { record.nickname = consume value }
      case .company:
        if record.companies.isEmpty && !value.hasBytes(":::") {
          record.companies.append(consume value)
        } else {
          forEachPart(value) { c in if !record.companies.contains(c) { record.companies.append(c) } }
        }
      case .department: if record.department.isEmpty { record.department = consume value }
      case .title: if record.title.isEmpty { record.title = consume value }
      case .email:
        forEachPart(value) { e in
          if Identity.isEmail(e) && !record.emails.contains(e) { record.emails.append(e) }
        }
      case .phone: forEachPart(value) { record.phones.append($0) }
      case .url:
        // The usual LinkedIn column: one profile URL, nothing to split or unescape.
        if ContactResolver.isPlainLinkedInProfileURL(value) {
          record.urls.insert(consume value, at: 0)
          continue
        }
        forEachPart(value) { u in
          let unescaped = u.replacingBackslashColons()
          if unescaped.hasBytes("linkedin.com/in/", ignoringASCIICase: true) {
            record.urls.insert(unescaped, at: 0)
          } else {
            record.urls.append(unescaped)
          }
        }
      case .labels: record.labels += labels(value).filter { !record.labels.contains($0) }
      case .connectedOn: record.connectedOn = Day(parsing: value)
      case .notes: record.notes = value
      case .birthday: record.birthday = value
      case .ignored, .unknown: break
      }
    }
    return bad
  }

  /// A CSV with name or email columns but no known flavour (Roundcube, hand-made lists).
  static func genericFlavour(_ h: Set<String>) -> (ContactCSVFlavour, String)? {
    let roles = h.map { ContactColumns.role($0, jobTitleElsewhere: h.contains("jobtitle")) }
    let names = roles.contains(.fullName) || (roles.contains(.givenName) && roles.contains(.familyName))
    if names || roles.contains(.email) { return (.contacts, "generic contact CSV (columns matched by name)") }
    return nil
  }

  /// Calls `body` with each of Google's ` ::: ` multi-values (no array for
  /// the usual single value).
  @inline(__always)
  static func forEachPart(_ s: String, _ body: (String) -> Void) {
    guard s.hasBytes(":::") else { return body(s) }
    for part in multi(s) { body(part) }
  }

  /// Splits Google's ` ::: ` multi-values.
  static func multi(_ s: String) -> [String] {
    guard s.hasBytes(":::") else { return [s] }
    return s.split(separator: ":::").map { Identity.trim(String($0)) }.filter { !$0.isEmpty }
  }

  /// Group names from Google (` ::: `, `* ` markers) or Outlook (`;`), without system groups.
  static func labels(_ s: String) -> [String] {
    var out: [String] = []
    for part in s.split(whereSeparator: { $0 == ";" }).flatMap({ multi(String($0)) }) {
      var t = Identity.trim(part)
      if t.hasPrefix("*") { t = Identity.trim(String(t.dropFirst())) }
      if t.isEmpty || systemLabels.contains(t.lowercased()) || t.lowercased().hasPrefix("imported on") { continue }
      out.append(t)
    }
    return out
  }

  static let systemLabels: Set<String> = ["mycontacts", "my contacts", "starred", "other contacts"]
}

extension String {
  /// Google escapes `:` in URLs and notes (`http\://…`).
  func replacingBackslashColons() -> String {
    guard hasBytes("\\:") else { return self }
    var out = ""
    var it = makeIterator()
    while let c = it.next() {
      if c == "\\" {
        if let n = it.next() {
          if n != ":" { out.append(c) }
          out.append(n)
        } else {
          out.append(c)
        }
      } else {
        out.append(c)
      }
    }
    return out
  }
}
