#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Elementary functions from the C library, without importing Foundation.
package enum Elementary {
  @inline(__always) package static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  @inline(__always) package static func log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) package static func pow2(_ x: Double) -> Double { Glibc.exp2(x) }
}
