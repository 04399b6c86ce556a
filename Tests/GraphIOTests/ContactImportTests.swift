import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Loads contact exports (and tables) written into a temporary folder.
/// Each file is `(name, bytes, owner)`; owner nil means "from the file name".
func loadContacts(
  _ files: [(String, [UInt8], String?)], options: LoadOptions = LoadOptions()
) throws -> (LoadedNetwork, [ImportError]) {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  var specs: [InputSpec] = []
  for (name, bytes, owner) in files {
    if let slash = name.lastIndex(of: "/") { _ = system("mkdir -p '\(tmp.path)/\(name[..<slash])'") }
    specs.append(InputSpec(path: tmp.write(name, bytes: bytes), owner: owner))
  }
  final class Box: @unchecked Sendable { var errors: [ImportError] = [] }
  let box = Box()
  let loaded = try NetworkLoader.load(specs, options: options) { box.errors.append($0) }
  return (loaded, box.errors)
}

func loadContactText(
  _ files: [(String, String)], owners: [String?]? = nil, options: LoadOptions = LoadOptions()
) throws -> (LoadedNetwork, [ImportError]) {
  try loadContacts(
    files.enumerated().map { ($0.element.0, Array($0.element.1.utf8), owners?[$0.offset] ?? nil) }, options: options)
}

/// The person named exactly `name`.
func person(_ g: Graph, _ name: String) -> PersonID? {
  (0..<g.personCount).first { g.people.name(of: PersonID($0)) == name }.map { PersonID($0) }
}

/// The tie between the people named `a` and `b`.
func tieBetween(_ g: Graph, _ a: String, _ b: String) -> Int? {
  guard let x = person(g, a), let y = person(g, b) else { return nil }
  return g.tieID(between: x, and: y)
}

func names(_ g: Graph) -> Set<String> { Set((0..<g.personCount).map { g.people.name(of: PersonID($0)) }) }

let linkedInNote = """
  Notes:
  "When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"


  """

@Suite struct LinkedInConnectionsTests {
  @Test func current2023GenerationWithPreambleAndURL() throws {
    let text =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Priya,Sharma,https://www.linkedin.com/in/priya-sharma-1,,Razorpay,Software Engineer II,26 Dec 2025
        Li,Wei,https://www.linkedin.com/in/li-wei,li.wei@example.org,"Reddit, Inc.",Staff Engineer,03 Jan 2024

        """
    let (loaded, errors) = try loadContactText([("ana.csv", text)])
    let r = loaded.imports[0]
    #expect(errors.isEmpty)
    #expect(r.format == "linkedin")
    #expect(r.generation?.hasPrefix("2023+") == true)
    #expect(r.preambleLinesSkipped == 3)
    #expect((r.rowsRead, r.imported, r.merged, r.rejected) == (2, 2, 0, 0))
    let g = loaded.graph
    #expect(names(g) == ["Ana", "Priya Sharma", "Li Wei"])
    let li = try #require(person(g, "Li Wei"))
    #expect(g.people.company(of: li) == "Reddit, Inc.")
    #expect(g.people.emails(of: li) == ["li.wei@example.org"])
    let ana = try #require(person(g, "Ana"))
    let t = try #require(g.tieID(between: ana, and: li))
    #expect(g.ties.since(t) == Day(year: 2024, month: 1, day: 3))
    #expect(g.ties.kind(t) == "linkedin")
  }

  @Test func generation2018WithTimeStampsAndNoPreamble() throws {
    let text = """
      First Name,Last Name,Email Address,Company,Position,Connected On
      Sam,Reed,sam@reed.io,Acme,CTO,"1/8/18, 6:14 PM"
      Kim,Lee,urn:li:member:664293716,Acme,CEO,"12/30/17, 11:02 AM"

      """
    let (loaded, _) = try loadContactText([("me.csv", text)])
    let r = loaded.imports[0]
    #expect(r.generation?.hasPrefix("2018") == true)
    #expect(r.preambleLinesSkipped == 0)
    let g = loaded.graph
    let me = try #require(person(g, "Me"))
    let sam = try #require(person(g, "Sam Reed"))
    let t = try #require(g.tieID(between: me, and: sam))
    #expect(g.ties.since(t) == Day(year: 2018, month: 1, day: 8))
    // The member URN is not an email address.
    let kim = try #require(person(g, "Kim Lee"))
    #expect(g.people.emails(of: kim) == [])
  }

  @Test func generation2020WithPreambleWithoutURL() throws {
    let text =
      linkedInNote + """
        First Name,Last Name,Email Address,Company,Position,Connected On
        Ada,Byron,,Analytical Engines,Programmer,17 Jul 2022

        """
    let (loaded, _) = try loadContactText([("x.csv", text)])
    #expect(loaded.imports[0].generation?.hasPrefix("2020–2022") == true)
    #expect(loaded.imports[0].preambleLinesSkipped == 3)
    #expect(loaded.graph.personCount == 2)
  }

  @Test func outlookStyleGenerationUpTo2015() throws {
    let text = """
      "Title","First Name","Middle Name","Last Name","Suffix","E-mail Address","E-mail 2 Address","E-mail 3 Address","Business Street","Company","Department","Job Title","Web Page","Personal Web Page"
      "","Grace","","Hopper","","grace@navy.mil","grace.h@example.com","","","US Navy","","Rear Admiral","",""

      """
    let (loaded, _) = try loadContactText([("old.csv", text)])
    #expect(loaded.imports[0].format == "outlook")
    let grace = try #require(person(loaded.graph, "Grace Hopper"))
    #expect(loaded.graph.people.emails(of: grace) == ["grace@navy.mil", "grace.h@example.com"])
    #expect(loaded.graph.people.title(of: grace) == "Rear Admiral")
  }

  @Test func preambleOfAnyLengthIsFoundByContent() throws {
    let text = """
      Notes:
      This is a sample LinkedIn connections export for testing.
      All data is synthetic and anonymized.


      First Name,Last Name,Email Address,Company,Position,Connected On,URL
      Jo,March,,Plumfield,Teacher,01 Feb 2020,https://www.linkedin.com/in/jo-march

      """
    let (loaded, _) = try loadContactText([("x.csv", text)])
    #expect(loaded.imports[0].preambleLinesSkipped == 5)
    let jo = try #require(person(loaded.graph, "Jo March"))
    // Columns are mapped by name, so the reordered URL column is still the URL.
    #expect(loaded.graph.people.profileURL(of: jo) == "https://www.linkedin.com/in/jo-march")
  }

  @Test func hiddenMembersRowsAreRejectedAndCountsAddUp() throws {
    let text =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Priya,Sharma,https://www.linkedin.com/in/priya-sharma-1,,Razorpay,Engineer,12 Mar 2021
        ,,,,,,15 Jan 2021

        """
    let (loaded, errors) = try loadContactText([("x.csv", text)])
    let r = loaded.imports[0]
    #expect((r.rowsRead, r.imported, r.merged, r.rejected) == (2, 1, 0, 1))
    #expect(errors.first?.line == 6)
    #expect(errors.first?.message.contains("hidden or deleted") == true)
  }

  @Test func emptyCompanyTabsInPositionAndTrailingSpaces() throws {
    let text =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Kyna ,Doe,https://www.linkedin.com/in/kyna,,,,01 Jan 2020
        Bo,Li,https://www.linkedin.com/in/bo,,Acme,"Head\tof Sales",01 Jan 2020

        """
    let (loaded, _) = try loadContactText([("x.csv", text)])
    let g = loaded.graph
    let kyna = try #require(person(g, "Kyna Doe"))
    #expect(g.people.company(of: kyna) == "")
    let bo = try #require(person(g, "Bo Li"))
    #expect(g.people.title(of: bo) == "Head\tof Sales")
  }

  @Test func germanHeaders() throws {
    let text = """
      Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am
      Jürgen,Groß,https://www.linkedin.com/in/juergen,,Siemens AG,Ingenieur,05 Mar 2024

      """
    let (loaded, _) = try loadContactText([("de.csv", text)])
    #expect(loaded.imports[0].format == "linkedin")
    #expect(loaded.imports[0].generation?.contains("German") == true)
    let j = try #require(person(loaded.graph, "Jürgen Groß"))
    #expect(loaded.graph.people.company(of: j) == "Siemens AG")
  }

  @Test func percentEncodedSlugsJoinAcrossExports() throws {
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    let a = header + "Martín,Pérez,https://www.linkedin.com/in/mart%C3%ADn-p%C3%A9rez,,Globex,CFO,01 Jan 2022\n"
    let b = header + "Martin,Perez,https://linkedin.com/in/martín-pérez/,,Globex,CFO,01 Jan 2023\n"
    let (loaded, _) = try loadContactText([("ann.csv", a), ("bob.csv", b)])
    #expect(loaded.graph.personCount == 3)
    #expect(loaded.identity?.mergedByProfileURL == 1)
    #expect(loaded.identity?.merges.first?.by == "profileURL")
  }
}

@Suite struct LinkedInActivityTests {
  let connections = """
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Alice,Johnson,https://linkedin.com/in/alicejohnson,,Acme,CTO,01 Jan 2020
    Bob,Stone,https://linkedin.com/in/bobstone,,Initech,PM,01 Jan 2019
    Carol,King,https://linkedin.com/in/carolking,,Hooli,VP,01 Jan 2015

    """

  @Test func currentMessagesGiveDirectedCountsAndClasses() throws {
    let messages = """
      CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
      c1,,Alice Johnson,https://linkedin.com/in/alicejohnson,Test User,https://linkedin.com/in/testuser,2026-05-15 10:30:00 UTC,,Hi,INBOX
      c1,,Test User,https://linkedin.com/in/testuser,Alice Johnson,https://linkedin.com/in/alicejohnson,2026-05-16 10:30:00 UTC,,Hello,SENT
      c2,,Test User,https://linkedin.com/in/testuser,Bob Stone,https://linkedin.com/in/bobstone,2026-06-01 09:00:00 UTC,,Ping,SENT
      c2,,Test User,https://linkedin.com/in/testuser,Bob Stone,https://linkedin.com/in/bobstone,2026-06-08 09:00:00 UTC,,Ping again,SENT
      c3,,Carol King,https://linkedin.com/in/carolking,Test User,https://linkedin.com/in/testuser,2021-01-10 09:00:00 UTC,,Long ago,INBOX

      """
    let (loaded, _) = try loadContactText(
      [("Connections.csv", connections), ("messages.csv", messages)], owners: ["me", "me"])
    let g = loaded.graph
    let m = loaded.imports[1]
    #expect(m.format == "linkedin-messages")
    #expect((m.rowsRead, m.imported, m.merged, m.rejected) == (5, 0, 5, 0))
    #expect(person(g, "Test User") != nil)  // the owner's name, as the messages show it
    let alice = try #require(tieBetween(g, "Test User", "Alice Johnson"))
    #expect(g.ties.interactionsOut(alice) == 1 && g.ties.interactionsIn(alice) == 1)
    #expect(g.ties.lastContact(alice) == Day(year: 2026, month: 5, day: 16))
    let bob = try #require(tieBetween(g, "Test User", "Bob Stone"))
    #expect(g.ties.interactionsOut(bob) == 2 && g.ties.interactionsIn(bob) == 0)
    #expect(g.tieClass(bob) == .unreciprocated)
    let carol = try #require(tieBetween(g, "Test User", "Carol King"))
    #expect(g.tieClass(carol) == .dormant)  // last contact ≥ 3 years before the latest date in the data
    #expect(g.ties.kind(carol) == "linkedin+linkedin-messages")
  }

  @Test func messages2018WithDirectionAndInvitations() throws {
    let messages = """
      From,To,Date,Subject,Content,Direction,Folder
      Alice Johnson,Test User,2018-03-01 10:00,Hi,Hello,INCOMING,INBOX
      Test User,Alice Johnson,2018-03-02 10:00,Re: Hi,Thanks,OUTGOING,SENT

      """
    let invitations = """
      From,To,Sent At,Message,Direction
      Test User,Dan Ray,"3/4/18, 9:00 AM",Let's connect,OUTGOING

      """
    let (loaded, _) = try loadContactText(
      [("Connections.csv", connections), ("Messages.csv", messages), ("Invitations.csv", invitations)],
      owners: ["me", "me", "me"])
    #expect(loaded.imports[1].generation == "Messages.csv 2018")
    #expect(loaded.imports[2].format == "linkedin-invitations")
    let g = loaded.graph
    let alice = try #require(tieBetween(g, "Test User", "Alice Johnson"))
    #expect(g.ties.interactionsOut(alice) == 1 && g.ties.interactionsIn(alice) == 1)
    // Dan is not a connection: the invitation makes him a person with one outgoing event.
    let dan = try #require(tieBetween(g, "Test User", "Dan Ray"))
    #expect(g.ties.interactionsOut(dan) == 1)
    #expect(loaded.imports[2].imported == 1)
  }

  @Test func genericInteractionsWithCoParticipation() throws {
    let people = "id,name,email\np1,Ann Lee,ann@x.org\np2,Ben Ode,ben@y.org\n"
    let interactions = """
      date,participants,kind,direction
      2026-01-05,ann@x.org;Ben Ode,meeting,mutual
      2026-02-05,Ann Lee,message,out
      2026-03-05,ann@x.org | ben@y.org,call,in

      """
    let (loaded, _) = try loadContactText(
      [("people.csv", people), ("log.csv", interactions)], owners: [nil, "p1x"])
    let g = loaded.graph
    #expect(loaded.imports[1].format == "interactions")
    let ann = try #require(person(g, "Ann Lee"))
    let ben = try #require(person(g, "Ben Ode"))
    let t = try #require(g.tieID(between: ann, and: ben))
    #expect(g.ties.isInferred(t))
    #expect(g.ties.kind(t) == "inferred:co-participation")
    #expect(abs((g.ties.confidence(t) ?? 0) - 0.75) < 1e-6)  // two shared events: 1 − 0.5²
  }
}

@Suite struct AddressBookTests {
  @Test func googleOldHeadersMultiValuesAndGroups() throws {
    let text = """
      Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value
      "John Smith, Jr., Ph.D.",John,,Smith,,,,,,"Jr., Ph.D.",,,,,,,,,,,,,,,,"multi
      line note",* myContacts ::: Friends ::: * starred,* INTERNET ::: Work,john@smith.org ::: j.smith@work.com,,Smith & Co,Owner,Profile,http\\://www.linkedin.com/in/jsmith

      """
    let (loaded, errors) = try loadContactText([("g.csv", text)])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].format == "google")
    #expect(loaded.imports[0].generation?.contains("old") == true)
    let g = loaded.graph
    let john = try #require(person(g, "John Smith, Jr., Ph.D."))
    #expect(g.people.emails(of: john) == ["john@smith.org", "j.smith@work.com"])
    #expect(g.people.tags(of: john) == ["Friends"])
    #expect(g.people.company(of: john) == "Smith & Co")
    #expect(g.people.profileURL(of: john) == "http://www.linkedin.com/in/jsmith")
  }

  @Test func googleCurrentHeadersWithLabels() throws {
    let text = """
      First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value
      Mei,,Chen,,,,,,,,Stripe,Engineer,Payments,,,,* myContacts ::: Work,* Work,mei@stripe.com,Mobile,+1 555 0100

      """
    let (loaded, _) = try loadContactText([("g2.csv", text)])
    #expect(loaded.imports[0].generation?.contains("current") == true)
    let mei = try #require(person(loaded.graph, "Mei Chen"))
    #expect(loaded.graph.people.company(of: mei) == "Stripe")
    #expect(loaded.graph.people.title(of: mei) == "Engineer")
    #expect(loaded.graph.people.tags(of: mei) == ["Work"])
  }

  @Test func outlookDesktopTitleIsThePrefixAndCategoriesSplit() throws {
    let text = """
      "Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title","Business Street","Business Country/Region","E-mail Address","E-mail Type","E-mail Display Name","E-mail 2 Address","Categories"
      "Dr.","Max","","Mustermann","","Muster GmbH","IT","CIO","Hauptstr. 1","Germany","max@muster.de","SMTP","Mustermann, max","max@home.de","Friend; colleague"

      """
    let (loaded, _) = try loadContactText([("o.csv", text)])
    #expect(loaded.imports[0].generation == "Outlook desktop")
    let max = try #require(person(loaded.graph, "Dr. Max Mustermann"))
    #expect(loaded.graph.people.title(of: max) == "CIO")
    #expect(loaded.graph.people.emails(of: max) == ["max@muster.de", "max@home.de"])
    #expect(loaded.graph.people.tags(of: max) == ["Friend", "colleague"])
  }

  @Test func outlookFrenchAndGermanHeaders() throws {
    let fr = "Prénom,Nom,Société,Adresse de messagerie\nÉlodie,Dupont,Renault SA,elodie@renault.fr\n"
    let de = "Vorname,Nachname,Firma,E-Mail-Adresse\nKlaus,Meier,Bosch GmbH,klaus@bosch.de\n"
    let (loaded, _) = try loadContactText([("fr.csv", fr), ("de.csv", de)])
    #expect(loaded.imports[0].generation?.contains("French") == true)
    #expect(loaded.imports[1].generation?.contains("German") == true)
    let e = try #require(person(loaded.graph, "Élodie Dupont"))
    #expect(loaded.graph.people.emails(of: e) == ["elodie@renault.fr"])
    let klaus = try #require(person(loaded.graph, "Klaus Meier"))
    #expect(loaded.graph.people.company(of: klaus) == "Bosch GmbH")
  }

  @Test func outlookComAndGooglesOutlookVariant() throws {
    let web = """
      Title,First Name,Middle Name,Last Name,Suffix,Given Name Yomi,Family Name Yomi,Home Street,Company,Department,Job Title,E-mail Address,E-mail Type,Notes,Web Page
      ,Ann,,Ito,,,,,Sony,R&D,Lead,ann@sony.jp,SMTP,,

      """
    let google = """
      First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone
      Raj,,Kumar,,,,,,,,,,,,raj@infosys.com,,,,

      """
    let (loaded, _) = try loadContactText([("web.csv", web), ("gout.csv", google)])
    #expect(loaded.imports[0].generation == "Outlook.com")
    #expect(loaded.imports[1].generation == "Google's Outlook CSV")
    #expect(person(loaded.graph, "Ann Ito") != nil && person(loaded.graph, "Raj Kumar") != nil)
  }

  @Test func thunderbirdSemicolonsAndTrailingComma() throws {
    let semi = "Display Name;First Name;Last Name;Primary Email\nJohn Doe;John;Doe;john@doe.invalid\n"
    let trailing = """
      First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Job Title,Organization,Notes
      Jane,Roe,Jane Roe,,jane@roe.invalid,jr@other.invalid,,Editor,Daily Planet,note,

      """
    let (loaded, errors) = try loadContactText([("tb.csv", semi), ("tb2.csv", trailing)])
    #expect(errors.isEmpty)
    #expect(loaded.imports.map(\.format) == ["thunderbird", "thunderbird"])
    let jane = try #require(person(loaded.graph, "Jane Roe"))
    #expect(loaded.graph.people.emails(of: jane) == ["jane@roe.invalid", "jr@other.invalid"])
    #expect(loaded.graph.people.company(of: jane) == "Daily Planet")
  }
}

@Suite struct EncodingTests {
  let text = "First Name,Last Name,Primary Email\nJosé,Müller,jose@example.org\n"

  func utf16(_ s: String, littleEndian: Bool, bom: Bool) -> [UInt8] {
    var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
    for u in s.utf16 {
      let lo = UInt8(u & 0xFF)
      let hi = UInt8(u >> 8)
      out += littleEndian ? [lo, hi] : [hi, lo]
    }
    return out
  }

  @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
  func utf16WithAndWithoutBOM(littleEndian: Bool, bom: Bool) throws {
    let (loaded, _) = try loadContacts([("u.csv", utf16(text, littleEndian: littleEndian, bom: bom), nil)])
    #expect(loaded.imports[0].encoding == (littleEndian ? "utf-16le" : "utf-16be"))
    #expect(person(loaded.graph, "José Müller") != nil)
  }

  @Test func windows1252IsAFlaggedFallback() throws {
    // "José Müller – €" in windows-1252 bytes.
    let bytes =
      Array("First Name,Last Name,Primary Email\nJos".utf8) + [0xE9] + Array(",M".utf8) + [0xFC]
      + Array("ller ".utf8) + [0x96, 0x20, 0x80] + Array(",jose@example.org\n".utf8)
    let (loaded, _) = try loadContacts([("w.csv", bytes, nil)])
    #expect(loaded.imports[0].encoding?.hasPrefix("windows-1252 (fallback") == true)
    #expect(person(loaded.graph, "José Müller – €") != nil)
  }

  @Test func utf8WithBOM() throws {
    let (loaded, _) = try loadContacts([("b.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8), nil)])
    #expect(loaded.imports[0].encoding == "utf-8 (with BOM)")
    #expect(person(loaded.graph, "José Müller") != nil)
  }
}

@Suite struct IdentityTests {
  @Test func emailsMergeCaseFolded() throws {
    let a = "First Name,Last Name,Primary Email\nAna,Diaz,Ana.Diaz@Example.ORG\n"
    let b = "Name,E-mail 1 - Value,Group Membership\nAna D.,ana.diaz@example.org,* myContacts\n"
    let (loaded, _) = try loadContactText([("a.csv", a), ("b.csv", b)])
    #expect(loaded.identity?.mergedByEmail == 1)
    #expect(loaded.imports[1].merged == 1)
    #expect(loaded.graph.personCount == 3)
  }

  @Test func nameAndCompanyMergeWithVariants() throws {
    let a =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Marie (Mimi),"Curie, PhD",https://www.linkedin.com/in/mcurie,,"Radium, Inc.",Chemist,01 Jan 2020

        """
    let b = "First Name,Last Name,Primary Email,Organization\nMarie,Curie,marie@radium.fr,Radium\n"
    let (loaded, _) = try loadContactText([("a.csv", a), ("b.csv", b)])
    #expect(loaded.identity?.mergedByNameAndCompany == 1)
    #expect(loaded.identity?.merges.first?.key == "marie curie | radium")
  }

  /// The same contacts listed many times (re-exports joined into one file):
  /// every repeat merges by profile URL, the name queue keeps one entry per
  /// person and name, and the name + company index still finds them (a second
  /// owner's address book without URLs merges into the same people).
  @Test func repeatedRowsMergeAndStillMatchByNameAndCompany() throws {
    let rows = """
      Marie,Curie,https://www.linkedin.com/in/mcurie,,Radium Inc.,Chemist,01 Jan 2020
      Pierre,Curie,https://www.linkedin.com/in/pcurie,,Radium Inc.,Physicist,02 Jan 2020
      Irene,Joliot-Curie,https://www.linkedin.com/in/ijc,,Institut du Radium,Chemist,03 Jan 2020

      """
    // Pierre's last listing has a new employer: that name + company is new.
    let a =
      linkedInNote + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
      + String(repeating: rows, count: 50)
      + "Pierre,Curie,https://www.linkedin.com/in/pcurie,,Sorbonne,Professor,02 Jan 2020\n"
    let b = """
      First Name,Last Name,Primary Email,Organization
      Irene,Joliot-Curie,irene@radium.fr,Institut du Radium
      Pierre,Curie,pierre@sorbonne.fr,Sorbonne

      """
    let (loaded, errors) = try loadContactText([("ana.csv", a), ("bob.csv", b)])
    #expect(errors.isEmpty)
    #expect((loaded.imports[0].rowsRead, loaded.imports[0].imported, loaded.imports[0].merged) == (151, 3, 148))
    #expect(loaded.identity?.mergedByProfileURL == 148)
    #expect(loaded.identity?.mergedByNameAndCompany == 2)
    #expect(loaded.imports[1].merged == 2)
    #expect(loaded.graph.personCount == 5)  // two owners, three contacts
    let irene = try #require(person(loaded.graph, "Irene Joliot-Curie"))
    #expect(loaded.graph.people.emails(of: irene) == ["irene@radium.fr"])
  }

  @Test func ambiguousCandidatesAreListedNotMerged() throws {
    let a = """
      First Name,Last Name,URL,Email Address,Company,Position,Connected On
      John,Smith,https://www.linkedin.com/in/js1,,Acme,Engineer,01 Jan 2020
      John,Smith,https://www.linkedin.com/in/js2,,Acme,Sales,01 Jan 2020

      """
    let b = "First Name,Last Name,Primary Email,Organization\nJohn,Smith,john@gmail.com,Acme Inc.\n"
    let (loaded, _) = try loadContactText([("a.csv", a), ("b.csv", b)])
    #expect(loaded.graph.personCount == 1 + 1 + 3)
    let amb = try #require(loaded.identity?.ambiguous.first)
    #expect(amb.candidates.count == 2)
    #expect(loaded.identity?.merged == 0)
    // The record became a person of its own, never to be paired with either candidate.
    let pairs = try #require(loaded.identity?.ambiguousPairs)
    #expect(Set(pairs.map(\.other)) == Set(amb.candidates) && Set(pairs.map(\.person)).count == 1)
    #expect(!amb.candidates.contains(pairs[0].person))
  }

  @Test func sameURLWithADifferentGivenNameIsKeptApart() throws {
    let a = """
      First Name,Last Name,URL,Email Address,Company,Position,Connected On
      Lauren,Robinson,https://www.linkedin.com/in/lrobinson,,Cognizant,Dev,01 Jan 2010
      Lily,Robinson,https://www.linkedin.com/in/lrobinson,,Zoom,PM,01 Jan 2011
      L.,Robinson,https://www.linkedin.com/in/lrobinson,,Cognizant,Dev,01 Jan 2012

      """
    let (loaded, _) = try loadContactText([("a.csv", a)])
    #expect(loaded.identity?.mergedByProfileURL == 1)  // the initial is compatible
    #expect(loaded.identity?.ambiguous.count == 1)
  }
}

@Suite struct OwnerTests {
  @Test func ownersFromStemOptionAndFolder() throws {
    let c =
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://www.linkedin.com/in/ab,,X,Y,01 Jan 2020\n"
    let (loaded, _) = try loadContactText(
      [("mary-reed.csv", c), ("ali/Connections.csv", c), ("z.csv", c)], owners: [nil, nil, "Zoe Q"])
    let owners = try #require(loaded.identity?.owners)
    #expect(owners.map(\.owner) == ["mary-reed", "ali", "Zoe Q"])
    #expect(owners.map(\.name) == ["Mary Reed", "Ali", "Zoe Q"])
    #expect(loaded.imports.map { $0.owner } == ["mary-reed", "ali", "Zoe Q"])
    #expect(loaded.identity?.peopleInSeveralExports == 1)
  }

  @Test func ownerIsFoundAmongOtherExportsContacts() throws {
    let h = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    let mary = h + "Tom,Hardy,https://www.linkedin.com/in/tom,,Acme,CEO,01 Jan 2020\n"
    let tom = h + "Mary,Reed,https://www.linkedin.com/in/mary,,Acme,CTO,01 Jan 2020\n"
    let (loaded, _) = try loadContactText([("mary-reed.csv", mary), ("tom-hardy.csv", tom)])
    // Two owners who list each other: two people, one tie.
    #expect(loaded.graph.personCount == 2)
    #expect(loaded.graph.tieCount == 1)
    #expect(loaded.identity?.owners.map(\.resolvedBy) == ["name", "name"])
  }

  @Test func ambiguousOwnerIsAnErrorWithAHint() {
    let people = "id,name\n1,Sam Lee\n2,Sam Lee\n"
    let c = "First Name,Last Name,Primary Email\nA,B,a@b.org\n"
    #expect {
      _ = try loadContactText([("people.csv", people), ("sam-lee.csv", c)])
    } throws: { e in
      (e as? ImportError)?.message.contains("matches 2 people") == true && (e as? ImportError)?.hints == [.nameTheOwner]
    }
  }

  /// Four exports whose owners each match two people, among six: with
  /// unusable files set aside, all four are set aside after one pass and
  /// the other two read once more (8 + 2 file reads, not one pass per owner).
  @Test func ambiguousOwnersAreSetAsideInOnePass() throws {
    var people = "id,name\n"
    for (i, name) in ["Sam Lee", "Ana Ruiz", "Bo Chen", "Li Wei"].enumerated() {
      people += "\(2 * i + 1),\(name)\n\(2 * i + 2),\(name)\n"
    }
    let c = "First Name,Last Name,Primary Email\nA,B,a@b.org\n"
    final class Reads: @unchecked Sendable {
      var count = 0
      var skipped: [String] = []
    }
    let reads = Reads()
    var options = LoadOptions()
    options.skipUnusable = true
    options.onFileRead = { _, _, _ in reads.count += 1 }
    options.onSkip = { reads.skipped.append(String($0.file.split(separator: "/").last ?? "")) }
    let files =
      [("people.csv", people), ("sam-lee.csv", c), ("mo-ali.csv", c), ("ana-ruiz.csv", c)]
      + [("bo-chen.csv", c), ("li-wei.csv", c)]
    let (kept, _) = try loadContactText(files, options: options)
    #expect(reads.skipped == ["sam-lee.csv", "ana-ruiz.csv", "bo-chen.csv", "li-wei.csv"])
    #expect(reads.count == 6 + 2)
    #expect(kept.skipped.map { String($0.file.split(separator: "/").last ?? "") } == reads.skipped)
    #expect(kept.skipped.allSatisfy { $0.reason.contains("matches 2 people") && $0.hints == [.nameTheOwner] })
    #expect(kept.identity?.owners.map(\.owner) == ["mo-ali"])
  }
}

@Suite struct InferenceTests {
  let export = """
    First Name,Last Name,Primary Email,Organization,Categories
    A1,X,a1@acme.com,Acme Inc.,
    A2,X,a2@acme.com,"Acme, Inc",
    B1,Y,b1@gmail.com,Beta,Choir
    B2,Y,b2@gmail.com,Gamma,Choir
    C1,Z,c1@delta.io,Delta,
    C2,Z,c2@delta.io,Epsilon,

    """

  @Test func rulesConfidencesAndKinds() throws {
    let (loaded, _) = try loadContactText([("me.csv", export)])
    let g = loaded.graph
    func tie(_ a: String, _ b: String) -> Int? {
      guard let x = person(g, a), let y = person(g, b) else { return nil }
      return g.tieID(between: x, and: y)
    }
    let acme = try #require(tie("A1 X", "A2 X"))
    #expect(g.ties.kind(acme) == "inferred:same-company+email-domain")
    #expect(abs((g.ties.confidence(acme) ?? 0) - (1 - 0.2 * 0.2)) < 1e-6)  // two rules at 0.8 each, noisy-OR
    let choir = try #require(tie("B1 Y", "B2 Y"))
    #expect(g.ties.kind(choir) == "inferred:shared-label")  // gmail.com is a free-mail domain
    let delta = try #require(tie("C1 Z", "C2 Z"))
    #expect(g.ties.kind(delta) == "inferred:email-domain")
    #expect(tie("A1 X", "B1 Y") == nil)
    #expect(g.ties.inferredCount == 3)
  }

  @Test func largerGroupsGiveLowerConfidence() throws {
    var rows = "First Name,Last Name,Organization\n"
    for i in 0..<4 { rows += "P\(i),Q,Big\n" }
    rows += "S0,T,Small\nS1,T,Small\n"
    let (loaded, _) = try loadContactText([("me.csv", rows)])
    let g = loaded.graph
    let big = try #require(tieBetween(g, "P0 Q", "P1 Q"))
    let small = try #require(tieBetween(g, "S0 T", "S1 T"))
    #expect(abs((g.ties.confidence(big) ?? 0) - 0.5) < 1e-6)
    #expect(abs((g.ties.confidence(small) ?? 0) - 0.8) < 1e-6)
  }

  @Test func coPresenceInSeveralOwnersExports() throws {
    let h = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    let rows =
      "U,V,https://www.linkedin.com/in/uv,,C1,T,01 Jan 2020\nW,X,https://www.linkedin.com/in/wx,,C2,T,01 Jan 2020\n"
    let (loaded, _) = try loadContactText([("o1.csv", h + rows), ("o2.csv", h + rows), ("o3.csv", h + rows)])
    let g = loaded.graph
    let t = try #require(tieBetween(g, "U V", "W X"))
    #expect(g.ties.kind(t) == "inferred:co-presence")
    #expect(abs((g.ties.confidence(t) ?? 0) - 0.6) < 1e-6)  // three shared owners
  }

  @Test func noInferRemovesExactlyTheInferredTies() throws {
    var off = LoadOptions()
    off.contacts.infer = false
    let (on, _) = try loadContactText([("me.csv", export)])
    let (without, _) = try loadContactText([("me.csv", export)], options: off)
    #expect(on.graph.ties.inferredCount == 3)
    #expect(without.graph.ties.inferredCount == 0)
    #expect(on.graph.tieCount - without.graph.tieCount == on.graph.ties.inferredCount)
  }
}

@Suite struct HostileContactTests {
  @Test func quotesNewlinesAndMarkupStayText() throws {
    let text = """
      First Name,Last Name,Primary Email
      "<script>alert(1)</script>","O""Neil
      & ]]> \\l",x@y.org

      """
    let (loaded, _) = try loadContactText([("h.csv", text)])
    #expect(names(loaded.graph).contains("<script>alert(1)</script> O\"Neil\n& ]]> \\l"))
  }

  @Test func tenMegabyteFieldIsReadWithoutTrouble() throws {
    let big = String(repeating: "n", count: 10 << 20)
    let text = "First Name,Last Name,Notes,Primary Email\nA,B,\"\(big)\",a@b.org\nC,D,,c@d.org\n"
    let (loaded, _) = try loadContactText([("big.csv", text)])
    #expect(loaded.imports[0].imported == 2)
  }

  @Test func truncatedFileIsAnErrorAtTheOpeningQuote() {
    let text = "First Name,Last Name,Primary Email\nA,B,a@b.org\nC,\"D,c@d.org\n"
    #expect {
      _ = try loadContactText([("t.csv", text)])
    } throws: { e in
      let e = e as? ImportError
      return e?.line == 3 && e?.column == 3 && e?.message.contains("never closed") == true
    }
  }

  @Test func zeroPeopleFromANonEmptyFileIsAnError() {
    let text = "First Name,Last Name,Primary Email\n,,\n,,\n"
    #expect {
      _ = try loadContactText([("e.csv", text)])
    } throws: { e in (e as? ImportError)?.message.contains("no usable rows") == true }
  }

  @Test func unknownColumnsAreReported() throws {
    let text = "First Name,Last Name,Primary Email,Shoe Size\nA,B,a@b.org,42\n"
    let (loaded, _) = try loadContactText([("u.csv", text)])
    #expect(loaded.imports[0].unknownColumns == ["Shoe Size"])
  }

  /// Random bytes after a contact header never crash, and counts add up.
  @Test(arguments: 0..<UInt64(100))
  func randomBytesNeverCrash(seed: UInt64) {
    var rng = SplitMix64(seed: seed &+ 7000)
    let alphabet = Array("ab@.,;\t\"\n\r :*()".utf8) + [0xFF, 0xC3, 0xE2, 0x00]
    let header = Array(
      [
        "First Name,Last Name,Primary Email\n",
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n", "BEGIN:VCARD\nFN:",
      ][Int(rng.next() % 3)].utf8)
    let body = (0..<Int(rng.next() % 400)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    do {
      let (loaded, _) = try loadContacts([("r.csv", header + body, nil)])
      let consistent = loaded.imports.allSatisfy { $0.isConsistent }
      #expect(consistent)
    } catch {
      #expect(error is ImportError)
    }
  }
}

@Suite struct MoreQuirkTests {
  @Test func googleTabSeparated() throws {
    let text =
      "Name\tGiven Name\tFamily Name\tGroup Membership\tE-mail 1 - Type\tE-mail 1 - Value\n"
      + "Zoë Kravitz\tZoë\tKravitz\t* myContacts\t* Home\tzoe@example.net\n"
    let (loaded, _) = try loadContactText([("g.tsv", text)])
    #expect(loaded.imports[0].format == "google")
    let z = try #require(person(loaded.graph, "Zoë Kravitz"))
    #expect(loaded.graph.people.emails(of: z) == ["zoe@example.net"])
  }

  @Test func initialsEmojiNonLatinAndPageLikeEntities() throws {
    let text =
      linkedInNote + """
        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        K.,Smith,https://www.linkedin.com/in/ksmith,,,,01 Jan 2020
        ana 🇧🇷,souza,https://www.linkedin.com/in/ana,,,,01 Jan 2020
        明,李,https://www.linkedin.com/in/li-ming,,,,01 Jan 2020
        Mission Dolores,Manor,https://www.linkedin.com/in/mission,,,,01 Jan 2020

        """
    let (loaded, errors) = try loadContactText([("x.csv", text)])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].imported == 4)
    #expect(names(loaded.graph).isSuperset(of: ["K. Smith", "ana 🇧🇷 souza", "明 李", "Mission Dolores Manor"]))
    #expect(Identity.nameKey("ana 🇧🇷 souza") == "ana souza")
  }

  @Test func freemailDomainsInferNothing() throws {
    let text = "First Name,Last Name,Primary Email\nA,B,a@gmail.com\nC,D,c@gmail.com\n"
    let (loaded, _) = try loadContactText([("x.csv", text)])
    #expect(loaded.graph.ties.inferredCount == 0)
  }
}
