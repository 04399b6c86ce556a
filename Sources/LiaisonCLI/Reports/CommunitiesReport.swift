import GraphAlgorithms
import GraphCore

/// The answer of `liaison communities`: every community with its size,
/// largest companies and members (JSON), a person → community table (CSV),
/// or the largest communities (table).
struct CommunitiesAnswer: Codable {
  struct Community: Codable {
    var id: Int
    var size: Int
    var topCompanies: [String]
    var members: [PersonReference.Ref]
  }
  var modularity: Double
  var method: String
  var resolution: Double
  var seed: UInt64
  var communities: [Community]
  /// Each person's community, by person index (CSV only).
  var labels: [Int32] = []

  enum CodingKeys: String, CodingKey {
    case modularity, method, resolution, seed, communities
  }

  /// The answer for partition `p` of `g`; communities keep the partition's numbering.
  /// - Complexity: O(V + C log C) for C distinct companies per community.
  static func make(_ g: Graph, _ p: CommunityPartition, method: String, resolution: Double, seed: UInt64)
    -> CommunitiesAnswer
  {
    var members = [[PersonID]](repeating: [], count: p.count)
    for (i, l) in p.labels.enumerated() { members[Int(l)].append(PersonID(i)) }
    // Companies by key ("Apple Inc." = "Apple"), named by their labels.
    let companies = g.people.companyGroups
    let communities = members.enumerated().map { (id, list) -> Community in
      var counts: [Int32: Int] = [:]
      for q in list { if let c = companies.group(of: q) { counts[c, default: 0] += 1 } }
      let top = counts.map { (name: companies.label($0.key), count: $0.value) }
        .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(3).map(\.name)
      return Community(
        id: id, size: list.count, topCompanies: top, members: list.map { PersonReference.ref($0, in: g) })
    }
    return CommunitiesAnswer(
      modularity: p.modularity, method: method, resolution: resolution, seed: seed, communities: communities,
      labels: p.labels)
  }

  /// `id,name,community` for every person.
  func csv(in g: Graph) -> String {
    var t = CSVTable(["id", "name", "community"])
    for (i, l) in labels.enumerated() {
      t.add([.text(g.people.id(of: PersonID(i))), .text(g.people.name(of: PersonID(i))), .text("\(l)")])
    }
    return t.text
  }

  /// The `top` first communities with their largest companies and three members.
  func table(top: Int) -> String {
    var t = TextTable(["#", "people", "largest companies", "for example"], rightAligned: [0, 1])
    for c in communities.prefix(top) {
      t.add([
        "\(c.id)", grouped(c.size), c.topCompanies.joined(separator: ", "),
        c.members.prefix(3).map(\.name).joined(separator: ", "),
      ])
    }
    let name = method == "leiden" ? "Leiden" : "Louvain"
    return
      "\(TextFormat.count(communities.count, "community", plural: "communities")), modularity \(fixed(modularity, 4)) "
      + "(\(name), resolution \(resolution), seed \(seed))\n\n" + t.render()
  }
}
