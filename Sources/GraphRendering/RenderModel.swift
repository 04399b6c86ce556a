import GraphCore

/// What a picture shows, as a pure Swift value: the people and ties drawn,
/// their styles, summary nodes standing for collapsed people, the legend and
/// the caption. `dot()` turns it into DOT text with every untrusted string
/// escaped (`DOTText`); `render(as:)` lays it out and returns the checked
/// bytes to write.
///
/// Node keys are Liaison's own (`p12` for person 12, `s3` for summary 3), so
/// no name ever becomes a DOT identifier. Every node and edge carries an SVG
/// class (`person`, `summary`, `rank`, `tie`, `suggested`, `bundle`) so tests
/// and style sheets can find them in the SVG.
public struct RenderModel: Sendable, Equatable {
  public enum NodeKind: String, Sendable, Equatable {
    case person, summary
    /// A rank number in a circle (`rank` key prefix `r`), on the line of the suggestion it numbers.
    case rank
  }
  public enum EdgeKind: String, Sendable, Equatable {
    /// An existing tie between two people drawn.
    case tie
    /// A suggested introduction (not a tie).
    case suggested
    /// Ties between a summary node and another node, bundled.
    case bundle
  }
  public enum LineStyle: String, Sendable, Equatable { case solid, dashed, dotted }

  public struct Node: Sendable, Equatable {
    public var key: String
    public var kind: NodeKind
    public var person: PersonID?
    /// Members of a summary node.
    public var members: Int = 1
    public var label: String
    /// Whether the label is drawn (else only the tooltip names the node).
    public var showsLabel: Bool
    public var tooltip: String
    public var fill: String
    public var stroke: String = "#333333"
    public var penwidth: Double = 1
    /// Diameter in inches (circles) or minimum height (labelled boxes).
    public var size: Double
    public var fontsize: Double = 10
    public var bold = false
    public var fontcolor = "#111111"
    /// `x,y` in points with `!` (pinned), for engines that honour it.
    public var pin: String?
    /// Summary nodes: the people they stand for (not in the DOT text).
    public var memberPeople: [PersonID] = []
  }

  public struct Edge: Sendable, Equatable {
    public var a: String
    public var b: String
    public var kind: EdgeKind
    public var penwidth: Double
    public var style: LineStyle
    public var color: String
    public var tooltip: String
    public var label: String?
    /// Layout weight (dot) / spring length factor.
    public var weight: Double = 1
    /// Whether the edge only shapes the layout (drawn invisibly, not in the SVG).
    public var invisible = false
    /// `dot` only: whether the edge sets ranks (false for context ties).
    public var constrains = true
  }

  /// One legend row: a swatch (a fill colour, or a line drawn as text) and its meaning.
  public struct LegendEntry: Sendable, Equatable {
    public var color: String
    public var symbol: String
    public var text: String
    public init(color: String, symbol: String = "●", text: String) {
      self.color = color
      self.symbol = symbol
      self.text = text
    }
  }

  public var view: ViewKind
  public var title: String
  /// Caption lines: what is shown and what was left out.
  public var caption: [String]
  public var legend: [LegendEntry]
  /// The layout engine (dot, neato, fdp or sfdp; `.auto` is laid out as sfdp).
  public var engine: LayoutEngine
  /// Left-to-right ranks for `dot`.
  public var leftToRight = false
  /// Every node has a pinned position (`pos` with `!`, inches): no overlap removal.
  public var pinned = false
  /// Pinned layouts: route edges around nodes (splines) instead of straight lines.
  public var routeAroundNodes = false
  /// Font size of the legend and caption.
  public var legendFontSize = 12.0
  public var nodes: [Node] = []
  public var edges: [Edge] = []

  /// People drawn as themselves (not summarised).
  public var personCount: Int { nodes.count { $0.kind == .person } }
  /// Visible existing ties between two people drawn.
  public var tieCount: Int { edges.count { $0.kind == .tie && !$0.invisible } }
  public var summaryCount: Int { nodes.count { $0.kind == .summary } }

  /// The DOT text of the picture. Deterministic: the same model gives the
  /// same bytes (nodes and edges in model order, numbers with fixed decimals).
  /// - Complexity: O(V + E + total text length).
  public func dot() -> String { dot(tooltipKeys: false) }

  static let tooltipKeyPrefix = Array("xlink:title=\"liaison_tip_".utf8)

  /// `svg` (rendered from `dot(tooltipKeys: true)`) with every
  /// `xlink:title="liaison_tip_…"` replaced by the tooltip it stands for.
  /// - Complexity: O(SVG size + tooltip text length).
  func withTooltips(_ svg: [UInt8]) -> [UInt8] {
    let prefix = Self.tooltipKeyPrefix
    var out: [UInt8] = []
    out.reserveCapacity(svg.count + svg.count / 4)
    var i = 0
    let n = svg.count
    while i < n {
      if svg[i] == prefix[0], i + prefix.count < n, svg[i..<i + prefix.count].elementsEqual(prefix) {
        var j = i + prefix.count
        let kind = svg[j]
        j += 1
        var index = 0
        var digits = 0
        while j < n, svg[j] >= 0x30, svg[j] <= 0x39, digits < 9 {
          index = index * 10 + Int(svg[j] - 0x30)
          digits += 1
          j += 1
        }
        let text: String? =
          if j < n, svg[j] == UInt8(ascii: "\""), digits > 0 {
            kind == UInt8(ascii: "n") && index < nodes.count
              ? nodes[index].tooltip : kind == UInt8(ascii: "e") && index < edges.count ? edges[index].tooltip : nil
          } else {
            nil
          }
        if let text {
          out += Array("xlink:title=\"".utf8)
          out += Array(DOTText.xml(DOTText.shortened(text, limit: DOTText.tooltipLimit), newline: "&#10;").utf8)
          i = j
          continue
        }
      }
      out.append(svg[i])
      i += 1
    }
    return out
  }

  /// The DOT text, with a key in place of each non-empty tooltip when
  /// `tooltipKeys` (for `withTooltips`).
  func dot(tooltipKeys: Bool) -> String {
    var out = "graph liaison {\n"
    var graphAttributes = [
      "bgcolor=\"white\"", "pad=\"0.3\"", "fontname=\"Helvetica\"",
      "fontsize=\"\(TextFormat.fixed(legendFontSize, 2))\"", "outputorder=\"edgesfirst\"",
      "labelloc=\"b\"", "labeljust=\"l\"", "splines=\"false\"", "forcelabels=\"false\"",
    ]
    switch engine {
    case .dot:
      graphAttributes += ["rankdir=\"\(leftToRight ? "LR" : "TB")\"", "nodesep=\"0.35\"", "ranksep=\"0.9\""]
    case .neato where pinned:
      graphAttributes += ["start=\"1\"", "overlap=\"true\""]
      if routeAroundNodes { graphAttributes[graphAttributes.firstIndex(of: "splines=\"false\"")!] = "splines=\"true\"" }
    case .neato:
      graphAttributes += [
        "start=\"1\"", "overlap=\"prism\"", "overlap_scaling=\"-4\"", "sep=\"+10\"", "mode=\"major\"",
      ]
    case .fdp:
      graphAttributes += ["start=\"1\"", "overlap=\"prism\"", "sep=\"+10\""]
    case .sfdp, .auto:
      graphAttributes += ["start=\"1\"", "overlap=\"prism\"", "overlap_scaling=\"-2\"", "sep=\"+8\"", "K=\"0.6\""]
    }
    graphAttributes.append("label=<\(legendTable())>")
    out += "  graph [" + graphAttributes.joined(separator: ", ") + "];\n"
    out += "  node [fontname=\"Helvetica\", style=\"filled\", fixedsize=\"false\", margin=\"0.06,0.03\"];\n"
    out += "  edge [fontname=\"Helvetica\", fontsize=\"10\"];\n"
    func tooltip(_ text: String, _ key: String) -> String {
      tooltipKeys && !text.isEmpty ? "\"liaison_tip_\(key)\"" : DOTText.tooltip(text)
    }
    for (i, n) in nodes.enumerated() {
      var a: [String] = ["class=\"\(n.kind.rawValue)\"", "tooltip=\(tooltip(n.tooltip, "n\(i)"))"]
      if n.kind == .rank {
        a += [
          "shape=\"circle\"", "label=\(DOTText.label(n.label))", "fixedsize=\"true\"",
          "width=\"\(TextFormat.fixed(n.size, 2))\"", "height=\"\(TextFormat.fixed(n.size, 2))\"",
          "fontsize=\"\(TextFormat.fixed(n.fontsize, 2))\"", "fontname=\"Helvetica-Bold\"",
        ]
      } else if n.showsLabel {
        a += [
          "shape=\"box\"", "style=\"rounded,filled\"", "label=\(DOTText.label(n.label))",
          "height=\"\(TextFormat.fixed(n.size, 2))\"", "width=\"0.3\"",
          "fontsize=\"\(TextFormat.fixed(n.fontsize, 2))\"",
        ]
        if n.bold { a.append("fontname=\"Helvetica-Bold\"") }
      } else {
        a += [
          "shape=\"circle\"", "label=\"\"", "fixedsize=\"true\"", "width=\"\(TextFormat.fixed(n.size, 2))\"",
          "height=\"\(TextFormat.fixed(n.size, 2))\"",
        ]
      }
      a += [
        "fontcolor=\"\(n.fontcolor)\"", "fillcolor=\"\(n.fill)\"", "color=\"\(n.stroke)\"",
        "penwidth=\"\(TextFormat.fixed(n.penwidth, 2))\"",
      ]
      if let pin = n.pin { a.append("pos=\"\(pin)\"") }
      out += "  \(n.key) [" + a.joined(separator: ", ") + "];\n"
    }
    for (i, e) in edges.enumerated() {
      var a: [String]
      if e.invisible {
        a = ["style=\"invis\"", "weight=\"\(TextFormat.fixed(e.weight, 2))\"", "len=\"0.6\""]
      } else {
        a = [
          "class=\"\(e.kind.rawValue)\"", "penwidth=\"\(TextFormat.fixed(e.penwidth, 2))\"",
          "style=\"\(e.style.rawValue)\"",
          "color=\"\(e.color)\"", "tooltip=\(tooltip(e.tooltip, "e\(i)"))",
          "weight=\"\(TextFormat.fixed(e.weight, 2))\"",
        ]
        if !e.constrains { a.append("constraint=\"false\"") }
        if let label = e.label {
          // A colour list ("#C0392B:#2C7FB8", parallel lines) writes its label in the first colour.
          let first = e.color.split(separator: ":").first.map(String.init) ?? e.color
          a += ["label=\(DOTText.label(label))", "fontcolor=\"\(first)\""]
        }
      }
      out += "  \(e.a) -- \(e.b) [" + a.joined(separator: ", ") + "];\n"
    }
    return out + "}\n"
  }

  /// The bottom-left HTML-like table: title, legend rows, caption lines.
  private func legendTable() -> String {
    var rows = "<TR><TD ALIGN=\"LEFT\"><B>\(DOTText.html(title, limit: 160))</B></TD></TR>"
    for entry in legend {
      rows +=
        "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"\(entry.color)\" POINT-SIZE=\"16\">\(DOTText.html(entry.symbol, limit: 8))</FONT> "
        + "\(DOTText.html(entry.text, limit: 160))</TD></TR>"
    }
    for line in caption {
      rows += "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#444444\">\(DOTText.html(line, limit: 200))</FONT></TD></TR>"
    }
    return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\(rows)</TABLE>"
  }
}

/// The pictures Liaison draws.
public enum ViewKind: String, Sendable, CaseIterable, Equatable {
  /// The whole network, communities coloured, size by degree or betweenness.
  case network
  /// One person's contacts around them, grouped by company.
  case ego
  /// The strongest introduction chains between two people.
  case path
  /// Suggested introductions among an ego's contacts.
  case introductions
  /// The network with its brokers emphasised.
  case brokers
  /// One node per community, sized by members.
  case communities
}

extension ViewKind: CustomStringConvertible {
  /// The view as `--view` spells it (`ego`).
  public var description: String { rawValue }
}
