/// What `GraphBuilder.build()` did.
public struct BuildReport: Sendable, Equatable {
  public var people: Int
  public var ties: Int
  public var selfTiesDropped: Int
  /// Tie rows folded into an earlier row for the same pair.
  public var parallelTiesMerged: Int
  /// `parallelTiesMerged` split by the origin that added the folded row.
  package var mergedByOrigin: [UInt16: Int]

  package init(people: Int, ties: Int, selfTiesDropped: Int, parallelTiesMerged: Int, mergedByOrigin: [UInt16: Int]) {
    self.people = people
    self.ties = ties
    self.selfTiesDropped = selfTiesDropped
    self.parallelTiesMerged = parallelTiesMerged
    self.mergedByOrigin = mergedByOrigin
  }
}

extension GraphBuilder {
  /// Freezes the builder into an immutable CSR `Graph`.
  ///
  /// Two stable counting-sort passes (by target, then by source) put every
  /// row in ascending target order without a comparison sort; a single scan
  /// then merges parallel ties (rule in the type's documentation) and numbers
  /// the ties.
  ///
  /// - Complexity: O(V + E) time, O(V + E) transient extra space
  ///   (about 16 bytes per tie row), where V is people and E tie rows.
  public consuming func build() throws(GraphBuildError) -> (Graph, BuildReport) {
    let n = personCount
    let rows = tieU.count
    guard rows <= Int(UInt32.max / 2) - 1 else { throw .tooLarge("\(rows) tie rows (the limit is 2^31)") }
    guard n < Int(Int32.max) else { throw .tooLarge("\(n) people") }

    // 1. People: number integer ids in ascending order.
    let keys: PersonKeys
    if integerMode {
      var order = Array(0..<n)
      order.sort { integerKeys[$0] < integerKeys[$1] }
      var isIdentity = true
      for (i, o) in order.enumerated() where i != o {
        isIdentity = false
        break
      }
      if !isIdentity {
        var newID = [Int32](repeating: 0, count: n)
        for (newIndex, old) in order.enumerated() { newID[old] = Int32(newIndex) }
        newID.withUnsafeBufferPointer { map in
          tieU.withUnsafeMutableBufferPointer { u in
            for i in 0..<u.count { u[i] = map[Int(u[i])] }
          }
          tieV.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count { v[i] = map[Int(v[i])] }
          }
        }
        func permute<T>(_ column: inout [T], _ empty: T) {
          guard !column.isEmpty else { return }
          if column.count < n { column.append(contentsOf: repeatElement(empty, count: n - column.count)) }
          column = order.map { column[$0] }
        }
        permute(&names, "")
        permute(&companies, "")
        permute(&titles, "")
        permute(&industries, "")
        permute(&locations, "")
        permute(&profileURLs, "")
        permute(&emails, [])
        permute(&tags, [])
        integerKeys = order.map { integerKeys[$0] }
      }
      keys = .integers(Column(integerKeys))
    } else {
      keys = .strings(stringIndex)
    }
    dense = []
    integerIndex = [:]

    // 2. Degrees (with parallel rows) and row starts.
    var start = [UInt32](repeating: 0, count: n + 1)
    tieU.withUnsafeBufferPointer { u in
      tieV.withUnsafeBufferPointer { v in
        start.withUnsafeMutableBufferPointer { s in
          for i in 0..<u.count {
            s[Int(u[i]) + 1] &+= 1
            s[Int(v[i]) + 1] &+= 1
          }
          for p in 0..<n { s[p + 1] &+= s[p] }
        }
      }
    }
    let halfRows = 2 * rows

    // 3. Pass A: bucket half-edges by target; keep (source, row).
    var srcA = [Int32](repeating: 0, count: halfRows)
    var rowA = [UInt32](repeating: 0, count: halfRows)
    var cursor = start
    tieU.withUnsafeBufferPointer { u in
      tieV.withUnsafeBufferPointer { v in
        srcA.withUnsafeMutableBufferPointer { src in
          rowA.withUnsafeMutableBufferPointer { row in
            cursor.withUnsafeMutableBufferPointer { c in
              for i in 0..<u.count {
                let a = Int(u[i])
                let b = Int(v[i])
                let pb = Int(c[b])
                c[b] = c[b] &+ 1
                src[pb] = Int32(a)
                row[pb] = UInt32(i)
                let pa = Int(c[a])
                c[a] = c[a] &+ 1
                src[pa] = Int32(b)
                row[pa] = UInt32(i)
              }
            }
          }
        }
      }
    }
    // Pass B: scatter by source, visiting targets in ascending order (stable).
    var targets = [Int32](repeating: 0, count: halfRows)
    var rowOf = [UInt32](repeating: 0, count: halfRows)
    cursor = start
    srcA.withUnsafeBufferPointer { src in
      rowA.withUnsafeBufferPointer { row in
        start.withUnsafeBufferPointer { s in
          targets.withUnsafeMutableBufferPointer { tgt in
            rowOf.withUnsafeMutableBufferPointer { ro in
              cursor.withUnsafeMutableBufferPointer { c in
                for t in 0..<n {
                  for k in Int(s[t])..<Int(s[t + 1]) {
                    let a = Int(src[k])
                    let p = Int(c[a])
                    c[a] = c[a] &+ 1
                    tgt[p] = Int32(t)
                    ro[p] = row[k]
                  }
                }
              }
            }
          }
        }
      }
    }
    srcA = []
    rowA = []
    cursor = []

    // 4. Merge parallel ties in place, assign tie ids, collect per-tie evidence.
    var offsets = [UInt32](repeating: 0, count: n + 1)
    var strengths = [Float](repeating: 0, count: halfRows)
    var upperStart = [UInt32](repeating: 0, count: n)
    var tieRowOf: [UInt32] = []  // first row of each merged tie (tie-id order)
    var groupStarts: [UInt32] = []  // for ties with parallel rows: their rows
    var groupRows: [UInt32] = []
    var groupOfTie: [Int32] = []  // −1: single row
    var merged = 0
    var mergedByOrigin: [UInt16: Int] = [:]
    var anyGiven = false
    var anyMissing = false
    tieRowOf.reserveCapacity(rows)
    let defaultStrength = TieClassifier.defaultStrength
    var write = 0
    tieStrength.withUnsafeBufferPointer { given in
      targets.withUnsafeMutableBufferPointer { tgt in
        rowOf.withUnsafeMutableBufferPointer { ro in
          strengths.withUnsafeMutableBufferPointer { str in
            for u in 0..<n {
              offsets[u] = UInt32(write)
              upperStart[u] = UInt32(tieRowOf.count)
              var k = Int(start[u])
              let end = Int(start[u + 1])
              while k < end {
                let t = tgt[k]
                var j = k + 1
                while j < end && tgt[j] == t { j += 1 }
                // Group k..<j: the same pair.
                var s: Float = -1
                for r in k..<j {
                  let g = given[Int(ro[r])]
                  if g == g && g > s { s = g }
                }
                let firstRow = ro[k]
                if Int(t) > u {
                  if s < 0 { anyMissing = true } else { anyGiven = true }
                  tieRowOf.append(firstRow)
                  if j - k > 1 {
                    merged += j - k - 1
                    groupOfTie.append(contentsOf: repeatElement(-1, count: tieRowOf.count - 1 - groupOfTie.count))
                    groupOfTie.append(Int32(groupStarts.count))
                    groupStarts.append(UInt32(groupRows.count))
                    for r in k..<j {
                      groupRows.append(ro[r])
                      if r > k { mergedByOrigin[tieOrigin[Int(ro[r])], default: 0] += 1 }
                    }
                  }
                }
                tgt[write] = t
                str[write] = s < 0 ? defaultStrength : s
                ro[write] = firstRow
                write += 1
                k = j
              }
            }
            offsets[n] = UInt32(write)
          }
        }
      }
    }
    groupStarts.append(UInt32(groupRows.count))
    targets.removeLast(halfRows - write)
    strengths.removeLast(halfRows - write)
    rowOf = []
    let tieCount = tieRowOf.count
    if !groupOfTie.isEmpty, groupOfTie.count < tieCount {
      groupOfTie.append(contentsOf: repeatElement(-1, count: tieCount - groupOfTie.count))
    }

    // 5. Evidence columns in tie-id order, merging parallel rows.
    /// Calls `body` for each input row of tie `t` (one row unless parallel rows were merged).
    @inline(__always) func forEachRow(_ t: Int, _ body: (Int) -> Void) {
      if !groupOfTie.isEmpty, groupOfTie[t] >= 0 {
        let g = Int(groupOfTie[t])
        for k in Int(groupStarts[g])..<Int(groupStarts[g + 1]) { body(Int(groupRows[k])) }
      } else {
        body(Int(tieRowOf[t]))
      }
    }
    func mergedInts(_ column: [Int32]) -> [Int32] {
      guard !column.isEmpty else { return [] }
      var out = [Int32](repeating: -1, count: tieCount)
      for t in 0..<tieCount {
        var total: Int32 = -1
        forEachRow(t) { r in if column[r] >= 0 { total = max(total, 0) &+ column[r] } }
        out[t] = total
      }
      return out
    }
    func mergedDays(_ column: [Int32], latest: Bool) -> [Int32] {
      guard !column.isEmpty else { return [] }
      var out = [Int32](repeating: TieAttributes.absentDay, count: tieCount)
      for t in 0..<tieCount {
        var best = TieAttributes.absentDay
        forEachRow(t) { r in
          let d = column[r]
          if d != TieAttributes.absentDay && (best == TieAttributes.absentDay || (latest ? d > best : d < best)) {
            best = d
          }
        }
        out[t] = best
      }
      return out
    }
    /// Every distinct label of a merged tie's rows, in row order, joined by
    /// " + " ("closure + mail"): no part's evidence goes unnamed. Joined
    /// labels are appended to `names`; O(rows) plus one lookup per merged tie.
    func joinedLabels(_ column: [UInt16], _ names: [String]) -> ([UInt16], [String]) {
      guard !column.isEmpty else { return ([], names) }
      var names = names
      var index: [String: UInt16] = [:]
      for (i, name) in names.enumerated() where index[name] == nil { index[name] = UInt16(i + 1) }
      var out = [UInt16](repeating: 0, count: tieCount)
      var parts: [UInt16] = []
      for t in 0..<tieCount {
        parts.removeAll(keepingCapacity: true)
        forEachRow(t) { r in
          let l = column[r]
          if l != 0 && !parts.contains(l) { parts.append(l) }
        }
        guard parts.count > 1 else {
          out[t] = parts.first ?? 0
          continue
        }
        // Parts may themselves be joined ("mary + log #3" and "log #3"): each name once.
        var atoms: [Substring] = []
        for part in parts {
          for atom in names[Int(part) - 1].split(separator: " + ") where !atoms.contains(atom) { atoms.append(atom) }
        }
        let joined = atoms.joined(separator: " + ")
        if let k = index[joined] {
          out[t] = k
        } else if names.count < Int(UInt16.max) - 1 {
          names.append(joined)
          index[joined] = UInt16(names.count)
          out[t] = UInt16(names.count)
        } else {
          out[t] = parts[0]  // saturated: the first part's label
        }
      }
      return (out, names)
    }
    let mInteractions = mergedInts(interactions)
    let mOut = mergedInts(interactionsOut)
    let mIn = mergedInts(interactionsIn)
    let mLast = mergedDays(lastContact, latest: true)
    let mSince = mergedDays(since, latest: false)
    var mConfidence: [Float] = []
    if !confidence.isEmpty {
      mConfidence = (0..<tieCount).map { t in
        var best: Float = 0
        forEachRow(t) { r in
          let c = confidence[r]
          best = c.isNaN || best.isNaN ? .nan : max(best, c)  // an observed part makes the tie observed
        }
        return best
      }
    }
    let reference = referenceDate ?? (maxDay == .min ? nil : Day(daysSinceEpoch: maxDay))

    // 6. Strength from the model for ties with evidence but no given strength.
    var rated: TieAttributes.RatedColumn = anyMissing ? (anyGiven ? .mask([]) : .none) : .all
    let hasEvidence = !mInteractions.isEmpty || !mLast.isEmpty || !mSince.isEmpty
    var modelMask: [UInt64] = []
    if anyMissing {
      if hasEvidence { modelMask = [UInt64](repeating: 0, count: (tieCount + 63) / 64) }
      var mask = [UInt64](repeating: 0, count: (tieCount + 63) / 64)
      var t = 0
      for u in 0..<n {
        let hi = Int(offsets[u + 1])
        var p = Int(offsets[u])
        while p < hi && Int(targets[p]) <= u { p += 1 }
        while p < hi {
          var isRated = false
          var s: Float = -1
          forEachRow(t) { r in
            let g = tieStrength[r]
            if g == g && g > s { s = g }
          }
          if s > 0 {
            isRated = true
          } else if hasEvidence {
            // (No date anywhere: only counts are known, and they do not decay.)
            let asOf = reference ?? Day(daysSinceEpoch: 0)
            func d(_ c: [Int32]) -> Day? {
              c.isEmpty || c[t] == TieAttributes.absentDay ? nil : Day(daysSinceEpoch: c[t])
            }
            if let derived = strengthModel.strength(
              interactions: mInteractions.isEmpty || mInteractions[t] < 0 ? nil : Int(mInteractions[t]),
              lastContact: d(mLast), since: d(mSince), sharedContext: nil, asOf: asOf)
            {
              let f = Float(derived)
              strengths[p] = f
              // Mirror into the other row.
              let v = Int(targets[p])
              var lo = Int(offsets[v])
              var hiV = Int(offsets[v + 1])
              while lo < hiV {
                let mid = (lo + hiV) >> 1
                if targets[mid] < Int32(u) { lo = mid + 1 } else { hiV = mid }
              }
              strengths[lo] = f
              isRated = true
              modelMask[t >> 6] |= 1 << UInt64(t & 63)
            }
          }
          if isRated { mask[t >> 6] |= 1 << UInt64(t & 63) }
          t += 1
          p += 1
        }
      }
      let ratedCount = mask.reduce(0) { $0 + $1.nonzeroBitCount }
      rated = ratedCount == tieCount ? .all : (ratedCount == 0 ? .none : .mask(Column(mask)))
    }

    // A merged tie is negative when any of its rows is (GraphBuilder, "Parallel ties").
    var mNegative: [UInt64] = []
    if !negative.isEmpty {
      mNegative = [UInt64](repeating: 0, count: (tieCount + 63) / 64)
      for t in 0..<tieCount {
        var any = false
        forEachRow(t) { r in any = any || negative[r] }
        if any { mNegative[t >> 6] |= 1 << UInt64(t & 63) }
      }
      if !mNegative.contains(where: { $0 != 0 }) { mNegative = [] }
    }
    let (mKind, mKindNames) = joinedLabels(kind, kindNames)
    let (mSource, mSourceNames) = joinedLabels(source, sourceNames)
    var attributes = TieAttributes(
      count: tieCount, rated: rated, interactions: mInteractions, interactionsOut: mOut, interactionsIn: mIn,
      lastContact: mLast, since: mSince, confidence: mConfidence, kind: mKind, kindNames: mKindNames,
      source: mSource, sourceNames: mSourceNames, referenceDate: reference)
    attributes.negative = Column(mNegative)
    attributes.modelStrength = modelMask.contains(where: { $0 != 0 }) ? Column(modelMask) : Column()
    let people = PersonTable(
      count: n, keys: keys, names: names, companies: companies, titles: titles, industries: industries,
      locations: locations, profileURLs: profileURLs, emails: emails, tags: tags)
    let graph = Graph(
      storage: CSRStorage(offsets: offsets, targets: targets, strengths: strengths, upperStart: upperStart),
      people: people, ties: attributes)
    let report = BuildReport(
      people: n, ties: tieCount, selfTiesDropped: selfTiesDropped, parallelTiesMerged: merged,
      mergedByOrigin: mergedByOrigin)
    #if LIAISON_INTERNAL_CHECKS
      // Debug builds and tests re-validate every graph they build (Package.swift).
      do { try graph.checkInvariants() } catch { preconditionFailure("GraphBuilder produced a broken graph: \(error)") }
    #endif
    return (graph, report)
  }
}
