import CGraphviz

/// An error from Graphviz.
public enum RenderError: Error, Equatable, CustomStringConvertible, Sendable {
  case unknownEngine(String)
  case unknownFormat(String)
  case noLayoutPlugins
  case parseFailed(String)
  case layoutFailed(engine: String, message: String)
  case renderFailed(format: String, message: String)

  public var description: String {
    switch self {
    case .unknownEngine(let e): "unknown layout engine '\(e)' (use dot, neato, fdp or sfdp)"
    case .unknownFormat(let f): "unknown output format '\(f)' (use svg)"
    case .noLayoutPlugins:
      "Graphviz has no layout plugins registered; run `dot -c` as root (package graphviz / libgraphviz-dev)"
    case .parseFailed(let m): "Graphviz could not read the DOT text: \(m)"
    case .layoutFailed(let e, let m): "Graphviz layout with \(e) failed: \(m)"
    case .renderFailed(let f, let m): "Graphviz could not render \(f): \(m)"
    }
  }
}

/// The one serial executor for every libgvc/libcgraph call in the process.
///
/// Graphviz is not thread-safe, even with one context per thread (two
/// concurrent layouts abort or silently differ; ../shared/GRAPHVIZ.md), so
/// isolation to a per-renderer actor is not enough: all renderers share
/// this global actor.
@globalActor public actor GraphvizActor {
  public static let shared = GraphvizActor()
}

/// Renders DOT text to SVG in memory through libgvc, in-process.
///
/// Every call runs on `GraphvizActor`, one at a time process-wide.
/// Everything created is freed in reverse order (render buffer, layout,
/// graph, context); `srand(1)` before each layout makes `sfdp` output
/// deterministic within a long-lived process.
public struct GraphvizRenderer: Sendable {
  public static let engines: Set<String> = ["dot", "neato", "fdp", "sfdp", "circo", "twopi"]
  public static let formats: Set<String> = ["svg", "dot", "xdot", "json"]

  public init() {}

  /// Lays out `dot` with `engine` and renders it as `format` (default SVG).
  /// - Complexity: dominated by the layout engine (see Guides/Rendering.md).
  @GraphvizActor
  public func render(dot: String, engine: String = "sfdp", format: String = "svg") throws(RenderError) -> [UInt8] {
    guard Self.engines.contains(engine) else { throw .unknownEngine(engine) }
    guard Self.formats.contains(format) else { throw .unknownFormat(format) }
    guard let gvc = gvContext() else { throw .noLayoutPlugins }
    defer { gvFreeContext(gvc) }
    guard let graph = liaison_agmemread(dot) else { throw .parseFailed("syntax error in generated DOT") }
    defer { agclose(graph) }
    srand(1)
    guard gvLayout(gvc, graph, engine) == 0 else {
      throw .layoutFailed(engine: engine, message: "gvLayout returned an error")
    }
    defer { gvFreeLayout(gvc, graph) }
    var buffer: UnsafeMutablePointer<CChar>?
    var length = 0
    guard liaison_render_data(gvc, graph, format, &buffer, &length) == 0, let buffer else {
      throw .renderFailed(format: format, message: "gvRenderData returned an error")
    }
    defer { gvFreeRenderData(buffer) }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
      Array(UnsafeBufferPointer(start: $0, count: length))
    }
  }
}
