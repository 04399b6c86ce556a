import Foundation
import GraphRendering
import Workspace

/// Assembles the explorer page: one self-contained HTML file whose data is a
/// JSON block the script reads with `textContent`, under a Content-Security-
/// Policy that allows only the page's own style and script (by their SHA-256)
/// and no network access of any kind.
enum ExplorerHTML {
  /// The page for `data`, as the bytes of its file. Deterministic: the same
  /// data gives the same bytes.
  /// - Complexity: O(size of the data).
  static func page(_ data: ExplorerData) throws -> [UInt8] {
    try withPage(data) { Array($0) }
  }

  /// Calls `body` with the page's bytes (valid only during the call): a
  /// caller writing many pages writes them from the one buffer, not a copy.
  static func withPage<R>(_ data: ExplorerData, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
    // JSON that cannot end its `<script>` block or start a comment or markup in it.
    var start = Array(head.utf8)
    start += "<title>\(DOTText.htmlText(data.title)) — Liaison explorer</title>\n".utf8
    start += middle.utf8
    // One buffer for the whole page, its data written straight into it;
    // 3 MiB holds a page of 5,000 people (bigger ones grow).
    let end = Array(tail.utf8)
    let w = try ExplorerJSON.written(data, after: start, before: end, capacity: start.count + end.count + 3 << 20)
    return try w.withBytes(body)
  }

  /// The page's fixed parts around the title and the data, made once.
  private static let head: String = {
    let policy = [
      "default-src 'none'", "script-src '\(hash(ExplorerPage.script))'", "style-src '\(hash(ExplorerPage.style))'",
      "img-src data:", "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ].joined(separator: "; ")
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      + "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">\n"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      + "<meta name=\"referrer\" content=\"no-referrer\">\n"
  }()
  private static let middle =
    "<style>\(ExplorerPage.style)</style>\n</head><body>\n" + ExplorerPage.body
    + "\n<script type=\"application/json\" id=\"liaison-data\">"
  private static let tail = "</script>\n<script>\(ExplorerPage.script)</script>\n</body></html>\n"

  /// A CSP source for `text`: `sha256-` and the base64 of its UTF-8 digest.
  static func hash(_ text: String) -> String {
    var sha = SHA256()
    sha.update(Array(text.utf8))
    return "sha256-" + Data(sha.finalize()).base64EncodedString()
  }
}
