import Testing

@testable import GraphCore

@Suite struct TextFormatTests {
  /// Worked by hand: halves round away from zero (0.125 → 0.13, unlike
  /// printf's round-half-even), a value that rounds to zero has no sign.
  @Test(arguments: [
    (0.5, 2, "0.50"), (1.0 / 3, 3, "0.333"), (2.0 / 3, 2, "0.67"), (12_345.678, 1, "12345.7"), (-1.25, 1, "-1.3"),
    (-0.004, 2, "0.00"), (0, 0, "0"), (99.995, 0, "100"), (0.125, 2, "0.13"), (1e20, 2, "1e+20"),
  ])
  func fixedDecimals(x: Double, digits: Int, expected: String) {
    #expect(TextFormat.fixed(x, digits) == expected)
  }

  @Test func fixedHasExactlyTheDigitsAskedFor() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let x = Double.random(in: -1e6...1e6, using: &rng)
      let digits = Int.random(in: 0...4, using: &rng)
      let s = TextFormat.fixed(x, digits)
      let decimals = s.split(separator: ".").dropFirst().first?.count ?? 0
      #expect(decimals == digits, "\(x) → \(s)")
      #expect(abs((Double(s) ?? .nan) - x) <= 0.5 / pow10(digits) + 1e-9, "\(x) → \(s)")
    }
  }

  private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { p, _ in p * 10 } }

  @Test(arguments: [
    (0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-1234, "-1,234"),
    (Int.min, "-9,223,372,036,854,775,808"),
  ])
  func groupedThousands(n: Int, expected: String) { #expect(TextFormat.grouped(n) == expected) }

  @Test func countsAndNouns() {
    #expect(TextFormat.count(1, "member") == "1 member")
    #expect(TextFormat.count(0, "member") == "0 members")
    #expect(TextFormat.count(1200, "person", plural: "people") == "1,200 people")
    #expect(TextFormat.percent(1, of: 3) == "33.3 %")
    #expect(TextFormat.percent(1, of: 0) == "0 %")
  }

  @Test func wrapKeepsWordsWhole() {
    let text = "one two three four five six seven eight nine ten eleven twelve"
    let wrapped = TextFormat.wrap(text, width: 20, indent: "  ", continuation: "    ")
    let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.allSatisfy { $0.count <= 20 })
    #expect(lines.first?.hasPrefix("  one") == true)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
    #expect(lines.joined(separator: " ").split(separator: " ").joined(separator: " ") == text)
    #expect(TextFormat.wrap("averyveryverylongword x", width: 5) == "averyveryverylongword\nx\n")
  }
}
