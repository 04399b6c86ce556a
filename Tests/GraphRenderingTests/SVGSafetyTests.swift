import GraphCore
import Testing

@testable import GraphRendering

@Suite struct SVGSafetyTests {
  static func check(_ s: String) -> Bool {
    do {
      try SVGSafety.check(Array(s.utf8))
      return true
    } catch {
      return false
    }
  }

  @Test func refusesScriptsHandlersAndExternalReferences() {
    let head =
      "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
    #expect(Self.check(head + "<g id=\"a\" class=\"node\"><text>&lt;script&gt; onload=x</text></g></svg>"))
    #expect(Self.check(head + "<a xlink:href=\"#local\"><text>x</text></a><g fill=\"url(#grad)\"/></svg>"))
    #expect(Self.check(head + "<a xlink:title=\"javascript:alert(1) url(http://x)\"><text>x</text></a></svg>"))
    #expect(Self.check(head + "<!-- a comment with <script> inside --></svg>"))
    #expect(!Self.check(head + "<script>alert(1)</script></svg>"))
    #expect(!Self.check(head + "<SCRIPT>alert(1)</SCRIPT></svg>"))
    #expect(!Self.check(head + "<svg:script>x</svg:script></svg>"))
    #expect(!Self.check(head + "<g onload=\"alert(1)\"/></svg>"))
    #expect(!Self.check(head + "<g ONCLICK='x'/></svg>"))
    #expect(!Self.check(head + "<a xlink:href=\"http://evil.example/\">x</a></svg>"))
    #expect(!Self.check(head + "<a href=\"javascript:alert(1)\">x</a></svg>"))
    #expect(!Self.check(head + "<image href=\"x.png\"/></svg>"))
    #expect(!Self.check(head + "<foreignObject><div/></foreignObject></svg>"))
    #expect(!Self.check(head + "<g style=\"fill:url(http://evil/x.svg#a)\"/></svg>"))
    #expect(!Self.check(head + "<use xlink:href=\"#a\"/></svg>"))
    #expect(!Self.check(head + "<set attributeName=\"href\" to=\"javascript:x\"/></svg>"))
    #expect(!Self.check(head + "<animate attributeName=\"x\"/></svg>"))
    #expect(!Self.check("<!DOCTYPE svg PUBLIC \"x\" \"http://www.w3.org/svg11.dtd\">" + head + "</svg>"))
    #expect(!Self.check("<!ENTITY x SYSTEM \"file:///etc/passwd\">" + head + "</svg>"))
    #expect(!Self.check(head + "<g a=unquoted/></svg>"))
  }

  @Test func sanitizedDropsGraphvizDoctype() async throws {
    let raw = try GraphvizRenderer().laidOut(dot: "graph { a -- b }", engine: .neato, format: .svg)
    #expect(String(decoding: raw, as: UTF8.self).contains("<!DOCTYPE"))
    let clean = try SVGSafety.sanitized(raw)
    #expect(!String(decoding: clean, as: UTF8.self).contains("<!DOCTYPE"))
    #expect(String(decoding: clean, as: UTF8.self).contains("<svg"))
  }

  /// A right-to-left override makes "Evil\u{202E}elif" read as "Evil" + "file" reversed;
  /// bidirectional controls, like C0 and C1 controls, are drawn as spaces.
  @Test func bidirectionalControlsInNamesAreDrawnAsSpaces() async throws {
    for control in ["\u{202E}", "\u{202D}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{061C}", "\u{009B}"] {
      #expect(
        DOTLabel.quoted("Evil\(control)elif") == "\"Evil elif\"",
        "U+\(String(control.unicodeScalars.first!.value, radix: 16))")
    }
    let raw = try await GraphvizRenderer().render(
      dot: "graph { a [label=\(DOTLabel.quoted("Evil\u{202E}elif.exe"))] }", engine: .neato)
    let svg = String(decoding: raw, as: UTF8.self)
    #expect(svg.contains(">Evil elif.exe<") && !svg.contains("\u{202E}"))
  }
}
