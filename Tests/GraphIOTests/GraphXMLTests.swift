import GraphCore
import LiaisonTestSupport
import Testing

@testable import GraphIO

/// GraphML and GEXF (Guides/Importing.md, "GraphML and GEXF"), and the XML
/// reader under them. Expected counts: scripts/expected-counts.py.
@Suite struct GraphXMLTests: NetworkFileSuite {
  func events(_ text: String) throws -> [XMLReader.Event] {
    var r = XMLReader(bytes: Array(text.utf8))
    var out: [XMLReader.Event] = []
    while let e = try r.next() { out.append(e) }
    return out
  }

  // MARK: Real files

  /// Kapferer's tailor shop and Freeman's EIES: directed multigraph GEXF.
  /// Direction is not kept (as for Pajek `*Arcs`): counts are networkx's
  /// `to_undirected()` simple graph — kapf-1 425 edges → 175 ties, kapf-2 593 → 248,
  /// EIES-1 650 → 385, EIES-2 759 → 430.
  @Test func realGEXF() throws {
    for (file, people, edges, ties) in [
      ("kapferer-tailor-shop/kapf-1.gexf", 39, 425, 175), ("kapferer-tailor-shop/kapf-2.gexf", 39, 593, 248),
      ("freeman-eies/EIES-1.gexf", 32, 650, 385), ("freeman-eies/EIES-2.gexf", 32, 759, 430),
    ] {
      guard let path = SharedData.path("datasets/real/" + file) else {
        print("skipped: the real-data folder has no \(file)")
        return
      }
      let loaded = try NetworkLoader.load([InputSpec(path: path)])
      let g = loaded.graph
      let r = loaded.imports[0]
      #expect(r.format == "gexf")
      #expect(g.personCount == people)
      #expect(g.tieCount == ties)
      #expect(r.rowsRead == people + edges && r.imported == people + ties && r.merged == edges - ties)
      #expect((0..<g.tieCount).allSatisfy { g.ties.kind($0) != nil })
      try g.checkInvariants()
    }
    guard let kapf = SharedData.path("datasets/real/kapferer-tailor-shop/kapf-1.gexf") else { return }
    let g = try NetworkLoader.load([InputSpec(path: kapf)]).graph
    #expect(g.ties.kind(try #require(tie(g, "0", "2"))) == "instrumental_interactions+sociational_interactions")
    #expect(g.people.tags(of: try #require(person(g, "0"))).contains("job=line 1 tailor"))
  }

  // MARK: Round trip

  /// Liaison's own GraphML and GEXF read back as written, field by field.
  @Test func exportReadsBack() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let people = tmp.write(
      "people.csv",
      """
      id,name,email,company,title,industry,location,tags,url
      ann,"Ann <&> O'Hara",ann@x.org;a2@y.org,Acme & Co,CTO,Software,"Paris, FR",alpha;"beta",https://x.org/a?b=1&c=2
      bob,Bob,,,,,,,
      cid,Cid "C",,Beta,,,,,

      """)
    let ties = tmp.write(
      "ties.csv",
      """
      source,target,strength,interactions,last_contact,since,kind
      ann,bob,0.75,12,2024-03-01,2019-05-02,colleague
      bob,cid,,3,2024-01-15,,friend
      ann,cid,0.125,,,,

      """)
    let original = try NetworkLoader.load([InputSpec(path: people), InputSpec(path: ties)]).graph
    for format in [ExportFormat.graphml, .gexf] {
      let out = tmp.path + "/net." + format.rawValue
      try GraphExport.write(original, as: format, to: out)
      let loaded = try NetworkLoader.load([InputSpec(path: out)])
      #expect(loaded.imports[0].format == format.rawValue)
      let g = loaded.graph
      #expect(g.personCount == original.personCount && g.tieCount == original.tieCount)
      for p in 0..<PersonID(original.personCount) {
        let id = original.people.id(of: p)
        let q = try #require(person(g, id))
        #expect(g.people.name(of: q) == original.people.name(of: p), "\(format) \(id)")
        #expect(g.people.emails(of: q) == original.people.emails(of: p))
        #expect(g.people.company(of: q) == original.people.company(of: p))
        #expect(g.people.title(of: q) == original.people.title(of: p))
        #expect(g.people.industry(of: q) == original.people.industry(of: p))
        #expect(g.people.location(of: q) == original.people.location(of: p))
        #expect(g.people.tags(of: q) == original.people.tags(of: p))
        #expect(g.people.profileURL(of: q) == original.people.profileURL(of: p))
      }
      for u in 0..<PersonID(original.personCount) {
        for v in original.neighbors(of: u) where v > u {
          let t0 = try #require(original.tieID(between: u, and: v))
          let t = try #require(tie(g, original.people.id(of: u), original.people.id(of: v)))
          let (a, b) = (original.ties, g.ties)
          #expect(b.isRated(t) == a.isRated(t0), "\(format) tie \(t0)")
          #expect(
            g.strength(
              between: try #require(person(g, original.people.id(of: u))),
              and: try #require(
                person(g, original.people.id(of: v)))) == original.strength(between: u, and: v))
          #expect(b.interactions(t) == a.interactions(t0))
          #expect(b.interactionsOut(t) == a.interactionsOut(t0) && b.interactionsIn(t) == a.interactionsIn(t0))
          #expect(b.lastContact(t) == a.lastContact(t0) && b.since(t) == a.since(t0))
          #expect(b.kind(t) == a.kind(t0))
          #expect(b.source(t) == a.source(t0))
          #expect(b.confidence(t) == a.confidence(t0))
        }
      }
    }
  }

  // MARK: Quirks

  @Test func graphMLKeysDefaultsAndEntities() throws {
    let loaded = try load(
      """
      <?xml version="1.0"?>
      <!DOCTYPE graphml [ <!ENTITY x "y"> ]>
      <!-- a comment with <tags> -->
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="d0" for="node" attr.name="company" attr.type="string"><default>Acme</default></key>
        <key id="d1" for="edge" attr.name="weight" attr.type="double"/>
        <key id="d2" for="node" attr.name="label" attr.type="string"/>
        <graph edgedefault="undirected">
          <node id="a"><data key="d2">Ann &amp; &#233;&#xE9; &lt;x&gt; &quot;q&quot; &apos;</data></node>
          <node id="b"><data key="d0"><![CDATA[B <&> Co]]></data></node>
          <node id="c"/>
          <edge source="a" target="b"><data key="d1">0.5</data></edge>
          <edge source="b" target="a"><data key="d1">0.25</data></edge>
          <edge source="c" target="c"/>
          <?pi ignored?>
        </graph>
      </graphml>
      """)
    let g = loaded.graph
    #expect(loaded.imports[0].format == "graphml")
    #expect(g.people.name(of: try #require(person(g, "a"))) == "Ann & éé <x> \"q\" '")
    #expect(g.people.company(of: try #require(person(g, "a"))) == "Acme")
    #expect(g.people.company(of: try #require(person(g, "b"))) == "B <&> Co")
    #expect(g.tieCount == 1)
    #expect(g.strength(between: try #require(person(g, "a")), and: try #require(person(g, "b"))) == 0.5)
    let r = loaded.imports[0]
    #expect(r.rowsRead == 6 && r.imported == 4 && r.merged == 1 && r.selfTies == 1)
  }

  @Test func gexfLabelsWeightsAndKind() throws {
    let loaded = try load(
      """
      <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
      <attributes class="node"><attribute id="0" title="city" type="string"/></attributes>
      <attributes class="edge"><attribute id="r" title="relation" type="string"/></attributes>
      <nodes><node id="1" label="One"><attvalues><attvalue for="0" value="Oslo"/></attvalues></node>
      <node id="2" label="Two"/></nodes>
      <edges><edge source="1" target="2" weight="3"><attvalues><attvalue for="r" value="work"/></attvalues></edge>
      <edge source="2" target="1" weight="1" label="ignored"><attvalues><attvalue for="r" value="play"/></attvalues></edge>
      </edges></graph></gexf>
      """)
    let g = loaded.graph
    #expect(loaded.imports[0].format == "gexf")
    #expect(g.people.name(of: try #require(person(g, "1"))) == "One")
    #expect(g.people.location(of: try #require(person(g, "1"))) == "Oslo")
    #expect(g.ties.kind(0) == "work+play")
    #expect(loaded.imports[0].weights == "count")
  }

  @Test func nestedNodesAreNotRead() throws {
    let loaded = try load(
      """
      <graphml><key id="n" for="node" attr.name="name"/><graph>
      <node id="outer"><graph><node id="inner"><data key="n">Inner</data></node>
      <edge source="inner" target="b"/></graph><data key="n">Outer</data></node>
      <node id="b"/><edge source="outer" target="b"/>
      </graph></graphml>
      """)
    let g = loaded.graph
    #expect(g.people.name(of: try #require(person(g, "outer"))) == "Outer")
    #expect(g.people.name(of: try #require(person(g, "inner"))) != "Inner")
    #expect(g.personCount == 3 && g.tieCount == 2)
    #expect(loaded.imports[0].rowsRead == 4)
  }

  @Test func malformedXMLHasLineAndColumn() throws {
    let cases: [(String, Int, Int, String)] = [
      ("<graphml>\n  <graph>\n  </graphml>", 3, 3, "</graphml> closes <graph>"),
      ("<graphml>\n<node id=\"a\" id=\"b\"/></graphml>", 2, 14, "attribute id is given twice"),
      ("<graphml>\n <node id=\"a&bogus;\"/></graphml>", 2, 13, "unknown entity &bogus;"),
      ("<graphml>\n <node id=\"a\"></graphml>", 2, 15, "</graphml> closes <node>"),
      ("<graphml><graph>\n<node id=\"a\"", 2, 1, "<node is not closed"),
      ("<graphml/>\n<graphml/>", 2, 1, "a second root element"),
      ("<graphml>&#0;</graphml>", 1, 10, "&#0; is not a character"),
    ]
    for (text, line, column, message) in cases {
      do {
        _ = try load(text, as: .graphml)
        Issue.record("read: \(text)")
      } catch let e as ImportError {
        #expect(e.message.contains("malformed XML") && e.message.contains(message), "\(e.message)")
        #expect(e.line == line && e.column == column, "\(message): \(e.line):\(e.column)")
      }
    }
  }

  @Test func readerEvents() throws {
    #expect(
      try events("<?xml version='1.0'?><a x='1' y=\"&lt;\"><!--c-->t<![CDATA[<]]]]><b/></a>") == [
        .start(name: "a", attributes: [("x", "1"), ("y", "<")]), .text("t"), .text("<]]"),
        .start(name: "b", attributes: []), .end(name: "b"), .end(name: "a"),
      ])
    // Never crashes on any bytes: every prefix of a document either parses or throws.
    let doc = Array("<g a=\"&amp;\"><n>&#x41;<![CDATA[x]]></n><!-- c --></g>".utf8) + [0xFF, 0x00]
    for end in 0...doc.count {
      var r = XMLReader(bytes: Array(doc[..<end]))
      while (try? r.next()) != nil {}
    }
  }

  @Test func detection() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    for (text, format) in [
      ("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- x -->\n<graphml><graph><node id=\"a\"/></graph></graphml>", "graphml"),
      ("<?xml version=\"1.0\"?><gexf version=\"1.3\"><graph><nodes><node id=\"a\"/></nodes></graph></gexf>", "gexf"),
    ] {
      let loaded = try NetworkLoader.load([InputSpec(path: tmp.write("x.txt", text))])
      #expect(loaded.imports[0].format == format)
    }
  }
}
