import Foundation
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

/// Messages to standard error (written with write(2): unbuffered, no shared C state).
/// `warn`, `error` and `note` neutralise control and bidirectional formatting
/// characters (`TextTable.clean`), so a name in a message cannot drive the terminal.
enum Terminal {
  /// Whether a progress line is on screen (it is cleared before any other message).
  nonisolated(unsafe) private static var progressShown = false
  private static let lock = NSLock()

  static func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    if progressShown {
      raw("\r\u{1B}[K")
      progressShown = false
    }
    raw(text)
  }

  /// Draws `text` as the progress line (callers draw only on a terminal).
  static func progress(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    raw("\r\u{1B}[K" + TextTable.clean(text))
    progressShown = true
  }

  /// Clears the progress line, if one is shown.
  static func clearProgress() {
    lock.lock()
    defer { lock.unlock() }
    if progressShown { raw("\r\u{1B}[K") }
    progressShown = false
  }

  private static func raw(_ text: String) {
    var text = text
    text.withUTF8 { buf in
      var offset = 0
      while offset < buf.count {
        let n = Glibc.write(2, buf.baseAddress! + offset, buf.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }
  static func warn(_ message: String) { write("\(paint("warning:", "33"))\(safe(message))\n") }
  static func error(_ message: String) { write("\(paint("error:", "1;31"))\(safe(message))\n") }

  /// Whether message prefixes are coloured: standard error is a terminal, `NO_COLOR`
  /// is unset or empty (no-color.org) and `TERM` is not `dumb`.
  static let colour: Bool = {
    func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
    return isatty(2) != 0 && (env("NO_COLOR") ?? "").isEmpty && env("TERM") != "dumb"
  }()

  /// `prefix` and a space, in the SGR colour `code` when `colour` is on.
  static func paint(_ prefix: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(prefix)\u{1B}[0m " : prefix + " "
  }
  static func note(_ message: String) { write("\(safe(message))\n") }

  /// `message` with line breaks kept and every other character a terminal acts on as a space.
  static func safe(_ message: String) -> String { TextTable.clean(message, keepingLineBreaks: true) }
}

/// A progress line while a large file is read (a multi-gigabyte mailbox):
/// on a terminal only, from one second in, redrawn at most four times a
/// second, cleared before any other message and when loading ends.
final class ReadProgress: @unchecked Sendable {
  private let start = Clock.now()
  private var lastDraw = 0.0
  private let lock = NSLock()

  /// Hooks a progress line into `options` when standard error is a terminal.
  static func attach(to options: inout LoadOptions) -> ReadProgress? {
    guard isatty(2) != 0 else { return nil }
    let progress = ReadProgress()
    options.onProgress = { file, read, size in progress.update(file: file, read: read, size: size) }
    return progress
  }

  func update(file: String, read: Int, size: Int?) {
    lock.lock()
    defer { lock.unlock() }
    let now = Clock.now()
    let elapsed = now - start
    guard elapsed >= 1, now - lastDraw >= 0.25 else { return }
    lastDraw = now
    let name = file.split(separator: "/").last.map(String.init) ?? file
    var text = "reading \(name): \(TextFormat.grouped(read / 1_000_000)) MB"
    if let size, size > 0 {
      let share = min(1, Double(read) / Double(size))
      text += " of \(TextFormat.grouped(size / 1_000_000)) MB (\(Int(share * 100)) %)"
      text += ", \(Int(elapsed)) s"
      if share > 0.02 && share < 1 { text += ", about \(CountProgress.duration(elapsed / share - elapsed)) left" }
    } else {
      text += ", \(Int(elapsed)) s"
    }
    Terminal.progress(text)
  }

  func finish() { Terminal.clearProgress() }
}

/// A progress line for a long computation counted in steps (exact betweenness's
/// sources): on a terminal only, from one second in, redrawn at most four times
/// a second, with the share done and an estimate of the time left; cleared
/// before any other message and when it finishes.
final class CountProgress: @unchecked Sendable {  // mutable state guarded by `lock`
  private let what: String
  private let unit: String
  private let start = Clock.now()
  private var lastDraw = 0.0
  private let lock = NSLock()

  /// A progress line when standard error is a terminal, else nil.
  static func start(_ what: String, unit: String) -> CountProgress? {
    isatty(2) != 0 ? CountProgress(what: what, unit: unit) : nil
  }

  private init(what: String, unit: String) {
    self.what = what
    self.unit = unit
  }

  /// The handler to give the computation.
  var handler: @Sendable (Int, Int) -> Void { { [self] done, total in update(done, of: total) } }

  func update(_ done: Int, of total: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = Clock.now()
    let elapsed = now - start
    if done >= total {
      Terminal.clearProgress()  // the work is done: no stale "about 1 s left" while the rest runs
      return
    }
    guard elapsed >= 1, now - lastDraw >= 0.25 else { return }
    lastDraw = now
    Terminal.progress(Self.line(what: what, unit: unit, done: done, total: total, elapsed: elapsed))
  }

  /// "betweenness: 1,234 of 100,000 sources (1 %), 12 s, about 15 min left".
  static func line(what: String, unit: String, done: Int, total: Int, elapsed: Double) -> String {
    let share = total > 0 ? Double(done) / Double(total) : 0
    var text = "\(what): \(TextFormat.grouped(done)) of \(TextFormat.grouped(total)) \(unit)"
    text += " (\(Int(share * 100)) %), \(duration(elapsed))"
    if share > 0.001 { text += ", about \(duration(elapsed / share - elapsed)) left" }
    return text
  }

  /// Seconds as "42 s", "12 min", "2 h 05 min".
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded(.up))
    if s < 120 { return "\(s) s" }
    if s < 7200 { return "\(s / 60) min" }
    let m = (s / 60) % 60
    return "\(s / 3600) h \(m < 10 ? "0" : "")\(m) min"
  }

  func finish() { Terminal.clearProgress() }
}
