/// The memory behind one or more columns: an allocation of their own, or a
/// file mapped into memory (the workspace snapshot), released when the last
/// column that uses it goes.
///
/// With `Column`, the one place in GraphCore that holds raw memory beyond a
/// closure; `@unchecked Sendable` because the bytes are never written after
/// the columns are made.
@usableFromInline package final class ColumnMemory: @unchecked Sendable {
  package let base: UnsafeRawPointer?
  package let byteCount: Int
  private let release: (@Sendable (UnsafeRawPointer, Int) -> Void)?

  /// Memory at `base` that `release` gives back when no column uses it any more.
  package init(base: UnsafeRawPointer?, byteCount: Int, release: (@Sendable (UnsafeRawPointer, Int) -> Void)?) {
    self.base = base
    self.byteCount = byteCount
    self.release = release
  }

  deinit { if let base, let release { release(base, byteCount) } }
}

/// A read-only array of plain values — a graph's CSR rows, a tie column —
/// whose memory is its own or part of a mapped file, so a network read from
/// the workspace snapshot is used in place, never copied or parsed
/// (Guides/GraphCore.md, "Storage").
///
/// Indexing is bounds-checked, like `Array`'s; `withUnsafeBufferPointer`
/// hands tuned loops the raw buffer.
public struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
  @usableFromInline let memory: ColumnMemory?
  @usableFromInline let base: UnsafePointer<Element>?
  /// Number of values. O(1).
  public let count: Int

  /// An empty column.
  public init() { self.init(memory: nil, base: nil, count: 0) }

  private init(memory: ColumnMemory?, base: UnsafePointer<Element>?, count: Int) {
    self.memory = memory
    self.base = base
    self.count = count
  }

  /// A column holding a copy of `values`. O(n).
  public init(_ values: [Element]) {
    self.init(count: values.count) { out in
      values.withUnsafeBufferPointer { v in
        if let b = v.baseAddress { out.baseAddress!.initialize(from: b, count: v.count) }
      }
    }
  }

  /// A column of `count` values that `initialize` writes, once each. O(n).
  package init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
    guard count > 0 else {
      self.init()
      return
    }
    let values = UnsafeMutablePointer<Element>.allocate(capacity: count)
    try initialize(UnsafeMutableBufferPointer(start: values, count: count))
    let memory = ColumnMemory(base: UnsafeRawPointer(values), byteCount: count * MemoryLayout<Element>.stride) {
      pointer, _ in UnsafeMutableRawPointer(mutating: pointer).deallocate()
    }
    self.init(memory: memory, base: UnsafePointer(values), count: count)
  }

  /// `count` values at byte `offset` of `memory`, in place (no copy); nil
  /// when they do not fit or are not aligned for `Element`. O(1).
  package init?(in memory: ColumnMemory, offset: Int, count: Int) {
    let bytes = count * MemoryLayout<Element>.stride
    guard count >= 0, offset >= 0, offset <= memory.byteCount, bytes <= memory.byteCount - offset else { return nil }
    guard count > 0, let start = memory.base else {
      self.init()
      return
    }
    let address = start + offset
    guard Int(bitPattern: address) % MemoryLayout<Element>.alignment == 0 else { return nil }
    self.init(memory: memory, base: address.assumingMemoryBound(to: Element.self), count: count)
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }

  @inlinable public subscript(i: Int) -> Element {
    precondition(i >= 0 && i < count, "Column index out of range")
    return base.unsafelyUnwrapped[i]
  }

  /// Calls `body` with the values' buffer, valid only inside `body`.
  @inlinable
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    try withExtendedLifetime(memory) { try body(UnsafeBufferPointer(start: base, count: count)) }
  }

  @inlinable
  public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
    try withUnsafeBufferPointer(body)
  }
}

extension Column: Equatable where Element: Equatable {
  public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

extension Column: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}

/// Strings kept as one UTF-8 buffer and the offsets where each ends (or as a
/// Swift array): a person attribute column read from the workspace snapshot
/// is used in place, and a string is made only when asked for. O(1) per string
/// (plus its length).
public struct StringColumn: RandomAccessCollection, Sendable {
  @usableFromInline enum Storage: Sendable {
    case strings([String])
    /// `ends[i]` is where string i ends in `bytes`; it starts where i − 1 ends (or at 0).
    case packed(ends: Column<UInt32>, bytes: Column<UInt8>)
  }
  @usableFromInline let storage: Storage

  public init() { storage = .strings([]) }
  public init(_ strings: [String]) { storage = .strings(strings) }
  /// Strings `ends` and `bytes` hold (checked: ascending ends within `bytes`). O(n).
  package init?(ends: Column<UInt32>, bytes: Column<UInt8>) {
    var previous: UInt32 = 0
    for e in ends {
      guard e >= previous else { return nil }
      previous = e
    }
    guard Int(previous) <= bytes.count else { return nil }
    storage = .packed(ends: ends, bytes: bytes)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .strings(let s): s.count
    case .packed(let ends, _): ends.count
    }
  }

  public subscript(i: Int) -> String {
    switch storage {
    case .strings(let s): return s[i]
    case .packed(let ends, let bytes):
      let lo = i == 0 ? 0 : Int(ends[i - 1])
      let hi = Int(ends[i])
      return bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self)
      }
    }
  }

  /// Whether string `i` is empty, without making it. O(1).
  public func isEmpty(at i: Int) -> Bool {
    switch storage {
    case .strings(let s): s[i].isEmpty
    case .packed(let ends, _): ends[i] == (i == 0 ? 0 : ends[i - 1])
    }
  }

  /// Calls `body` with the UTF-8 bytes of string `i`. O(length).
  public func withUTF8<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    switch storage {
    case .strings(let s):
      var copy = s[i]
      return try copy.withUTF8(body)
    case .packed(let ends, let bytes):
      let lo = i == 0 ? 0 : Int(ends[i - 1])
      let hi = Int(ends[i])
      return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }
  }
}

/// A list of strings per entry (a person's emails or tags), flattened: the
/// values of entry i are `values[starts[i] ..< starts[i + 1]]`. Empty when no
/// entry has any.
public struct NestedStringColumn: Sendable {
  package let starts: Column<UInt32>
  package let values: StringColumn

  public init() { self.init(checked: Column(), StringColumn()) }

  private init(checked starts: Column<UInt32>, _ values: StringColumn) {
    self.starts = starts
    self.values = values
  }

  /// One list per entry.
  public init(_ lists: [[String]]) {
    if lists.isEmpty {
      self.init()
      return
    }
    var starts: [UInt32] = [0]
    starts.reserveCapacity(lists.count + 1)
    for l in lists { starts.append(starts.last! + UInt32(l.count)) }
    self.init(checked: Column(starts), StringColumn(lists.flatMap { $0 }))
  }

  /// `starts` (count + 1 ascending offsets, or none) over `values`; nil when they disagree. O(n).
  package init?(starts: Column<UInt32>, values: StringColumn) {
    var previous: UInt32 = 0
    for s in starts {
      guard s >= previous else { return nil }
      previous = s
    }
    guard starts.isEmpty ? values.isEmpty : (starts[0] == 0 && Int(previous) == values.count) else { return nil }
    self.init(checked: starts, values)
  }

  /// Number of entries (0 when no entry has a value).
  public var count: Int { Swift.max(0, starts.count - 1) }
  public var isEmpty: Bool { starts.isEmpty }

  /// The values of entry `i` (none past the end). O(values).
  public subscript(i: Int) -> [String] {
    guard i < count else { return [] }
    return (Int(starts[i])..<Int(starts[i + 1])).map { values[$0] }
  }
}

/// A column made on first use (a snapshot's section, checked then), or made
/// already. Reading a `later` one takes a lock each time: loops fetch the
/// value once.
package enum Deferred<Value: Sendable>: Sendable {
  case ready(Value)
  case later(OnceBox<Value>)

  package var value: Value {
    switch self {
    case .ready(let v): v
    case .later(let box): box.get
    }
  }
}
