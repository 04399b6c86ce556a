/// The formats Liaison reads. Detected from content; overridable per file
/// with `FORMAT:PATH` or for all files with `--as FORMAT`.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
  /// `people.csv`: `id` plus optional name, email, company, title, industry, location, tags, url.
  case people
  /// `ties.csv`: `source,target` plus optional strength, interactions, last_contact, since, kind.
  case ties
  /// Whitespace edge list (SNAP style): `# comments`, `u v [weight]`.
  case edges
  /// Pajek network (`.net`) or project (`.paj`): `*Vertices`, `*Edges`/`*Arcs`, `*Matrix`, partitions.
  case pajek
  /// UCINET DL: `dl n=…` with `format=fullmatrix`, `edgelist1` or `nodelist1`, labels.
  case dl
  /// Adjacency matrix as delimited text: square, optional labels and `#` comments.
  case matrix
  /// GraphML (XML): nodes, edges and their `<data>` attributes.
  case graphml
  /// GEXF (XML, Gephi): nodes, edges, weights and attribute values.
  case gexf
  /// Two-mode (affiliation) data: a people × groups 0/1 matrix, a `person,group` list, or its `bipartite` nodes file.
  case twomode
  /// LinkedIn `Connections.csv`, every generation.
  case linkedin
  /// LinkedIn `messages.csv` (current) or `Messages.csv` (2018): interaction evidence.
  case linkedinMessages = "linkedin-messages"
  /// LinkedIn `Invitations.csv`: interaction evidence.
  case linkedinInvitations = "linkedin-invitations"
  /// Google Contacts CSV, old and current headers.
  case google
  /// Outlook CSV: desktop (English, French, German), Outlook.com, Google's Outlook variant.
  case outlook
  /// Thunderbird address-book CSV (`,` or `;`).
  case thunderbird
  /// Any other address-book CSV whose columns name people or emails (Roundcube, hand-made lists).
  case contacts
  /// vCard 2.1, 3.0 or 4.0.
  case vcard
  /// A generic interaction log: date, participants, kind, direction.
  case interactions
  /// A mailbox (mbox: Google Takeout, Thunderbird), headers only (Guides/MailAndCalendar.md).
  case mbox
  /// One mail message (`.eml`), headers only.
  case eml
  /// An iCalendar file (`.ics`): events, organisers and attendees.
  case ics

  /// Whether this version can import the format.
  public var isSupported: Bool { true }

  /// Whether files of this format are one owner's export (contacts or their activity).
  public var isContactExport: Bool {
    switch self {
    case .people, .ties, .edges, .pajek, .dl, .matrix, .graphml, .gexf, .twomode: false
    default: true
    }
  }

  /// Mailboxes and calendars (read by `MailImporter`).
  var isMailOrCalendar: Bool { self == .mbox || self == .eml || self == .ics }

  /// Exports that list contacts (as opposed to activity logs).
  var listsContacts: Bool {
    switch self {
    case .linkedin, .google, .outlook, .thunderbird, .contacts, .vcard: true
    default: false
    }
  }
}

/// One positional input: `PATH`, `FORMAT:PATH` or `OWNER=PATH`.
public struct InputSpec: Sendable, Equatable {
  public var path: String
  public var format: InputFormat?
  public var owner: String?
  /// Column names for this file (`FORMAT[source=a,target=b]:PATH`).
  public var columns: ColumnMap?
  /// Whether the file was found in a folder given as input (not named itself).
  public var fromFolder = false
  /// Mailbox and calendar options for this file, instead of the load's
  /// (the workspace keeps those each mailbox was imported with).
  public var mail: MailOptions?

  public init(path: String, format: InputFormat? = nil, owner: String? = nil, columns: ColumnMap? = nil) {
    self.path = path
    self.format = format
    self.owner = owner
    self.columns = columns
  }

  /// Parses a command-line argument. `FORMAT:` (or `FORMAT[ROLE=COLUMN,…]:`)
  /// is recognised only for the format names above; `OWNER=` only when the
  /// text before `=` has no `/`. A column list that does not parse leaves the
  /// argument a path.
  public init(argument: String) {
    var rest = Substring(argument)
    var owner: String?
    var format: InputFormat?
    var columns: ColumnMap?
    if let colon = rest.firstIndex(of: ":") {
      var name = rest[..<colon]
      var map: ColumnMap?
      if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
        map = try? ColumnMap(parsing: String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        if map != nil { name = name[..<open] }
      }
      if let f = InputFormat(rawValue: String(name).lowercased()) {
        format = f
        columns = map
        rest = rest[rest.index(after: colon)...]
      }
    }
    if let eq = rest.firstIndex(of: "="), !rest[..<eq].contains("/"), eq != rest.startIndex {
      owner = String(rest[..<eq])
      rest = rest[rest.index(after: eq)...]
    }
    self.init(path: String(rest), format: format, owner: owner, columns: columns)
  }
}

#if canImport(Glibc)
  import Glibc
#endif

extension InputSpec {
  /// The hidden file `liaison batch` leaves in its report folder, so that a
  /// report inside an input folder is never read back as input.
  public static let reportMarker = ".liaison-report"

  /// Replaces each folder by the files in it and its sub-folders (hidden
  /// files skipped; sorted by path, so the order is stable), keeping the
  /// folder's format and owner. Files are kept as given. Sub-folders that
  /// are one of `skipping` (compared as files on disk, through links) or hold
  /// a `reportMarker` are not entered.
  /// - Throws: `ImportError` for a folder that cannot be read or holds no files.
  public static func expandingFolders(_ specs: [InputSpec], skipping: [String] = []) throws(ImportError) -> [InputSpec]
  {
    let skipped = Set(skipping.compactMap(FileIdentity.init(path:)))
    var out: [InputSpec] = []
    for spec in specs {
      var st = stat()
      guard stat(spec.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
        out.append(spec)
        continue
      }
      var files: [String] = []
      var pending = [spec.path.hasSuffix("/") ? String(spec.path.dropLast()) : spec.path]
      while let dir = pending.popLast() {
        guard let d = opendir(dir) else {
          throw ImportError(
            file: dir, line: 0, column: 0, message: "cannot read the folder: \(String(cString: strerror(errno)))",
            hint: "check the permissions")
        }
        while let entry = readdir(d) {
          let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
          }
          if name.hasPrefix(".") { continue }
          let path = dir + "/" + name
          var s = stat()
          guard stat(path, &s) == 0 else { continue }
          if (s.st_mode & S_IFMT) == S_IFDIR {
            let id = FileIdentity(path: path)
            if id.map(skipped.contains) == true || access(path + "/" + reportMarker, F_OK) == 0 { continue }
            pending.append(path)
          } else if (s.st_mode & S_IFMT) == S_IFREG {
            files.append(path)
          }
        }
        closedir(d)
      }
      if files.isEmpty {
        throw ImportError(
          file: spec.path, line: 0, column: 0, message: "the folder holds no files", hint: "pass the export files")
      }
      for f in files.sorted() {
        var found = InputSpec(path: f, format: spec.format, owner: spec.owner, columns: spec.columns)
        found.fromFolder = true
        out.append(found)
      }
    }
    return out
  }
}

/// Tells what an input file is from its first bytes, never from its name
/// (Guides/Importing.md, "Formats and detection").
package enum FormatDetector {
  /// Decides the format from the first bytes of a file.
  /// - Parameter columns: column names given for the file (`--columns`): a header that has them is a ties table.
  static func detect(head: ArraySlice<UInt8>, path: String, columns: ColumnMap? = nil) throws(ImportError)
    -> InputFormat
  {
    let bytes = Array(head)
    if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      throw ImportError(
        file: path, line: 0, column: 0, message: "the file is empty",
        hint: "export the data again, or remove the file from the command")
    }
    let sample = bytes.prefix(8192)
    let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
    if sample.contains(0) || controls * 20 > sample.count {
      throw ImportError(
        file: path, line: 0, column: 0, message: "this is a binary file, not a CSV or edge list",
        hint: "pass a people/ties CSV, an edge list or a contact export")
    }
    // First meaningful line.
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D {
      if i > start { lines.append(bytes[start..<i]) }
      start = i + 1
      if lines.count >= 12 { break }
    }
    guard let firstIndex = lines.firstIndex(where: { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) else {
      throw ImportError(file: path, line: 0, column: 0, message: "the file is empty", hint: nil)
    }
    if let mail = mailFormat(Array(lines[firstIndex...])) { return mail }
    if let network = networkFormat(bytes) ?? moreNetworkFormats(bytes, columns: columns) { return network }
    let first = lines[firstIndex]
    let text = String(decoding: first, as: UTF8.self)
    let trimmedText = text.drop { $0 == " " || $0 == "\t" }
    if trimmedText.uppercased().hasPrefix("BEGIN:VCARD") { return .vcard }
    if trimmedText.hasPrefix("#") || trimmedText.hasPrefix("%") { return .edges }
    var sawNotes = false
    for l in lines.prefix(12) {
      let fields = ColumnNames.normalizedFields(String(decoding: l, as: UTF8.self))
      if fields.first == "notes:" { sawNotes = true }
      let h = Set(fields)
      if let (flavour, _) = ContactColumns.flavour(h, preamble: sawNotes), flavour == .linkedin { return .linkedin }
      if h.contains("conversationid") || (h.contains("from") && h.contains("to") && h.contains("content")) {
        return .linkedinMessages
      }
      if h.contains("from") && h.contains("to") && (h.contains("sentat") || h.contains("inviterprofileurl")) {
        return .linkedinInvitations
      }
    }
    if sawNotes { return .linkedin }
    let header = ColumnNames.normalizedFields(text)
    let headerSet = Set(header)
    let ends = ColumnNames.endpoints(in: header, map: columns)
    let later = lines[(firstIndex + 1)...].prefix(10)
    if ends.source != nil && ends.target != nil {
      // `a,b,0.5` or `u,v` followed by `v,w`: data, not a header (Guides/Importing.md, "Header-less files").
      if columns == nil && headerIsData(first, later: later) { return .edges }
      return .ties
    }
    if ColumnNames.find(ColumnNames.id, in: header) != nil { return .people }
    if ["participants", "attendees", "with", "people"].contains(where: headerSet.contains)
      && ["date", "when", "datetime", "day"].contains(where: headerSet.contains)
    {
      return .interactions
    }
    if let (flavour, _) = ContactColumns.flavour(headerSet, preamble: false)
      ?? ContactCSVReader.genericFlavour(headerSet)
    {
      switch flavour {
      case .linkedin: return .linkedin
      case .google: return .google
      case .outlook: return .outlook
      case .thunderbird: return .thunderbird
      case .contacts: return .contacts
      }
    }
    // Header-less: whitespace or comma separated ids with an optional number.
    let tokens = first.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") })
    if (2...3).contains(tokens.count), !first.contains(UInt8(ascii: "\"")), headerIsData(first, later: later) {
      return .edges
    }
    // A whitespace-separated header naming the source and target (`src dst time`): an edge list.
    let words = tokens.map { ColumnNames.normalize(String(decoding: $0, as: UTF8.self)) }
    if tokens.count >= 2, !first.contains(UInt8(ascii: ",")), !first.contains(UInt8(ascii: ";")) {
      let ends = ColumnNames.endpoints(in: words, map: columns)
      if ends.source != nil && ends.target != nil { return .edges }
    }
    let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
    throw ImportError(
      file: path, line: firstIndex + 1, column: 1,
      message: "cannot tell what this file is; its first line is \"\(shown)\"",
      hints: [
        .advice(
          "a ties file needs a header with source and target columns, a people file an id column, a contact "
            + "export name or email columns"),
        .nameTheFormat(examples: [.ties, .people, .edges, .linkedin, .google, .outlook, .vcard, .interactions]),
      ])
  }
}

extension FormatDetector {
  /// Whether a first line that could be a header is data: one of its fields
  /// is a number (`a,b,0.5`), none has a letter (`1 2`), or one of its words
  /// is also a value in the lines below (`alice,bob` then `bob,carol`) — a
  /// header's names do not come back as values.
  /// - Complexity: O(bytes of the lines given).
  static func headerIsData(_ first: ArraySlice<UInt8>, later: ArraySlice<ArraySlice<UInt8>>) -> Bool {
    func fields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
      line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") })
    }
    let words = fields(first)
    guard !words.isEmpty else { return false }
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
    if words.allSatisfy({ !$0.contains(where: isLetter) }) { return true }
    if words.contains(where: { w in w.withUnsafeBufferPointer { NumberParsing.decimal($0) } != nil }) { return true }
    let names = Set(words.prefix(2).map { Array($0) })
    return later.contains { line in fields(line).prefix(2).contains { names.contains(Array($0)) } }
  }

  /// Pajek when the first line that is neither blank nor a `%` comment starts
  /// with `*Vertices` or `*Network`; UCINET DL when it starts with the word
  /// `dl` and `n=` (spaces allowed around `=`) follows within the next 256 bytes.
  static func networkFormat(_ bytes: [UInt8]) -> InputFormat? {
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      var i = start
      while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
      if i < end && bytes[i] != UInt8(ascii: "%") {
        let word = bytes[i..<end].prefix { $0 != 0x20 && $0 != 0x09 }.map { $0 | 0x20 }
        if word == Array("*vertices".utf8) || word == Array("*network".utf8) { return .pajek }
        if word == Array("dl".utf8) {
          let rest = bytes[(i + 2)...].prefix(256).filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
          let lower = rest.map { $0 | 0x20 }
          for k in lower.indices.dropLast() where lower[k] == UInt8(ascii: "n") && rest[k + 1] == UInt8(ascii: "=") {
            let before = k == lower.startIndex ? nil : lower[k - 1]
            if before == nil || !(before! >= UInt8(ascii: "a") && before! <= UInt8(ascii: "z")) { return .dl }
          }
        }
        return nil
      }
      start = end + 1
    }
    return nil
  }

  /// Whether the file at `path` is a team manifest rather than a network
  /// file: a `.csv` whose first line is the header `owner,path` (either
  /// order; case, spaces and quotes around each name ignored). A manifest
  /// lists exports with their owners (`liaison batch`, Guides/Batch.md); the
  /// loader itself never reads one. Reads at most the first 256 bytes.
  public static func isManifest(path: String) -> Bool {
    guard path.lowercased().hasSuffix(".csv"), let source = try? ByteSource(path: path) else { return false }
    var head: [UInt8] = []
    _ = try? source.read(into: &head, count: 256)
    return isManifest(head: head)
  }

  /// `isManifest(path:)` on a file's first bytes. The first line ends at the
  /// first line break (LF, CR or CR LF, as spreadsheets save them); fields are
  /// split at `,`, empty ones dropped.
  static func isManifest(head: [UInt8]) -> Bool {
    var text = String(decoding: head, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).first ?? ""
    let fields = line.split(separator: ",").map { field in
      String(trimming(trimming(field.unicodeScalars[...], where: isBlank), where: { $0 == "\"" })).lowercased()
    }
    return Set(fields) == ["owner", "path"]
  }

  /// Spaces (Unicode category Zs), tab and zero width space (U+200B): the
  /// scalars Foundation's `CharacterSet.whitespaces` holds, which batch
  /// trimmed manifest headers with (a test compares the two).
  private static func isBlank(_ s: Unicode.Scalar) -> Bool {
    s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator
  }

  /// `scalars` without the leading and trailing scalars that match `drop`.
  private static func trimming(
    _ scalars: Substring.UnicodeScalarView.SubSequence, where drop: (Unicode.Scalar) -> Bool
  ) -> Substring.UnicodeScalarView.SubSequence {
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, drop(scalars[start]) { scalars.formIndex(after: &start) }
    while end > start, drop(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
    return scalars[start..<end]
  }
}

/// Header-name matching: case, spaces, `_` and `-` are ignored.
enum ColumnNames {
  static let id = ["id", "personid", "key", "uid", "node", "vertex"]
  static let name = ["name", "fullname", "displayname"]
  static let firstName = ["firstname", "givenname"]
  static let lastName = ["lastname", "familyname", "surname"]
  static let email = ["email", "emails", "emailaddress", "mail", "e-mail"]
  static let company = ["company", "organization", "organisation", "employer", "org"]
  static let title = ["title", "position", "jobtitle", "role"]
  static let industry = ["industry", "sector"]
  static let location = ["location", "city", "place"]
  static let tags = ["tags", "labels", "categories", "groups"]
  static let url = ["url", "profileurl", "linkedin", "linkedinurl", "profile"]
  static let source = ["source", "from", "src", "person1", "node1", "nodea", "caller", "a", "u"]
  static let target = ["target", "to", "dst", "person2", "node2", "nodeb", "callee", "b", "v"]
  static let strength = ["strength", "weight", "w", "tiestrength"]
  /// A weight column: a strength or any other weight (`rating` may be signed).
  static let weight = strength + ["rating", "value"]
  /// A time column: each row is one contact at that time (Guides/Importing.md, "Columns").
  static let time = ["time", "timestamp", "unixtime", "datetime", "t"]
  static let interactions = ["interactions", "interactioncount", "messages", "count"]
  static let lastContact = ["lastcontact", "lastcontacted", "lastinteraction", "last"]
  static let since = ["since", "knownsince", "connectedon", "firstcontact", "start"]
  static let kind = ["kind", "type", "relationship", "relation"]
  static let confidence = ["confidence", "inferredconfidence"]

  static func normalize(_ s: String) -> String {
    String(
      s.lowercased().unicodeScalars.filter {
        $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" && $0 != "\"" && $0 != "\u{FEFF}"
      })
  }

  /// Splits a header line on its most frequent delimiter and normalises each name.
  static func normalizedFields(_ line: String) -> [String] {
    let delimiters: [Character] = [",", ";", "\t"]
    let best = delimiters.max { a, b in line.filter { $0 == a }.count < line.filter { $0 == b }.count } ?? ","
    return line.split(separator: best, omittingEmptySubsequences: false).map { normalize(String($0)) }
  }

  static func find(_ aliases: [String], in header: [String]) -> Int? {
    for a in aliases { if let i = header.firstIndex(of: a) { return i } }
    return nil
  }

  /// The source and target columns: by their names in `map`, else by the
  /// aliases above, else a pair `Xfrom`, `Xto` (`family_id_from`,
  /// `family_id_to`). A name in `map` that the header lacks is returned as
  /// `missing`.
  static func endpoints(in header: [String], map: ColumnMap?) -> (source: Int?, target: Int?, missing: String?) {
    if let s = map?["source"], header.firstIndex(of: s) == nil { return (nil, nil, s) }
    if let t = map?["target"], header.firstIndex(of: t) == nil { return (nil, nil, t) }
    var source = map?["source"].flatMap { header.firstIndex(of: $0) } ?? find(Self.source, in: header)
    var target = map?["target"].flatMap { header.firstIndex(of: $0) } ?? find(Self.target, in: header)
    if source == nil || target == nil {
      for (i, name) in header.enumerated() where name.count > 4 && name.hasSuffix("from") {
        if let j = header.firstIndex(of: String(name.dropLast(4)) + "to") {
          source = source ?? i
          target = target ?? j
          break
        }
      }
    }
    return (source, target, nil)
  }

  /// The column for `role`: by its name in `map` (nil, with the name, when the
  /// header lacks it), else by `aliases`.
  static func column(_ role: String, _ aliases: [String], in header: [String], map: ColumnMap?) -> (Int?, String?) {
    if let name = map?[role] {
      guard let i = header.firstIndex(of: name) else { return (nil, name) }
      return (i, nil)
    }
    return (find(aliases, in: header), nil)
  }
}
