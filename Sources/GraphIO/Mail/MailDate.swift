import GraphCore

/// RFC 5322 `Date:` values (`Tue, 25 Oct 2022 13:38:41 -0400`), obsolete
/// forms included: no day name, two- and three-digit years (RFC 5322 §4.3),
/// named zones (`GMT`, `UT`, `EST` … `PDT`, military letters as `-0000`),
/// seconds left out, comments (`(PDT)`), extra spaces. The day is the day in
/// UTC, so that mail from different zones sorts as it was sent.
enum MailDate {
  enum Problem: Error, Equatable, CustomStringConvertible {
    case unreadable
    case outOfRange(String)

    var description: String {
      switch self {
      case .unreadable: "not an RFC 5322 date (day month year hh:mm[:ss] zone)"
      case .outOfRange(let what): "out of range: \(what)"
      }
    }
  }

  private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
  private static let zones: [String: Int] = [
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -240, "est": -300, "cdt": -300, "cst": -360, "mdt": -360,
    "mst": -420, "pdt": -420, "pst": -480,
  ]

  /// The UTC day of a `Date:` value.
  /// - Complexity: O(length of the value).
  static func parse(_ text: String) -> Result<Day, Problem> {
    if let day = canonical(text) { return .success(day) }
    return general(text)
  }

  /// The common shape on bytes, `[Www, ]D[D] Mon YYYY HH:MM:SS ±HHMM[ (comment)]`,
  /// or nil for anything else (then `general` decides). Gives `general`'s
  /// day whenever it answers (MailDateTests checks this on random dates).
  /// - Complexity: O(length of the value), no allocation.
  static func canonical(_ text: String) -> Day? {
    var text = text
    return text.withUTF8 { b -> Day? in
      let n = b.count
      var i = 0
      func lower(_ k: Int) -> UInt8 { b[k] | 0x20 }
      func digit(_ k: Int) -> Int? { k < n && b[k] >= 0x30 && b[k] <= 0x39 ? Int(b[k] - 0x30) : nil }
      func word3(_ k: Int, in table: [[UInt8]]) -> Int? {
        guard k + 3 <= n else { return nil }
        for (index, u) in table.enumerated()
        where lower(k) == u[0] && lower(k + 1) == u[1] && lower(k + 2) == u[2] {
          return index
        }
        return nil
      }
      // Weekday.
      if n > 5, (b[0] | 0x20) >= 0x61, (b[0] | 0x20) <= 0x7A {
        guard word3(0, in: weekdayBytes) != nil, b[3] == UInt8(ascii: ","), b[4] == 0x20 else { return nil }
        i = 5
      }
      guard let d1 = digit(i) else { return nil }
      var day = d1
      i += 1
      if let d2 = digit(i) {
        day = day * 10 + d2
        i += 1
      }
      guard i < n, b[i] == 0x20, let month = word3(i + 1, in: monthBytes), i + 4 < n, b[i + 4] == 0x20 else {
        return nil
      }
      i += 5
      var year = 0
      for k in 0..<4 {
        guard let d = digit(i + k) else { return nil }
        year = year * 10 + d
      }
      i += 4
      guard i + 9 <= n, b[i] == 0x20, b[i + 3] == UInt8(ascii: ":"), b[i + 6] == UInt8(ascii: ":"),
        let h1 = digit(i + 1), let h2 = digit(i + 2), let m1 = digit(i + 4), let m2 = digit(i + 5),
        let s1 = digit(i + 7), let s2 = digit(i + 8)
      else { return nil }
      let (hour, minute, second) = (h1 * 10 + h2, m1 * 10 + m2, s1 * 10 + s2)
      guard hour <= 23, minute <= 59, second <= 60 else { return nil }
      i += 9
      guard i + 6 <= n, b[i] == 0x20, b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-") else {
        return nil
      }
      var zone = 0
      for k in 2...5 {
        guard let d = digit(i + k) else { return nil }
        zone = zone * 10 + d
      }
      guard zone % 100 < 60 else { return nil }
      let offset = (zone / 100 * 60 + zone % 100) * (b[i + 1] == UInt8(ascii: "-") ? -1 : 1)
      i += 6
      // The rest: nothing, or blanks and one comment without nesting.
      while i < n && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
      if i < n {
        guard b[i] == UInt8(ascii: "("), b[n - 1] == UInt8(ascii: ")") else { return nil }
        for k in (i + 1)..<(n - 1) where b[k] == UInt8(ascii: "(") || b[k] == UInt8(ascii: ")") { return nil }
      }
      guard let local = Day(year: year, month: month + 1, day: day) else { return nil }
      let minutes = hour * 60 + minute - offset
      return local.adding(days: minutes < 0 ? -1 : (minutes >= 1440 ? 1 : 0))
    }
  }

  private static let weekdayBytes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }
  private static let monthBytes = months.map { Array($0.utf8) }

  /// Every accepted form, on words.
  static func general(_ text: String) -> Result<Day, Problem> {
    // Comments out, then words.
    var plain = ""
    var depth = 0
    for c in text.unicodeScalars {
      if c == "(" {
        depth += 1
      } else if c == ")" {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        plain.unicodeScalars.append(c == "," ? " " : c)
      }
    }
    var words = plain.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map {
      $0.lowercased()
    }
    if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter),
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(first.prefix(3)))
    {
      words.removeFirst()
    }
    guard words.count >= 4 else { return .failure(.unreadable) }
    // `25 oct 2022` (RFC) or `oct 25 2022` (some old programs).
    var day: Int?
    var month: Int?
    if let d = Int(words[0]), let m = months.firstIndex(of: String(words[1].prefix(3))) {
      (day, month) = (d, m + 1)
    } else if let m = months.firstIndex(of: String(words[0].prefix(3))), let d = Int(words[1]) {
      (day, month) = (d, m + 1)
    }
    guard let day, let month, var year = Int(words[2]), words[2].allSatisfy(\.isNumber) else {
      return .failure(.unreadable)
    }
    if words[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
    let time = words[3].split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(time.count), let hour = Int(time[0]), let minute = Int(time[1]) else {
      return .failure(.unreadable)
    }
    let second = time.count == 3 ? Int(time[2]) : 0
    guard let second else { return .failure(.unreadable) }
    guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else {
      return .failure(.outOfRange("time \(words[3])"))
    }
    var offset = 0
    if words.count >= 5 {
      let z = words[4]
      if let sign = z.first, sign == "+" || sign == "-", z.count == 5, let v = Int(z.dropFirst()) {
        guard v % 100 < 60 else { return .failure(.outOfRange("zone \(z)")) }
        offset = (v / 100 * 60 + v % 100) * (sign == "-" ? -1 : 1)
      } else if let named = zones[z] {
        offset = named
      } else if z.count == 1, z.first!.isLetter {
        offset = 0  // military zones: unknown (RFC 5322 §4.3)
      } else {
        return .failure(.unreadable)
      }
    }
    guard let local = Day(year: year, month: month, day: day) else {
      return .failure(.outOfRange("day \(day) \(months[month - 1]) \(year)"))
    }
    // Minutes after local midnight, moved to UTC.
    let minutes = hour * 60 + minute - offset
    let shift = minutes < 0 ? -1 : (minutes >= 1440 ? 1 : 0)
    return .success(local.adding(days: shift))
  }
}
