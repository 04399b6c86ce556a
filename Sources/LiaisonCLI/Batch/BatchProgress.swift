import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Counts rejected rows while loading (single-threaded loader).
final class RowErrorCounter: @unchecked Sendable {
  var count = 0
}

/// Progress on standard error, only when it is a terminal: the phase, files
/// read or members done, the phase's time so far and an estimate of the rest.
final class BatchProgress: @unchecked Sendable {
  let enabled: Bool
  let start = Clock.now()
  var lastDraw = 0.0
  var phaseName = ""
  let lock = NSLock()

  let timings = getenv("LIAISON_TIMINGS") != nil
  var phaseStart = Clock.now()

  init(enabled: Bool) { self.enabled = enabled }

  func phase(_ name: String) {
    let now = Clock.now()
    if timings {
      if !phaseName.isEmpty { Terminal.note("batch \(phaseName): \(fixed(now - phaseStart, 2)) s") }
      if !enabled { phaseName = name }
    }
    phaseStart = now
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    phaseName = name
    draw("\(name)…")
  }

  func note(_ text: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    Terminal.note(text)  // clears the progress line first
  }

  func count(_ done: Int, of total: Int, what: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Clock.now()
    if done < total && now - lastDraw < 0.25 { return }
    lastDraw = now
    // The phase's own time, so the estimate is of this phase's rest.
    draw(Self.line(phaseName, done: done, total: total, what: what, elapsed: now - phaseStart))
  }

  /// "reading 500 files: 129/500 read, 1 s, about 4 s left": the time left
  /// once 2 % is done (before that, the phase's start-up would weigh on it
  /// as if every item cost as much).
  static func line(_ phase: String, done: Int, total: Int, what: String, elapsed: Double) -> String {
    var text = "\(phase): \(done)/\(total) \(what), \(Int(elapsed)) s"
    if done > 0 && done < total && done * 50 >= total {
      let left = elapsed / Double(done) * Double(total - done)
      text += ", about \(Int(left.rounded(.up))) s left"
    }
    return text
  }

  private func draw(_ text: String) { Terminal.progress(text) }

  func done() {
    if timings && !phaseName.isEmpty {
      Terminal.note(
        "batch \(phaseName): \(fixed(Clock.now() - phaseStart, 2)) s; total \(fixed(Clock.now() - start, 2)) s")
    }
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    Terminal.clearProgress()
  }
}

final class ProgressCounter: @unchecked Sendable {
  let total: Int
  let progress: BatchProgress
  let what: String
  var done = 0
  let lock = NSLock()
  init(total: Int, progress: BatchProgress, what: String) {
    self.total = total
    self.progress = progress
    self.what = what
  }
  func tick() {
    lock.lock()
    done += 1
    let d = done
    lock.unlock()
    progress.count(d, of: total, what: what)
  }
}
