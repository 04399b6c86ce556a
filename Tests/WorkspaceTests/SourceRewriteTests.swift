import GraphCore
import Testing

@testable import Workspace

@Suite struct SourceRewriteTests {
  let ada = ForgetTarget(
    key: "url:linkedin.com/in/ada-l", id: "7", name: "Ada Lovelace", emails: ["ada@example.com"],
    urls: ["linkedin.com/in/ada-l"])

  func rewrite(_ text: String, _ format: String, columns: String? = nil) throws -> (String, Int) {
    let r = try SourceRewrite.rewrite(Array(text.utf8), format: format, columns: columns, target: ada, label: "test")
    return (String(decoding: r.bytes, as: UTF8.self), r.removed)
  }

  @Test func csvRowsNamingThePersonGoAndTheRestStaysByteForByte() throws {
    let people =
      "id,name,email\r\n7,Someone,x@y.z\r\n8,\"Ada Lovelace\",\r\n9,\"Bob, \"\"the\"\" builder\nline 2\",b@c.d\r\n17,Eve,ADA@Example.com\r\n"
    let (out, removed) = try rewrite(people, "people")
    #expect(removed == 3)
    #expect(out == "id,name,email\r\n9,\"Bob, \"\"the\"\" builder\nline 2\",b@c.d\r\n")
    // In ties, the id counts only in the id columns: 7 as a count of interactions stays.
    let (ties, tieRemoved) = try rewrite("source,target,interactions\n1,7,2\n2,3,7\n7,4,1\n", "ties")
    #expect(ties == "source,target,interactions\n2,3,7\n")
    #expect(tieRemoved == 2)
    let (mapped, _) = try rewrite("who,other\n7,1\n2,3\n", "ties", columns: "source=who,target=other")
    #expect(mapped == "who,other\n2,3\n")
    // LinkedIn: first and last name side by side, or the profile URL.
    let linkedin =
      "Notes:\n\nFirst Name,Last Name,URL\nAda,Lovelace,\nAlan,Turing,https://www.linkedin.com/in/alan\nX,Y,https://www.linkedin.com/in/ada-l/\n"
    let (li, liRemoved) = try rewrite(linkedin, "linkedin")
    #expect(li == "Notes:\n\nFirst Name,Last Name,URL\nAlan,Turing,https://www.linkedin.com/in/alan\n")
    #expect(liRemoved == 2)
  }

  @Test func vcardCardsAndEdgeLinesGo() throws {
    let cards =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\nBEGIN:VCARD\nFN:Alan\nEMAIL:alan@x.org\nEND:VCARD\n"
      + "BEGIN:VCARD\nFN:A. L.\nEMAIL;TYPE=work:Ada@Example.com\nEND:VCARD\n"
    let (out, removed) = try rewrite(cards, "vcard")
    #expect(out == "BEGIN:VCARD\nFN:Alan\nEMAIL:alan@x.org\nEND:VCARD\n")
    #expect(removed == 2)
    let (edges, edgeRemoved) = try rewrite("# u v\n1 7\n7\t2 0.5\n2 3 7\n", "edges")
    #expect(edges == "# u v\n2 3 7\n")
    #expect(edgeRemoved == 2)
  }

  @Test func formatsThatCannotBeRewrittenAreRefusedWhenTheyNameThePerson() throws {
    #expect(throws: WorkspaceError.self) {
      _ = try rewrite("<graphml><node id=\"7\"><data>Ada Lovelace</data></node></graphml>", "graphml")
    }
    let (same, removed) = try rewrite("<graphml><node id=\"1\"/></graphml>", "graphml")
    #expect(same == "<graphml><node id=\"1\"/></graphml>" && removed == 0)
  }
}
