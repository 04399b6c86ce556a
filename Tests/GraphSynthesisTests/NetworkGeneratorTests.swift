import Foundation
import GraphCore
import GraphSynthesis
import LiaisonTestSupport
import Testing

/// `NetworkGenerator` through its library API: determinism, the summary against the files
/// written, the shape of ties.csv, export padding and the refusals. The bundled datasets
/// (Tests/LiaisonCLITests/StatsCommandTests.swift) pin the exact bytes of two generations.
@Suite struct NetworkGeneratorTests {
  /// The rows of a generated file without its header; nil when it cannot be read.
  static func rows(_ path: String) -> [Substring]? {
    guard let text = TempFolder.read(path: path) else { return nil }
    return text.split(separator: "\n").dropFirst().map { $0 }
  }

  static func options(people: Int, seed: UInt64) -> NetworkGeneratorOptions {
    var o = NetworkGeneratorOptions(people: people, seed: seed)
    o.tiesPerPerson = 6
    o.exports = 2
    return o
  }

  @Test func sameOptionsWriteTheSameBytes() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let a = try NetworkGenerator.generate(Self.options(people: 500, seed: 9), into: "\(tmp.path)/a")
    let b = try NetworkGenerator.generate(Self.options(people: 500, seed: 9), into: "\(tmp.path)/b")
    let c = try NetworkGenerator.generate(Self.options(people: 500, seed: 10), into: "\(tmp.path)/c")
    for name in ["people.csv", "ties.csv"] {
      let first = try #require(tmp.read("a/\(name)"))
      #expect(first == tmp.read("b/\(name)"), "\(name) differs between two runs with one seed")
      #expect(first != tmp.read("c/\(name)"), "\(name) is the same for two seeds")
    }
    #expect(a.exportFiles.count == 2)
    let stems = a.exportFiles.map { $0.split(separator: "/").last! }
    #expect(stems == b.exportFiles.map { $0.split(separator: "/").last! })
    for (x, y) in zip(a.exportFiles, b.exportFiles) { #expect(TempFolder.read(path: x) == TempFolder.read(path: y)) }
    #expect(c.people == 500)
  }

  @Test(arguments: [(UInt64(1), 300), (2, 1000), (3, 2)])
  func summaryMatchesTheFiles(seed: UInt64, people: Int) throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let summary = try NetworkGenerator.generate(Self.options(people: people, seed: seed), into: tmp.path)
    let peopleRows = try #require(Self.rows("\(tmp.path)/people.csv"))
    #expect(peopleRows.count == people && summary.people == people)
    #expect(peopleRows.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset),") }, "ids are 0..<N in order")
    let ties = try #require(Self.rows("\(tmp.path)/ties.csv"))
    #expect(ties.count == summary.ties)
    var kinds: [String: Int] = [:]
    var previous = (-1, -1)
    var touched = Set<Int>()
    for row in ties {
      let f = row.split(separator: ",", omittingEmptySubsequences: false)
      try #require(f.count == 7, "\(row)")
      let a = try #require(Int(f[0]))
      let b = try #require(Int(f[1]))
      #expect(a < b && b < people, "\(row)")
      #expect(previous < (a, b), "ties.csv is sorted by (source, target) without repeats: \(row)")
      previous = (a, b)
      touched.formUnion([a, b])
      let s = try #require(Double(f[2]))
      #expect(s > 0 && s <= 1 && f[2].count == 8, "\(row)")
      #expect(f[4].count == 10 && f[5].count == 10 && f[5] <= f[4], "known since ≤ last contact: \(row)")
      kinds[String(f[6]), default: 0] += 1
    }
    #expect(touched.count == people, "everyone has at least one tie")
    let kindOrder = ["colleague", "former-colleague", "classmate", "industry", "community", "closure"]
    #expect(summary.tiesByKind.map(\.kind) == kindOrder)
    for (kind, count) in summary.tiesByKind { #expect(kinds[kind, default: 0] == count, "\(kind)") }
    #expect(summary.tiesByClass.reduce(0) { $0 + $1.count } == summary.ties)
    #expect(summary.companies >= 1 && summary.companies <= max(2, people / 10))
  }

  @Test func exportsArePaddedToTheRequestedSize() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    var o = Self.options(people: 800, seed: 4)
    o.exports = 3
    o.exportSize = 250
    let summary = try NetworkGenerator.generate(o, into: tmp.path)
    #expect(summary.exportFiles.count == 3)
    for file in summary.exportFiles {
      let text = try #require(TempFolder.read(path: file))
      #expect(text.hasPrefix("Notes:\n"))
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let columns = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
      let header = try #require(lines.firstIndex(of: Substring(columns)))
      let contacts = lines[(header + 1)...].filter { !$0.isEmpty }
      #expect(contacts.count == 250, "\(file)")
      let urls = contacts.compactMap { $0.split(separator: ",").first { $0.hasPrefix("https://www.linkedin.com/in/") } }
      #expect(Set(urls).count == 250, "each contact once: \(file)")
    }
  }

  @Test func badOptionsAreRefused() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    func refuses(_ change: (inout NetworkGeneratorOptions) -> Void, into dir: String? = nil, _ words: String) {
      var o = NetworkGeneratorOptions(people: 10, seed: 1)
      change(&o)
      #expect(throws: GenerationError.self, "\(words)") {
        do {
          _ = try NetworkGenerator.generate(o, into: dir ?? "\(tmp.path)/x")
        } catch let e as GenerationError {
          #expect(e.message.contains(words), "\(e.message)")
          throw e
        }
      }
    }
    refuses({ $0.people = 1 }, "at least 2")
    refuses({ $0.people = NetworkGenerator.maximumPeople + 1 }, "at most")
    refuses({ $0.tiesPerPerson = -1 }, "ties per person")
    refuses({ $0.tiesPerPerson = .nan }, "ties per person")
    refuses({ $0.exports = -1 }, "exports")
    refuses({ $0.asOf = Day(year: 1900, month: 1, day: 1)! }, "simulation date")
    refuses({ _ in }, into: "", "empty")
    _ = tmp.write("file", "not a folder")
    refuses({ _ in }, into: "\(tmp.path)/file", "not a folder")
    #expect(TempFolder.read(path: "\(tmp.path)/x/people.csv") == nil, "nothing written after a refusal")
  }
}
