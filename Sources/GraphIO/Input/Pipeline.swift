#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Two-stage pipelines for importers: a producer (tokenise a file, build and
/// normalise records) on the calling thread, a consumer (merge into the
/// network) on a worker thread, joined by a bounded queue of batches. Items reach the
/// consumer in the order they were produced, so results are the same as
/// running the two stages one after the other; on one processor they are.
///
/// GraphIO's only threads and its only lock. The producer touches nothing of
/// the caller's but what it was given; every side effect on the caller's state
/// (reports, error callbacks, the network) stays in the consumer.
///
/// - Complexity: O(items) plus one lock round per batch of `batch` items;
///   memory is at most `depth + 2` batches.
enum Pipeline {
  /// Runs `produce` and `consume` as a pipeline.
  ///
  /// - Parameters:
  ///   - produce: calls `emit` with each item; stops early when `emit`
  ///     returns false (the consumer stopped).
  ///   - consume: handles one item; returns false to stop the pipeline.
  ///   - warm: called on the consumer's thread with items a little ahead of
  ///     the one being consumed (`lookahead` of them at a time), never with
  ///     an item already consumed. A consumer whose indexes are larger than
  ///     the caches touches there what those items will need, so that the
  ///     memory is fetched for many items at once rather than waited for
  ///     item by item. Not called when the stages run one after the other.
  static func run<Item>(
    batch: Int = 2048, depth: Int = 4, parallel: Bool = defaultParallel, lookahead: Int = 32,
    produce: (_ emit: (consuming Item) -> Bool) -> Void,
    warm: (UnsafeBufferPointer<Item>) -> Void = { _ in },
    consume: (consuming Item) -> Bool
  ) {
    guard parallel else { return withoutActuallyEscaping(consume) { consume in produce { consume($0) } } }
    let channel = Channel<Item>(depth: depth)
    withoutActuallyEscaping(produce) { produce in
      withoutActuallyEscaping(warm) { warm in
        withoutActuallyEscaping(consume) { consume in
          let producer = Producer(produce: produce, channel: channel, batch: batch)
          let consumer = Consumer(channel: channel, lookahead: lookahead, warm: warm, consume: consume)
          // The consumer gets the thread of its own and the producer keeps
          // the caller's: what the producer allocates (every field's text)
          // then comes from the process's main malloc arena, which grows
          // many pages at a time; a second thread's arena grows one page
          // per system call. (Either way the stages share nothing but the
          // channel, and the caller waits here until both are done.)
          // A thread, not a Dispatch queue: a load may itself run on a
          // Dispatch worker (`batch` checks files in parallel) and block
          // here, and must not wait for a pool thread to come free.
          guard let thread = WorkerThread.start({ consumer.run() }) else {
            // No thread to be had: the two stages one after the other.
            return producer.runInline(consume)
          }
          producer.run()
          thread.join()
        }
      }
    }
  }

  /// Whether to use a second thread: only where there is a second processor.
  static var defaultParallel: Bool {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
      return sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    #else
      return false
    #endif
  }
}

/// Runs the producer, gathering its items into batches for the consumer.
private final class Producer<Item> {
  /// Dropped as soon as it returns: `withoutActuallyEscaping` checks, when
  /// the caller's block ends, that nothing holds it any more.
  private var produce: (((consuming Item) -> Bool) -> Void)?
  private let channel: Channel<Item>
  private let batch: Int
  private var buffer: Batch<Item>

  init(produce: @escaping ((consuming Item) -> Bool) -> Void, channel: Channel<Item>, batch: Int) {
    self.produce = produce
    self.channel = channel
    self.batch = max(1, batch)
    buffer = Batch(base: channel.emptyBuffer(capacity: self.batch))
  }

  /// Runs the producer on the calling thread, handing each item straight to
  /// `consume` (when no worker thread could be started).
  func runInline(_ consume: (consuming Item) -> Bool) {
    produce?({ consume($0) })
    produce = nil
    buffer.free()
  }

  func run() {
    produce?(emit)
    produce = nil
    if buffer.count > 0 && channel.put(buffer) {
      // handed over
    } else {
      buffer.free()
    }
    channel.finish()
  }

  private func emit(_ item: consuming Item) -> Bool {
    (buffer.base + buffer.count).initialize(to: item)
    buffer.count += 1
    guard buffer.count >= batch else { return true }
    let full = buffer
    buffer = Batch(base: channel.emptyBuffer(capacity: batch))
    if channel.put(full) { return true }
    full.free()
    return false
  }
}

/// Takes batches from the channel and hands their items to `consume` in
/// order, moved out one by one, showing `warm` the items a little ahead.
private final class Consumer<Item> {
  private let channel: Channel<Item>
  private let lookahead: Int
  private let warm: (UnsafeBufferPointer<Item>) -> Void
  private let consume: (consuming Item) -> Bool

  init(
    channel: Channel<Item>, lookahead: Int, warm: @escaping (UnsafeBufferPointer<Item>) -> Void,
    consume: @escaping (consuming Item) -> Bool
  ) {
    self.channel = channel
    self.lookahead = max(1, lookahead)
    self.warm = warm
    self.consume = consume
  }

  func run() {
    let ahead = lookahead
    consuming: while let items = channel.take() {
      func warmWindow(from start: Int) {
        guard start < items.count else { return }
        warm(UnsafeBufferPointer(start: items.base + start, count: min(ahead, items.count - start)))
      }
      warmWindow(from: 0)
      // Each item is moved out of its batch, not copied: no reference
      // counting on objects the other thread made, no second release.
      for i in 0..<items.count {
        if i % ahead == 0 { warmWindow(from: i + ahead) }
        if consume((items.base + i).move()) { continue }
        (items.base + i + 1).deinitialize(count: items.count - i - 1)
        items.base.deallocate()
        channel.cancel()
        break consuming
      }
      channel.recycle(items.base)
    }
  }
}

/// Items in manually managed memory, so the consumer can move them out one
/// by one (`Array` would copy each and release them all again).
private struct Batch<Item> {
  let base: UnsafeMutablePointer<Item>
  var count = 0

  init(base: UnsafeMutablePointer<Item>) { self.base = base }

  /// Deinitialises the items still held and frees the memory.
  func free() {
    base.deinitialize(count: count)
    base.deallocate()
  }
}

/// A POSIX thread running one closure, joined by its starter.
private struct WorkerThread {
  private let id: pthread_t

  /// Starts `body` on a new thread; nil when the system refuses one.
  static func start(_ body: @escaping () -> Void) -> WorkerThread? {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    #if canImport(Darwin)
      var startedID: pthread_t?
    #else
      var startedID = pthread_t()
    #endif
    let started = pthread_create(
      &startedID, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
        return nil
      }, context)
    #if canImport(Darwin)
      guard started == 0, let id = startedID else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
      }
    #else
      guard started == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
      }
      let id = startedID
    #endif
    return WorkerThread(id: id)
  }

  /// Waits for the thread to end.
  func join() { pthread_join(id, nil) }
}

/// The closure a `WorkerThread` runs (C's thread entry takes one pointer).
private final class ThreadBody {
  let body: () -> Void
  init(_ body: @escaping () -> Void) { self.body = body }
}

/// A bounded FIFO of batches between one producer and one consumer.
/// `@unchecked Sendable`: every access to the queue and flags holds `mutex`.
private final class Channel<Item>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// At most `depth` batches: removing the first moves that few.
  private var queue: [Batch<Item>] = []
  /// Emptied batch buffers, for the producer to fill again: a batch is a few
  /// hundred kilobytes, which `malloc` maps and unmaps afresh each time
  /// (a system call and a page fault per page) unless reused.
  private var spare: [UnsafeMutablePointer<Item>] = []
  private var finished = false
  private var cancelled = false
  private let depth: Int

  init(depth: Int) {
    self.depth = max(1, depth)
    mutex.initialize(to: pthread_mutex_t())
    changed.initialize(to: pthread_cond_t())
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
  }

  deinit {
    for buffer in spare { buffer.deallocate() }
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  /// Queues a batch, waiting while the queue is full. False once cancelled.
  func put(_ items: Batch<Item>) -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while queue.count >= depth && !cancelled { pthread_cond_wait(changed, mutex) }
    if cancelled { return false }
    queue.append(items)
    pthread_cond_broadcast(changed)
    return true
  }

  /// The next batch, waiting for one; nil when the producer has finished and
  /// everything was taken.
  func take() -> Batch<Item>? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while queue.isEmpty && !finished { pthread_cond_wait(changed, mutex) }
    guard !queue.isEmpty else { return nil }
    let items = queue.removeFirst()
    pthread_cond_broadcast(changed)
    return items
  }

  /// A buffer for `capacity` items (every call passes the same): a spare
  /// one when there is one.
  func emptyBuffer(capacity: Int) -> UnsafeMutablePointer<Item> {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return spare.popLast() ?? .allocate(capacity: capacity)
  }

  /// Takes back a buffer whose items were all moved out.
  func recycle(_ buffer: UnsafeMutablePointer<Item>) {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if spare.count < 4 { spare.append(buffer) } else { buffer.deallocate() }
  }

  func finish() {
    pthread_mutex_lock(mutex)
    finished = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  func cancel() {
    pthread_mutex_lock(mutex)
    cancelled = true
    for batch in queue { batch.free() }
    queue.removeAll()
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }
}
