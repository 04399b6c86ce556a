import GraphCore

/// The kinds of evidence an inferred tie can rest on.
public enum InferenceKind: String, CaseIterable, Sendable, Codable {
  case sameCompany = "same-company"
  case emailDomain = "email-domain"
  case sharedLabel = "shared-label"
  case coPresence = "co-presence"
  case coParticipation = "co-participation"
}

/// Inferred ties among contacts (Guides/ContactExports.md).
///
/// Each rule gives a pair of contacts a confidence in (0, 1]:
/// - **same current company** (normalised): `min(0.8, 2/n)` for a company
///   with `n` people in the data — two of three colleagues likely know each
///   other, two of fifty probably not;
/// - **same non-freemail email domain**: the same formula over the domain;
/// - **shared label / category** (system groups excluded): `min(0.6, 1.5/n)`;
/// - **co-presence** in `k ≥ minSharedOwners` owners' exports:
///   `min(0.9, 0.3 · (k − 1))`;
/// - **co-participation** in `m` messages or meetings: `1 − 0.5^m`.
///
/// Rules for the same pair combine as a noisy-OR, `1 − Π(1 − cᵢ)`, and the
/// tie's kind lists them (`inferred:same-company+email-domain`). Groups larger
/// than `maxGroupSize` are skipped, and ties whose combined confidence is
/// below `minConfidence` (0.1) are not kept. An inferred tie's strength is
/// `0.5 · confidence`: an inference alone never makes a strong tie. The
/// builder keeps an inferred tie only where no observed tie exists (an
/// observed part makes the merged tie observed), so `--no-infer` removes
/// exactly the ties counted as inferred.
///
/// - Complexity: O(Σ over used groups of g²) time and space, g ≤ `maxGroupSize`;
///   co-presence is O(Σ over owners of s²) for the s ≤ `maxGroupSize`
///   contacts each owner shares with other owners (owners sharing more are
///   skipped).
extension ContactResolver {
  mutating func inferTies(builder: inout GraphBuilder) {
    var companyKeys = CompanyKeyCache()
    for i in contacts.indices { contacts[i].company = companyKeys.key(contacts[i].companyAsWritten) }
    var pairs: [UInt64: (miss: Double, kinds: UInt8)] = [:]
    func add(_ a: PersonID, _ b: PersonID, _ confidence: Double, _ kind: InferenceKind) {
      guard a != b, confidence > 0 else { return }
      let bit = UInt8(1) << UInt8(InferenceKind.allCases.firstIndex(of: kind)!)
      let key = Self.pairKey(a, b)
      // One lookup, updated in place.
      func combine(_ v: inout (miss: Double, kinds: UInt8)) {
        v.miss *= 1 - min(1, confidence)
        v.kinds |= bit
      }
      combine(&pairs[key, default: (1, 0)])
    }
    func groups(_ keys: (ContactInfo) -> [String]) -> [[PersonID]] {
      var members: [String: [PersonID]] = [:]
      var order: [String] = []
      for c in contacts {
        for k in keys(c) where !k.isEmpty {
          if members[k] == nil { order.append(k) }
          members[k, default: []].append(c.person)
        }
      }
      return order.compactMap { k in
        let m = members[k]!
        return m.count >= 2 && m.count <= options.maxGroupSize ? m : nil
      }
    }
    func reserve(_ groups: [[PersonID]]) {
      pairs.reserveCapacity(pairs.count + groups.reduce(0) { $0 + $1.count * ($1.count - 1) / 2 })
    }
    func allPairs(_ group: [PersonID], _ c: Double, _ kind: InferenceKind) {
      for i in 0..<group.count { for j in (i + 1)..<group.count { add(group[i], group[j], c, kind) } }
    }
    let companyGroups = groups({ [$0.company] })
    reserve(companyGroups)
    for g in companyGroups { allPairs(g, min(0.8, 2 / Double(g.count)), .sameCompany) }
    for g in groups({ $0.domains }) { allPairs(g, min(0.8, 2 / Double(g.count)), .emailDomain) }
    for g in groups({ $0.labels }) { allPairs(g, min(0.6, 1.5 / Double(g.count)), .sharedLabel) }
    // Co-presence: count shared owners for contacts in several exports.
    if options.minSharedOwners >= 2 {
      var byOwner: [[PersonID]] = Array(repeating: [], count: owners.count)
      for c in contacts where c.ownerCount >= options.minSharedOwners {
        for o in c.owners { byOwner[Int(o)].append(c.person) }
      }
      var shared: [UInt64: Int] = [:]
      // An owner whose export shares more than `maxGroupSize` such contacts
      // with others says little about any one pair (as for a large company),
      // and counting its pairs would cost O(s²): skipped.
      for list in byOwner where list.count >= 2 && list.count <= options.maxGroupSize {
        for i in 0..<list.count {
          for j in (i + 1)..<list.count { shared[Self.pairKey(list[i], list[j]), default: 0] += 1 }
        }
      }
      for (key, k) in shared where k >= options.minSharedOwners {
        let a = PersonID(truncatingIfNeeded: key >> 32)
        let b = PersonID(truncatingIfNeeded: key & 0xFFFF_FFFF)
        add(a, b, min(0.9, 0.3 * Double(k - 1)), .coPresence)
      }
    }
    for (key, m) in coParticipation {
      let a = PersonID(truncatingIfNeeded: key >> 32)
      let b = PersonID(truncatingIfNeeded: key & 0xFFFF_FFFF)
      var c = 1.0
      for _ in 0..<min(m, 60) { c *= 0.5 }
      add(a, b, 1 - c, .coParticipation)
    }
    // Emit in pair order, so the same input gives the same ties.
    var kindNames: [UInt8: String] = [:]
    for (key, (miss, kinds)) in pairs.sorted(by: { $0.key < $1.key }) {
      let confidence = max(0.001, min(1, 1 - miss))
      if confidence < options.minConfidence { continue }
      let kind =
        kindNames[kinds]
        ?? {
          let names = InferenceKind.allCases.enumerated().filter { kinds & (1 << UInt8($0.offset)) != 0 }.map {
            $0.element.rawValue
          }
          let name = "inferred:" + names.joined(separator: "+")
          kindNames[kinds] = name
          return name
        }()
      let e = TieEvidence(
        strength: max(0.001, 0.5 * confidence), kind: kind, source: "inference", inferredConfidence: confidence)
      _ = try? builder.addTie(
        PersonID(truncatingIfNeeded: key >> 32), PersonID(truncatingIfNeeded: key & 0xFFFF_FFFF), evidence: e)
    }
  }
}
