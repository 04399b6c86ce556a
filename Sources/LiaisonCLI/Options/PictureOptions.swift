import ArgumentParser
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

/// `--svg PATH`: also draw the answer of an analysis command.
struct SVGOption: ParsableArguments {
  @Option(
    name: .customLong("svg"),
    help: ArgumentHelp("Also draw this answer as an SVG picture to this file.", valueName: "path"))
  var svg: String?

  @Option(
    name: .customLong("max-nodes"), parsing: .unconditional,
    help: "Most people drawn in the --svg picture; the rest are summarised.")
  var maxNodes: Int = 300

  @Option(
    name: .customLong("max-names"), parsing: .unconditional,
    help: "Most people named in the --svg picture; beyond it the view aggregates.")
  var maxNames: Int = 60

  func validate() throws {
    try OptionRange.atLeast(2, maxNodes, "--max-nodes")
    try OptionRange.atLeast(2, maxNames, "--max-names")
  }

  /// The picture's file, when one is named.
  var file: OutputFile { OutputFile(path: svg, content: .svg) }

  var viewOptions: ViewOptions {
    var o = ViewOptions()
    o.maxNodes = maxNodes
    o.maxNamed = maxNames
    return o
  }
}

/// Writes pictures: `RenderModel.render(as:)` (layout, and the SVG check
/// nobody can skip), then the one atomic write every output goes through.
enum Drawing {
  /// Renders `model` as `format` and writes it to `path`; prints the reason
  /// and exits 1 when Graphviz or the SVG check fails (nothing is written then).
  static func write(_ model: RenderModel, to path: String, format: PictureFormat = .svg) throws {
    let start = Clock.now()
    let bytes: [UInt8]
    do {
      bytes = try model.render(as: format)
    } catch {
      Terminal.error("\(path): \(error)")
      throw ExitCode.failure
    }
    if getenv("LIAISON_TIMINGS") != nil {
      Terminal.note(
        "render \(model.view.rawValue) (\(TextFormat.count(model.nodes.count, "node")), \(TextFormat.count(model.edges.count, "edge")), "
          + "\(model.engine.rawValue), \(format.rawValue)): \(fixed(Clock.now() - start, 3)) s")
    }
    do {
      try AtomicFileWriter.write(bytes, to: path)
    } catch {
      throw OutputFailure.report(error)
    }
  }
}
