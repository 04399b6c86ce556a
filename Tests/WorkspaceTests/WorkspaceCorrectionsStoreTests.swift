import Foundation
import GRDB
import GraphCore
import GraphIO
import LiaisonTestSupport
import Testing

@testable import Workspace

/// Storage of corrections and the interaction log: one transaction each,
/// the generation bumped, undone rows kept but not applied.
@Suite struct WorkspaceCorrectionsStoreTests {
  @Test func writesAndUndoesBumpTheGenerationAndRoundTrip() throws {
    let f = SmallFiles()
    defer { f.tmp.cleanUp() }
    let workspace = try Workspace.open(at: f.workspace, create: true)
    _ = try workspace.importFiles(f.specs(f.people, f.ties), options: LoadOptions())
    var generation = try workspace.generation()
    func bumped() throws -> Bool {
      let now = try workspace.generation()
      defer { generation = now }
      return now == generation + 1
    }
    let same = try workspace.addCorrection(.same("id:1", "id:2"))
    #expect(try bumped())
    let reject = try workspace.addCorrection(.tie("id:3", "id:4", .reject))
    #expect(try bumped())
    try workspace.addCorrection(.tie("id:2", "id:3", .strength(0.7)))
    try workspace.addCorrection(.set("id:4", company: "Gamma", tags: ["a", "b"]))
    let log = try workspace.addInteraction(
      date: Day(year: 2026, month: 3, day: 1)!, kind: .call, people: ["id:3"], note: "n",
      followUp: Day(year: 2026, month: 4, day: 1))
    #expect(try bumped() == false)  // three writes since
    let c = try workspace.networkCorrections()
    #expect(c.same == [IdentityCorrection(id: Int(same), "id:1", "id:2")])
    #expect(c.ties.map(\.change) == [.reject, .strength(0.7)])
    #expect(c.attributes.first?.company == "Gamma" && c.attributes.first?.tags == ["a", "b"])
    #expect(c.interactions.map(\.direction) == [.both])
    #expect(try workspace.interactions().first?.followUp == "2026-04-01")

    // Undo keeps the row, stops applying it, bumps the generation; twice is an error.
    generation = try workspace.generation()
    try workspace.undoCorrection(id: reject)
    #expect(try bumped())
    #expect(try workspace.networkCorrections().ties.map(\.change) == [.strength(0.7)])
    #expect(try workspace.corrections(includeUndone: true).count == 4)
    #expect(throws: WorkspaceError.self) { try workspace.undoCorrection(id: reject) }
    #expect(throws: WorkspaceError.self) { try workspace.undoInteraction(id: 99) }
    try workspace.undoInteraction(id: log)
    #expect(try workspace.networkCorrections().interactions.isEmpty)

    // The network read back has the corrections: 1 and 2 are one person, 4's company is Gamma.
    let (loaded, _, report) = try workspace.loadReporting(options: LoadOptions())
    #expect(loaded.graph.personCount == 3)
    #expect(report?.peopleMerged == 1)
    let four = try #require(loaded.graph.people.person(stableKey: "id:4"))
    #expect(loaded.graph.people.company(of: four) == "Gamma")
    // A second read comes from the snapshot, which the corrections' fingerprint keeps current.
    let (again, from) = try workspace.load(options: LoadOptions())
    #expect(from == .snapshot && again.graph.personCount == 3)
  }
}
