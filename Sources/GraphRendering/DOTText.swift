import GraphCore

/// Escaping of untrusted text (names, companies, evidence) for DOT.
///
/// Liaison writes DOT itself and never passes untrusted text to Graphviz
/// unescaped. Three contexts:
/// - `label` (plain quoted labels): each line through `DOTLabel.quoted`, the
///   escaping `export --to dot` uses too, so Graphviz's label escapes (`\n`,
///   `\l`, `\r`, `\N`, `\G`, `\E`, …) and HTML entities (`&amp;`, `&#38;`) show
///   as the characters typed; control characters become spaces; quoted strings
///   are never HTML-like labels, so `<…>` is text. The SVG writer escapes XML.
/// - `tooltip`: `&` becomes `&amp;`; Graphviz expands `\N`/`\E` in tooltips
///   even after `\\`, so a backslash is shown as `⧵` (U+29F5, reverse solidus
///   operator) instead. `RenderModel.svg()` does not rely on this: it writes
///   each tooltip into the SVG itself, exactly as typed.
/// - `html` (the legend table, an HTML-like label): `& < > " '` become
///   entities, control characters spaces; Graphviz expands `\G`, `\N`, … and
///   turns `\\` into `\` in HTML-like text too, so `\` is written `&#92;&#92;`.
package enum DOTText {
  /// A quoted DOT string for a label: `"…"`, at most `limit` characters
  /// (longer text ends in `…`).
  /// - Complexity: O(n) in the length of `text`.
  /// Line feeds in `text` become centred line breaks (each line cut to
  /// `limit`); callers pass untrusted parts through `singleLine` first.
  package static func label(_ text: String, limit: Int = 48) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(DOTLabel.quoted(shortened(String($0), limit: limit)).dropFirst().dropLast())
    }
    return "\"" + lines.joined(separator: "\\n") + "\""
  }

  /// `text` with every control character (line feeds included) as a space.
  package static func singleLine(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars { out.unicodeScalars.append(isControl(s) ? " " : s) }
    return out
  }

  /// Most characters of a tooltip (longer text ends in `…`).
  package static let tooltipLimit = 600

  /// A quoted DOT string for a tooltip (no Graphviz escapes survive).
  /// - Complexity: O(n).
  package static func tooltip(_ text: String, limit: Int = tooltipLimit) -> String {
    quoted(shortened(text, limit: limit), backslash: "\u{29F5}", keepNewlines: true)
  }

  /// Text for an HTML-like label: every markup character as an entity.
  /// - Complexity: O(n).
  package static func html(_ text: String, limit: Int = 120) -> String {
    // Graphviz expands `\G` in HTML-like labels too, so a backslash is doubled.
    xml(shortened(text, limit: limit), backslash: "&#92;&#92;")
  }

  /// Text for an HTML page's content and quoted attribute values, escaped as
  /// the pictures' text is (markup characters as entities, control and
  /// bidirectional formatting characters as spaces), line breaks kept.
  /// - Complexity: O(n).
  package static func htmlText(_ text: String) -> String { xml(text, newline: "\n") }

  /// `text` with XML's markup characters as entities and control characters
  /// as spaces; `backslash` and `newline` (nil: a space) say how those are written.
  /// - Complexity: O(n).
  static func xml(_ text: String, backslash: String = "\\", newline: String? = nil) -> String {
    var out = ""
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\\": out += backslash
      case "\n" where newline != nil: out += newline!
      default: out.unicodeScalars.append(isControl(s) ? " " : s)
      }
    }
    return out
  }

  /// `text` cut to `limit` characters with a final `…`.
  package static func shortened(_ text: String, limit: Int) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(max(1, limit - 1))) + "…"
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool { DOTLabel.isControl(s) }

  private static func quoted(_ text: String, backslash: String, keepNewlines: Bool) -> String {
    var out = "\""
    for s in text.unicodeScalars {
      switch s {
      case "\\": out += backslash
      case "\"": out += "\\\""
      case "&": out += "&amp;"
      case "\n" where keepNewlines: out += "&#10;"
      default: out.unicodeScalars.append(isControl(s) ? " " : s)
      }
    }
    return out + "\""
  }
}
