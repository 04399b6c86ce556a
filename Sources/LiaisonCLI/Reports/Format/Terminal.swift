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
  static func warn(_ message: String) { write("warning: \(safe(message))\n") }
  static func error(_ message: String) { write("error: \(safe(message))\n") }
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
      if share > 0.02 && share < 1 { text += ", about \(Int((elapsed / share - elapsed).rounded(.up))) s left" }
    } else {
      text += ", \(Int(elapsed)) s"
    }
    Terminal.progress(text)
  }

  func finish() { Terminal.clearProgress() }
}
