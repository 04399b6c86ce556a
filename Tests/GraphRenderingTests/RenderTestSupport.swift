import Foundation
import GraphAlgorithms
import GraphCore
import GraphRendering

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What an SVG holds, read with a real XML parser: `<g>` elements by SVG
/// class, the text of every `<text>` element and every tooltip (`xlink:title`).
final class SVGContents: NSObject, XMLParserDelegate {
  var classes: [String: Int] = [:]
  var texts: [String] = []
  var titles: [String] = []
  var tooltips: [String] = []
  private var buffer = ""
  private var inText = false
  private var inTitle = false
  var parsed = false

  init(_ bytes: [UInt8]) {
    super.init()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    parser.delegate = self
    parsed = parser.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if let tip = attributes["xlink:title"] { tooltips.append(tip) }
    if name == "g", let c = attributes["class"] {
      for token in c.split(separator: " ") { classes[String(token), default: 0] += 1 }
    }
    if name == "text" || name == "title" {
      inText = name == "text"
      inTitle = name == "title"
      buffer = ""
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText || inTitle { buffer += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "text" {
      texts.append(buffer)
      inText = false
    }
    if name == "title" {
      titles.append(buffer)
      inTitle = false
    }
  }

  func count(_ cls: String) -> Int { classes[cls] ?? 0 }
}

/// Test graphs.
enum RenderFixtures {
  /// A seeded random professional network: `n` people in companies of
  /// Zipf-like sizes, ties denser inside companies, strengths, last contacts,
  /// and every 17th tie inferred.
  static func network(people n: Int, ties: Int, seed: UInt64, names: [String] = []) throws -> Graph {
    var rng = seed
    func next() -> UInt64 {
      rng &+= 0x9E37_79B9_7F4A_7C15
      var z = rng
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var b = GraphBuilder()
    let companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]
    var company: [Int] = []
    for i in 0..<n {
      let p = b.person(key: "\(i)")
      let c = Int(next() % 8) % (1 + Int(next() % 8))
      company.append(c)
      let name = i < names.count ? names[i] : "Person \(i)"
      b.setAttributes(p, .init(name: name, company: i < names.count ? names[i] : companies[c], title: "Engineer"))
    }
    var added = Set<Int>()
    var count = 0
    var attempts = 0
    while count < ties && attempts < ties * 50 {
      attempts += 1
      let u = Int(next() % UInt64(n))
      var v = Int(next() % UInt64(n))
      if next() % 3 != 0 {  // prefer same company
        let same = (0..<n).filter { company[$0] == company[u] }
        v = same[Int(next() % UInt64(same.count))]
      }
      if u == v || added.contains(min(u, v) * n + max(u, v)) { continue }
      added.insert(min(u, v) * n + max(u, v))
      let strength = Double(1 + next() % 99) / 100
      let inferred = count % 17 == 5
      try b.addTie(
        PersonID(u), PersonID(v),
        evidence: TieEvidence(
          strength: strength, interactions: Int(next() % 40),
          lastContact: Day(daysSinceEpoch: Int32(19_000 + Int(next() % 2000))),
          kind: "colleague", inferredConfidence: inferred ? 0.6 : nil))
      count += 1
    }
    return try b.build().0
  }

  /// Names that try to break out of every context Liaison writes.
  static let hostileNames = [
    "<script>alert(1)</script>", "Ann \"The Quote\" Lee", "Tom & Jerry &amp; Co", "]]><x>", "back\\l slash\\n \\N \\G",
    "<b>bold</b> <TABLE>", "ctrl\u{01}\u{07}\u{1B}char", "line\nbreak\rreturn", "onload=alert(1)",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>", "xlink:href=\"http://evil\"",
  ]
}

extension PersonGroups {
  /// Leiden communities with the defaults (resolution 1, seed 42), as `liaison render` computes them.
  static func leiden(_ g: Graph) -> PersonGroups {
    PersonGroups(communities: g.leidenCommunities(), method: "Leiden", seed: 42)
  }
}

extension Graph {
  /// Ties with both ends in `people`, by brute force over the tie list.
  func tiesAmong(_ people: Set<PersonID>) -> Int {
    tieList().count { people.contains($0.0) && people.contains($0.1) }
  }
}
