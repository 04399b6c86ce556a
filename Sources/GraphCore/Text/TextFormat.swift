/// The one formatting kit for text that people read: numbers, counted words
/// and wrapped prose. Tables, pictures, reasons and messages in every module
/// format through it, so "0.55", "1,200 people" and a wrapped paragraph look
/// the same wherever they appear. (JSON and CSV answers write numbers in full
/// precision instead; see the reports layer of the CLI.)
package enum TextFormat {
  /// `x` with exactly `digits` decimals, rounded half away from zero:
  /// `fixed(0.5, 2)` is "0.50", `fixed(-0.004, 2)` is "0.00" (no sign once
  /// rounded to zero). Magnitudes beyond 2⁵³ and non-finite values fall back
  /// to Swift's own description.
  /// - Complexity: O(number of digits).
  package static func fixed(_ x: Double, _ digits: Int) -> String {
    var p = 1.0
    for _ in 0..<max(0, digits) { p *= 10 }
    let scaledDouble = (abs(x) * p).rounded()
    guard x.isFinite, scaledDouble < 9_007_199_254_740_992 else { return String(x) }
    let scaled = Int(scaledDouble)
    let unit = Int(p)
    var fraction = String(scaled % unit)
    while fraction.count < digits { fraction = "0" + fraction }
    return (x < 0 && scaled != 0 ? "-" : "") + "\(scaled / unit)" + (digits > 0 ? ".\(fraction)" : "")
  }

  /// Thousands separators: `grouped(1234567)` is "1,234,567".
  /// - Complexity: O(number of digits).
  package static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return n < 0 ? "-" + out : out
  }

  /// `part` of `whole` in percent with one decimal, "42.0 %" ("0 %" of nothing).
  package static func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "0 %" : "\(fixed(100 * Double(part) / Double(whole), 1)) %"
  }

  /// A count with its noun: "1 member", "1,200 members", "2 people" with
  /// `plural: "people"`. Counts are grouped.
  package static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(grouped(n)) \(noun(n, singular, plural: plural))"
  }

  /// The noun alone, singular for exactly one.
  package static func noun(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    n == 1 ? singular : plural ?? singular + "s"
  }

  /// Prose wrapped at spaces to `width` terminal columns (`displayWidth`):
  /// the first line starts with `indent`, the following ones with
  /// `continuation` (default: `indent`); ends with a newline. A word longer
  /// than the width stands on its own line.
  /// - Complexity: O(length of `text`).
  package static func wrap(_ text: String, width: Int, indent: String = "", continuation: String? = nil) -> String {
    let next = continuation ?? indent
    var out = ""
    var line = indent
    var lineCount = displayWidth(indent)
    var hasWords = false
    for word in text.split(separator: " ") {
      let w = displayWidth(word)
      if hasWords && lineCount + 1 + w > width {
        out += line + "\n"
        line = next
        lineCount = displayWidth(next)
        hasWords = false
      }
      if hasWords {
        line += " "
        lineCount += 1
      }
      line += word
      lineCount += w
      hasWords = true
    }
    return out + line + "\n"
  }

  /// Terminal columns a string takes: East Asian wide and fullwidth
  /// characters (and most emoji) take two, combining marks none.
  /// - Complexity: O(length of `s`).
  package static func displayWidth(_ s: some StringProtocol) -> Int {
    var width = 0
    for ch in s {
      guard let v = ch.unicodeScalars.first?.value else { continue }
      switch v {
      case 0x0300...0x036F, 0x200B...0x200F: break
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        width += 2
      default: width += 1
      }
    }
    return width
  }
}
