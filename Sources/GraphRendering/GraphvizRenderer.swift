import CGraphviz
import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error from Graphviz or from the check of its output.
public enum RenderError: Error, Equatable, CustomStringConvertible, Sendable {
  case noLayoutPlugins
  case formatUnavailable(String)
  case parseFailed(String)
  case layoutFailed(engine: String, message: String)
  case renderFailed(format: String, message: String)
  /// The SVG failed the safety check (script, event handler or external reference).
  case unsafeOutput(String)

  public var description: String {
    switch self {
    case .noLayoutPlugins:
      "Graphviz has no layout plugins registered; run `dot -c` as root (package graphviz / libgraphviz-dev)"
    case .formatUnavailable(let f):
      "this Graphviz cannot write \(f) (the cairo plugin is missing: apt-get install libgraphviz-dev graphviz); use svg"
    case .parseFailed(let m): "Graphviz could not read the DOT text: \(m)"
    case .layoutFailed(let e, let m): "Graphviz layout with \(e) failed: \(m)"
    case .renderFailed(let f, let m): "Graphviz could not render \(f): \(m)"
    case .unsafeOutput(let m): "the SVG failed the safety check and was not written: \(m)"
    }
  }
}

/// The one serial executor for every libgvc/libcgraph call in the process.
///
/// Graphviz is not thread-safe, even with one context per thread (two
/// concurrent layouts abort or silently differ), so
/// isolation to a per-renderer actor is not enough: all renderers share
/// this global actor for async callers, and every call, async or not, runs
/// under `GraphvizRenderer`'s process-wide lock.
@globalActor public actor GraphvizActor {
  public static let shared = GraphvizActor()
}

/// Renders DOT text to SVG (or PNG, PDF, laid-out DOT) in memory through
/// libgvc, in-process. The only file that calls Graphviz.
///
/// Each render reads the DOT into a graph, lays it out, renders it and
/// frees what it created in reverse order (render buffer, layout, graph);
/// the one GVC context is owned by the process-wide lock (`GraphvizLock`).
/// Every render holds one process-wide lock, so Graphviz runs one call at a
/// time whichever thread or actor asks (`render` on `GraphvizActor` for async
/// code, `renderSynchronously` for command-line code). `srand(1)` before each
/// layout makes `sfdp` output deterministic within a long-lived process.
/// That rests on nothing else in the process calling the C library's
/// `rand()` or `random()` during a render: `sfdp` and GTS draw on that one
/// process-wide stream, so a call on another thread changes the layout (a
/// thread calling `rand()` every 50 µs gave five different pictures of five
/// renders). Liaison never calls them; an interposer on the CLI and on the
/// test suite found no caller but Graphviz's.
/// Graphviz's own messages (syntax errors) are collected and carried by the
/// thrown `RenderError`. Every SVG that leaves this type has passed
/// `SVGSafety.sanitized`; pictures of a `RenderModel` go through
/// `RenderModel.render(as:)`, which restores tooltips first.
public struct GraphvizRenderer: Sendable {
  public init() {}

  /// Lays out `dot` with `engine` and renders it as `format` (SVG checked).
  /// - Complexity: dominated by the layout engine (see Guides/Rendering.md).
  @GraphvizActor
  public func render(dot: String, engine: LayoutEngine = .sfdp, format: PictureFormat = .svg) throws(RenderError)
    -> [UInt8]
  {
    try renderSynchronously(dot: dot, engine: engine, format: format)
  }

  /// `render` for synchronous callers: blocks until the process-wide
  /// Graphviz lock is free, then renders (SVG checked).
  /// - Complexity: dominated by the layout engine.
  public func renderSynchronously(dot: String, engine: LayoutEngine = .sfdp, format: PictureFormat = .svg)
    throws(RenderError) -> [UInt8]
  {
    let bytes = try laidOut(dot: dot, engine: engine, format: format)
    return format == .svg ? try SVGSafety.sanitized(bytes) : bytes
  }

  /// Graphviz's output as it comes, not checked: for `RenderModel.render(as:)`
  /// and the two entries above, which check it.
  func laidOut(dot: String, engine: LayoutEngine, format: PictureFormat) throws(RenderError) -> [UInt8] {
    GraphvizLock.shared.lock()
    defer { GraphvizLock.shared.unlock() }
    return try Self.locked(dot: dot, engine: engine.graphvizName, format: format.rawValue)
  }

  /// Graphviz's `plain` text of the layout (positions and sizes in inches),
  /// for `RenderModel.layout()`.
  func laidOutPlain(dot: String, engine: LayoutEngine) throws(RenderError) -> [UInt8] {
    GraphvizLock.shared.lock()
    defer { GraphvizLock.shared.unlock() }
    return try Self.locked(dot: dot, engine: engine.graphvizName, format: "plain")
  }

  /// Whether this Graphviz can write `format` (PNG and PDF need cairo).
  public static func supports(format: PictureFormat) -> Bool {
    GraphvizLock.shared.lock()
    defer { GraphvizLock.shared.unlock() }
    guard let gvc = GraphvizLock.shared.context() else { return false }
    return liaison_has_device(gvc, format.rawValue) != 0
  }

  /// Build → layout → render → free; the caller holds the lock.
  private static func locked(dot: String, engine: String, format: String) throws(RenderError) -> [UInt8] {
    liaison_messages_begin()
    func messages(_ fallback: String) -> String {
      let text = String(cString: liaison_messages())
        .split(whereSeparator: { $0 == "\n" }).map { Identity.trim(String($0)) }.filter { !$0.isEmpty }
        .joined(separator: "; ")
      return text.isEmpty ? fallback : text
    }
    guard let gvc = GraphvizLock.shared.context() else { throw .noLayoutPlugins }
    guard liaison_plugin_count(gvc, "layout") > 0 else { throw .noLayoutPlugins }
    if format == "png" || format == "pdf", liaison_has_device(gvc, format) == 0 { throw .formatUnavailable(format) }
    guard let graph = liaison_agmemread(dot) else { throw .parseFailed(messages("syntax error in the DOT text")) }
    defer { agclose(graph) }
    srand(1)
    guard gvLayout(gvc, graph, engine) == 0 else {
      throw .layoutFailed(engine: engine, message: messages("gvLayout returned an error"))
    }
    defer { gvFreeLayout(gvc, graph) }
    var buffer: UnsafeMutablePointer<CChar>?
    var length = 0
    guard liaison_render_data(gvc, graph, format, &buffer, &length) == 0, let buffer else {
      throw .renderFailed(format: format, message: messages("gvRenderData returned an error"))
    }
    defer { gvFreeRenderData(buffer) }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
      Array(UnsafeBufferPointer(start: $0, count: length))
    }
  }
}

/// The process-wide lock around every Graphviz call (a pthread mutex), and
/// the one GVC context it guards. The context lives as long as the process:
/// Graphviz 2.43 leaks its plugin configuration (~3.7 KB, valgrind) in every
/// `gvContext()`/`gvFreeContext()` pair, so one context for all renders keeps
/// memory flat; every graph, layout and buffer is still freed per render.
final class GraphvizLock: @unchecked Sendable {
  static let shared = GraphvizLock()
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var gvc: OpaquePointer?

  /// The context, created on first use. Call with the lock held.
  func context() -> OpaquePointer? {
    if gvc == nil { gvc = gvContext() }
    return gvc
  }

  private init() {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  func lock() { pthread_mutex_lock(mutex) }
  func unlock() { pthread_mutex_unlock(mutex) }
}
