/// Normalised keys for matching people, companies and industries across
/// files and commands (Guides/GraphCore.md, "Identity keys").
///
/// Matching is exact on these keys — never substring or similarity — so a
/// wrong merge needs two different people with the same normalised name *and*
/// the same normalised employer ("a wrong guess is not neutral").
///
/// - **Names**: accents folded (é → e, ß → ss, ø → o …), case folded, a
///   nickname in parentheses dropped (`Marie (Mimi)`), credentials after a
///   comma dropped (`Hughes, PMP`, `Jane Roe, Ph.D., MBA`), punctuation and
///   emoji removed, whitespace collapsed.
/// - **Companies**: the same folding, then a leading `the` and trailing legal
///   forms removed (`Inc`, `LLC`, `GmbH`, `S.A.`, `& Co.` …), `and` written as
///   `&`, so "Apple", "Apple Inc.", "APPLE" and "Apple, Inc" are one company
///   while "Ernst & Young" keeps its `&`.
/// - **Industries**: the same folding and `and` written as `&`; nothing removed.
///
/// The company and industry keys are the only meaning of "same company" and
/// "same industry": identity resolution, tie inference, the interned groups
/// of `PersonTable` (`companyGroups`, `industryGroups`) and the target
/// resolver all use them.
extension Identity {
  /// The name key, or "" when nothing is left.
  /// - Complexity: O(length).
  public static func nameKey(_ s: String) -> String {
    var text = s
    // Drop parenthesised parts (nicknames, former names).
    if text.utf8.contains(UInt8(ascii: "(")) {
      var out = ""
      var depth = 0
      for c in text {
        if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { out.append(c) }
      }
      text = out
    }
    // Drop credentials after the first comma when every part is one.
    if let comma = text.firstIndex(of: ",") {
      let rest = text[text.index(after: comma)...].split(separator: ",")
      if rest.allSatisfy({ isCredential(String($0)) }) { text = String(text[..<comma]) }
    }
    return words(text).joined(separator: " ")
  }

  /// The key a typed person reference is compared by when no name matches
  /// as written: the folded words (`words`: case, accents and punctuation
  /// ignored) joined by single spaces, so `medicí`, `MEDICI` and `Medici`
  /// are one key. "" when nothing is left.
  /// - Complexity: O(length).
  public static func lookupKey(_ s: String) -> String { words(s).joined(separator: " ") }

  /// Whether `s` looks like a credential or post-nominal (`PMP`, `Ph.D.`, `MBA`, `CFA`).
  static func isCredential(_ s: String) -> Bool {
    let t = trim(s)
    if t.isEmpty { return true }
    let key = String(t.lowercased().filter { $0.isLetter || $0.isNumber })
    if credentials.contains(key) { return true }
    // Short all-capital abbreviations: "PMP", "CSM", "SHRM-CP".
    let letters = t.filter { $0.isLetter }
    return t.count <= 8 && letters.count >= 2 && letters.allSatisfy { $0.isUppercase }
      && !t.contains(" ")
  }

  static let credentials: Set<String> = [
    "phd", "md", "mba", "msc", "ms", "ma", "bsc", "ba", "cpa", "cfa", "pmp", "pe", "esq", "rn", "dds", "jd", "llm",
    "mphil", "dphil", "frcs", "cissp", "csm", "acca", "aca", "cima", "shrmcp", "shrmscp", "phr", "sphr", "pmiacp",
    "ceng", "mieee", "dr", "prof",
  ]

  /// The company key, or "" when nothing is left.
  /// - Complexity: O(length).
  public static func companyKey(_ s: String) -> String {
    var w = words(replacingAmpersands(s))
    if w.first == "the", w.count > 1 { w.removeFirst() }
    while w.count > 1, let last = w.last, legalForms.contains(last) || last == "&" { w.removeLast() }
    // Dotted forms split into letters: "s a" (S.A.), "b v" (B.V.), "s r l", "s p a".
    while w.count > 2, let pair = Optional(w.suffix(2).joined()), legalForms.contains(pair) {
      w.removeLast(2)
      while w.count > 1, let last = w.last, legalForms.contains(last) || last == "&" { w.removeLast() }
    }
    while w.count > 3, legalForms.contains(w.suffix(3).joined()) { w.removeLast(3) }
    return w.joined(separator: " ")
  }

  /// The industry key ("Hospitals and Health Care" = "hospitals & health
  /// care"), or "" when nothing is left.
  /// - Complexity: O(length).
  public static func industryKey(_ s: String) -> String {
    words(replacingAmpersands(s)).joined(separator: " ")
  }

  static let legalForms: Set<String> = [
    "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "lllp", "llp", "lp", "ltd", "limited", "plc",
    "gmbh", "mbh", "ag", "kg", "kgaa", "ug", "se", "sa", "sas", "sarl", "sl", "slu", "bv", "nv", "srl", "spa", "oy",
    "oyj", "ab", "as", "asa", "aps", "pty", "pte", "pvt", "kk", "sro", "zrt", "kft", "ltda", "sac", "cv", "sab",
    "pllc", "pc",
  ]

  /// The lower-case domain of an email address, or nil.
  package static func emailDomain(_ email: String) -> String? {
    // The usual address, printable ASCII after its last `@`, by its bytes
    // (the general path below walks characters, a tenth of a row's merging).
    let plain = email.withUTF8Bytes { b -> String?? in
      guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
      guard let at = b.lastIndex(of: UInt8(ascii: "@")) else { return .some(nil) }
      let domain = UnsafeBufferPointer(rebasing: b[(at + 1)...])
      guard domain.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
      guard domain.contains(UInt8(ascii: ".")) else { return .some(nil) }
      return .some(String(decoding: domain.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self))
    }
    return plain ?? emailDomainByCharacters(email)
  }

  /// `emailDomain` for any text, character by character.
  package static func emailDomainByCharacters(_ email: String) -> String? {
    guard let at = email.lastIndex(of: "@") else { return nil }
    let d = trim(String(email[email.index(after: at)...])).lowercased()
    return d.contains(".") ? d : nil
  }

  /// Whether `email` looks like an address (one `@`, a dot in the domain, no spaces).
  package static func isEmail(_ s: String) -> Bool {
    trim(s).withUTF8Bytes { b -> Bool in
      var at = -1
      var dotAfterAt = false
      for (i, x) in b.enumerated() {
        switch x {
        case UInt8(ascii: "@"):
          if at >= 0 || i == 0 { return false }
          at = i
        case UInt8(ascii: "."): if at >= 0 { dotAfterAt = true }
        case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ";"): return false
        default: continue
        }
      }
      return at > 0 && dotAfterAt
    }
  }

  /// Domains of free mail providers: a shared domain there says nothing about a shared employer.
  package static let freemailDomains: Set<String> = [
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it",
    "yahoo.co.in", "yahoo.co.jp", "ymail.com", "rocketmail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
    "hotmail.de", "hotmail.it", "hotmail.es", "outlook.com", "outlook.fr", "outlook.de", "live.com", "live.co.uk",
    "live.fr", "live.de", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "gmx.de", "gmx.net",
    "gmx.com", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "protonmail.com", "proton.me", "pm.me",
    "tutanota.com", "tuta.io", "yandex.ru", "yandex.com", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
    "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "naver.com", "daum.net", "hanmail.net", "orange.fr",
    "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "alice.it", "tiscali.it",
    "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "zoho.com", "fastmail.com", "fastmail.fm", "hey.com",
    "mailbox.org", "posteo.de", "rediffmail.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
    "bellsouth.net", "cox.net", "charter.net", "btinternet.com", "sky.com", "virginmedia.com", "bigpond.com",
    "optusnet.com.au", "shaw.ca", "rogers.com", "sympatico.ca", "uol.com.br", "bol.com.br", "terra.com.br",
    "example.com", "example.org", "example.net",
  ]

  /// Folded, lower-case words of letters and digits (other scripts kept as they are).
  /// - Complexity: O(length).
  package static func words(_ s: String) -> [String] {
    if let ascii = asciiWords(s) { return ascii }
    var out: [String] = []
    var current = String.UnicodeScalarView()
    func flush() {
      if !current.isEmpty { out.append(String(current)) }
      current = String.UnicodeScalarView()
    }
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v == 0x26 {  // &
        flush()
        out.append("&")
        continue
      }
      if (0x300...0x36F).contains(v) { continue }  // combining marks
      if let folded = fold(v) {
        current.append(contentsOf: folded.unicodeScalars)
        continue
      }
      let p = scalar.properties
      if p.isAlphabetic || p.numericType != nil {
        for l in p.lowercaseMapping.unicodeScalars { current.append(l) }
      } else if v == 0x27 || v == 0x2019 {
        continue  // O'Brien = OBrien
      } else {
        flush()
      }
    }
    flush()
    return out
  }

  /// `words` for pure-ASCII text without going through Unicode properties
  /// (most names and companies); nil when `s` has any non-ASCII byte.
  static func asciiWords(_ s: String) -> [String]? {
    var s = s
    return s.withUTF8 { bytes -> [String]? in
      var out: [String] = []
      var word: [UInt8] = []
      word.reserveCapacity(bytes.count)
      func flush() {
        if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
        word.removeAll(keepingCapacity: true)
      }
      for b in bytes {
        switch b {
        case 0x80...: return nil
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(b)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b | 0x20)
        case UInt8(ascii: "'"): continue
        case UInt8(ascii: "&"):
          flush()
          out.append("&")
        default: flush()
        }
      }
      flush()
      return out
    }
  }

  /// ASCII folding of Latin-1 Supplement and Latin Extended-A letters.
  package static func fold(_ v: UInt32) -> String? {
    if v < 0xC0 || v > 0x17F { return nil }
    if v <= 0xFF { return latin1Fold[Int(v - 0xC0)] }
    return latinExtendedAFold[Int(v - 0x100)]
  }

  static let latin1Fold: [String?] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0–CF
    "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0–DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0–EF
    "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",  // F0–FF
  ]

  /// U+0100–U+017F folded, as runs of (count, letters).
  static let latinExtendedAFold: [String?] = {
    let runs: [(Int, String)] = [
      (6, "a"), (8, "c"), (4, "d"), (10, "e"), (8, "g"), (4, "h"), (10, "i"), (2, "ij"), (2, "j"), (3, "k"),
      (10, "l"), (7, "n"), (2, "n"), (6, "o"), (2, "oe"), (6, "r"), (8, "s"), (6, "t"), (12, "u"), (2, "w"),
      (3, "y"), (6, "z"), (1, "s"),
    ]
    var table: [String?] = []
    for (n, l) in runs { table.append(contentsOf: repeatElement(Optional(l), count: n)) }
    return table
  }()

  /// `and` between words becomes `&`, so "Procter and Gamble" = "Procter & Gamble".
  /// - Complexity: O(length).
  static func replacingAmpersands(_ s: String) -> String {
    guard hasAndWord(s) else { return s }
    var parts = s.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    for i in parts.indices where parts[i].lowercased() == "and" && i > 0 && i < parts.count - 1 { parts[i] = "&" }
    return parts.joined(separator: " ")
  }

  /// Whether `s` holds " and " in any ASCII case (the cheap test before splitting).
  private static func hasAndWord(_ s: String) -> Bool {
    s.withUTF8Bytes { b -> Bool in
      guard b.count >= 5 else { return false }
      for i in 0...(b.count - 5) where b[i] == 0x20 && b[i + 4] == 0x20 {
        if b[i + 1] | 0x20 == 0x61 && b[i + 2] | 0x20 == 0x6E && b[i + 3] | 0x20 == 0x64 { return true }
      }
      return false
    }
  }
}
