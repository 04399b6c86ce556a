import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's identity on disk (device and inode), so two paths that name the
/// same file — through a symbolic link, a hard link or `..` — compare equal.
package struct FileIdentity: Hashable, Sendable {
  package let device: UInt64
  package let inode: UInt64

  /// The identity of the file `path` names, following links; nil if it does not exist.
  package init?(path: String) {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
  }
}

/// The process-wide guard of a run's files: the inputs it reads may never be
/// written over, and the temporary files of unfinished outputs are removed
/// when the run is stopped by SIGINT, SIGTERM or SIGHUP.
///
/// All of Liaison's output files go through `AtomicFileWriter`, which asks
/// this guard before it writes and registers its temporary file here.
package enum OutputGuard {
  private static let lock = PthreadLock()
  nonisolated(unsafe) private static var inputs: [FileIdentity: String] = [:]

  /// Marks `paths` (files; folders are expanded by the caller) as inputs of
  /// this run: writing onto any of them is refused from now on.
  /// - Complexity: O(paths) `stat` calls.
  package static func protectInputs(_ paths: [String]) {
    let found = paths.compactMap { p in FileIdentity(path: p).map { ($0, p) } }
    // The latest path wins: an entry for a deleted file whose inode was reused is replaced.
    lock.locked { for (id, p) in found { inputs[id] = p } }
  }

  /// The input that `path` (after following links) is, if any. A recorded
  /// input is confirmed by its own path still naming the same file, so a
  /// deleted input whose inode the system hands to a new file is not matched.
  package static func input(at path: String) -> String? {
    guard let id = FileIdentity(path: path), let input = lock.locked({ inputs[id] }) else { return nil }
    return FileIdentity(path: input) == id ? input : nil
  }

  /// Throws a usage error if writing `path` would replace one of the run's inputs.
  package static func checkNotInput(_ path: String) throws(OutputError) {
    if path == "-" { return }
    if let input = input(at: path) {
      throw OutputError(
        path: path,
        message: (input == path ? "is an input of this run" : "leads to the input file \(input)")
          + "; writing it would destroy the input, so choose another output path",
        isUsageError: true)
    }
  }

  // MARK: temporary files and signals

  /// Slots of the C strings of live temporary files, read by the signal
  /// handler without a lock: a slot is a single pointer store, and a string
  /// is never freed once published (a run writes few files), so the handler
  /// can never read freed memory.
  private static let slotCount = 4096
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slotCount)
    p.initialize(repeating: nil, count: slotCount)
    return p
  }()
  nonisolated(unsafe) private static var handlersInstalled = false

  /// Publishes a temporary file for removal on a stopping signal; returns its slot.
  static func registerTemporary(_ path: String) -> Int? {
    let copy = strdup(path)
    return lock.locked { () -> Int? in
      for i in 0..<slotCount where slots[i] == nil {
        slots[i] = copy
        return i
      }
      return nil
    }
  }

  /// Withdraws a temporary file (renamed into place or removed).
  static func unregisterTemporary(_ slot: Int?) {
    guard let slot else { return }
    lock.locked { slots[slot] = nil }
  }

  /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every
  /// registered temporary file and exit 130, 143 or 129 (128 + the signal).
  /// Finished files stay whole and unfinished ones never appear. Only
  /// async-signal-safe calls (`unlink`, `_exit`) run in the handler.
  ///
  /// A signal the process was started with ignored stays ignored (`nohup`);
  /// the three are unblocked on the calling thread, because a parent that
  /// spawns from a thread pool (libdispatch blocks most signals on its
  /// threads) passes its blocked set on. Idempotent; the CLI calls it first.
  package static func installSignalCleanup() {
    let first = lock.locked { () -> Bool in
      if handlersInstalled { return false }
      handlersInstalled = true
      return true
    }
    guard first else { return }
    // `slots` is initialised lazily (swift_once, malloc): do it now, so the
    // handler never runs the initialiser itself — a handler that interrupts
    // malloc and calls malloc corrupts the heap.
    _ = slots
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for s in [SIGINT, SIGTERM, SIGHUP] {
      if isIgnored(s) { continue }
      sigaddset(&unblock, s)
      signal(s) { sig in
        for i in 0..<OutputGuard.slotCount { if let p = OutputGuard.slots[i] { unlink(p) } }
        _exit(128 + sig)
      }
    }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }

  /// Whether the process was started with `sig` ignored.
  private static func isIgnored(_ sig: Int32) -> Bool {
    var current = sigaction()
    guard sigaction(sig, nil, &current) == 0 else { return false }
    #if os(Linux)
      let handler = current.__sigaction_handler.sa_handler
    #else
      let handler = current.__sigaction_u.__sa_handler
    #endif
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Temporary files of dead processes found in each folder scanned so far,
  /// by the file they stood for: a folder is read once per run, however many
  /// files (a batch report's hundreds) are written into it.
  nonisolated(unsafe) private static var staleByFolder: [String: [String: [String]]] = [:]

  /// Removes temporary files `.BASE.tmp-PID` in `dir` left by runs of Liaison
  /// that were killed (SIGKILL, power loss) before they could clean up: the
  /// process `PID` no longer exists. Files of live processes are kept, and so
  /// are those of other names (they are removed when that name is written).
  /// - Complexity: O(entries in `dir`) the first time a folder is seen, O(1) after.
  static func removeStaleTemporaries(dir: String, base: String) {
    let names = lock.locked { () -> [String] in
      if staleByFolder[dir] == nil { staleByFolder[dir] = scanStale(dir) }
      return staleByFolder[dir]!.removeValue(forKey: base) ?? []
    }
    for name in names { unlink(dir + "/" + name) }
  }

  /// The `.BASE.tmp-PID` entries of `dir` whose process is gone, by BASE.
  private static func scanStale(_ dir: String) -> [String: [String]] {
    guard let d = opendir(dir) else { return [:] }
    defer { closedir(d) }
    let me = getpid()
    var found: [String: [String]] = [:]
    while let entry = readdir(d) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard name.hasPrefix("."), let mark = name.ranges(of: ".tmp-").last,
        let pid = Int32(name[mark.upperBound...]), pid > 0, pid != me
      else { continue }
      let base = String(name[name.index(after: name.startIndex)..<mark.lowerBound])
      if !base.isEmpty && kill(pid, 0) != 0 && errno == ESRCH { found[base, default: []].append(name) }
    }
    return found
  }
}
