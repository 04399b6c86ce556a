import GraphCore

/// Where Graphviz put a picture's nodes and lines, for drawings made
/// elsewhere (the explorer page draws them itself from data): points, origin
/// top-left, y downwards.
public struct PictureLayout: Sendable, Equatable {
  public struct Box: Sendable, Equatable {
    /// Centre and size, in points.
    public var x, y, width, height: Double
  }
  public struct Line: Sendable, Equatable {
    public var tail: String
    public var head: String
    /// A cubic Bézier: a start point, then groups of three (two control
    /// points and an end), as flat x, y pairs in points.
    public var points: [Double]
  }
  public var width: Double
  public var height: Double
  /// Node key (`p12`, `s3`) → its box.
  public var nodes: [String: Box]
  /// Lines in Graphviz's order (the DOT text's edge order).
  public var lines: [Line]

  /// Reads Graphviz's `plain` output (`graph scale width height`, `node name
  /// x y width height label …`, `edge tail head n x1 y1 … xn yn …`, `stop`),
  /// inches with y upwards. Quoted and HTML-like labels are skipped whole.
  /// - Complexity: O(bytes).
  init(plain bytes: [UInt8]) throws(RenderError) {
    width = 0
    height = 0
    nodes = [:]
    lines = []
    var scale = 1.0
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
      let t = Self.tokens(line)
      guard let head = t.first else { continue }
      func number(_ i: Int) throws(RenderError) -> Double {
        guard i < t.count, let v = Double(t[i]), v.isFinite else {
          throw .renderFailed(format: "plain", message: "unexpected layout line: \(head) …")
        }
        return v
      }
      switch head {
      case "graph":
        scale = try number(1)
        width = try number(2) * scale * 72
        height = try number(3) * scale * 72
      case "node":
        guard t.count > 5 else { continue }
        nodes[t[1]] = Box(
          x: try number(2) * scale * 72, y: height - (try number(3) * scale * 72), width: try number(4) * 72,
          height: try number(5) * 72)
      case "edge":
        guard t.count > 3, let n = Int(t[3]), n >= 0, t.count >= 4 + 2 * n else { continue }
        var points: [Double] = []
        points.reserveCapacity(2 * n)
        for i in 0..<n {
          points.append(try number(4 + 2 * i) * scale * 72)
          points.append(height - (try number(5 + 2 * i) * scale * 72))
        }
        lines.append(Line(tail: t[1], head: t[2], points: points))
      default:
        continue
      }
    }
  }

  /// Splits a `plain` line into tokens: blanks separate; `"…"` (with `\`
  /// escapes) and `<…>` (nested) are one token each.
  static func tokens(_ line: ArraySlice<UInt8>) -> [String] {
    var out: [String] = []
    var i = line.startIndex
    while i < line.endIndex {
      let b = line[i]
      if b == 0x20 || b == 0x09 || b == 0x0D {
        i += 1
        continue
      }
      let start = i
      if b == UInt8(ascii: "\"") {
        i += 1
        while i < line.endIndex && line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
        i = min(i + 1, line.endIndex)
      } else if b == UInt8(ascii: "<") {
        var depth = 0
        while i < line.endIndex {
          if line[i] == UInt8(ascii: "<") { depth += 1 }
          if line[i] == UInt8(ascii: ">") { depth -= 1 }
          i += 1
          if depth == 0 { break }
        }
      } else {
        while i < line.endIndex && line[i] != 0x20 && line[i] != 0x09 && line[i] != 0x0D { i += 1 }
      }
      out.append(String(decoding: line[start..<i], as: UTF8.self))
    }
    return out
  }
}

extension RenderModel {
  /// Lays the picture out with its engine and returns where everything went
  /// (no SVG is made).
  /// - Complexity: dominated by the layout engine.
  public func layout(renderer: GraphvizRenderer = GraphvizRenderer()) throws(RenderError) -> PictureLayout {
    try PictureLayout(plain: renderer.laidOutPlain(dot: dot(), engine: engine))
  }
}
