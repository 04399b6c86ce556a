import Foundation
import LiaisonTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// One redirection of standard error at a time across suites.
private let standardErrorLock = NSLock()

/// What `body` writes to standard error (file descriptor 2). Other tests
/// running meanwhile may add lines of their own; callers look for theirs.
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
  return TempFolder.read(path: path) ?? ""
}
