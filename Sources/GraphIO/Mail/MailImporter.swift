import GraphCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads mailboxes (`mbox`, `eml`) and calendars (`ics`) into evidence and
/// then into people and ties (Guides/MailAndCalendar.md).
///
/// Counting: a message (an event) that gives evidence is `imported`; one
/// with no sender, or a broken or undated event, is `rejected` with its
/// line. Bulk and automated mail, messages with no recipient but their
/// sender, cancelled events, events with fewer than two people and events
/// only in the future are not rows: the file's `mail` summary counts them.
///
/// - Complexity: O(bytes) reading, O(Σ k²) for co-recipients (k ≤ `maxRecipients`).
enum MailImporter {
  /// Reads the session's current file as `format` (`.mbox`, `.eml` or `.ics`).
  static func read(format: InputFormat, spec: InputSpec, into session: inout ImportSession) throws(ImportError) {
    let file = session.file
    let source = try ByteSource(path: file)
    let mail = spec.mail ?? session.options.mail
    var evidence = MailEvidence(kind: format == .ics ? "calendar" : "mail", maxRecipients: mail.maxRecipients)
    if format == .ics {
      try readCalendar(source, into: &evidence, session: &session)
      session.report.generation = "iCalendar (RFC 5545)"
    } else {
      var reader = try MailboxReader(source: source, mbox: format == .mbox)
      if mail.since != nil { evidence.summary.beforeSince = 0 }
      let progress = session.options.onProgress
      var messages = 0
      while let m = try reader.next() {
        try take(m, into: &evidence, since: mail.since, session: &session)
        messages &+= 1
        if messages & 1023 == 0, let progress { progress(file, source.bytesRead, source.size) }
      }
      if reader.cutHeaders > 0 {
        session.report.warn(
          line: 0, column: 0, "\(reader.cutHeaders) header block(s) longer than 1 MiB were cut short")
      }
      session.report.generation = format == .mbox ? "mbox (headers only)" : "message (.eml, headers only)"
    }
    session.addMailEvidence(evidence, spec: spec, senderWord: format == .ics ? "organiser" : "sender")
    if let m = session.report.mail, let generation = session.report.generation {
      session.report.generation = generation + "; " + describe(m, calendar: format == .ics)
    }
  }

  /// The summary in words, for the import report's generation line.
  static func describe(_ m: MailImportSummary, calendar: Bool) -> String {
    var parts: [String] = []
    if calendar {
      parts.append(TextFormat.count(m.messages, "event"))
      parts.append(TextFormat.count(m.meetings ?? 0, "meeting") + " counted")
      if let c = m.cancelled, c > 0 { parts.append("\(c) cancelled") }
      if let d = m.declined, d > 0 { parts.append("\(d) declined") }
      if let f = m.futureEvents, f > 0 { parts.append("\(f) in the future") }
    } else {
      parts.append(TextFormat.count(m.messages, "message"))
      parts.append(
        "\(m.setAside) set aside as bulk" + (m.lists.isEmpty ? "" : " (\(TextFormat.count(m.lists.count, "list")))"))
      parts.append(TextFormat.count(m.repliesMatched, "reply", plural: "replies") + " matched")
      if let b = m.beforeSince { parts.append("\(b) before --since skipped") }
    }
    parts.append(TextFormat.count(m.ties, "tie") + " between others")
    if !m.ownerAddresses.isEmpty {
      let word = m.ownerAddresses.count == 1 ? "address" : "addresses"
      parts.append("owner's \(word) \(m.ownerAddresses.joined(separator: ", ")) by \(m.ownerAddressRule)")
    }
    return parts.joined(separator: ", ")
  }

  /// Whether a message is bulk or automated: a `List-Id`, `Precedence` bulk,
  /// list or junk, `Auto-Submitted` other than `no`, or a no-reply sender.
  static func isBulk(_ m: MailMessage) -> Bool {
    if m.listID != nil { return true }
    if let p = m.precedence, ["bulk", "list", "junk"].contains(p.trimmingBlanks()) { return true }
    if let a = m.autoSubmitted {
      let value = a.split(separator: ";").first.map { String($0).trimmingBlanks() } ?? ""
      if value != "no" { return true }
    }
    if let sender = m.from.first { return isNoReply(sender.key) }
    return false
  }

  /// `noreply@`, `no-reply@`, `do_not_reply@`, `mailer-daemon@` … (separators ignored).
  private static let noReply = Array("noreply".utf8)
  private static let doNotReply = Array("donotreply".utf8)
  private static let mailerDaemon = Array("mailerdaemon".utf8)

  static func isNoReply(_ address: String) -> Bool {
    // ASCII (almost every address): the local part's first letters on bytes.
    var probe = address
    if let answer = probe.withUTF8({ b -> Bool? in
      var k = 0  // letters of the local part kept so far
      var (noReply, doNotReply, daemon) = (true, true, true)
      for c in b {
        if c >= 0x80 { return nil }
        if c == UInt8(ascii: "@") { break }
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") { continue }
        noReply = noReply && (k >= 7 || c == Self.noReply[k])
        doNotReply = doNotReply && (k >= 10 || c == Self.doNotReply[k])
        daemon = daemon && k < 12 && c == Self.mailerDaemon[k]
        k += 1
      }
      return (noReply && k >= 7) || (doNotReply && k >= 10) || (daemon && k == 12)
    }) {
      return answer
    }
    return isNoReplyGeneral(address)
  }

  /// `isNoReply` on characters (the oracle of its byte path).
  static func isNoReplyGeneral(_ address: String) -> Bool {
    let local = address.split(separator: "@").first.map { $0.filter { $0 != "-" && $0 != "_" && $0 != "." } } ?? ""
    return local.hasPrefix("noreply") || local.hasPrefix("donotreply") || local == "mailerdaemon"
  }

  private static func take(
    _ m: MailMessage, into e: inout MailEvidence, since: Day?, session: inout ImportSession
  ) throws(ImportError) {
    e.summary.messages += 1
    if let since, let text = m.dateText, case .success(let day) = MailDate.parse(text),
      day < since
    {
      e.summary.beforeSince = (e.summary.beforeSince ?? 0) + 1
      return
    }
    e.summary.undecodedWords += m.undecodedWords
    if isBulk(m) {
      e.summary.setAside += 1
      if let list = m.listID { e.summary.lists[list, default: 0] += 1 }
      return
    }
    session.report.rowsRead += 1
    guard let sender = m.from.first else {
      try session.reject(line: m.line, column: 1, "the message has no From address", hint: nil)
      return
    }
    var seen: Set<String> = [sender.key]
    let recipients = (m.to + m.cc).filter { seen.insert($0.key).inserted }
    guard !recipients.isEmpty else {
      // A follow-up whose recipients were stripped, a note to oneself: the
      // sender is known (and may be answered), but no tie comes of it.
      session.report.rowsRead -= 1
      e.summary.noRecipient += 1
      e.thread(
        id: m.messageID, sender: e.person(sender.address, name: sender.name),
        inReplyTo: m.inReplyTo ?? m.references.last)
      return
    }
    var date: Day?
    if let text = m.dateText {
      switch MailDate.parse(text) {
      case .success(let d): date = d
      case .failure(let problem):
        e.summary.badDates += 1
        session.report.warn(
          line: m.dateLine, column: 1, "Date \"\(text)\": \(problem); the message counts without a date")
      }
    }
    let s = e.person(sender.address, name: sender.name)
    let r = recipients.map { e.person($0.address, name: $0.name) }
    for x in r { e.interaction(from: s, to: x, date: date) }
    e.together(r, date: date)
    e.thread(id: m.messageID, sender: s, inReplyTo: m.inReplyTo ?? m.references.last)
    session.report.imported += 1
  }

  /// The refusal of a mailbox or calendar that gave no evidence, saying what it held instead.
  static func nothingUsed(_ file: String, _ m: MailImportSummary) -> ImportError {
    var held: [String] = []
    if m.setAside > 0 { held.append("\(m.setAside) bulk or automated (set aside)") }
    if m.noRecipient > 0 { held.append("\(m.noRecipient) with no recipient but the sender") }
    if let b = m.beforeSince, b > 0 { held.append("\(b) dated before --since (skipped)") }
    if let c = m.cancelled, c > 0 { held.append("\(c) cancelled") }
    if let f = m.futureEvents, f > 0 { held.append("\(f) only after the reference day") }
    let calendar = m.meetings != nil
    let what = calendar ? TextFormat.count(m.messages, "event") : TextFormat.count(m.messages, "message")
    let detail = held.isEmpty ? "" : ": " + held.joined(separator: ", ")
    return ImportError(
      file: file, line: 0, column: 0,
      message: calendar
        ? "no event with two or more people gave a meeting (\(what)\(detail))"
        : "no message from one person to another (\(what)\(detail))",
      hint: calendar
        ? "a calendar gives ties through events with an organiser and attendees; see Guides/MailAndCalendar.md"
        : "a mailbox gives ties through messages with a sender and recipients; see Guides/MailAndCalendar.md")
  }

  /// Today in UTC.
  static func today() -> Day { Day(daysSinceEpoch: Int32(time(nil) / 86400)) }

  private static func readCalendar(
    _ source: ByteSource, into e: inout MailEvidence, session: inout ImportSession
  ) throws(ImportError) {
    let calendar = try ICalendarReader(source: source)
    for p in calendar.problems {
      if p.component == "VEVENT" && p.skipsComponent {
        session.report.rowsRead += 1
        try session.reject(line: p.line, column: 1, "VEVENT: \(p.message)", hint: nil)
      } else {
        session.report.warn(line: p.line, column: 1, "\(p.component): \(p.message)")
      }
    }
    let through = session.options.referenceDate ?? today()
    // A changed occurrence (RECURRENCE-ID) replaces the series' one on that day.
    var moved: [String: [Day]] = [:]
    for ev in calendar.events { if let r = ev.recurrenceID, !ev.uid.isEmpty { moved[ev.uid, default: []].append(r) } }
    var (meetings, future, cancelled, declined, notExpanded) = (0, 0, 0, 0, 0)
    for var ev in calendar.events {
      e.summary.messages += 1
      if ev.status == "CANCELLED" {
        cancelled += 1
        continue
      }
      if ev.recurrenceID == nil, let days = moved[ev.uid] { ev.exdates += days }
      var seen: Set<String> = []
      var organizer: CalendarPerson?
      if let o = ev.organizer, o.partstat != "DECLINED" {
        organizer = o
        seen.insert(o.address.lowercased())
      }
      var attendees: [CalendarPerson] = []
      for a in ev.attendees {
        if a.partstat == "DECLINED" {
          declined += 1
          continue
        }
        if a.cutype == "ROOM" || a.cutype == "RESOURCE" { continue }
        if seen.insert(a.address.lowercased()).inserted { attendees.append(a) }
      }
      guard attendees.count + (organizer == nil ? 0 : 1) >= 2 else { continue }
      guard ev.start != nil else {
        session.report.rowsRead += 1
        try session.reject(line: ev.line, column: 1, "VEVENT: the event has no DTSTART", hint: "an event needs a start")
        continue
      }
      let (days, unexpanded) = Recurrence.occurrences(ev, through: through)
      if let unexpanded {
        notExpanded += 1
        session.report.warn(
          line: ev.line, column: 1, "VEVENT: RRULE not expanded (\(unexpanded)); counted on DTSTART and RDATE only")
      }
      guard let first = days.first, let last = days.last else {
        future += 1
        continue
      }
      session.report.rowsRead += 1
      session.report.imported += 1
      let k = days.count
      meetings += k
      let people = attendees.map { e.person($0.address, name: $0.name) }
      if let organizer {
        let o = e.person(organizer.address, name: organizer.name)
        e.countSent(o)
        for p in people {
          e.interaction(from: o, to: p, date: first)
          if k > 1 { e.interaction(from: o, to: p, date: last, count: k - 1) }
        }
      }
      e.together(people, date: first)
      if k > 1 { e.together(people, date: last, count: k - 1) }
    }
    e.summary.meetings = meetings
    e.summary.futureEvents = future
    e.summary.cancelled = cancelled
    e.summary.declined = declined
    e.summary.rulesNotExpanded = notExpanded
  }
}
