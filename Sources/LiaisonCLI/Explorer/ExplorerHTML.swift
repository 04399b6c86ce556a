import Foundation
import GraphRendering
import Workspace

/// Assembles the explorer page: one self-contained HTML file whose data is a
/// JSON block the script reads with `textContent`, under a Content-Security-
/// Policy that allows only the page's own style and script (by their SHA-256)
/// and no network access of any kind.
enum ExplorerHTML {
  /// The page for `data`. Deterministic: the same data gives the same bytes.
  /// - Complexity: O(size of the data).
  static func page(_ data: ExplorerData) throws -> String {
    // JSON that cannot end its `<script>` block or start a comment or markup in it.
    let json = try ExplorerJSON.text(data)
    let policy = [
      "default-src 'none'", "script-src '\(hash(ExplorerPage.script))'", "style-src '\(hash(ExplorerPage.style))'",
      "img-src data:", "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ].joined(separator: "; ")
    var html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<meta name=\"referrer\" content=\"no-referrer\">\n"
    html += "<title>\(DOTText.htmlText(data.title)) — Liaison explorer</title>\n"
    html += "<style>\(ExplorerPage.style)</style>\n</head><body>\n"
    html += ExplorerPage.body
    html += "\n<script type=\"application/json\" id=\"liaison-data\">\(json)</script>\n"
    html += "<script>\(ExplorerPage.script)</script>\n</body></html>\n"
    return html
  }

  /// A CSP source for `text`: `sha256-` and the base64 of its UTF-8 digest.
  static func hash(_ text: String) -> String {
    var sha = SHA256()
    sha.update(Array(text.utf8))
    return "sha256-" + Data(sha.finalize()).base64EncodedString()
  }
}
