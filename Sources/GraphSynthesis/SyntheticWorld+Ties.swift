// Phases 3 and 4 of the model: candidate ties as packed pairs, drawn in proportion to
// activity by each mechanism (colleagues in teams and company-wide, classmates, communities,
// industry peers), de-duplicated (the most specific mechanism wins), then a first contact
// for anyone left without one. Triadic closure, which fills the rest, is in
// SyntheticWorld+Closure.swift.
// Complexity: O(P log P) for P positions (sorting positions per company), O(N log N) for the
// classmate and industry orders, O(E log E) for sorting and de-duplicating E candidate pairs.
import GraphCore

extension SyntheticWorld {
  /// Spreads `budget` attempts over items in proportion to `weights`
  /// (floor plus a Bernoulli remainder) and calls `body(item, attempts, &rng)`.
  /// Returns the number of attempts made.
  @discardableResult
  func allocate(
    _ weights: [Float], budget: Double, rng: inout SplitMix64, _ body: (Int, Int, inout SplitMix64) -> Void
  ) -> Int {
    var total = 0.0
    for w in weights { total += Double(w) }
    guard total > 0, budget > 0 else { return 0 }
    let scale = budget / total
    var made = 0
    for i in weights.indices where weights[i] > 0 {
      let lambda = Double(weights[i]) * scale
      var k = Int(lambda)
      if rng.nextDouble() < lambda - Double(k) { k += 1 }
      if k > 0 {
        body(i, k, &rng)
        made += k
      }
    }
    return made
  }

  /// Runs `allocate` in up to four rounds until `target` candidate pairs were added.
  func fill(
    _ weights: [Float], target: Int, rng: inout SplitMix64, _ body: (Int, Int, inout SplitMix64) -> Void
  ) -> Int {
    var added = 0
    var acceptance = 0.8
    for _ in 0..<4 where added < target {
      let before = pairs.count
      let attempts = allocate(weights, budget: Double(target - added) * 1.05 / acceptance, rng: &rng, body)
      let gained = pairs.count - before
      added += gained
      if attempts == 0 || gained == 0 { break }
      acceptance = max(0.02, Double(gained) / Double(attempts))
    }
    return added
  }

  /// Phases 3–5: candidate ties by every mechanism, then closure up to `targetTies`.
  func makeTies() {
    pairs.reserveCapacity(Int(Double(targetTies) * 1.6) + 1024)
    var rng = stream(0x71E5)
    let targetTieCount = Double(targetTies)
    let colleagues = colleagueTies(budget: Tuning.companyWideShare * targetTieCount, rng: &rng)
    report("colleague ties: \(TextFormat.grouped(colleagues)) candidates")
    let classmates = classmateTies(budget: Tuning.classmateShare * targetTieCount, rng: &rng)
    report("classmate ties: \(TextFormat.grouped(classmates)) candidates")
    let community = communityTies(budget: Tuning.communityShare * targetTieCount, rng: &rng)
    report("community ties: \(TextFormat.grouped(community)) candidates")
    let industry = industryTies(budget: Tuning.industryShare * targetTieCount, rng: &rng)
    report("industry ties: \(TextFormat.grouped(industry)) candidates")
    deduplicate()
    report("base network: \(TextFormat.grouped(pairs.count)) distinct ties")
    if targetTies > 0 {
      let linked = connectIsolated(rng: &rng)
      if linked > 0 {
        report("first contacts for \(TextFormat.count(linked, "person", plural: "people")) without ties")
      }
    }
    closeTriads(rng: &rng)
    // Free what only tie generation needed.
    memberships = []
    companyOffset = []
    companyOrder = []
  }

  /// Gives everyone without a tie one contact: a current colleague if there
  /// is one, else someone from the same industry, else anyone.
  private func connectIsolated(rng: inout SplitMix64) -> Int {
    var linked = [Bool](repeating: false, count: n)
    for key in pairs {
      linked[Int(key >> 36)] = true
      linked[Int((key >> 8) & 0xFFF_FFFF)] = true
    }
    let before = pairs.count
    for p in 0..<n where !linked[p] {
      let own = Int(stintOffset[p + 1]) - 1
      let c = Int(stintCompany[own])
      let lo = companyOffset[c]
      let m = companyOffset[c + 1] - lo
      var partner = -1
      var mechanism = Mechanism.colleague
      for _ in 0..<(m > 1 ? 16 : 0) {
        let t = Int(companyOrder[lo + rng.nextInt(below: m)])
        let q = Int(stintPerson[t])
        if q != p && min(stintEnd[t], stintEnd[own]) - max(stintStart[t], stintStart[own]) >= 30 {
          partner = q
          break
        }
      }
      if partner < 0 {
        mechanism = .industry
        for _ in 0..<64 {
          let q = rng.nextInt(below: n)
          if q != p && companyIndustry[currentCompany(q)] == companyIndustry[c] && currentCompany(q) != c {
            partner = q
            break
          }
        }
      }
      if partner < 0 {
        mechanism = .closure
        partner = (p + 1 + rng.nextInt(below: n - 1)) % n
      }
      pairs.append(packPair(p, partner, mechanism))
      linked[p] = true
      linked[partner] = true
    }
    let added = pairs.count - before
    if added > 0 { deduplicate() }
    return added
  }

  /// Sorts `pairs` and keeps one entry per pair (the smallest mechanism code).
  func deduplicate() {
    pairs.sort()
    var unique = 0
    pairs.withUnsafeMutableBufferPointer { buf in
      for i in 0..<buf.count where unique == 0 || buf[i] >> 8 != buf[unique - 1] >> 8 {
        buf[unique] = buf[i]
        unique += 1
      }
    }
    pairs.removeLast(pairs.count - unique)
  }

  /// Whether `p` accepts a contact request: with probability ∝ activity
  /// (Chung–Lu style, so expected degree grows with activity at both ends).
  @inline(__always) private func welcomes(_ p: Int, _ rng: inout SplitMix64) -> Bool {
    rng.nextDouble() * Tuning.acceptanceScale < Double(activity[p])
  }

  /// Team and company-wide colleague ties among overlapping positions.
  private func colleagueTies(budget: Double, rng: inout SplitMix64) -> Int {
    let stints = stintCompany.count
    let companyTotal = companyCount
    let company = stintCompany
    let start = stintStart
    let end = stintEnd
    let person = stintPerson
    let today = asOf
    var offset = [Int](repeating: 0, count: companyTotal + 1)
    for s in 0..<stints { offset[Int(company[s]) + 1] += 1 }
    for c in 0..<companyTotal { offset[c + 1] += offset[c] }
    var order = [Int32](repeating: 0, count: stints)
    do {
      var keys = [UInt64](repeating: 0, count: stints)
      var fillAt = offset
      for s in 0..<stints {
        let c = Int(company[s])
        keys[fillAt[c]] = dayKey(start[s]) << 32 | UInt64(s)
        fillAt[c] += 1
      }
      keys.withUnsafeMutableBufferPointer { buf in
        for c in 0..<companyTotal where offset[c + 1] - offset[c] > 1 {
          var segment = UnsafeMutableBufferPointer(rebasing: buf[offset[c]..<offset[c + 1]])
          segment.sort()
        }
      }
      for k in 0..<stints { order[k] = Int32(truncatingIfNeeded: keys[k]) }
    }
    var position = [Int32](repeating: 0, count: stints)
    for k in 0..<stints { position[Int(order[k])] = Int32(k) }
    companyOffset = offset
    companyOrder = order

    @inline(__always) func overlap(_ a: Int, _ b: Int) -> Int32 { min(end[a], end[b]) - max(start[a], start[b]) }

    // Teams: consecutive hires, 2–7 positions; tiny companies are one team.
    var team = [Int32](repeating: 0, count: stints)
    var teamCount: Int32 = 0
    let pCurrentTeam = min(0.95, Tuning.teamProbabilityCurrent * tau)
    let pPastTeam = min(0.95, Tuning.teamProbabilityPast * tau)
    let before = pairs.count
    for c in 0..<companyTotal {
      let lo = offset[c]
      let hi = offset[c + 1]
      var k = lo
      while k < hi {
        let size = hi - lo <= 6 ? hi - lo : 2 + rng.nextInt(below: 6)
        let blockEnd = min(hi, k + size)
        for x in k..<blockEnd {
          let sx = Int(order[x])
          team[sx] = teamCount
          for y in (x + 1)..<blockEnd {
            let sy = Int(order[y])
            if person[sx] != person[sy] && overlap(sx, sy) >= 30
              && rng.chance(
                end[sx] == today && end[sy] == today
                  ? pCurrentTeam
                  : pPastTeam * min(1, Double(activity[Int(person[sx])] * activity[Int(person[sy])]).squareRoot()))
            {
              pairs.append(packPair(Int(person[sx]), Int(person[sy]), .colleague))
            }
          }
        }
        teamCount += 1
        k = blockEnd
      }
    }
    stintTeam = team
    let teamPairs = pairs.count - before

    // Company-wide contacts: ∝ activity · log2(positions); past positions a bit less.
    var weights = [Float](repeating: 0, count: stints)
    for s in 0..<stints {
      let c = Int(company[s])
      let m = offset[c + 1] - offset[c]
      if m >= 2 {
        weights[s] =
          activity[Int(person[s])] * Float(Elementary.log(Double(m)) / Elementary.log(2))
          * Float(end[s] == today ? Tuning.currentPositionWeight : Tuning.pastPositionWeight)
      }
    }
    let wide = fill(weights, target: max(0, Int(budget)), rng: &rng) { s, attempts, rng in
      let c = Int(company[s])
      let lo = offset[c]
      let m = offset[c + 1] - lo
      let own = Int(position[s])
      let window = min(m - 1, Tuning.companyWindow)
      for _ in 0..<attempts {
        var q: Int
        if rng.chance(0.85) {
          q = own + rng.nextInt(in: -window...window)
          q = min(lo + m - 1, max(lo, q))
        } else {
          q = lo + rng.nextInt(below: m)
        }
        let t = Int(order[q])
        if t != s && person[t] != person[s] && overlap(s, t) >= 30 && welcomes(Int(person[t]), &rng) {
          pairs.append(packPair(Int(person[s]), Int(person[t]), .colleague))
        }
      }
    }
    return teamPairs + wide
  }

  /// Classmates: same school, graduation years at most one apart.
  private func classmateTies(budget: Double, rng: inout SplitMix64) -> Int {
    var keys = [UInt64](repeating: 0, count: n)
    for p in 0..<n {
      let year = UInt64(max(0, min(255, Int(cohort[p]) - 1900)))
      keys[p] = UInt64(school[p]) << 40 | year << 32 | UInt64(p)
    }
    keys.sort()
    var position = [Int32](repeating: 0, count: n)
    for k in 0..<n { position[Int(keys[k] & 0xFFFF_FFFF)] = Int32(k) }
    let sorted = keys
    let school = self.school
    let cohort = self.cohort
    return fill(activity, target: max(0, Int(budget)), rng: &rng) { p, attempts, rng in
      let own = Int(position[p])
      for _ in 0..<attempts {
        let q = min(n - 1, max(0, own + rng.nextInt(in: -8...8)))
        let other = Int(sorted[q] & 0xFFFF_FFFF)
        if other != p && school[other] == school[p] && abs(Int(cohort[other]) - Int(cohort[p])) <= 1
          && welcomes(other, &rng)
        {
          pairs.append(packPair(p, other, .classmate))
        }
      }
    }
  }

  /// Members of the same community (meetups, associations, open source).
  private func communityTies(budget: Double, rng: inout SplitMix64) -> Int {
    let list = memberships
    guard list.count > 1 else { return 0 }
    var rangeStart = [Int32](repeating: 0, count: list.count)
    var rangeEnd = [Int32](repeating: 0, count: list.count)
    var k = 0
    while k < list.count {
      var e = k
      while e < list.count && list[e] >> 32 == list[k] >> 32 { e += 1 }
      for i in k..<e {
        rangeStart[i] = Int32(k)
        rangeEnd[i] = Int32(e)
      }
      k = e
    }
    let weights = list.map { activity[Int($0 & 0xFFFF_FFFF)] }
    return fill(weights, target: max(0, Int(budget)), rng: &rng) { i, attempts, rng in
      let lo = Int(rangeStart[i])
      let m = Int(rangeEnd[i]) - lo
      guard m > 1 else { return }
      let p = Int(list[i] & 0xFFFF_FFFF)
      for _ in 0..<attempts {
        // Mostly the same circle (neighbours in id order, which is random), sometimes anyone.
        let q = rng.chance(0.8) ? min(lo + m - 1, max(lo, i + rng.nextInt(in: -6...6))) : lo + rng.nextInt(below: m)
        let other = Int(list[q] & 0xFFFF_FFFF)
        if other != p && welcomes(other, &rng) { pairs.append(packPair(p, other, .community)) }
      }
    }
  }

  /// Same industry, another company; often the same city.
  private func industryTies(budget: Double, rng: inout SplitMix64) -> Int {
    let current = (0..<n).map { Int(stintCompany[Int(stintOffset[$0 + 1]) - 1]) }
    var keys = [UInt64](repeating: 0, count: n)
    for p in 0..<n {
      keys[p] = UInt64(companyIndustry[current[p]]) << 52 | UInt64(city[p]) << 36 | UInt64(p)
    }
    keys.sort()
    var position = [Int32](repeating: 0, count: n)
    var rangeStart = [Int32](repeating: 0, count: n)
    var rangeEnd = [Int32](repeating: 0, count: n)
    var k = 0
    while k < n {
      var e = k
      while e < n && keys[e] >> 52 == keys[k] >> 52 { e += 1 }
      for i in k..<e {
        let p = Int(keys[i] & 0xF_FFFF_FFFF)
        position[p] = Int32(i)
        rangeStart[p] = Int32(k)
        rangeEnd[p] = Int32(e)
      }
      k = e
    }
    let sorted = keys
    let weights = (0..<n).map { p -> Float in
      let lv = Int(level[p])
      let boost: Float =
        lv >= Int(Vocab.Level.director.rawValue) ? 2.5 : lv >= Int(Vocab.Level.senior.rawValue) ? 1.5 : 1
      return activity[p] * boost
    }
    return fill(weights, target: max(0, Int(budget)), rng: &rng) { p, attempts, rng in
      let lo = Int(rangeStart[p])
      let hi = Int(rangeEnd[p])
      guard hi - lo > 1 else { return }
      let own = Int(position[p])
      for _ in 0..<attempts {
        let q: Int
        if rng.chance(0.6) {
          q = min(hi - 1, max(lo, own + rng.nextInt(in: -10...10)))
        } else {
          q = lo + rng.nextInt(below: hi - lo)
        }
        let other = Int(sorted[q] & 0xF_FFFF_FFFF)
        if other != p && current[other] != current[p] && welcomes(other, &rng) {
          pairs.append(packPair(p, other, .industry))
        }
      }
    }
  }
}
