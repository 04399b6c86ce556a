import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Loads `files` (name, text) with `options`, collecting row errors.
private func loadWith(
  _ files: [(String, String)], _ options: LoadOptions = LoadOptions(), specs: [String]? = nil
) throws -> (LoadedNetwork, [ImportError]) {
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let paths = files.map { tmp.write($0.0, $0.1) }
  final class Box: @unchecked Sendable { var errors: [ImportError] = [] }
  let box = Box()
  let inputs = (specs ?? paths.map { $0 }).map { arg in
    InputSpec(argument: arg.replacingOccurrences(of: "TMP/", with: tmp.path + "/"))
  }
  let loaded = try NetworkLoader.load(inputs, options: options) { box.errors.append($0) }
  return (loaded, box.errors)
}

/// The strength of the tie between the people with ids `a` and `b`.
private func strength(_ g: Graph, _ a: String, _ b: String) -> Float? {
  guard case .person(let p) = g.people.resolve(a), case .person(let q) = g.people.resolve(b) else { return nil }
  return g.strength(between: p, and: q)
}

/// Weights of any size, mapped to strengths (Guides/Importing.md, "Weights").
@Suite struct WeightMappingTests {
  static let ties = "source,target,weight\na,b,1\nb,c,2\nc,d,4\nd,e,4\ne,f,9\n"

  @Test func countsByDefault() throws {
    let (loaded, errors) = try loadWith([("t.csv", Self.ties)])
    #expect(errors.isEmpty)
    #expect(loaded.imports[0].weights == "count" && loaded.imports[0].weightsReference == 4)
    let k = 4.0
    for (a, b, w) in [("a", "b", 1.0), ("b", "c", 2), ("c", "d", 4), ("e", "f", 9)] {
      #expect(strength(loaded.graph, a, b) == Float(1 - exp(-w / k)))
    }
  }

  /// Weights at most 1 read before the first above 1 are counts like the rest, in a
  /// table (a row without a weight in between) and in an edge list.
  @Test(arguments: [
    ("t.csv", "source,target,weight\na,b,0.5\nb,c,\nc,d,0.25\nd,e,3\ne,f,2\n"),
    ("t.txt", "a b 0.5\nc d 0.25\nd e 3\ne f 2\n"),
  ])
  func earlyWeightsAtMostOneAreCounts(file: String, text: String) throws {
    let (loaded, errors) = try loadWith([(file, text)])
    #expect(errors.isEmpty)
    // Median of 0.5, 0.25, 3, 2 is 1.25.
    #expect(loaded.imports[0].weights == "count" && loaded.imports[0].weightsReference == 1.25)
    for (a, b, w) in [("a", "b", 0.5), ("c", "d", 0.25), ("d", "e", 3), ("e", "f", 2)] {
      #expect(strength(loaded.graph, a, b) == Float(1 - exp(-w / 1.25)))
    }
  }

  @Test func scaleAndRank() throws {
    var options = LoadOptions()
    options.weights = .scale
    let (scaled, _) = try loadWith([("t.csv", Self.ties)], options)
    #expect(strength(scaled.graph, "b", "c") == Float(2.0 / 9))
    #expect(strength(scaled.graph, "e", "f") == 1)
    options.weights = .rank
    let (ranked, _) = try loadWith([("t.csv", Self.ties)], options)
    // Share of the five weights at most w: 1 → 1/5, 4 → 4/5 (two fours), 9 → 1.
    #expect(strength(ranked.graph, "a", "b") == Float(0.2))
    #expect(strength(ranked.graph, "c", "d") == Float(0.8))
    #expect(strength(ranked.graph, "e", "f") == 1)
  }

  @Test func strengthsStayAsGiven() throws {
    let (loaded, _) = try loadWith([("t.csv", "source,target,strength\na,b,0.25\nb,c,1\n")])
    #expect(loaded.imports[0].weights == nil)
    #expect(strength(loaded.graph, "a", "b") == 0.25)
    var options = LoadOptions()
    options.weights = .strength
    let (strict, errors) = try loadWith([("t.csv", Self.ties)], options)
    #expect(strict.imports[0].rejected == 4 && errors.first?.message == "strength \"2\" is not a number in (0, 1]")
  }

  @Test func decimalCommasWithSemicolons() throws {
    let (loaded, errors) = try loadWith([("x.csv", "source;target;strength\na;b;0,8\nb;c;0,5\nc;d;1\n")])
    #expect(errors.isEmpty && loaded.imports[0].imported == 3)
    #expect(strength(loaded.graph, "a", "b") == 0.8)
  }

  @Test func negativeTiesKeptWithTheirSign() throws {
    // a–b–c positive; a–c negative: kept, its magnitude mapped like any weight, marked negative.
    let text = "source,target,rating\na,b,5\nb,c,10\na,c,-10\n"
    let (loaded, errors) = try loadWith([("s.csv", text)])
    #expect(errors.isEmpty && loaded.imports[0].negativeTies == 1 && loaded.imports[0].imported == 3)
    #expect(loaded.imports[0].rejected == 0 && loaded.imports[0].weights == "scale")
    let g = loaded.graph
    #expect(g.tieCount == 3 && strength(g, "a", "c") == 1 && g.ties.negativeCount == 1)
    guard case .person(let a) = g.people.resolve("a"), case .person(let b) = g.people.resolve("b"),
      case .person(let c) = g.people.resolve("c"), let ac = g.tieID(between: a, and: c),
      let ab = g.tieID(between: a, and: b)
    else { return #expect(Bool(false)) }
    #expect(g.ties.isNegative(ac) && !g.ties.isNegative(ab) && g.ties.kind(ac) == nil)
    // The same file as an edge list.
    let (edges, _) = try loadWith([("s.txt", "a b 5\nb c 10\na c -10\n")])
    #expect(edges.imports[0].negativeTies == 1 && edges.graph.ties.negativeCount == 1 && edges.graph.tieCount == 3)
  }

  /// A positive and a negative row for the same pair fold into one negative
  /// tie, in either order; its strength is the stronger magnitude.
  @Test(arguments: ["a,b,0.9\nb,a,-0.2\n", "b,a,-0.2\na,b,0.9\n"])
  func foldedSignsAreNegative(rows: String) throws {
    let (loaded, errors) = try loadWith([("f.csv", "source,target,strength\n" + rows + "b,c,0.5\n")])
    #expect(errors.isEmpty && loaded.imports[0].negativeTies == 1 && loaded.imports[0].merged == 1)
    let g = loaded.graph
    #expect(g.tieCount == 2 && g.ties.negativeCount == 1 && strength(g, "a", "b") == 0.9)
    #expect(g.withoutNegativeTies().tieCount == 1 && strength(g.withoutNegativeTies(), "a", "b") == nil)
  }

  @Test func interactionsAloneGiveAStrength() throws {
    let (loaded, _) = try loadWith([("t.csv", "source,target,interactions\na,b,5\nb,c,1\n")])
    // Undecayed messages, intensity only: 1 − e^(−0.5·n/6).
    let s = try #require(strength(loaded.graph, "a", "b"))
    #expect(abs(Double(s) - (1 - exp(-2.5 / 6))) < 1e-6)
  }
}

/// Column names: synonyms, `--columns`, `FORMAT[…]:PATH`, time columns.
@Suite struct NamedColumnTests {
  @Test(arguments: ["src,dst", "from,to", "family_id_from,family_id_to", "u,v", "node1,node2"])
  func synonyms(header: String) throws {
    let (loaded, errors) = try loadWith([("t.csv", "\(header)\n1,2\n2,3\n")])
    #expect(errors.isEmpty && loaded.imports[0].format == "ties" && loaded.graph.tieCount == 2)
  }

  @Test func columnsOption() throws {
    var options = LoadOptions()
    options.columns = try ColumnMap(parsing: "source=x,target=y,weight=z")
    let (loaded, _) = try loadWith([("n.csv", "x,y,z\n1,2,0.5\n")], options)
    #expect(loaded.graph.tieCount == 1 && loaded.graph.strength(between: 0, and: 1) == 0.5)
    let (perFile, _) = try loadWith([("n.csv", "x,y,z\n1,2,0.5\n")], specs: ["ties[source=x,target=y]:TMP/n.csv"])
    #expect(perFile.graph.tieCount == 1 && perFile.imports[0].format == "ties")
  }

  @Test func mappingFile() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let map = tmp.write("cols.txt", "# my bank's export\nsource = Payer\ntarget: Payee\r\nweight,\"Amount\"\n\n")
    var options = LoadOptions()
    options.columns = try ColumnMap(argument: map)
    let (loaded, _) = try loadWith([("n.csv", "Payer,Payee,Amount\n1,2,0.5\n")], options)
    #expect(loaded.graph.tieCount == 1 && loaded.graph.strength(between: 0, and: 1) == 0.5)
    let bad = tmp.write("bad.txt", "source=a\nsideways\n")
    #expect(throws: ColumnMapError.self) { _ = try ColumnMap(argument: bad) }
    do { _ = try ColumnMap(argument: bad) } catch {
      #expect(error.message == "\(bad):2: \"sideways\" is not ROLE=COLUMN")
    }
    #expect(throws: ColumnMapError.self) { _ = try ColumnMap(argument: "\(tmp.path)/missing.txt") }
  }

  @Test func edgeListWithATimeColumn() throws {
    let text = "src dst time\n1 2 1082040961\n2 1 1082155839\n3 4 1082155839\n"
    let (loaded, errors) = try loadWith([("m.txt", text)])
    #expect(errors.isEmpty && loaded.imports[0].format == "edges" && loaded.imports[0].rowsRead == 3)
    #expect(loaded.graph.tieCount == 2 && loaded.graph.ties.interactions(0) == 2)
  }
}

/// The real files of Guides/Importing.md's weights and columns sections (skipped when absent).
@Suite struct RealWeightedFileTests {
  @Test(arguments: [
    ("networkx-classics/karate_club_edges.csv", 34, 78, 78),
    ("networkx-classics/les_miserables_edges.csv", 77, 254, 254),
    ("snap-college-msg/CollegeMsg.txt", 1899, 13838, 59835),
  ])
  func everyRowKept(file: String, people: Int, ties: Int, rows: Int) throws {
    guard let path = SharedData.path("datasets/real/\(file)") else { return }
    let loaded = try NetworkLoader.load([InputSpec(path: path)])
    #expect(loaded.graph.personCount == people && loaded.graph.tieCount == ties)
    #expect(loaded.imports[0].rowsRead == rows && loaded.imports[0].rejected == 0)
  }

  @Test func bitcoinAlphaSigned() throws {
    guard let path = SharedData.path("datasets/real/snap-bitcoin-alpha/soc-sign-bitcoinalpha.csv") else { return }
    // 24,186 rated pairs (Source,Target,Rating,Time), 1,536 of them negative (awk -F, '$3<0' | wc -l):
    // every row kept; 14,124 ties once both directions fold, 1,400 of them negative (either side negative).
    let loaded = try NetworkLoader.load([InputSpec(path: path)])
    let r = loaded.imports[0]
    #expect(r.rowsRead == 24186 && r.rejected == 0 && r.imported + r.merged == 24186)
    #expect(r.negativeTies == 1536 && r.weights == "scale")
    #expect(loaded.graph.personCount == 3783 && loaded.graph.tieCount == 14124)
    #expect(loaded.graph.ties.negativeCount == 1400)
    let positive = loaded.graph.withoutNegativeTies()
    #expect(positive.personCount == 3783 && positive.tieCount == 14124 - 1400 && positive.ties.negativeCount == 0)
  }
}
