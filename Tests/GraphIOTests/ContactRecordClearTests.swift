import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// The CSV importer reuses one `ContactRecord` for every row (`clear(line:)`):
/// nothing of a row may leak into the next.
@Suite struct ContactRecordClearTests {
  @Test func clearLeavesWhatInitMakes() {
    var r = ContactRecord(line: 7)
    r.fullName = "Ada Lovelace"
    r.givenName = "Ada"
    r.middleName = "King"
    r.familyName = "Lovelace"
    r.namePrefix = "Lady"
    r.nameSuffix = "FRS"
    r.nickname = "Ada"
    r.emails = ["ada@example.org"]
    r.companies = ["Analytical Engines Ltd"]
    r.department = "Notes"
    r.title = "Countess"
    r.urls = ["https://www.linkedin.com/in/ada"]
    r.phones = ["+44 20 0000 0000"]
    r.labels = ["Friends"]
    r.related = ["urn:uuid:babbage"]
    r.connectedOn = Day(year: 1833, month: 6, day: 5)
    r.birthday = "1815-12-10"
    r.notes = "first program"
    r.uid = "ada-1"
    // Every stored property is set above: a property added to the record
    // and not set here fails this, so that `clear` is looked at again.
    let fresh = ContactRecord(line: 8)
    for (filled, empty) in zip(Mirror(reflecting: r).children, Mirror(reflecting: fresh).children) {
      #expect("\(filled.value)" != "\(empty.value)", "\(filled.label ?? "?") is not set by this test")
    }
    r.clear(line: 8)
    #expect(r == fresh)
  }

  /// Rows of different shapes one after another through the reader: each
  /// record is what the row alone gives.
  @Test func rowsDoNotLeakIntoTheNext() throws {
    let csv = """
      Name,Given Name,Family Name,Nickname,Notes,E-mail 1 - Value,Organization 1 - Name,Group Membership
      Ada Lovelace,Ada,Lovelace,Countess,first program,ada@example.org,Engines Ltd,Friends ::: * myContacts
      ,Charles,Babbage,,,,,
      Grace Hopper,,,,,grace@example.org,,

      """
    let (loaded, errors) = try loadContactText([("google.csv", csv)])
    #expect(errors.isEmpty)
    let g = loaded.graph
    #expect(g.personCount == 4)  // the owner and three contacts
    var seen = 0
    for p in 0..<g.personCount {
      let id = PersonID(p)
      switch g.people.name(of: id) {
      case "Charles Babbage":
        seen += 1
        #expect(g.people.company(of: id).isEmpty)
        #expect(g.people.emails(of: id).isEmpty)
        #expect(g.people.tags(of: id).isEmpty)
      case "Grace Hopper":
        seen += 1
        #expect(g.people.company(of: id).isEmpty)
        #expect(g.people.emails(of: id) == ["grace@example.org"])
        #expect(g.people.tags(of: id).isEmpty)
      case "Ada Lovelace":
        seen += 1
        #expect(g.people.company(of: id) == "Engines Ltd")
        #expect(g.people.tags(of: id) == ["Friends"])
      default: break
      }
    }
    #expect(seen == 3)
  }
}
