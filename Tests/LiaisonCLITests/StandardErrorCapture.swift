import Foundation
import LiaisonTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// One redirection of standard error at a time across suites.
private let standardErrorLock = NSLock()

/// What `body` writes to standard error (file descriptor 2). Other tests
/// running meanwhile may add lines of their own; callers look for theirs.
/// The test runner's own event lines (◇ started, ✔ passed, ✘ failed, ↳ …,
/// with or without colour) are left out: the capture is process-wide, and a
/// runner line such as "Test case passing 1 argument rows" would otherwise
/// read as the command's words.
func capturingStandardError(_ body: () -> Void) -> String {
  standardErrorLock.lock()
  defer { standardErrorLock.unlock() }
  let tmp = TempFolder()
  defer { tmp.cleanUp() }
  let path = "\(tmp.path)/stderr.txt"
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let saved = dup(2)
  dup2(fd, 2)
  body()
  dup2(saved, 2)
  close(saved)
  close(fd)
  return withoutTestRunnerLines(TempFolder.read(path: path) ?? "")
}

/// `text` without the lines swift-testing writes for its events.
func withoutTestRunnerLines(_ text: String) -> String {
  let markers: Set<Character> = ["◇", "✔", "✘", "↳", "⊘", "⚠"]
  func isRunnerLine(_ line: Substring) -> Bool {
    var rest = line
    // Colour: ESC [ … m before the symbol.
    while rest.first == "\u{1B}", let m = rest.firstIndex(of: "m") { rest = rest[rest.index(after: m)...] }
    guard let first = rest.first else { return false }
    return markers.contains(first)
  }
  return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !isRunnerLine($0) }
    .joined(separator: "\n")
}
