/// What the process keeps until it exits: the one memory-lifetime policy of
/// the command line. A command uses its network until it ends; releasing a
/// million people's strings, and the import session's indexes of every
/// profile URL, email and name, one entry at a time at exit cost about a
/// tenth of a large import, so those values are left to the operating system
/// with the process instead. GraphIO only returns values; keeping them is
/// decided here.
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
