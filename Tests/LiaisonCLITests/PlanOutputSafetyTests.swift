import Foundation
import Testing

@testable import LiaisonCLI

/// Untrusted names in the plan's Markdown, iCalendar and shell commands stay inert.
@Suite struct PlanOutputSafetyTests {
  static let hostile = "Eve `rm -rf` *bold* [x](javascript:alert(1)) <img onerror=1>; O'Neil,\nline2 \\ end"

  func answer(_ name: String) -> PlanAnswer {
    let action = PlanAnswer.Action(
      id: "0badc0de", key: "reconnect:x", part: "reconnect", kind: "reconnect",
      people: [.init(id: "1", name: name)], sentence: "Reconnect with \(name)", evidence: ["note: \(name)"],
      command:
        "liaison log \(PlanReport.shellWord(name.replacingOccurrences(of: "\n", with: " "))) --kind met --date 2026-12-07",
      due: "2026-12-07", score: 1)
    return PlanAnswer(
      ego: .init(id: "0", name: name), today: "2026-12-07", weekEnd: "2026-12-13", budget: 10, actions: [action],
      candidates: [:], onCadence: 1, dueThisWeek: 1, notes: [])
  }

  @Test func markdownEscapesInlineMarkupAndHTML() {
    let full = PlanReport.markdown(answer(Self.hostile))
    // The command is a code span (inert); the rest is escaped.
    let md = full.split(separator: "\n").filter { !$0.contains("done:") }.joined(separator: "\n")
    #expect(!md.contains(" <img") && md.contains("\\<img"))
    #expect(!md.contains(" [x](") && md.contains("\\[x\\]"))
    #expect(md.contains("\\`rm -rf\\`") && md.contains("\\*bold\\*"))
    // A line break in a name does not start a new list item.
    #expect(!full.contains("\nline2"))
  }

  @Test func calendarTextIsEscapedAndFolded() {
    let ics = PlanCalendar.ics(answer(Self.hostile + String(repeating: "é", count: 80)))
    for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
    let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
    #expect(
      unfolded.contains(
        "SUMMARY:Reconnect with Eve `rm -rf` *bold* [x](javascript:alert(1)) <img onerror=1>\\; O'Neil\\,\\nline2 \\\\ end"
      ))
    // Folding never splits a UTF-8 character.
    #expect(String(data: Data(ics.utf8), encoding: .utf8) != nil)
  }

  @Test func shellWordsQuoteEverythingButPlainWords() {
    #expect(PlanReport.shellWord("Ada") == "Ada")
    #expect(PlanReport.shellWord("O'Neil $(x)") == "'O'\\''Neil $(x)'")
    #expect(
      PlanCommandTests.shellWords("liaison log " + PlanReport.shellWord(Self.hostile)) == [
        "liaison", "log", Self.hostile,
      ])
  }
}
