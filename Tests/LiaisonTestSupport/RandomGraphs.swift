import GraphCore
import GraphIO

/// A tie as generated for tests: endpoints and an optional strength.
public struct TestTie: Sendable, Hashable {
  public var a: Int
  public var b: Int
  public var strength: Float?
}

/// A seeded random multigraph with duplicates, self-ties and isolated people,
/// for property tests. `seed` names the case in failure messages.
public struct RandomMultigraph: Sendable, CustomStringConvertible {
  public var seed: UInt64
  public var people: Int
  public var ties: [TestTie]

  public init(seed: UInt64, maxPeople: Int = 60) {
    var rng = SplitMix64(seed: seed)
    self.seed = seed
    people = 1 + Int(rng.next() % UInt64(maxPeople))
    let density = Double(rng.next() % 1000) / 1000 * 0.3
    var ties: [TestTie] = []
    for a in 0..<people {
      for b in a..<people where Double(rng.next() % 1_000_000) / 1_000_000 < density {
        let strength: Float? = rng.next() % 4 == 0 ? nil : Float(1 + rng.next() % 1000) / 1000
        // Random direction, occasional duplicates and self-ties.
        let flip = rng.next() % 2 == 0
        ties.append(TestTie(a: flip ? a : b, b: flip ? b : a, strength: a == b && rng.next() % 3 != 0 ? nil : strength))
        if rng.next() % 5 == 0 {
          ties.append(TestTie(a: b, b: a, strength: Float(1 + rng.next() % 1000) / 1000))
        }
      }
    }
    // Shuffle (Fisher–Yates) so rows arrive in no particular order.
    if ties.count > 1 {
      for i in stride(from: ties.count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        ties.swapAt(i, j)
      }
    }
    self.ties = ties
  }

  public var description: String { "RandomMultigraph(seed: \(seed), people: \(people), tie rows: \(ties.count))" }

  /// Builds the graph through `GraphBuilder`, every person declared (so isolated people exist).
  public func build() throws -> (Graph, BuildReport) {
    var builder = GraphBuilder()
    for p in 0..<people { _ = builder.person(integerKey: Int64(p)) }
    for t in ties { _ = try builder.addTie(PersonID(t.a), PersonID(t.b), strength: t.strength) }
    return try builder.build()
  }
}

/// The brute-force oracle: adjacency as sets, merged strength as the maximum
/// given strength (default when none), computed without any CSR logic.
public struct AdjacencyOracle {
  public var neighbors: [Set<Int>]
  public var strength: [Int: [Int: Float]]
  public var selfTies = 0
  public var parallel = 0

  public init(_ g: RandomMultigraph) {
    neighbors = Array(repeating: [], count: g.people)
    strength = [:]
    var seen: Set<[Int]> = []
    for t in g.ties {
      if t.a == t.b {
        selfTies += 1
        continue
      }
      let key = [min(t.a, t.b), max(t.a, t.b)]
      if !seen.insert(key).inserted { parallel += 1 }
      neighbors[t.a].insert(t.b)
      neighbors[t.b].insert(t.a)
      if let s = t.strength {
        let old = strength[key[0]]?[key[1]] ?? -1
        strength[key[0], default: [:]][key[1]] = max(old, s)
      }
    }
  }

  public func strength(_ a: Int, _ b: Int) -> Float {
    strength[min(a, b)]?[max(a, b)] ?? TieClassifier.defaultStrength
  }

  /// Connected components by repeated depth-first search over the sets.
  public var componentCount: Int {
    var seen = Set<Int>()
    var count = 0
    for s in 0..<neighbors.count where !seen.contains(s) {
      count += 1
      var stack = [s]
      seen.insert(s)
      while let u = stack.popLast() {
        for v in neighbors[u] where seen.insert(v).inserted { stack.append(v) }
      }
    }
    return count
  }
}
