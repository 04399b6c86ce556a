import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

extension BatchReport {
  // MARK: targets

  /// Target names from a file: one per line, or the `target` column of a CSV.
  static func readTargets(_ path: String) throws -> [String] { try TargetReference.readList(path) }

  /// Each target's people (`PersonTable.resolveTarget(personOrCompany:)`): a
  /// person reference, else everyone at the company; nobody when nothing or
  /// several companies fit (the target's note says which).
  static func resolveTargets(_ names: [String], in g: Graph) -> [BatchTarget] {
    names.map { name in
      if case .found(let t) = g.people.resolveTarget(personOrCompany: name) {
        return (name, t.kind.rawValue, t.name, t.people)
      }
      return (name, "company", name, [])
    }
  }

  /// The `count` companies with the most people in the network that no member
  /// works at (largest first, then by key), each named by its label (the
  /// spelling most of its people use): targets for a team that names none.
  /// - Complexity: O(V + C log C) for C companies.
  static func companiesNoMemberWorksAt(_ g: Graph, members: [PersonID], count: Int) -> [String] {
    guard count > 0 else { return [] }
    let companies = g.people.companyGroups
    let own = Set(members.compactMap { companies.group(of: $0) })
    let others = (0..<companies.count).filter { !own.contains(Int32($0)) }
    let ranked = others.sorted { (companies.sizes[$0], companies.keys[$1]) > (companies.sizes[$1], companies.keys[$0]) }
    return ranked.prefix(count).map { companies.labels[$0] }
  }
}
