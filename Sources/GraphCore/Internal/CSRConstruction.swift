import Dispatch

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
  /// One counting-sort pass scatters the half-edges by person in row order,
  /// and each person's row is then sorted by (target, input row) (`sortRow`),
  /// which puts parallel rows side by side in input order; a single scan
  /// then merges parallel ties (rule in the type's documentation) and numbers
  /// the ties. The tie rows' ends are released once scattered, and each
  /// evidence column (but the given strengths and the negative flags, read to
  /// the end) as soon as its tie column exists.
  ///
  /// - Parameter threads: above 1 (with at least 65,536 tie rows), the rows
  ///   are counted and scattered in two halves and the people's rows sorted in
  ///   two ranges, on two threads; the graph is the same for any value.
  /// - Complexity: O(V + E + Σ d log d) time (d a person's tie rows, short
  ///   rows by insertion); O(V + E) space for the CSR being built (12 bytes
  ///   per half-edge: target, input row, strength), where V is people and E tie rows.
  public consuming func build(threads: Int = 1) throws(GraphBuildError) -> (Graph, BuildReport) {
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

    // 2. Degrees (with parallel rows) and row starts. With two threads the
    // tie rows are cut in two halves: each half is counted and later
    // scattered by its own thread into its own part of every person's row
    // (the first half's entries first), so the result is the one-thread one.
    let parts = threads > 1 && rows >= 1 << 16 ? 2 : 1
    let split = parts == 2 ? rows / 2 : rows
    var start = [UInt32](repeating: 0, count: n + 1)
    var firstCount = [UInt32](repeating: 0, count: parts == 2 ? n : 0)
    tieU.withUnsafeBufferPointer { u in
      tieV.withUnsafeBufferPointer { v in
        start.withUnsafeMutableBufferPointer { s in
          firstCount.withUnsafeMutableBufferPointer { f in
            Self.inParts(parts) { part in
              if part == 0 && parts == 2 {
                for i in 0..<split {
                  f[Int(u[i])] &+= 1
                  f[Int(v[i])] &+= 1
                }
              } else {
                for i in (parts == 2 ? split : 0)..<u.count {
                  s[Int(u[i]) + 1] &+= 1
                  s[Int(v[i]) + 1] &+= 1
                }
              }
            }
            if parts == 2 { for p in 0..<n { s[p + 1] &+= f[p] } }
            for p in 0..<n { s[p + 1] &+= s[p] }
          }
        }
      }
    }
    let halfRows = 2 * rows

    // 3. Scatter the half-edges by person in row order, then sort each
    // person's row by (target, input row): parallel rows of a pair end up
    // side by side in input order. The rows' ends are no longer needed after.
    var targets = [Int32](repeating: 0, count: halfRows)
    var rowOf = [UInt32](repeating: 0, count: halfRows)
    var cursor0 = start
    var cursor1 = parts == 2 ? (0..<n).map { start[$0] &+ firstCount[$0] } : []
    firstCount = []
    tieU.withUnsafeBufferPointer { u in
      tieV.withUnsafeBufferPointer { v in
        targets.withUnsafeMutableBufferPointer { tgt in
          rowOf.withUnsafeMutableBufferPointer { ro in
            cursor0.withUnsafeMutableBufferPointer { c0 in
              cursor1.withUnsafeMutableBufferPointer { c1 in
                Self.inParts(parts) { part in
                  let c = part == 0 ? c0 : c1
                  for i in (part == 0 ? 0 : split)..<(part == 0 ? split : u.count) {
                    let a = Int(u[i])
                    let b = Int(v[i])
                    let pa = Int(c[a])
                    c[a] = c[a] &+ 1
                    tgt[pa] = Int32(b)
                    ro[pa] = UInt32(i)
                    let pb = Int(c[b])
                    c[b] = c[b] &+ 1
                    tgt[pb] = Int32(a)
                    ro[pb] = UInt32(i)
                  }
                }
              }
            }
          }
        }
      }
    }
    cursor0 = []
    cursor1 = []
    tieU = []
    tieV = []
    // The persons split where the half-edges are cut in two.
    var middle = n
    if parts == 2 {
      var lo = 0
      var hi = n
      while lo < hi {
        let mid = (lo + hi) / 2
        if Int(start[mid]) < halfRows / 2 { lo = mid + 1 } else { hi = mid }
      }
      middle = lo
    }
    start.withUnsafeBufferPointer { s in
      targets.withUnsafeMutableBufferPointer { tgt in
        rowOf.withUnsafeMutableBufferPointer { ro in
          Self.inParts(parts) { part in
            var scratch: [UInt64] = []
            for p in (part == 0 ? 0 : middle)..<(part == 0 ? middle : n) {
              Self.sortRow(tgt, ro, from: Int(s[p]), to: Int(s[p + 1]), scratch: &scratch)
            }
          }
        }
      }
    }

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
    tieOrigin = []
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
    // Each row column is released as soon as its tie column exists.
    var mInteractions = mergedInts(interactions)
    interactions = []
    var mOut = mergedInts(interactionsOut)
    interactionsOut = []
    var mIn = mergedInts(interactionsIn)
    interactionsIn = []
    var mLast = mergedDays(lastContact, latest: true)
    lastContact = []
    var mSince = mergedDays(since, latest: false)
    since = []
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
      confidence = []
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
    let labels = joinedLabels(kind, kindNames)
    var mKind = labels.0
    kind = []
    let sources = joinedLabels(source, sourceNames)
    var mSource = sources.0
    source = []
    // Each array is released as soon as its column holds a copy, so at most
    // one is held twice (all of them at once, and then the two half-edge
    // arrays below, were the load's peak: 90 MiB at 100 k people, 75 without).
    func column<T: BitwiseCopyable>(_ values: inout [T]) -> Deferred<Column<T>> {
      defer { values = [] }
      return .ready(Column(values))
    }
    let attributes = TieAttributes(
      count: tieCount, rated: .ready(rated), interactions: column(&mInteractions), interactionsOut: column(&mOut),
      interactionsIn: column(&mIn), lastContact: column(&mLast), since: column(&mSince),
      confidence: column(&mConfidence), kind: column(&mKind), kindNames: labels.1, source: column(&mSource),
      sourceNames: sources.1, referenceDate: reference, negative: column(&mNegative),
      modelStrength: modelMask.contains(where: { $0 != 0 }) ? column(&modelMask) : .ready(Column()))
    let people = PersonTable(
      count: n, keys: keys, names: names, companies: companies, titles: titles, industries: industries,
      locations: locations, profileURLs: profileURLs, emails: emails, tags: tags)
    let targetColumn = Column(targets)
    targets = []
    let strengthColumn = Column(strengths)
    strengths = []
    let graph = Graph(
      storage: CSRStorage(
        offsets: Column(offsets), targets: targetColumn, strengths: strengthColumn, upperStart: Column(upperStart)),
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

extension GraphBuilder {
  /// `body(0)` alone, or `body(0)` and `body(1)` on two threads (joined
  /// before returning); each part writes only its own memory.
  static func inParts(_ parts: Int, _ body: (Int) -> Void) {
    if parts < 2 {
      body(0)
      return
    }
    withoutActuallyEscaping(body) { body in
      let run = UncheckedBox(body)
      DispatchQueue.concurrentPerform(iterations: parts) { run.value($0) }
    }
  }

  /// Sorts `targets[lo..<hi]` (with `rows` alongside) by (target, row); the
  /// entries arrive in ascending row order, so the keys are distinct and the
  /// result is what a stable sort by target gives. Insertion sort for short
  /// rows; a packed 64-bit sort for long ones (hubs).
  /// - Complexity: O(d²) for d ≤ 32, else O(d log d), for d = hi − lo.
  @inline(__always)
  static func sortRow(
    _ targets: UnsafeMutableBufferPointer<Int32>, _ rows: UnsafeMutableBufferPointer<UInt32>, from lo: Int, to hi: Int,
    scratch: inout [UInt64]
  ) {
    let d = hi - lo
    if d < 2 { return }
    if d <= 32 {
      var i = lo + 1
      while i < hi {
        let t = targets[i]
        let r = rows[i]
        var j = i - 1
        // Rows arrive ascending, so an equal target already sits in order.
        while j >= lo && targets[j] > t {
          targets[j + 1] = targets[j]
          rows[j + 1] = rows[j]
          j -= 1
        }
        targets[j + 1] = t
        rows[j + 1] = r
        i += 1
      }
      return
    }
    scratch.removeAll(keepingCapacity: true)
    for k in lo..<hi { scratch.append(UInt64(UInt32(bitPattern: targets[k])) << 32 | UInt64(rows[k])) }
    scratch.sort()
    for (k, packed) in zip(lo..<hi, scratch) {
      targets[k] = Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32))
      rows[k] = UInt32(truncatingIfNeeded: packed)
    }
  }
}
