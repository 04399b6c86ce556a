import GraphCore
import Testing

/// A person whose id is the key of their LinkedIn URL (`https://www.` + id)
/// keeps the URL as a bit, not a string: every way of reading it back must
/// give the URL as it was set, and any other URL must be kept as written.
@Suite struct DerivedProfileURLTests {
  @Test func urlsReadBackAsSet() throws {
    var b = GraphBuilder()
    let cases: [(id: String, url: String)] = [
      ("linkedin.com/in/ann-lee", "https://www.linkedin.com/in/ann-lee"),  // derived
      ("linkedin.com/in/bo", "https://www.linkedin.com/in/bo/"),  // trailing slash: kept
      ("linkedin.com/in/cy", "http://www.linkedin.com/in/cy"),  // http: kept
      ("linkedin.com/in/di", "https://www.linkedin.com/in/DI"),  // case differs: kept
      ("ed@example.org", "https://www.linkedin.com/in/ed"),  // another id: kept
      ("https://www.", "https://www."),  // nothing after the prefix: kept
      ("fay", ""),  // none
    ]
    var people: [PersonID] = []
    for c in cases {
      let p = b.person(key: c.id)
      people.append(p)
      b.setAttributes(p, GraphBuilder.PersonAttributes(name: c.id, profileURL: c.url))
    }
    for (p, c) in zip(people, cases) { #expect(b.attributes(of: p).profileURL == c.url, "builder: \(c.id)") }
    // Overwriting: a derived URL replaced by a written one and back; `overwrite: false` keeps either.
    let g0 = people[0]
    b.setAttributes(g0, GraphBuilder.PersonAttributes(profileURL: "https://linkedin.com/in/ann-lee"))
    #expect(b.attributes(of: g0).profileURL == "https://linkedin.com/in/ann-lee")
    b.setAttributes(g0, GraphBuilder.PersonAttributes(profileURL: "https://www.linkedin.com/in/ann-lee"))
    #expect(b.attributes(of: g0).profileURL == "https://www.linkedin.com/in/ann-lee")
    b.setAttributes(g0, GraphBuilder.PersonAttributes(profileURL: "https://x.example/ann"), overwrite: false)
    #expect(b.attributes(of: g0).profileURL == "https://www.linkedin.com/in/ann-lee")
    let g6 = people[6]
    b.setAttributes(g6, GraphBuilder.PersonAttributes(profileURL: "https://www.fay"), overwrite: false)
    #expect(b.attributes(of: g6).profileURL == "https://www.fay")
    b.setAttributes(g6, GraphBuilder.PersonAttributes(profileURL: "https://x.example/fay"), overwrite: false)
    #expect(b.attributes(of: g6).profileURL == "https://www.fay")

    let (graph, _) = try b.build()
    var expected = cases.map(\.url)
    expected[6] = "https://www.fay"
    for (p, c) in zip(people, cases) {
      let i = Int(p)
      #expect(graph.people.profileURL(of: p) == expected[i], "table: \(c.id)")
      if !expected[i].isEmpty {
        // The first person with a URL answers for it (ed's URL is not ann's).
        #expect(graph.people.resolve(expected[i]) == .person(p), "resolve: \(expected[i])")
      }
    }
  }
}
