/// People grouped by the key of one attribute (company or industry), interned
/// once per graph (`PersonTable.companyGroups`, `industryGroups`): every
/// person holds a small group number, so "same company" is one integer
/// compare everywhere (Guides/GraphCore.md, "Identity keys").
///
/// Two values are one group exactly when their keys are equal
/// (`Identity.companyKey`, `Identity.industryKey`): "Apple Inc.", "APPLE" and
/// "Apple" are one company. A value whose key is empty (only punctuation or
/// emoji) counts as no value. Groups are numbered in order of their first
/// member's person id. Each group keeps a label for display: the spelling most
/// of its members use, ties going to the spelling that sorts first, so a label
/// is always one the data wrote.
public struct AttributeGroups: Sendable {
  /// Per person: the group number, or −1 for none. Empty when nobody has a value.
  package let ids: Column<Int32>
  /// Per group: the key all its members' values share.
  public let keys: StringColumn
  /// Per group: the most frequent spelling (ties: the one that sorts first).
  public let labels: StringColumn
  /// Per group: the number of people in it.
  public let sizes: [Int]
  /// Key → group number.
  package let index: KeyIndex
  /// Per group: its label's place among the labels in `<` order (equal labels share one), made on first use.
  private let labelOrder: OnceBox<[Int32]>

  /// Groups as `ids`, `keys`, `labels`, `sizes` and `index` of another
  /// `AttributeGroups` give them (the workspace snapshot keeps them); nil
  /// when they do not fit together. O(groups).
  package init?(ids: Column<Int32>, keys: StringColumn, labels: StringColumn, sizes: [Int], index: KeyIndex) {
    guard labels.count == keys.count, sizes.count == keys.count else { return nil }
    self.ids = ids
    self.keys = keys
    self.labels = labels
    self.sizes = sizes
    self.index = index
    labelOrder = OnceBox { Self.ranks(of: labels) }
  }

  /// Groups `values` (entry `p` for person `p`; missing entries are empty) by `key`.
  /// - Complexity: O(n) expected hash lookups on the values as written (each
  ///   distinct spelling is keyed once), plus O(s log s) for s distinct spellings.
  package init(values: StringColumn, count n: Int, key: (String) -> String) {
    guard !values.isEmpty else {
      ids = Column()
      keys = StringColumn()
      labels = StringColumn()
      sizes = []
      index = KeyIndex([:])
      labelOrder = OnceBox { [] }
      return
    }
    // One hash of each value as written; each distinct spelling is keyed once.
    var bySpelling: [String: (group: Int32, count: Int)] = [:]
    var index: [String: Int32] = [:]
    var keys: [String] = []
    var sizes: [Int] = []
    var ids = [Int32](repeating: -1, count: n)
    for p in 0..<min(n, values.count) where !values.isEmpty(at: p) {
      let value = values[p]
      if let i = bySpelling.index(forKey: value) {
        bySpelling.values[i].count += 1
        let group = bySpelling.values[i].group
        ids[p] = group
        if group >= 0 { sizes[Int(group)] += 1 }
        continue
      }
      let k = key(value)
      var group: Int32 = -1
      if !k.isEmpty {
        if let g = index[k] {
          group = g
        } else {
          group = Int32(keys.count)
          index[k] = group
          keys.append(k)
          sizes.append(0)
        }
        sizes[Int(group)] += 1
      }
      bySpelling[value] = (group, 1)
      ids[p] = group
    }
    var labels = [String](repeating: "", count: keys.count)
    var best = [Int](repeating: 0, count: keys.count)
    for (spelling, entry) in bySpelling where entry.group >= 0 {
      let g = Int(entry.group)
      if entry.count > best[g] || (entry.count == best[g] && spelling < labels[g]) {
        best[g] = entry.count
        labels[g] = spelling
      }
    }
    self.ids = keys.isEmpty ? Column() : Column(ids)
    self.keys = StringColumn(keys)
    let labelColumn = StringColumn(labels)
    self.labels = labelColumn
    self.sizes = sizes
    self.index = KeyIndex(index.mapValues { [$0] })
    labelOrder = OnceBox { Self.ranks(of: labelColumn) }
  }

  /// Per group, the place of its label among the labels in `<` order, so
  /// that lists of groups sort by label without comparing text: equal
  /// labels share a place. Made once per table. O(g log g) for g groups.
  package var labelRanks: [Int32] { labelOrder.get }

  private static func ranks(of labels: StringColumn) -> [Int32] {
    let text = Array(labels)
    let order = text.indices.sorted { text[$0] < text[$1] }
    var ranks = [Int32](repeating: 0, count: text.count)
    var rank: Int32 = 0
    for (i, g) in order.enumerated() {
      if i > 0 && text[g] != text[order[i - 1]] { rank += 1 }
      ranks[g] = rank
    }
    return ranks
  }

  /// Number of groups.
  public var count: Int { keys.count }

  /// The group of `p`, or nil when `p` has no value. O(1).
  @inline(__always)
  public func group(of p: PersonID) -> Int32? {
    let i = Int(p)
    guard i < ids.count else { return nil }
    let g = ids[i]
    return g >= 0 ? g : nil
  }

  /// The group whose key is `key` (already normalised), or nil. O(1) expected.
  public func group(key: String) -> Int32? { index.first(key) }

  /// The label of group `g`.
  public func label(_ g: Int32) -> String { labels[Int(g)] }

  /// Everyone in group `g`, ascending. O(n).
  public func members(_ g: Int32) -> [PersonID] {
    var out: [PersonID] = []
    out.reserveCapacity(sizes[Int(g)])
    ids.withUnsafeBufferPointer { ids in
      for (p, x) in ids.enumerated() where x == g { out.append(PersonID(p)) }
    }
    return out
  }
}
