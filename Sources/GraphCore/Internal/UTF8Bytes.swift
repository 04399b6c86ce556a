extension String {
  /// Calls `body` with the string's UTF-8 bytes. A native string (every string
  /// an importer makes) is read in place; `withUTF8`, which is `mutating`,
  /// would first copy the string into a `var`, one retain and one release per
  /// call, on every field of every row. Other strings are copied once.
  @inlinable @inline(__always)
  package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = self
    return try copy.withUTF8(body)
  }
}

extension Substring {
  /// `String.withUTF8Bytes` for a substring.
  @inlinable @inline(__always)
  package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = self
    return try copy.withUTF8(body)
  }
}
