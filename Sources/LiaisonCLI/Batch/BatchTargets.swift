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
}
