// Phases 1 and 2 of the model: companies (Zipf–Mandelbrot sizes, an industry, a city, a
// name and a web domain each) and people (name, experience, seniority, function, city,
// e-mail style, school, communities, activity weight and a career of positions).
// Complexity: O(C) for C companies (a few name attempts each), O(N log N) for N people
// (a constant number of O(log) weighted draws each, then sorting the community memberships).
import GraphCore

extension SyntheticWorld {
  // MARK: Companies

  func makeCompanies() {
    var rng = stream(0xC0)
    let count = max(2, n / 10)
    companyCount = count
    let weights = (0..<count).map { 1.0 / Double($0 + 6) }
    companyTable = WeightedTable(weights)
    let total = companyTable.total
    let industryTable = WeightedTable(Vocab.industries.map(\.weight))
    var perIndustry = [[Int32]](repeating: [], count: Vocab.industries.count)
    var perIndustryWeights = [[Double]](repeating: [], count: Vocab.industries.count)
    var names = Set<String>()
    var domains = Set<String>()
    companyName.reserveCapacity(count)
    companyDomain.reserveCapacity(count)
    for c in 0..<count {
      let industry = industryTable.pick(&rng)
      let cityIndex = cityTable.pick(&rng)
      companyIndustry.append(UInt8(industry))
      companyCity.append(UInt16(cityIndex))
      companyExpectedSize.append(Float(Double(n) * weights[c] / total))
      perIndustry[industry].append(Int32(c))
      perIndustryWeights[industry].append(weights[c])

      var base = ""
      var name = ""
      for attempt in 0..<24 {
        base = companyBaseName(industry: industry, rng: &rng)
        if attempt >= 12 {
          let nouns = Vocab.industries[industry].nouns
          base += " " + nouns[rng.nextInt(below: nouns.count)]
        }
        name = base
        if rng.chance(0.35) {
          let suffixes = Vocab.legalSuffixes(Vocab.cities[cityIndex].country)
          name += suffixes[rng.nextInt(below: suffixes.count)]
        }
        if !names.contains(name) { break }
      }
      if names.contains(name) { name += " \(c)" }
      names.insert(name)
      companyName.append(name)

      let stem = Vocab.asciiFold(base, separator: nil)
      let tlds = ["com", Vocab.countryDomain(Vocab.cities[cityIndex].country), "io", "co", "net", "group"]
      var domain = ""
      var k = rng.chance(0.5) ? 0 : 1
      repeat {
        domain = (stem.isEmpty ? "company\(c)" : stem) + (k < tlds.count ? "." + tlds[k] : "\(k).com")
        k += 1
      } while domains.contains(domain)
      domains.insert(domain)
      companyDomain.append(domain)
    }
    industryCompanies = perIndustry
    industryTables = perIndustryWeights.map { WeightedTable($0) }
    report(
      "companies: \(TextFormat.grouped(count)) in \(TextFormat.count(Vocab.industries.count, "industry", plural: "industries"))"
    )
  }

  private func companyBaseName(industry: Int, rng: inout SplitMix64) -> String {
    let nouns = Vocab.industries[industry].nouns
    let noun = nouns[rng.nextInt(below: nouns.count)]
    let style = rng.nextDouble()
    if style < 0.35 {
      let prefix = Vocab.brandPrefixes[rng.nextInt(below: Vocab.brandPrefixes.count)]
      var suffix = Vocab.brandSuffixes[rng.nextInt(below: Vocab.brandSuffixes.count)]
      // "Opti" + "ify" → "Optify", not "Optiify".
      if let a = prefix.last, let b = suffix.first, a == b || ("aeiou".contains(a) && "aeiou".contains(b)) {
        suffix.removeFirst()
      }
      let brand = prefix + suffix
      return rng.chance(0.5) ? brand : brand + " " + noun
    } else if style < 0.75 {
      return Vocab.nameWords[rng.nextInt(below: Vocab.nameWords.count)] + " " + noun
    } else if style < 0.9 {
      // A founder's surname: "Hughes & Co.", "Keller Weber LLP", "Rossi & Bianchi".
      let culture = cultureTable.pick(&rng)
      let a = lastDisplay[pick(cultureLast[culture], &rng)]
      let b = lastDisplay[pick(cultureLast[culture], &rng)]
      switch rng.nextInt(below: 3) {
      case 0: return a + " & Co."
      case 1: return a + " & " + b
      default: return a + " " + noun
      }
    } else {
      return Vocab.nameWords[rng.nextInt(below: Vocab.nameWords.count)]
        + Vocab.brandSuffixes[rng.nextInt(below: Vocab.brandSuffixes.count)].capitalizedFirst
    }
  }

  // MARK: People and careers

  func makePeople() {
    var rng = stream(0x9E0)
    let today = Int(asOf)
    schoolCount = max(1, n / 250)
    communityCount = max(1, n / 150)
    let schoolTable = WeightedTable((0..<schoolCount).map { 1.0 / Double($0 + 4) })
    // Communities: a Zipf popularity and a home city each.
    var communityCity = [Int](repeating: 0, count: communityCount)
    var cityCommunities = [[Int]](repeating: [], count: Vocab.cities.count)
    var cityCommunityWeights = [[Double]](repeating: [], count: Vocab.cities.count)
    let communityWeights = (0..<communityCount).map { 1.0 / Double($0 + 3) }
    for c in 0..<communityCount {
      communityCity[c] = cityTable.pick(&rng)
      cityCommunities[communityCity[c]].append(c)
      cityCommunityWeights[communityCity[c]].append(communityWeights[c])
    }
    let communityTable = WeightedTable(communityWeights)
    let cityCommunityTables = cityCommunityWeights.map { WeightedTable($0) }

    first.reserveCapacity(n)
    last.reserveCapacity(n)
    stintOffset.reserveCapacity(n + 1)
    stintOffset.append(0)
    let estimatedStints = n * 7 / 2
    stintCompany.reserveCapacity(estimatedStints)
    stintStart.reserveCapacity(estimatedStints)
    stintEnd.reserveCapacity(estimatedStints)
    stintPerson.reserveCapacity(estimatedStints)
    var memberList: [UInt64] = []
    memberList.reserveCapacity(n)
    let levelBoost: [Double] = [0.6, 0.8, 1.0, 1.15, 1.2, 1.25, 1.35, 1.6, 1.9, 2.2]

    var pastCompanies: [Int] = []
    var cuts: [Int] = []
    for p in 0..<n {
      let culture = cultureTable.pick(&rng)
      first.append(UInt16(pick(cultureFirst[culture], &rng)))
      last.append(UInt16(pick(cultureLast[culture], &rng)))

      // Experience: skewed young, 1–40 years.
      let years = max(1.0, 40 * Elementary.exp(1.8 * Elementary.log(max(1e-12, rng.nextDouble()))))
      let start = today - Int(years * 365.25)
      careerStart.append(Int32(start))

      let current = companyTable.pick(&rng)
      let industry = Int(companyIndustry[current])
      let expectedSize = Double(companyExpectedSize[current])
      let fn =
        rng.chance(0.3) ? Vocab.industries[industry].focus : functionTable.pick(&rng)
      function.append(UInt8(fn))

      // Seniority from experience plus noise; chiefs are rare in big companies.
      let base = years + 3.5 * rng.normal()
      var lv: Vocab.Level
      let r = rng.nextDouble()
      if years < 2 && rng.chance(0.2) {
        lv = .intern
      } else if base < 3 {
        lv = .junior
      } else if base < 8 {
        lv = .mid
      } else if base < 15 {
        lv = .senior
      } else if base < 22 {
        lv = r < 0.25 ? .staff : r < 0.35 ? .principal : r < 0.8 ? .manager : r < 0.95 ? .director : .senior
      } else if base < 30 {
        lv = r < 0.1 ? .staff : r < 0.25 ? .principal : r < 0.6 ? .manager : r < 0.9 ? .director : .vp
      } else {
        lv = r < 0.15 ? .principal : r < 0.4 ? .manager : r < 0.75 ? .director : r < 0.93 ? .vp : .chief
      }
      if expectedSize < 30 && years >= 4 && rng.chance(min(0.3, 0.7 / max(1, expectedSize))) { lv = .chief }
      if lv == .chief && !rng.chance(min(1, 150 / max(1, expectedSize))) { lv = .vp }
      level.append(lv.rawValue)
      founder.append(lv == .chief && expectedSize < 60 && rng.chance(0.6))
      variant.append(UInt8(truncatingIfNeeded: rng.next()))
      let weight = Elementary.exp(Tuning.activitySigma * rng.normal()) * levelBoost[Int(lv.rawValue)]
      activity.append(Float(weight))

      city.append(UInt16(rng.chance(0.75) ? Int(companyCity[current]) : cityTable.pick(&rng)))

      // E-mail style: 0 none, 1 first.last@company, 2 flast@company,
      // 3 first@company (small companies), 4 first.last@freemail, 5 firstlast@freemail.
      let e = rng.nextDouble()
      var style: UInt8 = e < 0.12 ? 0 : e < 0.64 ? 1 : e < 0.72 ? 2 : e < 0.75 ? 3 : e < 0.88 ? 4 : 5
      if style == 3 && expectedSize > 50 { style = 1 }
      emailCode.append(style | UInt8(freemailTable.pick(&rng)) << 3)

      // School and graduation year (the career start).
      school.append(Int32(schoolTable.pick(&rng)))
      cohort.append(Int16(clamping: Day(daysSinceEpoch: Int32(start)).components.year))

      // Communities.
      let memberships = min(4, rng.count(mean: 0.55 * weight.squareRoot()))
      for _ in 0..<memberships {
        let home = Int(city[p])
        let c =
          rng.chance(0.7) && !cityCommunities[home].isEmpty
          ? cityCommunities[home][cityCommunityTables[home].pick(&rng)] : communityTable.pick(&rng)
        memberList.append(UInt64(c) << 32 | UInt64(p))
      }

      // Career: past employers (mostly the same industry), then the current job.
      var pastCount = 1 + min(3, Int(years / 7 + rng.nextDouble() * 1.5))
      let span = today - start
      var currentLength = min(Int(Double(span) * 0.8), 60 + Int(rng.exponential(mean: 3.2 * 365)))
      var pastSpan = span - currentLength
      if pastSpan < 60 {
        currentLength = span - 60
        pastSpan = 60
      }
      pastCount = max(1, min(pastCount, pastSpan / 60))
      pastCompanies.removeAll(keepingCapacity: true)
      var next = current
      for _ in 0..<pastCount {
        var c = next
        for _ in 0..<5 where c == next {
          if rng.chance(0.6) {
            let list = industryCompanies[industry]
            c = Int(list[industryTables[industry].pick(&rng)])
          } else {
            c = companyTable.pick(&rng)
          }
        }
        if c == next { c = (c + 1) % companyCount }
        pastCompanies.append(c)
        next = c
      }
      pastCompanies.reverse()
      cuts.removeAll(keepingCapacity: true)
      for _ in 1..<pastCount { cuts.append(rng.nextInt(below: pastSpan)) }
      cuts.sort()
      cuts.insert(0, at: 0)
      cuts.append(pastSpan)
      for k in 0..<pastCount {
        let s = start + cuts[k]
        let length = cuts[k + 1] - cuts[k]
        let gap = length > 120 ? rng.nextInt(below: min(90, length / 4)) : 0
        stintCompany.append(Int32(pastCompanies[k]))
        stintStart.append(Int32(s))
        stintEnd.append(Int32(s + max(1, length - gap)))
        stintPerson.append(Int32(p))
      }
      stintCompany.append(Int32(current))
      stintStart.append(Int32(today - currentLength))
      stintEnd.append(Int32(today))
      stintPerson.append(Int32(p))
      stintOffset.append(Int32(stintCompany.count))
    }
    // Activity relative to the mean (so 1 is average), capped.
    var totalActivity = 0.0
    for a in activity { totalActivity += Double(a) }
    let meanActivity = Float(totalActivity / Double(n))
    for p in 0..<n { activity[p] = min(40, activity[p] / meanActivity) }
    memberList.sort()
    var unique = 0
    for (i, m) in memberList.enumerated() where i == 0 || m != memberList[unique - 1] {
      memberList[unique] = m
      unique += 1
    }
    memberList.removeLast(memberList.count - unique)
    memberships = memberList
    report(
      "people: \(TextFormat.grouped(n)) with \(TextFormat.grouped(stintCompany.count)) positions, "
        + "\(TextFormat.grouped(schoolCount)) schools, \(TextFormat.count(communityCount, "community", plural: "communities"))"
    )
  }
}

extension String {
  /// The string with its first character upper-cased (ASCII only).
  fileprivate var capitalizedFirst: String {
    guard let f = first, f.isASCII, f.isLowercase else { return self }
    return f.uppercased() + dropFirst()
  }
}
