import GraphCore

/// A calendar user named by `ORGANIZER` or `ATTENDEE`.
struct CalendarPerson: Equatable, Sendable {
  /// The address, from a `mailto:` value (as written).
  var address: String
  /// `CN`, RFC 6868 escapes undone.
  var name: String
  /// `PARTSTAT` and `ROLE` (upper case; empty when absent) and `CUTYPE`.
  var partstat = ""
  var role = ""
  var cutype = ""
}

/// A date property (`DTSTART`, `RDATE`, `EXDATE`, `RECURRENCE-ID`): its day,
/// and how it was written.
struct CalendarDate: Equatable, Sendable {
  enum Form: Equatable, Sendable {
    case date, utc, floating
    case zoned(String)
  }
  var day: Day
  var form: Form
}

/// One `VEVENT`, with what Liaison uses of it.
struct CalendarEvent: Sendable {
  var line: Int
  var uid = ""
  var status = ""
  var organizer: CalendarPerson?
  var attendees: [CalendarPerson] = []
  var start: CalendarDate?
  var rrule: String?
  var rdates: [Day] = []
  var exdates: [Day] = []
  var recurrenceID: Day?
}

/// Reads iCalendar (RFC 5545) files: content lines unfolded (a line break
/// followed by a space or tab joins the lines, even inside a UTF-8
/// character), components nested with `BEGIN`/`END`, and of each `VEVENT`
/// the properties `UID`, `STATUS`, `ORGANIZER`, `ATTENDEE` (parameters
/// `CN`, `PARTSTAT`, `ROLE`, `CUTYPE`; quoted and multi-valued parameters;
/// RFC 6868 `^n`, `^^`, `^'` escapes), `DTSTART` (`VALUE=DATE`, UTC,
/// floating, `TZID`), `RRULE`, `RDATE`, `EXDATE` and `RECURRENCE-ID`.
/// Properties of components inside an event (`VALARM`'s `ATTENDEE` is an
/// alarm's recipient) are not the event's.
///
/// A component that is broken (an `END` that does not match, a line that is
/// not a property, a `DTSTART` that is not a date, a component cut off by
/// the end of the file) is reported with its file, line and name, and
/// reading goes on with the next one.
///
/// - Complexity: O(bytes); memory the events of the file (their people and dates).
struct ICalendarReader {
  struct Problem: Equatable, Sendable {
    var line: Int
    var component: String
    var message: String
    /// Whether the component was left out for it (else only the value was).
    var skipsComponent = true
  }

  private(set) var events: [CalendarEvent] = []
  private(set) var problems: [Problem] = []
  /// Components seen by name (`VEVENT`, `VTODO` …).
  private(set) var components: [String: Int] = [:]

  /// Reads every content line of `source`.
  init(source: ByteSource) throws(ImportError) {
    var lines = try LineReader(source: source)
    var logical: [UInt8] = []
    var logicalLine = 0
    var number = 0
    var state = State()
    while true {
      let more = try lines.next { (line: UnsafeBufferPointer<UInt8>) -> Void in
        number += 1
        if !line.isEmpty, line[0] == 0x20 || line[0] == 0x09, logicalLine > 0 {
          logical.append(contentsOf: line[1...])
          return
        }
        if logicalLine > 0 { state.take(logical, line: logicalLine) }
        logical.removeAll(keepingCapacity: true)
        logical.append(contentsOf: line)
        logicalLine = line.isEmpty ? 0 : number
      }
      if !more { break }
    }
    if logicalLine > 0 { state.take(logical, line: logicalLine) }
    state.finish(lastLine: number)
    events = state.events
    problems = state.problems
    components = state.components
  }

  /// A content line split: name (upper case), parameters (names upper case,
  /// values unquoted and unescaped, comma lists split), value.
  struct ContentLine: Equatable {
    var name: String
    var parameters: [String: [String]]
    var value: String
  }

  /// Splits one unfolded content line; nil when it is not `name[;params]:value`.
  /// - Complexity: O(line length).
  static func contentLine(_ text: String) -> ContentLine? {
    let s = Array(text.unicodeScalars)
    var i = 0
    func isNameChar(_ c: Unicode.Scalar) -> Bool {
      (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
    }
    while i < s.count, isNameChar(s[i]) { i += 1 }
    guard i > 0, i < s.count else { return nil }
    let name = String(String.UnicodeScalarView(s[0..<i])).uppercased()
    var parameters: [String: [String]] = [:]
    while i < s.count, s[i] == ";" {
      i += 1
      let start = i
      while i < s.count, isNameChar(s[i]) || s[i] == " " { i += 1 }
      let pname = String(String.UnicodeScalarView(s[start..<i])).trimmingBlanks().uppercased()
      guard i < s.count, s[i] == "=" else { return nil }
      i += 1
      var values: [String] = []
      while true {
        var v = ""
        if i < s.count, s[i] == "\"" {
          i += 1
          while i < s.count, s[i] != "\"" {
            v.unicodeScalars.append(s[i])
            i += 1
          }
          guard i < s.count else { return nil }
          i += 1
        } else {
          while i < s.count, s[i] != ";", s[i] != ":", s[i] != "," {
            v.unicodeScalars.append(s[i])
            i += 1
          }
        }
        values.append(caretUnescaped(v))
        if i < s.count, s[i] == "," {
          i += 1
          continue
        }
        break
      }
      parameters[pname, default: []] += values
    }
    guard i < s.count, s[i] == ":" else { return nil }
    return ContentLine(name: name, parameters: parameters, value: String(String.UnicodeScalarView(s[(i + 1)...])))
  }

  /// RFC 6868: `^n` a line break, `^^` a caret, `^'` a double quote; any other `^` stays.
  static func caretUnescaped(_ v: String) -> String {
    guard v.contains("^") else { return v }
    var out = ""
    var caret = false
    for c in v.unicodeScalars {
      if caret {
        caret = false
        switch c {
        case "n", "N": out += "\n"
        case "^": out += "^"
        case "'": out += "\""
        default:
          out += "^"
          out.unicodeScalars.append(c)
        }
      } else if c == "^" {
        caret = true
      } else {
        out.unicodeScalars.append(c)
      }
    }
    if caret { out += "^" }
    return out
  }

  /// A date or date-time value (`20230105`, `20230105T090000`, `…Z`); nil when it is not one.
  static func date(_ value: String, parameters: [String: [String]]) -> CalendarDate? {
    let v = value.trimmingBlanks()
    let u = Array(v.utf8)
    guard u.count >= 8, u[0..<8].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    func number(_ r: Range<Int>) -> Int { u[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
    guard let day = Day(year: number(0..<4), month: number(4..<6), day: number(6..<8)) else { return nil }
    if u.count == 8 { return CalendarDate(day: day, form: .date) }
    guard u.count >= 15, u[8] == UInt8(ascii: "T"), u[9..<15].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      number(9..<11) < 24, number(11..<13) < 60, number(13..<15) <= 60
    else { return nil }
    if u.count == 16 && u[15] == UInt8(ascii: "Z") { return CalendarDate(day: day, form: .utc) }
    guard u.count == 15 else { return nil }
    if let tz = parameters["TZID"]?.first { return CalendarDate(day: day, form: .zoned(tz)) }
    return CalendarDate(day: day, form: .floating)
  }

  /// The days of a list value (`RDATE`, `EXDATE`: dates, date-times or periods `start/end`); nil when one is not.
  static func dates(_ value: String, parameters: [String: [String]]) -> [Day]? {
    var out: [Day] = []
    for part in value.split(separator: ",") {
      let start = part.split(separator: "/").first.map(String.init) ?? ""
      guard let d = date(start, parameters: parameters) else { return nil }
      out.append(d.day)
    }
    return out
  }

  private struct State {
    var stack: [(name: String, line: Int)] = []
    var event: CalendarEvent?
    /// The event's `VEVENT` depth in `stack` (properties count only there).
    var eventDepth = -1
    var broken = false
    var events: [CalendarEvent] = []
    var problems: [Problem] = []
    var components: [String: Int] = [:]

    mutating func problem(_ line: Int, _ message: String, skipsComponent: Bool = true) {
      let component = stack.last?.name ?? "VCALENDAR"
      if problems.count < ImportReport.errorLimit {
        problems.append(Problem(line: line, component: component, message: message, skipsComponent: skipsComponent))
      }
    }

    mutating func take(_ bytes: [UInt8], line: Int) {
      let text = EncodedWords.headerText(bytes)
      guard let cl = ICalendarReader.contentLine(text) else {
        if text.trimmingBlanks().isEmpty { return }
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        problem(line, "not a content line (NAME;PARAM=…:VALUE): \"\(shown)\"")
        if eventDepth >= 0 { broken = true }
        return
      }
      switch cl.name {
      case "BEGIN":
        let name = cl.value.trimmingBlanks().uppercased()
        stack.append((name, line))
        components[name, default: 0] += 1
        if name == "VEVENT" && eventDepth < 0 {
          event = CalendarEvent(line: line)
          eventDepth = stack.count - 1
          broken = false
        }
      case "END":
        let name = cl.value.trimmingBlanks().uppercased()
        guard let i = stack.lastIndex(where: { $0.name == name }) else {
          problem(line, "END:\(name) without BEGIN:\(name)")
          return
        }
        if i != stack.count - 1 {
          let open = stack[(i + 1)...].map { "\($0.name) (line \($0.line))" }.joined(separator: ", ")
          problem(line, "END:\(name) closes \(name) while \(open) is open")
          if eventDepth > i { broken = true }
        }
        if eventDepth >= i { endEvent() }
        stack.removeSubrange(i...)
      default:
        guard eventDepth >= 0, stack.count - 1 == eventDepth else { return }
        property(cl, line: line)
      }
    }

    mutating func endEvent() {
      if let e = event, !broken { events.append(e) }
      event = nil
      eventDepth = -1
      broken = false
    }

    mutating func property(_ cl: ContentLine, line: Int) {
      func person() -> CalendarPerson? {
        let v = cl.value.trimmingBlanks()
        guard v.lowercased().hasPrefix("mailto:") else { return nil }
        let address = String(v.dropFirst(7)).trimmingBlanks()
        guard address.contains("@") else { return nil }
        func p(_ k: String) -> String { cl.parameters[k]?.first ?? "" }
        return CalendarPerson(
          address: address, name: p("CN"), partstat: p("PARTSTAT").uppercased(), role: p("ROLE").uppercased(),
          cutype: p("CUTYPE").uppercased())
      }
      switch cl.name {
      case "UID": event?.uid = cl.value
      case "STATUS": event?.status = cl.value.trimmingBlanks().uppercased()
      case "ORGANIZER": event?.organizer = person()
      case "ATTENDEE": if let a = person() { event?.attendees.append(a) }
      case "DTSTART":
        guard let d = ICalendarReader.date(cl.value, parameters: cl.parameters) else {
          problem(line, "DTSTART \"\(cl.value)\" is not a date or date-time (YYYYMMDD[THHMMSS[Z]])")
          broken = true
          return
        }
        event?.start = d
      case "RRULE": event?.rrule = cl.value
      case "RDATE", "EXDATE":
        guard let days = ICalendarReader.dates(cl.value, parameters: cl.parameters) else {
          problem(line, "\(cl.name) \"\(cl.value)\" is not a list of dates; left out", skipsComponent: false)
          return
        }
        if cl.name == "RDATE" { event?.rdates += days } else { event?.exdates += days }
      case "RECURRENCE-ID":
        event?.recurrenceID = ICalendarReader.date(cl.value, parameters: cl.parameters)?.day
      default: break
      }
    }

    mutating func finish(lastLine: Int) {
      for open in stack.reversed() where problems.count < ImportReport.errorLimit {
        problems.append(
          Problem(
            line: open.line, component: open.name,
            message: "BEGIN:\(open.name) is never closed (the file ends at line \(lastLine))"))
      }
      if eventDepth >= 0 {
        // A cut-off event is broken: not used.
        event = nil
      }
      stack = []
    }
  }
}
