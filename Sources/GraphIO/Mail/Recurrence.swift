import GraphCore

/// The days on which a calendar event took place, up to a reference day
/// (RFC 5545 §3.3.10, §3.8.5): `DTSTART`, the days its `RRULE` gives, the
/// `RDATE` days, less the `EXDATE` days.
///
/// Rules read: `FREQ` = `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`, with
/// `INTERVAL`, `COUNT`, `UNTIL`, `WKST`, `BYDAY` (weekly: weekdays; monthly
/// and yearly: with an ordinal such as `1MO` or `-1FR`) and `BYMONTHDAY`
/// (monthly). Occurrences are days (several a day count once). A rule with
/// other parts (`BYSETPOS`, `BYHOUR` …) or another frequency is not
/// expanded: the event counts on `DTSTART` and its `RDATE`s, and the caller
/// reports it. `COUNT` counts occurrences after the reference day too
/// (they use up the count), but only days up to the reference day are returned.
///
/// - Complexity: O(occurrences up to the reference day), at most `limit` steps.
enum Recurrence {
  /// Steps of a rule examined at most (a daily rule over 270 years).
  static let limit = 100_000

  struct Rule: Equatable {
    enum Frequency: String {
      case daily = "DAILY"
      case weekly = "WEEKLY"
      case monthly = "MONTHLY"
      case yearly = "YEARLY"
    }
    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: Day?
    /// (ordinal, weekday 0 = Monday); ordinal 0: every such weekday.
    var byDay: [(Int, Int)] = []
    var byMonthDay: [Int] = []
    var weekStart = 0

    static func == (a: Rule, b: Rule) -> Bool {
      a.frequency == b.frequency && a.interval == b.interval && a.count == b.count && a.until == b.until
        && a.byDay.map { [$0.0, $0.1] } == b.byDay.map { [$0.0, $0.1] } && a.byMonthDay == b.byMonthDay
        && a.weekStart == b.weekStart
    }
  }

  /// Why a rule is not expanded.
  struct RuleProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
  }

  static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

  /// Parses an `RRULE` value; the error says which part cannot be expanded.
  static func rule(_ text: String) -> Result<Rule, RuleProblem> {
    var parts: [String: String] = [:]
    for p in text.split(separator: ";") {
      let kv = p.split(separator: "=", maxSplits: 1)
      guard kv.count == 2 else { return .failure(RuleProblem("\"\(p)\" is not NAME=VALUE")) }
      parts[kv[0].uppercased()] = String(kv[1])
    }
    guard let f = parts["FREQ"].flatMap({ Rule.Frequency(rawValue: $0.uppercased()) }) else {
      return .failure(RuleProblem("FREQ \(parts["FREQ"] ?? "(missing)") is not DAILY, WEEKLY, MONTHLY or YEARLY"))
    }
    var rule = Rule(frequency: f)
    for (k, v) in parts {
      switch k {
      case "FREQ": break
      case "INTERVAL":
        guard let n = Int(v), n >= 1 else { return .failure(RuleProblem("INTERVAL \(v) is not a positive number")) }
        rule.interval = n
      case "COUNT":
        guard let n = Int(v), n >= 0 else { return .failure(RuleProblem("COUNT \(v) is not a number")) }
        rule.count = n
      case "UNTIL":
        guard let d = ICalendarReader.date(v, parameters: [:]) else {
          return .failure(RuleProblem("UNTIL \(v) is not a date"))
        }
        rule.until = d.day
      case "WKST":
        guard let w = weekdays.firstIndex(of: v.uppercased()) else {
          return .failure(RuleProblem("WKST \(v) is not a weekday"))
        }
        rule.weekStart = w
      case "BYDAY":
        for item in v.uppercased().split(separator: ",") {
          let code = String(item.suffix(2))
          guard let w = weekdays.firstIndex(of: code) else {
            return .failure(RuleProblem("BYDAY \(item) is not a weekday"))
          }
          let ordinalText = item.dropLast(2)
          let ordinal =
            ordinalText.isEmpty ? 0 : Int(ordinalText.hasPrefix("+") ? ordinalText.dropFirst() : ordinalText)
          guard let ordinal, abs(ordinal) <= 53 else { return .failure(RuleProblem("BYDAY \(item) has a bad ordinal")) }
          rule.byDay.append((ordinal, w))
        }
      case "BYMONTHDAY":
        for item in v.split(separator: ",") {
          guard let n = Int(item), n != 0, abs(n) <= 31 else {
            return .failure(RuleProblem("BYMONTHDAY \(item) is not a day"))
          }
          rule.byMonthDay.append(n)
        }
      default: return .failure(RuleProblem("\(k) is not supported"))
      }
    }
    if f == .daily && !(rule.byDay.isEmpty && rule.byMonthDay.isEmpty) {
      return .failure(RuleProblem("BYDAY or BYMONTHDAY with FREQ=DAILY is not supported"))
    }
    if (f == .weekly || f == .yearly) && !rule.byMonthDay.isEmpty {
      return .failure(RuleProblem("BYMONTHDAY with FREQ=\(f.rawValue) is not supported"))
    }
    if f == .weekly && rule.byDay.contains(where: { $0.0 != 0 }) {
      return .failure(RuleProblem("BYDAY with an ordinal needs FREQ=MONTHLY or YEARLY"))
    }
    return .success(rule)
  }

  /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
  static func weekday(_ d: Day) -> Int { Int(((Int(d.daysSinceEpoch) % 7) + 7 + 3) % 7) }

  /// The days `rule` gives from `start`, in order, up to `through` (and
  /// `UNTIL`), `COUNT` counted from `start`.
  static func days(_ rule: Rule, start: Day, through: Day) -> [Day] {
    var out: [Day] = []
    var generated = 0
    let end = min(through, rule.until ?? through)
    let (y0, m0, d0) = start.components
    for step in 0..<limit {
      var candidates: [Day] = []
      let periodStart: Day
      switch rule.frequency {
      case .daily:
        periodStart = start.adding(days: step * rule.interval)
        candidates = [periodStart]
      case .weekly:
        let weekFirst = start.adding(days: -((weekday(start) - rule.weekStart + 7) % 7))
        periodStart = weekFirst.adding(days: 7 * step * rule.interval)
        let wanted = rule.byDay.isEmpty ? [weekday(start)] : rule.byDay.map(\.1)
        candidates = wanted.map { periodStart.adding(days: ($0 - rule.weekStart + 7) % 7) }
      case .monthly:
        let months = (m0 - 1) + step * rule.interval
        let (y, m) = (y0 + months / 12, months % 12 + 1)
        guard let first = Day(year: y, month: m, day: 1) else { return out }
        periodStart = first
        candidates = daysInMonth(y, m, rule: rule, defaultDay: d0)
      case .yearly:
        let y = y0 + step * rule.interval
        guard let first = Day(year: y, month: 1, day: 1) else { return out }
        periodStart = first
        candidates =
          rule.byDay.isEmpty
          ? (Day(year: y, month: m0, day: d0).map { [$0] } ?? []) : daysInMonth(y, m0, rule: rule, defaultDay: d0)
      }
      if periodStart > end { break }
      for d in Set(candidates).sorted() where d >= start {
        // In order: once past the end (or the count), nothing later is used.
        if let c = rule.count, generated >= c { return out }
        if d > end { return out }
        generated += 1
        out.append(d)
      }
    }
    return out
  }

  /// The days of month `m` of year `y` that a monthly (or yearly `BYDAY`) rule names.
  private static func daysInMonth(_ y: Int, _ m: Int, rule: Rule, defaultDay: Int) -> [Day] {
    guard let first = Day(year: y, month: m, day: 1) else { return [] }
    let length = Day.daysIn(month: m, year: y)
    var out: [Day] = []
    for n in rule.byMonthDay {
      let d = n > 0 ? n : length + 1 + n
      if (1...length).contains(d) { out.append(first.adding(days: d - 1)) }
    }
    for (ordinal, w) in rule.byDay {
      let firstOfWeekday = (w - weekday(first) + 7) % 7 + 1
      let all = stride(from: firstOfWeekday, through: length, by: 7).map { $0 }
      if ordinal == 0 {
        out += all.map { first.adding(days: $0 - 1) }
      } else {
        let i = ordinal > 0 ? ordinal - 1 : all.count + ordinal
        if all.indices.contains(i) { out.append(first.adding(days: all[i] - 1)) }
      }
    }
    if rule.byDay.isEmpty && rule.byMonthDay.isEmpty, defaultDay <= length {
      out.append(first.adding(days: defaultDay - 1))
    }
    return out
  }

  /// The event's days up to `through`: `DTSTART`, the rule's days, `RDATE`s, less `EXDATE`s;
  /// `unexpanded` says why a rule was not expanded.
  static func occurrences(_ e: CalendarEvent, through: Day) -> (days: [Day], unexpanded: String?) {
    guard let start = e.start?.day else { return ([], nil) }
    var all: Set<Day> = [start]
    var unexpanded: String?
    if let text = e.rrule {
      switch rule(text) {
      case .success(let r): all.formUnion(days(r, start: start, through: through))
      case .failure(let why): unexpanded = why.message
      }
    }
    all.formUnion(e.rdates)
    all.subtract(e.exdates)
    return (all.filter { $0 <= through }.sorted(), unexpanded)
  }
}
