/// Generation-stamped visit marks: O(1) reset between queries instead of
/// clearing an O(V) array.
///
/// `mark(p)` stamps p with the current generation; `isMarked(p)` compares
/// stamps; `reset()` starts a new generation (the array is cleared only when
/// the 32-bit generation counter wraps, once every 4 billion resets).
///
///     var marks = VisitMarks(count: graph.personCount)
///     for source in sources {
///       marks.reset()
///       if !marks.isMarked(p) { marks.mark(p) }
///     }
///
/// - Complexity: O(1) per operation (amortised for `reset`); V × 4 bytes.
package struct VisitMarks: Sendable {
  @usableFromInline var stamps: [UInt32]
  @usableFromInline var generation: UInt32 = 1

  package init(count: Int) { stamps = [UInt32](repeating: 0, count: count) }

  /// Starts a new generation: every person becomes unmarked.
  @inlinable package mutating func reset() {
    if generation == UInt32.max {
      for i in stamps.indices { stamps[i] = 0 }
      generation = 1
    } else {
      generation &+= 1
    }
  }

  @inlinable @inline(__always) package func isMarked(_ p: PersonID) -> Bool { stamps[Int(p)] == generation }

  @inlinable @inline(__always) package mutating func mark(_ p: PersonID) { stamps[Int(p)] = generation }

  /// Marks `p` and returns whether it was unmarked before.
  @inlinable package mutating func insert(_ p: PersonID) -> Bool {
    if stamps[Int(p)] == generation { return false }
    stamps[Int(p)] = generation
    return true
  }
}

/// A set of people as one bit each: V / 8 bytes, so a test per tie in a
/// hot loop stays in the nearest cache where a `[Bool]` or a closure would not.
///
/// - Complexity: O(1) per operation; O(V / 64) to make.
package struct PersonBits: Sendable {
  /// Person p is bit p % 64 of word p / 64.
  package private(set) var words: [UInt64]

  /// Nobody, among `count` people.
  package init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

  @inlinable @inline(__always) package func contains(_ p: PersonID) -> Bool {
    words[Int(p) >> 6] & (1 << UInt64(Int(p) & 63)) != 0
  }

  @inlinable @inline(__always) package mutating func insert(_ p: PersonID) {
    words[Int(p) >> 6] |= 1 << UInt64(Int(p) & 63)
  }
}
