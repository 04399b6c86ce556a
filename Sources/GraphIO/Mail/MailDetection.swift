extension FormatDetector {
  /// Header fields that only mail has (or that mail always has), lower case.
  private static let mailFields: Set<String> = [
    "from", "date", "message-id", "received", "return-path", "delivered-to", "mime-version", "x-mozilla-status",
    "x-gmail-labels", "dkim-signature", "in-reply-to", "references",
  ]

  /// Mail and calendar formats from the first lines of a file (blank lines
  /// left out): `BEGIN:VCALENDAR` is iCalendar; a `From ` line followed by
  /// header fields is an mbox; a block of RFC 5322 header fields that names
  /// at least one field only mail has (`From`, `Date`, `Message-ID`,
  /// `Received` …) is one message (`.eml`).
  /// - Complexity: O(bytes of the lines given).
  static func mailFormat(_ lines: [ArraySlice<UInt8>]) -> InputFormat? {
    guard let first = lines.first else { return nil }
    let start = first.drop { $0 == 0x20 || $0 == 0x09 }
    // A calendar, or a lone component cut from one (`BEGIN:VEVENT`).
    let begin = String(decoding: start.prefix(20), as: UTF8.self).uppercased()
    for component in ["VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VALARM"]
    where begin.hasPrefix("BEGIN:" + component) {
      return .ics
    }
    var rest = lines[...]
    var mbox = false
    if first.starts(with: Array("From ".utf8)) {
      mbox = true
      rest = rest.dropFirst()
    }
    var fields = 0
    var known = false
    for line in rest {
      if line.first == 0x20 || line.first == 0x09 { continue }
      guard let name = fieldName(line) else { break }
      fields += 1
      if mailFields.contains(name) { known = true }
    }
    if mbox && fields >= 1 { return .mbox }
    if !mbox && known && fields >= 2 && fieldName(first) != nil { return .eml }
    return nil
  }

  /// The lower-case name of a header field line (`Name: value`), or nil.
  private static func fieldName(_ line: ArraySlice<UInt8>) -> String? {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
    let name = line[..<colon]
    guard
      name.allSatisfy({
        ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D
          || $0 == 0x5F
      })
    else { return nil }
    return String(decoding: name, as: UTF8.self).lowercased()
  }
}
