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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = scriptSafe(String(decoding: try encoder.encode(data), as: UTF8.self))
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

  /// JSON that cannot end its `<script>` block or start a comment or markup
  /// in it: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, and the two
  /// JavaScript line terminators U+2028 and U+2029 escaped too. (Inside JSON
  /// strings these are the same characters; outside strings JSON has none.)
  static func scriptSafe(_ json: String) -> String {
    // Over the UTF-8 bytes: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
    let bytes = Array(json.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 32)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      switch b {
      case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
      case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
      case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
      case 0xE2 where i + 1 < bytes.count && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
        out += Array((bytes[i + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
        i += 2
      default: out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A CSP source for `text`: `sha256-` and the base64 of its UTF-8 digest.
  static func hash(_ text: String) -> String {
    var sha = SHA256()
    sha.update(Array(text.utf8))
    return "sha256-" + Data(sha.finalize()).base64EncodedString()
  }
}
