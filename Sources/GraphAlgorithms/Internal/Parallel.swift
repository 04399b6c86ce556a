import Dispatch
import GraphCore

/// Work split across threads, each with its own scratch state.
///
/// `parallelFor` runs `body` on `threads` workers; each worker claims blocks
/// of `chunk` consecutive indices from a shared counter (dynamic scheduling,
/// so uneven work — hubs — balances out) and owns one scratch value created
/// by `makeScratch` for its whole life: no allocation per item, no sharing.
/// Results are written by index into caller-owned buffers, so the output is
/// the same for any number of threads.
package enum Parallel {
  /// A sensible default: the number of active processors.
  package static var defaultThreads: Int { max(1, System.activeProcessorCount) }

  package static func parallelFor<Scratch>(
    count: Int, threads: Int, chunk: Int = 64,
    makeScratch: () -> Scratch,
    body: (Range<Int>, inout Scratch) -> Void
  ) {
    let workers = max(1, min(threads, (count + chunk - 1) / max(chunk, 1)))
    if workers <= 1 {
      var scratch = makeScratch()
      var start = 0
      while start < count {
        body(start..<min(count, start + chunk), &scratch)
        start += chunk
      }
      return
    }
    let next = AtomicCounter()
    // concurrentPerform joins every worker before returning, so the closures
    // never outlive this call.
    withoutActuallyEscaping(makeScratch) { makeScratch in
      withoutActuallyEscaping(body) { body in
        let make = UncheckedBox(makeScratch)
        let run = UncheckedBox(body)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
          var scratch = make.value()
          while true {
            let start = next.add(chunk)
            if start >= count { break }
            run.value(start..<min(count, start + chunk), &scratch)
          }
        }
      }
    }
  }
}

extension Parallel {
  /// `transform(i, &scratch)` for every `i` in `0..<count`, on `threads`
  /// workers, in index order: the safe way to collect one result per item
  /// (each result is written to its own slot; the array is the same for any
  /// number of threads). `chunk` items are claimed at a time.
  /// - Complexity: the sum of the transforms, plus O(count).
  package static func map<Scratch, T>(
    count: Int, threads: Int, chunk: Int = 1, makeScratch: () -> Scratch, transform: (Int, inout Scratch) -> T
  ) -> [T] {
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
      slots.deinitialize()
      slots.deallocate()
    }
    let out = UncheckedBox(slots)
    parallelFor(count: count, threads: threads, chunk: chunk, makeScratch: makeScratch) { range, scratch in
      for i in range { out.value[i] = transform(i, &scratch) }
    }
    return slots.map { $0! }
  }

  /// `transform(i)` for every `i` in `0..<count`, in index order (see `map(count:threads:chunk:makeScratch:transform:)`).
  package static func map<T>(count: Int, threads: Int, chunk: Int = 1, transform: (Int) -> T) -> [T] {
    map(count: count, threads: threads, chunk: chunk, makeScratch: { () }, transform: { i, _ in transform(i) })
  }
}

/// A lock-protected counter (no dependency on swift-atomics for one integer).
final class AtomicCounter: @unchecked Sendable {
  private var value = 0
  private let lock = PthreadLock()
  func add(_ n: Int) -> Int {
    lock.locked {
      let old = value
      value += n
      return old
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif

enum System {
  static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
