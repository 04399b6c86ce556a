/// The check every SVG passes before Liaison writes it: no script, no event
/// handler, no external reference. It fails closed: anything it does not
/// understand as a harmless tag is an error.
///
/// The check scans tags (text between tags is escaped by Graphviz's SVG
/// writer, so a name like `<script>` arrives as `&lt;script&gt;` and is text):
/// - elements `script`, `foreignObject`, `iframe`, `object`, `embed`, `image`,
///   `use`, `style`, `handler`, `listener`, `set`, `animate*` are refused;
/// - attributes named `on…` (event handlers) are refused;
/// - `href` / `xlink:href` are refused unless they point inside the document (`#…`);
/// - attribute values with `url(` not followed by `#`, or `javascript:`, are
///   refused (except in `xlink:title`, the tooltip text, which is never a reference);
/// - a `<!DOCTYPE` (Graphviz's names an external DTD) is removed by `sanitized`,
///   and refused by `check`; `<!ENTITY` is refused.
package enum SVGSafety {
  /// Removes Graphviz's `<!DOCTYPE …>` (an external DTD reference) and checks the rest.
  /// - Complexity: O(n) in the length of the SVG.
  package static func sanitized(_ svg: [UInt8]) throws(RenderError) -> [UInt8] {
    var bytes = svg
    if let start = find(Array("<!DOCTYPE".utf8), in: bytes, from: 0) {
      if let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) {
        var cut = end + 1
        if cut < bytes.count, bytes[cut] == 0x0A { cut += 1 }
        bytes.removeSubrange(start..<cut)
      }
    }
    try check(bytes)
    return bytes
  }

  static let refusedElements: Set<String> = [
    "script", "foreignobject", "iframe", "object", "embed", "image", "use", "style", "handler", "listener", "set",
    "animate", "animatemotion", "animatetransform", "animatecolor", "a:script", "svg:script",
  ]

  /// Throws `.unsafeOutput` naming the first problem found.
  /// - Complexity: O(n).
  package static func check(_ svg: [UInt8]) throws(RenderError) {
    var i = 0
    let n = svg.count
    while i < n {
      guard svg[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      // Comments, processing instructions and declarations.
      if hasPrefix(svg, i, "<!--") {
        guard let end = find(Array("-->".utf8), in: svg, from: i + 4) else { throw .unsafeOutput("unclosed comment") }
        i = end + 3
        continue
      }
      if hasPrefix(svg, i, "<?xml") {
        guard let end = find(Array("?>".utf8), in: svg, from: i) else { throw .unsafeOutput("unclosed declaration") }
        i = end + 2
        continue
      }
      if hasPrefix(svg, i, "<!") || hasPrefix(svg, i, "<?") {
        throw .unsafeOutput("declaration \(snippet(svg, i)) (DOCTYPE, ENTITY or processing instruction)")
      }
      // A tag: name, then attributes until '>' (outside quotes).
      var j = i + 1
      if j < n, svg[j] == UInt8(ascii: "/") { j += 1 }
      let nameStart = j
      while j < n, !isSpace(svg[j]), svg[j] != UInt8(ascii: ">"), svg[j] != UInt8(ascii: "/") { j += 1 }
      let name = lower(svg[nameStart..<j])
      if refusedElements.contains(name) || name.hasPrefix("animate") || name.hasSuffix(":script") {
        throw .unsafeOutput("element <\(name)>")
      }
      while true {
        while j < n, isSpace(svg[j]) || svg[j] == UInt8(ascii: "/") { j += 1 }
        guard j < n else { throw .unsafeOutput("unclosed tag <\(name)") }
        if svg[j] == UInt8(ascii: ">") {
          j += 1
          break
        }
        let attrStart = j
        while j < n, !isSpace(svg[j]), svg[j] != UInt8(ascii: "="), svg[j] != UInt8(ascii: ">") { j += 1 }
        let attr = lower(svg[attrStart..<j])
        while j < n, isSpace(svg[j]) { j += 1 }
        var valueRange = j..<j
        if j < n, svg[j] == UInt8(ascii: "=") {
          j += 1
          while j < n, isSpace(svg[j]) { j += 1 }
          guard j < n, svg[j] == UInt8(ascii: "\"") || svg[j] == UInt8(ascii: "'") else {
            throw .unsafeOutput("unquoted attribute \(attr) in <\(name)>")
          }
          let quote = svg[j]
          let valueStart = j + 1
          guard let close = svg[valueStart...].firstIndex(of: quote) else { throw .unsafeOutput("unclosed attribute") }
          valueRange = valueStart..<close
          j = close + 1
        }
        if attr.isEmpty { throw .unsafeOutput("malformed tag <\(name)>") }
        if attr.hasPrefix("on") { throw .unsafeOutput("event handler \(attr) in <\(name)>") }
        if attr == "href" || attr.hasSuffix(":href") || attr == "src" {
          if valueRange.isEmpty || svg[valueRange.lowerBound] != UInt8(ascii: "#") {
            throw .unsafeOutput(
              "reference \(attr)=\"\(String(decoding: svg[valueRange].prefix(40), as: UTF8.self))\" in <\(name)>")
          }
        }
        // Namespace declarations and plain-text attributes (tooltips) are not references.
        if attr.hasPrefix("xmlns") || attr == "xlink:title" || attr == "title" { continue }
        if containsFolded(svg, valueRange, Self.javascriptScheme) {
          throw .unsafeOutput("javascript: in \(attr) of <\(name)>")
        }
        var k = valueRange.lowerBound
        while let r = indexFolded(svg, k..<valueRange.upperBound, Self.urlOpen) {
          var after = r + 4
          while after < valueRange.upperBound,
            svg[after] == 0x20 || svg[after] == UInt8(ascii: "'") || svg[after] == UInt8(ascii: "\"")
          {
            after += 1
          }
          if after >= valueRange.upperBound || svg[after] != UInt8(ascii: "#") {
            throw .unsafeOutput("external url( in \(attr) of <\(name)>")
          }
          k = r + 4
        }
      }
      i = j
    }
  }

  static let javascriptScheme = Array("javascript:".utf8)
  static let urlOpen = Array("url(".utf8)

  /// First index in `range` where `needle` (lower-case ASCII) starts, ASCII case folded.
  private static func indexFolded(_ s: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Int? {
    guard range.count >= needle.count else { return nil }
    var i = range.lowerBound
    let last = range.upperBound - needle.count
    while i <= last {
      var k = 0
      while k < needle.count {
        var b = s[i + k]
        if b >= 0x41 && b <= 0x5A { b += 32 }
        if b != needle[k] { break }
        k += 1
      }
      if k == needle.count { return i }
      i += 1
    }
    return nil
  }

  private static func containsFolded(_ s: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    indexFolded(s, range, needle) != nil
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

  private static func lower(_ s: ArraySlice<UInt8>) -> String {
    String(decoding: s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
  }

  private static func hasPrefix(_ s: [UInt8], _ at: Int, _ prefix: String) -> Bool {
    let p = Array(prefix.utf8)
    guard at + p.count <= s.count else { return false }
    for k in 0..<p.count {
      var b = s[at + k]
      if b >= 0x61 && b <= 0x7A, p[k] >= 0x41 && p[k] <= 0x5A { b -= 32 }
      if b != p[k] { return false }
    }
    return true
  }

  private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
    guard needle.count <= hay.count else { return nil }
    var i = from
    while i + needle.count <= hay.count {
      if hay[i] == needle[0] && hay[i..<i + needle.count].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  private static func snippet(_ s: [UInt8], _ at: Int) -> String {
    String(decoding: s[at..<min(s.count, at + 30)], as: UTF8.self)
  }
}
