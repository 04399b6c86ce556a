import GraphCore

/// Who `liaison forget` removes: the values that name them in files.
public struct ForgetTarget: Sendable, Equatable {
  /// `PersonTable.stableKey` (the key corrections and the log use).
  public var key: String
  /// The external id.
  public var id: String
  /// The display name (the id when the network has no names).
  public var name: String
  /// Normalised emails (`Identity.normalizeEmail`).
  public var emails: [String]
  /// Normalised profile URLs (`Identity.normalizeProfileURL`).
  public var urls: [String]

  public init(key: String, id: String, name: String, emails: [String], urls: [String]) {
    self.key = key
    self.id = id
    self.name = name
    self.emails = emails.filter { !$0.isEmpty }
    self.urls = urls.filter { !$0.isEmpty }
  }

  /// The person `p` of `people`. O(emails of p).
  public init(_ p: PersonID, in people: PersonTable) {
    let url = people.profileURL(of: p)
    self.init(
      key: people.stableKey(of: p), id: people.id(of: p), name: people.name(of: p),
      emails: people.emails(of: p).map(Identity.normalizeEmail),
      urls: url.isEmpty ? [] : [Identity.normalizeProfileURL(url)])
  }

  /// The texts that must not remain anywhere once the person is forgotten
  /// (the id only when it is not a bare number, which other fields hold too).
  public var telltales: [String] {
    var out = emails + urls + [name]
    if id.contains(where: { !$0.isNumber }) { out.append(id) }
    return out.filter { $0.count >= 3 }
  }
}

/// Rewrites a stored source without the records that name a person
/// (Guides/Workspace.md, "Erasure"): for CSV-like files the data rows
/// with a field equal to one of the person's emails or profile URLs, to
/// their exact name (one cell, or a first and a last name side by side),
/// or, in an id column (`id`, `source`, `target` or the column mapped to
/// those roles), to their id; for vCard files the whole card; for
/// whitespace edge lists the lines whose ends are the id. Other formats
/// cannot be rewritten: they are refused when they name the person.
enum SourceRewrite {
  /// Formats that hold people but that `forget` cannot rewrite.
  static let unsupported: Set<String> = ["pajek", "dl", "matrix", "graphml", "gexf", "twomode"]

  struct Result {
    var bytes: [UInt8]
    var removed: Int
  }

  /// `bytes` without `target`'s records. O(bytes).
  /// - Throws: `WorkspaceError` when the format cannot be rewritten and the file names the person.
  static func rewrite(_ bytes: [UInt8], format: String, columns: String?, target: ForgetTarget, label: String) throws
    -> Result
  {
    if unsupported.contains(format) {
      let text = String(decoding: bytes, as: UTF8.self).lowercased()
      if target.telltales.contains(where: { text.contains($0.lowercased()) }) {
        throw WorkspaceError(
          "\(label) (\(format)) names \(target.name), and forget cannot rewrite \(format) files — "
            + "re-import the file without them, then run forget again")
      }
      return Result(bytes: bytes, removed: 0)
    }
    switch format {
    case "vcard": return vcard(bytes, target)
    case "edges": return edges(bytes, target)
    default: return csv(bytes, format: format, columns: columns, target)
    }
  }

  // MARK: CSV

  /// Record byte ranges (line ends included), honouring quotes.
  static func records(_ b: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    var quoted = false
    for i in b.indices {
      if b[i] == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if b[i] == UInt8(ascii: "\n") && !quoted {
        out.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < b.count { out.append(start..<b.count) }
    return out
  }

  /// The fields of one record, unquoted.
  static func fields(_ b: ArraySlice<UInt8>, delimiter: UInt8) -> [String] {
    var out: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var i = b.startIndex
    while i < b.endIndex {
      let c = b[i]
      if quoted {
        if c == UInt8(ascii: "\"") {
          if i + 1 < b.endIndex && b[i + 1] == UInt8(ascii: "\"") {
            field.append(c)
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == UInt8(ascii: "\"") {
        quoted = true
      } else if c == delimiter {
        out.append(String(decoding: field, as: UTF8.self))
        field = []
      } else if c != UInt8(ascii: "\n") && c != UInt8(ascii: "\r") {
        field.append(c)
      }
      i += 1
    }
    out.append(String(decoding: field, as: UTF8.self))
    return out
  }

  /// The most frequent of `,`, `;` and tab in the first 4 KiB, outside quotes.
  static func delimiter(_ b: [UInt8]) -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 9: 0]
    var quoted = false
    for c in b.prefix(4096) {
      if c == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c]! += 1 }
    }
    return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key
  }

  static func csv(_ b: [UInt8], format: String, columns: String?, _ target: ForgetTarget) -> Result {
    let rows = records(b)
    guard !rows.isEmpty else { return Result(bytes: b, removed: 0) }
    let d = delimiter(b)
    // The id columns, from the header of `people` and `ties` files (and the column names mapped to those roles).
    var idColumns = Set<Int>()
    var idNames: Set<String> = ["id", "source", "target"]
    for pair in (columns ?? "").split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2, ["id", "source", "target"].contains(parts[0]) { idNames.insert(parts[1].lowercased()) }
    }
    let hasHeader = format == "people" || format == "ties"
    if hasHeader {
      for (i, f) in fields(b[rows[0]], delimiter: d).enumerated()
      where idNames.contains(Identity.trim(f).lowercased()) {
        idColumns.insert(i)
      }
    }
    let emails = Set(target.emails)
    let urls = Set(target.urls)
    let name = Identity.trim(target.name)
    func names(_ fs: [String]) -> Bool {
      for (i, f) in fs.enumerated() {
        let t = Identity.trim(f)
        if t.isEmpty { continue }
        if idColumns.contains(i) && t == target.id { return true }
        if t.contains("@") && emails.contains(Identity.normalizeEmail(t)) { return true }
        if t.contains("/") && urls.contains(Identity.normalizeProfileURL(t)) { return true }
        if !name.isEmpty && t == name { return true }
        if i + 1 < fs.count && !name.isEmpty && t + " " + Identity.trim(fs[i + 1]) == name { return true }
      }
      return false
    }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var removed = 0
    for (n, r) in rows.enumerated() {
      if !(hasHeader && n == 0) && names(fields(b[r], delimiter: d)) {
        removed += 1
      } else {
        out += b[r]
      }
    }
    return Result(bytes: out, removed: removed)
  }

  // MARK: vCard and edge lists

  static func lines(_ b: [UInt8]) -> [ArraySlice<UInt8>] {
    var out: [ArraySlice<UInt8>] = []
    var start = 0
    for i in b.indices where b[i] == UInt8(ascii: "\n") {
      out.append(b[start...i])
      start = i + 1
    }
    if start < b.count { out.append(b[start...]) }
    return out
  }

  static func vcard(_ b: [UInt8], _ target: ForgetTarget) -> Result {
    var out: [UInt8] = []
    var card: [UInt8] = []
    var inCard = false
    var removed = 0
    let needles = (target.emails + target.urls).map { $0.lowercased() }
    let name = target.name.lowercased()
    func names(_ text: String) -> Bool {
      let lower = text.lowercased()
      if needles.contains(where: { lower.contains($0) }) { return true }
      for line in lower.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where line.hasPrefix("fn") {
        if let colon = line.firstIndex(of: ":"), Identity.trim(String(line[line.index(after: colon)...])) == name {
          return true
        }
      }
      return false
    }
    for line in lines(b) {
      let text = String(decoding: line, as: UTF8.self)
      let upper = Identity.trim(text).uppercased()
      if upper == "BEGIN:VCARD" {
        inCard = true
        card = Array(line)
      } else if inCard {
        card += line
        if upper == "END:VCARD" {
          inCard = false
          if names(String(decoding: card, as: UTF8.self)) { removed += 1 } else { out += card }
          card = []
        }
      } else {
        out += line
      }
    }
    out += card
    return Result(bytes: out, removed: removed)
  }

  static func edges(_ b: [UInt8], _ target: ForgetTarget) -> Result {
    var out: [UInt8] = []
    var removed = 0
    for line in lines(b) {
      let tokens = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        .map { Identity.trim(String($0)) }
      if !(tokens.first?.hasPrefix("#") ?? true) && tokens.prefix(2).contains(target.id) {
        removed += 1
      } else {
        out += line
      }
    }
    return Result(bytes: out, removed: removed)
  }
}
