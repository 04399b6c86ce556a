import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

/// One real network file and the counts it must load with.
///
/// Liaison's ties are undirected, one per pair of people (a pair written in
/// both directions, several times, or by several relations is one tie), and a
/// self-tie is rejected with its line. So every expected tie count is that of
/// networkx's simple undirected graph without self-loops built from the same
/// rows (`nx.Graph(G)` after `remove_edges_from(nx.selfloop_edges(G))`);
/// people are every id named in a row, including those named only in a
/// self-loop (networkx keeps those nodes too).
struct RealNetwork: Sendable, CustomTestStringConvertible {
  /// Path inside the real-data folder.
  var file: String
  var people: Int
  var ties: Int
  /// Rows rejected as self-ties (source equals target); no other row may be rejected.
  var selfTies = 0
  /// The format Liaison reports (detected, or `given`).
  var format: String
  /// A format named for the file (`FORMAT:PATH`), when detection cannot tell.
  var given: InputFormat?
  /// Column names (`FORMAT[source=…,target=…]:PATH`), when the header names them in its own words.
  var columns: String?
  /// A second file read with the first (a two-mode edge list's nodes file).
  var companion: String?

  var testDescription: String { file }
}

/// Issue 19: each real network loads in its native format with the node and
/// tie counts of its source notes or of networkx reading the same file
/// (networkx 3.6.1; `scripts/expected-counts.py` and `scripts/pajek-counts.py`
/// compute the matrix, GEXF, two-mode and Pajek ones). Not networks, so not
/// listed: the contact exports, mailboxes and calendars; node attribute tables
/// (Copenhagen `genders.csv`, email-Eu-core department labels, karate club
/// factions, the ego-Facebook `.circles`/`.feat` files, Padgett–Ansell
/// `families.txt`, `domains.txt`, `parties.txt`). Every file is under 2 MB;
/// the Copenhagen Bluetooth log `bt_symmetric.csv` (4 MB or more) is not in
/// the real-data folder, only its README.
@Suite struct RealNetworkCountsTests {
  static let networks: [RealNetwork] = [
    // SNAP ca-GrQc: source notes 5,242 authors, 14,496 edges = 14,484 + 12 self-loops; both directions
    // stored (28,980 rows). networkx read_edgelist: 5,242 nodes, 14,484 non-loop edges.
    RealNetwork(file: "snap-ca-grqc/CA-GrQc.txt", people: 5242, ties: 14484, selfTies: 12, format: "edges"),
    // SNAP ca-HepTh: source notes 9,877 authors, 25,998 edges = 25,973 + 25 self-loops (51,971 rows).
    RealNetwork(file: "snap-ca-hepth/CA-HepTh.txt", people: 9877, ties: 25973, selfTies: 25, format: "edges"),
    // SNAP email-Eu-core, directed: source notes 1,005 people, 25,571 arcs, 642 self-loops,
    // 16,064 undirected non-loop pairs (networkx agrees).
    RealNetwork(
      file: "snap-email-eu-core/email-Eu-core.txt", people: 1005, ties: 16064, selfTies: 642, format: "edges"),
    // SNAP ego-Facebook: source notes 4,039 users, 88,234 edges, each once (networkx agrees).
    RealNetwork(file: "snap-ego-facebook/facebook_combined.txt", people: 4039, ties: 88234, format: "edges"),
    // The ten ego networks: edges among the ego's friends, both directions stored, the ego itself
    // absent (SNAP's readme: it is implied, not written). networkx read_edgelist on each file.
    RealNetwork(file: "snap-ego-facebook/egonets/0.edges", people: 333, ties: 2519, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/107.edges", people: 1034, ties: 26749, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/348.edges", people: 224, ties: 3192, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/414.edges", people: 150, ties: 1693, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/686.edges", people: 168, ties: 1656, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/698.edges", people: 61, ties: 270, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/1684.edges", people: 786, ties: 14024, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/1912.edges", people: 747, ties: 30025, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/3437.edges", people: 534, ties: 4813, format: "edges"),
    RealNetwork(file: "snap-ego-facebook/egonets/3980.edges", people: 52, ties: 146, format: "edges"),
    // SNAP CollegeMsg, one row per message (59,835): source notes 1,899 users, 13,838 undirected pairs.
    RealNetwork(file: "snap-college-msg/CollegeMsg.txt", people: 1899, ties: 13838, format: "edges"),
    // SNAP bitcoin-alpha, directed signed ratings: source notes 3,783 users, 24,186 rated pairs;
    // networkx: 14,124 undirected pairs.
    RealNetwork(file: "snap-bitcoin-alpha/soc-sign-bitcoinalpha.csv", people: 3783, ties: 14124, format: "ties"),
    // Copenhagen calls (timestamp, caller, callee, duration), 3,600 calls: source notes 536 users;
    // networkx on (caller, callee): 621 undirected pairs. `caller`/`callee` are read as source/target.
    RealNetwork(file: "copenhagen-networks-study/calls.csv", people: 536, ties: 621, format: "ties"),
    // Copenhagen SMS (timestamp, sender, recipient), 24,333 messages: source notes 568 users, 697 pairs.
    RealNetwork(
      file: "copenhagen-networks-study/sms.csv", people: 568, ties: 697, format: "ties", given: .ties,
      columns: "source=sender,target=recipient"),
    // Copenhagen Facebook friendships (`# user_a,user_b` comment header), 6,429 rows: source notes 800
    // users; networkx: 6,418 pairs + 11 self-loops.
    RealNetwork(
      file: "copenhagen-networks-study/fb_friends.csv", people: 800, ties: 6418, selfTies: 11, format: "edges"),
    // SocioPatterns hospital ward, 32,424 20-second contacts: source notes 75 people, 1,139 pairs.
    // (`node_a`/`node_b` are read as source/target.)
    RealNetwork(file: "sociopatterns-contacts/Hospital.csv", people: 75, ties: 1139, format: "ties"),
    // SocioPatterns office building, 9,827 contacts: source notes 92 people, 755 pairs.
    RealNetwork(file: "sociopatterns-contacts/Workplace.csv", people: 92, ties: 755, format: "ties"),
    // Padgett & Ansell elite families (family_id_from, family_id_to, weight, domain_id): source notes
    // 33 families, 86 relations over four domains; networkx: 49 undirected pairs.
    RealNetwork(
      file: "padgett-florentine/padgett_ansell_elite/relations.txt", people: 33, ties: 49, format: "ties"),
    // Padgett's Florentine 16 × 16 symmetric matrices: source notes 15 business and 20 marriage ties
    // (Pucci isolated, kept as a person).
    RealNetwork(file: "padgett-florentine/florentine_business.csv", people: 16, ties: 15, format: "matrix"),
    RealNetwork(file: "padgett-florentine/florentine_marital.csv", people: 16, ties: 20, format: "matrix"),
    // networkx-classics: node/edge counts of the networkx generators (source notes). The marriage
    // list omits the isolated Pucci family, so 15 people.
    RealNetwork(file: "networkx-classics/karate_club_edges.csv", people: 34, ties: 78, format: "ties"),
    RealNetwork(file: "networkx-classics/les_miserables_edges.csv", people: 77, ties: 254, format: "ties"),
    RealNetwork(
      file: "networkx-classics/florentine_families_marriage_edges.csv", people: 15, ties: 20, format: "ties"),
    // Davis's southern women alone is a plain ties table: 32 nodes (18 women + 14 events), 89 edges
    // (source notes). With its `bipartite` nodes file it is two-mode, projected onto the women:
    // networkx weighted_projected_graph, 18 people, 139 pairs share an event.
    RealNetwork(file: "networkx-classics/davis_southern_women_edges.csv", people: 32, ties: 89, format: "ties"),
    RealNetwork(
      file: "networkx-classics/davis_southern_women_edges.csv", people: 18, ties: 139, format: "twomode",
      companion: "networkx-classics/davis_southern_women_nodes.csv"),
    // Galaskiewicz's 26 CEOs × 15 clubs, 98 memberships (source notes), projected onto the CEOs:
    // networkx weighted_projected_graph, 284 pairs share a club.
    RealNetwork(file: "galaskiewicz-ceo-clubs/ceo.csv", people: 26, ties: 284, format: "twomode"),
    // Krackhardt's directed 21 × 21 matrices: source notes 190 advice and 102 friendship arcs;
    // networkx to_undirected: 145 and 79 pairs.
    RealNetwork(file: "krackhardt-hightech/krackhardt_advice.csv", people: 21, ties: 145, format: "matrix"),
    RealNetwork(file: "krackhardt-hightech/krackhardt_friendship.csv", people: 21, ties: 79, format: "matrix"),
    // Kapferer's tailor shop, directed multigraph GEXF: source notes 39 workers, 425 and 593 edges;
    // networkx read_gexf then simple undirected: 175 and 248 pairs.
    RealNetwork(file: "kapferer-tailor-shop/kapf-1.gexf", people: 39, ties: 175, format: "gexf"),
    RealNetwork(file: "kapferer-tailor-shop/kapf-2.gexf", people: 39, ties: 248, format: "gexf"),
    // Freeman's EIES, directed GEXF: source notes 32 researchers, 650 and 759 arcs; networkx: 385 and 430 pairs.
    RealNetwork(file: "freeman-eies/EIES-1.gexf", people: 32, ties: 385, format: "gexf"),
    RealNetwork(file: "freeman-eies/EIES-2.gexf", people: 32, ties: 430, format: "gexf"),
    // Lazega's law firm, Pajek project: source notes 71 lawyers, 892 + 575 + 1,104 arcs in three
    // relations; scripts/pajek-counts.py: 1,008 undirected pairs (networkx read_pajek knows no relations).
    RealNetwork(file: "lazega-lawfirm/Lazega-Law-Firm.paj", people: 71, ties: 1008, format: "pajek"),
    // Sampson's monastery, Pajek: source notes 18 novices, ten relations of 39–58 arcs;
    // scripts/pajek-counts.py: 134 undirected pairs.
    RealNetwork(file: "sampson-monastery/sampson.net", people: 18, ties: 134, format: "pajek"),
  ]

  func real(_ relative: String) -> String? {
    let p = SharedData.path("datasets/real/" + relative)
    if p == nil { print("skipped: real-data file \(relative) not present") }
    return p
  }

  @Test(arguments: networks)
  func loadsWithSourceCounts(_ network: RealNetwork) throws {
    guard let path = real(network.file) else { return }
    let columns = try network.columns.map { try ColumnMap(parsing: $0) }
    var inputs = [InputSpec(path: path, format: network.given, columns: columns)]
    if let companion = network.companion {
      guard let other = real(companion) else { return }
      inputs.append(InputSpec(path: other))
    }
    let loaded = try NetworkLoader.load(inputs, options: LoadOptions())
    let g = loaded.graph
    let r = loaded.imports[0]
    #expect(r.format == network.format)
    #expect(g.personCount == network.people)
    #expect(g.tieCount == network.ties)
    for report in loaded.imports {
      #expect(report.rejected == report.selfTies, "\(report.errors.first?.message ?? "")")
      #expect(report.isConsistent)
    }
    #expect(loaded.imports.map(\.selfTies).reduce(0, +) == network.selfTies)
    #expect(loaded.skipped.isEmpty)
    try g.checkInvariants()
  }

  /// The list covers every network named above once per reading (a guard
  /// against a row dropped by mistake).
  @Test func everyNetworkListed() {
    #expect(Self.networks.count == 38)
    #expect(Set(Self.networks.map { $0.file + ($0.companion ?? "") }).count == 38)
  }
}
