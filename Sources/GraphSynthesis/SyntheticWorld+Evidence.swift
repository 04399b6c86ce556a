// Phase 6 of the model: each tie's simulated interaction history — known since, number of
// interactions, last contact — from the tie's own random stream, by mechanism: teammates
// frequent and recent, former colleagues dormant after they parted unless they kept in
// touch, classmates mostly years ago, community and closure ties in between. The writer
// turns it into a strength with `TieStrengthModel`. O(positions of both people) per tie.
import GraphCore

/// The simulated evidence behind one tie.
struct Evidence {
  var kind: Int
  var interactions: Int
  var last: Int32
  var since: Int32
  var context: SharedContext?
}

extension SyntheticWorld {
  /// Simulated interaction history of one tie, from its own random stream.
  func evidence(_ a: Int, _ b: Int, _ mechanism: UInt64) -> Evidence {
    var rng = SplitMix64(seed: seed ^ 0xE71D_E9CE, stream: UInt64(a) << 32 | UInt64(b))
    let today = Int(asOf)
    let careerFloor = max(Int(careerStart[a]), Int(careerStart[b]))
    let year = 365
    func clamp(_ last: Int, _ since: Int) -> (Int32, Int32) {
      let s = min(since, today)
      return (Int32(min(today, max(s, last))), Int32(s))
    }
    switch mechanism {
    case Mechanism.colleague.rawValue:
      if let e = colleagueEvidence(a, b, rng: &rng) { return e }
      fallthrough
    case Mechanism.closure.rawValue, Mechanism.industry.rawValue:
      let isIndustry = mechanism == Mechanism.industry.rawValue
      let window = max(1, min(today - careerFloor, (isIndustry ? 12 : 10) * year))
      let since = today - rng.nextInt(below: window)
      let last: Int
      var interactions: Int
      if !isIndustry && rng.chance(Tuning.closureFriendShare) {
        // A friend of a friend who became a friend: regular, recent contact.
        let rate = 1.2 * Elementary.exp(0.6 * rng.normal())
        last = today - Int(rng.exponential(mean: 20))
        interactions = 1 + Int(rate * Double(today - since) / 30.44)
      } else {
        last =
          rng.chance(0.55)
          ? today - Int(rng.exponential(mean: 280)) : since + rng.nextInt(below: max(1, today - since + 1))
        interactions = 1 + rng.count(mean: isIndustry ? 3 : 5)
      }
      interactions = min(interactions, 5000)
      let (l, s) = clamp(last, since)
      return Evidence(kind: isIndustry ? 3 : 5, interactions: interactions, last: l, since: s, context: nil)
    case Mechanism.classmate.rawValue:
      let gy = max(Int(cohort[a]), Int(cohort[b]))
      let enrolled = Int(Day(year: max(1, gy - 4), month: 9, day: 1)!.daysSinceEpoch)
      let graduated = Int(Day(year: max(1, gy), month: 6, day: 15)!.daysSinceEpoch)
      let since = enrolled + rng.nextInt(below: year)
      var interactions = 5 + rng.count(mean: 25)
      let last: Int
      if rng.chance(Tuning.classmateReconnected) {
        last = today - Int(rng.exponential(mean: 120))
        interactions += rng.count(mean: 6)
      } else {
        last = graduated + Int(rng.exponential(mean: 700))
      }
      let (l, s) = clamp(last, since)
      return Evidence(kind: 2, interactions: interactions, last: l, since: s, context: .school)
    default:  // community
      let window = max(1, min(today - careerFloor + 2 * year, 8 * year))
      let since = today - rng.nextInt(below: window)
      let active = rng.chance(Tuning.communityActive)
      let last = today - Int(rng.exponential(mean: active ? 25 : 200))
      let interactions = 1 + rng.count(mean: active ? 6 + Double(today - since) / 30.44 : 8)
      let (l, s) = clamp(last, since)
      return Evidence(kind: 4, interactions: interactions, last: l, since: s, context: .community)
    }
  }

  /// Evidence of (former) colleagues from their latest overlapping positions.
  private func colleagueEvidence(_ a: Int, _ b: Int, rng: inout SplitMix64) -> Evidence? {
    var best: (Int, Int)?
    var bestEnd = Int32.min
    for sa in Int(stintOffset[a])..<Int(stintOffset[a + 1]) {
      for sb in Int(stintOffset[b])..<Int(stintOffset[b + 1]) where stintCompany[sa] == stintCompany[sb] {
        let os = max(stintStart[sa], stintStart[sb])
        let oe = min(stintEnd[sa], stintEnd[sb])
        if oe - os >= 30 && oe > bestEnd {
          best = (sa, sb)
          bestEnd = oe
        }
      }
    }
    guard let (sa, sb) = best else { return nil }
    let today = Int(asOf)
    let os = Int(max(stintStart[sa], stintStart[sb]))
    let oe = Int(bestEnd)
    let current = oe == today
    let team = stintTeam[sa] == stintTeam[sb]
    let since = os + rng.nextInt(below: max(1, min(120, (oe - os) / 3)))
    let months = Double(max(1, oe - since)) / 30.44
    let rate = team ? 2.5 * Elementary.exp(0.7 * rng.normal()) : 0.4 * Elementary.exp(0.9 * rng.normal())
    var interactions = 1 + Int(rate * months)
    var last: Int
    if current {
      last = today - Int(rng.exponential(mean: team ? 6 : 75))
    } else if rng.chance(team ? Tuning.keptInTouchTeam : Tuning.keptInTouchCompany) {
      // Kept in touch: occasional contact since, the latest fairly recent.
      last = max(oe, today - Int(rng.exponential(mean: Tuning.keptInTouchRecency)))
      interactions += Int(rate * 0.12 * Double(max(0, min(today, last) - oe)) / 30.44)
    } else {
      last = oe - rng.nextInt(below: max(1, min(45, oe - since)))
    }
    last = min(today, max(since, last))
    return Evidence(
      kind: current ? 0 : 1, interactions: min(interactions, 5000), last: Int32(last), since: Int32(since),
      context: team ? .team : .company)
  }
}
