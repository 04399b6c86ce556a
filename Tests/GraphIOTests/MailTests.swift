import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// The mailbox reader: RFC 5322 corners, mbox framing, bulk mail, ties.
@Suite struct MailSyntaxTests {
  func parse(_ value: String) -> [MailAddress] {
    var undecoded = 0
    return MailAddresses.parse(value, undecoded: &undecoded)
  }

  @Test func addressListGrammar() {
    #expect(parse("Ann A <ann@example.org>") == [MailAddress(name: "Ann A", address: "ann@example.org")])
    #expect(
      parse(#""Doe, John \"JD\"" <jd@example.org>, bare@example.org"#) == [
        MailAddress(name: #"Doe, John "JD""#, address: "jd@example.org"),
        MailAddress(name: "", address: "bare@example.org"),
      ])
    // A group: members kept, its name dropped; an empty group gives nobody.
    #expect(
      parse("Team: a@example.org, B <b@example.org>; c@example.org").map(\.address) == [
        "a@example.org", "b@example.org", "c@example.org",
      ])
    #expect(parse("undisclosed-recipients:;").isEmpty)
    // Comments: nested, escaped; the name of an address without a phrase.
    #expect(
      parse("jdoe@example.org (John (Johnny) Doe)") == [
        MailAddress(name: "John (Johnny) Doe", address: "jdoe@example.org")
      ])
    #expect(parse("Pete(A nice \\) chap) <pete(his account)@silly.example>").first?.address == "pete@silly.example")
    // Obsolete forms: a route, spaces around @ and dots, empty elements, a phrase with dots.
    #expect(parse("<@relay.example,@two.example:joe@example.org>").map(\.address) == ["joe@example.org"])
    #expect(parse("joe @ example . org,, ,mary@example.org").map(\.address) == ["joe@example.org", "mary@example.org"])
    #expect(parse("John Q. Public <jqp@example.org>").first?.name == "John Q. Public")
    // No @: not a person.
    #expect(parse("postmaster, <local>").isEmpty)
    // IDN kept as written; the key is lower case.
    let idn = parse("Jörg <Jörg@Bücher.Example>")
    #expect(idn.first?.address == "Jörg@Bücher.Example" && idn.first?.key == "jörg@bücher.example")
  }

  @Test func encodedWords() {
    var undecoded = 0
    #expect(EncodedWords.decode("=?UTF-8?B?Wm/Dqw==?=", undecoded: &undecoded) == "Zoë")
    #expect(EncodedWords.decode("=?iso-8859-1?q?J=F6rg_M=FCller?=", undecoded: &undecoded) == "Jörg Müller")
    // Adjacent encoded words: the space between them goes.
    #expect(EncodedWords.decode("=?utf-8?q?Ab?= =?utf-8?q?cd?= e", undecoded: &undecoded) == "Abcd e")
    // Windows-1251, ISO-8859-2, KOI8-R.
    #expect(EncodedWords.decode("=?windows-1251?B?yOLg7Q==?=", undecoded: &undecoded) == "Иван")
    #expect(EncodedWords.decode("=?ISO-8859-2?Q?=A3ukasz?=", undecoded: &undecoded) == "Łukasz")
    #expect(EncodedWords.decode("=?koi8-r?b?6dfBzg==?=", undecoded: &undecoded) == "Иван")
    // Language suffix (RFC 2231) ignored.
    #expect(EncodedWords.decode("=?utf-8*en?q?Hi?=", undecoded: &undecoded) == "Hi")
    #expect(undecoded == 0)
    // Unknown charset or bad bytes: kept as written and counted.
    #expect(EncodedWords.decode("=?x-unknown?q?abc?=", undecoded: &undecoded) == "=?x-unknown?q?abc?=")
    #expect(EncodedWords.decode("=?utf-8?b?/w==?=", undecoded: &undecoded) == "=?utf-8?b?/w==?=")
    #expect(undecoded == 2)
    // Not an encoded word at all: untouched, not counted.
    #expect(EncodedWords.decode("a =? b ?= c", undecoded: &undecoded) == "a =? b ?= c")
    #expect(undecoded == 2)
    // An encoded display name in an address list.
    #expect(parse("=?utf-8?q?Zo=C3=AB_E?= <zoe@example.org>").first?.name == "Zoë E")
  }

  @Test func dates() {
    func day(_ s: String) -> String? { try? MailDate.parse(s).get().iso }
    #expect(day("Tue, 25 Oct 2022 13:38:41 -0400") == "2022-10-25")
    #expect(day("Tue, 25 Oct 2022 23:38:41 -0400") == "2022-10-26")  // the UTC day
    #expect(day("1 Jan 2023 00:10 +0100") == "2022-12-31")
    #expect(day("Fri, 21 Nov 97 09:55:06 GMT") == "1997-11-21")  // obsolete year
    #expect(day("Thu, 13 Feb 1969 23:32 PST (Pacific)") == "1969-02-14")
    #expect(day("Mon, 9 Jan 2023 10:00:00 +0000 (UTC)") == "2023-01-09")
    #expect(day("not a date at all") == nil)
    #expect(day("Mon, 31 Feb 2023 10:00:00 +0000") == nil)
    #expect(day("Mon, 9 Jan 2023 25:00:00 +0000") == nil)
  }

  func messages(_ text: String, mbox: Bool = true) throws -> [MailMessage] {
    var reader = try MailboxReader(source: ByteSource(bytes: Array(text.utf8)), mbox: mbox)
    var out: [MailMessage] = []
    while let m = try reader.next() { out.append(m) }
    return out
  }

  @Test func foldingAndRepeatedFields() throws {
    let m = try messages(
      "From x\nFrom: A <a@example.org>\nTo: b@example.org,\n c@example.org,\n\t\"D\n D\" <d@example.org>\nTo: e@example.org\nSubject: never read\n\nbody\n"
    )
    #expect(m.count == 1)
    #expect(m[0].to.map(\.address) == ["b@example.org", "c@example.org", "d@example.org", "e@example.org"])
    #expect(m[0].to[2].name == "D D")
    #expect(m[0].line == 2)
  }

  @Test func mboxrdEscapingAndCRLF() throws {
    // `>From ` in a body does not start a message; `From ` does.
    let text =
      "From a@x Thu Jan  1 00:00:00 1970\r\nFrom: a@example.org\r\nTo: b@example.org\r\nMessage-ID: <1@x>\r\n\r\n>From the body\r\n>>From deeper\r\n>From quoted\r\nFrom: intruder@example.org\r\nTo: c@example.org\r\n\r\nFrom b@x Thu Jan  1 00:00:00 1970\r\nFrom: b@example.org\r\nTo: a@example.org\r\nIn-Reply-To: <1@x>\r\n\r\nbye\r\n"
    let m = try messages(text)
    #expect(m.count == 2)
    #expect(m[0].from.first?.address == "a@example.org" && m[0].messageID == "1@x")
    #expect(m[1].inReplyTo == "1@x" && m[1].line == 13)
    // A message with no body and no blank line before the next separator.
    let bare = try messages(
      "From x\nFrom: a@example.org\nTo: b@example.org\nFrom y\nFrom: c@example.org\nTo: d@example.org\n")
    #expect(bare.map { $0.from.first?.address } == ["a@example.org", "c@example.org"])
  }

  @Test func bodiesAreNotRead() throws {
    // Invalid UTF-8 and header-like lines in a body change nothing.
    var bytes = Array("From x\nFrom: a@example.org\nTo: b@example.org\n\n".utf8)
    bytes += [0xFF, 0xFE, 0x0A] + Array("To: intruder@example.org\n".utf8)
    bytes += Array("From y\nFrom: c@example.org\nTo: a@example.org\n\n".utf8)
    var reader = try MailboxReader(source: ByteSource(bytes: bytes), mbox: true)
    let first = try #require(try reader.next())
    #expect(first.to.map(\.address) == ["b@example.org"])
    #expect(try reader.next()?.from.first?.address == "c@example.org")
    #expect(try reader.next() == nil)
  }

  @Test func emlStopsAtItsHeaderBlock() throws {
    let m = try messages("From: a@example.org\nTo: b@example.org\n\nFrom c Thu\nFrom: c@example.org\n", mbox: false)
    #expect(m.count == 1 && m[0].from.first?.address == "a@example.org")
  }

  @Test func bulkMail() {
    var m = MailMessage()
    m.from = [MailAddress(name: "", address: "ann@example.org")]
    #expect(!MailImporter.isBulk(m))
    m.autoSubmitted = "no"
    #expect(!MailImporter.isBulk(m))
    m.autoSubmitted = "auto-replied; owner-email=x"
    #expect(MailImporter.isBulk(m))
    m.autoSubmitted = nil
    m.precedence = "bulk"
    #expect(MailImporter.isBulk(m))
    m.precedence = nil
    m.listID = "<dev.lists.example.org>"
    #expect(MailImporter.isBulk(m))
    m.listID = nil
    for a in ["noreply@x.org", "no-reply@x.org", "do_not_reply@x.org", "Mailer-Daemon@x.org"] {
      m.from = [MailAddress(name: "", address: a)]
      #expect(MailImporter.isBulk(m), "\(a)")
    }
  }

  @Test func detection() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let mbox = dir.write("Inbox", "From x@y Thu Jan  1 00:00:00 1970\nFrom: a@example.org\nTo: b@example.org\n\nhi\n")
    let eml = dir.write("m.eml", "Return-Path: <a@example.org>\nFrom: a@example.org\nTo: b@example.org\n\nhi\n")
    let ics = dir.write("c.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    let csv = dir.write("t.csv", "source,target\na,b\n")
    func format(_ p: String) throws -> InputFormat {
      try NetworkLoader.format(of: InputSpec(path: p), options: LoadOptions())
    }
    #expect(try format(mbox) == .mbox)
    #expect(try format(eml) == .eml)
    #expect(try format(ics) == .ics)
    #expect(try format(csv) == .ties)
    #expect(InputSpec(argument: "mbox:" + eml).format == .mbox)
    // Read as an mbox, the .eml (no `From ` line) holds no message.
    let forced = try? NetworkLoader.load([InputSpec(argument: "eml:" + mbox)])
    #expect(forced == nil || forced?.imports[0].format == "eml")
  }

  @Test func malformedDatesAreReported() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let p = dir.write(
      "box.mbox",
      "From x\nFrom: a@example.org\nTo: b@example.org\nDate: yesterday\n\nFrom x\nFrom: a@example.org\nTo: b@example.org\nDate: Mon, 9 Jan 2023 10:00:00 +0000\n\n"
    )
    let loaded = try NetworkLoader.load([InputSpec(path: p)])
    let r = loaded.imports[0]
    #expect(r.mail?.badDates == 1)
    #expect(r.warnings?.first?.line == 4)
    #expect(r.warnings?.first?.message.contains("yesterday") == true)
    #expect(r.imported == 2)
  }

  @Test func recipientLimitAndMe() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let to = (1...4).map { "p\($0)@example.org" }.joined(separator: ", ")
    let p = dir.write(
      "box.mbox", "From x\nFrom: a@example.org\nTo: \(to)\n\nFrom x\nFrom: p1@example.org\nTo: a@example.org\n\n")
    var options = LoadOptions()
    options.contacts.infer = false
    let loose = try NetworkLoader.load([InputSpec(path: p)], options: options)
    #expect(loose.imports[0].mail?.ties == 6)  // C(4, 2) co-recipient pairs
    options.mail.maxRecipients = 3
    let tight = try NetworkLoader.load([InputSpec(path: p)], options: options)
    #expect(tight.imports[0].mail?.ties == 0)
    options.mail.me = ["P1@example.org"]
    let me = try NetworkLoader.load([InputSpec(path: p)], options: options)
    #expect(me.imports[0].mail?.ownerAddressRule == "--me")
    #expect(me.imports[0].owner == "p1@example.org")
  }

  @Test func aliasesAreSuggestedNotMerged() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let p = dir.write(
      "box.mbox",
      "From x\nFrom: me@example.org\nTo: Ana Cruz <ana@a.org>, Bo <bo@b.org>\nDate: 2 Jan 2024 10:00 +0000\n\n"
        + "From x\nFrom: me@example.org\nTo: \"Cruz, Ana\" <ana.cruz@b.com>, Bo <bo@c.org>\nDate: 3 Jan 2024 10:00 +0000\n\n"
    )
    var options = LoadOptions()
    options.contacts.infer = false
    let loaded = try NetworkLoader.load([InputSpec(path: p)], options: options)
    // Same two words, either order: suggested; a one-word name is not evidence enough.
    #expect(loaded.imports[0].mail?.aliasSuggestions == [["ana.cruz@b.com", "ana@a.org"]])
    #expect(
      loaded.graph.people.person(stableKey: "id:ana@a.org")
        != loaded.graph.people.person(stableKey: "id:ana.cruz@b.com"))
    #expect(loaded.imports[0].warnings?.contains { $0.message.contains("liaison same A B") } == true)
  }

  @Test func sinceSkipsOlderMessagesAndCountsThem() throws {
    let dir = TempFolder()
    defer { dir.cleanUp() }
    let p = dir.write(
      "box.mbox",
      "From x\nFrom: a@example.org\nTo: b@example.org\nDate: Mon, 1 Jan 2018 10:00:00 +0000\n\n"
        + "From x\nFrom: a@example.org\nTo: c@example.org\nDate: 2 Jan 2024 10:00 +0000\n\n"
        + "From x\nFrom: c@example.org\nTo: d@example.org\n\n")
    var options = LoadOptions()
    options.contacts.infer = false
    let all = try NetworkLoader.load([InputSpec(path: p)], options: options)
    #expect(all.imports[0].mail?.beforeSince == nil)
    #expect(all.graph.personCount == 4)
    options.mail.since = Day(year: 2020, month: 1, day: 1)
    let recent = try NetworkLoader.load([InputSpec(path: p)], options: options)
    // The 2018 message is skipped and counted; the undated one is kept.
    #expect(recent.imports[0].mail?.beforeSince == 1)
    #expect(recent.imports[0].mail?.messages == 3)
    #expect(recent.imports[0].imported == 2)
    #expect(recent.graph.people.person(stableKey: "id:b@example.org") == nil)
    #expect(recent.imports[0].generation?.contains("1 before --since skipped") == true)
    // Every message too old: refused, saying why.
    options.mail.since = Day(year: 2030, month: 1, day: 1)
    let old = dir.write("old.mbox", "From x\nFrom: a@example.org\nTo: b@example.org\nDate: 1 Jan 2018 10:00 +0000\n\n")
    #expect(throws: ImportError.self) { try NetworkLoader.load([InputSpec(path: old)], options: options) }
  }
}

/// Mailboxes and calendars against expectations derived by Python
/// (scripts/fixtures/mail_calendar_fixtures.py) from the real-data folders
/// `email-b4-mbox` and `calendar-icalendar`, read in place.
@Suite struct MailRealDataTests {
  let expected: [String: Any]
  init() throws { expected = try FixtureFile("mail_calendar_expected.json").json }

  func folder(_ name: String) -> String? {
    let p = SharedData.path("datasets/real/" + name)
    if p == nil { print("skipped: real-data folder \(name) is not present") }
    return p
  }

  /// Person key → PersonID.
  func person(_ g: Graph, _ key: String) -> PersonID? { g.people.person(stableKey: "id:" + key) }

  func check(_ path: String, _ e: [String: Any], options: LoadOptions = LoadOptions()) throws {
    var options = options
    options.contacts.infer = false
    if e["imported"] as? Int == 0 {
      // Nothing from one person to another: refused, saying what the file held.
      #expect(throws: ImportError.self) { try NetworkLoader.load([InputSpec(path: path)], options: options) }
      do {
        _ = try NetworkLoader.load([InputSpec(path: path)], options: options)
      } catch {
        #expect(error.message.hasPrefix("no message from one person to another"))
      }
      return
    }
    let loaded = try NetworkLoader.load([InputSpec(path: path)], options: options)
    let r = loaded.imports[0]
    let mail = try #require(r.mail)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    #expect(mail.messages == e["messages"] as? Int, "\(name)")
    #expect(mail.setAside == e["setAside"] as? Int, "\(name)")
    #expect(r.imported == e["imported"] as? Int, "\(name)")
    #expect(r.rejected == e["rejected"] as? Int, "\(name)")
    #expect(mail.noRecipient == e["noRecipient"] as? Int, "\(name)")
    #expect(mail.repliesMatched == e["repliesMatched"] as? Int, "\(name)")
    #expect(mail.ownerAddresses == [e["owner"] as? String].compactMap { $0 }, "\(name)")
    let people = (e["people"] as? [String]) ?? []
    let g = loaded.graph
    #expect((0..<g.personCount).map { g.people.id(of: PersonID($0)) }.sorted() == people.sorted(), "\(name)")
    let ties = (e["ties"] as? [String: [String: Any]]) ?? [:]
    let ownerTies = (e["ownerTies"] as? [String: [Int]]) ?? [:]
    #expect(g.tieCount == ties.count + ownerTies.count, "\(name)")
    #expect(mail.ties == ties.count && mail.ownerTies == ownerTies.count, "\(name)")
    for (pair, t) in ties {
      let ends = pair.split(separator: "|").map(String.init)
      let a = try #require(person(g, ends[0]))
      let b = try #require(person(g, ends[1]))
      let tie = try #require(g.tieID(between: a, and: b), "\(name): \(pair)")
      let messages = t["messages"] as? Int ?? 0
      let co = t["coRecipient"] as? Bool ?? false
      #expect((g.ties.interactions(tie) ?? 0) == messages, "\(name): \(pair)")
      #expect(g.ties.kind(tie)?.contains("co-recipient") == co, "\(name): \(pair)")
      #expect(g.ties.source(tie) == path)
    }
    if let owner = e["owner"] as? String {
      let o = try #require(person(g, owner))
      for (other, counts) in ownerTies {
        let p = try #require(person(g, other))
        let tie = try #require(g.tieID(between: o, and: p), "\(name): owner – \(other)")
        #expect(
          [g.ties.interactionsOut(tie), g.ties.interactionsIn(tie)] == counts.map { Optional($0) }, "\(name): \(other)")
      }
    }
  }

  @Test func realMailboxesMatchPython() throws {
    guard let dir = folder("email-b4-mbox") else { return }
    let mail = try #require(expected["mail"] as? [String: [String: Any]])
    #expect(mail.count >= 6)
    for (file, e) in mail.sorted(by: { $0.key < $1.key }) { try check(dir + "/" + file, e) }
  }

  @Test func syntheticMailboxGivesBackItsStructure() throws {
    let path = SharedData.repositoryRoot() + "/Tests/GraphIOTests/Fixtures/synthetic_team.mbox"
    let e = try #require(expected["synthetic"] as? [String: Any])
    try check(path, e)
    // Known by construction: reciprocity ann ⇄ cy (a message each way, one a
    // reply), three messages set aside, and 12 recipients give no co-recipient tie.
    let loaded = try NetworkLoader.load([InputSpec(path: path)])
    let g = loaded.graph
    let ann = try #require(person(g, "ann@example.org"))
    let cy = try #require(person(g, "cy@example.org"))
    let t = try #require(g.tieID(between: ann, and: cy))
    #expect(g.ties.interactionsOut(t) == 1 && g.ties.interactionsIn(t) == 1)
    #expect(loaded.imports[0].mail?.setAside == 3 && loaded.imports[0].mail?.repliesMatched == 2)
    let p1 = try #require(person(g, "p1@example.org"))
    let p2 = try #require(person(g, "p2@example.org"))
    #expect(g.tieID(between: p1, and: p2) == nil)
    // The encoded name was decoded; the mailbox's owner is the most frequent sender.
    #expect(g.people.name(of: try #require(person(g, "zoe@example.org"))) == "Zoë E")
    #expect(loaded.imports[0].ownerRule == "most frequent sender")
    // Co-recipients only: a weak tie, never strong alone.
    let dee = try #require(person(g, "dee@example.org"))
    let co = try #require(g.tieID(between: ann, and: dee))
    #expect(g.ties.kind(co) == "mail:co-recipient")
    #expect(g.ties.interactions(co) == nil)
  }

  @Test func everyRealFileImportsOrIsRefusedClearly() throws {
    var files: [String] = []
    for name in ["email-b4-mbox", "calendar-icalendar"] {
      guard let dir = folder(name) else { continue }
      let specs = try InputSpec.expandingFolders([InputSpec(path: dir)])
      files += specs.map(\.path).filter { !$0.hasSuffix(".md") }
    }
    var options = LoadOptions()
    options.referenceDate = Day(year: 2030, month: 1, day: 1)
    var (loaded, refused) = (0, 0)
    for f in files {
      do {
        let l = try NetworkLoader.load([InputSpec(path: f)], options: options)
        #expect(l.imports.count == 1)
        loaded += 1
      } catch {
        #expect(error.file == f && !error.message.isEmpty, "\(f)")
        refused += 1
      }
    }
    if !files.isEmpty { print("real mail and calendar files: \(loaded) read, \(refused) refused") }
  }
}
