import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// Pajek and UCINET DL files (Guides/Importing.md, "Pajek" and "UCINET DL").
@Suite struct NetworkFormatTests: NetworkFileSuite {
  // MARK: Real files

  /// Lazega's law firm: 71 lawyers, three relations as `k:`-prefixed arcs,
  /// five partitions and two vectors. 1,008 undirected pairs carry at least
  /// one relation (scripts/pajek-counts.py); 717 advice, 399 friendship, 726 co-work.
  @Test func lazegaLawFirm() throws {
    guard let dir = real("lazega-lawfirm") else { return }
    let loaded = try NetworkLoader.load([InputSpec(path: dir + "/Lazega-Law-Firm.paj")])
    let g = loaded.graph
    #expect(loaded.imports[0].format == "pajek")
    #expect(g.personCount == 71)
    #expect(g.tieCount == 1008)
    let kinds = (0..<g.tieCount).compactMap { g.ties.kind($0) }
    #expect(kinds.count == 1008)
    #expect(kinds.filter { $0.split(separator: "+").contains("advice") }.count == 717)
    #expect(kinds.filter { $0.split(separator: "+").contains("friendship") }.count == 399)
    #expect(kinds.filter { $0.split(separator: "+").contains("co-work") }.count == 726)
    #expect(Set(kinds).contains("advice+friendship+co-work"))
    // 71 vertices + 892 + 575 + 1,104 arcs + 7 × 71 partition and vector values.
    let r = loaded.imports[0]
    #expect(r.rowsRead == 71 + 892 + 575 + 1104 + 7 * 71 && r.rejected == 0)
    let l1 = try #require(person(g, "L1"))
    #expect(
      g.people.tags(of: l1) == [
        "status=1", "gender=1", "office=1", "practice=1", "lawSchool=1", "age=64",
        "seniority=31",
      ])
  }

  /// Sampson's monastery: 18 novices, ten relations as weighted arcs (ranks
  /// 1–3, not strengths: kept unrated), 134 undirected pairs.
  @Test func sampsonMonastery() throws {
    guard let dir = real("sampson-monastery") else { return }
    let loaded = try NetworkLoader.load([InputSpec(path: dir + "/sampson.net")])
    let g = loaded.graph
    #expect(g.personCount == 18)
    #expect(g.tieCount == 134)
    #expect(loaded.imports[0].rowsRead == 18 + 510 && loaded.imports[0].rejected == 0)
    #expect((0..<g.tieCount).allSatisfy { !g.ties.isRated($0) })
    #expect(loaded.imports[0].warnings?.first?.message.contains("weight(s) outside (0, 1]") == true)
    let t = try #require(tie(g, "ROMUL_10", "AMBROSE_9"))
    #expect(g.ties.kind(t)?.hasPrefix("SAMPLK1+") == true)
  }

  // MARK: Pajek

  /// A signed Pajek network (weights ±1): the weights are not strengths, but the sign is kept.
  @Test func pajekSignedTies() throws {
    let text = "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n1 2 1\n2 3 -1\n3 2 1\n"
    let loaded = try load(text, name: "signed.net")
    let g = loaded.graph
    #expect(g.tieCount == 2 && g.ties.negativeCount == 1 && loaded.imports[0].negativeTies == 1)
    let bc = try #require(tie(g, "b", "c"))
    #expect(g.ties.isNegative(bc) && !g.ties.isRated(bc))
    #expect(g.withoutNegativeTies().tieCount == 1)
  }

  @Test func pajekSectionsAndKinds() throws {
    let text = """
      % a comment
      *Network first.net
      *Vertices 4
      1 "Ann Lee" 0.1 0.2 0.5 ic Red
      2 "Bob"
      3 Cy
      *Edges
      1 2 0.5
      2 3
      *Arcs
      3 1 0.25 c Blue
      *Edgeslist
      4 1 2
      *Network second.net
      *Vertices 3
      1 "Ann Lee"
      2 "Bob"
      3 "Dee"
      *Matrix
      0 1 0
      1 0 1
      0 0 1
      *Partition side.clu
      *Vertices 3
      1
      2
      2
      """
    let loaded = try load(text)
    let g = loaded.graph
    #expect(loaded.imports[0].format == "pajek")
    #expect(g.personCount == 5)  // Ann Lee, Bob, Cy, 4 (no label), Dee
    #expect(g.tieCount == 6)
    let annBob = try #require(tie(g, "Ann Lee", "Bob"))
    #expect(g.ties.kind(annBob) == "first.net+second.net")
    #expect(g.strength(between: person(g, "Ann Lee")!, and: person(g, "Bob")!) == 1)  // the larger weight
    #expect(g.strength(between: person(g, "Ann Lee")!, and: person(g, "Cy")!) == 0.25)
    #expect(g.ties.kind(try #require(tie(g, "Bob", "Dee"))) == "second.net")
    #expect(tie(g, "4", "Ann Lee") != nil && tie(g, "4", "Bob") != nil)
    #expect(g.people.tags(of: person(g, "Dee")!) == ["side=2"])
    let r = loaded.imports[0]
    // 3 + 3 vertex lines, 2 edges, 1 arc, 2 list entries, 4 matrix cells (one a loop), 3 values.
    #expect(r.rowsRead == 18 && r.selfTies == 1 && r.rejected == 1 && r.isConsistent)
    #expect(r.errors.first?.line == 22)
  }

  @Test func pajekOneRelationHasNoKind() throws {
    let g = try load("*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Edges\n1 2\n2 3 1\n").graph
    #expect(g.tieCount == 2)
    #expect(g.ties.kind(0) == nil && g.ties.kind(1) == nil)
  }

  @Test func pajekBadLinesAreRejectedWithPlace() throws {
    var errors: [ImportError] = []
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = tmp.write("bad.net", "*Vertices 2\n1 \"a\"\n7 \"x\"\n*Edges\n1 9\n1 2\nfoo\n1\n")
    let loaded = try NetworkLoader.load([InputSpec(path: path)]) { errors.append($0) }
    #expect(loaded.imports[0].rejected == 4)
    #expect(errors.map { "\($0.line):\($0.column)" } == ["3:1", "5:3", "7:1", "8:1"])
    #expect(errors[1].message == "\"9\" is not a vertex number from 1 to 2")
    #expect(loaded.graph.personCount == 2 && loaded.graph.tieCount == 1)
    let strict = LoadOptions(strict: true)
    #expect(throws: ImportError.self) { _ = try NetworkLoader.load([InputSpec(path: path)], options: strict) }
  }

  @Test func pajekHugeVertexCountIsRefused() throws {
    var errors: [ImportError] = []
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let path = tmp.write("huge.net", "*Vertices 99999999999\n*Vertices 2\n*Edges\n1 2\n")
    let loaded = try NetworkLoader.load([InputSpec(path: path)]) { errors.append($0) }
    #expect(errors.first?.line == 1 && errors.first?.column == 11)
    #expect(loaded.graph.personCount == 2)
  }

  // MARK: UCINET DL

  @Test func dlFullMatrixWithLabels() throws {
    let text = """
      DL N = 4
      FORMAT = FULLMATRIX
      LABELS:
      ann,bob
      "cy d",dee
      DATA:
      0 1 0 1
      1 0 0.5 0
      0 0.5 0 0
      1 0 0 0
      """
    let loaded = try load(text)
    let g = loaded.graph
    #expect(loaded.imports[0].format == "dl")
    #expect(g.personCount == 4 && g.tieCount == 3)
    #expect(g.strength(between: person(g, "bob")!, and: person(g, "cy d")!) == 0.5)
    #expect(loaded.imports[0].rowsRead == 6 && loaded.imports[0].merged == 3)
  }

  @Test func dlFullMatrixEmbeddedWrapped() throws {
    let text = "dl n=3 format=fullmatrix labels embedded\ndata:\nx y z\nx 0 1\n 0\ny 1 0 1\nz 0 1 0\n"
    let g = try load(text).graph
    #expect(g.personCount == 3 && g.tieCount == 2)
    #expect(tie(g, "x", "y") != nil && tie(g, "y", "z") != nil)
  }

  @Test func dlEdgeAndNodeLists() throws {
    let edges = try load("dl n=4 format=edgelist1\nlabels:\na b c d\ndata:\n1 2\n2 3 3\n3 2\n").graph
    #expect(edges.personCount == 4 && edges.tieCount == 2)  // d has no ties
    #expect(!edges.ties.isRated(0) && !edges.ties.isRated(1))  // weight 3 is not a strength
    let embedded = try load("dl n=3 format=edgelist1 labels embedded data:\nann bob\nbob cy 0.5\n").graph
    #expect(embedded.personCount == 3 && embedded.tieCount == 2)
    let nodes = try load("dl n=5\nformat=nodelist1\ndata:\n1 2 3 4\n5 1\n").graph
    #expect(nodes.personCount == 5 && nodes.tieCount == 4)
    #expect(tie(nodes, "1", "5") != nil)
  }

  @Test func dlHeaderErrors() throws {
    #expect(throws: ImportError.self) { _ = try load("dl n=3 format=upperhalf\ndata:\n1 2\n") }
    #expect(throws: ImportError.self) { _ = try load("dl n=2\nlabels:\na b c\ndata:\n0 1\n1 0\n") }
    #expect(throws: ImportError.self) { _ = try load("dl n=2 nm=2\ndata:\n0 1\n1 0\n") }
    #expect(throws: ImportError.self) { _ = try load("dl n=2\n0 1\n1 0\n") }
    let e = try? load("dl n=2 format=edgelist1\ndata:\n1 7\n1 2\n")
    #expect(e?.imports[0].rejected == 1 && e?.imports[0].errors.first?.column == 3)
  }

  // MARK: Detection

  @Test func detection() throws {
    #expect(try load("% made by hand\n\n*Network n\n*Vertices 2\n*Edges\n1 2\n").imports[0].format == "pajek")
    #expect(try load("*vertices 2\n*arcs\n1 2\n").imports[0].format == "pajek")
    #expect(try load("dl\nn=2\ndata:\n0 1\n1 0\n").imports[0].format == "dl")
    #expect(try load("% comment\n1 2\n").imports[0].format == "edges")
    #expect(throws: ImportError.self) { _ = try load("1 2\n", as: .pajek) }
  }

  /// No byte sequence crashes either reader: it throws an ImportError or loads with consistent counts.
  @Test(arguments: 0..<UInt64(200))
  func randomBytesNeverCrash(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 31_000)
    let words = [
      "*Vertices ", "*Edges", "*Arcs", "*Arcslist", "*Matrix", "*Network", "*Partition p", "*Vector", " :2 ",
      "dl", " n=", "format=", "fullmatrix", "edgelist1", "nodelist1", "labels:", "labels embedded", "data:", "1", "2",
      "3", "0", "0.5", "-1", "99999999999", " ", "\"", ":", "%", "\n", "\r", "\t", ",", "\u{FF}", "é",
    ]
    let invalid: [UInt8] = [0xFF, 0xC3, 0x00]
    let heads = [
      "*Vertices 3\n", "*Network x\n*Vertices 2\n*Arcs :1 \"r\"\n", "dl n=3\ndata:\n",
      "dl n=2 format=edgelist1 labels embedded\ndata:\n", "",
    ]
    let head = Array(heads[Int(rng.next() % UInt64(heads.count))].utf8)
    var body: [UInt8] = []
    for _ in 0..<Int(rng.next() % 200) {
      let k = Int(rng.next() % UInt64(words.count + 1))
      body += k < words.count ? Array(words[k].utf8) : [invalid[Int(rng.next() % 3)]]
    }
    for format in [InputFormat.pajek, .dl, nil] {
      let tmp = TempFolder()
      defer { tmp.cleanUp() }
      do {
        let loaded = try NetworkLoader.load([InputSpec(path: tmp.write("f.net", bytes: head + body), format: format)])
        #expect(loaded.imports.allSatisfy { $0.isConsistent })
        try loaded.graph.checkInvariants()
      } catch is ImportError {
      }
    }
  }
}
