import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// Command-line checks of dates and tables.
@Suite struct InputOptionTests {
  func message(_ text: String) -> String? {
    do {
      try DateOption.validate(text, option: "--as-of")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func asOfSaysWhichPartOfTheDateIsWrong() {
    #expect(message("2024-02-29") == nil)
    #expect(
      message("2024-02-31") == "--as-of 2024-02-31: day 31 is out of range for the month (February 2024 has 29 days).")
    #expect(message("2025-13-01") == "--as-of 2025-13-01: month 13 is out of range (months are 1–12).")
    #expect(message("tomorrow") == "--as-of 'tomorrow' is not YYYY-MM-DD (a date such as 2026-11-01).")
  }

  @Test func asOfExitCodes() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ties = tmp.write("t.csv", "source,target,last_contact\na,b,2024-01-01\n")
    let out = "\(tmp.path)/o.txt"
    #expect(runCLI(arguments: ["stats", ties, "--as-of", "2024-02-29", "--output", out]) == 0)
    #expect(runCLI(arguments: ["stats", ties, "--as-of", "2024-02-31", "--output", out]) == 2)
    #expect(runCLI(arguments: ["generate", "--as-of", "2024-02-31", "--out", out]) == 2)
  }

  @Test func repeatedHeaderColumnExitsWithOne() {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let ties = tmp.write("t.csv", "source,target,strength,strength\na,b,0.5,0.25\n")
    #expect(runCLI(arguments: ["stats", ties, "--output", "\(tmp.path)/o.txt"]) == 1)
  }
}
