import Foundation
import GraphRendering
import LiaisonCLI
import LiaisonTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Counts `<g class="…">` groups in an SVG with a real XML parser.
final class SVGGroupCounter: NSObject, XMLParserDelegate {
  var classes: [String: Int] = [:]
  var parsed = false
  init(_ text: String) {
    super.init()
    let p = XMLParser(data: Data(text.utf8))
    p.shouldResolveExternalEntities = false
    p.delegate = self
    parsed = p.parse()
  }
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if name == "g", let c = attributes["class"] {
      for t in c.split(separator: " ") { classes[String(t), default: 0] += 1 }
    }
  }
}

@Suite struct RenderCommandTests {
  static let root = SharedData.repositoryRoot()
  static var network: [String] { ["\(root)/datasets/network/people.csv", "\(root)/datasets/network/ties.csv"] }

  static func safe(_ svg: String) -> Bool {
    (try? SVGSafety.check(Array(svg.utf8))) != nil
  }

  @Test func everyViewOnTheBundledNetwork() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let cases: [(String, [String], Int?)] = [
      ("network", [], 300), ("communities", [], 0), ("brokers", ["--top", "5"], 300), ("ego", ["--ego", "42"], nil),
      ("introductions", ["--ego", "42"], nil), ("path", ["--from", "42", "--to", "7", "--max-hops", "4"], nil),
    ]
    for (view, extra, people) in cases {
      let out = "\(tmp.path)/\(view).svg"
      #expect(
        runCLI(arguments: ["render"] + Self.network + ["--view", view, "-o", out] + extra) == 0, "\(view)")
      let svg = try #require(TempFolder.read(path: out))
      let counts = SVGGroupCounter(svg)
      #expect(counts.parsed, "\(view) parses as XML")
      #expect(Self.safe(svg), "\(view) passes the safety check")
      #expect(!svg.contains("<!DOCTYPE"))
      if let people { #expect((counts.classes["person"] ?? 0) == people, "\(view)") }
      #expect((counts.classes["person"] ?? 0) + (counts.classes["summary"] ?? 0) > 0)
    }
  }

  @Test func sameFilesSameBytesAndDOTFormat() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let args = ["render"] + Self.network + ["--view", "ego", "--ego", "42", "-o"]
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.svg"]) == 0)
    #expect(runCLI(arguments: args + ["\(tmp.path)/b.svg"]) == 0)
    #expect(tmp.read("a.svg") == tmp.read("b.svg"))
    #expect(runCLI(arguments: args + ["\(tmp.path)/a.dot"]) == 0)
    #expect(tmp.read("a.dot")?.hasPrefix("graph liaison {") == true)
  }

  @Test func svgOptionOnAnalysisCommands() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let runs: [(String, [String])] = [
      ("reach", ["--ego", "42"]), ("path", ["--from", "42", "--to", "7", "--max-hops", "4"]),
      ("introduce", ["--ego", "42", "--top", "5"]), ("brokers", ["--top", "5"]),
    ]
    for (command, extra) in runs {
      let out = "\(tmp.path)/\(command).svg"
      #expect(
        runCLI(
          arguments: [command] + Self.network + extra + ["--svg", out, "--output", "\(tmp.path)/\(command).txt"]) == 0,
        "\(command)")
      let svg = try #require(TempFolder.read(path: out), "\(command) wrote its picture")
      #expect(SVGGroupCounter(svg).parsed && Self.safe(svg), "\(command)")
    }
  }

  @Test func usageErrors() {
    #expect(runCLI(arguments: ["render"] + Self.network + ["--view", "ego", "-o", "/tmp/x.svg"]) == 2)
    #expect(
      runCLI(arguments: ["render"] + Self.network + ["--view", "path", "--from", "1", "-o", "/tmp/x.svg"])
        == 2)
    #expect(runCLI(arguments: ["render"] + Self.network + ["--view", "bogus", "-o", "/tmp/x.svg"]) == 2)
    #expect(runCLI(arguments: ["render"] + Self.network + ["--max-nodes", "1", "-o", "/tmp/x.svg"]) == 2)
    #expect(
      runCLI(
        arguments: ["render"] + Self.network + ["--view", "ego", "--ego", "nobody at all", "-o", "/tmp/x.svg"]) == 1)
  }

  @Test func hostileNamesFromAFile() throws {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    let names = [
      "<script>alert(1)</script>", "\"\"\"quoted\"\"\"", "Tom & Jerry", "]]>", "back\\l\\n", "<b onmouseover=x>hi</b>",
      "=HYPERLINK(\"\"http://evil\"\")",
    ]
    var people = "id,name,company\n"
    for (i, n) in names.enumerated() { people += "\(i),\"\(n)\",\"\(n)\"\n" }
    var ties = "source,target,strength\n"
    for i in 1..<names.count { ties += "0,\(i),0.\(i + 2)\n" }
    ties += "1,2,0.5\n3,4,0.4\n"
    let p = tmp.write("people.csv", people)
    let t = tmp.write("ties.csv", ties)
    for view in ["network", "ego"] {
      let out = "\(tmp.path)/\(view).svg"
      #expect(runCLI(arguments: ["render", p, t, "--view", view, "--ego", "0", "-o", out]) == 0)
      let svg = try #require(TempFolder.read(path: out))
      #expect(SVGGroupCounter(svg).parsed)
      #expect(Self.safe(svg))
      #expect(!svg.contains("<script") && !svg.contains("<b ") && !svg.contains("onmouseover=x>"))
      #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown as text")
      #expect((SVGGroupCounter(svg).classes["person"] ?? 0) == names.count)
    }
  }
}
