/// A Graphviz layout engine, or `auto`: chosen by the view and its size
/// (`dot` for short chains, `neato` up to about 150 nodes, `sfdp` above;
/// Guides/Rendering.md, "Legible at any size").
public enum LayoutEngine: String, Sendable, CaseIterable, Equatable {
  case auto, dot, neato, fdp, sfdp

  /// The engine Graphviz runs: `auto` outside a view (raw DOT text) is `sfdp`.
  var graphvizName: String { self == .auto ? "sfdp" : rawValue }
}

/// What a picture is written as.
public enum PictureFormat: String, Sendable, CaseIterable, Equatable {
  /// Laid out by Graphviz, tooltips restored, then checked (`SVGSafety`).
  case svg
  /// Laid out by Graphviz's cairo plugin (`GraphvizRenderer.supports(format:)`).
  case png, pdf
  /// The DOT text itself, not laid out (`RenderModel.dot()`).
  case dot
}

extension RenderModel {
  /// The picture as the bytes to write, in `format`: the one way from a model
  /// to a file, for the commands and for batch alike.
  ///
  /// SVG is laid out from DOT text that carries a key per tooltip
  /// (`liaison_tip_n3`); each key is then replaced by the tooltip's own
  /// XML-escaped text (Graphviz decodes entities and expands `\N` in
  /// tooltips, so no DOT escaping shows a tooltip as typed), and the result
  /// always passes `SVGSafety.sanitized` — an SVG with a script, an event
  /// handler or an external reference throws `.unsafeOutput` and no bytes
  /// come back. PNG and PDF are rendered by Graphviz (no markup to check);
  /// `.dot` is `dot()`, with tooltips escaped for DOT.
  ///
  /// - Complexity: O(V + E + output size) besides the layout.
  public func render(
    as format: PictureFormat = .svg, renderer: GraphvizRenderer = GraphvizRenderer()
  ) throws(RenderError) -> [UInt8] {
    switch format {
    case .dot:
      return Array(dot().utf8)
    case .svg:
      let raw = try renderer.laidOut(dot: dot(tooltipKeys: true), engine: engine, format: .svg)
      return try SVGSafety.sanitized(withTooltips(raw))
    case .png, .pdf:
      return try renderer.laidOut(dot: dot(), engine: engine, format: format)
    }
  }
}

extension LayoutEngine: CustomStringConvertible {
  /// The engine as Graphviz and `--engine` name it (`sfdp`).
  public var description: String { rawValue }
}

extension PictureFormat: CustomStringConvertible {
  /// The format as `--format` spells it (`svg`).
  public var description: String { rawValue }
}
