import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// Adjacency matrices and two-mode data (Guides/Importing.md, "Adjacency
/// matrix" and "Two-mode data"). Expected counts: scripts/expected-counts.py.
@Suite struct MatrixAndTwoModeTests: NetworkFileSuite {
  /// The format `text` is detected as (it must load).
  func detect(_ text: String) throws -> InputFormat {
    InputFormat(rawValue: try load(text).imports[0].format)!
  }

  // MARK: Real files

  /// Padgett's Florentine families: labelled symmetric 16 × 16 matrices;
  /// business 15 ties (30 cells), marriage 20 ties (40 cells).
  @Test func florentineMatrices() throws {
    for (file, ties) in [("florentine_business.csv", 15), ("florentine_marital.csv", 20)] {
      guard let path = real("padgett-florentine/" + file) else { return }
      let loaded = try NetworkLoader.load([InputSpec(path: path)])
      let r = loaded.imports[0]
      #expect(r.format == "matrix")
      #expect(loaded.graph.personCount == 16)
      #expect(loaded.graph.tieCount == ties)
      #expect(r.rowsRead == 2 * ties && r.imported == ties && r.merged == ties && r.rejected == 0)
      #expect(r.warnings == nil)
      try loaded.graph.checkInvariants()
    }
    guard let path = real("padgett-florentine/florentine_business.csv") else { return }
    let g = try NetworkLoader.load([InputSpec(path: path)]).graph
    let medici = try #require(person(g, "Medici"))
    #expect(
      Set(g.neighbors(of: medici).map { g.people.id(of: $0) }) == [
        "Barbadori", "Ginori", "Pazzi", "Salviati", "Tornabuoni",
      ])
  }

  /// Krackhardt's managers: unlabelled directed 21 × 21 matrices after two
  /// `#` lines; 190 advice arcs make 145 undirected pairs, 102 friendship arcs 79.
  @Test func krackhardtMatrices() throws {
    for (file, arcs, ties) in [("krackhardt_advice.csv", 190, 145), ("krackhardt_friendship.csv", 102, 79)] {
      guard let path = real("krackhardt-hightech/" + file) else { return }
      let loaded = try NetworkLoader.load([InputSpec(path: path)])
      let r = loaded.imports[0]
      #expect(r.format == "matrix")
      #expect(loaded.graph.personCount == 21)
      #expect(loaded.graph.tieCount == ties)
      #expect(r.rowsRead == arcs && r.imported == ties && r.merged == arcs - ties)
      #expect(r.warnings?.first?.message.contains("not symmetric") == true)
    }
  }

  /// Galaskiewicz's CEOs and clubs: a header-less 26 × 15 0/1 matrix after
  /// nine `#` lines; 98 memberships; 284 pairs of CEOs share a club
  /// (networkx weighted_projected_graph: weights 1 → 150 pairs, 2 → 101, 3 → 27, 4 → 4, 5 → 2).
  @Test func galaskiewiczClubs() throws {
    guard let path = real("galaskiewicz-ceo-clubs/ceo.csv") else { return }
    let loaded = try NetworkLoader.load([InputSpec(path: path)])
    let g = loaded.graph
    let r = loaded.imports[0]
    #expect(r.format == "twomode")
    #expect(g.personCount == 26)
    #expect(g.tieCount == 284)
    #expect(r.rowsRead == 98 && r.imported == 98 && r.rejected == 0)
    let shared = (0..<g.tieCount).map { g.ties.kind($0)!.split(separator: "+").count }
    #expect(shared.filter { $0 == 1 }.count == 150)
    #expect(shared.filter { $0 == 2 }.count == 101)
    #expect(shared.filter { $0 == 5 }.count == 2)
    // Weights are the numbers of clubs shared (counts: strength grows with them).
    #expect(r.weights == "count")
    let strength = { (t: Int) in g.strength(between: g.endpoints(ofTie: t).0, and: g.endpoints(ofTie: t).1)! }
    let one = (0..<g.tieCount).filter { shared[$0] == 1 }.map(strength)
    let five = (0..<g.tieCount).filter { shared[$0] == 5 }.map(strength)
    #expect(Set(one).count == 1 && Set(five).count == 1 && five[0] > one[0])
    #expect(g.people.tags(of: try #require(person(g, "1"))) == ["group 3", "group 4", "group 9"])
    try g.checkInvariants()
  }

  /// Davis's southern women: a `source,target` list is a ties table alone
  /// (32 people, 89 ties), two-mode with its `bipartite` nodes file or when
  /// asked: 18 women, 139 projected ties (networkx: 44 pairs share one event, 1 shares seven).
  @Test func davisSouthernWomen() throws {
    guard let edges = real("networkx-classics/davis_southern_women_edges.csv"),
      let nodes = real("networkx-classics/davis_southern_women_nodes.csv")
    else { return }
    let alone = try NetworkLoader.load([InputSpec(path: edges)])
    #expect(alone.imports[0].format == "ties" && alone.graph.personCount == 32 && alone.graph.tieCount == 89)
    for inputs in [[InputSpec(path: edges), InputSpec(path: nodes)], [InputSpec(path: edges, format: .twomode)]] {
      let loaded = try NetworkLoader.load(inputs)
      let g = loaded.graph
      #expect(loaded.imports.allSatisfy { $0.format == "twomode" })
      #expect(g.personCount == 18)
      #expect(g.tieCount == 139)
      let shared = (0..<g.tieCount).map { g.ties.kind($0)!.split(separator: "+").count }
      #expect(shared.filter { $0 == 1 }.count == 44)
      #expect(shared.filter { $0 == 7 }.count == 1)
      let evelyn = try #require(person(g, "Evelyn Jefferson"))
      #expect(g.people.tags(of: evelyn) == ["E1", "E2", "E3", "E4", "E5", "E6", "E8", "E9"])
      #expect(loaded.imports.first { $0.file == edges }?.rowsRead == 89)
    }
  }

  // MARK: Matrix quirks

  @Test func labelledWithCornerAndRowLabels() throws {
    let loaded = try load("# c\n% d\n;a;b;c\na;0;1;0\nb;1;0;2\nc;0;2;0\n")
    let g = loaded.graph
    #expect(loaded.imports[0].format == "matrix")
    #expect(g.personCount == 3 && g.tieCount == 2)
    #expect(g.people.name(of: try #require(person(g, "a"))) == "a")
    // Weights 1 and 2: counts (median 1.5).
    #expect(loaded.imports[0].weights == "count")
    let ab = try #require(tie(g, "a", "b"))
    let bc = try #require(tie(g, "b", "c"))
    #expect(g.ties.isRated(ab) && g.ties.isRated(bc))
  }

  /// Found by fuzzing: two labels with one key make a pair of one person.
  /// It is a self-tie (counted, no tie row), and the weights of the other
  /// ties land on their own rows.
  @Test func twoLabelsOfOnePersonMakeASelfTie() throws {
    let loaded = try load(",a,b,a\na,0,2,3\nb,2,0,5\na,3,5,0\n", as: .matrix)
    #expect(loaded.graph.personCount == 2)
    #expect(loaded.graph.tieCount == 1)
    let r = loaded.imports[0]
    #expect(r.isConsistent && r.selfTies >= 1)
    // Rows given as numbers above 1 are counts; the one tie's strength comes from its weight 5.
    #expect((loaded.graph.strength(between: 0, and: 1) ?? 0) > 0)
  }

  @Test func delimiters() throws {
    for text in [
      "0,1,0,1\n1,0,1,0\n0,1,0,0\n1,0,0,0\n", "0\t1\t0\t1\n1\t0\t1\t0\n0\t1\t0\t0\n1\t0\t0\t0\n",
      "0 1 0 1\n1  0 1 0\n0 1 0 0\n 1 0 0 0\n", "0;1;0;1\n1;0;1;0\n0;1;0;0\n1;0;0;0\n",
    ] {
      let loaded = try load(text)
      #expect(loaded.imports[0].format == "matrix")
      #expect(loaded.graph.personCount == 4 && loaded.graph.tieCount == 3)
      #expect(tie(loaded.graph, "1", "4") != nil && tie(loaded.graph, "1", "3") == nil)
      #expect(loaded.imports[0].warnings == nil)
    }
  }

  @Test func labelsWithoutCornerAndStrengths() throws {
    let loaded = try load("x, y, z\n0, 0.5, 0\n0.5, 0, 0.25\n0, 0.25, 0\n")
    let g = loaded.graph
    #expect(loaded.imports[0].format == "matrix")
    #expect(g.tieCount == 2)
    #expect(g.strength(between: try #require(person(g, "x")), and: try #require(person(g, "y"))) == 0.5)
  }

  @Test func asymmetricIsOneTiePerPairWithWarning() throws {
    let loaded = try load("0,1,1,0\n0,0,0,0\n1,0,0,1\n0,0,0,0\n")
    let r = loaded.imports[0]
    #expect(loaded.graph.tieCount == 3)
    #expect(r.rowsRead == 4 && r.imported == 3 && r.merged == 1)
    #expect(r.warnings?.first?.message.contains("2 of 3 pairs are tied one way only") == true)
  }

  @Test func badCellsAndDiagonalAreRejectedWithPlace() throws {
    let loaded = try load("a,b,c\n1,x,1\n0,0,1\n1,1,0\n", as: .matrix)
    let r = loaded.imports[0]
    #expect(r.rejected == 2 && r.selfTies == 1)
    #expect(r.errors.map(\.line) == [2, 2] && r.errors.map(\.column) == [1, 3])
    #expect(r.errors[1].message.contains("\"x\" is not a number"))
    #expect(r.rowsRead == r.imported + r.merged + r.rejected)
  }

  @Test func notSquareIsAClearError() throws {
    do {
      _ = try load("0,1,0,1\n1,0,1,0\n0,1,0,0\n", as: .matrix)
      Issue.record("a 3 × 4 matrix was read")
    } catch let e as ImportError {
      #expect(e.message.contains("matrix has 3 rows and 4 columns"))
    }
    do {
      _ = try load("0,1,0\n1,0\n0,1,0\n", as: .matrix)
      Issue.record("a ragged matrix was read")
    } catch let e as ImportError {
      #expect(e.message.contains("matrix row 2 has 2 values; the matrix has 3 columns") && e.line == 2)
    }
  }

  // MARK: Two-mode quirks

  @Test func twoModeLabelledMatrix() throws {
    let loaded = try load(",chess,golf,opera\nann,1,1,0\nbob,1,0,1\ncid,0,1,1\ndee,0,0,0\n")
    let g = loaded.graph
    #expect(loaded.imports[0].format == "twomode")
    #expect(g.personCount == 4 && g.tieCount == 3)
    let t = try #require(tie(g, "ann", "bob"))
    #expect(g.ties.kind(t) == "chess")
    #expect(g.people.tags(of: try #require(person(g, "cid"))) == ["golf", "opera"])
  }

  @Test func twoModeListSwapsByNodesFile() throws {
    let nodes = "node,bipartite\nann,0\nbob,0\nclub,1\nband,1\n"
    let list = "source,target\nclub,ann\nbob,club\nbob,band\nann,band\nann,nobody\nann,club\n"
    let loaded = try load([("nodes.csv", nodes), ("list.csv", list)])
    let g = loaded.graph
    #expect(g.personCount == 2 && g.tieCount == 1)
    #expect(g.ties.kind(0) == "club+band")
    let r = loaded.imports[1]
    #expect(r.format == "twomode" && r.rowsRead == 6 && r.imported == 4 && r.merged == 1 && r.rejected == 1)
  }

  // MARK: Detection stays as it was

  @Test func existingFormatsAreNotTaken() throws {
    #expect(try detect("source,target,weight\n1,2,0.5\n2,3,1\n3,1,1\n") == .ties)
    #expect(try detect("id,name,company\n1,Ann,Acme\n2,Bob,Acme\n3,Cid,Beta\n") == .people)
    #expect(try detect("# Directed graph\n# FromNodeId\tToNodeId\n0\t1\n0\t2\n1\t2\n") == .edges)
    #expect(try detect("% sym\n1 2 1\n2 3 1\n3 4 1\n4 1 1\n") == .edges)
    #expect(try detect("1 2\n2 3\n3 1\n") == .edges)
    #expect(try detect("1,2,0.5\n2,3,1\n3,1,1\n") == .edges)
    #expect(
      try detect("First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,u,e,c,p,01 Jan 2020\n")
        == .linkedin)
  }
}
