#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the workspace lives, and the owner-only permissions of everything in it.
public enum WorkspaceLocation: Sendable {
  /// The workspace's database path: `explicit` (`--workspace PATH`), else
  /// `$LIAISON_WORKSPACE`, else `$XDG_DATA_HOME/liaison/workspace.sqlite`,
  /// else `~/.local/share/liaison/workspace.sqlite`. Empty variables count as unset. O(1).
  public static func resolve(explicit: String?, environment: (String) -> String? = Self.environment) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let path = environment("LIAISON_WORKSPACE"), !path.isEmpty { return path }
    if let data = environment("XDG_DATA_HOME"), !data.isEmpty { return trimSlash(data) + "/liaison/workspace.sqlite" }
    let home = environment("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? "."
    return trimSlash(home) + "/.local/share/liaison/workspace.sqlite"
  }

  /// The process environment's value of `name`.
  public static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

  static func trimSlash(_ s: String) -> String { s.count > 1 && s.hasSuffix("/") ? String(s.dropLast()) : s }

  /// Whether a file exists at `path`. O(1).
  public static func exists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
  }

  /// The folder part of `path` (`.` for a bare name).
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Runs `body` with the file-creation mask 077, so that every file and
  /// folder it creates is owner-only from the start; the old mask is restored after.
  static func ownerOnly<R>(_ body: () throws -> R) rethrows -> R {
    let old = umask(0o077)
    defer { umask(old) }
    return try body()
  }

  /// Creates `folder` and its missing parents, each new one with mode 0700.
  /// - Throws: `WorkspaceError` naming the folder that could not be made.
  static func makeFolders(_ folder: String) throws(WorkspaceError) {
    if folder.isEmpty || folder == "." || folder == "/" || exists(folder) { return }
    try makeFolders(Self.folder(of: folder))
    if mkdir(folder, 0o700) != 0 && errno != EEXIST {
      throw WorkspaceError("cannot create the folder \(folder): \(String(cString: strerror(errno)))")
    }
  }

  /// Sets `path`'s mode to 0600 when it exists (the database, its `-wal` and
  /// `-shm` files, the snapshot, a backup).
  static func restrict(_ path: String) {
    if exists(path) { chmod(path, 0o600) }
  }

  /// The mode bits (permissions) of `path`, or nil when it does not exist.
  public static func mode(of path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int(st.st_mode) & 0o7777
  }

  /// The size in bytes of `path`, or nil.
  public static func size(of path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int(st.st_size)
  }
}

/// A workspace problem: a message for the person at the terminal, with what to do.
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }

  /// The error of a reading command run where no workspace exists.
  public static func missing(_ path: String) -> WorkspaceError {
    WorkspaceError("no workspace at \(path) — import files first: liaison import FILE…")
  }
}
