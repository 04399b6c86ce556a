import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// The iCalendar reader and recurrence expansion.
@Suite struct CalendarTests {
  func day(_ s: String) -> Day { Day(parsing: s)! }

  func read(_ text: String) throws -> ICalendarReader {
    try ICalendarReader(source: ByteSource(bytes: Array(text.utf8)))
  }

  @Test func contentLinesAndParameters() throws {
    let cl = try #require(
      ICalendarReader.contentLine(
        #"ATTENDEE;CN="Doe; John: x";DELEGATED-FROM="mailto:a@x","mailto:b@x";PARTSTAT=ACCEPTED:mailto:j@x"#))
    #expect(cl.name == "ATTENDEE")
    #expect(cl.parameters["CN"] == ["Doe; John: x"])
    #expect(cl.parameters["DELEGATED-FROM"] == ["mailto:a@x", "mailto:b@x"])
    #expect(cl.value == "mailto:j@x")
    #expect(ICalendarReader.contentLine("no colon here") == nil)
    #expect(ICalendarReader.contentLine("X;BROKEN:1") == nil)
  }

  @Test func rfc6868() throws {
    #expect(ICalendarReader.caretUnescaped("George Herman ^'Babe^' Ruth") == "George Herman \"Babe\" Ruth")
    #expect(ICalendarReader.caretUnescaped("a^nb^^c^x^") == "a\nb^c^x^")
    let cal = try read(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20200101T100000Z\r\nORGANIZER;CN=^'Boss^':mailto:boss@x.org\r\nATTENDEE;CN=Line^nTwo:mailto:a@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    #expect(cal.events.first?.organizer?.name == "\"Boss\"")
    #expect(cal.events.first?.attendees.first?.name == "Line\nTwo")
  }

  @Test func unfoldingEvenInsideACharacter() throws {
    // "Zoë" folded between the two bytes of ë.
    var bytes = Array("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20200101\r\nATTENDEE;CN=Zo".utf8)
    bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xAB]
    bytes += Array(":mailto:zo\r\n\te@x.org\r\nEND:VEVENT\r\n".utf8)
    let cal = try ICalendarReader(source: ByteSource(bytes: bytes))
    #expect(cal.events.first?.attendees.first == CalendarPerson(address: "zoe@x.org", name: "Zoë"))
    #expect(cal.events.first?.start == CalendarDate(day: day("2020-01-01"), form: .date))
  }

  @Test func dateForms() {
    #expect(ICalendarReader.date("20230105", parameters: [:])?.form == .date)
    #expect(ICalendarReader.date("20230105T090000Z", parameters: [:])?.form == .utc)
    #expect(ICalendarReader.date("20230105T090000", parameters: [:])?.form == .floating)
    #expect(
      ICalendarReader.date("20230105T090000", parameters: ["TZID": ["Europe/Paris"]])?.form == .zoned("Europe/Paris"))
    #expect(ICalendarReader.date("20231305", parameters: [:]) == nil)
    #expect(ICalendarReader.date("20230105T250000", parameters: [:]) == nil)
    #expect(
      ICalendarReader.dates("20180327T080000/20180327T090000,20180403", parameters: [:]) == [
        day("2018-03-27"), day("2018-04-03"),
      ])
  }

  func days(_ rule: String, _ start: String, through: String = "2030-01-01") throws -> [String] {
    let r = try Recurrence.rule(rule).get()
    return Recurrence.days(r, start: day(start), through: day(through)).map(\.iso)
  }

  @Test func recurrenceRules() throws {
    #expect(try days("FREQ=DAILY;COUNT=3", "2023-01-30") == ["2023-01-30", "2023-01-31", "2023-02-01"])
    #expect(
      try days("FREQ=DAILY;INTERVAL=10;UNTIL=20230201", "2023-01-01") == [
        "2023-01-01", "2023-01-11", "2023-01-21", "2023-01-31",
      ])
    // UNTIL as a UTC date-time.
    #expect(try days("FREQ=WEEKLY;UNTIL=20230115T235959Z", "2023-01-02") == ["2023-01-02", "2023-01-09"])
    // Every other week on Tuesday and Thursday, from a Tuesday.
    #expect(
      try days("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5", "2023-01-03") == [
        "2023-01-03", "2023-01-05", "2023-01-17", "2023-01-19", "2023-01-31",
      ])
    // The last Friday of each month; the first Monday.
    #expect(try days("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2023-01-27") == ["2023-01-27", "2023-02-24", "2023-03-31"])
    #expect(try days("FREQ=MONTHLY;BYDAY=1MO;COUNT=2", "2023-01-02") == ["2023-01-02", "2023-02-06"])
    // The 31st: months without one are skipped (RFC 5545).
    #expect(try days("FREQ=MONTHLY;COUNT=3", "2023-01-31") == ["2023-01-31", "2023-03-31", "2023-05-31"])
    #expect(try days("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2", "2023-01-31") == ["2023-01-31", "2023-02-28"])
    // 29 February: leap years only.
    #expect(try days("FREQ=YEARLY;COUNT=2", "2020-02-29") == ["2020-02-29", "2024-02-29"])
    // The reference day cuts; COUNT still counts from the start.
    #expect(
      try days("FREQ=DAILY;COUNT=10", "2023-01-01", through: "2023-01-03") == [
        "2023-01-01", "2023-01-02", "2023-01-03",
      ])
    #expect(try days("FREQ=DAILY", "2029-12-30") == ["2029-12-30", "2029-12-31", "2030-01-01"])
    // Not expanded: said why.
    #expect((try? Recurrence.rule("FREQ=HOURLY").get()) == nil)
    #expect((try? Recurrence.rule("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU").get()) == nil)
  }

  @Test func exdateRdateAndReferenceDay() throws {
    var e = CalendarEvent(line: 1)
    e.start = CalendarDate(day: day("2023-01-02"), form: .utc)
    e.rrule = "FREQ=WEEKLY;COUNT=4"
    e.exdates = [day("2023-01-09")]
    e.rdates = [day("2023-01-04"), day("2023-02-27")]
    let (all, why) = Recurrence.occurrences(e, through: day("2023-12-31"))
    #expect(why == nil)
    #expect(all.map(\.iso) == ["2023-01-02", "2023-01-04", "2023-01-16", "2023-01-23", "2023-02-27"])
    // Future occurrences are not evidence.
    #expect(Recurrence.occurrences(e, through: day("2023-01-10")).days.map(\.iso) == ["2023-01-02", "2023-01-04"])
    e.rrule = "FREQ=SECONDLY"
    #expect(Recurrence.occurrences(e, through: day("2023-12-31")).unexpanded != nil)
  }

  let sample = """
    BEGIN:VCALENDAR
    BEGIN:VEVENT
    UID:1
    DTSTART:20230102T090000Z
    RRULE:FREQ=WEEKLY;COUNT=10
    ORGANIZER;CN=Olga:mailto:olga@example.org
    ATTENDEE;PARTSTAT=ACCEPTED;CN="Ann, A":mailto:ann@example.org
    ATTENDEE;PARTSTAT=DECLINED:mailto:dan@example.org
    ATTENDEE;CUTYPE=ROOM:mailto:room1@example.org
    ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:bob@example.org
    BEGIN:VALARM
    ACTION:EMAIL
    ATTENDEE:mailto:alarm@example.org
    END:VALARM
    END:VEVENT
    BEGIN:VEVENT
    UID:2
    STATUS:CANCELLED
    DTSTART:20230105T090000Z
    ORGANIZER:mailto:olga@example.org
    ATTENDEE:mailto:zed@example.org
    END:VEVENT
    BEGIN:VEVENT
    UID:3
    DTSTART:2023-01-05
    ORGANIZER:mailto:olga@example.org
    ATTENDEE:mailto:yan@example.org
    END:VEVENT
    BEGIN:VEVENT
    UID:4
    DTSTART;VALUE=DATE:20990101
    ORGANIZER:mailto:olga@example.org
    ATTENDEE:mailto:fut@example.org
    END:VEVENT
    BEGIN:VEVENT
    UID:1
    RECURRENCE-ID:20230109T090000Z
    DTSTART:20230110T090000Z
    ORGANIZER:mailto:olga@example.org
    ATTENDEE:mailto:ann@example.org
    END:VEVENT
    END:VCALENDAR

    """

  @Test func eventsToTies() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let p = dir.write("team.ics", sample)
    var options = LoadOptions()
    options.referenceDate = day("2023-01-20")
    options.contacts.infer = false
    let loaded = try NetworkLoader.load([InputSpec(path: p)], options: options)
    let r = loaded.imports[0]
    let mail = try #require(r.mail)
    // The series: 2, 16 January (the 9th moved to the 10th by its own event); the 23rd is after the reference day.
    #expect(mail.meetings == 3)
    #expect(mail.cancelled == 1 && mail.declined == 1 && mail.futureEvents == 1)
    // The broken event (DTSTART 2023-01-05 is not an iCalendar date) is rejected with its line and component.
    #expect(r.rejected == 1)
    #expect(r.errors.first?.line == 25 && r.errors.first?.message.hasPrefix("VEVENT: DTSTART") == true)
    #expect(mail.ownerAddresses == ["olga@example.org"] && mail.ownerAddressRule == "most frequent organiser")
    let g = loaded.graph
    let ids = Set((0..<g.personCount).map { g.people.id(of: PersonID($0)) })
    #expect(ids == ["olga@example.org", "ann@example.org", "bob@example.org"])
    let olga = try #require(g.people.person(stableKey: "id:olga@example.org"))
    let ann = try #require(g.people.person(stableKey: "id:ann@example.org"))
    let bob = try #require(g.people.person(stableKey: "id:bob@example.org"))
    let oa = try #require(g.tieID(between: olga, and: ann))
    #expect(g.ties.interactionsOut(oa) == 3)  // 2 series meetings + the moved one
    #expect(g.ties.lastContact(oa) == day("2023-01-16"))
    let ab = try #require(g.tieID(between: ann, and: bob))
    #expect(g.ties.kind(ab) == "calendar:co-attendee")
    #expect(g.people.name(of: ann) == "Ann, A")
  }

  @Test func brokenComponentsAreNamedAndTheRestIsRead() throws {
    let cal = try read(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20200101\nthis is not a property\nEND:VEVENT\nBEGIN:VTODO\nEND:VEVENT\nEND:VTODO\nBEGIN:VEVENT\nDTSTART:20200102\nATTENDEE:mailto:a@x.org\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20200103\n"
    )
    #expect(cal.events.count == 1 && cal.events[0].start?.day == day("2020-01-02"))
    #expect(cal.problems.map(\.line) == [4, 7, 13, 1])
    #expect(cal.problems.map(\.component) == ["VEVENT", "VTODO", "VEVENT", "VCALENDAR"])
  }

  /// Calendars against expectations derived by Python's `icalendar`
  /// (scripts/fixtures/mail_calendar_fixtures.py) from the real-data folder
  /// `calendar-icalendar`, read in place.
  @Test func realCalendarsMatchPython() throws {
    guard let dir = SharedData.path("datasets/real/calendar-icalendar") else {
      print("skipped: real-data folder calendar-icalendar is not present")
      return
    }
    let expected = try FixtureFile("mail_calendar_expected.json").json
    let calendars = try #require(expected["calendar"] as? [String: [String: Any]])
    #expect(calendars.count >= 6)
    var options = LoadOptions()
    options.referenceDate = day(try #require(expected["referenceDate"] as? String))
    options.contacts.infer = false
    for (file, e) in calendars.sorted(by: { $0.key < $1.key }) {
      let path = dir + "/" + file
      let cal = try ICalendarReader(source: ByteSource(path: path))
      #expect(cal.events.count == e["events"] as? Int, "\(file)")
      let attendees = cal.events.flatMap { $0.attendees.map { $0.address.lowercased() } }.sorted()
      #expect(attendees == e["attendees"] as? [String], "\(file)")
      let people = e["people"] as? [String] ?? []
      if people.isEmpty { continue }
      let loaded = try NetworkLoader.load([InputSpec(path: path)], options: options)
      let g = loaded.graph
      #expect((0..<g.personCount).map { g.people.id(of: PersonID($0)) }.sorted() == people, "\(file)")
      #expect(loaded.imports[0].mail?.meetings == e["meetings"] as? Int, "\(file)")
      #expect(loaded.imports[0].mail?.cancelled == e["cancelled"] as? Int, "\(file)")
      #expect(loaded.imports[0].mail?.declined == e["declined"] as? Int, "\(file)")
    }
  }
}
