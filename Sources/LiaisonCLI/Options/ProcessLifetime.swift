/// What the process keeps until it exits: the one memory-lifetime policy of
/// the command line (Guides/Importing.md, "The import session"). A command
/// uses its network until it ends. Freed entry by entry at exit, a million
/// people's strings cost about a tenth of a large import and the import
/// session's indexes (every profile URL, email and name) about a twentieth,
/// so both are left to the operating system with the process instead.
/// GraphIO only returns values; keeping them is decided here.
enum ProcessLifetime {
  /// Keeps `value` alive until the process exits (it is never released).
  static func keep<Value>(_ value: Value) {
    _ = Unmanaged.passRetained(Kept(value))
  }

  private final class Kept<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }
}
