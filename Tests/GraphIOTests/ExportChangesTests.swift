import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// A LinkedIn `Connections.csv` with these rows (first, last, URL slug or "" for none, company, position).
private func connections(_ rows: [(String, String, String, String, String)]) -> String {
  linkedInNote + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    + rows.map { r in
      let url = r.2.isEmpty ? "" : "https://www.linkedin.com/in/\(r.2)"
      return "\(r.0),\(r.1),\(url),,\"\(r.3)\",\(r.4),01 Jan 2020\n"
    }.joined()
}

@Suite struct ExportChangesTests {
  let old: [(String, String, String, String, String)] = [
    ("Ann", "Lee", "ann-lee", "Acme", "Engineer"),
    ("Bob", "Ray", "bob-ray", "Beta Co", "Analyst"),
    ("Cy", "Dee", "cy-dee", "Gamma", "Designer"),
    ("Dan", "Fox", "dan-fox", "Delta", "Manager"),
    ("Eve", "Kim", "eve-kim", "Acme Inc.", "Engineer"),
    ("Fay", "Low", "fay-low", "Zeta", "Writer"),
  ]

  /// Three new connections, one removed, two job changes (and one promotion
  /// at the same company, one profile URL missing from the newer export,
  /// one company spelled differently) → exactly those.
  @Test func newRemovedAndJobChanges() throws {
    let new: [(String, String, String, String, String)] = [
      ("Ann", "Lee", "ann-lee", "Acme, Inc.", "Engineer"),
      ("Bob", "Ray", "bob-ray", "Omega", "Analyst"),
      ("Cy", "Dee", "cy-dee", "Sigma", "Lead Designer"),
      ("Eve", "Kim", "eve-kim", "Acme", "Senior Engineer"),
      ("Fay", "Low", "", "Zeta", "Writer"),
      ("Gus", "Pol", "gus-pol", "Eta", "CTO"),
      ("Hal", "Orr", "hal-orr", "Theta", "CEO"),
      ("Ida", "Ng", "ida-ng", "Iota", "Nurse"),
    ]
    let (before, _) = try loadContactText([("old/Connections.csv", connections(old))], owners: ["mary"])
    let (after, _) = try loadContactText([("new/Connections.csv", connections(new))], owners: ["mary"])
    let changes = ExportChanges.between(old: before, new: after, owner: "id:mary")
    #expect(changes.ownerInOld && changes.ownerInNew)
    #expect(changes.newConnections.map(\.name) == ["Gus Pol", "Hal Orr", "Ida Ng"])
    #expect(
      changes.newConnections.map(\.key) == [
        "url:linkedin.com/in/gus-pol", "url:linkedin.com/in/hal-orr", "url:linkedin.com/in/ida-ng",
      ])
    #expect(changes.removedConnections.map(\.name) == ["Dan Fox"])
    #expect(changes.jobChanges.map(\.person.name) == ["Bob Ray", "Cy Dee"])
    #expect(changes.jobChanges.map(\.oldCompany) == ["Beta Co", "Gamma"])
    #expect(changes.jobChanges.map(\.person.company) == ["Omega", "Sigma"])
    #expect(changes.jobChanges[1].oldTitle == "Designer" && changes.jobChanges[1].person.title == "Lead Designer")
    #expect(changes.titleChanges.map(\.person.name) == ["Eve Kim"])
    // Nothing changed between an export and itself.
    let same = ExportChanges.between(old: after, new: after, owner: "id:mary")
    #expect(same == ExportChanges(ownerInOld: true, ownerInNew: true))
    // An owner missing from one side: everything there is new (or removed).
    let unknown = ExportChanges.between(old: before, new: after, owner: "id:nobody")
    #expect(!unknown.ownerInOld && unknown.newConnections.isEmpty)
  }

  @Test func sameNameTwiceIsOrderedByKey() throws {
    let new = old + [("Ann", "Lee", "ann-lee-2", "Other", "Chef"), ("Ann", "Lee", "ann-lee-0", "Third", "Cook")]
    let (before, _) = try loadContactText([("old/Connections.csv", connections(old))], owners: ["mary"])
    let (after, _) = try loadContactText([("new/Connections.csv", connections(new))], owners: ["mary"])
    let changes = ExportChanges.between(old: before, new: after, owner: "id:mary")
    #expect(changes.newConnections.map(\.key) == ["url:linkedin.com/in/ann-lee-0", "url:linkedin.com/in/ann-lee-2"])
    #expect(changes.removedConnections.isEmpty && changes.jobChanges.isEmpty)
  }

  @Test func tiesThatWentDormantBetweenTwoDates() throws {
    let ties = """
      source,target,interactions,last_contact
      me,ann,3,2021-03-01
      me,bob,3,2019-01-01
      me,cy,3,2024-05-01
      me,dee,3,2021-01-15
      ann,bob,1,2020-01-01

      """
    let (loaded, _) = try loadText([("ties.csv", ties)])
    let asOf = Day(year: 2024, month: 6, day: 1)!
    let earlier = Day(year: 2024, month: 1, day: 1)!
    let gone = ExportChanges.dormant(in: loaded.graph, owner: "id:me", asOf: asOf, earlier: earlier)
    #expect(gone.map(\.person.name) == ["ann", "dee"])
    #expect(gone.map(\.lastContact) == [Day(parsing: "2021-03-01"), Day(parsing: "2021-01-15")])
    #expect(ExportChanges.dormant(in: loaded.graph, owner: "id:me", asOf: asOf, earlier: asOf).isEmpty)
    #expect(ExportChanges.dormant(in: loaded.graph, owner: "id:ghost", asOf: asOf, earlier: earlier).isEmpty)
  }
}
