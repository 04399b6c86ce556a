#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Elementary functions from the C library, without importing Foundation.
package enum Elementary {
  @inline(__always) package static func exp(_ x: Double) -> Double { cExp(x) }
  @inline(__always) package static func log(_ x: Double) -> Double { cLog(x) }
  @inline(__always) package static func pow2(_ x: Double) -> Double { cExp2(x) }
  @inline(__always) package static func sin(_ x: Double) -> Double { cSin(x) }
  @inline(__always) package static func cos(_ x: Double) -> Double { cCos(x) }
}

// The C library's functions under names the enum's members do not shadow.
@inline(__always) private func cExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func cLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func cExp2(_ x: Double) -> Double { exp2(x) }
@inline(__always) private func cSin(_ x: Double) -> Double { sin(x) }
@inline(__always) private func cCos(_ x: Double) -> Double { cos(x) }
