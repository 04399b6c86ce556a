import Foundation
import LiaisonTestSupport

@testable import LiaisonCLI

#if canImport(Glibc)
  import Glibc
#endif

/// One user of the console at a time across suites: a capture of standard
/// output or error, or a command run in this process (`runCLI`), whose words
/// would otherwise land in a capture another test has open. Recursive: a
/// capture runs commands, and the two captures nest.
let consoleLock = NSRecursiveLock()

/// `LiaisonCommand.run(arguments:)` holding the console, its output flushed.
func runCLI(arguments: [String]) -> Int32 {
  consoleLock.lock()
  defer { consoleLock.unlock() }
  let code = LiaisonCommand.run(arguments: arguments)
  fflush(nil)
  return code
}

/// What `body` writes to standard error (file descriptor 2).
/// The test runner's own event lines (◇ started, ✔ passed, ✘ failed, ↳ …,
/// with or without colour) are left out: the capture is process-wide, and a
/// runner line such as "Test case passing 1 argument rows" would otherwise
/// read as the command's words.
func capturingStandardError(_ body: () -> Void) -> String {
  consoleLock.lock()
  defer { consoleLock.unlock() }
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
