/// One mailbox of an address list: the display name (decoded) and the address as written.
struct MailAddress: Equatable, Sendable {
  var name: String
  var address: String
  /// The address for matching: lower case (IDN domains are kept as written, not punycoded).
  var key: String { address.lowercased() }
}

/// RFC 5322 address lists (`From`, `To`, `Cc`, `Reply-To`), as mail
/// programs write them, obsolete forms included:
///
/// - `Name <a@b>`, `"Quoted, \"Name\"" <a@b>`, `a@b`, `<a@b>`;
/// - groups `Team: a@b, c@d;` (members kept, the group's name dropped) and
///   empty groups (`undisclosed-recipients:;`);
/// - comments in parentheses, nested and escaped, anywhere; `a@b (Name)`
///   takes its name from the comment when there is no other;
/// - obsolete routes `<@relay,@relay2:a@b>`, spaces around `@` and `.`,
///   empty list elements (`a@b,,c@d`);
/// - RFC 2047 encoded words in display names.
///
/// Only mailboxes whose address has an `@` are returned (a bare local name
/// cannot be matched to anyone).
///
/// - Complexity: O(length of the value).
enum MailAddresses {
  /// The mailboxes of an unfolded header value; `undecoded` counts encoded words left as written.
  static func parse(_ value: String, undecoded: inout Int) -> [MailAddress] {
    plainList(value, undecoded: &undecoded) ?? general(value, undecoded: &undecoded)
  }

  /// Every form, on Unicode scalars.
  static func general(_ value: String, undecoded: inout Int) -> [MailAddress] {
    var out: [MailAddress] = []
    for item in items(Array(value.unicodeScalars)) {
      if let a = mailbox(item, undecoded: &undecoded) { out.append(a) }
    }
    return out
  }

  /// The common case on bytes, without building scalar arrays: an ASCII list
  /// of `Name <a@b>`, `"Last, First" <a@b>`, `=?utf-8?q?…?= <a@b>` and
  /// `a@b` items with no comments, groups, routes, escapes, or unquoted `.`
  /// and `@` in a name. Anything else is nil, and `parse` reads it the
  /// general way, which gives the same answer for these forms
  /// (`MailAddressTests` checks both on random lists). Hand-written because
  /// address lists are most of the work of reading a mailbox. O(length).
  static func plainList(_ value: String, undecoded: inout Int) -> [MailAddress]? {
    var value = value
    var count = 0
    let result = value.withUTF8 { b -> [MailAddress]? in
      for c in b {
        switch c {
        case 0x80...0xFF, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ":"), UInt8(ascii: ";"),
          UInt8(ascii: "\\"):
          return nil
        default: continue
        }
      }
      func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
      func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
      }
      var out: [MailAddress] = []
      var i = 0
      while i <= b.count {
        // One item: name tokens up to an unquoted `<`, or a bare address, up to an unquoted `,`.
        var tokens: [String] = []
        var quotedSeen = false
        var wordStart = -1
        var open = -1
        func endWord(_ at: Int) {
          if wordStart >= 0 { tokens.append(EncodedWords.decode(text(wordStart..<at), undecoded: &count)) }
          wordStart = -1
        }
        let itemStart = i
        while i < b.count && b[i] != UInt8(ascii: ",") && b[i] != UInt8(ascii: "<") {
          let c = b[i]
          if c == UInt8(ascii: "\"") {
            endWord(i)
            guard let close = (i + 1..<b.count).first(where: { b[$0] == UInt8(ascii: "\"") }) else { return nil }
            tokens.append(text(i + 1..<close))
            quotedSeen = true
            i = close + 1
            continue
          }
          if c == UInt8(ascii: ">") { return nil }
          if blank(c) {
            endWord(i)
          } else if wordStart < 0 {
            wordStart = i
          }
          i += 1
        }
        endWord(i)
        if i < b.count && b[i] == UInt8(ascii: "<") {
          open = i
          guard let close = (open..<b.count).first(where: { b[$0] == UInt8(ascii: ">") }) else { return nil }
          var address: [UInt8] = []
          for j in (open + 1)..<close where !blank(b[j]) {
            if b[j] == UInt8(ascii: "<") || b[j] == UInt8(ascii: "\"") { return nil }
            address.append(b[j])
          }
          guard address.contains(UInt8(ascii: "@")), address.first != UInt8(ascii: "@") else { return nil }
          // Only blanks after the brackets, up to the item's end.
          i = close + 1
          while i < b.count && blank(b[i]) { i += 1 }
          guard i == b.count || b[i] == UInt8(ascii: ",") else { return nil }
          for j in itemStart..<open where b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "@") {
            // An unquoted `.` or `@` in the name is joined to words the general way.
            guard isInsideQuotes(b, itemStart, j) else { return nil }
          }
          out.append(
            MailAddress(
              name: tokens.joined(separator: " ").trimmingBlanks(), address: String(decoding: address, as: UTF8.self)))
        } else {
          // A bare address: its blanks dropped.
          guard !quotedSeen else { return nil }
          var bytes: [UInt8] = []
          for j in itemStart..<i where !blank(b[j]) { bytes.append(b[j]) }
          if !bytes.isEmpty {
            guard bytes.contains(UInt8(ascii: "@")), bytes.first != UInt8(ascii: "@"), bytes.last != UInt8(ascii: "@"),
              !bytes.contains(UInt8(ascii: "="))
            else { return nil }
            out.append(MailAddress(name: "", address: String(decoding: bytes, as: UTF8.self)))
          }
        }
        i += 1  // past the `,` (or the end)
      }
      return out
    }
    if result != nil { undecoded += count }
    return result
  }

  /// Whether byte `j` is inside a quoted string that starts at or after `start`.
  private static func isInsideQuotes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ j: Int) -> Bool {
    var inside = false
    for k in start..<j where b[k] == UInt8(ascii: "\"") { inside.toggle() }
    return inside
  }

  /// Splits a list into its mailboxes' text: at top-level `,`, and around
  /// group syntax (`name:` opens, `;` closes), outside quotes, comments and angle brackets.
  private static func items(_ s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    var out: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    var i = 0
    var depth = 0  // comment nesting
    var quoted = false
    var angle = false
    func cut(_ end: Int) {
      if end > start { out.append(s[start..<end]) }
      start = end + 1
    }
    while i < s.count {
      let c = s[i]
      if quoted {
        if c == "\\" {
          i += 1
        } else if c == "\"" {
          quoted = false
        }
      } else if depth > 0 {
        if c == "\\" {
          i += 1
        } else if c == "(" {
          depth += 1
        } else if c == ")" {
          depth -= 1
        }
      } else {
        switch c {
        case "\"": quoted = true
        case "(": depth = 1
        case "<": angle = true
        case ">": angle = false
        case "," where !angle, ";" where !angle: cut(i)
        case ":" where !angle:
          // A group's name: dropped.
          start = i + 1
        default: break
        }
      }
      i += 1
    }
    cut(s.count)
    return out
  }

  /// One mailbox's text as a name and an address; nil when it holds no address with `@`.
  private static func mailbox(_ s: ArraySlice<Unicode.Scalar>, undecoded: inout Int) -> MailAddress? {
    var phrase: [String] = []
    var comments: [String] = []
    var angleAddress: String?
    var bare = ""
    var i = s.startIndex
    var word = ""
    var wordQuoted = false
    func endWord() {
      if !word.isEmpty || wordQuoted {
        phrase.append(wordQuoted ? word : EncodedWords.decode(word, undecoded: &undecoded))
        if angleAddress == nil {
          bare += wordQuoted ? "\"\(word)\"" : word
        }
      }
      word = ""
      wordQuoted = false
    }
    while i < s.endIndex {
      let c = s[i]
      switch c {
      case "\"":
        endWord()
        var q = ""
        i += 1
        while i < s.endIndex, s[i] != "\"" {
          if s[i] == "\\", i + 1 < s.endIndex { i += 1 }
          q.unicodeScalars.append(s[i])
          i += 1
        }
        word = q
        wordQuoted = true
        endWord()
      case "(":
        endWord()
        var depth = 1
        var text = ""
        i += 1
        while i < s.endIndex {
          if s[i] == "\\", i + 1 < s.endIndex {
            i += 1
          } else if s[i] == "(" {
            depth += 1
          } else if s[i] == ")" {
            depth -= 1
            if depth == 0 { break }
          }
          text.unicodeScalars.append(s[i])
          i += 1
        }
        let t = text.trimmingBlanks()
        if !t.isEmpty { comments.append(EncodedWords.decode(t, undecoded: &undecoded)) }
      case "<":
        endWord()
        var inner = ""
        i += 1
        while i < s.endIndex, s[i] != ">" {
          if s[i] == "(" {
            // A comment inside the brackets.
            var depth = 1
            i += 1
            while i < s.endIndex, depth > 0 {
              if s[i] == "(" { depth += 1 } else if s[i] == ")" { depth -= 1 }
              i += 1
            }
            continue
          }
          if s[i] != " " && s[i] != "\t" && s[i] != "\r" && s[i] != "\n" { inner.unicodeScalars.append(s[i]) }
          i += 1
        }
        // Obsolete route: `@a,@b:local@domain`.
        if let colon = inner.lastIndex(of: ":"), inner.hasPrefix("@") {
          inner = String(inner[inner.index(after: colon)...])
        }
        if angleAddress == nil { angleAddress = inner }
      case " ", "\t", "\r", "\n":
        endWord()
      case "@", ".":
        // Joined to the words around it (`a @ b . c` is `a@b.c`); a phrase word otherwise.
        endWord()
        if angleAddress == nil { bare.unicodeScalars.append(c) }
        if c == "." && !phrase.isEmpty { phrase[phrase.count - 1].unicodeScalars.append(c) }
      default:
        word.unicodeScalars.append(c)
      }
      i += 1
    }
    endWord()
    if let angleAddress {
      guard angleAddress.contains("@") else { return nil }
      // The display name: the phrase before the brackets, else a comment.
      let name = phrase.isEmpty ? (comments.first ?? "") : phrase.joined(separator: " ")
      return MailAddress(name: name.trimmingBlanks(), address: angleAddress)
    }
    guard bare.contains("@"), !bare.hasPrefix("@"), !bare.hasSuffix("@") else { return nil }
    return MailAddress(name: comments.first ?? "", address: bare)
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and line ends.
  func trimmingBlanks() -> String {
    let u = unicodeScalars
    var start = u.startIndex
    var end = u.endIndex
    func blank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }
    while start < end, blank(u[start]) { u.formIndex(after: &start) }
    while end > start, blank(u[u.index(before: end)]) { u.formIndex(before: &end) }
    return String(u[start..<end])
  }
}
