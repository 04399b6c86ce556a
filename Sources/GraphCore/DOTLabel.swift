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
public enum DOTLabel {
  /// `text` as a quoted DOT string (`"…"`) that Graphviz shows as exactly `text`
  /// (control characters as spaces).
  /// - Complexity: O(n) in the length of `text`.
  public static func quoted(_ text: String) -> String {
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

  /// Whether `s` is a C0 or C1 control character, DEL, or U+2028/U+2029.
  public static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.value == 0x2028 || s.value == 0x2029
  }
}
