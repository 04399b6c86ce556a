import GraphCore

/// A key → people index where nearly every key has one person (a name, a
/// name + company): the single person is stored in the table itself, and
/// only keys shared by several people get a list, so indexing a million
/// contacts allocates no array per key.
///
/// - Complexity: O(1) expected per lookup; `add` is O(people under the key).
struct PeopleByKey {
  /// ≥ 0: the one person; < 0: `-(list index + 1)` into `lists`.
  private var table: [String: Int32] = [:]
  private var lists: [[PersonID]] = []

  mutating func reserveCapacity(_ n: Int) { table.reserveCapacity(table.count + n) }

  /// The people under `key`, in the order they were added (empty when none).
  func people(_ key: String) -> [PersonID] {
    guard let v = table[key] else { return [] }
    return v >= 0 ? [v] : lists[Int(-v - 1)]
  }

  /// Whether `key` has anyone.
  func contains(_ key: String) -> Bool { table[key] != nil }

  /// Adds `p` under `key` unless it is already there.
  mutating func add(_ key: String, _ p: PersonID) {
    guard let v = table[key] else {
      table[key] = p
      return
    }
    if v >= 0 {
      guard v != p else { return }
      lists.append([v, p])
      table[key] = -Int32(lists.count)
    } else if !lists[Int(-v - 1)].contains(p) {
      lists[Int(-v - 1)].append(p)
    }
  }
}
