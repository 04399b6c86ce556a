// What people.csv and the exports show of a person beyond the name: title, e-mail address,
// LinkedIn profile slug and tags. Each is a pure function of the person (and the seed), so
// it reads the same in every file; O(1) per call apart from string building.
import GraphCore

extension SyntheticWorld {
  /// The job title of `p` (function, seniority, a per-person variant; founders apart).
  func title(_ p: Int) -> String {
    Vocab.title(
      function: Int(function[p]), level: Vocab.Level(rawValue: level[p]) ?? .mid, variant: Int(variant[p]),
      founder: founder[p])
  }

  /// The e-mail address before de-duplication: (local part, domain), or nil.
  func baseEmail(_ p: Int) -> (String, String)? {
    let code = emailCode[p]
    let fa = firstAscii[Int(first[p])]
    let la = lastAscii[Int(last[p])]
    let free = Vocab.freemailDomains[Int(code >> 3) % Vocab.freemailDomains.count].domain
    switch code & 7 {
    case 1: return (fa + "." + la, companyDomain[currentCompany(p)])
    case 2: return (String(fa.prefix(1)) + la, companyDomain[currentCompany(p)])
    case 3: return (fa, companyDomain[currentCompany(p)])
    case 4: return (fa + "." + la, free)
    case 5: return (fa + la, free)
    default: return nil
    }
  }

  /// The e-mail address of `p` as written (numbered when taken; valid after `writePeople`).
  func email(_ p: Int) -> String {
    guard let (local, domain) = baseEmail(p) else { return "" }
    let dup = emailDup.isEmpty ? 0 : Int(emailDup[p])
    return dup == 0 ? "\(local)@\(domain)" : "\(local)\(dup + 1)@\(domain)"
  }

  /// The LinkedIn profile slug: `first-last-<8 hex>`, unique per person
  /// (the hex part is a bijection of the id).
  func slug(_ p: Int) -> String {
    var x = UInt32(truncatingIfNeeded: p) ^ UInt32(truncatingIfNeeded: seed)
    x = (x ^ (x >> 16)) &* 0x7FEB_352D
    x = (x ^ (x >> 15)) &* 0x846C_A68B
    x ^= x >> 16
    var hex = String(x, radix: 16)
    if hex.count < 8 { hex = String(repeating: "0", count: 8 - hex.count) + hex }
    return firstSlug[Int(first[p])] + "-" + lastSlug[Int(last[p])] + "-" + hex
  }

  /// `hiring`, `looking`, `founder`, `investor`, `mentor` (`;`-separated), from p's own stream.
  func tags(_ p: Int) -> String {
    var rng = SplitMix64(seed: seed ^ 0x7A65, stream: UInt64(p))
    let lv = Vocab.Level(rawValue: level[p]) ?? .mid
    let managerial = lv.rawValue >= Vocab.Level.manager.rawValue
    let industry = Vocab.industries[Int(companyIndustry[currentCompany(p)])].name
    var out: [String] = []
    if rng.chance(managerial ? 0.12 : 0.015) { out.append("hiring") }
    if rng.chance(lv.rawValue <= Vocab.Level.junior.rawValue ? 0.08 : 0.035) { out.append("looking") }
    if founder[p] { out.append("founder") }
    let vc = industry.hasPrefix("Venture")
    if rng.chance(vc && lv.rawValue >= Vocab.Level.director.rawValue ? 0.5 : lv == .chief ? 0.05 : 0.003) {
      out.append("investor")
    }
    if rng.chance(lv.rawValue >= Vocab.Level.senior.rawValue ? 0.04 : 0.004) { out.append("mentor") }
    return out.joined(separator: ";")
  }
}
