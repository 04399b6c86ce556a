#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value computed on first use, at most once, safely from any thread (a
/// pthread mutex; `Synchronization.Mutex` needs macOS 15). Lets a `Sendable`
/// value type defer work that many callers never need, such as the lookup
/// indexes of a million-person `PersonTable` that `stats` never consults.
///
/// The package's only lock; `@unchecked Sendable` because every access to
/// `value` holds `mutex`.
package final class OnceBox<Value>: @unchecked Sendable {
  /// Allocated, not a stored `pthread_mutex_t`: a mutex must not move, and
  /// Swift does not promise a stable address for `&storedProperty`.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var value: Value?
  private let make: @Sendable () -> Value

  package init(_ make: @escaping @Sendable () -> Value) {
    self.make = make
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// The value, computed by the first caller.
  package var get: Value {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if let value { return value }
    let made = make()
    value = made
    return made
  }
}
