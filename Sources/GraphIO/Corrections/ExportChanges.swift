import GraphCore

/// What changed between two imports of one owner's export: connections
/// added and removed, job changes (the company changed) and title changes
/// (the title changed at the same company). People are matched by stable key
/// (`PersonTable.stableKey(of:)`), else by name and company; every list is in
/// order of name, then key.
public struct ExportChanges: Sendable, Equatable, Codable {
  /// One person as an export shows them.
  public struct Person: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var company: String
    public var title: String
  }

  /// A person whose company or title differs between the two exports.
  public struct Change: Sendable, Equatable, Codable {
    /// The person in the newer export (key, name, new company and title).
    public var person: Person
    public var oldCompany: String
    public var oldTitle: String
  }

  /// A tie of the owner that went dormant between two dates.
  public struct DormantTie: Sendable, Equatable, Codable {
    public var person: Person
    public var lastContact: Day?
  }

  /// Whether the owner was found in the older and the newer network (when
  /// not, that side has no connections).
  public var ownerInOld: Bool
  public var ownerInNew: Bool
  public var newConnections: [Person] = []
  public var removedConnections: [Person] = []
  public var jobChanges: [Change] = []
  public var titleChanges: [Change] = []

  /// The changes in `owner`'s connections (observed ties; inferred ones are
  /// not connections) from `old` to `new`.
  ///
  /// A connection of both is matched by stable key, else by name and company
  /// keys (`Identity.nameKey`, `Identity.companyKey`: "Apple Inc." is "Apple");
  /// a job change is a company key that differs (from or to no company
  /// included), a title change a title that differs (case and spacing
  /// ignored) at the same company.
  ///
  /// - Parameters:
  ///   - old: the network of the earlier export.
  ///   - new: the network of the later export.
  ///   - owner: the owner's stable key in both networks.
  /// - Complexity: O(d log d) for the owner's d connections in the two networks (plus O(1) expected lookups).
  public static func between(old: LoadedNetwork, new: LoadedNetwork, owner: String) -> ExportChanges {
    let before = connections(of: owner, in: old.graph)
    let after = connections(of: owner, in: new.graph)
    var changes = ExportChanges(ownerInOld: before != nil, ownerInNew: after != nil)
    let oldPeople = before ?? []
    let newPeople = after ?? []
    var oldByKey: [String: Int] = [:]
    for (i, p) in oldPeople.enumerated() where oldByKey[p.key] == nil { oldByKey[p.key] = i }
    var matched = [Bool](repeating: false, count: oldPeople.count)
    var unmatched: [Int] = []
    var pairs: [(old: Int, new: Int)] = []
    for (j, p) in newPeople.enumerated() {
      if let i = oldByKey[p.key], !matched[i] {
        matched[i] = true
        pairs.append((i, j))
      } else {
        unmatched.append(j)
      }
    }
    // Fallback: name and company, among those the keys left unmatched.
    var oldByName: [String: [Int]] = [:]
    for (i, p) in oldPeople.enumerated() where !matched[i] { oldByName[nameCompanyKey(p), default: []].append(i) }
    for j in unmatched {
      if var list = oldByName[nameCompanyKey(newPeople[j])], !list.isEmpty {
        let i = list.removeFirst()
        oldByName[nameCompanyKey(newPeople[j])] = list
        matched[i] = true
        pairs.append((i, j))
      } else {
        changes.newConnections.append(newPeople[j])
      }
    }
    changes.removedConnections = oldPeople.indices.filter { !matched[$0] }.map { oldPeople[$0] }
    for (i, j) in pairs {
      let (o, n) = (oldPeople[i], newPeople[j])
      let change = Change(person: n, oldCompany: o.company, oldTitle: o.title)
      if Identity.companyKey(o.company) != Identity.companyKey(n.company) {
        changes.jobChanges.append(change)
      } else if Identity.normalizeName(o.title) != Identity.normalizeName(n.title) {
        changes.titleChanges.append(change)
      }
    }
    changes.newConnections.sort(by: ordered)
    changes.removedConnections.sort(by: ordered)
    changes.jobChanges.sort { ordered($0.person, $1.person) }
    changes.titleChanges.sort { ordered($0.person, $1.person) }
    return changes
  }

  /// The ties of `owner` that are dormant as of `asOf` but were not as of
  /// `earlier` (under `classifier`), in order of name, then key.
  /// - Complexity: O(d log d) for the owner's d ties (plus O(log n) per tie id).
  public static func dormant(
    in graph: Graph, owner: String, asOf: Day, earlier: Day, classifier: TieClassifier = TieClassifier()
  ) -> [DormantTie] {
    guard let o = graph.people.person(stableKey: owner) else { return [] }
    var out: [DormantTie] = []
    for q in graph.neighbors(of: o) {
      guard let t = graph.tieID(between: o, and: q) else { continue }
      if graph.tieClass(t, classifier: classifier, asOf: asOf) == .dormant
        && graph.tieClass(t, classifier: classifier, asOf: earlier) != .dormant
      {
        out.append(DormantTie(person: person(q, in: graph), lastContact: graph.ties.lastContact(t)))
      }
    }
    return out.sorted { ordered($0.person, $1.person) }
  }

  /// `owner`'s connections in `graph` (the people of their observed ties), or nil when the owner is not there.
  static func connections(of owner: String, in graph: Graph) -> [Person]? {
    guard let o = graph.people.person(stableKey: owner) else { return nil }
    return graph.neighbors(of: o).compactMap { q in
      guard let t = graph.tieID(between: o, and: q), !graph.ties.isInferred(t) else { return nil }
      return person(q, in: graph)
    }
  }

  static func person(_ p: PersonID, in graph: Graph) -> Person {
    let people = graph.people
    return Person(
      key: people.stableKey(of: p), name: people.name(of: p), company: people.company(of: p),
      title: people.title(of: p))
  }

  static func nameCompanyKey(_ p: Person) -> String {
    Identity.nameKey(p.name) + "\u{1F}" + Identity.companyKey(p.company)
  }

  static func ordered(_ a: Person, _ b: Person) -> Bool { (a.name, a.key) < (b.name, b.key) }
}
