/// The one escaping of untrusted text (a name, a company) for a plain quoted
/// DOT label, used by the pictures and by `export --to dot` alike.
///
/// Graphviz reads a quoted label in three steps: it expands `\N`, `\G`, `\E`,
/// `\H`, `\T`, `\L` (object names), decodes HTML entities (`&amp;`, `&#38;`,
/// `&#x26;`, …), then turns `\n`, `\l`, `\r` into line breaks and `\x` into `x`.
/// So `\` is written `\\` (it survives the first and third steps as one
/// backslash), `&` is written `&amp;` (decoded back to `&` exactly once, so
/// `&amp;` in a name shows as `&amp;`), and `"` is written `\"`. Control
/// characters (line feeds included) and the line and paragraph separators
/// become spaces. Quoted strings are never HTML-like labels, so `<` and `>` are text.
package enum DOTLabel {
  /// `text` as a quoted DOT string (`"…"`) that Graphviz shows as exactly `text`
  /// (control characters as spaces).
  /// - Complexity: O(n) in the length of `text`.
  package static func quoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for s in text.unicodeScalars {
      switch s {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "&": out += "&amp;"
      default: out.unicodeScalars.append(isControl(s) ? " " : s)
      }
    }
    return out + "\""
  }

  /// Whether `s` acts on how text is shown instead of being shown: C0 and C1
  /// controls, DEL, the line and paragraph separators, and the bidirectional
  /// marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–202E,
  /// U+2066–2069), which can make a name read as another. Pictures and
  /// terminal output show each as a space.
  package static func isControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
