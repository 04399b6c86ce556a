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
  static func readTargets(_ path: String) throws -> [String] {
    guard let text = TempText.read(path) else {
      Terminal.error("\(path): cannot read the targets file — check the path")
      throw ExitCode.failure
    }
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { Identity.trim(String($0)) }
    guard let header = lines.first(where: { !$0.isEmpty }) else { return [] }
    let headerFields = header.split(separator: ",").map { Identity.trim(String($0)).lowercased() }
    if headerFields.count > 1, let column = headerFields.firstIndex(of: "target") {
      var out: [String] = []
      do {
        var tokenizer = try CSVTokenizer(source: try ByteSource(path: path))
        var first = true
        while let r = try tokenizer.next() {
          if first {
            first = false
            continue
          }
          if r.isBlank { continue }
          if let v = r.trimmed(column), !v.isEmpty { out.append(v) }
        }
      } catch {
        Terminal.error(error.commandLineText)
        throw ExitCode.failure
      }
      return out
    }
    return lines.filter {
      !$0.isEmpty && !$0.hasPrefix("#") && !["company", "target", "name", "person"].contains($0.lowercased())
    }
  }

  /// Each target's people: a person reference, else everyone at the company (normalised names).
  static func resolveTargets(_ names: [String], in g: Graph) -> [(name: String, kind: String, shown: String, people: [PersonID])] {
    var out: [(String, String, String, [PersonID])] = []
    var companyKeys: [String: Int] = [:]
    var resolved: [(String, String, String, [PersonID])?] = []
    for (i, name) in names.enumerated() {
      switch g.people.resolve(name) {
      case .person(let p):
        resolved.append((name, "person", g.people.name(of: p), [p]))
      case .ambiguous(let list):
        // Several people by that name: a chain to any of them (the page says how many).
        resolved.append((name, "person", g.people.name(of: list[0]), list.sorted()))
      case .notFound:
        resolved.append(nil)
        let key = IdentityKeys.company(name)
        if !key.isEmpty { companyKeys[key] = i }
      }
    }
    var byCompany: [String: [PersonID]] = [:]
    if !companyKeys.isEmpty {
      var cache: [String: String] = [:]
      for p in 0..<PersonID(g.personCount) {
        let raw = g.people.company(of: p)
        if raw.isEmpty { continue }
        let key: String
        if let k = cache[raw] { key = k } else {
          key = IdentityKeys.company(raw)
          cache[raw] = key
        }
        if companyKeys[key] != nil { byCompany[key, default: []].append(p) }
      }
    }
    for (i, name) in names.enumerated() {
      if let r = resolved[i] {
        out.append(r)
        continue
      }
      let people = byCompany[IdentityKeys.company(name)] ?? []
      out.append((name, "company", people.first.map { g.people.company(of: $0) } ?? name, people))
    }
    return out.map { (name: $0.0, kind: $0.1, shown: $0.2, people: $0.3) }
  }
}
