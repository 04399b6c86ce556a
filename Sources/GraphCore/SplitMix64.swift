#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// SplitMix64, a small, fast, seedable pseudo-random number generator
/// (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
/// generators", OOPSLA; constants from Vigna's reference `splitmix64.c`).
///
/// Used wherever Liaison needs reproducible randomness (the synthetic network
/// generator in GraphSynthesis, seeded tests): the same seed gives the same
/// sequence on every platform and in every process, unlike
/// `SystemRandomNumberGenerator` or anything that depends on hashing. It passes
/// BigCrush; it is not cryptographically secure. `package`: shared by Liaison's
/// modules and tests, not part of the public API.
///
/// - Complexity: O(1) time and 8 bytes of state per generator.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The current state; the next output is a function of `state + γ`.
  package var state: UInt64

  /// A generator whose sequence is fully determined by `seed`.
  package init(seed: UInt64) { state = seed }

  /// A generator for one independent stream, e.g. one tie: `seed` mixed with `stream`.
  package init(seed: UInt64, stream: UInt64) {
    state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019))
  }

  /// The next 64 random bits.
  @inlinable
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 finaliser: a bijective avalanche mix of 64 bits, usable
  /// as a stateless hash of an integer.
  @inlinable
  package static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable
  package mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound` (`bound > 0`), by Lemire's nearly
  /// divisionless multiply-shift method with rejection (no modulo bias).
  @inlinable
  package mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  /// A uniform integer in `range` (non-empty).
  @inlinable
  package mutating func nextInt(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
  }

  /// `true` with probability `p` (clamped to [0, 1]).
  @inlinable
  package mutating func chance(_ p: Double) -> Bool { nextDouble() < p }

  /// An exponential variate with the given mean.
  @inlinable
  package mutating func exponential(mean: Double) -> Double {
    // 1 − u is in (0, 1], so the logarithm is finite.
    -mean * _splitMixLog(1 - nextDouble())
  }

  /// A Pareto variate with scale `minimum` and shape `alpha` (tail P(X > x) = (min/x)^α).
  @inlinable
  package mutating func pareto(minimum: Double, alpha: Double) -> Double {
    minimum * _splitMixExp(-_splitMixLog(1 - nextDouble()) / alpha)
  }

  /// A standard normal variate (Box–Muller, one of the pair).
  @inlinable
  package mutating func normal() -> Double {
    let u1 = 1 - nextDouble()
    let u2 = nextDouble()
    return (-2 * _splitMixLog(u1)).squareRoot() * _splitMixCos(2 * Double.pi * u2)
  }

  /// A geometric-like count ≥ 0 with the given mean (rounded exponential).
  @inlinable
  package mutating func count(mean: Double) -> Int {
    Int(exponential(mean: mean).rounded(.down))
  }
}

// Elementary functions from the C library (no Foundation). Results are
// deterministic for a given platform and C library.
#if canImport(Glibc)
  @usableFromInline func _splitMixLog(_ x: Double) -> Double { Glibc.log(x) }
  @usableFromInline func _splitMixExp(_ x: Double) -> Double { Glibc.exp(x) }
  @usableFromInline func _splitMixCos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Musl)
  @usableFromInline func _splitMixLog(_ x: Double) -> Double { Musl.log(x) }
  @usableFromInline func _splitMixExp(_ x: Double) -> Double { Musl.exp(x) }
  @usableFromInline func _splitMixCos(_ x: Double) -> Double { Musl.cos(x) }
#elseif canImport(Darwin)
  @usableFromInline func _splitMixLog(_ x: Double) -> Double { Darwin.log(x) }
  @usableFromInline func _splitMixExp(_ x: Double) -> Double { Darwin.exp(x) }
  @usableFromInline func _splitMixCos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
