#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain mutex (pthread) for the modules of this package, without Foundation.
package final class PthreadLock: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
    let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(m, nil)
    return m
  }()
  package init() {}
  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }
  package func locked<T>(_ body: () throws -> T) rethrows -> T {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}

/// Hands non-Sendable values to worker threads that the caller joins before
/// returning; the closures only touch per-worker scratch and disjoint output.
package struct UncheckedBox<T>: @unchecked Sendable {
  package let value: T
  package init(_ value: T) { self.value = value }
}
