import Testing

@testable import GraphAlgorithms

/// Role flags from job titles: the byte search of ASCII titles gives what
/// String's lowercased character search gives, for ASCII and other titles.
@Suite struct IntroductionRolesTests {
  /// The flags by String alone (the definition the fast path must keep).
  func byString(_ title: String) -> UInt8 {
    let t = title.lowercased()
    var r: UInt8 = 0
    if t.contains("founder") { r |= IntroductionFeatures.founder }
    if t.contains("investor") || t.contains("venture") { r |= IntroductionFeatures.investor }
    if t.contains("recruit") || t.contains("talent acquisition") { r |= IntroductionFeatures.hiring }
    return r
  }

  @Test func titlesMatchAsStringsWould() {
    let titles = [
      "", "Founder", "CO-FOUNDER & CEO", "Venture Partner", "Angel Investor", "Senior Recruiter",
      "Head of Talent Acquisition", "talent  acquisition", "Foundr", "founde", "Investment Analyst",
      "Fondateur", "Gründer / Founder", "İnvestor", "Recruiter\r\n", "founder\u{301}", "VENTURE\u{0}CAPITAL",
      "Staff Software Engineer", "Talent Acquisitionist", "RECRUITING lead",
    ]
    for title in titles {
      #expect(IntroductionFeatures.roles(tags: [], title: title) == byString(title), "\(title.debugDescription)")
    }
  }
}
