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
